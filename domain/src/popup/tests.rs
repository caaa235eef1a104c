//! The popup's messages and runs, natively.

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

/// A run as JSON and back, as a first-load build hands it to the full app.
fn handed_over(run: &PopupRun) -> PopupRun {
    serde_json::from_str(&serde_json::to_string(run).unwrap()).unwrap()
}

#[test]
fn a_run_handed_over_goes_on_where_it_stood() {
    let mut fresh = handed_over(&PopupRun::new("s1"));
    assert!(!fresh.waits_for_ids());
    assert_eq!(fresh.on(Message::Finish(ids())), Next::Wait);
    // The ids came before the hand-over: the code after it goes with them.
    assert_eq!(
        handed_over(&fresh).on(Message::Callback(code())),
        Next::Deliver(Box::new(CallbackParams {
            session_info: Some(ids()),
            ..code()
        }))
    );
    // A code that came before the hand-over still waits for its ids after it.
    let mut waiting = PopupRun::new("s1");
    assert_eq!(waiting.on(Message::Callback(code())), Next::WaitForIds);
    let mut waiting = handed_over(&waiting);
    assert!(waiting.waits_for_ids());
    assert_eq!(waiting.gave_up_waiting(), Next::Deliver(Box::new(code())));
    assert!(!waiting.waits_for_ids());
    // A run over before the hand-over stays over.
    assert_eq!(handed_over(&waiting).closed(), Next::Ignore);
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
    /// The page is handed over to the full app, which listens on from the run as JSON.
    HandOver,
}

proptest! {
    /// Whatever comes, in whatever order, and however often the page is handed
    /// over meanwhile: at most one callback; and when a code came before the run
    /// ended it is the one delivered, with the ids whenever they came before it
    /// was delivered.
    #[test]
    fn one_callback_whatever_the_order(inputs in proptest::collection::vec(
        prop_oneof![
            Just(Input::Finish), Just(Input::Code), Just(Input::Cancel),
            Just(Input::Error), Just(Input::Closed), Just(Input::GaveUp),
            Just(Input::HandOver),
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
                Input::HandOver => {
                    let json = serde_json::to_string(&run).unwrap();
                    let taken: PopupRun = serde_json::from_str(&json).unwrap();
                    prop_assert_eq!(&taken, &run);
                    run = taken;
                    Next::Wait
                }
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

#[test]
fn numbers_are_read_as_integers_javascript_holds_exactly() {
    let finish = |pn: &str| {
        format!(
            r#"{{"type":"WA_EMBEDDED_SIGNUP","event":"FINISH","data":{{"phone_number_id":{pn},"waba_id":"w"}}}}"#
        )
    };
    // The phone number id read, or why the message was refused.
    let read = |pn: &str| match parse(&finish(pn)) {
        Ok(Message::Finish(ids)) => Ok(ids.phone_number_id),
        Ok(other) => panic!("{other:?}"),
        Err(why) => Err(why),
    };
    assert_eq!(read("106540352242922"), Ok("106540352242922".into()));
    assert_eq!(read("9007199254740991"), Ok("9007199254740991".into()));
    assert_eq!(read("1.0"), Ok("1".into()));
    assert_eq!(read("1e2"), Ok("100".into()));
    // 2^53 + 1 would be 2^53 in the browser: another id.
    assert_eq!(read("9007199254740993"), Err(Malformed::BadFields));
    assert_eq!(read("1.5"), Err(Malformed::BadFields));
}
