//! The OpenAPI 3.1 document of the JSON API, generated from the endpoint table
//! ([`crate::endpoint`]) and the contract's own types, so the document cannot
//! drift from what the app sends and the backend answers.
//!
//! Behind the `openapi` feature (the app's wasm never builds it). The document is
//! checked into `contract/openapi.json` (and the test harness's endpoints into
//! `contract/openapi.test.json`); a test fails when the checked-in files differ
//! from what the types generate.

use crate::endpoint::{self as e, Endpoint, Image, Method};
use crate::error::{ErrorBody, ErrorCode, FieldError};
use crate::handoff::{SESSION_ACTS, SESSION_MAY_CALL};
use schemars::generate::{Contract, SchemaSettings};
use schemars::{JsonSchema, SchemaGenerator};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Map, Value};
use std::any::TypeId;
use std::fmt::Debug;

mod examples;
#[cfg(test)]
mod round_trip;

/// The document's version: its `info.version` (1.1.0 added `DraftState.channel_state`;
/// 1.2.0 the optional display forms of numbers: `RegisteredNumber.display`,
/// `ChannelOverview.number_display` and `HandoffView.phone_display`; 1.3.0 made
/// `getHandoff` answer `null` for a channel whose owner asked nobody, where it
/// answered 404).
pub const VERSION: &str = "1.3.0";

/// Who may call an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    /// Anyone (logging in, set-password links, the brand).
    Public,
    /// A session: the cookie, and for a mutating call its `X-CSRF-Token`.
    Session,
    /// The test harness (test mode only).
    Test,
}

/// What the document says of one endpoint besides its types.
struct Operation {
    id: &'static str,
    summary: &'static str,
    /// The status of a success.
    ok: u16,
    access: Access,
    /// The error statuses it may answer, besides those every endpoint of its kind may.
    errors: &'static [u16],
    /// Whether a success sets the session cookie.
    sets_cookie: bool,
}

fn op(id: &'static str, summary: &'static str, ok: u16, access: Access) -> Operation {
    Operation {
        id,
        summary,
        ok,
        access,
        errors: &[],
        sets_cookie: false,
    }
}

/// One JSON body the document describes, with the Rust type that reads and writes it.
pub struct Body {
    /// The operation's id, and whether the body is its request (else its success answer).
    pub operation: &'static str,
    /// Whether the body is what the request carries (else what a success answers).
    pub request: bool,
    /// Its schema, as the document gives it (often a `$ref` into `components`).
    pub schema: Value,
    /// The document's example of it, if any.
    pub example: Option<Value>,
    /// Reads `value` as the Rust type, writes it back, reads that again and
    /// checks both reads are equal; returns what it wrote.
    pub round_trip: fn(&Value) -> Result<Value, String>,
}

/// See [`Body::round_trip`].
fn round_trip<T: Serialize + DeserializeOwned + PartialEq + Debug>(
    value: &Value,
) -> Result<Value, String> {
    let read: T = serde_json::from_value(value.clone()).map_err(|e| format!("not read: {e}"))?;
    let written = serde_json::to_value(&read).map_err(|e| format!("not written: {e}"))?;
    let again: T = serde_json::from_value(written.clone())
        .map_err(|e| format!("written {written} is not read back: {e}"))?;
    if again == read {
        Ok(written)
    } else {
        Err(format!(
            "read {read:?}, wrote {written}, read back {again:?}"
        ))
    }
}

/// Whether `T` travels as JSON (not nothing, not an image's bytes).
fn is_json<T: 'static>() -> bool {
    TypeId::of::<T>() != TypeId::of::<()>() && TypeId::of::<T>() != TypeId::of::<Image>()
}

