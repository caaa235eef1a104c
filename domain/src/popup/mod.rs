//! Popup mode: Embedded Signup in a window the app opens, as Meta's own SDK
//! does it, and what the app makes of the messages that window posts back.
//!
//! The dialog window posts strings of JSON to its opener:
//! - Meta's session info, `{"type": "WA_EMBEDDED_SIGNUP", "event": …, "data": …}`:
//!   `FINISH` (and `FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING`, `FINISH_ONLY_WABA`)
//!   with the ids, `CANCEL` with the `current_step` the user left at (or, in v4,
//!   with `error_message`, `error_code` and `session_id`), and `ERROR`;
//! - the OAuth result, `{"type": "OAUTH_CALLBACK", "params": {"code", "state", …}}`:
//!   the same parameters the redirect mode's callback address carries (what an
//!   adapter around the SDK's `FB.login` callback hands over).
//!
//! The app checks the message's origin and source before anything here sees
//! it; [`parse`] refuses any payload that is not one of these, and [`PopupRun`]
//! turns the messages, in whatever order they come, and the window closing,
//! into one callback for [`crate::signup::judge`]: never two, never a code
//! without the ids that came with it.

use crate::signup::{reason, CallbackParams, SignupIds};

/// The `type` of Meta's session info messages.
pub const SESSION_INFO_TYPE: &str = "WA_EMBEDDED_SIGNUP";
/// The `type` of the OAuth result message.
pub const CALLBACK_TYPE: &str = "OAUTH_CALLBACK";
/// The largest message read.
pub const MAX_MESSAGE_BYTES: usize = 16 * 1024;
/// The longest id, step or error text taken from a message.
const MAX_TEXT: usize = 2048;

/// A message the dialog window posted, understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// The sign-up finished: the ids of what it made.
    Finish(SignupIds),
    /// The user cancelled or closed the window, at this step (if named).
    Cancel {
        /// Meta's `current_step`.
        step: Option<String>,
    },
    /// The dialog failed.
    Error {
        /// Meta's `error_message`.
        message: Option<String>,
        /// Meta's `error_code` (or `error_id`).
        error_id: Option<String>,
    },
    /// The OAuth result: a code and the state, or an error.
    Callback(CallbackParams),
}

/// Why a message was not understood.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Malformed {
    /// Over [`MAX_MESSAGE_BYTES`].
    TooLong,
    /// Not JSON, or not an object.
    NotJson,
    /// Neither of the two known types.
    UnknownType,
    /// A known type with an unknown event or missing fields.
    BadFields,
}

impl std::fmt::Display for Malformed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Malformed::TooLong => "too long",
            Malformed::NotJson => "not a JSON object",
            Malformed::UnknownType => "not a sign-up message",
            Malformed::BadFields => "a sign-up message with missing or wrong fields",
        })
    }
}

/// What the reading of a message needs of a JSON value. Natively it is serde_json's
/// `Value`; in the browser it is what the JavaScript engine's `JSON.parse` made,
/// which costs the wasm nothing, where serde_json's reader of any JSON (and the
/// `BTreeMap` of its objects) cost the full app's first load 2,511 B brotli and
/// the hand-off build's 2,574 B. The app's browser tests check the two read every
/// sample alike (`tests/popup_messages.rs`).
trait Json: Sized {
    /// The member `key` of an object, if it has one.
    fn member(&self, key: &str) -> Option<Self>;
    /// Whether it is an object (not an array, not null).
    fn is_object(&self) -> bool;
    /// Whether it is null.
    fn is_null(&self) -> bool;
    /// A string's text.
    fn string(&self) -> Option<String>;
    /// A number's digits, if it is an integer that JavaScript holds exactly
    /// (at most 2^53 − 1 either way): a larger one would be read as another number.
    fn integer(&self) -> Option<String>;
}

