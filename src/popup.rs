//! Popup mode in the browser: the window the dialog opens in, the messages it
//! posts back, and its closing. What the messages mean, and in which order they
//! may come, is decided in plain Rust ([`domain::popup`]); this module only
//! checks where a message comes from before anything reads it.

use domain::popup::{parse, Next, PopupRun};
use domain::signup::CallbackParams;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// How often the app looks whether the window was closed.
const CLOSED_POLL: Duration = Duration::from_millis(400);
/// After the window closes, how long its last messages may take to arrive.
const LAST_MESSAGES: Duration = Duration::from_millis(800);
/// How long a code waits for the ids that should come with it.
const IDS_WAIT: Duration = Duration::from_secs(2);

thread_local! {
    /// The tab's one dialog window and what listens to it. It lives outside any
    /// page, so a page drawn again keeps it (and a second click finds it); the
    /// app's unmount and a logout forget it.
    static CURRENT: RefCell<Option<(web_sys::Window, Option<Watch>)>> = const { RefCell::new(None) };
}

/// The dialog window this tab opened, if it is still open.
pub fn current_open() -> Option<web_sys::Window> {
    CURRENT.with(|c| {
        c.borrow()
            .as_ref()
            .map(|(w, _)| w.clone())
            .filter(|w| !is_closed(w))
    })
}

/// Stops listening to the dialog window (the window stays the user's).
pub fn forget() {
    // Taken out first: the watch is dropped outside the borrow.
    let current = CURRENT.with(|c| c.borrow_mut().take());
    drop(current);
}

/// Opens an empty window for the dialog, at once (inside the click, so the
/// browser allows it), and keeps it as the tab's; `None` if the browser blocked it.
pub fn open_blank(waiting: &str) -> Option<web_sys::Window> {
    let w = window()
        .open_with_url_and_target_and_features(
            "about:blank",
            "facebook-signup",
            "popup,width=640,height=760",
        )
        .ok()
        .flatten()?;
    // Something to read while the sign-up starts.
    if let Some(body) = w.document().and_then(|d| d.body()) {
        body.set_text_content(Some(waiting));
    }
    forget();
    CURRENT.with(|c| *c.borrow_mut() = Some((w.clone(), None)));
    Some(w)
}

/// Whether the window is gone (closed, or never really opened).
pub fn is_closed(w: &web_sys::Window) -> bool {
    w.closed().unwrap_or(true)
}

/// Listens to one popup until its run delivers a callback (then `deliver`
/// gets it, once), or until dropped.
struct Watch {
    /// Where the dialog lives, and where its run stands: what a hand-over carries.
    dialog_origin: String,
    run: Rc<RefCell<PopupRun>>,
    listener: Option<WindowListenerHandle>,
    poll: Option<IntervalHandle>,
    /// Cleared when dropped: a timer that fires later delivers nothing.
    alive: Rc<Cell<bool>>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.alive.set(false);
        if let Some(l) = self.listener.take() {
            l.remove();
        }
        if let Some(p) = self.poll.take() {
            p.clear();
        }
    }
}

/// Points the tab's dialog window at `url` and listens to it, the dialog living
/// at `dialog_origin`, for the attempt with `state`: `deliver` gets the one
/// callback its run makes, after the listening has stopped. `false` if the
/// window is gone.
pub fn watch(
    url: &str,
    dialog_origin: String,
    state: &str,
    deliver: impl Fn(CallbackParams) + 'static,
) -> bool {
    let Some(popup) = current_open() else {
        return false;
    };
    if popup.location().set_href(url).is_err() {
        return false;
    }
    listen_as_current(popup, dialog_origin, PopupRun::new(state), deliver);
    true
}

/// The tab's dialog window as a first-load build hands it over to the full app
/// (the user moved on to a page the build does not have while the window was
/// open): where the dialog lives and where its run stands, as JSON; the window
/// itself goes beside it.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct Carried {
    dialog_origin: String,
    run: PopupRun,
}

/// The window listened to, and where it stands, for a hand-over; `None` when no
/// window is listened to. This build listens on until the full app has taken over
/// (and unmounted it), so a hand-over that fails loses nothing.
pub fn for_hand_over() -> Option<(web_sys::Window, Carried)> {
    CURRENT.with(|c| {
        let c = c.borrow();
        let (popup, watch) = c.as_ref()?;
        let watch = watch.as_ref()?;
        let run = watch.run.borrow().clone();
        Some((
            popup.clone(),
            Carried {
                dialog_origin: watch.dialog_origin.clone(),
                run,
            },
        ))
    })
}