/// The example error body of `status`, with the code the backend answers it with.
fn error_example(status: u16) -> ErrorBody {
    let (code, message) = match status {
        400 => (ErrorCode::Malformed, "The request could not be read."),
        401 => (
            ErrorCode::Unauthorized,
            "Your session has ended. Log in again.",
        ),
        403 => (
            ErrorCode::Csrf,
            "The request did not come from the app. Reload the page and try again.",
        ),
        404 => (ErrorCode::NotFound, "Nothing was found at this address."),
        409 => (
            ErrorCode::Conflict,
            "This was changed elsewhere. Reload the page to see the latest.",
        ),
        410 => (
            ErrorCode::LinkExpired,
            "This link has expired. Ask for a new one.",
        ),
        413 => (ErrorCode::PayloadTooLarge, "The request is too large."),
        415 => (
            ErrorCode::UnsupportedMediaType,
            "Send the request as application/json.",
        ),
        422 => {
            return ErrorBody::validation(vec![FieldError::new(
                "email",
                "Enter an email address in the correct format, like name@example.com",
            )])
        }
        429 => (
            ErrorCode::RateLimited,
            "Too many attempts. Try again in 60 seconds.",
        ),
        500 => {
            let mut body = ErrorBody::new(
                ErrorCode::Internal,
                "Something went wrong on our side. Quote the reference if you contact support.",
            );
            body.error_id = Some("err_5f2c9a1e".into());
            return body;
        }
        _ => (
            ErrorCode::Unavailable,
            "The service is unavailable for a moment. Try again shortly.",
        ),
    };
    ErrorBody::new(code, message)
}

/// Builds the document.
struct Builder {
    requests: SchemaGenerator,
    responses: SchemaGenerator,
    paths: Map<String, Value>,
    /// Every JSON body, for the round-trip tests.
    bodies: Vec<Body>,
}

impl Builder {
    fn new() -> Self {
        let settings = |contract| {
            SchemaSettings::draft2020_12().with(|s| {
                s.definitions_path = "/components/schemas".into();
                s.meta_schema = None;
                s.contract = contract;
            })
        };
        Builder {
            requests: settings(Contract::Deserialize).into_generator(),
            responses: settings(Contract::Serialize).into_generator(),
            paths: Map::new(),
            bodies: Vec::new(),
        }
    }

    fn add<Req, Res>(&mut self, endpoint: Endpoint<Req, Res>, o: Operation)
    where
        Req: JsonSchema + Serialize + DeserializeOwned + PartialEq + Debug + 'static,
        Res: JsonSchema + Serialize + DeserializeOwned + PartialEq + Debug + 'static,
    {
        let mut operation = Map::new();
        operation.insert("operationId".into(), json!(o.id));
        operation.insert("summary".into(), json!(o.summary));
        let mutating = endpoint.method.is_mutating();
        let mut parameters: Vec<Value> = endpoint
            .route
            .split('{')
            .skip(1)
            .filter_map(|p| p.split('}').next())
            .map(|name| {
                json!({ "name": name, "in": "path", "required": true, "schema": { "type": "string" } })
            })
            .collect();
        if mutating && o.access != Access::Test {
            if o.access == Access::Session {
                parameters.push(json!({ "$ref": "#/components/parameters/CsrfToken" }));
            }
            parameters.push(json!({ "$ref": "#/components/parameters/IdempotencyKey" }));
        }
        if !parameters.is_empty() {
            operation.insert("parameters".into(), Value::Array(parameters));
        }
        if o.access == Access::Session {
            operation.insert("security".into(), json!([{ "session": [] }]));
        }
        let (request_example, response_example) = examples::of(o.id);
        if let Some(mut body) = payload::<Req>(&mut self.requests) {
            if is_json::<Req>() {
                self.record::<Req>(o.id, true, &mut body, request_example);
            }
            operation.insert(
                "requestBody".into(),
                json!({ "required": true, "content": body }),
            );
        }
        let mut responses = Map::new();
        let mut ok = Map::new();
        ok.insert("description".into(), json!(status_words(o.ok)));
        if let Some(mut body) = payload::<Res>(&mut self.responses) {
            if is_json::<Res>() {
                self.record::<Res>(o.id, false, &mut body, response_example);
            }
            ok.insert("content".into(), body);
        }
        let mut ok_headers = Map::new();
        if mutating && o.access != Access::Test {
            ok_headers.insert(
                "Idempotent-Replayed".into(),
                json!({ "$ref": "#/components/headers/IdempotentReplayed" }),
            );
        }
        if o.sets_cookie {
            ok_headers.insert(
                "Set-Cookie".into(),
                json!({ "$ref": "#/components/headers/SessionCookie" }),
            );
        }
        if !ok_headers.is_empty() {
            ok.insert("headers".into(), Value::Object(ok_headers));
        }
        responses.insert(o.ok.to_string(), Value::Object(ok));
        let json_body = is_json::<Req>();
        for status in error_statuses(&endpoint, &o, json_body) {
            let mut answer = Map::new();
            answer.insert("description".into(), json!(status_words(status)));
            let example =
                serde_json::to_value(error_example(status)).expect("an error body is JSON");
            answer.insert(
                "content".into(),
                json!({ "application/json": {
                    "schema": { "$ref": "#/components/schemas/ErrorBody" },
                    "example": example,
                } }),
            );
            self.bodies.push(Body {
                operation: o.id,
                request: false,
                schema: json!({ "$ref": "#/components/schemas/ErrorBody" }),
                example: Some(example),
                round_trip: round_trip::<ErrorBody>,
            });
            if status == 429 {
                answer.insert(
                    "headers".into(),
                    json!({ "Retry-After": { "$ref": "#/components/headers/RetryAfter" } }),
                );
            }
            responses.insert(status.to_string(), Value::Object(answer));
        }
        operation.insert("responses".into(), Value::Object(responses));
        let path = self
            .paths
            .entry(endpoint.route.to_string())
            .or_insert_with(|| json!({}));
        path[method_name(endpoint.method)] = Value::Object(operation);
    }