/// The largest integer a JavaScript number holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// `n`'s digits if it is an integer JavaScript holds exactly (`1.0` and `1e2`
/// read as 1 and 100, as JavaScript reads them).
fn integer_text(n: f64) -> Option<String> {
    (n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER).then(|| (n as i64).to_string())
}

impl Json for serde_json::Value {
    fn member(&self, key: &str) -> Option<Self> {
        self.as_object()?.get(key).cloned()
    }
    fn is_object(&self) -> bool {
        self.is_object()
    }
    fn is_null(&self) -> bool {
        self.is_null()
    }
    fn string(&self) -> Option<String> {
        self.as_str().map(str::to_string)
    }
    fn integer(&self) -> Option<String> {
        self.as_f64().and_then(integer_text)
    }
}

#[cfg(target_arch = "wasm32")]
mod js {
    use js_sys::wasm_bindgen::{JsCast, JsValue};

    /// A value `JSON.parse` made.
    pub struct Js(pub JsValue);

    impl super::Json for Js {
        fn member(&self, key: &str) -> Option<Self> {
            if !super::Json::is_object(self) {
                return None;
            }
            let object: &js_sys::Object = self.0.unchecked_ref();
            let key = JsValue::from_str(key);
            if !js_sys::Object::has_own(object, &key) {
                return None;
            }
            js_sys::Reflect::get(object, &key).ok().map(Js)
        }
        fn is_object(&self) -> bool {
            self.0.is_object() && !js_sys::Array::is_array(&self.0)
        }
        fn is_null(&self) -> bool {
            self.0.is_null()
        }
        fn string(&self) -> Option<String> {
            self.0.as_string()
        }
        fn integer(&self) -> Option<String> {
            self.0.as_f64().and_then(super::integer_text)
        }
    }

    /// `JSON.parse`.
    pub fn read(data: &str) -> Option<Js> {
        js_sys::JSON::parse(data).ok().map(Js)
    }
}

/// A short, printable text field (ids, steps, error texts).
fn text<J: Json>(v: Option<&J>, key: &str) -> Result<Option<String>, Malformed> {
    let Some(x) = v.and_then(|v| v.member(key)) else {
        return Ok(None);
    };
    if x.is_null() {
        return Ok(None);
    }
    match x.string() {
        Some(s) if s.chars().count() <= MAX_TEXT => Ok(Some(s)),
        Some(_) => Err(Malformed::BadFields),
        None => x.integer().map(Some).ok_or(Malformed::BadFields),
    }
}

/// An id: letters, digits, `_` and `-` only, 1 to 64 of them.
fn id<J: Json>(v: Option<&J>, key: &str) -> Result<String, Malformed> {
    text(v, key)?
        .filter(|s| {
            (1..=64).contains(&s.len())
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        })
        .ok_or(Malformed::BadFields)
}

/// Reads a message the dialog window posted (its `data`, a JSON string): in the
/// browser with `JSON.parse`, natively with serde_json ([`parse_with_serde`]).
pub fn parse(data: &str) -> Result<Message, Malformed> {
    #[cfg(target_arch = "wasm32")]
    return read(data, js::read);
    #[cfg(not(target_arch = "wasm32"))]
    return parse_with_serde(data);
}

/// [`parse`] with serde_json's reader: what it is natively, and what the
/// browser's is checked against.
pub fn parse_with_serde(data: &str) -> Result<Message, Malformed> {
    read(data, |d| serde_json::from_str::<serde_json::Value>(d).ok())
}

fn read<J: Json>(data: &str, json: impl FnOnce(&str) -> Option<J>) -> Result<Message, Malformed> {
    if data.len() > MAX_MESSAGE_BYTES {
        return Err(Malformed::TooLong);
    }
    let v = json(data).ok_or(Malformed::NotJson)?;
    if !v.is_object() {
        return Err(Malformed::NotJson);
    }
    match v.member("type").and_then(|t| t.string()).as_deref() {
        Some(SESSION_INFO_TYPE) => session_info(&v),
        Some(CALLBACK_TYPE) => callback(&v),
        _ => Err(Malformed::UnknownType),
    }
}