/// The full app, once handed over: listens on to `popup` from where the first-load
/// build left it ([`for_hand_over`]), as the tab's dialog window; `deliver` as in
/// [`watch`].
pub fn resume(
    popup: web_sys::Window,
    carried: Carried,
    deliver: impl Fn(CallbackParams) + 'static,
) {
    listen_as_current(popup, carried.dialog_origin, carried.run, deliver);
}

/// Listens to `popup` as the tab's dialog window, from `run`, until it delivers
/// (then forgets the window, and `deliver` gets the callback).
fn listen_as_current(
    popup: web_sys::Window,
    dialog_origin: String,
    run: PopupRun,
    deliver: impl Fn(CallbackParams) + 'static,
) {
    let watching = listen(popup.clone(), dialog_origin, run, move |p| {
        forget();
        deliver(p)
    });
    CURRENT.with(|c| *c.borrow_mut() = Some((popup, Some(watching))));
}

/// Shows a run's callback: the app's own callback page, wherever the user is in
/// the app by then.
pub fn show_result(go: &crate::nav::Go, p: &CallbackParams) {
    go.address(&crate::host::href(&domain::popup::callback_path(p)), false);
}

fn listen(
    popup: web_sys::Window,
    dialog_origin: String,
    run: PopupRun,
    deliver: impl Fn(CallbackParams) + 'static,
) -> Watch {
    // A code handed over while it waited for its ids waits on here.
    let waits_for_ids = run.waits_for_ids();
    let run = Rc::new(RefCell::new(run));
    let alive = Rc::new(Cell::new(true));
    // Delivered from a timer of its own, never from inside the listener that
    // the delivery (a navigation away) removes.
    let deliver: Rc<dyn Fn(CallbackParams)> = {
        let alive = alive.clone();
        let deliver = Rc::new(deliver);
        Rc::new(move |p| {
            let (alive, deliver) = (alive.clone(), deliver.clone());
            set_timeout(
                move || {
                    if alive.get() {
                        deliver(p)
                    }
                },
                Duration::ZERO,
            )
        })
    };
    let act = {
        let run = run.clone();
        move |next: Next| match next {
            Next::Deliver(p) => deliver(*p),
            Next::WaitForIds => {
                let run = run.clone();
                let deliver = deliver.clone();
                set_timeout(
                    move || {
                        let next = run.borrow_mut().gave_up_waiting();
                        if let Next::Deliver(p) = next {
                            deliver(*p)
                        }
                    },
                    IDS_WAIT,
                );
            }
            Next::Wait | Next::Ignore => {}
        }
    };
    let act = Rc::new(act);
    if waits_for_ids {
        act(Next::WaitForIds);
    }
    let (foreign_logged, malformed_logged) = (Rc::new(Cell::new(false)), Rc::new(Cell::new(false)));
    let listener = {
        let (run, act, popup) = (run.clone(), act.clone(), popup.clone());
        let dialog_origin = dialog_origin.clone();
        window_event_listener(leptos::ev::message, move |e: web_sys::MessageEvent| {
            let from_popup = e
                .source()
                .is_some_and(|s| js_sys::Object::is(&s, popup.unchecked_ref()));
            if e.origin() != dialog_origin || !from_popup {
                if !foreign_logged.replace(true) {
                    web_sys::console::warn_1(
                        &format!(
                            "whatsapp-onboarding: ignored a message that is not from the Facebook window (origin {})",
                            e.origin()
                        )
                        .into(),
                    );
                }
                return;
            }
            let data = e.data();
            let text = data
                .as_string()
                .or_else(|| {
                    js_sys::JSON::stringify(&data)
                        .ok()
                        .and_then(|s| s.as_string())
                })
                .unwrap_or_default();
            match parse(&text) {
                Ok(m) => {
                    let next = run.borrow_mut().on(m);
                    act(next);
                }
                Err(why) => {
                    if !malformed_logged.replace(true) {
                        web_sys::console::warn_1(
                            &format!("whatsapp-onboarding: ignored a message from the Facebook window: {why}").into(),
                        );
                    }
                }
            }
        })
    };
    let seen_closed = Rc::new(Cell::new(false));
    let polled = run.clone();
    let poll = set_interval_with_handle(
        move || {
            if is_closed(&popup) && !seen_closed.replace(true) {
                let (run, act) = (polled.clone(), act.clone());
                set_timeout(
                    move || {
                        let next = run.borrow_mut().closed();
                        act(next)
                    },
                    LAST_MESSAGES,
                );
            }
        },
        CLOSED_POLL,
    )
    .ok();
    Watch {
        dialog_origin,
        run,
        listener: Some(listener),
        poll,
        alive,
    }
}
