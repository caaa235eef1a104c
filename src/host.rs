//! The page the app is mounted in: its settings, and the events the app tells it
//! about ([`domain::embed::Event`]), delivered to the host's `onEvent` and as a
//! `whatsapp-onboarding` DOM event on the mount element.

use domain::embed::{step_for, Event, Settings};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The name of the DOM event the mount element receives.
pub const DOM_EVENT: &str = "whatsapp-onboarding";

struct Host {
    settings: Settings,
    element: Option<web_sys::HtmlElement>,
    /// The shadow root the app renders in.
    root: Option<web_sys::ShadowRoot>,
    on_event: Option<js_sys::Function>,
    /// Whether the app is inside a host page (not its own standalone page).
    embedded: bool,
    /// From `embed.js`: how the first-load build hands the page over to the full app.
    hand_over: Option<js_sys::Function>,
    /// Whether the host page has been told the app is ready: by this app, or (from
    /// `embed.js`) by the first-load build this app carries on from.
    ready_told: bool,
    /// The session the first-load build this app carries on from had, until the app takes it.
    carried_session: Option<domain::contract::SessionInfo>,
    /// The channel whose "Ask a colleague" form the first-load build was asked to
    /// open, until the review page takes it.
    carried_ask: Option<String>,
    /// The Facebook window a first-load build handed over with, until the app
    /// listens to it.
    carried_popup: Option<(web_sys::Window, crate::popup::Carried)>,
    /// The address (from the app's root) the host page was last told the step of
    /// (by this app, or by the first-load build it carries on from): see [`at_step`].
    step_told: Option<String>,
    /// Whether the app is shown: it is hidden until its stylesheets have settled.
    shown: Option<leptos::prelude::RwSignal<bool>>,
    /// Whether the user has clicked or pressed a key in the app (or in the
    /// first-load build this app carries on from): see [`user_acted`].
    acted: bool,
}

/// What `embed.js` tells the app beside the host's settings: the first-load build
/// (the login and set-password pages alone, a small first download) hands over
/// to the full app through it.
#[derive(Default)]
pub struct Continuation {
    /// Loads the full app and mounts it in this app's place; resolves once it is
    /// mounted, rejects if it could not be loaded.
    pub hand_over: Option<js_sys::Function>,
    /// The first-load build this app carries on from told the host page it was ready.
    pub ready_told: bool,
    /// What the first-load build this app carries on from already knew.
    pub carried: Carried,
    /// The first-load build this app carries on from has loaded the app's stylesheets.
    pub styles_loaded: bool,
    /// The Facebook window the first-load build was listening to ([`Carried::popup`]).
    pub popup: Option<web_sys::Window>,
}

/// What the first-load build already knew when it hands over, so the full app starts
/// from it instead of asking the backend again (one round trip less after a login,
/// and no moment of neutral names in the header). It travels through `embed.js`
/// as JSON (`_carried`), in memory only. A session that ended meanwhile is caught
/// by the full app's first request, as any ended session is.
#[derive(Default, serde::Serialize, serde::Deserialize)]
pub struct Carried {
    /// Who is logged in.
    pub session: Option<domain::contract::SessionInfo>,
    /// The backend's brand, once it had arrived.
    pub brand: Option<domain::brand::Brand>,
    /// The address (from the app's root) whose step the first-load build told the
    /// host page last: the full app, mounted at the same address, does not tell it again.
    pub step_told: Option<String>,
    /// The channel whose "Ask a colleague" form the user opened on the review's
    /// first-load build, which does not have the form: the full app opens it.
    pub ask_colleague: Option<String>,
    /// The user had clicked or pressed a key in the first-load build: the page it
    /// hands over is one they moved to.
    #[serde(default)]
    pub acted: bool,
    /// Where the Facebook window the first-load build was listening to stands (the
    /// window itself goes beside the JSON): the full app listens on.
    /// Only the full app reads it, and only the builds with "Continue to Facebook"
    /// write it: the others leave out the code that would (about 1 KB of wasm each).
    #[cfg_attr(not(feature = "full"), serde(skip_deserializing))]
    #[cfg_attr(
        not(any(feature = "review", feature = "handoff")),
        serde(skip_serializing)
    )]
    pub popup: Option<crate::popup::Carried>,
}

