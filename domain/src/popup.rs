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
use serde_json::Value;

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

/// A short, printable text field (ids, steps, error texts).
fn text(v: &Value, key: &str) -> Result<Option<String>, Malformed> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.chars().count() <= MAX_TEXT => Ok(Some(s.clone())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(_) => Err(Malformed::BadFields),
    }
}

/// An id: letters, digits, `_` and `-` only, 1 to 64 of them.
fn id(v: &Value, key: &str) -> Result<String, Malformed> {
    text(v, key)?
        .filter(|s| {
            (1..=64).contains(&s.len())
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        })
        .ok_or(Malformed::BadFields)
}

/// Reads a message the dialog window posted (its `data`, a JSON string).
pub fn parse(data: &str) -> Result<Message, Malformed> {
    if data.len() > MAX_MESSAGE_BYTES {
        return Err(Malformed::TooLong);
    }
    let v: Value = serde_json::from_str(data).map_err(|_| Malformed::NotJson)?;
    if !v.is_object() {
        return Err(Malformed::NotJson);
    }
    match v.get("type").and_then(Value::as_str) {
        Some(SESSION_INFO_TYPE) => session_info(&v),
        Some(CALLBACK_TYPE) => callback(&v),
        _ => Err(Malformed::UnknownType),
    }
}

