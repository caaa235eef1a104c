//! The mount API: `mount(element, config)` starts the app inside an element of a
//! host page (or of its own standalone page), in a shadow root so that the
//! host's styles and the app's never touch each other; the handle it returns
//! unmounts the app and resumes it after the host logs the user in again.
//!
//! Every setting has a default; a wrong one is named in one console error and
//! the default is used, so the app always starts.

use crate::host;
use domain::brand::Brand;
use domain::embed::{self, Auth, FacebookMode, Locale, SettingProblem, Settings, Theme};
use js_sys::Reflect;
use leptos::prelude::*;
use std::any::Any;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The host's appearance settings: their names in the mount API, the CSS custom
/// property each sets, and the CSS property whose syntax its value must have.
pub const APPEARANCE: [(&str, &str, &str); 7] = [
    ("colorPrimary", "--color-primary", "color"),
    ("colorBackground", "--color-background", "color"),
    ("colorText", "--color-text", "color"),
    ("colorDanger", "--color-danger", "color"),
    ("fontFamily", "--font-family", "font-family"),
    ("borderRadius", "--border-radius", "border-radius"),
    ("spacingUnit", "--spacing-unit", "padding"),
];

/// What `mount` returns to the host page.
#[wasm_bindgen]
pub struct MountHandle {
    app: Option<Box<dyn Any>>,
    /// The owner the app runs under: cleaning it up runs every on_cleanup of the app.
    owner: Option<Owner>,
    added: Vec<web_sys::Element>,
    /// Shows the app once its stylesheets have settled (their `load` and `error` handler).
    styled: Option<Closure<dyn FnMut()>>,
}

#[wasm_bindgen]
impl MountHandle {
    /// Removes the app: its nodes, listeners, timers and pending requests.
    pub fn unmount(&mut self) {
        // Nothing outside the app may keep its owner alive, then the view goes and the
        // owner is cleaned up: every on_cleanup of the app runs (listeners, timers,
        // requests).
        crate::session::forget();
        drop(self.app.take());
        if let Some(owner) = self.owner.take() {
            owner.cleanup();
        }
        for el in self.added.drain(..) {
            // A link's `load` can come after the link is gone (one whose stylesheet was
            // already there fires it in a later task): it must not call the handler
            // dropped below.
            if let Some(link) = el.dyn_ref::<web_sys::HtmlElement>() {
                link.set_onload(None);
                link.set_onerror(None);
            }
            el.remove();
        }
        self.styled = None;
        host::detach();
    }

    /// After the host logged the user in again (`auth: 'host'`): the app checks
    /// the session and sends what was waiting.
    pub fn resume(&self) {
        if self.app.is_some() {
            crate::session::resume();
        }
    }
}

/// Starts the app in `element` with `config` (see the README's "Embedding").
#[wasm_bindgen]
pub fn mount(element: web_sys::HtmlElement, config: JsValue) -> Result<MountHandle, JsValue> {
    report_panics();
    let read = read_config(&config);
    for p in &read.problems {
        web_sys::console::error_1(
            &format!(
                "whatsapp-onboarding: config.{} {}; using the default.",
                p.field, p.message
            )
            .into(),
        );
    }
    let document = leptos::prelude::document();
    // Before the shadow root hides it: what the user typed into index.html's login form.
    crate::prerendered::read(&element);
    let root = match element.shadow_root() {
        Some(r) => r,
        None => {
            element.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))?
        }
    };
    let container: web_sys::HtmlElement = document.create_element("div")?.unchecked_into();
    // Hidden until its stylesheets have loaded (or failed), so a page never shows it
    // unstyled. Not after a hand-over: the first-load build already had the same ones.
    // Stylesheets the page already has (embed.js preloads them beside the code) are there as soon
    // as their links are: then it is shown at once, not at their `load` events.
    let owner = Owner::new();
    // The host hears `ready` once the app is shown, not while it is still hidden.
    let shown = owner.with(|| RwSignal::new(true));
    let show = {
        let container = container.clone();
        move || {
            let _ = container.style().remove_property("visibility");
            shown.set(true);
        }
    };
    let styled = (!read.styles.is_empty() && !read.continuation.styles_loaded).then(|| {
        let _ = container.style().set_property("visibility", "hidden");
        shown.set(false);
        let waiting = std::cell::Cell::new(read.styles.len());
        let show = show.clone();
        Closure::<dyn FnMut()>::new(move || {
            waiting.set(waiting.get().saturating_sub(1));
            if waiting.get() == 0 {
                show();
            }
        })
    });
    let mut added = Vec::new();
    let mut all_there = true;
    for href in &read.styles {
        let link: web_sys::HtmlElement = document.create_element("link")?.unchecked_into();
        link.set_attribute("rel", "stylesheet")?;
        link.set_attribute("href", href)?;
        if let Some(settled) = &styled {
            link.set_onload(Some(settled.as_ref().unchecked_ref()));
            link.set_onerror(Some(settled.as_ref().unchecked_ref()));
        }
        root.append_child(&link)?;
        all_there &= Reflect::get(&link, &"sheet".into()).is_ok_and(|s| !s.is_null());
        added.push(link.unchecked_into());
    }
    if all_there {
        show();
    }
    container.set_class_name("app");
    let theme = match read.settings.theme {
        Theme::Light => "light",
        Theme::Dark => "dark",
    };
    container.set_attribute("data-theme", theme)?;
    container.set_attribute("lang", read.settings.locale.tag())?;
    let style = container.style();
    for (property, value) in &read.appearance {
        style.set_property(property, value)?;
    }
    root.append_child(&container)?;
    added.push(container.clone().unchecked_into());
    host::attach(
        read.settings,
        element,
        root,
        read.on_event,
        read.embedded,
        read.continuation,
        shown,
    );
    let app = owner.with(|| leptos::mount::mount_to(container, crate::App));
    Ok(MountHandle {
        app: Some(Box::new(app)),
        owner: Some(owner),
        added,
        styled,
    })
}