thread_local! {
    static HOST: RefCell<Host> = RefCell::new(Host {
        settings: Settings::default(),
        element: None,
        root: None,
        on_event: None,
        embedded: false,
        hand_over: None,
        ready_told: false,
        carried_session: None,
        carried_ask: None,
        carried_popup: None,
        step_told: None,
        shown: None,
        acted: false,
    });
}

/// Remembers the host: its settings, the mount element and its `onEvent`, and
/// whether the app is shown yet.
pub fn attach(
    settings: Settings,
    element: web_sys::HtmlElement,
    root: web_sys::ShadowRoot,
    on_event: Option<js_sys::Function>,
    embedded: bool,
    continuation: Continuation,
    shown: leptos::prelude::RwSignal<bool>,
) {
    HOST.with(|h| {
        *h.borrow_mut() = Host {
            settings,
            element: Some(element),
            root: Some(root),
            on_event,
            embedded,
            hand_over: continuation.hand_over,
            ready_told: continuation.ready_told,
            carried_session: continuation.carried.session,
            carried_ask: continuation.carried.ask_colleague,
            carried_popup: continuation.popup.zip(continuation.carried.popup),
            step_told: continuation.carried.step_told,
            shown: Some(shown),
            acted: continuation.carried.acted || crate::prerendered::acted(),
        }
    });
}

/// Forgets the host (on unmount), so nothing is delivered to a page that let go of the app.
pub fn detach() {
    HOST.with(|h| {
        let mut h = h.borrow_mut();
        h.element = None;
        h.root = None;
        h.on_event = None;
        h.hand_over = None;
        h.shown = None;
    });
}

/// Whether the app is shown (its stylesheets have settled); tracked in an effect.
pub fn shown() -> bool {
    let shown = HOST.with(|h| h.borrow().shown);
    shown.is_none_or(|s| leptos::prelude::Get::get(&s))
}

/// Whether the host page has been told the app is ready (by this app, or by the
/// entry build this one carries on from).
pub fn ready_told() -> bool {
    HOST.with(|h| h.borrow().ready_told)
}

/// The session the first-load build handed over with, once: the app starts from it
/// instead of asking the backend.
pub fn take_carried_session() -> Option<domain::contract::SessionInfo> {
    HOST.with(|h| h.borrow_mut().carried_session.take())
}

/// Whether the first-load build this app carries on from was asked to open the "Ask a
/// colleague" form of `channel`'s review, once: the review page opens it.
pub fn take_carried_ask(channel: &str) -> bool {
    HOST.with(|h| {
        let mut h = h.borrow_mut();
        let asked = h.carried_ask.as_deref() == Some(channel);
        if asked {
            h.carried_ask = None;
        }
        asked
    })
}

/// The Facebook window the first-load build this app carries on from was
/// listening to, and where it stood, once: the app listens on.
pub fn take_carried_popup() -> Option<(web_sys::Window, crate::popup::Carried)> {
    HOST.with(|h| h.borrow_mut().carried_popup.take())
}

/// The user is at `path` (an app address, from `/`): tells the host page the step
/// it shows, if it shows one, unless the page was told that step for the address
/// before it (by this app, or by the first-load build this app carries on from at
/// the same address).
pub fn at_step(path: &str) {
    let before = HOST.with(|h| h.borrow_mut().step_told.replace(path.to_string()));
    if let Some((step, channel_id)) = step_for(path) {
        if before.as_deref().and_then(step_for) != Some((step, channel_id.clone())) {
            emit(&Event::Step { step, channel_id });
        }
    }
}

