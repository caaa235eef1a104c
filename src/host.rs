//! The page the app is mounted in: its settings, and the events the app tells it
//! about ([`domain::embed::Event`]), delivered to the host's `onEvent` and as a
//! `whatsapp-onboarding` DOM event on the mount element.

use domain::embed::{Event, Settings};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

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
}

thread_local! {
    static HOST: RefCell<Host> = RefCell::new(Host {
        settings: Settings::default(),
        element: None,
        root: None,
        on_event: None,
        embedded: false,
    });
}

/// Remembers the host: its settings, the mount element and its `onEvent`.
pub fn attach(
    settings: Settings,
    element: web_sys::HtmlElement,
    root: web_sys::ShadowRoot,
    on_event: Option<js_sys::Function>,
    embedded: bool,
) {
    HOST.with(|h| {
        *h.borrow_mut() = Host {
            settings,
            element: Some(element),
            root: Some(root),
            on_event,
            embedded,
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
    });
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

/// `path` (an app address from `/`) under the base path: what every link and
/// navigation of the app uses.
pub fn href(path: &str) -> String {
    HOST.with(|h| domain::embed::under_base(&h.borrow().settings.base_path, path))
}

/// Tells the host page about `event`. A host callback that throws is logged and
/// does not stop the app.
pub fn emit(event: &Event) {
    let (element, on_event) = HOST.with(|h| {
        let h = h.borrow();
        (h.element.clone(), h.on_event.clone())
    });
    let Some(element) = element else { return };
    let detail = serde_json::to_string(event)
        .ok()
        .and_then(|json| js_sys::JSON::parse(&json).ok())
        .unwrap_or(JsValue::NULL);
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
    let base = settings().base_path;
    let inside = if base == "/" {
        path.as_str()
    } else {
        path.strip_prefix(base.as_str()).unwrap_or(&path)
    };
    let (step, channel_id) = domain::embed::step_for(inside)
        .map(|(s, c)| (s, c.map(str::to_string)))
        .unwrap_or((domain::embed::Step::Channels, None));
    emit(&Event::Exit {
        step,
        channel_id,
        reason: reason.to_string(),
    });
}
