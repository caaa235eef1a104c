//! A form's submission (`src/form.rs`) in a real browser: what a user who
//! double-clicks, or who corrects a refused answer, would notice. Every form of
//! the app submits through it. Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo
//! test -p whatsapp-onboarding --target wasm32-unknown-unknown --test form`.
#![cfg(target_arch = "wasm32")]

use domain::error::FieldError;
use gloo_timers::future::TimeoutFuture;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen_test::*;
use whatsapp_onboarding::form::{use_form, Problem};

wasm_bindgen_test_configure!(run_in_browser);

fn start_executor() {
    let _ = any_spawner::Executor::init_wasm_bindgen();
}

#[wasm_bindgen_test]
async fn a_second_submit_while_the_first_is_on_its_way_is_not_sent_and_the_answer_is_used_once() {
    start_executor();
    let sent = Rc::new(Cell::new(0));
    let answers = Rc::new(RefCell::new(Vec::new()));
    let form = use_form(
        {
            let sent = sent.clone();
            move |n: &u32| {
                sent.set(sent.get() + 1);
                let n = *n;
                async move {
                    TimeoutFuture::new(20).await;
                    Ok::<_, Problem>(n * 10)
                }
            }
        },
        {
            let answers = answers.clone();
            move |a: u32| answers.borrow_mut().push(a)
        },
    );
    form.submit(1);
    assert!(form.pending(), "on its way");
    form.submit(2);
    TimeoutFuture::new(100).await;
    assert_eq!(sent.get(), 1, "one request for a double click");
    assert_eq!(*answers.borrow(), vec![10], "the first answer, once");
    assert!(!form.pending());
    form.submit(3);
    TimeoutFuture::new(100).await;
    assert_eq!(*answers.borrow(), vec![10, 30], "a later submit is sent");
}

#[wasm_bindgen_test]
async fn a_refused_answer_shows_its_field_errors_and_the_next_success_clears_them() {
    start_executor();
    let refused = Rc::new(Cell::new(true));
    let done = Rc::new(Cell::new(0));
    let form = use_form(
        {
            let refused = refused.clone();
            move |_: &()| {
                let refuse = refused.get();
                async move {
                    if refuse {
                        Err(Problem::Fields(vec![FieldError {
                            field: "name".into(),
                            message: "Enter a name".into(),
                        }]))
                    } else {
                        Ok(())
                    }
                }
            }
        },
        {
            let done = done.clone();
            move |()| done.set(done.get() + 1)
        },
    );
    form.submit(());
    TimeoutFuture::new(50).await;
    assert_eq!(form.message().as_deref(), Some("Enter a name"));
    assert_eq!(done.get(), 0, "nothing done for a refusal");
    refused.set(false);
    form.submit(());
    TimeoutFuture::new(50).await;
    assert_eq!(form.message(), None, "the errors cleared");
    assert_eq!(done.get(), 1);
}
