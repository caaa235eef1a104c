//! Where a hand-off stands: why it no longer works, if it does not, and how the
//! API shows it.

use crate::failure::ApiFailure;
use crate::store::{Data, HandoffEnd, HandoffRecord};
use axum::http::StatusCode;
use domain::contract::Timestamp;
use domain::error::ErrorCode;
use domain::handoff::{Handoff, HandoffStatus};
use domain::journey::ChannelState;

/// Why a hand-off no longer works, as its link and its session explain it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// The colleague finished the Facebook step with it.
    Done,
    /// Its link expired.
    Expired,
    /// A newer link was sent for the channel.
    Replaced,
    /// The owner cancelled it.
    Cancelled,
    /// The channel's Facebook step was done another way (the owner did it).
    Superseded,
}

/// Why the hand-off `id` no longer works, or `None` while it waits; a
/// hand-off the backend has forgotten counts as expired.
pub fn end_of(d: &Data, id: &str, now: Timestamp) -> Option<End> {
    match d.handoffs.iter().find(|h| h.id == id) {
        Some(h) => end(d, h, now),
        None => Some(End::Expired),
    }
}

pub(super) fn end(d: &Data, h: &HandoffRecord, now: Timestamp) -> Option<End> {
    match h.ended {
        Some(HandoffEnd::Done { .. }) => return Some(End::Done),
        Some(HandoffEnd::Replaced { .. }) => return Some(End::Replaced),
        Some(HandoffEnd::Cancelled { .. }) => return Some(End::Cancelled),
        None => {}
    }
    if now >= h.expires_at {
        return Some(End::Expired);
    }
    let at_step = d
        .channels
        .iter()
        .find(|c| c.channel.id == h.channel_id)
        .is_some_and(|c| c.channel.state < ChannelState::NumberRegistered);
    (!at_step).then_some(End::Superseded)
}

/// 410 with the code and words for `end`: each explains itself and offers nothing else.
pub fn gone(end: End, lifetime_secs: i64) -> ApiFailure {
    let (code, message) = match end {
        End::Done => (
            ErrorCode::HandoffUsed,
            "This link has already been used: the Facebook step it was for is done. There is nothing more to do.".to_string(),
        ),
        End::Expired => (
            ErrorCode::HandoffExpired,
            format!(
                "This link has expired: links work for {} after they are sent.",
                lifetime_words(lifetime_secs)
            ),
        ),
        End::Replaced => (
            ErrorCode::HandoffReplaced,
            "A newer link was sent for this Facebook step, so this one no longer works. Use the link in the newest email.".to_string(),
        ),
        End::Cancelled => (
            ErrorCode::HandoffCancelled,
            "The person who sent this link cancelled it, so it no longer works.".to_string(),
        ),
        End::Superseded => (
            ErrorCode::HandoffCancelled,
            "The Facebook step this link was for has been done another way, so the link is no longer needed.".to_string(),
        ),
    };
    ApiFailure::new(StatusCode::GONE, code, message)
}

/// A link's lifetime in words: whole hours ("72 hours", "1 hour"), else minutes.
pub fn lifetime_words(secs: i64) -> String {
    let (n, unit) = if secs % 3600 == 0 {
        (secs / 3600, "hour")
    } else {
        ((secs + 59) / 60, "minute")
    };
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}

/// The hand-off as the owner sees it.
pub(super) fn wire(d: &Data, h: &HandoffRecord, now: Timestamp) -> Handoff {
    let status = match end(d, h, now) {
        None => HandoffStatus::Waiting,
        Some(End::Done) => HandoffStatus::Done,
        Some(End::Expired) => HandoffStatus::Expired,
        Some(End::Replaced | End::Cancelled | End::Superseded) => HandoffStatus::Cancelled,
    };
    Handoff {
        id: h.id.clone(),
        channel_id: h.channel_id.clone(),
        email: h.email.clone(),
        message: h.message.clone(),
        status,
        sent_at: h.sent_at,
        expires_at: h.expires_at,
        completed_at: match h.ended {
            Some(HandoffEnd::Done { at }) => Some(at),
            _ => None,
        },
    }
}

/// The channel's latest hand-off as the owner sees it, if it has one (for the channel list).
pub fn latest_of(d: &Data, channel_id: &str, now: Timestamp) -> Option<Handoff> {
    latest(d, channel_id).map(|h| wire(d, h, now))
}

pub(super) fn latest<'a>(d: &'a Data, channel_id: &str) -> Option<&'a HandoffRecord> {
    d.handoffs.iter().rev().find(|h| h.channel_id == channel_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifetimes_in_words() {
        assert_eq!(lifetime_words(72 * 3600), "72 hours");
        assert_eq!(lifetime_words(3600), "1 hour");
        assert_eq!(lifetime_words(90 * 60), "90 minutes");
        assert_eq!(lifetime_words(1), "1 minute");
    }
}
