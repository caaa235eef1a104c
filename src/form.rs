//! One way to submit a form: a pending state that blocks a second submit, the
//! errors to show, and the one policy for what a failure shows.
//!
//! A page gives [`use_form`] the work to do (usually one `api` call) and what to
//! do with the answer; the hook owns the rest. Field errors come from the server
//! when it gives them, else one message; an ended session or a cancelled request
//! shows nothing here, because [`ApiError::handled_elsewhere`] says the session or
//! the router deals with it.

use crate::api::ApiError;
use domain::error::FieldError;
use leptos::prelude::*;
use std::cell::Cell;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::rc::Rc;

/// Why a submission did not succeed.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// The answers need correcting: one message per field (or with an empty field, for the form).
    Fields(Vec<FieldError>),
    /// The call failed; the form shows what [`ApiError::form_errors`] says.
    Api(ApiError),
    /// The page has already shown what happened; the form shows nothing more.
    Shown,
}

impl From<ApiError> for Problem {
    fn from(e: ApiError) -> Self {
        Problem::Api(e)
    }
}

impl From<Vec<FieldError>> for Problem {
    fn from(errors: Vec<FieldError>) -> Self {
        Problem::Fields(errors)
    }
}

/// A submission on its way: the page's own work, with what to do once it succeeds.
type Job = Pin<Box<dyn Future<Output = Settled>>>;

/// How a submission ended: the page's reaction to its answer, or the problem.
type Settled = Result<Rc<dyn Fn()>, Problem>;

/// The action every form submits through (its input, the job, is taken once).
type Submissions = Action<Cell<Option<Job>>, Settled>;

/// A form's own part: the job for an input.
type Start<I> = Rc<dyn Fn(&I) -> Job>;

/// A form's submission: what is under way, and the errors on show.
///
/// Every form's submission is the same kind of action, whose input is the
/// submission's future already made: Leptos's action code (the spawned task,
/// its version and pending counts) is compiled once for the app, not once for
/// each form's input and answer types.
pub struct Form<I: 'static, O: 'static> {
    action: Submissions,
    start: StoredValue<Start<I>, LocalStorage>,
    /// The errors the page shows (the error summary and each field's message).
    pub errors: RwSignal<Vec<FieldError>>,
    answer: PhantomData<fn() -> O>,
}

impl<I: 'static, O: 'static> Clone for Form<I, O> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I: 'static, O: 'static> Copy for Form<I, O> {}

/// A form whose submission runs `work`; `done` gets the answer when it succeeds
/// (the errors are cleared first), once.
pub fn use_form<I, O, Fut>(
    work: impl Fn(&I) -> Fut + 'static,
    done: impl Fn(O) + 'static,
) -> Form<I, O>
where
    I: 'static,
    O: 'static,
    Fut: Future<Output = Result<O, Problem>> + 'static,
{
    let done = Rc::new(done);
    let start: Start<I> = Rc::new(move |input: &I| {
        let answer = work(input);
        let done = done.clone();
        Box::pin(async move {
            let o = Cell::new(Some(answer.await?));
            Ok(Rc::new(move || {
                if let Some(o) = o.take() {
                    done(o)
                }
            }) as Rc<dyn Fn()>)
        })
    });
    let (action, errors) = submissions();
    Form {
        action,
        start: StoredValue::new_local(start),
        errors,
        answer: PhantomData,
    }
}

/// The action every form submits through, and its errors on show, kept up to
/// date with each answer.
fn submissions() -> (Submissions, RwSignal<Vec<FieldError>>) {
    let action = Action::new_local(|job: &Cell<Option<Job>>| {
        // Each submission's job is taken once, by the dispatch that carries it.
        job.take()
            .unwrap_or_else(|| Box::pin(std::future::ready(Err(Problem::Shown))))
    });
    let errors = RwSignal::new(Vec::new());
    crate::reactive::effect(move || {
        let Some(result) = action.value().get() else {
            return;
        };
        match result {
            Ok(react) => {
                errors.set(Vec::new());
                untrack(|| react());
            }
            Err(p) => {
                if let Some(shown) = errors_of(p) {
                    errors.set(shown);
                }
            }
        }
    });
    (action, errors)
}

/// What the form shows for a problem; `None` leaves what is on show.
fn errors_of(p: Problem) -> Option<Vec<FieldError>> {
    match p {
        Problem::Fields(f) => Some(f),
        Problem::Api(e) => {
            if let Some(event) = e.event() {
                crate::host::emit(&event);
            }
            e.form_errors()
        }
        Problem::Shown => None,
    }
}

impl<I: 'static, O: 'static> Form<I, O> {
    /// Submits `input`, unless a submission is already under way (a double click).
    pub fn submit(&self, input: I) {
        if !self.action.pending().get_untracked() {
            let job = untrack(|| self.start.with_value(|start| start(&input)));
            self.action.dispatch_local(Cell::new(Some(job)));
        }
    }

    /// Shows the page's own checks instead of submitting.
    pub fn fail(&self, errors: Vec<FieldError>) {
        self.errors.set(errors);
    }

    /// Clears the errors on show.
    pub fn clear(&self) {
        self.errors.set(Vec::new());
    }

    /// Whether a submission is under way (tracked, for a button's words).
    pub fn pending(&self) -> bool {
        self.action.pending().get()
    }

    /// Whether errors are on show (tracked, for the page title).
    pub fn has_errors(&self) -> bool {
        self.errors.with(|e| !e.is_empty())
    }

    /// The messages on show, joined (for a form without fields, such as a button).
    pub fn message(&self) -> Option<String> {
        self.errors.with(|e| {
            (!e.is_empty()).then(|| {
                e.iter()
                    .map(|f| f.message.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
        })
    }
}
