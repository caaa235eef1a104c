//! The demo data every fresh start and test reset begins from.

use crate::secrets;
use crate::store::{Account, ChannelRecord, Data, LinkVoided, PasswordLink, User};
use domain::contract::{Channel, RoutingScript, Timestamp};
use domain::eligibility::Terms;
use domain::journey::ChannelState;

/// The demo customer's login.
pub const DEMO_EMAIL: &str = "admin@northwind.example";
/// A second customer whose licence (X6) cannot have WhatsApp.
pub const X6_EMAIL: &str = "admin@fabrikam.example";
/// A third customer (licence X7) whose legal terms are not signed yet.
pub const UNSIGNED_EMAIL: &str = "admin@contoso.example";
/// A fourth customer (licence X8, terms signed) with no channel and no
/// messaging-platform (CPaaS) login yet: its first request creates the login.
pub const NEW_EMAIL: &str = "admin@litware.example";
/// How long a set-password link works.
pub const LINK_LIFETIME_SECS: i64 = 24 * 60 * 60;
/// Numbers (E.164) already registered with WhatsApp Business, as Meta would
/// report them: a profile cannot use them. The UK one is in Ofcom's drama range,
/// so it is also not a real number; the "already registered" message wins.
pub const WHATSAPP_NUMBERS: [&str; 2] = ["+447700900001", "+14155550100"];

/// The seed: the demo customer (licence X8, terms signed) with one WhatsApp
/// channel requested in the Configuration Manager, and its "CPaaS login
/// details" email in the mailbox; Fabrikam (X6), Contoso (X7, terms not
/// signed) and Litware (X8, terms signed, no channel or CPaaS login yet). `demo_password` sets the password straight
/// away (tests use it to skip the email).
pub fn seed(now: Timestamp, app_url: &str, demo_password: Option<&str>, quiet: bool) -> Data {
    let mut data = Data::default();
    let scripts = |names: &[(&str, &str)]| -> Vec<RoutingScript> {
        names
            .iter()
            .map(|(id, name)| RoutingScript {
                id: id.to_string(),
                name: name.to_string(),
            })
            .collect()
    };
    data.accounts.push(Account {
        id: "acc_northwind".into(),
        name: "Northwind Contact Centre".into(),
        licence: "X8".into(),
        terms: Terms::Signed,
        facebook_business_confirmed: false,
        cpaas_login: true,
        country: "GB".into(),
        routing_scripts: scripts(&[
            ("rs_support", "WhatsApp to Support agents"),
            ("rs_sales", "WhatsApp to Sales agents"),
            (
                "rs_out_of_hours",
                "Out-of-hours message, then Support queue",
            ),
        ]),
    });
    data.accounts.push(Account {
        id: "acc_fabrikam".into(),
        name: "Fabrikam Support".into(),
        licence: "X6".into(),
        terms: Terms::NotRequested,
        facebook_business_confirmed: false,
        cpaas_login: false,
        country: "GB".into(),
        routing_scripts: scripts(&[("rs_fab_main", "Main queue")]),
    });
    data.accounts.push(Account {
        id: "acc_contoso".into(),
        name: "Contoso Care".into(),
        licence: "X7".into(),
        terms: Terms::NotRequested,
        facebook_business_confirmed: false,
        cpaas_login: false,
        country: "US".into(),
        routing_scripts: scripts(&[("rs_con_care", "Care team")]),
    });
    data.accounts.push(Account {
        id: "acc_litware".into(),
        name: "Litware Helpdesk".into(),
        licence: "X8".into(),
        terms: Terms::Signed,
        facebook_business_confirmed: false,
        cpaas_login: false,
        country: "GB".into(),
        routing_scripts: scripts(&[("rs_lit_help", "Helpdesk queue")]),
    });
    for (email, account) in [
        (DEMO_EMAIL, "acc_northwind"),
        (X6_EMAIL, "acc_fabrikam"),
        (UNSIGNED_EMAIL, "acc_contoso"),
        (NEW_EMAIL, "acc_litware"),
    ] {
        data.users.push(User {
            email: email.into(),
            account_id: account.into(),
            password_hash: demo_password.map(secrets::hash_password),
        });
    }
    data.channels.push(ChannelRecord {
        account_id: "acc_northwind".into(),
        channel: Channel {
            id: "ch_support".into(),
            name: "Customer Support".into(),
            routing_script: "WhatsApp to Support agents".into(),
            reference: "CM-104233".into(),
            state: ChannelState::Requested,
            requested_at: now - 2 * 24 * 60 * 60,
        },
        profile: Default::default(),
        activation: None,
    });
    data.whatsapp_numbers = WHATSAPP_NUMBERS.iter().map(|n| n.to_string()).collect();
    data.next_id = 100;
    if demo_password.is_none() {
        send_login_details(&mut data, now, app_url, DEMO_EMAIL, quiet);
    }
    data
}