    /// Notes the JSON body of type `T` in `content` for the round-trip tests,
    /// and puts `example` (unless `Null`) into it.
    fn record<T: Serialize + DeserializeOwned + PartialEq + Debug + 'static>(
        &mut self,
        operation: &'static str,
        request: bool,
        content: &mut Value,
        example: Value,
    ) {
        let media = &mut content["application/json"];
        let example = (!example.is_null()).then_some(example);
        if let Some(e) = &example {
            media["example"] = e.clone();
        }
        self.bodies.push(Body {
            operation,
            request,
            schema: media["schema"].clone(),
            example,
            round_trip: round_trip::<T>,
        });
    }

    fn finish_with_bodies(
        mut self,
        title: &str,
        description: &str,
        with_session: bool,
    ) -> (Value, Vec<Body>) {
        let _ = self.responses.subschema_for::<ErrorBody>();
        let mut schemas = self.responses.take_definitions(true);
        for (name, schema) in self.requests.take_definitions(true) {
            match schemas.get(&name) {
                Some(existing) if *existing != schema => {
                    // The same type read and written differently (defaults, skipped
                    // fields): keep both, the request's under its own name.
                    schemas.insert(format!("{name}Request"), schema);
                }
                _ => {
                    schemas.insert(name, schema);
                }
            }
        }
        let mut components = json!({
            "schemas": schemas,
            "parameters": {
                "CsrfToken": {
                    "name": "X-CSRF-Token", "in": "header", "required": true,
                    "description": "The session's anti-CSRF token (from `GET /api/session`), on every mutating call of a session.",
                    "schema": { "type": "string" }
                },
                "IdempotencyKey": {
                    "name": "Idempotency-Key", "in": "header", "required": false,
                    "description": "Makes a mutating call safe to send again: the same key with the same body gets the first answer again (marked `Idempotent-Replayed: true`); with another body, a 422 `idempotency_mismatch`. 1 to 255 characters.",
                    "schema": { "type": "string", "minLength": 1, "maxLength": 255 }
                }
            },
            "headers": {
                "IdempotentReplayed": {
                    "description": "`true` on an answer replayed for a repeated `Idempotency-Key`.",
                    "schema": { "type": "string", "enum": ["true"] }
                },
                "RetryAfter": {
                    "description": "Seconds to wait before trying again.",
                    "required": true,
                    "schema": { "type": "string", "pattern": "^[0-9]+$" }
                },
                "SessionCookie": {
                    "description": "The session: `session=…; HttpOnly; SameSite=Strict; Path=/` over http; over https `__Host-session=…; HttpOnly; SameSite=Strict; Path=/; Secure` (no `Domain`).",
                    "required": true,
                    "schema": { "type": "string" }
                }
            }
        });
        if with_session {
            components["securitySchemes"] = json!({
                "session": {
                    "type": "apiKey", "in": "cookie", "name": "session",
                    "description": "The session cookie set by logging in or setting a password: `session` over http, `__Host-session` over https (the scheme names the http one; a real backend served over https uses the prefixed name)."
                }
            });
        }
        let document = json!({
            "openapi": "3.1.0",
            "info": { "title": title, "version": VERSION, "description": description },
            "paths": self.paths,
            "components": components,
        });
        (document, self.bodies)
    }
}

