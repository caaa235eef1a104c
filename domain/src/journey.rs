//! The journey's state machine: where a WhatsApp channel stands and what moves it on.
//!
//! A channel is requested in the Configuration Manager (Pending), gets its
//! business profile, goes through Facebook's Embedded Signup, has a number
//! registered and linked, waits for the provider's activation and is ready.

use crate::field::ProfilePage;
use crate::navigation::Route;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Where a channel stands, in journey order.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChannelState {
    /// Requested in the Configuration Manager; shown as Pending.
    #[default]
    Requested,
    /// The business profile is being filled in.
    Profile,
    /// The profile is complete; the customer is in Facebook's Embedded Signup.
    FacebookSignup,
    /// Facebook registered the number; it waits to be linked to the channel.
    NumberRegistered,
    /// Linked; the provider's final activation takes up to 3 working days.
    Activation,
    /// Conversations reach the agents.
    Ready,
}

impl ChannelState {
    /// Every state, in journey order.
    pub const ALL: [ChannelState; 6] = [
        Self::Requested,
        Self::Profile,
        Self::FacebookSignup,
        Self::NumberRegistered,
        Self::Activation,
        Self::Ready,
    ];

    /// Its position on the timeline, from 0.
    pub fn index(self) -> usize {
        self as usize
    }

    /// Whether the customer can act now (every state but waiting for activation and ready).
    pub fn awaits_customer(self) -> bool {
        !matches!(self, Self::Activation | Self::Ready)
    }

    /// Whether Facebook's sign-up is behind the channel (its number is registered):
    /// the review offers the step after it, not "Continue to Facebook".
    pub fn signed_up(self) -> bool {
        self > Self::FacebookSignup
    }
}

/// The page of the customer's next step for a channel in `state` (the page words
/// its button by the state), or `None` while nothing is theirs to do.
pub fn next_step(state: ChannelState, channel_id: &str) -> Option<Route<'_>> {
    match state {
        ChannelState::Requested | ChannelState::Profile => Some(Route::Profile(channel_id)),
        ChannelState::FacebookSignup => Some(Route::ProfileStep {
            channel: channel_id,
            page: ProfilePage::Review,
            focus: None,
        }),
        ChannelState::NumberRegistered => Some(Route::Confirm(channel_id)),
        ChannelState::Activation | ChannelState::Ready => None,
    }
}

/// Its name on the wire (`number_registered`), for logs and developer messages;
/// the page words each state from its catalogue.
impl fmt::Display for ChannelState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Requested => "requested",
            Self::Profile => "profile",
            Self::FacebookSignup => "facebook_signup",
            Self::NumberRegistered => "number_registered",
            Self::Activation => "activation",
            Self::Ready => "ready",
        })
    }
}

/// What happens to a channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JourneyEvent {
    /// The customer saved the first part of the business profile.
    ProfileStarted,
    /// The profile is complete and the customer left for Facebook.
    SignupStarted,
    /// Facebook's signup came back with a registered number.
    NumberRegistered,
    /// The customer linked the number to the channel and confirmed.
    Linked,
    /// The provider finished activation.
    Activated,
}

/// An event that does not apply in the channel's current state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidTransition {
    /// Where the channel was.
    pub from: ChannelState,
    /// What was attempted.
    pub event: JourneyEvent,
}

impl fmt::Display for InvalidTransition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} does not apply to a channel at {}",
            self.event, self.from
        )
    }
}

/// The state after `event`, or why it cannot happen.
///
/// Repeating the event that led to the current state is allowed and changes
/// nothing, so a retried request is harmless. Going back to Facebook after a
/// cancelled or failed signup is allowed from the profile and signup states.
pub fn advance(from: ChannelState, event: JourneyEvent) -> Result<ChannelState, InvalidTransition> {
    use ChannelState as S;
    use JourneyEvent as E;
    let to = match (from, event) {
        (S::Requested | S::Profile, E::ProfileStarted) => S::Profile,
        (S::Profile | S::FacebookSignup, E::SignupStarted) => S::FacebookSignup,
        (S::FacebookSignup | S::NumberRegistered, E::NumberRegistered) => S::NumberRegistered,
        // A number registered through one channel's sign-up may be linked to another
        // channel still waiting for its number.
        (
            S::Requested | S::Profile | S::FacebookSignup | S::NumberRegistered | S::Activation,
            E::Linked,
        ) => S::Activation,
        (S::Activation | S::Ready, E::Activated) => S::Ready,
        _ => return Err(InvalidTransition { from, event }),
    };
    Ok(to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const EVENTS: [JourneyEvent; 5] = [
        JourneyEvent::ProfileStarted,
        JourneyEvent::SignupStarted,
        JourneyEvent::NumberRegistered,
        JourneyEvent::Linked,
        JourneyEvent::Activated,
    ];

    #[test]
    fn the_happy_path_visits_every_state_in_order() {
        let mut s = ChannelState::Requested;
        let mut seen = vec![s];
        for e in EVENTS {
            s = advance(s, e).unwrap();
            seen.push(s);
        }
        assert_eq!(seen, ChannelState::ALL);
    }

    #[test]
    fn cannot_skip_ahead() {
        assert!(advance(ChannelState::Requested, JourneyEvent::NumberRegistered).is_err());
        assert!(advance(ChannelState::Profile, JourneyEvent::Activated).is_err());
    }

    #[test]
    fn the_sign_up_is_behind_a_channel_once_its_number_is_registered() {
        let signed_up: Vec<_> = ChannelState::ALL
            .into_iter()
            .filter(|s| s.signed_up())
            .collect();
        assert_eq!(
            signed_up,
            [
                ChannelState::NumberRegistered,
                ChannelState::Activation,
                ChannelState::Ready
            ]
        );
    }

    #[test]
    fn next_steps_lead_to_the_right_pages() {
        assert_eq!(
            next_step(ChannelState::Requested, "ch_1").unwrap().path(),
            "/channels/ch_1/profile"
        );
        assert_eq!(
            next_step(ChannelState::FacebookSignup, "ch_1")
                .unwrap()
                .path(),
            "/channels/ch_1/profile/review"
        );
        assert_eq!(
            next_step(ChannelState::NumberRegistered, "a/b")
                .unwrap()
                .path(),
            "/channels/a%2Fb/confirm"
        );
        assert_eq!(next_step(ChannelState::Activation, "x"), None);
    }

    #[test]
    fn serialises_as_snake_case() {
        assert_eq!(
            serde_json::to_string(&ChannelState::FacebookSignup).unwrap(),
            "\"facebook_signup\""
        );
    }

    proptest! {
        /// No event ever moves a channel backwards, and repeating an event is harmless.
        #[test]
        fn never_backwards_and_idempotent(start in 0usize..6, events in proptest::collection::vec(0usize..5, 0..20)) {
            let mut s = ChannelState::ALL[start];
            for i in events {
                if let Ok(next) = advance(s, EVENTS[i]) {
                    prop_assert!(next >= s);
                    prop_assert_eq!(advance(next, EVENTS[i]), Ok(next));
                    s = next;
                }
            }
        }
    }
}
