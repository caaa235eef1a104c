//! Random tokens and password hashing.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use base64::Engine;

/// A URL-safe random token with 256 bits of entropy.
pub fn token() -> String {
    let bytes: [u8; 32] = rand::random();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// An Argon2id hash of `password` with a random salt.
pub fn hash_password(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        // Hashing only fails for parameters out of range; the defaults are in range.
        .unwrap_or_default()
}

/// Whether `password` matches `hash`; a malformed hash matches nothing.
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash of a password nobody has, so an unknown email costs as much time as a known one.
pub fn decoy_hash() -> &'static str {
    use std::sync::OnceLock;
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| hash_password(&token()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_tokens_differ() {
        let h = hash_password("lamp river orange");
        assert!(verify_password("lamp river orange", &h));
        assert!(!verify_password("lamp river orangE", &h));
        assert!(!verify_password("x", "not a hash"));
        assert_ne!(token(), token());
        assert_eq!(token().len(), 43);
    }
}
