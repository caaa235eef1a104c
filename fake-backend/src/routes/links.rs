//! Linking a registered number to a channel, the provider's activation, and the
//! channel overview the channels page shows.

use crate::auth::Authed;
use crate::failure::{ApiFailure, Json};
use crate::routes::eligibility::require_licence;
use crate::store::{Activation, ChannelRecord, Data};
use crate::{mail, AppState};
use axum::extract::State;
use axum::http::StatusCode;
use domain::activation::{activation_time, iso, ready_by};
use domain::contract::{ChannelOverview, LinkOutcome, LinkRequest, Timestamp};
use domain::journey::{advance, ChannelState, JourneyEvent};
use domain::testing::{ActivateRequest, ManyChannelsRequest};

/// What the list shows about one channel.
pub fn overview(d: &Data, record: &ChannelRecord, now: Timestamp) -> ChannelOverview {
    let linked = d
        .numbers
        .iter()
        .find(|n| n.number.channel_id.as_deref() == Some(record.channel.id.as_str()));
    let ready_by = record
        .activation
        .as_ref()
        .filter(|_| record.channel.state == ChannelState::Activation)
        .and_then(|a| a.ready_by.clone());
    ChannelOverview {
        channel: record.channel.clone(),
        number: linked.map(|n| n.number.e164.clone()),
        number_display: linked.and_then(|n| n.number.display.clone()),
        ready_by,
        handoff: crate::routes::handoff::latest_of(d, &record.channel.id, now),
    }
}

/// GET /api/channels: every channel of the account with its number and activation date, oldest first.
pub async fn list(State(state): State<AppState>, who: Authed) -> axum::Json<Vec<ChannelOverview>> {
    let now = state.clock.now();
    axum::Json(state.store.tx(|d| {
        d.channels
            .iter()
            .filter(|c| c.account_id == who.account_id)
            .map(|c| overview(d, c, now))
            .collect()
    }))
}

/// POST /api/links: link a registered number to a channel without one; activation starts.
pub async fn link(
    State(state): State<AppState>,
    who: Authed,
    Json(req): Json<LinkRequest>,
) -> Result<axum::Json<LinkOutcome>, ApiFailure> {
    let errors = req.validate();
    if !errors.is_empty() {
        return Err(ApiFailure::fields(errors));
    }
    let now = state.clock.now();
    let quiet = state.config.quiet;
    state.store.tx(|d| {
        let account = d.account(&who.account_id).ok_or_else(ApiFailure::unauthorized)?;
        require_licence(account)?;
        let country = account.country.clone();
        let n = d
            .numbers
            .iter()
            .position(|n| n.account_id == who.account_id && n.number.id == req.number_id)
            .ok_or_else(|| ApiFailure::field(LinkRequest::NUMBER, "Select a registered number from the list"))?;
        let c = d
            .channels
            .iter()
            .position(|c| c.account_id == who.account_id && c.channel.id == req.channel_id)
            .ok_or_else(|| ApiFailure::field(LinkRequest::CHANNEL, "Select a channel from the list"))?;
        if let Some(other) = &d.numbers[n].number.channel_id {
            let name = d.channels.iter().find(|c| &c.channel.id == other).map(|c| c.channel.name.clone()).unwrap_or_default();
            return Err(ApiFailure::conflict(LinkRequest::NUMBER, format!("This number is already linked to {name}.")));
        }
        let has_number = d.numbers.iter().any(|x| x.number.channel_id.as_deref() == Some(req.channel_id.as_str()));
        let state_now = d.channels[c].channel.state;
        if has_number || state_now >= ChannelState::Activation {
            return Err(ApiFailure::conflict(LinkRequest::CHANNEL, "This channel already has a number."));
        }
        let next = advance(state_now, JourneyEvent::Linked)
            .map_err(|e| ApiFailure::conflict(LinkRequest::CHANNEL, e.to_string()))?;
        d.numbers[n].number.channel_id = Some(req.channel_id.clone());
        let ready = ready_by(now, &country).ok().map(iso);
        let record = &mut d.channels[c];
        record.channel.state = next;
        record.activation = Some(Activation { confirmed_at: now, ready_by: ready.clone(), ready_at: None });
        let (name, number) = (record.channel.name.clone(), d.numbers[n].number.shown().to_string());
        let body = format!(
            "{number} is now linked to your WhatsApp channel {name}.\n\nWe are activating it. {}{} We will email you when it is ready.\n",
            activation_time(),
            ready.as_deref().map(|r| format!(" It will be ready by {r}.")).unwrap_or_default()
        );
        mail::send(d, now, &who.email, &format!("{name}: your WhatsApp number is linked"), body, quiet);
        let overview = overview(d, &d.channels[c], now);
        Ok(axum::Json(LinkOutcome { channel: overview }))
    })
}

