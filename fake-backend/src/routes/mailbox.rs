//! The dev mailbox page: every email and text message the fake backend "sent".

use crate::AppState;
use axum::extract::State;
use axum::response::Html;
use domain::contract::MailMessage;
use domain::html::escape;

/// GET /dev/mailbox.json: the messages, newest first.
pub async fn json(State(state): State<AppState>) -> axum::Json<Vec<MailMessage>> {
    axum::Json(
        state
            .store
            .tx(|d| d.mailbox.iter().rev().cloned().collect()),
    )
}

/// GET /dev/mailbox: the messages as a page, newest first, with their links.
pub async fn page(State(state): State<AppState>) -> Html<String> {
    let messages: Vec<MailMessage> = state
        .store
        .tx(|d| d.mailbox.iter().rev().cloned().collect());
    let mut items = String::new();
    for m in &messages {
        let links: String = m
            .links
            .iter()
            .map(|l| format!("<li><a href=\"{0}\">{0}</a></li>", escape(l)))
            .collect();
        items.push_str(&format!(
            "<article aria-labelledby=\"m{id}\"><h2 id=\"m{id}\">{subject}</h2>\
             <p class=\"meta\">To {to}, {when}</p><pre>{body}</pre><ul>{links}</ul></article>",
            id = m.id,
            subject = escape(&m.subject),
            to = escape(&m.to),
            when = escape(&format_time(m.sent_at)),
            body = escape(&m.body),
        ));
    }
    if messages.is_empty() {
        items.push_str("<p>No messages yet.</p>");
    }
    Html(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Dev mailbox</title><style>body{{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#0b0c0c}}\
         article{{border:1px solid #b1b4b6;padding:1rem;margin:1rem 0}}pre{{white-space:pre-wrap}}.meta{{color:#484949}}a{{color:#1d4ed8}}</style></head>\
         <body><main><h1>Dev mailbox</h1><p>Emails and text messages from the local fake backend. \
         Nothing here reaches a real inbox or phone. Reload to see new ones.</p>{items}</main></body></html>"
    ))
}

fn format_time(ts: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(ts)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc2822)
                .ok()
        })
        .unwrap_or_default()
}
