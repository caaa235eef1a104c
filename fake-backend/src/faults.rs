//! Test-only fault injection: the next N calls to an endpoint fail in a chosen way.

use crate::failure::ApiFailure;
use crate::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use domain::testing::{Fault, FaultRule};
use std::time::Duration;

/// Takes the fault for this call, if a rule matches, and counts it down.
pub fn take(rules: &mut Vec<FaultRule>, method: &str, path: &str) -> Option<Fault> {
    let i = rules.iter().position(|r| {
        r.count > 0
            && r.method.eq_ignore_ascii_case(method)
            && match r.path.strip_suffix('*') {
                Some(prefix) => path.starts_with(prefix),
                None => r.path == path,
            }
    })?;
    rules[i].count -= 1;
    let fault = rules[i].fault.clone();
    if rules[i].count == 0 {
        rules.remove(i);
    }
    Some(fault)
}

/// Middleware: applies a matching fault to calls under `/api`, except the test endpoints.
pub async fn inject(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    if !state.config.test_mode || !path.starts_with("/api/") || path.starts_with("/api/test/") {
        return next.run(req).await;
    }
    let fault = {
        let mut rules = state.faults.lock().unwrap_or_else(|e| e.into_inner());
        take(&mut rules, req.method().as_str(), &path)
    };
    match fault {
        None => next.run(req).await,
        Some(Fault::Status { status }) => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            ApiFailure::for_status(status).into_response()
        }
        Some(Fault::Delay { ms }) => {
            tokio::time::sleep(Duration::from_millis(ms)).await;
            next.run(req).await
        }
        Some(Fault::Drop) => {
            // The work is done, then the connection closes before any answer:
            // the client cannot know whether its request took effect.
            let _done = next.run(req).await;
            let broken = broken_stream();
            Response::new(Body::from_stream(broken))
        }
    }
}

/// A body stream that fails at once, which makes the server abort the connection.
fn broken_stream(
) -> impl futures_core::Stream<Item = Result<axum::body::Bytes, std::io::Error>> + Send {
    struct Broken;
    impl futures_core::Stream for Broken {
        type Item = Result<axum::body::Bytes, std::io::Error>;
        fn poll_next(
            self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Option<Self::Item>> {
            std::task::Poll::Ready(Some(Err(std::io::Error::other("fault: dropped"))))
        }
    }
    Broken
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(path: &str, count: u32) -> FaultRule {
        FaultRule {
            method: "POST".into(),
            path: path.into(),
            count,
            fault: Fault::Drop,
        }
    }

    #[test]
    fn counts_down_and_matches_prefixes() {
        let mut rules = vec![rule("/api/session", 2), rule("/api/channels*", 1)];
        assert!(take(&mut rules, "GET", "/api/session").is_none());
        assert!(take(&mut rules, "post", "/api/session").is_some());
        assert!(take(&mut rules, "POST", "/api/session").is_some());
        assert!(take(&mut rules, "POST", "/api/session").is_none());
        assert!(take(&mut rules, "POST", "/api/channels/ch_1").is_some());
        assert!(rules.is_empty());
    }
}
