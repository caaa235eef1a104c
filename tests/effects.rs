//! The app's effect helpers (`src/reactive.rs`) in a real browser: an effect
//! runs again when what it read changes, and one that has said it is done is
//! not run again. Pages rely on the second to do a thing once (tell the host
//! page the app is ready, open the channel it asked for, focus the field the
//! user left). Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p
//! whatsapp-onboarding --target wasm32-unknown-unknown --test effects`.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen_test::*;
use whatsapp_onboarding::reactive::{effect, effect_until};

wasm_bindgen_test_configure!(run_in_browser);

/// Lets the effects scheduled so far run.
async fn settle() {
    for _ in 0..3 {
        leptos::task::tick().await;
    }
}

#[wasm_bindgen_test]
async fn an_effect_runs_again_each_time_a_signal_it_read_changes() {
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let n = RwSignal::new(0);
    let seen = Rc::new(Cell::new(Vec::new()));
    effect({
        let seen = seen.clone();
        move || {
            let mut v = seen.take();
            v.push(n.get());
            seen.set(v);
        }
    });
    settle().await;
    n.set(1);
    settle().await;
    n.set(2);
    settle().await;
    assert_eq!(seen.take(), vec![0, 1, 2]);
}

#[wasm_bindgen_test]
async fn an_effect_until_is_not_run_again_once_it_has_returned_true() {
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let loaded = RwSignal::new(false);
    let runs = Rc::new(Cell::new(0));
    let done_at = Rc::new(Cell::new(None));
    effect_until({
        let (runs, done_at) = (runs.clone(), done_at.clone());
        move || {
            runs.set(runs.get() + 1);
            if !loaded.get() {
                return false;
            }
            done_at.set(Some(runs.get()));
            true
        }
    });
    settle().await;
    assert_eq!((runs.get(), done_at.get()), (1, None), "waits, not done");
    loaded.set(true);
    settle().await;
    assert_eq!(
        (runs.get(), done_at.get()),
        (2, Some(2)),
        "done when loaded"
    );
    loaded.set(false);
    settle().await;
    loaded.set(true);
    settle().await;
    assert_eq!(runs.get(), 2, "not run again after it was done");
}