fn session_info(v: &Value) -> Result<Message, Malformed> {
    let data = v.get("data").filter(|d| d.is_object());
    let empty = Value::Object(Default::default());
    let d = data.unwrap_or(&empty);
    match v.get("event").and_then(Value::as_str) {
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
        Some("CANCEL") if d.get("error_message").is_some() => Ok(Message::Error {
            message: text(d, "error_message")?,
            error_id: text(d, "error_code")?.or(text(d, "error_id")?),
        }),
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

fn callback(v: &Value) -> Result<Message, Malformed> {
    let p = v
        .get("params")
        .filter(|p| p.is_object())
        .ok_or(Malformed::BadFields)?;
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

/// One popup's messages and its closing, to one callback.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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
mod tests {
    use super::*;
    use proptest::prelude::*;

    const FINISH: &str = r#"{"type":"WA_EMBEDDED_SIGNUP","event":"FINISH","data":{"phone_number_id":"pn_1","waba_id":"waba_2"},"version":"3"}"#;
    const CODE: &str = r#"{"type":"OAUTH_CALLBACK","params":{"code":"c0de","state":"s1"}}"#;

    fn ids() -> SignupIds {
        SignupIds {
            phone_number_id: "pn_1".into(),
            waba_id: "waba_2".into(),
        }
    }

    fn code() -> CallbackParams {
        CallbackParams {
            code: Some("c0de".into()),
            state: Some("s1".into()),
            ..Default::default()
        }
    }

    #[test]
    fn the_callback_path_carries_every_parameter_encoded() {
        let p = CallbackParams {
            code: Some("a&b=c".into()),
            state: Some("s1".into()),
            current_step: Some("PHONE NUMBER".into()),
            session_info: Some(ids()),
            ..Default::default()
        };
        assert_eq!(
            callback_path(&p),
            "/facebook/callback?code=a%26b%3Dc&state=s1&current_step=PHONE%20NUMBER&phone_number_id=pn_1&waba_id=waba_2"
        );
    }

    #[test]
    fn steps_are_worded_by_what_they_name() {
        for (step, stage) in [
            ("LOGIN", Stage::Login),
            ("PERMISSIONS", Stage::Permissions),
            ("BUSINESS_INFO", Stage::BusinessName),
            ("BUSINESS_DESCRIPTION", Stage::Description),
            ("PHONE_NUMBER_SETUP", Stage::PhoneNumber),
            ("PHONE_NUMBER_VERIFICATION", Stage::Code),
            ("WABA_PHONE_PROFILE_PICKER", Stage::PhoneNumber),
            ("", Stage::Other),
            ("<script>", Stage::Other),
        ] {
            assert_eq!(stage_of(step), stage, "{step}");
        }
    }

    #[test]
    fn meta_s_messages_are_read() {
        assert_eq!(parse(FINISH), Ok(Message::Finish(ids())));
        assert_eq!(parse(CODE), Ok(Message::Callback(code())));
        assert_eq!(
            parse(
                r#"{"type":"WA_EMBEDDED_SIGNUP","event":"CANCEL","data":{"current_step":"PHONE_NUMBER_SETUP"}}"#
            ),
            Ok(Message::Cancel {
                step: Some("PHONE_NUMBER_SETUP".into())
            })
        );
        // v4: a cancel that is an error.
        assert_eq!(
            parse(
                r#"{"type":"WA_EMBEDDED_SIGNUP","event":"CANCEL","data":{"error_message":"Oops","error_code":"524126","session_id":"x"}}"#
            ),
            Ok(Message::Error {
                message: Some("Oops".into()),
                error_id: Some("524126".into())
            })
        );
        assert_eq!(
            parse(
                r#"{"type":"WA_EMBEDDED_SIGNUP","event":"ERROR","data":{"error_message":"Oops","error_id":"FB-1"}}"#
            ),
            Ok(Message::Error {
                message: Some("Oops".into()),
                error_id: Some("FB-1".into())
            })
        );
    }

    #[test]
    fn anything_else_is_refused() {
        for (data, why) in [
            ("", Malformed::NotJson),
            ("42", Malformed::NotJson),
            ("\"FINISH\"", Malformed::NotJson),
            (r#"{"type":"webpackOk"}"#, Malformed::UnknownType),
            (
                r#"{"type":"WA_EMBEDDED_SIGNUP","event":"FINISH","data":42}"#,
                Malformed::BadFields,
            ),
            (
                r#"{"type":"WA_EMBEDDED_SIGNUP","event":"FINISH","data":{"waba_id":"1"}}"#,
                Malformed::BadFields,
            ),
            (
                r#"{"type":"WA_EMBEDDED_SIGNUP","event":"FINISH","data":{"phone_number_id":"<img>","waba_id":"1"}}"#,
                Malformed::BadFields,
            ),
            (
                r#"{"type":"WA_EMBEDDED_SIGNUP","event":"PARTY"}"#,
                Malformed::BadFields,
            ),
            (
                r#"{"type":"OAUTH_CALLBACK","params":{}}"#,
                Malformed::BadFields,
            ),
            (
                r#"{"type":"OAUTH_CALLBACK","params":{"code":["x"]}}"#,
                Malformed::BadFields,
            ),
            (r#"{"type":"OAUTH_CALLBACK"}"#, Malformed::BadFields),
        ] {
            assert_eq!(parse(data), Err(why), "{data}");
        }
        assert_eq!(
            parse(&format!("\"{}\"", "x".repeat(MAX_MESSAGE_BYTES))),
            Err(Malformed::TooLong)
        );
    }

    #[test]
    fn the_ids_before_or_after_the_code_give_the_same_one_callback() {
        let with_ids = CallbackParams {
            session_info: Some(ids()),
            ..code()
        };
        let mut a = PopupRun::new("s1");
        assert_eq!(a.on(Message::Finish(ids())), Next::Wait);
        assert_eq!(
            a.on(Message::Callback(code())),
            Next::Deliver(Box::new(with_ids.clone()))
        );
        let mut b = PopupRun::new("s1");
        assert_eq!(b.on(Message::Callback(code())), Next::WaitForIds);
        assert_eq!(
            b.on(Message::Finish(ids())),
            Next::Deliver(Box::new(with_ids))
        );
        for run in [&mut a, &mut b] {
            assert_eq!(run.on(Message::Callback(code())), Next::Ignore);
            assert_eq!(run.closed(), Next::Ignore);
            assert_eq!(run.gave_up_waiting(), Next::Ignore);
        }
    }

    #[test]
    fn a_code_whose_ids_never_come_still_goes_once() {
        let mut run = PopupRun::new("s1");
        assert_eq!(run.on(Message::Callback(code())), Next::WaitForIds);
        assert_eq!(run.gave_up_waiting(), Next::Deliver(Box::new(code())));
        assert_eq!(run.on(Message::Finish(ids())), Next::Ignore);
        let mut closed = PopupRun::new("s1");
        closed.on(Message::Callback(code()));
        assert_eq!(closed.closed(), Next::Deliver(Box::new(code())));
    }

    #[test]
    fn closing_or_cancelling_says_where() {
        let mut run = PopupRun::new("s1");
        let Next::Deliver(p) = run.on(Message::Cancel {
            step: Some("PHONE_NUMBER_SETUP".into()),
        }) else {
            panic!("a cancel ends the run")
        };
        assert_eq!(p.state.as_deref(), Some("s1"));
        assert_eq!(p.error_reason.as_deref(), Some(reason::USER_DENIED));
        assert_eq!(p.current_step.as_deref(), Some("PHONE_NUMBER_SETUP"));
        // The OAuth error that follows the cancel is ignored.
        let denied = CallbackParams {
            error: Some("access_denied".into()),
            ..code()
        };
        assert_eq!(run.on(Message::Callback(denied)), Next::Ignore);

        let mut silent = PopupRun::new("s1");
        let Next::Deliver(p) = silent.closed() else {
            panic!("a closed window ends the run")
        };
        assert_eq!(p.error_reason.as_deref(), Some(reason::WINDOW_CLOSED));
    }

    #[derive(Debug, Clone)]
    enum Input {
        Finish,
        Code,
        Cancel,
        Error,
        Closed,
        GaveUp,
    }

    proptest! {
        /// Whatever comes, in whatever order: at most one callback; and when a
        /// code came before the run ended it is the one delivered, with the ids
        /// whenever they came before it was delivered.
        #[test]
        fn one_callback_whatever_the_order(inputs in proptest::collection::vec(
            prop_oneof![
                Just(Input::Finish), Just(Input::Code), Just(Input::Cancel),
                Just(Input::Error), Just(Input::Closed), Just(Input::GaveUp),
            ], 0..12)) {
            let mut run = PopupRun::new("s1");
            let mut delivered = Vec::new();
            let (mut saw_code, mut saw_ids, mut ended_first) = (false, false, false);
            for i in &inputs {
                let before = run.is_over();
                let next = match i {
                    Input::Finish => { if !before { saw_ids = true; } run.on(Message::Finish(ids())) }
                    Input::Code => { if !before { saw_code = true; } run.on(Message::Callback(code())) }
                    Input::Cancel => run.on(Message::Cancel { step: None }),
                    Input::Error => run.on(Message::Error { message: None, error_id: None }),
                    Input::Closed => run.closed(),
                    Input::GaveUp => run.gave_up_waiting(),
                };
                if let Next::Deliver(p) = next {
                    if !saw_code { ended_first = true; }
                    delivered.push((p, saw_ids));
                }
            }
            prop_assert!(delivered.len() <= 1);
            if let Some((p, ids_seen)) = delivered.first() {
                if !ended_first {
                    prop_assert_eq!(p.code.as_deref(), Some("c0de"));
                    prop_assert_eq!(p.session_info.is_some(), *ids_seen);
                }
            }
        }
    }
}
