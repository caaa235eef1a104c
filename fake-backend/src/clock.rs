//! The backend's clock, which tests can move forward or hold still.

use std::sync::{Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

/// Wall-clock time, or an instant the clock stands still at, plus an offset
/// set by the test-only clock endpoints.
///
/// A clock starts live. [`Clock::freeze`] makes "frozen" the mode it starts
/// in (the native tests do this), [`Clock::freeze_at`] stops it at a chosen
/// instant for a while, and [`Clock::reset`] returns it to the mode it started in.
#[derive(Debug, Default)]
pub struct Clock {
    inner: Mutex<Inner>,
}

#[derive(Debug, Default, Clone, Copy)]
struct Inner {
    /// Seconds added by [`Clock::advance`].
    offset: i64,
    /// The instant the clock stands still at; `None` while it follows the wall clock.
    frozen_at: Option<i64>,
    /// What [`Clock::reset`] returns to: `None` for the wall clock, or the
    /// instant [`Clock::freeze`] stopped it at.
    home: Option<i64>,
}

fn wall_clock() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

impl Clock {
    fn inner(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Seconds since the Unix epoch, as the backend sees it.
    pub fn now(&self) -> i64 {
        let inner = *self.inner();
        inner
            .frozen_at
            .unwrap_or_else(wall_clock)
            .saturating_add(inner.offset)
    }

    /// Stops the clock at the current instant, for good: from now on only
    /// [`Clock::advance`] and [`Clock::freeze_at`] move it, and
    /// [`Clock::reset`] comes back to this instant, so a test that straddles
    /// a second boundary still sees exact durations.
    pub fn freeze(&self) {
        let now = self.now();
        let mut inner = self.inner();
        *inner = Inner {
            offset: 0,
            frozen_at: Some(now),
            home: Some(now),
        };
    }

    /// Stops the clock at `at` (seconds since the Unix epoch), forgetting any
    /// [`Clock::advance`]: from now on only [`Clock::advance`] moves it, until
    /// the next [`Clock::reset`].
    pub fn freeze_at(&self, at: i64) {
        let mut inner = self.inner();
        inner.offset = 0;
        inner.frozen_at = Some(at);
    }

    /// Moves the clock forward by `seconds` (negative values are ignored).
    pub fn advance(&self, seconds: i64) {
        let mut inner = self.inner();
        inner.offset = inner.offset.saturating_add(seconds.max(0));
    }

    /// Moves the clock forward by `seconds` (negative values are ignored) unless
    /// that would take it past `latest`; `false`, and the clock unchanged, then.
    /// Checked and moved under one lock, so two calls cannot pass together.
    pub fn advance_until(&self, seconds: i64, latest: i64) -> bool {
        let mut inner = self.inner();
        let base = inner.frozen_at.unwrap_or_else(wall_clock);
        let offset = inner.offset.checked_add(seconds.max(0));
        match offset.and_then(|o| base.checked_add(o)) {
            Some(at) if at <= latest => {
                inner.offset = offset.unwrap_or(inner.offset);
                true
            }
            _ => false,
        }
    }

    /// Back to the mode the clock started in, without an offset: the wall
    /// clock, or the instant [`Clock::freeze`] stopped it at.
    pub fn reset(&self) {
        let mut inner = self.inner();
        inner.offset = 0;
        inner.frozen_at = inner.home;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 10:00 UTC on Thursday 24 December 2026.
    const CHRISTMAS_EVE: i64 = 1_798_106_400;

    #[test]
    fn a_frozen_clock_moves_only_when_advanced() {
        let clock = Clock::default();
        clock.freeze();
        let t = clock.now();
        std::thread::sleep(std::time::Duration::from_millis(1100));
        assert_eq!(clock.now(), t);
        clock.advance(300);
        assert_eq!(clock.now(), t + 300);
        clock.advance(-50);
        assert_eq!(clock.now(), t + 300);
    }

    #[test]
    fn a_live_clock_follows_the_wall_clock_plus_the_offset() {
        let clock = Clock::default();
        let before = wall_clock();
        clock.advance(60);
        let now = clock.now();
        assert!(now >= before + 60 && now <= wall_clock() + 60);
        clock.reset();
        let now = clock.now();
        assert!(now >= before && now <= wall_clock());
    }

    #[test]
    fn freezing_at_an_instant_drops_the_offset_and_advancing_still_works() {
        let clock = Clock::default();
        clock.advance(7 * 24 * 3_600);
        clock.freeze_at(CHRISTMAS_EVE);
        assert_eq!(
            clock.now(),
            CHRISTMAS_EVE,
            "the earlier advance is forgotten"
        );
        std::thread::sleep(std::time::Duration::from_millis(1100));
        assert_eq!(clock.now(), CHRISTMAS_EVE, "it stands still");
        clock.advance(90);
        assert_eq!(clock.now(), CHRISTMAS_EVE + 90);
        // Freezing again, even in the past, starts from the new instant.
        clock.freeze_at(CHRISTMAS_EVE - 86_400);
        assert_eq!(clock.now(), CHRISTMAS_EVE - 86_400);
    }

    #[test]
    fn reset_after_freezing_at_an_instant_makes_a_live_clock_live_again() {
        let clock = Clock::default();
        clock.freeze_at(CHRISTMAS_EVE + 365 * 86_400);
        clock.advance(60);
        clock.reset();
        let before = wall_clock();
        std::thread::sleep(std::time::Duration::from_millis(1100));
        let now = clock.now();
        assert!(
            now > before && now <= wall_clock(),
            "live: {now} vs {before}"
        );
    }

    #[test]
    fn reset_returns_a_clock_started_frozen_to_its_first_instant() {
        let clock = Clock::default();
        clock.freeze();
        let start = clock.now();
        clock.freeze_at(CHRISTMAS_EVE);
        clock.advance(60);
        clock.reset();
        std::thread::sleep(std::time::Duration::from_millis(1100));
        assert_eq!(clock.now(), start, "still frozen, at the start instant");
    }
}
