//! A folder of `.eml` files, one per message received: what any mail
//! client opens, and what `grep` reads.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::{ACCEPTED, Mailbox, Received};

/// Writes each message to `DIR/{milliseconds since 1970}-{n}.eml`, so that
/// the names sort in the order the messages arrived.
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

    /// Written under a temporary name and renamed, so that a reader never
    /// sees half a message.
    fn write(&self, message: &Received) -> std::io::Result<PathBuf> {
        let millis = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_millis());
        let n = self.count.fetch_add(1, Ordering::SeqCst);
        let name = format!("{millis:015}-{n:06}");
        let partial = self.path.join(format!(".{name}.part"));
        let done = self.path.join(format!("{name}.eml"));
        let mut file = fs::File::create(&partial)?;
        file.write_all(message.data.as_bytes())?;
        file.sync_all()?;
        fs::rename(&partial, &done)?;
        Ok(done)
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
    fn each_message_is_one_eml_file_in_arrival_order() {
        let folder = tempfile::tempdir().unwrap();
        let directory = Directory::open(&folder.path().join("mail")).unwrap();
        for subject in ["first", "second"] {
            let reply = directory.deliver(Received {
                mail_from: "a@example.org".to_owned(),
                rcpt_to: vec!["b@example.org".to_owned()],
                data: format!("Subject: {subject}\r\n\r\nbody\r\n"),
            });
            assert_eq!(reply, ACCEPTED);
        }
        let mut names: Vec<_> = fs::read_dir(directory.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names.len(), 2, "{names:?}");
        assert!(names.iter().all(|name| name.ends_with(".eml")), "{names:?}");
        let first = fs::read_to_string(directory.path().join(&names[0])).unwrap();
        assert_eq!(first, "Subject: first\r\n\r\nbody\r\n");
    }
}
