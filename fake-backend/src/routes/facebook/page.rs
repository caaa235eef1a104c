//! The dialog's page shell and the pieces its pages are made of: fields,
//! forms, messages, refusals and redirects.

use super::step::Step;
use super::{flow_path, CSS, POPUP_JS};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::html::escape;

/// The banner on every page.
pub const BANNER: &str =
    "Simulated Facebook dialog for local development and tests: this is not Facebook";

/// One server-rendered page of the dialog.
pub struct Page {
    /// The answer's status.
    pub status: StatusCode,
    /// The heading (plain text), also the title.
    pub h1: String,
    /// The page's content under the heading (HTML).
    pub body: String,
    /// The step number for the progress line, if any.
    pub progress: Option<u8>,
    /// The page shows an error (the title says so).
    pub has_error: bool,
    /// The flow whose Cancel button the page ends with, if any.
    pub cancel: Option<String>,
    /// In a popup: what the page tells the window that opened it.
    pub popup: Option<PopupScript>,
}

/// The script of a page in a popup (`display=popup`), and what it posts to
/// the opener: on a step, a `CANCEL` at that step if the window is closed;
/// on the last page, the result, then it closes the window.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PopupScript {
    /// The only origin it posts to: the app's (the redirect URI's).
    pub origin: String,
    /// The step's `current_step` name, on a step's page.
    pub step: Option<&'static str>,
    /// The messages (JSON text each) to post at once, on the last page.
    pub messages: Vec<String>,
}

impl PopupScript {
    fn html(&self) -> String {
        let mut tag = format!(
            "<script src=\"{POPUP_JS}\" data-origin=\"{}\"",
            escape(&self.origin)
        );
        if let Some(step) = self.step {
            tag.push_str(&format!(" data-step=\"{}\"", escape(step)));
        }
        if !self.messages.is_empty() {
            let list = serde_json::to_string(&self.messages).unwrap_or_default();
            tag.push_str(&format!(" data-messages=\"{}\"", escape(&list)));
        }
        tag.push_str("></script>");
        tag
    }
}

impl IntoResponse for Page {
    fn into_response(self) -> Response {
        self.html()
    }
}

impl Page {
    /// A page with this heading (plain text, escaped here) and body (HTML).
    pub fn new(h1: &str, body: String) -> Self {
        Self {
            status: StatusCode::OK,
            h1: h1.to_string(),
            body,
            progress: None,
            has_error: false,
            cancel: None,
            popup: None,
        }
    }

    /// The same page, answered with `status`.
    pub fn status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }

    /// The page as an HTML answer.
    fn html(self) -> Response {
        let title = format!(
            "{}{} – Simulated Facebook",
            if self.has_error { "Error: " } else { "" },
            self.h1
        );
        let progress = self
            .progress
            .map(|n| format!("<p class=\"progress\">Step {n} of {STEPS}</p>"))
            .unwrap_or_default();
        let cancel = self
            .cancel
            .map(|flow| {
                format!(
                    "<form class=\"cancel\" method=\"post\" action=\"{}\" novalidate>\
                     <button type=\"submit\" class=\"secondary\">Cancel</button></form>",
                    escape(&flow_path(&flow, "cancel"))
                )
            })
            .unwrap_or_default();
        let html = format!(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <meta name=\"robots\" content=\"noindex\">\
             <title>{title}</title><link rel=\"stylesheet\" href=\"{CSS}\"></head><body>\
             <header class=\"sim-banner\"><p>{banner}</p></header>\
             <main><p class=\"brand\">facebook <span class=\"hint\">(simulated)</span></p>{progress}\
             <h1>{h1}</h1>{body}{cancel}</main>{script}</body></html>",
            title = escape(&title),
            banner = escape(BANNER),
            h1 = escape(&self.h1),
            body = self.body,
            script = self.popup.map(|p| p.html()).unwrap_or_default(),
        );
        (
            self.status,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            html,
        )
            .into_response()
    }
}

/// How many steps the progress line counts: every step but the last, "registered".
const STEPS: usize = Step::ALL.len() - 1;

/// A refusal: a page with a message that links and redirects nowhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// A link to the dialog that does not match the configuration, and why.
    InvalidLink(&'static str),
    /// No flow has this id (it may have expired).
    UnknownFlow,
    /// No step, dead end or action has this name.
    NoSuchPage,
    /// The flow already sent the user back.
    Finished,
    /// A form sent from another site.
    CrossSite,
    /// A form body over the limit.
    TooLarge,
    /// The dialog's code panicked.
    Broken,
}

impl Refusal {
    /// The page's status, heading and message.
    fn parts(self) -> (StatusCode, &'static str, String) {
        let again = "Go back to the app and start the sign-up again.";
        match self {
            Self::InvalidLink(why) => (
                StatusCode::BAD_REQUEST,
                "This sign-up link is not valid",
                format!("{why} {again}"),
            ),
            Self::UnknownFlow => (
                StatusCode::NOT_FOUND,
                "This sign-up was not found",
                format!("It may have expired. {again}"),
            ),
            Self::NoSuchPage => (
                StatusCode::NOT_FOUND,
                "This page does not exist",
                "Check the address, or go back to the app and start the sign-up again.".into(),
            ),
            Self::Finished => (
                StatusCode::GONE,
                "This sign-up has finished",
                "You were already sent back to the app. You can close this page.".into(),
            ),
            Self::CrossSite => (
                StatusCode::FORBIDDEN,
                "This request was refused",
                "Forms of the sign-up can only be sent from its own pages.".into(),
            ),
            Self::TooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "That was too much to send",
                "Go back and shorten what you entered.".into(),
            ),
            Self::Broken => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Something went wrong",
                "The simulated dialog failed. Start again from the app.".into(),
            ),
        }
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let (status, h1, text) = self.parts();
        Page::new(h1, para(&text)).status(status).into_response()
    }
}

