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
}
