//! Every endpoint of the JSON API, once: its method, its route and the types of
//! its request and its answer.
//!
//! The app calls an endpoint through its `api` module with one of these
//! constants, so the path, the method and both types come together; the fake
//! backend routes the same constant's [`Endpoint::route`]. Neither side writes a
//! path of its own, so they cannot drift.

use crate::brand::Brand;
use crate::contract::{
    Channel, ChannelOverview, ChannelRequest, Health, LinkOutcome, LinkRequest, LinkRequested,
    LoginRequest, NewLinkRequest, PasswordLinkInfo, PictureInfo, ProfileCheck, ProfileCompletion,
    RoutingScript, SessionInfo, SetPasswordRequest,
};
use crate::draft::{DraftPatch, DraftState};
use crate::eligibility::{Eligibility, FacebookBusinessConfirmation};
use crate::handoff::{Handoff, HandoffOpen, HandoffRequest, HandoffView};
use crate::pricing::RateCard;
use crate::signup::{
    CodeExchange, RegisteredNumber, SignupAttempt, SignupConfig, SignupOutcome, SignupStart,
};
use std::marker::PhantomData;

/// An HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Read.
    Get,
    /// Create or act.
    Post,
    /// Change some fields.
    Patch,
    /// Remove.
    Delete,
}

impl Method {
    /// The method as HTTP spells it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// Whether the method changes something (and so carries the CSRF token and an idempotency key).
    pub const fn is_mutating(self) -> bool {
        !matches!(self, Method::Get)
    }
}

/// A body that is not JSON: the bytes of a JPEG or PNG image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(
    feature = "openapi",
    derive(schemars::JsonSchema, serde::Serialize, serde::Deserialize)
)]
pub struct Image;

/// One endpoint: `Req` is what its request carries, `Res` what a 2xx answer holds
/// (`()` for none).
#[derive(Debug)]
pub struct Endpoint<Req, Res> {
    /// Its method.
    pub method: Method,
    /// Its path with `{name}` for each parameter, as the backend routes it.
    pub route: &'static str,
    types: PhantomData<fn(Req) -> Res>,
}

impl<Req, Res> Clone for Endpoint<Req, Res> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<Req, Res> Copy for Endpoint<Req, Res> {}

impl<Req, Res> Endpoint<Req, Res> {
    /// An endpoint at `route`.
    pub const fn new(method: Method, route: &'static str) -> Self {
        Endpoint {
            method,
            route,
            types: PhantomData,
        }
    }

    /// How many `{name}` parameters the route has.
    pub fn parameter_count(&self) -> usize {
        self.route.matches('{').count()
    }

    /// The endpoint without its types.
    pub const fn address(&self) -> Address {
        Address {
            method: self.method,
            route: self.route,
        }
    }

    /// The path with each `{name}` replaced, in order, by the next of `params`,
    /// percent-encoded; a missing parameter is left empty.
    pub fn path<P: AsRef<str>>(&self, params: &[P]) -> String {
        let mut out = String::with_capacity(self.route.len() + 16);
        let mut params = params.iter();
        let mut rest = self.route;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let close = rest[open..].find('}').map_or(rest.len(), |c| open + c + 1);
            if let Some(p) = params.next() {
                out.push_str(&crate::percent::encode(p.as_ref()));
            }
            rest = &rest[close..];
        }
        out.push_str(rest);
        out
    }
}

/// An endpoint without its types: its method and route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Address {
    /// Its method.
    pub method: Method,
    /// Its path with `{name}` for each parameter.
    pub route: &'static str,
}