fn session_info<J: Json>(v: &J) -> Result<Message, Malformed> {
    let data = v.member("data").filter(|d| d.is_object());
    let d = data.as_ref();
    match v.member("event").and_then(|e| e.string()).as_deref() {
        Some("FINISH" | "FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING") => {
            Ok(Message::Finish(SignupIds {
                phone_number_id: id(d, "phone_number_id")?,
                waba_id: id(d, "waba_id")?,
            }))
        }
        Some("FINISH_ONLY_WABA") => Ok(Message::Finish(SignupIds {
            phone_number_id: String::new(),
            waba_id: id(d, "waba_id")?,
        })),
        Some("CANCEL") if d.and_then(|d| d.member("error_message")).is_some() => {
            Ok(Message::Error {
                message: text(d, "error_message")?,
                error_id: text(d, "error_code")?.or(text(d, "error_id")?),
            })
        }
        Some("CANCEL") => Ok(Message::Cancel {
            step: text(d, "current_step")?,
        }),
        Some("ERROR") => Ok(Message::Error {
            message: text(d, "error_message")?,
            error_id: text(d, "error_id")?.or(text(d, "error_code")?),
        }),
        _ => Err(Malformed::BadFields),
    }
}

fn callback<J: Json>(v: &J) -> Result<Message, Malformed> {
    let p = v
        .member("params")
        .filter(|p| p.is_object())
        .ok_or(Malformed::BadFields)?;
    let p = Some(&p);
    let params = CallbackParams {
        code: text(p, "code")?,
        state: text(p, "state")?,
        error: text(p, "error")?,
        error_reason: text(p, "error_reason")?,
        error_description: text(p, "error_description")?,
        error_id: text(p, "error_id")?.or(text(p, "error_code")?),
        current_step: None,
        session_info: None,
    };
    if params.code.is_none() && params.error.is_none() {
        return Err(Malformed::BadFields);
    }
    Ok(Message::Callback(params))
}

/// The callback page's address for a popup's callback: the parameters the
/// redirect mode's address would carry, and the popup's own (`current_step`,
/// `phone_number_id`, `waba_id`), each percent-encoded.
pub fn callback_path(p: &CallbackParams) -> String {
    let ids = p.session_info.as_ref();
    let pairs = [
        ("code", p.code.as_deref()),
        ("state", p.state.as_deref()),
        ("error", p.error.as_deref()),
        ("error_reason", p.error_reason.as_deref()),
        ("error_description", p.error_description.as_deref()),
        ("error_id", p.error_id.as_deref()),
        ("current_step", p.current_step.as_deref()),
        ("phone_number_id", ids.map(|i| i.phone_number_id.as_str())),
        ("waba_id", ids.map(|i| i.waba_id.as_str())),
    ];
    let query: Vec<String> = pairs
        .iter()
        .filter_map(|(k, v)| v.map(|v| format!("{k}={}", crate::percent::encode(v))))
        .collect();
    format!("/facebook/callback?{}", query.join("&"))
}

/// Where in the dialog the user left it, as the app words it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Logging in to Facebook.
    Login,
    /// Giving the partner permission.
    Permissions,
    /// Confirming the legal business name.
    BusinessName,
    /// Confirming the business description.
    Description,
    /// Choosing how to verify the phone number.
    PhoneNumber,
    /// Entering the one-time code.
    Code,
    /// A step the app does not know.
    Other,
}

/// The stage a `current_step` names (the simulation's names, and Meta's
/// read by the words they contain).
pub fn stage_of(current_step: &str) -> Stage {
    let s = current_step.to_ascii_uppercase();
    if s.contains("VERIF") || s.contains("OTP") || s.contains("CODE") {
        Stage::Code
    } else if s.contains("PHONE") {
        Stage::PhoneNumber
    } else if s.contains("DESCRIPTION") || s.contains("PROFILE") {
        Stage::Description
    } else if s.contains("BUSINESS") || s.contains("WABA") {
        Stage::BusinessName
    } else if s.contains("PERMISSION") {
        Stage::Permissions
    } else if s.contains("LOGIN") {
        Stage::Login
    } else {
        Stage::Other
    }
}

