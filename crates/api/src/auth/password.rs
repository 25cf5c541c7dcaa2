//! Passwords: the policy a new one must meet, argon2id hashing, and the gate
//! that keeps hashing from exhausting the machine.

use std::sync::Arc;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::{ApiError, Wording};

pub const MIN_LENGTH: usize = 12;
/// Hashing cost grows with length; a cap keeps one request from hogging a core.
pub const MAX_LENGTH: usize = 1024;
/// zxcvbn's score from 0 to 4; 3 means "safely unguessable: moderate
/// protection from an offline slow-hash scenario" (about 10^10 guesses).
const MIN_STRENGTH: zxcvbn::Score = zxcvbn::Score::Three;
/// zxcvbn's matching grows faster than linearly with length, and a password
/// whose first 100 characters are strong is strong: only they are scored.
const SCORED_PREFIX: usize = 100;

fn hasher() -> Argon2<'static> {
    // OWASP's argon2id recommendation: 19 MiB, 2 passes, 1 lane.
    Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::default())
}

/// Slow on purpose and 19 MiB large: run it through [`Hashing::run`] in the
/// server (the command line calls it directly).
pub fn hash(password: &str) -> Result<String, ApiError> {
    let salt = SaltString::generate(&mut OsRng);
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(ApiError::internal)
}

/// Slow on purpose: run it through [`Hashing::run`].
pub fn verify(password: &str, stored_hash: &str) -> bool {
    PasswordHash::new(stored_hash).is_ok_and(|parsed| {
        hasher()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// Spends the time a real verification would, so that an unknown email
/// cannot be told from a wrong password by the answer's delay.
pub fn verify_against_nothing(password: &str) {
    static DUMMY: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    if let Some(dummy) = DUMMY.get_or_init(|| hash("greenlight-timing-equalizer").ok()) {
        let _ = verify(password, dummy);
    }
}

/// Whether `password` may be chosen: 12 characters to 1024 bytes, and hard
/// to guess (zxcvbn score 3 or more) even for someone who knows the
/// account's `related` facts (its email, its name), which are scored as
/// words of the password. The refusal says what to do instead.
pub fn check_policy(password: &str, related: &[&str]) -> Result<(), Wording> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        return Err(Wording::of(
            "validation-password-short",
            vec![("min", MIN_LENGTH.to_string())],
        ));
    }
    if password.len() > MAX_LENGTH {
        return Err(Wording::of(
            "validation-password-long",
            vec![("max", MAX_LENGTH.to_string())],
        ));
    }
    let scored: String = password.chars().take(SCORED_PREFIX).collect();
    // zxcvbn matches each input as one dictionary word: an email or a full
    // name is only guessable piece by piece.
    let related_words: Vec<&str> = related
        .iter()
        .flat_map(|fact| fact.split(|c: char| !c.is_alphanumeric()))
        .filter(|word| word.chars().count() >= 3)
        .collect();
    let estimate = zxcvbn::zxcvbn(&scored, &related_words);
    if estimate.score() >= MIN_STRENGTH {
        return Ok(());
    }
    let warning = estimate
        .feedback()
        .and_then(|feedback| feedback.warning())
        .map(|warning| format!(" ({warning})"))
        .unwrap_or_default();
    // zxcvbn words its warning in English only: other languages get the
    // advice without it.
    Err(Wording::with_english(
        format!(
            "is too easy to guess{warning}: use a passphrase of four or more unrelated words, \
             or a password manager's random password, and nothing from your email or name"
        ),
        "validation-password-guessable",
    ))
}

/// How many password hashes run at once, and how many requests may wait for
/// one. argon2id takes 19 MiB and most of a core for each hash, so a login
/// storm run unbounded exhausts memory and starves every other request; past
/// the queue a request is refused at once with 503 and `Retry-After`.
#[derive(Debug, Clone)]
pub struct Hashing {
    running: Arc<Semaphore>,
    admitted: Arc<Semaphore>,
}

/// What a refused caller is told to wait: a few hashes' time.
const RETRY_AFTER_SECS: u64 = 1;

impl Hashing {
    pub fn new(concurrent: usize, queue: usize) -> Self {
        let concurrent = concurrent.max(1);
        Hashing {
            running: Arc::new(Semaphore::new(concurrent)),
            admitted: Arc::new(Semaphore::new(concurrent + queue)),
        }
    }

    /// Runs `work` (a hash or a verification) on the blocking pool once one
    /// of the hashing slots is free.
    pub async fn run<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        self.admit()?.run(work).await
    }

    /// Takes a place in the queue, or refuses at once when it is full. A
    /// handler admits itself before anything else it does for the hash, so
    /// that a refused request costs next to nothing.
    pub fn admit(&self) -> Result<Admitted, ApiError> {
        let place =
            self.admitted
                .clone()
                .try_acquire_owned()
                .map_err(|_| ApiError::Overloaded {
                    retry_after_secs: RETRY_AFTER_SECS,
                })?;
        Ok(Admitted {
            running: self.running.clone(),
            _place: place,
        })
    }
}

