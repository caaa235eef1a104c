//! The backend's clock, which tests can move forward or hold still.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// Marks a clock that follows the wall clock.
const LIVE: i64 = i64::MIN;

/// Wall-clock time (or a frozen instant) plus an offset set by the test-only
/// clock endpoint.
#[derive(Debug)]
pub struct Clock {
    offset: AtomicI64,
    /// The instant the clock was frozen at, or [`LIVE`].
    frozen_at: AtomicI64,
}

impl Default for Clock {
    fn default() -> Self {
        Clock {
            offset: AtomicI64::new(0),
            frozen_at: AtomicI64::new(LIVE),
        }
    }
}

fn wall_clock() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

impl Clock {
    /// Seconds since the Unix epoch, as the backend sees it.
    pub fn now(&self) -> i64 {
        let base = match self.frozen_at.load(Ordering::Relaxed) {
            LIVE => wall_clock(),
            frozen => frozen,
        };
        base + self.offset.load(Ordering::Relaxed)
    }

    /// Stops the clock at the current instant: from now on only
    /// [`Clock::advance`] moves it, so a test that straddles a second
    /// boundary still sees exact durations.
    pub fn freeze(&self) {
        self.frozen_at.store(wall_clock(), Ordering::Relaxed);
    }

    /// Moves the clock forward by `seconds` (negative values are ignored).
    pub fn advance(&self, seconds: i64) {
        self.offset.fetch_add(seconds.max(0), Ordering::Relaxed);
    }

    /// Back to wall-clock time (a frozen clock stays frozen).
    pub fn reset(&self) {
        self.offset.store(0, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(clock.now() <= wall_clock());
    }
}
