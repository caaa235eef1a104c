//! Random values from the browser's cryptographic generator.

use leptos::prelude::window;

/// `N` random bytes from `crypto.getRandomValues`, or `None` if the browser has no
/// secure generator.
pub fn bytes<const N: usize>() -> Option<[u8; N]> {
    let mut buf = [0u8; N];
    window()
        .crypto()
        .ok()?
        .get_random_values_with_u8_array(&mut buf)
        .ok()?;
    Some(buf)
}

/// 128 random bits as hex: an idempotency key. Without a secure generator it falls
/// back to the time and `Math.random`, which only has to keep retries apart.
pub fn key() -> String {
    let bytes = bytes::<16>().unwrap_or_else(|| {
        let seed = js_sys::Date::now().to_bits() ^ (js_sys::Math::random() * 1e16) as u64;
        let mut b = [0u8; 16];
        b[..8].copy_from_slice(&seed.to_le_bytes());
        b
    });
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The SHA-256 digest of `data` from the browser's `crypto.subtle` (no hash code
/// in the wasm), or `None` where the browser offers none (not a secure context).
pub async fn sha256(data: &[u8]) -> Option<Vec<u8>> {
    let subtle = window().crypto().ok()?.subtle();
    let promise = subtle.digest_with_str_and_u8_array("SHA-256", data).ok()?;
    let digest = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    Some(js_sys::Uint8Array::new(&digest).to_vec())
}