/// The content of a body of type `T`: none for `()`, an image for [`Image`], JSON otherwise.
fn payload<T: JsonSchema + 'static>(g: &mut SchemaGenerator) -> Option<Value> {
    if TypeId::of::<T>() == TypeId::of::<()>() {
        return None;
    }
    if TypeId::of::<T>() == TypeId::of::<Image>() {
        let binary = json!({ "schema": { "type": "string", "contentMediaType": "image/*" } });
        return Some(json!({ "image/jpeg": binary, "image/png": binary }));
    }
    let schema = g.subschema_for::<T>();
    Some(json!({ "application/json": { "schema": schema } }))
}

fn method_name(m: Method) -> &'static str {
    match m {
        Method::Get => "get",
        Method::Post => "post",
        Method::Patch => "patch",
        Method::Delete => "delete",
    }
}

/// Every error an endpoint may answer: its own, and what every endpoint of its kind may.
fn error_statuses<Req, Res>(
    endpoint: &Endpoint<Req, Res>,
    o: &Operation,
    json_body: bool,
) -> Vec<u16> {
    let mut statuses: Vec<u16> = o.errors.to_vec();
    if json_body {
        // A body over the limit, or not sent as JSON.
        statuses.extend([413, 415]);
    }
    if o.access == Access::Test {
        // Outside test mode the harness's endpoints do not exist.
        statuses.push(404);
    }
    if o.access != Access::Test {
        // The backend may fail, or be away.
        statuses.extend([500, 503]);
    }
    if o.access == Access::Session {
        statuses.push(401);
    }
    if o.access != Access::Test && !SESSION_MAY_CALL.contains(&endpoint.address()) {
        // A colleague's hand-off session calling anything but its Facebook step.
        statuses.push(403);
    }
    if SESSION_ACTS.contains(&endpoint.address()) {
        // A colleague's hand-off session whose hand-off is over.
        statuses.push(410);
    }
    if endpoint.method.is_mutating() && o.access != Access::Test {
        // Another site, a missing or wrong CSRF token; a malformed body; a reused idempotency key.
        statuses.extend([400, 403, 422]);
        if o.access == Access::Session {
            statuses.push(409);
        }
    }
    if endpoint.parameter_count() > 0 {
        statuses.push(404);
    }
    statuses.sort_unstable();
    statuses.dedup();
    statuses.retain(|s| *s != o.ok);
    statuses
}

fn status_words(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted: the same answer whether or not an account uses the address",
        204 => "Done; no body",
        400 => "The body is not JSON of the expected shape (`malformed`), or not JSON at all",
        401 => "No valid session, or the email and password do not match (`invalid_credentials`)",
        403 => "Another site, a missing or wrong `X-CSRF-Token` (`csrf`), not allowed for this account (`forbidden`), or a colleague's hand-off session calling anything but its channel's Facebook step (`handoff_only`)",
        404 => "Nothing at this address for this account (for the test harness: the backend is not in test mode)",
        409 => "Clashes with the current state (`conflict`, or `not_at_facebook_step` for a hand-off), or the same request is still being handled",
        410 => "The link is used or expired (`link_used`, `link_expired`), the sign-up code expired (`code_expired`), or a hand-off link (or its session) no longer works (`handoff_used`, `handoff_expired`, `handoff_replaced`, `handoff_cancelled`)",
        413 => "The body is larger than the endpoint accepts",
        415 => "The body is not of a type the endpoint accepts (`application/json`, or an image)",
        422 => "Some answers need correcting (`validation`, with `fields`), or the idempotency key belongs to another request",
        429 => "Too many attempts (`rate_limited`); wait `Retry-After` seconds",
        500 => "Something failed on the server; quote `error_id` to support",
        503 => "The backend is unavailable for a moment",
        _ => "See the error body",
    }
}

