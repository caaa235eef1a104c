//! The API client's behaviour in a real browser (headless Chromium through
//! wasm-bindgen-test): how answers become typed errors, time-outs, retries,
//! cancellation, and the headers on mutating requests.
//!
//! Each test replaces `window.fetch` with a small stand-in, so the client's
//! own code (gloo-net, AbortController, timers) runs unchanged against
//! answers we choose. Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test
//! -p whatsapp-onboarding --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]

use domain::endpoint::{Endpoint, Method};
use domain::error::ErrorCode;
use domain::idempotency::RetryKey;
use leptos::prelude::*;
use wasm_bindgen_test::*;
use whatsapp_onboarding::api::{self, ApiError, Options};

/// A GET of `/api/x` answering `T`, as a page would make it.
async fn get<T: serde::de::DeserializeOwned>(opts: Options) -> Result<T, ApiError> {
    api::fetch_with(Endpoint::<(), T>::new(Method::Get, "/api/x"), &[], opts).await
}

/// A POST of `body` to `/api/x`.
async fn post<B: serde::Serialize>(
    body: &B,
    key: StoredValue<RetryKey>,
    opts: Options,
) -> Result<(), ApiError> {
    api::send_with(
        Endpoint::<B, ()>::new(Method::Post, "/api/x"),
        &[],
        body,
        key,
        opts,
    )
    .await
}

wasm_bindgen_test_configure!(run_in_browser);

/// Replaces `window.fetch` with `body` (a JS function body taking `req`) and resets the call log.
fn fake_fetch(body: &str) {
    let window = web_sys::window().unwrap();
    let f = js_sys::Function::new_with_args("req", &format!("window.__calls.push(req); {body}"));
    js_sys::Reflect::set(&window, &"__calls".into(), &js_sys::Array::new()).unwrap();
    js_sys::Reflect::set(&window, &"fetch".into(), &f).unwrap();
}

/// The requests the fake fetch received.
fn calls() -> Vec<web_sys::Request> {
    let window = web_sys::window().unwrap();
    let arr: js_sys::Array = js_sys::Reflect::get(&window, &"__calls".into())
        .unwrap()
        .into();
    arr.iter().map(web_sys::Request::from).collect()
}

fn answer(status: u16, headers: &str, body: &str) -> String {
    format!(
        "return Promise.resolve(new Response({body:?}, {{status: {status}, headers: {headers}}}));"
    )
}

const NETWORK_DOWN: &str = "return Promise.reject(new TypeError('Failed to fetch'));";
const NEVER_ANSWERS: &str = "return new Promise((_, reject) => req.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));";

fn quick(timeout_ms: u32) -> Options {
    Options {
        timeout_ms,
        redirect_on_401: false,
    }
}

#[wasm_bindgen_test]
async fn a_success_is_decoded() {
    fake_fetch(&answer(
        200,
        "{'content-type': 'application/json'}",
        r#"{"ok":true}"#,
    ));
    let v: serde_json::Value = get(quick(2_000)).await.unwrap();
    assert_eq!(v["ok"], true);
}

#[wasm_bindgen_test]
async fn a_conflict_keeps_its_field_messages() {
    fake_fetch(&answer(
        409,
        "{}",
        r#"{"code":"conflict","message":"Taken","fields":[{"field":"name","message":"That name is taken"}]}"#,
    ));
    let e = get::<()>(quick(2_000)).await.unwrap_err();
    assert!(matches!(&e, ApiError::Conflict(b) if b.code == ErrorCode::Conflict));
    assert_eq!(e.field("name").as_deref(), Some("That name is taken"));
}

#[wasm_bindgen_test]
async fn rate_limiting_reads_retry_after() {
    fake_fetch(&answer(
        429,
        "{'Retry-After': '120'}",
        r#"{"code":"rate_limited","message":"Too many attempts."}"#,
    ));
    let e = get::<()>(quick(2_000)).await.unwrap_err();
    assert!(matches!(
        e,
        ApiError::RateLimited {
            retry_after_secs: Some(120),
            ..
        }
    ));
    assert_eq!(e.to_string(), "Too many attempts. Try again in 2 minutes.");
}

#[wasm_bindgen_test]
async fn unauthorized_validation_refusal_and_server_errors_are_told_apart() {
    fake_fetch(&answer(
        401,
        "{}",
        r#"{"code":"unauthorized","message":"x"}"#,
    ));
    assert_eq!(get::<()>(quick(2_000)).await, Err(ApiError::Unauthorized));

    fake_fetch(&answer(
        422,
        "{}",
        r#"{"code":"validation","message":"x","fields":[{"field":"email","message":"Enter your email"}]}"#,
    ));
    let e = get::<()>(quick(2_000)).await.unwrap_err();
    assert!(matches!(&e, ApiError::Validation(_)));
    assert_eq!(e.field("email").as_deref(), Some("Enter your email"));

    fake_fetch(&answer(
        410,
        "{}",
        r#"{"code":"link_expired","message":"Expired"}"#,
    ));
    let e = get::<()>(quick(2_000)).await.unwrap_err();
    assert_eq!(e.code(), Some(ErrorCode::LinkExpired));

    fake_fetch(&answer(
        500,
        "{}",
        r#"{"code":"internal","message":"x","error_id":"ERR-42"}"#,
    ));
    let e = get::<()>(quick(2_000)).await.unwrap_err();
    assert_eq!(
        e,
        ApiError::Server {
            status: 500,
            error_id: Some("ERR-42".into())
        }
    );
    assert!(e.to_string().contains("ERR-42"));
}

