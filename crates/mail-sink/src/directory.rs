//! A folder with two files per message received: the `.eml` as it came,
//! which any mail client opens, and a `.txt` beside it with the body's
//! quoted-printable undone, which `grep` reads (a token or a link is never
//! cut by a soft line break there).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::{ACCEPTED, Mailbox, Received};

/// Writes each message to `DIR/{milliseconds since 1970}-{n}.eml` and
/// `.txt`, so that the names sort in the order the messages arrived.
#[derive(Debug)]
pub struct Directory {
    path: PathBuf,
    count: AtomicU64,
}

impl Directory {
    /// Creates the folder if it is missing.
    pub fn open(path: &Path) -> std::io::Result<Directory> {
        fs::create_dir_all(path)?;
        Ok(Directory {
            path: path.to_path_buf(),
            count: AtomicU64::new(0),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn write(&self, message: &Received) -> std::io::Result<()> {
        let millis = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_millis());
        let n = self.count.fetch_add(1, Ordering::SeqCst);
        let name = format!("{millis:015}-{n:06}");
        let head = message.data.split("\r\n\r\n").next().unwrap_or_default();
        let readable = format!("{head}\r\n\r\n{}", message.text());
        self.write_file(&format!("{name}.eml"), &message.data)?;
        self.write_file(&format!("{name}.txt"), &readable)
    }

    /// Written under a temporary name and renamed, so that a reader never
    /// sees half a file.
    fn write_file(&self, name: &str, contents: &str) -> std::io::Result<()> {
        let partial = self.path.join(format!(".{name}.part"));
        let mut file = fs::File::create(&partial)?;
        file.write_all(contents.as_bytes())?;
        file.sync_all()?;
        fs::rename(&partial, self.path.join(name))
    }
}

impl Mailbox for Directory {
    fn deliver(&self, message: Received) -> String {
        match self.write(&message) {
            Ok(_) => ACCEPTED.to_owned(),
            // The client keeps the message and tries again later.
            Err(error) => format!("451 4.3.0 cannot store the message: {error}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_message_is_an_eml_file_and_its_text_in_arrival_order() {
        let folder = tempfile::tempdir().unwrap();
        let directory = Directory::open(&folder.path().join("mail")).unwrap();
        for subject in ["first", "second"] {
            let reply = directory.deliver(Received {
                mail_from: "a@example.org".to_owned(),
                rcpt_to: vec!["b@example.org".to_owned()],
                data: format!("Subject: {subject}\r\n\r\ntoken=3Dglp_a=\r\nb\r\n"),
            });
            assert_eq!(reply, ACCEPTED);
        }
        let mut names: Vec<_> = fs::read_dir(directory.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names.len(), 4, "{names:?}");
        let read = |name: &str| fs::read_to_string(directory.path().join(name)).unwrap();
        assert!(
            names[0].ends_with(".eml") && names[1].ends_with(".txt"),
            "{names:?}"
        );
        assert_eq!(
            read(&names[0]),
            "Subject: first\r\n\r\ntoken=3Dglp_a=\r\nb\r\n"
        );
        assert_eq!(read(&names[1]), "Subject: first\r\n\r\ntoken=glp_ab\r\n");
        assert!(read(&names[2]).starts_with("Subject: second"));
    }
}