/// The API the app calls (everything but the test harness).
pub fn document() -> Value {
    main_document().0
}

/// The test harness's endpoints (served only in test mode), and the dev mailbox.
pub fn test_document() -> Value {
    harness_document().0
}

/// Every JSON body of both documents, each with its document.
pub fn bodies() -> Vec<(std::rc::Rc<Value>, Body)> {
    let mut all = Vec::new();
    for (doc, bodies) in [main_document(), harness_document()] {
        let doc = std::rc::Rc::new(doc);
        all.extend(bodies.into_iter().map(|b| (doc.clone(), b)));
    }
    all
}

fn main_document() -> (Value, Vec<Body>) {
    use Access::{Public, Session};
    let mut b = Builder::new();
    b.add(
        e::HEALTH,
        op("health", "Answers 200 when the backend is up.", 200, Public),
    );
    b.add(e::OPENAPI, op("getOpenApi", "This document.", 200, Public));
    b.add(
        e::BRAND,
        op(
            "getBrand",
            "The provider's names and links, for an app whose host page gave none.",
            200,
            Public,
        ),
    );
    b.add(
        e::SESSION,
        op(
            "getSession",
            "The current session and its anti-CSRF token (a colleague's hand-off session says its channel).",
            200,
            Public,
        )
        .errors(&[401]),
    );
    b.add(
        e::LOG_IN,
        Operation {
            errors: &[401, 429],
            sets_cookie: true,
            ..op(
                "logIn",
                "Log in; 5 failures for one address lock it for 15 minutes.",
                200,
                Public,
            )
        },
    );
    b.add(
        e::LOG_OUT,
        op("logOut", "Log out: the session ends.", 204, Session),
    );
    b.add(
        e::REQUEST_PASSWORD_LINK,
        op(
            "requestPasswordLink",
            "Send a fresh set-password link by email.",
            202,
            Public,
        ),
    );
    b.add(
        e::PASSWORD_LINK,
        op(
            "checkPasswordLink",
            "Whether a set-password link is usable.",
            200,
            Public,
        )
        .errors(&[410]),
    );
    b.add(
        e::SET_PASSWORD,
        Operation {
            errors: &[410],
            sets_cookie: true,
            ..op(
                "setPassword",
                "Set the password with a link; logs in.",
                200,
                Public,
            )
        },
    );
    b.add(
        e::CHANNELS,
        op(
            "listChannels",
            "The account's WhatsApp channels.",
            200,
            Session,
        ),
    );
    b.add(
        e::REQUEST_CHANNEL,
        op(
            "requestChannel",
            "Request a channel, as the Configuration Manager does (legal terms signed first).",
            201,
            Session,
        ),
    );
    b.add(
        e::ROUTING_SCRIPTS,
        op(
            "listRoutingScripts",
            "The account's routing scripts.",
            200,
            Session,
        )
        .errors(&[403]),
    );
    b.add(
        e::ELIGIBILITY,
        op(
            "getEligibility",
            "The preconditions for WhatsApp.",
            200,
            Session,
        ),
    );
    b.add(
        e::REQUEST_TERMS,
        op(
            "requestTerms",
            "Ask the sales representative for the legal terms (once).",
            200,
            Session,
        ),
    );
    b.add(
        e::CONFIRM_FACEBOOK_BUSINESS,
        op(
            "confirmFacebookBusiness",
            "Confirm (or withdraw) having a Facebook business account verified by Meta.",
            200,
            Session,
        ),
    );
    b.add(
        e::RATE_CARD,
        op(
            "getRateCard",
            "WhatsApp's rates and the CPaaS charges.",
            200,
            Session,
        ),
    );
    b.add(
        e::PROFILE,
        op(
            "getProfile",
            "The channel's saved profile draft.",
            200,
            Session,
        )
        .errors(&[403]),
    );
    b.add(
        e::SAVE_PROFILE,
        op(
            "saveProfile",
            "Save some fields of the draft (last write wins per field).",
            200,
            Session,
        ),
    );
    b.add(
        e::CHECK_PROFILE,
        op(
            "checkProfile",
            "Check one step of the profile with every rule, the backend's own included.",
            204,
            Session,
        ),
    );
    b.add(
        e::UPLOAD_PICTURE,
        Operation {
            errors: &[413, 415],
            ..op(
                "uploadPicture",
                "Upload the profile picture (JPEG or PNG, up to 5 MB, at least 192 × 192).",
                201,
                Session,
            )
        },
    );
    b.add(
        e::COMPLETE_PROFILE,
        op(
            "completeProfile",
            "Confirm the profile and its business name, which cannot change afterwards.",
            200,
            Session,
        ),
    );
    b.add(
        e::PICTURE,
        op("getPicture", "An uploaded picture.", 200, Session),
    );
    b.add(
        e::SIGNUP_CONFIG,
        op(
            "getSignupConfig",
            "Facebook's Embedded Signup configuration.",
            200,
            Session,
        ),
    );
    b.add(
        e::START_SIGNUP,
        op(
            "startSignup",
            "Start a Facebook sign-up attempt for the channel.",
            201,
            Session,
        ),
    );
    b.add(
        e::EXCHANGE_CODE,
        op(
            "exchangeCode",
            "Exchange the callback's code, once, for what the sign-up registered; under a hand-off session this finishes the hand-off and ends the session.",
            200,
            Session,
        )
        .errors(&[410]),
    );
    b.add(
        e::NUMBERS,
        op(
            "listNumbers",
            "The numbers Facebook's sign-up registered for the account.",
            200,
            Session,
        ),
    );
    b.add(
        e::LINK,
        op(
            "linkNumber",
            "Link a registered number to a channel; activation follows.",
            200,
            Session,
        ),
    );
    b.add(
        e::HANDOFF,
        op(
            "getHandoff",
            "The channel's latest hand-off of its Facebook step to a colleague, whatever its status; null when the owner has asked nobody (since 1.3.0; 404 before).",
            200,
            Session,
        ),
    );
    b.add(
        e::SEND_HANDOFF,
        op(
            "sendHandoff",
            "Mail a colleague a link to do the channel's Facebook step; a waiting hand-off's link stops working. At most 5 sends a channel in 24 hours.",
            201,
            Session,
        )
        .errors(&[429]),
    );
    b.add(
        e::RESEND_HANDOFF,
        op(
            "resendHandoff",
            "Mail the latest hand-off's colleague a new link; the old one stops working. Counts toward the 5 a day.",
            201,
            Session,
        )
        .errors(&[429]),
    );
    b.add(
        e::CANCEL_HANDOFF,
        op(
            "cancelHandoff",
            "Cancel the waiting hand-off; its link stops working.",
            200,
            Session,
        ),
    );
    b.add(
        e::OPEN_HANDOFF,
        Operation {
            errors: &[404, 410],
            sets_cookie: true,
            ..op(
                "openHandoff",
                "Open a hand-off link: what the colleague will confirm, and a session that may do only that channel's Facebook step.",
                200,
                Public,
            )
        },
    );
    b.add(
        e::CURRENT_HANDOFF,
        op(
            "getCurrentHandoff",
            "The hand-off of the current hand-off session (404 for any other session).",
            200,
            Session,
        )
        .errors(&[404]),
    );
    b.finish_with_bodies(
        "WhatsApp channel onboarding API",
        "The JSON API the onboarding app calls. Every error is the one shape `ErrorBody`. \
         Sessions are a cookie; mutating calls of a session carry its `X-CSRF-Token`, and \
         any mutating call may carry an `Idempotency-Key`.",
        true,
    )
}