/// What the app does next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    /// Keep listening.
    Wait,
    /// A code came without the ids: keep listening, for a short while only
    /// ([`PopupRun::gave_up_waiting`] delivers it without them).
    WaitForIds,
    /// Hand this callback to [`crate::signup::judge`], once: the run is over.
    Deliver(Box<CallbackParams>),
    /// The run is over already: ignore.
    Ignore,
}

/// One popup's messages and its closing, to one callback. It travels as JSON when a
/// first-load build hands the page, and the window it listens to, over to the full app.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PopupRun {
    state: String,
    ids: Option<SignupIds>,
    code: Option<CallbackParams>,
    over: bool,
}

impl PopupRun {
    /// A run for the attempt whose state is `state` (messages other than the
    /// OAuth result carry none: theirs is this one).
    pub fn new(state: &str) -> Self {
        PopupRun {
            state: state.to_string(),
            ..Default::default()
        }
    }

    /// Whether the run has delivered its callback.
    pub fn is_over(&self) -> bool {
        self.over
    }

    /// Whether a code came and waits for its ids (see [`Next::WaitForIds`]).
    pub fn waits_for_ids(&self) -> bool {
        !self.over && self.code.is_some()
    }

    fn deliver(&mut self, mut p: CallbackParams) -> Next {
        self.over = true;
        if p.session_info.is_none() {
            p.session_info = self.ids.clone();
        }
        Next::Deliver(Box::new(p))
    }

    fn ended(&self, error_reason: &str, step: Option<String>) -> CallbackParams {
        CallbackParams {
            state: Some(self.state.clone()),
            error: Some("access_denied".into()),
            error_reason: Some(error_reason.into()),
            current_step: step,
            ..Default::default()
        }
    }

    /// A message from the popup.
    pub fn on(&mut self, m: Message) -> Next {
        if self.over {
            return Next::Ignore;
        }
        match m {
            Message::Finish(ids) => {
                self.ids = Some(ids);
                match self.code.take() {
                    Some(code) => self.deliver(code),
                    None => Next::Wait,
                }
            }
            Message::Callback(p) if p.error.is_none() => {
                if self.ids.is_some() {
                    self.deliver(p)
                } else {
                    self.code = Some(p);
                    Next::WaitForIds
                }
            }
            Message::Callback(p) => match self.code.take() {
                // A code already came: an error after it changes nothing.
                Some(code) => self.deliver(code),
                None => self.deliver(p),
            },
            Message::Cancel { step } => match self.code.take() {
                Some(code) => self.deliver(code),
                None => {
                    let p = self.ended(reason::USER_DENIED, step);
                    self.deliver(p)
                }
            },
            Message::Error { message, error_id } => match self.code.take() {
                Some(code) => self.deliver(code),
                None => self.deliver(CallbackParams {
                    state: Some(self.state.clone()),
                    error: Some("server_error".into()),
                    error_description: message,
                    error_id,
                    ..Default::default()
                }),
            },
        }
    }

    /// The ids did not follow the code in time: the code goes without them.
    pub fn gave_up_waiting(&mut self) -> Next {
        match (self.over, self.code.take()) {
            (false, Some(code)) => self.deliver(code),
            _ => Next::Ignore,
        }
    }

    /// The popup is closed (and a moment has passed for its last messages).
    pub fn closed(&mut self) -> Next {
        if self.over {
            return Next::Ignore;
        }
        match self.code.take() {
            Some(code) => self.deliver(code),
            None => {
                let p = self.ended(reason::WINDOW_CLOSED, None);
                self.deliver(p)
            }
        }
    }
}

#[cfg(test)]
mod tests;