impl Address {
    /// The parameters of `path` (without its query), still percent-encoded, in
    /// order, when `path` is this route; `None` when it is another. A parameter
    /// is one non-empty segment.
    pub fn params<'p>(&self, path: &'p str) -> Option<Vec<&'p str>> {
        let mut route = self.route.split('/');
        let mut path = path.split('/');
        let mut params = Vec::new();
        loop {
            match (route.next(), path.next()) {
                (None, None) => return Some(params),
                (Some(r), Some(p)) if r.starts_with('{') && r.ends_with('}') && !p.is_empty() => {
                    params.push(p)
                }
                (Some(r), Some(p)) if r == p => {}
                _ => return None,
            }
        }
    }
}

/// GET: answers 200 when the backend is up.
pub const HEALTH: Endpoint<(), Health> = Endpoint::new(Method::Get, "/api/health");

/// GET: this API's OpenAPI 3.1 document (`contract/openapi.json`).
pub const OPENAPI: Endpoint<(), serde_json::Value> =
    Endpoint::new(Method::Get, "/api/openapi.json");

/// GET: the provider's names and links, for an app whose host page gave none (no session needed).
pub const BRAND: Endpoint<(), Brand> = Endpoint::new(Method::Get, "/api/brand");

/// GET: the current session (401 without one).
pub const SESSION: Endpoint<(), SessionInfo> = Endpoint::new(Method::Get, "/api/session");
/// POST: log in; sets the session cookie.
pub const LOG_IN: Endpoint<LoginRequest, SessionInfo> = Endpoint::new(Method::Post, "/api/session");
/// DELETE: log out; ends the session.
pub const LOG_OUT: Endpoint<(), ()> = Endpoint::new(Method::Delete, "/api/session");

/// POST: send a fresh set-password link by email (the same answer whether or not an account exists).
pub const REQUEST_PASSWORD_LINK: Endpoint<NewLinkRequest, LinkRequested> =
    Endpoint::new(Method::Post, "/api/password-links");
/// GET: whether a set-password link is usable.
pub const PASSWORD_LINK: Endpoint<(), PasswordLinkInfo> =
    Endpoint::new(Method::Get, "/api/password-links/{token}");
/// POST: set the password with a link; logs in.
pub const SET_PASSWORD: Endpoint<SetPasswordRequest, SessionInfo> =
    Endpoint::new(Method::Post, "/api/password-links/{token}");

/// GET: the account's WhatsApp channels.
pub const CHANNELS: Endpoint<(), Vec<ChannelOverview>> =
    Endpoint::new(Method::Get, "/api/channels");
/// POST: request a channel, as the Configuration Manager does (201).
pub const REQUEST_CHANNEL: Endpoint<ChannelRequest, Channel> =
    Endpoint::new(Method::Post, "/api/channels");
/// GET: the account's routing scripts.
pub const ROUTING_SCRIPTS: Endpoint<(), Vec<RoutingScript>> =
    Endpoint::new(Method::Get, "/api/routing-scripts");

/// GET: the preconditions for WhatsApp as the backend knows them.
pub const ELIGIBILITY: Endpoint<(), Eligibility> = Endpoint::new(Method::Get, "/api/eligibility");
/// POST: ask the sales representative for the legal terms (once).
pub const REQUEST_TERMS: Endpoint<(), Eligibility> =
    Endpoint::new(Method::Post, "/api/eligibility/terms-request");
/// POST: confirm (or withdraw) having a verified Facebook business account.
pub const CONFIRM_FACEBOOK_BUSINESS: Endpoint<FacebookBusinessConfirmation, Eligibility> =
    Endpoint::new(Method::Post, "/api/eligibility/facebook-business");
/// GET: WhatsApp's rates and the provider's transaction charges.
pub const RATE_CARD: Endpoint<(), RateCard> = Endpoint::new(Method::Get, "/api/pricing/rate-card");

/// GET: the channel's saved profile draft.
pub const PROFILE: Endpoint<(), DraftState> =
    Endpoint::new(Method::Get, "/api/channels/{channel_id}/profile");
/// PATCH: save some of the draft's fields.
pub const SAVE_PROFILE: Endpoint<DraftPatch, DraftState> =
    Endpoint::new(Method::Patch, "/api/channels/{channel_id}/profile");