/// Issues a set-password link for `email` and mails it as the "CPaaS login details" email.
pub fn send_login_details(
    data: &mut Data,
    now: Timestamp,
    app_url: &str,
    email: &str,
    quiet: bool,
) {
    let token = secrets::token();
    // Only the newest link of an address works.
    void_links(data, email, LinkVoided::NewerLink);
    data.password_links.push(PasswordLink {
        token_hash: secrets::digest(&token),
        email: email.to_string(),
        expires_at: now + LINK_LIFETIME_SECS,
        used_at: None,
        voided: None,
    });
    crate::limits::keep_newest(&mut data.password_links, crate::limits::PASSWORD_LINKS_MAX);
    let link = format!(
        "{}/set-password?token={token}",
        app_url.trim_end_matches('/')
    );
    let body = format!(
        "Hello,\n\nYour WhatsApp channel request was received. To continue, set a password for \
         the messaging platform (CPaaS) and log in as {email}.\n\nSet your password: {link}\n\n\
         The link works once and expires in 24 hours. Then go to Chat Apps > Channels > WhatsApp.\n"
    );
    crate::mail::send(data, now, email, LOGIN_DETAILS_SUBJECT, body, quiet);
}

/// Cancels every set-password link of `email` not yet used or cancelled.
pub fn void_links(data: &mut Data, email: &str, why: LinkVoided) {
    for link in data
        .password_links
        .iter_mut()
        .filter(|l| l.email == email && l.used_at.is_none() && l.voided.is_none())
    {
        link.voided = Some(why);
    }
}

/// The subject of the email with the set-password link.
pub const LOGIN_DETAILS_SUBJECT: &str = "Your CPaaS login details";
/// The provider the dev seed stands for: the names and links the app shows when
/// its host page gives none (GET /api/brand), and the partner in the simulated
/// Facebook dialog.
pub fn brand() -> domain::brand::Brand {
    domain::brand::Brand {
        product: "8x8 Contact Center".into(),
        partner: "8x8".into(),
        messaging_platform: "8x8 CPaaS portal".into(),
        configuration_manager: "Configuration Manager".into(),
        support_url: "https://support.8x8.com".into(),
        number_setup_url: "https://docs.8x8.com/8x8WebHelp/cpaas/whatsapp-number-setup".into(),
        rates_url: "https://developers.facebook.com/docs/whatsapp/pricing".into(),
    }
}

#[cfg(test)]
mod bound {
    use super::*;
    use crate::limits::PASSWORD_LINKS_MAX;

    #[test]
    fn only_the_newest_links_are_kept_and_only_the_last_works() {
        let mut d = Data::default();
        for i in 0..PASSWORD_LINKS_MAX + 4 {
            send_login_details(&mut d, i as Timestamp, "http://x", "a@example.com", true);
        }
        assert_eq!(d.password_links.len(), PASSWORD_LINKS_MAX);
        assert_eq!(d.password_links[0].expires_at, 4 + LINK_LIFETIME_SECS);
        let working = d
            .password_links
            .iter()
            .filter(|l| l.voided.is_none())
            .count();
        assert_eq!(working, 1);
    }
}
