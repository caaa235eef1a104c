//! Random tokens, their stored digests, constant-time comparison, and password
//! hashing (on the blocking pool, never on the async workers).

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

/// A URL-safe random token with 256 bits of entropy.
pub fn token() -> String {
    let bytes: [u8; 32] = rand::random();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// What the store keeps instead of a token (session cookie, set-password link):
/// its SHA-256, URL-safe base64. A copy of the data gives no usable token.
pub fn digest(token: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(token.as_bytes()))
}

/// A random key made when the process starts: CSRF tokens are derived with it.
fn server_key() -> &'static [u8; 32] {
    static KEY: OnceLock<[u8; 32]> = OnceLock::new();
    KEY.get_or_init(rand::random)
}

/// The anti-CSRF token of the session whose cookie is `session_token`:
/// SHA-256 of the server's key and the token, so it is never stored, cannot be
/// computed without the key, and `GET /api/session` can give it again.
pub fn csrf_token(session_token: &str) -> String {
    let mut h = Sha256::new();
    h.update(server_key());
    h.update(b"csrf\0");
    h.update(session_token.as_bytes());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(h.finalize())
}

/// Whether two secrets are equal, in time that does not depend on where they differ.
pub fn same(a: &str, b: &str) -> bool {
    domain::signup::same_secret(a, b)
}

/// [`hash_password`] on the blocking pool: Argon2 takes tens of milliseconds of
/// CPU, which must not stall the async workers that serve every other request.
pub async fn hash_password_blocking(password: String) -> String {
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .unwrap_or_default()
}

/// [`verify_password`] on the blocking pool; `None` for the hash checks the decoy.
pub async fn verify_password_blocking(password: String, hash: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || {
        let ok = verify_password(&password, hash.as_deref().unwrap_or(decoy_hash()));
        ok && hash.is_some()
    })
    .await
    .unwrap_or(false)
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

    #[test]
    fn digests_and_csrf_tokens_are_fixed_per_token_and_differ() {
        let t = token();
        assert_eq!(digest(&t), digest(&t));
        assert_ne!(digest(&t), t);
        assert_eq!(csrf_token(&t), csrf_token(&t));
        assert_ne!(csrf_token(&t), digest(&t), "keyed, not the plain digest");
        assert_ne!(csrf_token(&t), csrf_token(&token()));
        assert!(same("abc", "abc") && !same("abc", "abd") && !same("abc", "ab"));
    }
}
