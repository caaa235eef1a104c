//! The account's WhatsApp channels, and requesting one as the Configuration Manager does.

use crate::auth::Authed;
use crate::failure::{ApiFailure, Json};
use crate::routes::eligibility::require_request_allowed;
use crate::store::{ChannelRecord, Data};
use crate::{limits, seed, AppState};
use axum::extract::State;
use axum::http::StatusCode;
use domain::contract::{same_channel_name, Channel, ChannelRequest, RoutingScript, Timestamp};
use domain::error::ErrorCode;
use domain::journey::ChannelState;

/// GET /api/routing-scripts: the account's routing scripts.
pub async fn routing_scripts(
    State(state): State<AppState>,
    who: Authed,
) -> Result<axum::Json<Vec<RoutingScript>>, ApiFailure> {
    state.store.tx(|d| {
        d.account(&who.account_id)
            .map(|a| axum::Json(a.routing_scripts.clone()))
            .ok_or_else(ApiFailure::unauthorized)
    })
}

/// POST /api/channels: a new channel in state Requested (Pending), with its request
/// reference; refused (403) unless the licence includes WhatsApp and the legal terms are
/// signed. The requester gets the "CPaaS login details" email if the account has no
/// messaging-platform login yet, else a short "your channel was requested" one.
pub async fn request(
    State(state): State<AppState>,
    who: Authed,
    Json(req): Json<ChannelRequest>,
) -> Result<(StatusCode, axum::Json<Channel>), ApiFailure> {
    let now = state.clock.now();
    state.store.tx(|d| {
        let account = d
            .account(&who.account_id)
            .ok_or_else(ApiFailure::unauthorized)?;
        // The legal terms come first: a request without them is refused before its answers are read.
        require_request_allowed(account)?;
        let errors = req.validate();
        if !errors.is_empty() {
            return Err(ApiFailure::fields(errors));
        }
        let script = account
            .routing_scripts
            .iter()
            .find(|s| s.id == req.routing_script_id)
            .ok_or_else(|| {
                ApiFailure::field(
                    ChannelRequest::ROUTING_SCRIPT,
                    "Select a routing script from the list",
                )
            })?
            .name
            .clone();
        let owned = d
            .channels
            .iter()
            .filter(|c| c.account_id == who.account_id)
            .count();
        if owned >= limits::CHANNELS_PER_ACCOUNT {
            return Err(ApiFailure::new(
                StatusCode::CONFLICT,
                ErrorCode::Conflict,
                format!(
                    "You have {owned} WhatsApp channels, the most one account can have. \
                     Contact us to remove channels you no longer use."
                ),
            ));
        }
        let name = req.name.trim().to_string();
        let taken = d
            .channels
            .iter()
            .any(|c| c.account_id == who.account_id && same_channel_name(&c.channel.name, &name));
        if taken {
            return Err(ApiFailure::conflict(
                ChannelRequest::NAME,
                format!("You already have a channel called {name}: choose a different name"),
            ));
        }
        let id = d.new_id("ch");
        let channel = Channel {
            reference: format!("CM-{}", 104_233 + d.next_id),
            id,
            name,
            routing_script: script,
            state: ChannelState::Requested,
            requested_at: now,
        };
        d.channels.push(ChannelRecord {
            account_id: who.account_id.clone(),
            channel: channel.clone(),
            profile: Default::default(),
            activation: None,
        });
        send_request_mail(
            d,
            now,
            &state.config.app_url,
            (&who.account_id, &who.email),
            (&channel.name, &channel.reference),
            state.config.quiet,
        );
        Ok((StatusCode::CREATED, axum::Json(channel)))
    })
}

/// The subject of the email that confirms a request to an account that has its login.
pub const REQUESTED_SUBJECT: &str = "Your WhatsApp channel was requested";

/// Mails `email` that the channel `name` (reference `reference`) was requested:
/// an account without a messaging-platform (CPaaS) login gets its login details
/// (and has one from now on), an account with one a short confirmation.
fn send_request_mail(
    data: &mut Data,
    now: Timestamp,
    app_url: &str,
    (account_id, email): (&str, &str),
    (name, reference): (&str, &str),
    quiet: bool,
) {
    let Some(account) = data.account_mut(account_id) else {
        return;
    };
    if !account.cpaas_login {
        account.cpaas_login = true;
        seed::send_login_details(data, now, app_url, email, quiet);
        return;
    }
    let brand = seed::brand();
    let body = format!(
        "Hello,\n\nYour WhatsApp channel {name} was requested in the {} (reference {reference}). \
         It shows as Pending until you finish setting it up.\n\nLog in to the {} as {email} \
         and go to Chat Apps > Channels > WhatsApp: {}/channels\n",
        brand.configuration_manager,
        brand.messaging_platform,
        app_url.trim_end_matches('/')
    );
    crate::mail::send(data, now, email, REQUESTED_SUBJECT, body, quiet);
}
