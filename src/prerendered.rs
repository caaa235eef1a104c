//! The login form `index.html` shows at its first paint on `/login`
//! (`public/prerendered.js` shows it), so the user can type before the app has
//! loaded. The app takes it over: what was typed, where the cursor was, and a
//! "Log in" already asked for. Nothing of it is kept beyond the takeover.

use std::cell::RefCell;
use wasm_bindgen::JsCast;

/// The id of the prerendered page in `index.html`.
pub const ID: &str = "prerendered-login";
/// Its fields, by id: the same ids as the login page's own fields.
const FIELDS: [&str; 2] = ["email", "password"];

/// What the user did in the prerendered form.
#[derive(Default)]
struct Typed {
    /// Each field's id and value.
    values: Vec<(String, String)>,
    /// The field that had the focus, with its selection.
    focus: Option<(String, Option<u32>, Option<u32>)>,
    /// "Log in" was pressed before the app was there.
    submitted: bool,
}

thread_local! {
    static TYPED: RefCell<Option<Typed>> = const { RefCell::new(None) };
}

/// Called by `mount` before the app renders (its shadow root hides the prerendered
/// page, and the focus): reads the prerendered form inside `element` if it is
/// showing, and removes it (hidden or not) so its fields are not the app's twins.
/// The login page takes the values with [`value`], then calls [`finish`].
pub fn read(element: &web_sys::HtmlElement) {
    let Some(page) = element.query_selector(&format!("#{ID}")).ok().flatten() else {
        return;
    };
    // Before it goes: the focus leaves a removed field.
    let active = leptos::prelude::document().active_element();
    page.remove();
    if page.has_attribute("hidden") {
        return;
    }
    let mut typed = Typed {
        submitted: page.has_attribute("data-submitted"),
        ..Typed::default()
    };
    for id in FIELDS {
        let Some(input) = page
            .query_selector(&format!("#{id}"))
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            continue;
        };
        if active.as_ref() == Some(input.unchecked_ref()) {
            typed.focus = Some((
                id.to_string(),
                input.selection_start().ok().flatten(),
                input.selection_end().ok().flatten(),
            ));
        }
        typed.values.push((id.to_string(), input.value()));
    }
    TYPED.with(|t| *t.borrow_mut() = Some(typed));
}

/// Whether the user typed into the prerendered form, was in one of its fields, or
/// pressed "Log in" there: the page the login leads to is then one they moved to.
pub fn acted() -> bool {
    TYPED.with(|t| {
        t.borrow().as_ref().is_some_and(|typed| {
            typed.submitted
                || typed.focus.is_some()
                || typed.values.iter().any(|(_, v)| !v.is_empty())
        })
    })
}

/// What the user typed into the prerendered field `id`, for the app's own field.
pub fn value(id: &str) -> Option<String> {
    TYPED.with(|t| {
        t.borrow().as_ref().and_then(|typed| {
            typed
                .values
                .iter()
                .find(|(i, _)| i == id)
                .map(|(_, v)| v.clone())
        })
    })
}

/// Once the login page has rendered (from an effect): the focus and the cursor go
/// to its field of the same id. Returns whether "Log in" was pressed in the
/// prerendered form, which the login page then does.
pub fn finish() -> bool {
    let Some(typed) = TYPED.with(|t| t.borrow_mut().take()) else {
        return false;
    };
    if let Some((id, start, end)) = typed.focus {
        if let Some(input) =
            crate::host::by_id(&id).and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            let _ = input.focus();
            if let (Some(start), Some(end)) = (start, end) {
                let _ = input.set_selection_range(start, end);
            }
        }
    }
    typed.submitted
}

#[cfg(test)]
mod tests {
    use crate::i18n::{catalogue, split};
    use domain::embed::Locale;

    use domain::html::escape;

    /// The two sentences of the login page that `public/prerendered.js` rewords for
    /// an en-US browser: the introduction (its platform the brand's neutral name) and
    /// the parts of "Forgotten your password…" before and after its link.
    fn sentences(locale: Locale) -> (String, &'static str, &'static str) {
        let t = catalogue(locale);
        let (intro_before, intro_after) = split(t.account.log_in_intro, "platform");
        let intro = format!(
            "{intro_before}{}{intro_after}",
            t.common.brand_messaging_platform
        );
        let (forgotten_before, forgotten_after) = split(t.account.forgotten, "link");
        (intro, forgotten_before, forgotten_after)
    }

