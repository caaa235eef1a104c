//! How a flow ends: back to the app's redirect URI with a one-time code or an
//! error (or, in popup mode, a page that posts the result to the opener).

use super::{Ctx, ISSUED_CODE_KEEP_SECS};
use crate::routes::facebook::headers::origin_of;
use crate::routes::facebook::page::{see_other, Page, PopupScript};
use crate::routes::facebook::step::Step;
use crate::store::{DialogDeadEnd, IssuedCode};
use crate::{limits, secrets};
use axum::response::{IntoResponse, Response};
use domain::html::escape;
use domain::percent::encode;
use domain::popup::{CALLBACK_TYPE, SESSION_INFO_TYPE};
use domain::signup::{reason, SignupIds};
use domain::testing::DialogMode;

impl Ctx<'_> {
    /// "Continue" on the success page: a one-time code for the app, and back.
    pub(super) fn finish(&mut self) -> Response {
        let Some(number) = self.flow.number.clone() else {
            return self.go(Step::Phone);
        };
        let code = secrets::token();
        let ids = SignupIds {
            phone_number_id: format!("pn_{}", &secrets::token()[..22]),
            waba_id: format!("waba_{}", &secrets::token()[..22]),
        };
        let now = self.now;
        self.d
            .issued_codes
            .retain(|c| now - c.issued_at < ISSUED_CODE_KEEP_SECS);
        limits::keep_newest(&mut self.d.issued_codes, limits::ISSUED_CODES_MAX - 1);
        self.d.issued_codes.push(IssuedCode {
            code: code.clone(),
            state: self.flow.state.clone(),
            code_challenge: self.flow.code_challenge.clone(),
            redirect_uri: self.flow.redirect_uri.clone(),
            issued_at: self.now,
            e164: number,
            business_name: self.flow.legal_name.trim().to_string(),
            description: self.flow.description.clone(),
            phone_number_id: ids.phone_number_id.clone(),
            waba_id: ids.waba_id.clone(),
        });
        self.back_with(&[("code", code.as_str())], Some(ids))
    }

    /// The button on an error page.
    pub(super) fn give_up(&mut self) -> Response {
        match self.flow.dead_end.clone() {
            Some(DialogDeadEnd::AlreadyRegistered) => self.deny(
                reason::NUMBER_ALREADY_REGISTERED,
                "This phone number is already registered with WhatsApp",
            ),
            Some(DialogDeadEnd::Failed { error_id }) => self.back(&[
                ("error", "server_error"),
                ("error_reason", "unknown_error"),
                (
                    "error_description",
                    "Something went wrong. Please try again later.",
                ),
                ("error_id", error_id.as_str()),
            ]),
            None => self.go(self.reached()),
        }
    }

    /// Ends the flow with `access_denied` for `reason`.
    pub(super) fn deny(&mut self, reason: &str, description: &str) -> Response {
        self.back(&[
            ("error", "access_denied"),
            ("error_reason", reason),
            ("error_description", description),
        ])
    }

    /// Ends the flow and sends the user to its redirect URI with `params` and the state.
    pub(super) fn back(&mut self, params: &[(&str, &str)]) -> Response {
        self.back_with(params, None)
    }

    /// [`Self::back`], with the session info of a finished sign-up: in popup
    /// mode, the page that posts the result to the opener instead.
    fn back_with(&mut self, params: &[(&str, &str)], ids: Option<SignupIds>) -> Response {
        self.flow.finished = true;
        let with_state: Vec<(&str, &str)> = params
            .iter()
            .copied()
            .chain([("state", self.flow.state.as_str())])
            .collect();
        let uri = &self.flow.redirect_uri;
        let mut url = format!("{uri}{}", if uri.contains('?') { '&' } else { '?' });
        for (k, v) in &with_state {
            url.push_str(k);
            url.push('=');
            url.push_str(&encode(v));
            url.push('&');
        }
        url.pop();
        if self.flow.popup {
            self.post_back(&with_state, ids, &url)
        } else {
            see_other(&url)
        }
    }

    /// Popup mode: a page that posts the session info and the OAuth result to
    /// the opener and closes the window (or, with no opener, links to `url`).
    fn post_back(&self, params: &[(&str, &str)], ids: Option<SignupIds>, url: &str) -> Response {
        let oauth: serde_json::Map<String, serde_json::Value> = params
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).into()))
            .collect();
        let callback = serde_json::json!({ "type": CALLBACK_TYPE, "params": oauth }).to_string();
        let denied = params
            .iter()
            .any(|(k, v)| *k == "error_reason" && *v == reason::USER_DENIED);
        let info = match (&ids, denied) {
            (Some(ids), _) => Some(serde_json::json!({
                "type": SESSION_INFO_TYPE, "event": "FINISH", "version": "3",
                "data": { "phone_number_id": ids.phone_number_id, "waba_id": ids.waba_id },
            })),
            (None, true) => Some(serde_json::json!({
                "type": SESSION_INFO_TYPE, "event": "CANCEL", "version": "3",
                "data": { "current_step": self.reached().current_step() },
            })),
            (None, false) => None,
        }
        .map(|v| v.to_string());
        let mut messages: Vec<String> = info.into_iter().collect();
        if self.d.dialog_mode == DialogMode::CodeBeforeSessionInfo {
            messages.insert(0, callback);
        } else {
            messages.push(callback);
        }
        let partner = crate::routes::facebook::partner::name();
        let mut page = Page::new(
            &format!("Returning to {partner}"),
            format!(
                "<p>This window closes by itself. If it stays open, \
                 <a href=\"{}\">return to {}</a>.</p>",
                escape(url),
                escape(&partner)
            ),
        );
        page.popup = Some(PopupScript {
            origin: origin_of(&self.flow.redirect_uri),
            step: None,
            messages,
        });
        page.into_response()
    }
}
