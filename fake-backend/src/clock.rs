//! The backend's clock, which tests can move forward.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// Wall-clock time plus an offset set by the test-only clock endpoint.
#[derive(Debug, Default)]
pub struct Clock {
    offset: AtomicI64,
}

impl Clock {
    /// Seconds since the Unix epoch, as the backend sees it.
    pub fn now(&self) -> i64 {
        let real = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        real + self.offset.load(Ordering::Relaxed)
    }

    /// Moves the clock forward by `seconds` (negative values are ignored).
    pub fn advance(&self, seconds: i64) {
        self.offset.fetch_add(seconds.max(0), Ordering::Relaxed);
    }

    /// Back to wall-clock time.
    pub fn reset(&self) {
        self.offset.store(0, Ordering::Relaxed);
    }
}