    /// The login page as the app first renders it in `locale` before the brand has
    /// arrived (its neutral names), with the two sentences of `sentences_in`: the
    /// markup of `routes/login.rs` and the fields of `components/field.rs`.
    fn login_page(locale: Locale, sentences_in: Locale) -> String {
        let t = catalogue(locale);
        let a = &t.account;
        let (intro, forgotten_before, forgotten_after) = sentences(sentences_in);
        format!(
            concat!(
                r#"<div class="narrow" id="{id}" hidden>"#,
                r#"<h1>{title}</h1>"#,
                r#"<p>{intro}</p>"#,
                r#"<form novalidate>"#,
                r#"<div class="field"><label class="label" for="email">{email}</label>"#,
                r#"<input class="input" id="email" name="email" type="email" autocomplete="username" spellcheck="false"></div>"#,
                r#"<div class="field"><label class="label" for="password">{password}</label><div class="password-input">"#,
                r#"<input class="input" id="password" name="password" type="password" autocomplete="current-password" autocapitalize="none" spellcheck="false">"#,
                r#"<button class="button button--secondary password-input__toggle" type="button" aria-controls="password" aria-pressed="false">{show}<span class="visually-hidden"> {what}</span></button>"#,
                r#"</div></div>"#,
                r#"<button class="button" type="submit">{log_in}</button>"#,
                r#"</form>"#,
                r#"<p>{forgotten_before}<a href="/set-password">{new_link}</a>{forgotten_after}</p>"#,
                r#"</div>"#,
            ),
            id = super::ID,
            title = escape(a.log_in_title),
            intro = escape(&intro),
            email = escape(a.email),
            password = escape(a.password),
            show = escape(t.common.show),
            what = escape(a.password_what),
            log_in = escape(a.log_in),
            forgotten_before = escape(forgotten_before),
            new_link = escape(a.get_new_link),
            forgotten_after = escape(forgotten_after),
        )
    }

    /// What index.html says on its own before the app is there: "Loading…", and
    /// that the app could not be loaded (`public/boot.js` shows it), in the app's words.
    #[test]
    fn index_html_says_loading_and_not_loaded_in_the_app_s_words() {
        let page = include_str!("../index.html");
        let t = &catalogue(Locale::EnGb).common;
        for expected in [
            format!(
                r#"<p class="loading" role="status">{}</p>"#,
                escape(t.loading)
            ),
            format!(
                r#"<div class="notice notice--error" role="alert" id="page-not-loaded" hidden><p>{}</p><button type="button" class="button">{}</button></div>"#,
                escape(t.page_not_loaded),
                escape(t.try_again)
            ),
        ] {
            assert!(
                page.contains(&expected),
                "index.html should have:\n{expected}"
            );
        }
    }

    /// The prerendered page says what the app's first render says, word for word,
    /// so the takeover changes nothing the user sees.
    #[test]
    fn index_html_prerenders_the_login_page_as_the_app_first_renders_it() {
        let page = include_str!("../index.html");
        let expected = login_page(Locale::EnGb, Locale::EnGb);
        assert!(
            page.contains(&expected),
            "index.html's prerendered login page is not the app's; it should be:\n{expected}"
        );
    }

    /// For an en-US browser, `public/prerendered.js` rewords the page's two
    /// sentences that American English says differently, in the app's en-US words,
    /// and those two are all that differs: the takeover changes nothing there either.
    #[test]
    fn prerendered_js_rewords_the_page_for_an_american_browser_as_the_app_does() {
        assert_eq!(
            login_page(Locale::EnGb, Locale::EnUs),
            login_page(Locale::EnUs, Locale::EnUs),
            "the en-US login page differs from the en-GB one outside the two sentences public/prerendered.js rewords"
        );
        let script = include_str!("../public/prerendered.js");
        let (intro, forgotten_before, forgotten_after) = sentences(Locale::EnUs);
        for (what, words) in [
            ("sentences[0].firstChild", intro.as_str()),
            ("sentences[1].firstChild", forgotten_before),
            ("sentences[1].lastChild", forgotten_after),
        ] {
            let expected = format!("{what}.nodeValue = '{words}';");
            assert!(
                script.contains(&expected),
                "public/prerendered.js should have:\n{expected}"
            );
        }
    }
}