/// A place in the hashing queue: [`Admitted::run`] waits for a slot.
#[derive(Debug)]
pub struct Admitted {
    running: Arc<Semaphore>,
    _place: OwnedSemaphorePermit,
}

impl Admitted {
    pub async fn run<T, F>(self, work: F) -> Result<T, ApiError>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        let _slot = self
            .running
            .acquire_owned()
            .await
            .map_err(ApiError::internal)?;
        Ok(actix_web::web::block(work).await?)
    }
}

impl Hashing {
    /// As many hashes at once as cores, and four waiting per core: a hash
    /// takes tens of milliseconds, so the last in the queue waits a fraction
    /// of a second.
    pub fn default_size() -> (usize, usize) {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        (cores, 4 * cores)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let stored = hash("correct horse battery").unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("correct horse battery", &stored));
        assert!(!verify("correct horse battery!", &stored));
    }

    #[test]
    fn policy_counts_characters_not_bytes() {
        assert!(check_policy("short", &[]).is_err());
        assert!(check_policy("éàüöçñøåßœ", &[]).is_err());
        assert!(check_policy("éàüöçñøåßœ plus", &[]).is_ok());
    }

    #[test]
    fn long_but_guessable_passwords_are_refused_with_advice() {
        for weak in [
            "aaaaaaaaaaaa",
            "password1234",
            "qwertyuiopasdf",
            "123456789012",
            "abcdefghijklmnop",
        ] {
            let refusal = check_policy(weak, &[]).unwrap_err();
            assert!(
                refusal.to_string().contains("passphrase"),
                "{weak}: {refusal}"
            );
        }
        for strong in [
            "a long enough password",
            "correct horse battery",
            "Tr0ub4dor&3-staple-lamp",
        ] {
            assert_eq!(check_policy(strong, &[]), Ok(()), "{strong}");
        }
    }

    #[test]
    fn the_accounts_own_facts_weaken_a_password() {
        let password = "zorblaxquentinworth";
        assert_eq!(check_policy(password, &[]), Ok(()));
        let related = ["zorblax.q@example.org", "Zorblax Quentinworth"];
        assert!(check_policy(password, &related).is_err());
    }

    #[test]
    fn only_a_prefix_is_scored() {
        let strong_start = format!("violet turbine marsh {}", "x".repeat(MAX_LENGTH - 30));
        assert_eq!(check_policy(&strong_start, &[]), Ok(()));
        let weak_start = format!("{}violet turbine marsh", "x".repeat(SCORED_PREFIX));
        assert!(check_policy(&weak_start, &[]).is_err());
    }

    #[actix_web::test]
    async fn hashing_beyond_slots_and_queue_is_refused_at_once() {
        let hashing = Hashing::new(1, 1);
        let (release, wait) = std::sync::mpsc::channel::<()>();
        let holder = hashing.clone();
        let first = actix_web::rt::spawn(async move { holder.run(move || wait.recv()).await });
        let queued_holder = hashing.clone();
        let queued = actix_web::rt::spawn(async move { queued_holder.run(|| 2).await });
        while hashing.admitted.available_permits() > 0 {
            actix_web::rt::task::yield_now().await;
        }
        let refused = hashing.run(|| 3).await;
        assert!(matches!(refused, Err(ApiError::Overloaded { .. })));
        release.send(()).unwrap();
        assert!(first.await.unwrap().is_ok());
        assert_eq!(queued.await.unwrap().unwrap(), 2);
        assert_eq!(hashing.run(|| 4).await.unwrap(), 4);
    }
}
