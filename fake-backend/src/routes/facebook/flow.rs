//! The flow's state machine: which page a visit may see, and what each
//! submission does.

use super::code::{expired, seconds, CODE_EXPIRED, PHONE_CODE_ATTEMPTS, RESEND_WAIT_SECS};
use super::flow_path;
use super::form::{clip, value};
use super::page::{finished_flow, no_such_page, see_other, unknown_flow};
use super::phone::{country_of, pretty_str, read_number};
use super::render::{dead_end_page, render, View};
use super::step::{dead_end_slug, Step, ALREADY_REGISTERED_PAGE, ERROR_PAGE};
use crate::store::{CodeMethod, Data, DialogDeadEnd, DialogFlow, IssuedCode, PhoneCode};
use crate::{mail, secrets};
use axum::http::StatusCode;
use axum::response::Response;
use domain::contract::{DialogMode, Timestamp};
use domain::profile::validate_description;
use domain::signup::{encode, same_secret};

/// Codes issued to the app are forgotten this long after (they expire much sooner).
pub const ISSUED_CODE_KEEP_SECS: i64 = 24 * 60 * 60;
/// The longest legal business name.
const LEGAL_NAME_MAX: usize = 255;

/// What a visit to one of a flow's pages sees: the step, if the flow reached
/// it, else a redirect to where the flow is (or to its dead end).
pub fn show(d: &Data, flow_id: &str, slug: &str, now: Timestamp) -> Response {
    let Some(flow) = d.dialog_flows.get(flow_id) else {
        return unknown_flow();
    };
    if flow.finished {
        return finished_flow();
    }
    let reached = Step::from_number(flow.reached);
    if let Some(dead) = &flow.dead_end {
        return if slug == dead_end_slug(dead) {
            dead_end_page(flow_id, flow, dead)
        } else {
            see_other(&flow_path(flow_id, dead_end_slug(dead)))
        };
    }
    match Step::from_slug(slug) {
        Some(step) if step <= reached => {
            let mut view = View::of(flow, step, now);
            view.status = Some(StatusCode::OK);
            render(flow_id, flow, step, view)
        }
        Some(_) => see_other(&flow_path(flow_id, reached.slug())),
        None if [ALREADY_REGISTERED_PAGE, ERROR_PAGE].contains(&slug) => {
            see_other(&flow_path(flow_id, reached.slug()))
        }
        None => no_such_page(),
    }
}

/// What a submission of a step (or an action) of a flow does; the flow is
/// written back whatever the answer.
pub fn submit(
    d: &mut Data,
    flow_id: &str,
    action: &str,
    form: &[(String, String)],
    now: Timestamp,
    quiet: bool,
) -> Response {
    let Some(flow) = d.dialog_flows.get(flow_id).cloned() else {
        return unknown_flow();
    };
    if flow.finished {
        return finished_flow();
    }
    let mut ctx = Ctx {
        d,
        flow_id,
        flow,
        now,
        quiet,
    };
    let response = ctx.act(action, form);
    let Ctx { d, flow, .. } = ctx;
    d.dialog_flows.insert(flow_id.to_string(), flow);
    response
}

/// One submission: the data, and a copy of the flow written back afterwards.
struct Ctx<'a> {
    d: &'a mut Data,
    flow_id: &'a str,
    flow: DialogFlow,
    now: Timestamp,
    quiet: bool,
}

