//! The dev mailbox: where emails and text messages go instead of the real world.

use crate::store::Data;
use domain::contract::{MailMessage, Timestamp};

/// Puts a message in the mailbox (which keeps the newest
/// [`crate::limits::MAILBOX_MAX`]) and prints it on the console.
pub fn send(data: &mut Data, now: Timestamp, to: &str, subject: &str, body: String, quiet: bool) {
    let links = find_links(&body);
    data.next_id += 1;
    let message = MailMessage {
        id: data.next_id,
        to: to.to_string(),
        subject: subject.to_string(),
        body,
        links,
        sent_at: now,
    };
    if !quiet {
        println!("\n[dev mailbox] to {}: {}", message.to, message.subject);
        for link in &message.links {
            println!("[dev mailbox]   {link}");
        }
    }
    data.mailbox.push(message);
    crate::limits::keep_newest(&mut data.mailbox, crate::limits::MAILBOX_MAX);
}

/// The http(s) links in a text, in order.
pub fn find_links(text: &str) -> Vec<String> {
    text.split_whitespace()
        .filter(|w| w.starts_with("http://") || w.starts_with("https://"))
        .map(|w| w.trim_end_matches(['.', ',', ')']).to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_links() {
        assert_eq!(
            super::find_links("Go to http://a.example/x?t=1. Or https://b.example, then stop"),
            ["http://a.example/x?t=1", "https://b.example"]
        );
    }
}

#[cfg(test)]
mod bound {
    use crate::limits::MAILBOX_MAX;
    use crate::store::Data;

    #[test]
    fn the_mailbox_keeps_the_newest_messages() {
        let mut d = Data::default();
        for i in 0..MAILBOX_MAX + 10 {
            super::send(
                &mut d,
                0,
                "a@example.com",
                &format!("m{i}"),
                String::new(),
                true,
            );
        }
        assert_eq!(d.mailbox.len(), MAILBOX_MAX);
        assert_eq!(d.mailbox[0].subject, "m10");
        assert_eq!(
            d.mailbox.last().unwrap().subject,
            format!("m{}", MAILBOX_MAX + 9)
        );
    }
}