#[wasm_bindgen_test]
async fn a_200_with_a_body_that_is_not_the_contract_is_a_server_error() {
    fake_fetch(&answer(200, "{}", "<html>proxy page</html>"));
    let e = get::<serde_json::Value>(quick(2_000)).await.unwrap_err();
    assert!(matches!(e, ApiError::Server { status: 200, .. }));
}

#[wasm_bindgen_test]
async fn an_answer_with_a_struct_written_as_an_array_is_a_server_error_not_read_by_position() {
    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Answer {
        name: String,
        count: u32,
    }
    // The contract writes a struct as an object; an array in its place is the wrong
    // answer, not its fields in some order.
    fake_fetch(&answer(200, "{}", r#"["Support", 3]"#));
    let e = get::<Answer>(quick(2_000)).await.unwrap_err();
    assert!(matches!(e, ApiError::Server { status: 200, .. }));
    fake_fetch(&answer(200, "{}", r#"{"count": 3, "name": "Support"}"#));
    let read: Answer = get(quick(2_000)).await.unwrap();
    assert_eq!(
        read,
        Answer {
            name: "Support".into(),
            count: 3
        }
    );
}

#[wasm_bindgen_test]
async fn a_get_is_retried_with_backoff_while_the_network_is_down() {
    fake_fetch(NETWORK_DOWN);
    let started = js_sys::Date::now();
    let e = get::<()>(quick(2_000)).await.unwrap_err();
    assert_eq!(e, ApiError::Network);
    assert_eq!(calls().len(), 3, "three attempts");
    assert!(
        js_sys::Date::now() - started >= 1_500.0,
        "it waited between attempts"
    );
}

#[wasm_bindgen_test]
async fn a_get_recovers_when_the_network_comes_back() {
    fake_fetch(&format!(
        "if (window.__calls.length < 2) {{ {NETWORK_DOWN} }} {}",
        answer(200, "{}", "[1,2,3]")
    ));
    let v: Vec<u32> = get(quick(2_000)).await.unwrap();
    assert_eq!(v, [1, 2, 3]);
    assert_eq!(calls().len(), 2);
}

#[wasm_bindgen_test]
async fn a_slow_answer_times_out_and_is_not_retried() {
    fake_fetch(NEVER_ANSWERS);
    let e = get::<()>(quick(60)).await.unwrap_err();
    assert_eq!(e, ApiError::Timeout);
    assert_eq!(calls().len(), 1);
    assert!(
        calls()[0].signal().aborted(),
        "the request was aborted, not left running"
    );
}

#[wasm_bindgen_test]
async fn leaving_the_page_aborts_its_requests() {
    fake_fetch(NEVER_ANSWERS);
    let owner = Owner::new();
    let result = std::rc::Rc::new(std::cell::RefCell::new(None));
    let slot = result.clone();
    owner.with(|| {
        let fut = ScopedFuture::new(async move {
            *slot.borrow_mut() = Some(get::<()>(quick(10_000)).await);
        });
        wasm_bindgen_futures::spawn_local(fut);
    });
    gloo_timers::future::TimeoutFuture::new(20).await;
    owner.cleanup();
    gloo_timers::future::TimeoutFuture::new(20).await;
    assert_eq!(*result.borrow(), Some(Err(ApiError::Cancelled)));
}

#[wasm_bindgen_test]
async fn mutations_carry_csrf_and_reuse_the_idempotency_key_only_after_an_unknown_outcome() {
    let _owner = Owner::new();
    _owner.set();
    let key = StoredValue::new(RetryKey::default());
    api::set_csrf_token(Some("csrf-123".into()));
    let header = |i: usize, name: &str| calls()[i].headers().get(name).unwrap();

    // The connection drops: nobody knows if it arrived, so the retry carries the same key.
    fake_fetch(NETWORK_DOWN);
    let body = serde_json::json!({"name": "Sales"});
    let e = post(&body, key, quick(2_000)).await.unwrap_err();
    assert_eq!(e, ApiError::Network);
    let first = header(0, "idempotency-key").unwrap();
    assert_eq!(first.len(), 32, "128 random bits in hex");
    assert_eq!(header(0, "x-csrf-token").as_deref(), Some("csrf-123"));
    assert_eq!(
        header(0, "content-type").as_deref(),
        Some("application/json")
    );

    fake_fetch(&answer(201, "{}", ""));
    post(&body, key, quick(2_000)).await.unwrap();
    assert_eq!(
        header(0, "idempotency-key").unwrap(),
        first,
        "a retry of an unknown outcome"
    );

    // Answered: the next submission is a new request with a new key.
    post(&body, key, quick(2_000)).await.unwrap();
    assert_ne!(header(1, "idempotency-key").unwrap(), first);
    api::set_csrf_token(None);
}

#[wasm_bindgen_test]
async fn a_401_calls_the_log_in_hook_unless_asked_not_to() {
    let hits = std::rc::Rc::new(std::cell::Cell::new(0));
    let h = hits.clone();
    api::on_unauthorized(move || h.set(h.get() + 1));
    fake_fetch(&answer(401, "{}", "{}"));
    let _ = get::<()>(quick(2_000)).await;
    assert_eq!(hits.get(), 0);
    let _ = get::<()>(Options {
        timeout_ms: 2_000,
        redirect_on_401: true,
    })
    .await;
    assert_eq!(hits.get(), 1);
}