impl Ctx<'_> {
    fn reached(&self) -> Step {
        Step::from_number(self.flow.reached)
    }

    fn go(&self, step: Step) -> Response {
        see_other(&flow_path(self.flow_id, step.slug()))
    }

    /// Moves on from `step` to the next one.
    fn next(&mut self, step: Step) -> Response {
        let next = Step::from_number(step as u8 + 1);
        self.flow.reached = self.flow.reached.max(next as u8);
        self.go(next)
    }

    fn refuse(&self, step: Step, view: View) -> Response {
        render(self.flow_id, &self.flow, step, view)
    }

    fn act(&mut self, action: &str, form: &[(String, String)]) -> Response {
        match action {
            "cancel" => {
                return self.back(&[
                    ("error", "access_denied"),
                    ("error_reason", domain::signup::reason::USER_DENIED),
                    ("error_description", "The user cancelled"),
                ])
            }
            "return" => return self.give_up(),
            "different-number" if self.flow.dead_end == Some(DialogDeadEnd::AlreadyRegistered) => {
                self.flow.dead_end = None;
                self.flow.reached = Step::Phone as u8;
                return self.go(Step::Phone);
            }
            _ => {}
        }
        if let Some(dead) = &self.flow.dead_end {
            return see_other(&flow_path(self.flow_id, dead_end_slug(dead)));
        }
        let step = match action {
            "resend" | "switch" | "not-received" => Step::Code,
            other => match Step::from_slug(other) {
                Some(step) => step,
                None => return no_such_page(),
            },
        };
        if step > self.reached() {
            return self.go(self.reached());
        }
        match action {
            "resend" => self.resend(),
            "switch" => self.switch(),
            "not-received" => self.back(&[
                ("error", "access_denied"),
                ("error_reason", domain::signup::reason::CODE_NOT_RECEIVED),
                (
                    "error_description",
                    "The user did not receive the verification code",
                ),
            ]),
            _ => match step {
                Step::Login => self.login(form),
                Step::Permissions => self.permissions(),
                Step::BusinessName => self.business_name(form),
                Step::Description => self.description(form),
                Step::Phone => self.phone(form),
                Step::Code => self.verify(form),
                Step::Registered => self.finish(),
            },
        }
    }

    fn login(&mut self, form: &[(String, String)]) -> Response {
        let email = value(form, "email").trim();
        let password = value(form, "password");
        let mut view = View::refused(StatusCode::UNPROCESSABLE_ENTITY);
        if email.is_empty() {
            view.errors
                .push(("email", "Enter your email address".into()));
        }
        if password.is_empty() {
            view.errors.push(("password", "Enter your password".into()));
        }
        if view.errors.is_empty() {
            return self.next(Step::Login);
        }
        view.values.push(("email", clip(email)));
        self.refuse(Step::Login, view)
    }

    fn permissions(&mut self) -> Response {
        if self.d.dialog_mode == DialogMode::GenericError {
            self.flow.dead_end = Some(DialogDeadEnd::Failed {
                error_id: error_id(),
            });
            return see_other(&flow_path(self.flow_id, ERROR_PAGE));
        }
        self.next(Step::Permissions)
    }

    fn business_name(&mut self, form: &[(String, String)]) -> Response {
        let name = value(form, "legal_name").trim();
        let problem = if name.is_empty() {
            Some("Enter your legal business name".to_string())
        } else if name.chars().count() > LEGAL_NAME_MAX {
            Some(format!(
                "Legal business name must be {LEGAL_NAME_MAX} characters or fewer"
            ))
        } else if name.chars().any(char::is_control) {
            Some("Legal business name must be on one line".to_string())
        } else {
            None
        };
        match problem {
            None => {
                self.flow.legal_name = name.to_string();
                self.next(Step::BusinessName)
            }
            Some(message) => {
                let mut view = View::refused(StatusCode::UNPROCESSABLE_ENTITY);
                view.values.push(("legal_name", clip(name)));
                view.errors.push(("legal_name", message));
                self.refuse(Step::BusinessName, view)
            }
        }
    }

    fn description(&mut self, form: &[(String, String)]) -> Response {
        // Browsers send textarea line breaks as CR LF; keep them as the profile does, LF.
        let text = value(form, "description").replace("\r\n", "\n");
        let text = text.trim();
        match validate_description(text) {
            None => {
                self.flow.description = text.to_string();
                self.next(Step::Description)
            }
            Some(message) => {
                let mut view = View::refused(StatusCode::UNPROCESSABLE_ENTITY);
                view.values.push(("description", clip(text)));
                view.errors.push(("description", message));
                self.refuse(Step::Description, view)
            }
        }
    }

    fn phone(&mut self, form: &[(String, String)]) -> Response {
        let input = value(form, "phone").trim();
        let method = match value(form, "method") {
            "sms" => Some(CodeMethod::Sms),
            "voice" => Some(CodeMethod::Voice),
            _ => None,
        };
        let number = read_number(&country_of(&self.flow.prefill), input);
        let (number, method) = match (number, method) {
            (Ok(n), Some(m)) => (n, m),
            (number, method) => {
                let mut view = View::refused(StatusCode::UNPROCESSABLE_ENTITY);
                view.values.push(("phone", clip(input)));
                view.values
                    .push(("method", value(form, "method").to_string()));
                if let Err(problem) = number {
                    view.errors.push(("phone", problem.message()));
                }
                if method.is_none() {
                    view.errors
                        .push(("method", "Choose how we should send the code".into()));
                }
                return self.refuse(Step::Phone, view);
            }
        };
        self.flow.phone_input = input.to_string();
        let e164 = number.as_str().to_string();
        let taken = self.d.whatsapp_numbers.contains(&e164)
            || self.d.dialog_mode == DialogMode::NumberAlreadyOnWhatsapp;
        if taken {
            self.flow.number = Some(e164);
            self.flow.code = None;
            self.flow.dead_end = Some(DialogDeadEnd::AlreadyRegistered);
            return see_other(&flow_path(self.flow_id, ALREADY_REGISTERED_PAGE));
        }
        // The same number and method again within the wait keeps the code already sent.
        let recent = self.flow.number.as_deref() == Some(e164.as_str())
            && self.flow.code.as_ref().is_some_and(|c| {
                c.method == method
                    && self.now - c.sent_at < RESEND_WAIT_SECS
                    && !expired(c, self.now)
            });
        if !recent {
            let sends = if self.flow.number.as_deref() == Some(e164.as_str()) {
                self.flow.code.as_ref().map_or(0, |c| c.sends)
            } else {
                0
            };
            self.flow.number = Some(e164);
            self.send_code(method, sends + 1);
        }
        self.flow.reached = Step::Code as u8;
        self.go(Step::Code)
    }

    /// Sends a fresh code to the flow's number (to the dev mailbox, unless the mode loses it).
    fn send_code(&mut self, method: CodeMethod, sends: u32) {
        let code = format!("{:06}", rand::random_range(0..1_000_000u32));
        let to = self.flow.number.clone().unwrap_or_default();
        self.flow.code = Some(PhoneCode {
            code: code.clone(),
            method,
            sent_at: self.now,
            wrong: 0,
            sends,
        });
        if self.d.dialog_mode == DialogMode::CodeNeverArrives {
            return;
        }
        let (subject, body) = match method {
            CodeMethod::Sms => (
                "WhatsApp code",
                format!(
                    "Your WhatsApp code is {code}. It expires in 10 minutes. Do not share it with anyone.\n\n\
                     (Sent by the simulated Facebook dialog of the fake backend: no text message left this machine.)\n"
                ),
            ),
            CodeMethod::Voice => (
                "WhatsApp voice call",
                format!(
                    "A voice call to {}: \"Your WhatsApp code is {code}. I repeat: {}.\" The code expires in 10 minutes.\n\n\
                     (Made by the simulated Facebook dialog of the fake backend: no call left this machine.)\n",
                    pretty_str(&to),
                    code.chars().map(String::from).collect::<Vec<_>>().join(" "),
                ),
            ),
        };
        mail::send(self.d, self.now, &to, subject, body, self.quiet);
    }

    fn verify(&mut self, form: &[(String, String)]) -> Response {
        let typed: String = value(form, "code")
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        let now = self.now;
        let Some(code) = self.flow.code.as_mut() else {
            return self.go(Step::Phone);
        };
        let problem = if expired(code, now) {
            Some(CODE_EXPIRED.to_string())
        } else if typed.is_empty() {
            Some("Enter the 6-digit code".to_string())
        } else if typed.len() != 6 || !typed.bytes().all(|b| b.is_ascii_digit()) {
            Some("Enter the code as 6 digits, for example 123456".to_string())
        } else if same_secret(&typed, &code.code) {
            None
        } else {
            code.wrong += 1;
            let left = PHONE_CODE_ATTEMPTS.saturating_sub(code.wrong);
            Some(match left {
                0 => CODE_EXPIRED.to_string(),
                1 => "That code is not right. You have 1 attempt left.".to_string(),
                n => format!("That code is not right. You have {n} attempts left."),
            })
        };
        match problem {
            None => {
                self.flow.reached = Step::Registered as u8;
                self.go(Step::Registered)
            }
            Some(message) => {
                let mut view = View::refused(StatusCode::UNPROCESSABLE_ENTITY);
                view.values.push(("code", clip(&typed)));
                view.errors.push(("code", message));
                self.refuse(Step::Code, view)
            }
        }
    }

    fn resend(&mut self) -> Response {
        let Some(code) = self.flow.code.as_ref() else {
            return self.go(Step::Phone);
        };
        let wait = RESEND_WAIT_SECS - (self.now - code.sent_at);
        if wait > 0 {
            let mut view = View::refused(StatusCode::TOO_MANY_REQUESTS);
            view.alert = Some(format!("You can ask for a new code in {}", seconds(wait)));
            return self.refuse(Step::Code, view);
        }
        let (method, sends) = (code.method, code.sends);
        self.send_code(method, sends + 1);
        self.go(Step::Code)
    }

    fn switch(&mut self) -> Response {
        let Some(code) = self.flow.code.as_ref() else {
            return self.go(Step::Phone);
        };
        let method = match code.method {
            CodeMethod::Sms => CodeMethod::Voice,
            CodeMethod::Voice => CodeMethod::Sms,
        };
        let sends = code.sends;
        self.send_code(method, sends + 1);
        self.go(Step::Code)
    }

    /// "Continue" on the success page: a one-time code for the app, and back.
    fn finish(&mut self) -> Response {
        let Some(number) = self.flow.number.clone() else {
            return self.go(Step::Phone);
        };
        let code = secrets::token();
        let now = self.now;
        self.d
            .issued_codes
            .retain(|c| now - c.issued_at < ISSUED_CODE_KEEP_SECS);
        self.d.issued_codes.push(IssuedCode {
            code: code.clone(),
            state: self.flow.state.clone(),
            issued_at: self.now,
            e164: number,
            business_name: self.flow.legal_name.trim().to_string(),
            description: self.flow.description.clone(),
        });
        self.back(&[("code", code.as_str())])
    }

    /// The button on an error page.
    fn give_up(&mut self) -> Response {
        match self.flow.dead_end.clone() {
            Some(DialogDeadEnd::AlreadyRegistered) => self.back(&[
                ("error", "access_denied"),
                (
                    "error_reason",
                    domain::signup::reason::NUMBER_ALREADY_REGISTERED,
                ),
                (
                    "error_description",
                    "This phone number is already registered with WhatsApp",
                ),
            ]),
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

    /// Ends the flow and sends the user to its redirect URI with `params` and the state.
    fn back(&mut self, params: &[(&str, &str)]) -> Response {
        self.flow.finished = true;
        let uri = &self.flow.redirect_uri;
        let mut url = format!("{uri}{}", if uri.contains('?') { '&' } else { '?' });
        for (k, v) in params
            .iter()
            .chain([("state", self.flow.state.as_str())].iter())
        {
            url.push_str(k);
            url.push('=');
            url.push_str(&encode(v));
            url.push('&');
        }
        url.pop();
        see_other(&url)
    }
}

/// `FB-` and six letters and digits that cannot be mistaken for each other.
fn error_id() -> String {
    const CHARS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let tail: String = (0..6)
        .map(|_| CHARS[rand::random_range(0..CHARS.len())] as char)
        .collect();
    format!("FB-{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_ids_have_the_documented_shape() {
        let id = error_id();
        assert!(id.starts_with("FB-") && id.len() == 9, "{id}");
    }
}
