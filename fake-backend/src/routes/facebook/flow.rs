//! The flow's state machine: which page a visit may see, and what each
//! submission does.

use super::code::{self, seconds, RESEND_WAIT_SECS};
use super::flow_path;
use super::form::{clip, value};
use super::page::{see_other, Refusal};
use super::phone::{country_of, read_number, shown};
use super::render::{dead_end_page, render, View};
use super::step::{dead_end_slug, Step, ALREADY_REGISTERED_PAGE, ERROR_PAGE};
use crate::mail;
use crate::store::{CodeMethod, Data, DialogDeadEnd, DialogFlow, PhoneCode};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::contract::Timestamp;
use domain::profile::validate_description;
use domain::signup::reason;
use domain::testing::DialogMode;

mod back;

/// Codes issued to the app are forgotten this long after (they expire much sooner).
pub const ISSUED_CODE_KEEP_SECS: i64 = 24 * 60 * 60;
/// The longest legal business name.
const LEGAL_NAME_MAX: usize = 255;

/// What a visit to one of a flow's pages sees: the step, if the flow reached
/// it, else a redirect to where the flow is (or to its dead end).
pub fn show(d: &Data, flow_id: &str, slug: &str, now: Timestamp) -> Response {
    let Some(flow) = d.dialog_flows.get(flow_id) else {
        return Refusal::UnknownFlow.into_response();
    };
    if flow.finished {
        return Refusal::Finished.into_response();
    }
    let reached = Step::from_number(flow.reached);
    if let Some(dead) = &flow.dead_end {
        return if slug == dead_end_slug(dead) {
            dead_end_page(flow_id, flow, dead)
        } else {
            go_to(flow_id, dead_end_slug(dead))
        };
    }
    match Step::from_slug(slug) {
        Some(step) if step <= reached => {
            let mut view = View::of(flow, step, now);
            view.status = Some(StatusCode::OK);
            render(flow_id, flow, step, view)
        }
        Some(_) => go_to(flow_id, reached.slug()),
        None if [ALREADY_REGISTERED_PAGE, ERROR_PAGE].contains(&slug) => {
            go_to(flow_id, reached.slug())
        }
        None => Refusal::NoSuchPage.into_response(),
    }
}

