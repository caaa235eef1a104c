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

    /// One step in the life of a form: send a body, or hear back from the server.
    #[derive(Debug, Clone)]
    enum Step {
        Send(&'static str),
        Answer,
    }

    /// Sends drawn from three bodies, so retries and changed bodies both come up often.
    fn any_steps() -> impl Strategy<Value = Vec<Step>> {
        let body = proptest::sample::select(vec![r#"{"n":1}"#, r#"{"n":2}"#, ""]);
        proptest::collection::vec(
            prop_oneof![3 => body.prop_map(Step::Send), 1 => Just(Step::Answer)],
            1..20,
        )
    }

    #[test]
    fn fingerprint_is_fnv_1a() {
        // Reference values of 64-bit FNV-1a.
        assert_eq!(fingerprint(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fingerprint(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fingerprint(b"foobar"), 0x8594_4171_f739_67e8);
    }

    proptest! {
        /// Over any run of sends and answers, a send reuses the previous key exactly
        /// when it repeats the previous send's body with no answer in between;
        /// otherwise it gets a key never used before.
        #[test]
        fn a_key_is_reused_only_to_retry_the_same_body_before_an_answer(steps in any_steps()) {
            let mut next = counter();
            let mut made = 0;
            let mut rk = RetryKey::default();
            let mut seen = std::collections::HashSet::new();
            // The previous send's body and key, forgotten when the server answers.
            let mut unknown: Option<(&str, String)> = None;
            for step in &steps {
                match step {
                    Step::Answer => {
                        rk.settle();
                        unknown = None;
                    }
                    Step::Send(body) => {
                        let key = rk.key_for(fingerprint(body.as_bytes()), || {
                            made += 1;
                            next()
                        });
                        match &unknown {
                            Some((last, last_key)) if last == body => {
                                prop_assert_eq!(&key, last_key, "retry of {} after {:?}", body, steps);
                            }
                            _ => prop_assert!(seen.insert(key.clone()), "{} reused for {} in {:?}", key, body, steps),
                        }
                        unknown = Some((body, key));
                    }
                }
            }
            prop_assert_eq!(made, seen.len(), "a fresh key is made only when one is used");
        }

        /// Bodies that differ in one byte have different fingerprints (each FNV-1a
        /// step is a bijection of the hash), so an edited body never passes for a retry.
        #[test]
        fn a_one_byte_edit_changes_the_fingerprint(
            body in proptest::collection::vec(any::<u8>(), 1..200),
            at in any::<prop::sample::Index>(),
            delta in 1u8..=255,
        ) {
            let mut edited = body.clone();
            let i = at.index(body.len());
            edited[i] = edited[i].wrapping_add(delta);
            prop_assert_ne!(fingerprint(&body), fingerprint(&edited));
            let mut next = counter();
            let mut rk = RetryKey::default();
            let first = rk.key_for(fingerprint(&body), &mut next);
            prop_assert_ne!(rk.key_for(fingerprint(&edited), &mut next), first);
        }
    }
}
