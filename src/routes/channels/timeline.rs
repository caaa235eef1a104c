//! Each channel card's timeline: the six steps of a channel, cloned from markup
//! written once per state and locale.

use crate::i18n::{text, Text};
use domain::embed::Locale;
use domain::html::escape;
use domain::journey::ChannelState;
use leptos::tachys::html::InertElement;
use std::cell::RefCell;

/// The six steps of a channel, with the current one marked. The markup is the same
/// for every card in a state, so it is written once per state and locale, and each
/// card clones it (Leptos's `InertElement`, the template its `view!` uses for static
/// markup) instead of building its 25 nodes one by one: a keystroke in the search
/// over 1,000 channels redraws up to 20 cards. Its words are the catalogue's,
/// escaped; no user text is in it.
pub(super) fn timeline(state: ChannelState) -> InertElement {
    thread_local! {
        static WRITTEN: RefCell<Vec<(Locale, ChannelState, &'static str)>> =
            const { RefCell::new(Vec::new()) };
    }
    let locale = crate::i18n::locale();
    let html = WRITTEN.with_borrow_mut(|written| {
        if let Some((_, _, html)) = written.iter().find(|w| w.0 == locale && w.1 == state) {
            return *html;
        }
        // At most one per state and locale: 6 of each.
        let html: &'static str = Box::leak(timeline_html(text(), state).into_boxed_str());
        written.push((locale, state, html));
        html
    });
    InertElement::new(html)
}

/// The timeline's markup for a channel in `state`, in the words of `t`.
fn timeline_html(t: &Text, state: ChannelState) -> String {
    let c = &t.channels;
    let mut html = format!(
        r#"<ol class="timeline" aria-label="{}">"#,
        escape(c.progress)
    );
    for s in ChannelState::ALL {
        let (class, current, status) = if s < state || state == ChannelState::Ready {
            (" timeline__step--done", "", c.step_done)
        } else if s == state {
            (
                " timeline__step--current",
                r#" aria-current="step""#,
                c.step_current,
            )
        } else {
            ("", "", c.step_to_do)
        };
        html.push_str(&format!(
            r#"<li class="timeline__step{class}"{current}>{}<span class="visually-hidden">{}</span></li>"#,
            escape(t.state_label(s)),
            escape(status)
        ));
    }
    html.push_str("</ol>");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The markup a channel in activation gets: the steps before it done, it current
    /// (for assistive technology too), the last to do, in the catalogue's words.
    #[test]
    fn the_timeline_marks_the_steps_done_the_current_one_and_those_to_do() {
        let html = timeline_html(&Text::EN_GB, ChannelState::Activation);
        assert_eq!(
            html,
            concat!(
                r#"<ol class="timeline" aria-label="Progress">"#,
                r#"<li class="timeline__step timeline__step--done">Requested (Pending)<span class="visually-hidden"> (done)</span></li>"#,
                r#"<li class="timeline__step timeline__step--done">Profile<span class="visually-hidden"> (done)</span></li>"#,
                r#"<li class="timeline__step timeline__step--done">Facebook signup<span class="visually-hidden"> (done)</span></li>"#,
                r#"<li class="timeline__step timeline__step--done">Number registered<span class="visually-hidden"> (done)</span></li>"#,
                r#"<li class="timeline__step timeline__step--current" aria-current="step">Activation by the provider<span class="visually-hidden"> (current step)</span></li>"#,
                r#"<li class="timeline__step">Ready<span class="visually-hidden"> (to do)</span></li>"#,
                "</ol>",
            )
        );
        // A ready channel has every step done, and none current.
        let ready = timeline_html(&Text::EN_GB, ChannelState::Ready);
        assert_eq!(ready.matches("timeline__step--done").count(), 6);
        assert!(!ready.contains("aria-current"));
    }

    /// Words are text in the markup, never markup of their own.
    #[test]
    fn the_timeline_escapes_its_words() {
        let mut t = Text::EN_GB;
        t.channels.progress = r#"Steps "1" & 2"#;
        t.channels.step_to_do = "<img src=x onerror=alert(1)>";
        let html = timeline_html(&t, ChannelState::Requested);
        assert!(
            html.starts_with(r#"<ol class="timeline" aria-label="Steps &quot;1&quot; &amp; 2">"#)
        );
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(!html.contains("<img"));
    }
}
