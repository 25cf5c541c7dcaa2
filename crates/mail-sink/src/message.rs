//! One message as the server received it, with what a reader of it looks
//! for: a header, the body, the text with its transfer encoding undone.

use base64::Engine;

/// One message as the server received it.
#[derive(Debug, Clone)]
pub struct Received {
    pub mail_from: String,
    pub rcpt_to: Vec<String>,
    /// Headers and body, CRLF line ends, dot-stuffing undone.
    pub data: String,
}

impl Received {
    /// The value of the first header called `name` (any case), unfolded.
    pub fn header(&self, name: &str) -> Option<String> {
        let head = self.data.split("\r\n\r\n").next().unwrap_or_default();
        let mut value: Option<String> = None;
        for line in head.split("\r\n") {
            if let Some(current) = value.as_mut() {
                if line.starts_with(' ') || line.starts_with('\t') {
                    current.push(' ');
                    current.push_str(line.trim());
                    continue;
                }
                break;
            }
            if let Some((key, rest)) = line.split_once(':')
                && key.eq_ignore_ascii_case(name)
            {
                value = Some(rest.trim().to_owned());
            }
        }
        value
    }

    /// The body as sent (for the plain text messages the service writes,
    /// quoted-printable or 7-bit as lettre chose).
    pub fn body(&self) -> &str {
        self.data
            .split_once("\r\n\r\n")
            .map_or("", |(_, body)| body)
    }

    /// The body as text: base64 decoded, or quoted-printable soft breaks
    /// and `=XX` escapes undone (UTF-8 included), whichever the sender chose.
    pub fn text(&self) -> String {
        let base64 = self
            .header("Content-Transfer-Encoding")
            .is_some_and(|encoding| encoding.eq_ignore_ascii_case("base64"));
        let bytes = if base64 {
            let joined: String = self.body().split_whitespace().collect();
            base64::engine::general_purpose::STANDARD
                .decode(joined)
                .unwrap_or_default()
        } else {
            unescape_hex(&self.body().replace("=\r\n", ""))
        };
        String::from_utf8_lossy(&bytes).into_owned()
    }

    /// The value of header `name` with its RFC 2047 encoded words (how
    /// lettre writes a subject that is not ASCII) decoded.
    pub fn decoded_header(&self, name: &str) -> Option<String> {
        let raw = self.header(name)?;
        let mut out = String::new();
        let mut pending: Vec<u8> = Vec::new();
        let mut after_plain = false;
        for word in raw.split(' ') {
            if let Some(decoded) = encoded_word(word) {
                if after_plain {
                    out.push(' ');
                    after_plain = false;
                }
                pending.extend(decoded);
                continue;
            }
            if !pending.is_empty() {
                out.push_str(&String::from_utf8_lossy(&std::mem::take(&mut pending)));
                out.push(' ');
            } else if after_plain {
                out.push(' ');
            }
            out.push_str(word);
            after_plain = true;
        }
        out.push_str(&String::from_utf8_lossy(&pending));
        Some(out)
    }
}

/// `=XX` escapes as bytes; the rest as is.
fn unescape_hex(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'='
            && i + 2 < bytes.len()
            && let Some(byte) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// The bytes an RFC 2047 encoded word (`=?utf-8?b?...?=`, `=?utf-8?q?...?=`)
/// stands for; `None` for any other word.
fn encoded_word(word: &str) -> Option<Vec<u8>> {
    let inner = word.strip_prefix("=?")?.strip_suffix("?=")?;
    let mut parts = inner.splitn(3, '?');
    let (_charset, encoding, text) = (parts.next()?, parts.next()?, parts.next()?);
    match encoding {
        "b" | "B" => base64::engine::general_purpose::STANDARD.decode(text).ok(),
        "q" | "Q" => Some(unescape_hex(&text.replace('_', " "))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn received(data: &str) -> Received {
        Received {
            mail_from: "a@example.org".to_owned(),
            rcpt_to: vec!["b@example.org".to_owned()],
            data: data.to_owned(),
        }
    }

    #[test]
    fn headers_are_found_in_any_case_and_unfolded() {
        let mail = received("Subject: one\r\n two\r\nTo: b@example.org\r\n\r\nbody\r\n");
        assert_eq!(mail.header("subject").as_deref(), Some("one two"));
        assert_eq!(mail.header("TO").as_deref(), Some("b@example.org"));
        assert_eq!(mail.header("Cc"), None);
        assert_eq!(mail.body(), "body\r\n");
    }

    #[test]
    fn quoted_printable_is_undone() {
        let mail = received("Subject: x\r\n\r\ntoken=3Dglp_ab=\r\ncd caf=C3=A9\r\n");
        assert_eq!(mail.text(), "token=glp_abcd café\r\n");
    }
}
