//! Listening to a browser event for as long as the current component lives.

use leptos::prelude::on_cleanup;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Calls `handler` on every `event` at `target`; the listener is removed when the
/// current reactive owner is cleaned up (its page goes away).
pub fn listen<E: JsCast + 'static>(
    target: &web_sys::EventTarget,
    event: &'static str,
    handler: impl Fn(E) + 'static,
) {
    // The typed part is this cast alone: the listener's code is compiled once.
    listen_boxed(
        target,
        event,
        Box::new(move |ev: web_sys::Event| {
            if let Ok(ev) = ev.dyn_into::<E>() {
                handler(ev);
            }
        }),
    );
}

fn listen_boxed(
    target: &web_sys::EventTarget,
    event: &'static str,
    handler: Box<dyn Fn(web_sys::Event)>,
) {
    let closure = Closure::<dyn Fn(web_sys::Event)>::wrap(handler);
    let f: js_sys::Function = closure.as_ref().unchecked_ref::<js_sys::Function>().clone();
    if target.add_event_listener_with_callback(event, &f).is_err() {
        return;
    }
    let held = send_wrapper::SendWrapper::new((target.clone(), f, closure));
    on_cleanup(move || {
        let (t, f, _closure) = held.take();
        let _ = t.remove_event_listener_with_callback(event, &f);
    });
}