/// POST: check one step of the profile with the domain's rules and the backend's own
/// (full phone-number validation, numbers already on WhatsApp Business); 204 when it passes.
pub const CHECK_PROFILE: Endpoint<ProfileCheck, ()> =
    Endpoint::new(Method::Post, "/api/channels/{channel_id}/profile/check");
/// POST: upload the profile picture (the body is the image).
pub const UPLOAD_PICTURE: Endpoint<Image, PictureInfo> =
    Endpoint::new(Method::Post, "/api/channels/{channel_id}/profile/picture");
/// POST: the customer confirmed the profile and its business name on the review page.
pub const COMPLETE_PROFILE: Endpoint<ProfileCompletion, DraftState> =
    Endpoint::new(Method::Post, "/api/channels/{channel_id}/profile/complete");
/// GET: an uploaded picture (the answer is the image).
pub const PICTURE: Endpoint<(), Image> = Endpoint::new(Method::Get, "/api/pictures/{picture_id}");

/// GET: the Embedded Signup configuration (also returned with each attempt).
pub const SIGNUP_CONFIG: Endpoint<(), SignupConfig> =
    Endpoint::new(Method::Get, "/api/signup/config");
/// POST: start a Facebook sign-up attempt for the channel (profile complete and saved; 201).
pub const START_SIGNUP: Endpoint<SignupStart, SignupAttempt> =
    Endpoint::new(Method::Post, "/api/channels/{channel_id}/signup");
/// POST: exchange the callback's code, once, for what the sign-up registered.
pub const EXCHANGE_CODE: Endpoint<CodeExchange, SignupOutcome> =
    Endpoint::new(Method::Post, "/api/signup-attempts/{attempt_id}/exchange");
/// GET: the numbers Facebook's sign-up registered for the account.
pub const NUMBERS: Endpoint<(), Vec<RegisteredNumber>> = Endpoint::new(Method::Get, "/api/numbers");
/// POST: link a registered number to a channel (confirm).
pub const LINK: Endpoint<LinkRequest, LinkOutcome> = Endpoint::new(Method::Post, "/api/links");

/// GET: the channel's latest hand-off of its Facebook step, `null` when nobody has
/// been asked (contract 1.3.0: a 404 before, which the app still takes as none).
pub const HANDOFF: Endpoint<(), Option<Handoff>> =
    Endpoint::new(Method::Get, "/api/channels/{channel_id}/handoff");
/// POST: mail a colleague a link to do the channel's Facebook step (201); a
/// hand-off still waiting is replaced (its link stops working).
pub const SEND_HANDOFF: Endpoint<HandoffRequest, Handoff> =
    Endpoint::new(Method::Post, "/api/channels/{channel_id}/handoff");
/// POST: mail the latest hand-off's colleague a new link (201); the old one stops working.
pub const RESEND_HANDOFF: Endpoint<(), Handoff> =
    Endpoint::new(Method::Post, "/api/channels/{channel_id}/handoff/resend");
/// DELETE: cancel the waiting hand-off; its link stops working.
pub const CANCEL_HANDOFF: Endpoint<(), Handoff> =
    Endpoint::new(Method::Delete, "/api/channels/{channel_id}/handoff");
/// POST: open a hand-off link (no session needed); sets a session that may do
/// only that channel's Facebook step.
pub const OPEN_HANDOFF: Endpoint<HandoffOpen, HandoffView> =
    Endpoint::new(Method::Post, "/api/handoff/open");
/// GET: the hand-off of the current (hand-off) session.
pub const CURRENT_HANDOFF: Endpoint<(), HandoffView> =
    Endpoint::new(Method::Get, "/api/handoff/current");