/// A 303 redirect to `location` (the invalid-link page if it cannot be a header).
pub fn see_other(location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(v) => (StatusCode::SEE_OTHER, [(header::LOCATION, v)]).into_response(),
        Err(_) => Refusal::InvalidLink("The address to return to cannot be used.").into_response(),
    }
}

/// A text input (or textarea) with its visible label, hint and error.
pub struct Field<'a> {
    /// The id, also the form name.
    pub id: &'a str,
    /// The visible label.
    pub label: &'a str,
    /// The value shown.
    pub value: &'a str,
    /// The error shown, if any.
    pub error: Option<&'a str>,
    /// The hint shown, if any.
    pub hint: Option<&'a str>,
    /// `text`, `email`, `password`, `tel`, or `textarea`.
    pub kind: &'a str,
    /// Extra attributes, written as they are (constants only).
    pub attrs: &'a str,
}

impl Field<'_> {
    /// The field as HTML.
    pub fn html(&self) -> String {
        let id = escape(self.id);
        let mut described = Vec::new();
        let hint = self
            .hint
            .map(|h| {
                described.push(format!("{id}-hint"));
                format!("<p class=\"hint\" id=\"{id}-hint\">{}</p>", escape(h))
            })
            .unwrap_or_default();
        let error = self
            .error
            .map(|e| {
                described.push(format!("{id}-error"));
                field_error(self.id, e)
            })
            .unwrap_or_default();
        let mut attrs = format!("id=\"{id}\" name=\"{id}\" {}", self.attrs);
        if !described.is_empty() {
            attrs.push_str(&format!(" aria-describedby=\"{}\"", described.join(" ")));
        }
        if self.error.is_some() {
            attrs.push_str(" aria-invalid=\"true\"");
        }
        let input = if self.kind == "textarea" {
            format!("<textarea {attrs}>{}</textarea>", escape(self.value))
        } else {
            format!(
                "<input type=\"{}\" {attrs} value=\"{}\">",
                self.kind,
                escape(self.value)
            )
        };
        format!(
            "<div class=\"field{}\"><label for=\"{id}\">{}</label>{hint}{error}{input}</div>",
            if self.error.is_some() { " invalid" } else { "" },
            escape(self.label),
        )
    }
}

/// The error of field (or fieldset) `id`, which its `aria-describedby` names.
pub fn field_error(id: &str, text: &str) -> String {
    format!(
        "<p class=\"error\" id=\"{}-error\" role=\"alert\">{}</p>",
        escape(id),
        escape(text)
    )
}

/// A form posting to one of the flow's paths, with one submit button.
pub fn form(flow: &str, action: &str, inner: &str, button: &str, secondary: bool) -> String {
    format!(
        "<form method=\"post\" action=\"{}\" novalidate>{inner}\
         <button type=\"submit\"{}>{}</button></form>",
        escape(&flow_path(flow, action)),
        if secondary {
            " class=\"secondary\""
        } else {
            ""
        },
        escape(button)
    )
}

/// A message for the whole page (role=alert).
pub fn alert(text: &str) -> String {
    format!("<p class=\"error\" role=\"alert\">{}</p>", escape(text))
}

/// A paragraph of plain text.
pub fn para(text: &str) -> String {
    format!("<p>{}</p>", escape(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_say_what_happened_and_lead_nowhere() {
        let cases = [
            (
                Refusal::InvalidLink("The response_type must be code."),
                400,
                "This sign-up link is not valid",
                "The response_type must be code. Go back to the app and start the sign-up again.",
            ),
            (
                Refusal::UnknownFlow,
                404,
                "This sign-up was not found",
                "It may have expired. Go back to the app and start the sign-up again.",
            ),
            (
                Refusal::NoSuchPage,
                404,
                "This page does not exist",
                "Check the address, or go back to the app and start the sign-up again.",
            ),
            (
                Refusal::Finished,
                410,
                "This sign-up has finished",
                "You were already sent back to the app. You can close this page.",
            ),
            (
                Refusal::CrossSite,
                403,
                "This request was refused",
                "Forms of the sign-up can only be sent from its own pages.",
            ),
            (
                Refusal::TooLarge,
                413,
                "That was too much to send",
                "Go back and shorten what you entered.",
            ),
            (
                Refusal::Broken,
                500,
                "Something went wrong",
                "The simulated dialog failed. Start again from the app.",
            ),
        ];
        for (refusal, status, h1, text) in cases {
            assert_eq!(
                refusal.parts(),
                (StatusCode::from_u16(status).unwrap(), h1, text.to_string())
            );
        }
    }

    #[test]
    fn a_field_names_its_hint_and_error() {
        let html = Field {
            id: "code",
            label: "Code",
            value: "12\"3",
            error: Some("Enter the 6-digit code"),
            hint: Some("6 digits."),
            kind: "text",
            attrs: "inputmode=\"numeric\"",
        }
        .html();
        assert_eq!(
            html,
            "<div class=\"field invalid\"><label for=\"code\">Code</label>\
             <p class=\"hint\" id=\"code-hint\">6 digits.</p>\
             <p class=\"error\" id=\"code-error\" role=\"alert\">Enter the 6-digit code</p>\
             <input type=\"text\" id=\"code\" name=\"code\" inputmode=\"numeric\" \
             aria-describedby=\"code-hint code-error\" aria-invalid=\"true\" value=\"12&quot;3\"></div>"
        );
    }
}
