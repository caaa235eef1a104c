//! Which idempotency key a submission carries.
//!
//! A new submission gets a fresh key. When a request's outcome is unknown (the
//! network failed or it timed out after the request may have arrived), trying
//! the same request again reuses the key, so the backend answers with what it
//! did the first time instead of doing it twice. Any answer from the server
//! settles the outcome and the next submission gets a new key.

/// The key state of one form or action.
#[derive(Debug, Default, Clone)]
pub struct RetryKey {
    unsettled: Option<(u64, String)>,
}

impl RetryKey {
    /// The key for a request whose body has `fingerprint`; `fresh` makes a new random key.
    pub fn key_for(&mut self, fingerprint: u64, fresh: impl FnOnce() -> String) -> String {
        match &self.unsettled {
            Some((fp, key)) if *fp == fingerprint => key.clone(),
            _ => {
                let key = fresh();
                self.unsettled = Some((fingerprint, key.clone()));
                key
            }
        }
    }

    /// The server answered (success or refusal): the next request needs a new key.
    pub fn settle(&mut self) {
        self.unsettled = None;
    }
}

/// A stable 64-bit fingerprint of a request body (FNV-1a), to tell retries from new requests.
pub fn fingerprint(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn counter() -> impl FnMut() -> String {
        let mut n = 0;
        move || {
            n += 1;
            format!("k{n}")
        }
    }

    #[test]
    fn retry_of_unknown_outcome_reuses_key() {
        let mut next = counter();
        let mut rk = RetryKey::default();
        let a = rk.key_for(1, &mut next);
        assert_eq!(
            rk.key_for(1, &mut next),
            a,
            "same body, outcome unknown: same key"
        );
        rk.settle();
        assert_ne!(rk.key_for(1, &mut next), a, "after an answer: new key");
    }

    #[test]
    fn changed_body_gets_new_key() {
        let mut next = counter();
        let mut rk = RetryKey::default();
        let a = rk.key_for(1, &mut next);
        let b = rk.key_for(2, &mut next);
        assert_ne!(a, b);
    }

    proptest! {
        #[test]
        fn fingerprint_separates_different_bodies(a in ".*", b in ".*") {
            prop_assume!(a != b);
            prop_assert_ne!(fingerprint(a.as_bytes()), fingerprint(b.as_bytes()));
        }
    }
}
