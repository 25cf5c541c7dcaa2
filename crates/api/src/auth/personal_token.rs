use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// Marks a personal API token, so it is told from a JWT at a glance and
/// secret scanners can recognise a leaked one.
pub const PREFIX: &str = "glp_";
const SECRET_BYTES: usize = 32;

/// A new token: 32 bytes from the OS's CSPRNG behind the prefix.
pub fn generate() -> String {
    let mut secret = [0u8; SECRET_BYTES];
    rand::rng().fill_bytes(&mut secret);
    format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(secret))
}

/// What is stored. A fast hash is enough here: the token has 256 random bits,
/// so there is nothing for a slow hash to protect against guessing.
pub fn digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_distinct_and_prefixed() {
        let (a, b) = (generate(), generate());
        assert_ne!(a, b);
        assert!(a.starts_with(PREFIX));
        assert!(a.len() >= PREFIX.len() + 43);
        assert_eq!(digest(&a), digest(&a));
        assert_ne!(digest(&a), digest(&b));
    }
}
