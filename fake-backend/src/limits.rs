//! How much the fake backend keeps: every collection a client can grow has a
//! bound, and the oldest entries go first. Product teams run long suites
//! against one backend; it must not grow until it falls over.

use std::collections::BTreeMap;

/// Idempotency answers kept at most (the oldest are forgotten first).
pub const IDEMPOTENCY_MAX_ENTRIES: usize = 10_000;
/// Bytes of idempotency answers (keys, headers and bodies) kept at most.
pub const IDEMPOTENCY_MAX_BYTES: usize = 32 * 1024 * 1024;
/// Login-failure records kept at most in each of the three maps (by address
/// and client, by address, by client); the least recently tried go first.
pub const LOGIN_RECORDS_MAX: usize = 10_000;
/// The longest email address a login is recorded for (RFC 5321's path limit):
/// a longer one cannot be an account, so it is refused before anything is kept.
pub const EMAIL_MAX_CHARS: usize = 254;
/// Set-password links kept at most (only the newest of an address works;
/// older ones answer "a newer link was sent" until they drop out of this).
pub const PASSWORD_LINKS_MAX: usize = 1_000;
/// Live sessions kept at most (every login makes one); past this the least
/// recently used end first.
pub const SESSIONS_MAX: usize = 10_000;
/// Uploaded pictures an account may hold that no draft uses (uploads whose
/// answer was lost, say); beyond this the oldest such uploads are deleted.
/// A picture a draft stops using is deleted at once.
pub const ORPHAN_PICTURES_PER_ACCOUNT: usize = 5;
/// Channels one account may request through the API (the test-only
/// `many-channels` endpoint may go beyond, to test long lists).
pub const CHANNELS_PER_ACCOUNT: usize = 200;
/// Sign-up attempts kept per channel; the oldest not yet exchanged go first.
pub const SIGNUP_ATTEMPTS_PER_CHANNEL: usize = 20;
/// Codes the simulated dialog issued that are kept at most (besides their
/// 24-hour keep; they expire after 5 minutes anyway).
pub const ISSUED_CODES_MAX: usize = 1_000;
/// Messages the dev mailbox keeps: the newest.
pub const MAILBOX_MAX: usize = 500;
/// Hand-offs kept per channel (at least the 5 a day the send limit counts);
/// the oldest go first.
pub const HANDOFFS_PER_CHANNEL: usize = 20;
/// Hand-offs kept at most over all channels; the oldest go first (a session
/// bound to a forgotten hand-off ends).
pub const HANDOFFS_MAX: usize = 10_000;

/// Removes the entries of `map` with the smallest `age` until at most `max` are left.
pub fn evict_oldest<K: Ord + Clone, V, A: Ord>(
    map: &mut BTreeMap<K, V>,
    max: usize,
    age: impl Fn(&V) -> A,
) {
    if map.len() <= max {
        return;
    }
    let mut by_age: Vec<(A, K)> = map.iter().map(|(k, v)| (age(v), k.clone())).collect();
    by_age.sort_by(|a, b| a.0.cmp(&b.0));
    let extra = map.len() - max;
    for (_, k) in by_age.into_iter().take(extra) {
        map.remove(&k);
    }
}

/// Keeps the last `max` items of `list` (the newest, when it is in order of arrival).
pub fn keep_newest<T>(list: &mut Vec<T>, max: usize) {
    if list.len() > max {
        let extra = list.len() - max;
        list.drain(..extra);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_oldest_go_first() {
        let mut map: BTreeMap<&str, i64> = [("a", 3), ("b", 1), ("c", 2), ("d", 4)].into();
        evict_oldest(&mut map, 2, |v| *v);
        assert_eq!(map.keys().copied().collect::<Vec<_>>(), ["a", "d"]);
        evict_oldest(&mut map, 5, |v| *v);
        assert_eq!(map.len(), 2);
        let mut list = vec![1, 2, 3, 4, 5];
        keep_newest(&mut list, 3);
        assert_eq!(list, [3, 4, 5]);
        keep_newest(&mut list, 10);
        assert_eq!(list, [3, 4, 5]);
    }
}