/// What a config object said, after the rules.
struct Read {
    settings: Settings,
    /// CSS custom properties to set on the app's root, from `appearance`.
    appearance: Vec<(&'static str, String)>,
    on_event: Option<js_sys::Function>,
    /// The stylesheets to load inside the shadow root (given by `embed.js`).
    styles: Vec<String>,
    embedded: bool,
    /// `embed.js`'s own settings (`_handOver`, `_readyTold`, `_carried`, `_stylesLoaded`, `_popup`), not the host's.
    continuation: host::Continuation,
    problems: Vec<SettingProblem>,
}

/// A panic's message and place in the console, which on this target has no
/// stderr. Debug builds add the JavaScript stack (`console_error_panic_hook`);
/// release builds, whose function names are stripped, leave the stack out and
/// its code (a few hundred bytes brotli: the README's figures).
fn report_panics() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    #[cfg(not(debug_assertions))]
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
    }));
}

fn field(obj: &JsValue, key: &str) -> Option<JsValue> {
    if !obj.is_object() {
        return None;
    }
    Reflect::get(obj, &JsValue::from_str(key))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// A string setting: `None` when absent; a problem when it is there but not a string.
fn text(
    obj: &JsValue,
    key: &str,
    name: &str,
    problems: &mut Vec<SettingProblem>,
) -> Option<String> {
    let v = field(obj, key)?;
    match v.as_string() {
        Some(s) => Some(s),
        None => {
            problems.push(SettingProblem::new(name, "must be a string"));
            None
        }
    }
}

fn css_supports(property: &str, value: &str) -> bool {
    web_sys::css::supports_with_value(property, value).unwrap_or(false)
}

fn read_config(config: &JsValue) -> Read {
    let mut problems = Vec::new();
    let mut settings = Settings::default();
    if !config.is_undefined() && !config.is_null() && !config.is_object() {
        problems.push(SettingProblem::new("", "must be an object"));
    }
    if let Some(raw) = text(config, "basePath", "basePath", &mut problems) {
        match embed::base_path(&raw) {
            Ok(base) => settings.base_path = base,
            Err(m) => problems.push(SettingProblem::new("basePath", m)),
        }
    }
    if let Some(raw) = text(config, "apiBaseUrl", "apiBaseUrl", &mut problems) {
        let ok = raw.is_empty()
            || web_sys::Url::new(&raw)
                .map(|u| matches!(u.protocol().as_str(), "https:" | "http:"))
                .unwrap_or(false);
        if ok {
            settings.api_base_url = raw.trim_end_matches('/').to_string();
        } else {
            problems.push(SettingProblem::new(
                "apiBaseUrl",
                format!("must be empty (this origin) or an http(s) address (got '{raw}')"),
            ));
        }
    }
    match text(config, "auth", "auth", &mut problems).as_deref() {
        None | Some("own") => {}
        Some("host") => settings.auth = Auth::Host,
        Some(other) => problems.push(SettingProblem::new(
            "auth",
            format!("must be 'own' or 'host' (got '{other}')"),
        )),
    }
    let browser = || {
        let langs: Vec<String> = window()
            .navigator()
            .languages()
            .iter()
            .filter_map(|l| l.as_string())
            .collect();
        Locale::for_browser(langs.iter().map(String::as_str))
    };
    settings.locale = match text(config, "locale", "locale", &mut problems) {
        None => browser(),
        Some(tag) => Locale::from_tag(&tag).unwrap_or_else(|| {
            problems.push(SettingProblem::new(
                "locale",
                format!("must be 'en-GB' or 'en-US', or 'en-XA' to test (got '{tag}')"),
            ));
            browser()
        }),
    };
    // Before anything is worded (the brand's neutral names, below).
    crate::i18n::set_locale(settings.locale);
    settings.channel_id = text(config, "channelId", "channelId", &mut problems);
    settings.brand = field(config, "brand").map(|b| read_brand(&b, &mut problems));
    let mut appearance = Vec::new();
    if let Some(a) = field(config, "appearance") {
        match text(&a, "theme", "appearance.theme", &mut problems).as_deref() {
            None | Some("light") => {}
            Some("dark") => settings.theme = Theme::Dark,
            Some(other) => problems.push(SettingProblem::new(
                "appearance.theme",
                format!("must be 'light' or 'dark' (got '{other}')"),
            )),
        }
        for (key, property, syntax) in APPEARANCE {
            let name = format!("appearance.{key}");
            if let Some(value) = text(&a, key, &name, &mut problems) {
                if css_supports(syntax, &value) && !value.contains([';', '{', '}']) {
                    appearance.push((property, value));
                } else {
                    problems.push(SettingProblem::new(
                        name,
                        format!("is not a valid CSS {syntax} value (got '{value}')"),
                    ));
                }
            }
        }
    }
    let on_event = field(config, "onEvent").and_then(|f| match f.dyn_into::<js_sys::Function>() {
        Ok(f) => Some(f),
        Err(_) => {
            problems.push(SettingProblem::new("onEvent", "must be a function"));
            None
        }
    });
    let styles = field(config, "styles")
        .map(|s| {
            js_sys::Array::from(&s)
                .iter()
                .filter_map(|v| v.as_string())
                .collect()
        })
        .unwrap_or_default();
    let embedded = field(config, "embedded").is_none_or(|v| v.is_truthy());
    let facebook = text(config, "facebook", "facebook", &mut problems);
    settings.facebook =
        FacebookMode::for_setting(facebook.as_deref(), embedded).unwrap_or_else(|m| {
            problems.push(SettingProblem::new("facebook", m));
            FacebookMode::for_setting(None, embedded).unwrap_or_default()
        });
    let mut carried: host::Carried = field(config, "_carried")
        .and_then(|v| v.as_string())
        .and_then(|json| crate::json::from_str(&json))
        .unwrap_or_default();
    // The host's brand, if it gave one, is the brand; else the one already fetched.
    if settings.brand.is_none() {
        settings.brand = carried.brand.take();
    }
    let continuation = host::Continuation {
        hand_over: field(config, "_handOver").and_then(|f| f.dyn_into().ok()),
        ready_told: field(config, "_readyTold").is_some_and(|v| v.is_truthy()),
        styles_loaded: field(config, "_stylesLoaded").is_some_and(|v| v.is_truthy()),
        // The window is on the dialog's origin, so `instanceof Window` is false for
        // it here (a cross-origin window has no prototype to check): only its shape is.
        popup: field(config, "_popup")
            .filter(|w| w.is_object())
            .map(|w| w.unchecked_into()),
        carried,
    };
    Read {
        settings,
        appearance,
        on_event,
        styles,
        embedded,
        continuation,
        problems,
    }
}

/// The host's brand; a missing name falls back to neutral words (and is reported).
fn read_brand(b: &JsValue, problems: &mut Vec<SettingProblem>) -> Brand {
    let mut brand = crate::brand::neutral();
    let mut take = |key: &str, slot: &mut String, required: bool| {
        let name = format!("brand.{key}");
        match text(b, key, &name, problems) {
            Some(v) if !v.trim().is_empty() => *slot = v,
            _ if required => problems.push(SettingProblem::new(name, "is missing")),
            _ => {}
        }
    };
    take("product", &mut brand.product, true);
    take("partner", &mut brand.partner, true);
    take("messagingPlatform", &mut brand.messaging_platform, false);
    take(
        "configurationManager",
        &mut brand.configuration_manager,
        false,
    );
    take("supportUrl", &mut brand.support_url, false);
    take("numberSetupUrl", &mut brand.number_setup_url, false);
    take("ratesUrl", &mut brand.rates_url, false);
    brand
}
