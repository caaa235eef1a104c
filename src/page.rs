//! The document title, which follows the page and says when it shows errors.

use crate::i18n::{fill, text};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Keeps `document.title` as "<title> – WhatsApp channel setup", prefixed with
/// "Error: " while `has_errors` is true (GOV.UK pattern), in the app's locale.
/// Inside a host page the host owns the title, so the app leaves it alone.
pub fn use_title(title: impl Fn() -> String + 'static, has_errors: impl Fn() -> bool + 'static) {
    if crate::host::embedded() {
        return;
    }
    crate::reactive::effect(move || {
        let t = &text().common;
        let template = if has_errors() {
            t.title_with_errors
        } else {
            t.title
        };
        document().set_title(&fill(template, &[("title", &title()), ("app", t.app_name)]));
    });
}

/// After a move to another page, or to another step of one, that the user made:
/// if the focus went with what was left behind (it is on nothing, or still on the
/// header's link), it goes to the new page's heading, so a screen reader says
/// where the user is and the next Tab starts there. A page that put the focus
/// somewhere itself (a remembered field, `?focus=`, an error summary) keeps it.
/// Nothing moves on a load or a redirect the user did not ask for (before any
/// click or key press): the browser starts at the top of the page.
pub fn focus_heading_if_lost() {
    focus_if_lost(None);
}

/// As [`focus_heading_if_lost`], for a part of the page that took the place of
/// the control the user pressed: the element with the id `instead` (its heading)
/// takes the focus, or the page's heading if it is not there.
pub fn focus_if_lost(instead: Option<&str>) {
    focus_once_drawn(instead, true);
}

/// The element with the id `id` takes the focus once it is drawn, wherever the
/// focus is: for a result drawn in the place of what was there, while the control
/// the user pressed stays (a screen reader says it, and the next Tab goes on from it).
pub fn focus_on(id: &str) {
    focus_once_drawn(Some(id), false);
}

fn focus_once_drawn(instead: Option<&str>, only_if_lost: bool) {
    if !crate::host::user_acted() {
        return;
    }
    let instead = instead.map(str::to_owned);
    // Once the new page is drawn, and after the focus its own effects give.
    request_animation_frame(move || {
        let Some(main) = crate::host::by_id("main") else {
            return;
        };
        if only_if_lost && !focus_lost(&main) {
            return;
        }
        let move_id = MOVES.with(|m| {
            m.set(m.get().wrapping_add(1));
            m.get()
        });
        let placed = place(&main, instead.as_deref());
        keep(placed, instead, move_id, KEEP_CHECKS);
    });
}

thread_local! {
    /// How many focus moves there have been: a move's [`keep`] stops at the next.
    static MOVES: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// How often a move looks again after its focus: a timer, not every frame, which
/// would have the browser draw frames for nothing while the user reads.
const KEEP_EVERY: std::time::Duration = std::time::Duration::from_millis(100);
/// How many times: for 30 s, longer than a request waits for its answer.
const KEEP_CHECKS: u32 = 300;

/// Focuses the element with the id `instead`, or else `main`'s heading, or else
/// (the page is still loading) `main` itself, which holds its loading state.
fn place(main: &web_sys::Element, instead: Option<&str>) -> Option<web_sys::HtmlElement> {
    let heading = instead
        .and_then(crate::host::by_id)
        .or_else(|| main.query_selector("h1").ok().flatten());
    let target = heading.unwrap_or_else(|| main.clone());
    if !target.has_attribute("tabindex") {
        let _ = target.set_attribute("tabindex", "-1");
    }
    let target = target.dyn_into::<web_sys::HtmlElement>().ok()?;
    // Not scrolled to: the router has already scrolled a new page to the
    // top, and Back restores where the user was.
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = target.focus_with_options(&options);
    Some(target)
}

/// Keeps a move's focus where it was meant to be while the page settles, looking
/// every [`KEEP_EVERY`] until the focus goes elsewhere (the user's or the page's
/// own doing), the next move, or [`KEEP_CHECKS`] looks: the page's heading takes
/// it from `main` once the page has loaded, and a part drawn in the place of the
/// one that had it (a "Loading…" heading, a problem in place of the page) takes it
/// when it fell to the document.
fn keep(placed: Option<web_sys::HtmlElement>, instead: Option<String>, move_id: u32, checks: u32) {
    let Some(placed) = placed else { return };
    if checks == 0 {
        return;
    }
    let look = move || {
        let Some(main) = crate::host::by_id("main") else {
            return;
        };
        if MOVES.with(std::cell::Cell::get) != move_id {
            return;
        }
        let has_it = crate::host::focused().is_some_and(|f| f == *placed);
        let loaded =
            has_it && *placed == main && main.query_selector("h1").ok().flatten().is_some();
        let fell = !placed.is_connected() && nothing_focused();
        let placed = if loaded || fell {
            place(&main, instead.as_deref())
        } else if has_it {
            Some(placed)
        } else {
            return;
        };
        keep(placed, instead, move_id, checks - 1);
    };
    set_timeout(look, KEEP_EVERY);
}

/// Whether the focus is on nothing: on the document's body.
fn nothing_focused() -> bool {
    crate::host::focused().is_none() && body_focused()
}

/// Whether the document's focus is on its body (or nowhere).
fn body_focused() -> bool {
    document()
        .active_element()
        .is_none_or(|el| el.tag_name() == "BODY")
}

/// Whether the focus is nowhere the user would want it kept: on the document's
/// body (what it had went away), or in the app outside `main` (the header). On
/// the host page's own controls, or inside `main`, it stays.
fn focus_lost(main: &web_sys::Element) -> bool {
    match crate::host::focused() {
        Some(el) => !main.contains(Some(&el)),
        None => body_focused(),
    }
}