/// The first-load build met an address it has no page for: `embed.js` loads the full
/// app and mounts it in this one's place, at the same address, starting from
/// `carried` (or, from the full app, the build with the page it leaves out). Fails
/// when that build could not be loaded (or nothing can load it).
pub async fn hand_over(mut carried: Carried) -> Result<(), JsValue> {
    let f = HOST.with(|h| h.borrow().hand_over.clone());
    let f = f.ok_or_else(|| JsValue::from_str("no build to hand over to"))?;
    let told = JsValue::from_bool(ready_told());
    carried.step_told = HOST.with(|h| h.borrow().step_told.clone());
    carried.acted = user_acted();
    // Only the builds with "Continue to Facebook" open a window.
    #[cfg(any(feature = "review", feature = "handoff"))]
    let popup = crate::popup::for_hand_over()
        .map(|(window, at)| {
            carried.popup = Some(at);
            JsValue::from(window)
        })
        .unwrap_or(JsValue::UNDEFINED);
    #[cfg(not(any(feature = "review", feature = "handoff")))]
    let popup = JsValue::UNDEFINED;
    let carried = JsValue::from_str(&crate::json::to_string(&carried).unwrap_or_default());
    let promise: js_sys::Promise = f
        .call3(&JsValue::NULL, &told, &carried, &popup)?
        .dyn_into()?;
    wasm_bindgen_futures::JsFuture::from(promise).await?;
    Ok(())
}

/// Notes, for as long as the app is mounted, when the user clicks or presses a key
/// in it (not in the host page around it).
pub fn watch_user() {
    let Some(root) = HOST.with(|h| h.borrow().root.clone()) else {
        return;
    };
    for event in ["pointerdown", "keydown"] {
        crate::listen::listen(&root, event, |_: web_sys::Event| {
            HOST.with(|h| h.borrow_mut().acted = true)
        });
    }
}

/// Whether the user has clicked or pressed a key in the app since it was mounted
/// (a move to another page is then theirs, not a load or a redirect).
pub fn user_acted() -> bool {
    HOST.with(|h| h.borrow().acted)
}

/// The settings the app was mounted with.
pub fn settings() -> Settings {
    HOST.with(|h| h.borrow().settings.clone())
}

/// Whether the app is inside a host page (so the host owns the document's title).
pub fn embedded() -> bool {
    HOST.with(|h| h.borrow().embedded)
}

/// The element of the app with this id (inside its shadow root).
pub fn by_id(id: &str) -> Option<web_sys::Element> {
    HOST.with(|h| h.borrow().root.as_ref()?.get_element_by_id(id))
}

/// Whether the user has put the focus on a form field of the app (a field the app
/// must not take it away from).
pub fn field_focused() -> bool {
    focused().is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

/// The element of the app that has the focus (inside its shadow root), if one has.
pub fn focused() -> Option<web_sys::Element> {
    HOST.with(|h| h.borrow().root.as_ref()?.active_element())
}

/// `path` (an app address from `/`) under the base path: what every link and
/// navigation of the app uses.
pub fn href(path: &str) -> String {
    HOST.with(|h| domain::embed::under_base(&h.borrow().settings.base_path, path))
}

/// The app address (from `/`) of `path`, a full address under the base path.
pub fn inside(path: &str) -> &str {
    let base = HOST.with(|h| h.borrow().settings.base_path.clone());
    domain::embed::from_base(&base, path)
}

/// Tells the host page about `event`. A host callback that throws is logged and
/// does not stop the app.
pub fn emit(event: &Event) {
    let (element, on_event) = HOST.with(|h| {
        let mut h = h.borrow_mut();
        if h.element.is_some() && *event == Event::Ready {
            h.ready_told = true;
        }
        (h.element.clone(), h.on_event.clone())
    });
    let Some(element) = element else { return };
    let detail = crate::json::to_value(event).unwrap_or(JsValue::NULL);
    if let Some(f) = on_event {
        if let Err(e) = f.call1(&JsValue::NULL, &detail) {
            web_sys::console::error_2(&"whatsapp-onboarding: onEvent threw".into(), &e);
        }
    }
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&detail);
    init.set_bubbles(true);
    init.set_composed(true);
    if let Ok(ev) = web_sys::CustomEvent::new_with_event_init_dict(DOM_EVENT, &init) {
        let _ = element.dispatch_event(&ev);
    }
}

/// The user leaves the journey by the app's own Cancel (`reason` "cancel") or "Back
/// to the portal" ("back_to_portal"): tell the host, with the step they were on.
pub fn exit(reason: &str) {
    let path = leptos::prelude::window()
        .location()
        .pathname()
        .unwrap_or_default();
    let (step, channel_id) =
        step_for(inside(&path)).unwrap_or((domain::embed::Step::Channels, None));
    emit(&Event::Exit {
        step,
        channel_id,
        reason: reason.to_string(),
    });
}
