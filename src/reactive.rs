//! The app's effects through one instantiation of Leptos's effect machinery.
//! `Effect::new` is generic over its closure, so every call site compiled its own
//! copy of the effect's spawned task, its observer, cleanup and scheduling code;
//! boxing the closure at the edge leaves two copies (`effect`, `effect_until`) for
//! all the app's effects.
//! (Memos done the same way came out 245 B larger: a memo is generic over its
//! value anyway, and most are small.)

use leptos::prelude::*;

/// An effect: runs `f` now and again whenever a signal it read changes.
pub fn effect(f: impl FnMut() + 'static) {
    effect_boxed(Box::new(f));
}

fn effect_boxed(mut f: Box<dyn FnMut()>) {
    Effect::new(move |_: Option<()>| f());
}

/// An effect that stops once `f` has returned true (a step done once, when
/// what it waits for has come): it is not run again after that.
pub fn effect_until(f: impl FnMut() -> bool + 'static) {
    effect_until_boxed(Box::new(f));
}

fn effect_until_boxed(mut f: Box<dyn FnMut() -> bool>) {
    Effect::new(move |done: Option<bool>| {
        // Returning without reading a signal leaves the effect with no sources.
        done == Some(true) || f()
    });
}