/// Every endpoint of the API (the test harness's are in [`crate::testing`]), in
/// the order the OpenAPI document lists them.
pub const ALL: [Address; 33] = [
    HEALTH.address(),
    OPENAPI.address(),
    BRAND.address(),
    SESSION.address(),
    LOG_IN.address(),
    LOG_OUT.address(),
    REQUEST_PASSWORD_LINK.address(),
    PASSWORD_LINK.address(),
    SET_PASSWORD.address(),
    CHANNELS.address(),
    REQUEST_CHANNEL.address(),
    ROUTING_SCRIPTS.address(),
    ELIGIBILITY.address(),
    REQUEST_TERMS.address(),
    CONFIRM_FACEBOOK_BUSINESS.address(),
    RATE_CARD.address(),
    PROFILE.address(),
    SAVE_PROFILE.address(),
    CHECK_PROFILE.address(),
    UPLOAD_PICTURE.address(),
    COMPLETE_PROFILE.address(),
    PICTURE.address(),
    SIGNUP_CONFIG.address(),
    START_SIGNUP.address(),
    EXCHANGE_CODE.address(),
    NUMBERS.address(),
    LINK.address(),
    HANDOFF.address(),
    SEND_HANDOFF.address(),
    RESEND_HANDOFF.address(),
    CANCEL_HANDOFF.address(),
    OPEN_HANDOFF.address(),
    CURRENT_HANDOFF.address(),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_encoded_as_one_segment_each() {
        assert_eq!(PROFILE.path(&["ch_1"]), "/api/channels/ch_1/profile");
        assert_eq!(
            CHECK_PROFILE.path(&["a/b?c"]),
            "/api/channels/a%2Fb%3Fc/profile/check"
        );
        assert_eq!(
            PASSWORD_LINK.path(&["ab/c?d"]),
            "/api/password-links/ab%2Fc%3Fd"
        );
        assert_eq!(CHANNELS.path::<&str>(&[]), "/api/channels");
        assert_eq!(PROFILE.path::<&str>(&[]), "/api/channels//profile");
    }

    #[test]
    fn routes_are_api_paths_with_named_parameters() {
        let routes = [
            (HEALTH.route, HEALTH.parameter_count()),
            (PASSWORD_LINK.route, PASSWORD_LINK.parameter_count()),
            (PROFILE.route, PROFILE.parameter_count()),
            (UPLOAD_PICTURE.route, UPLOAD_PICTURE.parameter_count()),
            (PICTURE.route, PICTURE.parameter_count()),
            (EXCHANGE_CODE.route, EXCHANGE_CODE.parameter_count()),
        ];
        for (route, params) in routes {
            assert!(route.starts_with("/api/"), "{route}");
            assert_eq!(route.matches('}').count(), params, "{route}");
            assert!(!route.contains("{}"), "{route}");
        }
        assert_eq!(PROFILE.route, SAVE_PROFILE.route);
        assert!(SAVE_PROFILE.method.is_mutating() && !PROFILE.method.is_mutating());
        assert_eq!(LOG_OUT.method.as_str(), "DELETE");
    }

    #[test]
    fn an_address_matches_its_own_paths_and_names_their_parameters() {
        let a = START_SIGNUP.address();
        assert_eq!(a.params("/api/channels/ch_1/signup"), Some(vec!["ch_1"]));
        assert_eq!(a.params("/api/channels//signup"), None);
        assert_eq!(a.params("/api/channels/ch_1/signup/x"), None);
        assert_eq!(a.params("/api/channels/ch_1"), None);
        assert_eq!(
            SESSION.address().params("/api/session"),
            Some(Vec::<&str>::new())
        );
        assert_eq!(OPEN_HANDOFF.address().params("/api/handoff/opened"), None);
    }

    #[test]
    fn the_table_names_each_endpoint_once() {
        for (i, a) in ALL.iter().enumerate() {
            assert!(a.route.starts_with("/api/"), "{}", a.route);
            assert!(
                !ALL[..i].contains(a),
                "{} {} twice",
                a.method.as_str(),
                a.route
            );
        }
    }
}