/// Finishes the activation of a channel (the provider's side; test-only endpoint and tests).
///
/// Only a channel in activation can finish it: any other channel, Ready ones
/// included, is refused with 409, and no email goes out.
pub fn activate(
    d: &mut Data,
    channel_id: &str,
    now: Timestamp,
    quiet: bool,
) -> Result<(), ApiFailure> {
    let c = d
        .channels
        .iter()
        .position(|c| c.channel.id == channel_id)
        .ok_or_else(ApiFailure::not_found)?;
    let record = &mut d.channels[c];
    match record.channel.state {
        ChannelState::Activation => {}
        ChannelState::Ready => {
            return Err(ApiFailure::conflict(
                "channel_id",
                "This channel is already ready.",
            ))
        }
        _ => {
            return Err(ApiFailure::conflict(
                "channel_id",
                "This channel is not in activation: link a number to it first.",
            ))
        }
    }
    record.channel.state = advance(record.channel.state, JourneyEvent::Activated)
        .map_err(|e| ApiFailure::conflict("channel_id", e.to_string()))?;
    if let Some(a) = record.activation.as_mut() {
        a.ready_at.get_or_insert(now);
    }
    let (name, account) = (record.channel.name.clone(), record.account_id.clone());
    let to: Vec<String> = d
        .users
        .iter()
        .filter(|u| u.account_id == account)
        .map(|u| u.email.clone())
        .collect();
    for email in to {
        let body = format!("Your WhatsApp channel {name} is ready: WhatsApp conversations now reach your agents.\n");
        mail::send(
            d,
            now,
            &email,
            &format!("{name} is ready on WhatsApp"),
            body,
            quiet,
        );
    }
    Ok(())
}

/// Test-only: POST /api/test/activate: 204, or 404 for an unknown channel and
/// 409 for one that is not in activation.
pub async fn activate_now(
    State(state): State<AppState>,
    Json(req): Json<ActivateRequest>,
) -> Result<StatusCode, ApiFailure> {
    let id = req.channel_id;
    let now = state.clock.now();
    let quiet = state.config.quiet;
    state.store.tx(|d| activate(d, &id, now, quiet))?;
    Ok(StatusCode::NO_CONTENT)
}

/// Test-only: POST /api/test/many-channels: `count` more channels for the demo account,
/// spread over every state, a tenth of them with numbers, for scale tests.
pub async fn many(
    State(state): State<AppState>,
    Json(req): Json<ManyChannelsRequest>,
) -> StatusCode {
    let count = req.count.min(5_000) as usize;
    let now = state.clock.now();
    state.store.tx(|d| {
        for i in 0..count {
            let id = format!("ch_bulk_{i:04}");
            let state = ChannelState::ALL[i % ChannelState::ALL.len()];
            let number = (state >= ChannelState::Activation).then(|| format!("+4420795{:05}", i));
            d.channels.push(ChannelRecord {
                account_id: "acc_northwind".into(),
                channel: domain::contract::Channel {
                    id: id.clone(),
                    name: format!(
                        "Store {:04} {}",
                        i,
                        ["North", "South", "East", "West"][i % 4]
                    ),
                    routing_script: "WhatsApp to Support agents".into(),
                    reference: format!("CM-{}", 200_000 + i),
                    state,
                    requested_at: now - (i as i64) * 3_600,
                },
                profile: Default::default(),
                activation: (state == ChannelState::Activation).then(|| Activation {
                    confirmed_at: now,
                    ready_by: ready_by(now, "GB").ok().map(iso),
                    ready_at: None,
                }),
            });
            if let Some(e164) = number {
                d.numbers.push(crate::store::NumberRecord {
                    account_id: "acc_northwind".into(),
                    number: domain::signup::RegisteredNumber {
                        id: format!("pn_bulk_{i:04}"),
                        display: crate::phone::display(&e164),
                        e164,
                        waba_id: "waba_bulk".into(),
                        business_name: "Northwind".into(),
                        channel_id: Some(id),
                        registered_at: now,
                    },
                });
            }
        }
    });
    StatusCode::NO_CONTENT
}