/// A redirect to the flow's page `slug`.
fn go_to(flow_id: &str, slug: &str) -> Response {
    see_other(&flow_path(flow_id, slug))
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
        return Refusal::UnknownFlow.into_response();
    };
    if flow.finished {
        return Refusal::Finished.into_response();
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
    /// The furthest step the flow reached.
    fn reached(&self) -> Step {
        Step::from_number(self.flow.reached)
    }

    /// A redirect to `step`.
    fn go(&self, step: Step) -> Response {
        go_to(self.flow_id, step.slug())
    }

    /// Moves on from `step` to the next one.
    fn next(&mut self, step: Step) -> Response {
        let next = Step::from_number(step as u8 + 1);
        self.flow.reached = self.flow.reached.max(next as u8);
        self.go(next)
    }

    /// `step` again, showing what was wrong.
    fn refuse(&self, step: Step, view: View) -> Response {
        render(self.flow_id, &self.flow, step, view)
    }

    /// `step` again with field `id` showing `typed` and `message` (422).
    fn refuse_field(
        &self,
        step: Step,
        id: &'static str,
        typed: String,
        message: String,
    ) -> Response {
        let mut view = View::refused(StatusCode::UNPROCESSABLE_ENTITY);
        view.values.push((id, typed));
        view.errors.push((id, message));
        self.refuse(step, view)
    }

    /// Dispatches `action`: a step's name, or one of the buttons that are not a step.
    fn act(&mut self, action: &str, form: &[(String, String)]) -> Response {
        match action {
            "cancel" => return self.deny(reason::USER_DENIED, "The user cancelled"),
            "return" => return self.give_up(),
            "different-number" if self.flow.dead_end == Some(DialogDeadEnd::AlreadyRegistered) => {
                self.flow.dead_end = None;
                self.flow.reached = Step::Phone as u8;
                return self.go(Step::Phone);
            }
            _ => {}
        }
        if let Some(dead) = &self.flow.dead_end {
            return go_to(self.flow_id, dead_end_slug(dead));
        }
        let step = match action {
            "resend" | "switch" | "not-received" => Step::Code,
            other => match Step::from_slug(other) {
                Some(step) => step,
                None => return Refusal::NoSuchPage.into_response(),
            },
        };
        if step > self.reached() {
            return self.go(self.reached());
        }
        match action {
            "resend" => self.resend(),
            "switch" => self.switch(),
            "not-received" => self.deny(
                reason::CODE_NOT_RECEIVED,
                "The user did not receive the verification code",
            ),
            _ => match step {
                Step::Login => self.login(form),
                Step::Permissions => self.permissions(),
                Step::PermissionGiven => self.next(Step::PermissionGiven),
                Step::BusinessName => self.business_name(form),
                Step::Description => self.description(form),
                Step::Phone => self.phone(form),
                Step::Code => self.verify(form),
                Step::Registered => self.finish(),
            },
        }
    }

    /// Any email address and password log in.
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

    /// Access granted, to be confirmed on the next page (or, in the
    /// generic-error mode, the error page).
    fn permissions(&mut self) -> Response {
        if self.d.dialog_mode == DialogMode::GenericError {
            self.flow.dead_end = Some(DialogDeadEnd::Failed {
                error_id: error_id(),
            });
            return go_to(self.flow_id, ERROR_PAGE);
        }
        self.next(Step::Permissions)
    }

    /// The legal business name: present, one line, not too long.
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
                self.refuse_field(Step::BusinessName, "legal_name", clip(name), message)
            }
        }
    }

    /// The description, checked as the profile checks it.
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
                self.refuse_field(Step::Description, "description", clip(text), message)
            }
        }
    }

    /// The number and how to send the code: a code is sent, unless the number is taken.
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
            return go_to(self.flow_id, ALREADY_REGISTERED_PAGE);
        }
        // The same number again within the wait keeps the code already sent
        // (whatever the method chosen now, and even when its attempts are used
        // up): the wait, and the attempts of that code, are the number's, not
        // the method's.
        let recent = self.flow.number.as_deref() == Some(e164.as_str())
            && self
                .flow
                .code
                .as_ref()
                .is_some_and(|c| self.now - c.sent_at < RESEND_WAIT_SECS);
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
        let code = code::fresh();
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
        let (subject, body) = code::message(method, &code, &shown(Some(to.as_str())));
        mail::send(self.d, self.now, &to, subject, body, self.quiet);
    }

    /// The code typed: right, or what is wrong with it (a wrong one counts).
    fn verify(&mut self, form: &[(String, String)]) -> Response {
        let typed: String = value(form, "code")
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        let now = self.now;
        let Some(code) = self.flow.code.as_mut() else {
            return self.go(Step::Phone);
        };
        match code::check(code, &typed, now) {
            None => {
                self.flow.reached = Step::Registered as u8;
                self.go(Step::Registered)
            }
            Some(message) => self.refuse_field(Step::Code, "code", clip(&typed), message),
        }
    }

    /// A new code the same way, once the wait is over.
    fn resend(&mut self) -> Response {
        let Some(code) = self.flow.code.as_ref() else {
            return self.go(Step::Phone);
        };
        let method = code.method;
        self.after_the_wait(method)
    }

    /// A new code the other way (a call instead of a text, or the reverse):
    /// the same wait as a resend, since the wait and the wrong attempts belong
    /// to the number, whatever the method.
    fn switch(&mut self) -> Response {
        let Some(code) = self.flow.code.as_ref() else {
            return self.go(Step::Phone);
        };
        let method = match code.method {
            CodeMethod::Sms => CodeMethod::Voice,
            CodeMethod::Voice => CodeMethod::Sms,
        };
        self.after_the_wait(method)
    }

    /// Another code by `method` once [`RESEND_WAIT_SECS`] passed since the last
    /// one to the number (by any method); before that, the code step with the wait.
    fn after_the_wait(&mut self, method: CodeMethod) -> Response {
        let sent_at = self.flow.code.as_ref().map_or(i64::MIN, |c| c.sent_at);
        let wait = RESEND_WAIT_SECS - self.now.saturating_sub(sent_at);
        if wait > 0 {
            let mut view = View::refused(StatusCode::TOO_MANY_REQUESTS);
            view.alert = Some(format!("You can ask for a new code in {}", seconds(wait)));
            return self.refuse(Step::Code, view);
        }
        self.send_again(method)
    }

    /// Another code by `method`, and back to the code step.
    fn send_again(&mut self, method: CodeMethod) -> Response {
        let sends = self.flow.code.as_ref().map_or(0, |c| c.sends);
        self.send_code(method, sends + 1);
        self.go(Step::Code)
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