fn harness_document() -> (Value, Vec<Body>) {
    use crate::testing as t;
    use Access::Test;
    let mut b = Builder::new();
    b.add(
        t::RESET,
        op(
            "reset",
            "Back to the seed, with no fault rules and a live clock.",
            204,
            Test,
        )
        .errors(&[400, 422]),
    );
    b.add(
        t::STATE,
        op(
            "getState",
            "The whole backend state, secrets redacted.",
            200,
            Test,
        ),
    );
    b.add(
        t::OPENAPI,
        op("getTestOpenApi", "This document.", 200, Test),
    );
    b.add(
        t::ADD_FAULT,
        op(
            "addFault",
            "Make the next calls to an endpoint fail.",
            204,
            Test,
        )
        .errors(&[400, 422]),
    );
    b.add(
        t::CLEAR_FAULTS,
        op("clearFaults", "Remove every fault rule.", 204, Test),
    );
    b.add(
        t::ADVANCE_CLOCK,
        op(
            "advanceClock",
            "Move the backend's clock forward.",
            204,
            Test,
        )
        .errors(&[400, 422]),
    );
    b.add(
        t::FREEZE_CLOCK,
        op(
            "freezeClock",
            "Hold the backend's clock at an instant.",
            204,
            Test,
        )
        .errors(&[400, 422]),
    );
    b.add(
        t::EXPIRE_SESSIONS,
        op("expireSessions", "End every session.", 204, Test),
    );
    b.add(
        t::FACEBOOK_MODE,
        op(
            "setFacebookMode",
            "How the simulated Facebook dialog fails.",
            204,
            Test,
        )
        .errors(&[400, 422]),
    );
    b.add(
        t::ACTIVATE,
        op(
            "activate",
            "The provider finishes a channel's activation now.",
            204,
            Test,
        )
        .errors(&[400, 404, 409, 422]),
    );
    b.add(
        t::MANY_CHANNELS,
        op(
            "manyChannels",
            "Add many channels to the demo account.",
            204,
            Test,
        )
        .errors(&[400, 422]),
    );
    b.add(
        crate::endpoint::Endpoint::<(), Vec<crate::contract::MailMessage>>::new(
            Method::Get,
            "/dev/mailbox.json",
        ),
        op(
            "getMailbox",
            "The dev mailbox, newest first (always on).",
            200,
            Test,
        ),
    );
    b.finish_with_bodies(
        "WhatsApp channel onboarding API: test harness",
        "Served only when the fake backend runs in test mode; never part of a real backend.",
        false,
    )
}

