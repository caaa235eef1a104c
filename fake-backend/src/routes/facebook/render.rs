//! The page of each step, and of the dead ends, from a flow and what the user
//! typed.

use super::code::{expired, CODE_EXPIRED, RESEND_WAIT_SECS};
use super::headers::origin_of;
use super::page::{alert, field_error, form, para, Field, Page, PopupScript};
use super::partner;
use super::phone::{shown, shown_prefill_number};
use super::step::Step;
use crate::store::{CodeMethod, DialogDeadEnd, DialogFlow};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::contract::Timestamp;
use domain::html::escape;

/// What a step page shows besides the flow's saved values: the user's input
/// and the messages of a refused submission.
#[derive(Default)]
pub struct View {
    /// Field id to the value to show.
    pub values: Vec<(&'static str, String)>,
    /// Field id to its error.
    pub errors: Vec<(&'static str, String)>,
    /// A message for the whole page (role=alert).
    pub alert: Option<String>,
    /// The answer's status, if not the default (422 with errors, else 200).
    pub status: Option<StatusCode>,
}

impl View {
    /// The saved values of `step`, and the expired-code message when it applies.
    pub fn of(flow: &DialogFlow, step: Step, now: Timestamp) -> Self {
        let mut v = View::default();
        match step {
            Step::BusinessName => v.values.push(("legal_name", flow.legal_name.clone())),
            Step::Description => v.values.push(("description", flow.description.clone())),
            Step::Phone => v.values.push(("phone", flow.phone_input.clone())),
            Step::Code if flow.code.as_ref().is_some_and(|c| expired(c, now)) => {
                v.errors.push(("code", CODE_EXPIRED.into()));
            }
            _ => {}
        }
        v
    }

    /// Nothing to show yet, answered with `status`.
    pub fn refused(status: StatusCode) -> Self {
        View {
            status: Some(status),
            ..View::default()
        }
    }

    /// The value to show in field `id`.
    pub fn value(&self, id: &str) -> &str {
        self.values
            .iter()
            .find(|(k, _)| *k == id)
            .map(|(_, v)| v.as_str())
            .unwrap_or_default()
    }

    /// The error to show at field `id`.
    pub fn error(&self, id: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(k, _)| *k == id)
            .map(|(_, v)| v.as_str())
    }
}

/// A step's page.
pub fn render(flow_id: &str, flow: &DialogFlow, step: Step, view: View) -> Response {
    let partner = partner::name();
    let mut body = String::new();
    if let Some(a) = &view.alert {
        body.push_str(&alert(a));
    }
    let h1: String = match step {
        Step::Login => {
            body.push_str(&para(
                "Log in with the Facebook account that manages your business. \
                 In this simulation any email address and password work.",
            ));
            let fields = [
                Field {
                    id: "email",
                    label: "Email address",
                    value: view.value("email"),
                    error: view.error("email"),
                    hint: None,
                    kind: "email",
                    attrs: "autocomplete=\"username\" spellcheck=\"false\"",
                }
                .html(),
                Field {
                    id: "password",
                    label: "Password",
                    value: "",
                    error: view.error("password"),
                    hint: None,
                    kind: "password",
                    attrs: "autocomplete=\"current-password\"",
                }
                .html(),
            ]
            .concat();
            body.push_str(&form(flow_id, step.slug(), &fields, "Log in", false));
            "Log in to Facebook".into()
        }
        Step::Permissions => {
            body.push_str(&business_details(flow));
            body.push_str(&format!(
                "<div class=\"partner\">{}<p><strong>{}</strong> asks for permission to:</p></div>",
                partner::image_tag(&partner),
                escape(&partner)
            ));
            body.push_str(
                "<ul><li>Manage your WhatsApp Business account and its phone numbers</li>\
                 <li>Send and receive WhatsApp messages for your business</li>\
                 <li>See your business's name and profile</li></ul>",
            );
            body.push_str(&para(&format!(
                "Select Continue to give {partner} this permission."
            )));
            body.push_str(&form(flow_id, step.slug(), "", "Continue", false));
            format!("{partner} would like to access your WhatsApp Business account")
        }
        Step::PermissionGiven => {
            body.push_str(&format!(
                "<div class=\"partner\">{}<p class=\"notice\" role=\"status\">{}</p></div>",
                partner::image_tag(&partner),
                escape(&format!(
                    "{partner} can now manage your WhatsApp Business account and its phone \
                     numbers, and send and receive WhatsApp messages for {}.",
                    business_or_you(flow)
                ))
            ));
            body.push_str(&para(
                "You can remove this permission at any time in your business settings on Facebook. \
                 Next, confirm your business details.",
            ));
            body.push_str(&form(flow_id, step.slug(), "", "Continue", false));
            format!("You gave {partner} permission")
        }
        Step::BusinessName => {
            let field = Field {
                id: "legal_name",
                label: "Legal business name",
                value: view.value("legal_name"),
                error: view.error("legal_name"),
                hint: Some("As it appears on your business registration documents."),
                kind: "text",
                attrs: "autocomplete=\"organization\"",
            }
            .html();
            body.push_str(&form(flow_id, step.slug(), &field, "Continue", false));
            "Confirm your legal business name".into()
        }
        Step::Description => {
            let field = Field {
                id: "description",
                label: "Description",
                value: view.value("description"),
                error: view.error("description"),
                hint: Some(
                    "Up to 512 characters. Customers see it in your WhatsApp Business profile.",
                ),
                kind: "textarea",
                attrs: "rows=\"6\"",
            }
            .html();
            body.push_str(&form(flow_id, step.slug(), &field, "Continue", false));
            "Confirm your business description".into()
        }
        Step::Phone => {
            body.push_str(&para(
                "We will send a code to this number to check that it is yours. Choose how, then \
                 select Confirm: the code is sent at once and works for 10 minutes.",
            ));
            let voice = view.value("method") == "voice";
            let method_error = view
                .error("method")
                .map(|e| field_error("method", e))
                .unwrap_or_default();
            let fields = format!(
                "{}<fieldset{}><legend>How should we send the code?</legend>{method_error}\
                 <div class=\"radio\"><input type=\"radio\" id=\"method-sms\" name=\"method\" value=\"sms\"{}>\
                 <label for=\"method-sms\">Text message (SMS)</label></div>\
                 <div class=\"radio\"><input type=\"radio\" id=\"method-voice\" name=\"method\" value=\"voice\"{}>\
                 <label for=\"method-voice\">Voice call</label></div></fieldset>",
                Field {
                    id: "phone",
                    label: "Phone number",
                    value: view.value("phone"),
                    error: view.error("phone"),
                    hint: Some("For a number from another country, start with + and its country code."),
                    kind: "tel",
                    attrs: "autocomplete=\"tel\"",
                }
                .html(),
                if method_error.is_empty() {
                    ""
                } else {
                    " aria-describedby=\"method-error\""
                },
                if voice { "" } else { " checked" },
                if voice { " checked" } else { "" },
            );
            body.push_str(&form(flow_id, step.slug(), &fields, "Confirm", false));
            "Verify your phone number".into()
        }
        Step::Code => {
            let number = shown(flow.number.as_deref());
            if let Some(code) = &flow.code {
                let new = if code.sends > 1 { "a new" } else { "a" };
                let how = match code.method {
                    CodeMethod::Sms => {
                        format!("We sent {new} 6-digit code by text message (SMS) to {number}.")
                    }
                    CodeMethod::Voice => {
                        format!("We are calling {number} to read you {new} 6-digit code.")
                    }
                };
                body.push_str(&format!(
                    "<p class=\"notice\" role=\"status\">{} The code expires in 10 minutes.</p>",
                    escape(&how)
                ));
            }
            let field = Field {
                id: "code",
                label: "Code",
                value: view.value("code"),
                error: view.error("code"),
                hint: Some("6 digits, for example 123456."),
                kind: "text",
                attrs: "inputmode=\"numeric\" autocomplete=\"one-time-code\" spellcheck=\"false\"",
            }
            .html();
            body.push_str(&form(flow_id, step.slug(), &field, "Continue", false));
            body.push_str("<h2>Did not get the code?</h2>");
            body.push_str(&para(&format!(
                "You can ask for a new code {RESEND_WAIT_SECS} seconds after the last one."
            )));
            let switch = match flow.code.as_ref().map(|c| c.method) {
                Some(CodeMethod::Voice) => "Text me instead",
                _ => "Call me instead",
            };
            body.push_str("<div class=\"actions\">");
            body.push_str(&form(flow_id, "resend", "", "Send a new code", true));
            body.push_str(&form(flow_id, "switch", "", switch, true));
            body.push_str(&form(
                flow_id,
                "not-received",
                "",
                "I did not get a code",
                true,
            ));
            body.push_str("</div>");
            "Enter the 6-digit code".into()
        }
        Step::Registered => {
            let number = shown(flow.number.as_deref());
            body.push_str(&para(&format!(
                "{partner} can now use it with WhatsApp for {}. Continue to go back to {partner}.",
                flow.legal_name.trim()
            )));
            body.push_str(&form(flow_id, step.slug(), "", "Continue", false));
            format!("Your number {number} is registered with WhatsApp")
        }
    };
    let has_error = !view.errors.is_empty() || view.alert.is_some();
    let mut page = Page::new(&h1, body);
    page.progress = (step < Step::Registered).then_some(step as u8 + 1);
    page.has_error = has_error;
    page.cancel = Some(flow_id.to_string());
    page.popup = popup_script(flow, step);
    page.status = view.status.unwrap_or(if has_error {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    });
    page.into_response()
}

/// The page of a dead end: why, and the way back to the app.
pub fn dead_end_page(flow_id: &str, flow: &DialogFlow, dead: &DialogDeadEnd) -> Response {
    let partner = partner::name();
    let back = format!("Return to {partner}");
    let (h1, body) = match dead {
        DialogDeadEnd::AlreadyRegistered => {
            let number = shown(flow.number.as_deref());
            let body = [
                para(&format!(
                    "{number} is already used with WhatsApp or WhatsApp Business, so it cannot be \
                     registered again here. Return to {partner} to choose another number or to ask \
                     how to move this one."
                )),
                "<div class=\"actions\">".into(),
                form(flow_id, "return", "", &back, false),
                form(
                    flow_id,
                    "different-number",
                    "",
                    "Use a different number",
                    true,
                ),
                "</div>".into(),
            ]
            .concat();
            (
                "This phone number is already registered with WhatsApp",
                body,
            )
        }
        DialogDeadEnd::Failed { error_id } => {
            let body = [
                para("Facebook could not finish setting up your WhatsApp Business account. Try again later."),
                format!(
                    "<p>Error ID: <span class=\"error-id\">{}</span></p>",
                    escape(error_id)
                ),
                para(&format!("If it keeps happening, quote the error ID to {partner}.")),
                form(flow_id, "return", "", &back, false),
            ]
            .concat();
            ("Something went wrong", body)
        }
    };
    let mut page = Page::new(h1, body);
    page.cancel = Some(flow_id.to_string());
    page.popup = popup_script(flow, Step::from_number(flow.reached));
    page.into_response()
}

/// A step's script in popup mode: a `CANCEL` at `step` if the window is closed.
fn popup_script(flow: &DialogFlow, step: Step) -> Option<PopupScript> {
    flow.popup.then(|| PopupScript {
        origin: origin_of(&flow.redirect_uri),
        step: Some(step.current_step()),
        messages: Vec::new(),
    })
}

/// The business the sign-up is for, as the pre-fill gives it: what the user
/// sees before giving the partner permission.
fn business_details(flow: &DialogFlow) -> String {
    let p = &flow.prefill;
    let phone = shown_prefill_number(p);
    let rows: String = [
        ("Business", flow.legal_name.trim()),
        ("Phone number", phone.as_str()),
        ("Email", p.email.trim()),
        ("Website", p.website.trim()),
    ]
    .iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| format!("<dt>{k}</dt><dd>{}</dd>", escape(v)))
    .collect();
    if rows.is_empty() {
        return String::new();
    }
    format!("<h2>Your business</h2><dl class=\"details\">{rows}</dl>")
}

/// The business's legal name, or "your business" before there is one.
fn business_or_you(flow: &DialogFlow) -> String {
    match flow.legal_name.trim() {
        "" => "your business".to_string(),
        name => name.to_string(),
    }
}
