//! One message as the server received it, with what a reader of it looks
//! for: a header, the body, the text with quoted-printable undone.

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

    /// The body with quoted-printable soft breaks and `=XX` escapes undone,
    /// enough to search it for links and tokens.
    pub fn text(&self) -> String {
        let joined = self.body().replace("=\r\n", "");
        let mut out = Vec::with_capacity(joined.len());
        let bytes = joined.as_bytes();
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
        String::from_utf8_lossy(&out).into_owned()
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