/// The schema's name for a `$ref`, `[Name]` for an array of them, `—` for none.
fn schema_name(content: &Value) -> String {
    let Some(media) = content.as_object().and_then(|c| c.iter().next()) else {
        return "—".into();
    };
    let (kind, media) = media;
    if kind != "application/json" {
        return format!("`{kind}` bytes");
    }
    let schema = &media["schema"];
    let name = |s: &Value| {
        s["$ref"]
            .as_str()
            .map(|r| r.rsplit('/').next().unwrap_or(r).to_string())
    };
    // `Option<T>`: one of `T` and `null`.
    let nullable = schema["anyOf"]
        .as_array()
        .and_then(|any| match any.as_slice() {
            [some, none] if none["type"] == "null" => name(some),
            _ => None,
        });
    match (name(schema), name(&schema["items"]), nullable) {
        (Some(n), _, _) => format!("`{n}`"),
        (None, Some(n), _) => format!("`[{n}]`"),
        (None, None, Some(n)) => format!("`{n}` or `null`"),
        _ => "any JSON".into(),
    }
}

/// The README's endpoint table: one row per operation of [`document`], in its order.
pub fn endpoint_table() -> String {
    let doc = document();
    let mut rows = vec![
        "| method and path | operation | session | request | success | errors |".to_string(),
        "|---|---|---|---|---|---|".to_string(),
    ];
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        for (method, op) in item.as_object().into_iter().flatten() {
            let responses = op["responses"].as_object().expect("responses");
            let (ok, answer) = responses
                .iter()
                .find(|(s, _)| s.starts_with('2'))
                .expect("a success");
            let errors: Vec<&str> = responses
                .keys()
                .filter(|s| !s.starts_with('2'))
                .map(String::as_str)
                .collect();
            let session = if op.get("security").is_some() {
                "yes"
            } else {
                "no"
            };
            rows.push(format!(
                "| `{} {path}` | `{}` | {session} | {} | {ok} {} | {} |",
                method.to_uppercase(),
                op["operationId"].as_str().unwrap_or_default(),
                schema_name(&op["requestBody"]["content"]),
                schema_name(&answer["content"]),
                errors.join(", "),
            ));
        }
    }
    rows.join("\n") + "\n"
}

