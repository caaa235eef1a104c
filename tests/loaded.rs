//! A loaded value (`Loaded` in `src/reactive.rs`) in a real browser. Every page
//! loads its lists and answers through it (the channels, the numbers, the rate
//! card, a hand-off), stored as one type for the whole app and read back as its
//! own: what a page shows depends on reading "still loading", then the answer,
//! and a new answer when asked again ("Try again", a poll) or when what it was
//! loaded for changes. Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p
//! whatsapp-onboarding --target wasm32-unknown-unknown --test loaded`.
#![cfg(target_arch = "wasm32")]

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen_test::*;
use whatsapp_onboarding::reactive::Loaded;

wasm_bindgen_test_configure!(run_in_browser);

fn start_executor() {
    let _ = any_spawner::Executor::init_wasm_bindgen();
}

#[wasm_bindgen_test]
async fn a_value_reads_as_loading_then_as_its_answer_and_loads_again_when_asked() {
    start_executor();
    let calls = Rc::new(Cell::new(0u32));
    let count = Loaded::new({
        let calls = calls.clone();
        move || {
            calls.set(calls.get() + 1);
            let n = calls.get();
            async move {
                TimeoutFuture::new(10).await;
                n * 10
            }
        }
    });
    let words = Loaded::new(|| async { String::from("ready") });
    assert_eq!(count.get(), None, "still loading");
    TimeoutFuture::new(80).await;
    assert_eq!(count.get(), Some(10));
    assert_eq!(count.with(|n| n.copied()), Some(10));
    assert_eq!(
        words.get().as_deref(),
        Some("ready"),
        "each value keeps its own type"
    );
    count.refetch();
    TimeoutFuture::new(80).await;
    assert_eq!(calls.get(), 2, "loaded again once");
    assert_eq!(count.get(), Some(20), "the new answer");
}

#[wasm_bindgen_test]
async fn awaiting_gives_the_answer_and_a_change_to_what_it_read_loads_it_again() {
    start_executor();
    let id = RwSignal::new(1u32);
    let page = Loaded::new(move || {
        let id = id.get();
        async move {
            TimeoutFuture::new(10).await;
            format!("channel {id}")
        }
    });
    assert_eq!(page.await, "channel 1");
    id.set(2);
    TimeoutFuture::new(80).await;
    assert_eq!(page.get().as_deref(), Some("channel 2"));
}