impl Operation {
    fn errors(self, errors: &'static [u16]) -> Self {
        Operation { errors, ..self }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pretty(v: &Value) -> String {
        serde_json::to_string_pretty(v).unwrap() + "\n"
    }

    /// Writes the documents when `UPDATE_OPENAPI=1`; otherwise fails when they differ.
    fn check(path: &str, generated: &Value) {
        let file = format!("{}/../contract/{path}", env!("CARGO_MANIFEST_DIR"));
        let text = pretty(generated);
        if std::env::var("UPDATE_OPENAPI").is_ok_and(|v| v == "1") {
            std::fs::write(&file, &text).unwrap();
        }
        let checked_in = std::fs::read_to_string(&file).unwrap_or_default();
        assert!(
            checked_in == text,
            "contract/{path} is not what the types generate: run `UPDATE_OPENAPI=1 cargo test -p domain --features openapi openapi` and commit it"
        );
    }

    #[test]
    fn the_checked_in_documents_are_what_the_types_generate() {
        check("openapi.json", &document());
        check("openapi.test.json", &test_document());
    }

    #[test]
    fn the_readme_endpoint_table_is_what_the_document_says() {
        const START: &str = "<!-- endpoint table: generated from contract/openapi.json -->\n";
        const END: &str = "<!-- end of endpoint table -->";
        let file = format!("{}/../README.md", env!("CARGO_MANIFEST_DIR"));
        let readme = std::fs::read_to_string(&file).unwrap();
        let (before, rest) = readme
            .split_once(START)
            .expect("the README marks the table");
        let (_, after) = rest.split_once(END).expect("the README ends the table");
        let current = format!("{before}{START}{}{END}{after}", endpoint_table());
        if std::env::var("UPDATE_OPENAPI").is_ok_and(|v| v == "1") {
            std::fs::write(&file, &current).unwrap();
        }
        assert!(
            readme == current,
            "README.md's endpoint table is not what contract/openapi.json says: run `UPDATE_OPENAPI=1 cargo test -p domain --features openapi openapi` and commit it"
        );
    }

    #[test]
    fn every_endpoint_of_the_table_is_documented_once() {
        let doc = document();
        let operations: usize = doc["paths"]
            .as_object()
            .unwrap()
            .values()
            .map(|p| p.as_object().unwrap().len())
            .sum();
        assert_eq!(operations, 33);
        assert_eq!(operations, e::ALL.len());
        for a in e::ALL {
            assert!(
                doc["paths"][a.route][method_name(a.method)].is_object(),
                "{} {} is not documented",
                a.method.as_str(),
                a.route
            );
        }
        let mut ids: Vec<&str> = doc["paths"]
            .as_object()
            .unwrap()
            .values()
            .flat_map(|p| p.as_object().unwrap().values())
            .map(|o| o["operationId"].as_str().unwrap())
            .collect();
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n, "operation ids are unique");
        assert!(doc["components"]["schemas"]["ErrorBody"].is_object());
        assert_eq!(
            doc["paths"]["/api/session"]["post"]["responses"]["429"]["headers"]["Retry-After"]
                ["$ref"],
            "#/components/headers/RetryAfter"
        );
    }

    #[test]
    fn no_test_endpoint_is_in_the_main_document() {
        let doc = document();
        assert!(doc["paths"]
            .as_object()
            .unwrap()
            .keys()
            .all(|p| !p.starts_with("/api/test/") && !p.starts_with("/dev/")));
        assert!(test_document()["paths"]
            .as_object()
            .unwrap()
            .keys()
            .all(|p| p.starts_with("/api/test/") || p.starts_with("/dev/")));
    }
}
