//! The account's WhatsApp channels, and requesting one as the Configuration Manager does.

use crate::auth::Authed;
use crate::failure::{ApiFailure, Json};
use crate::routes::eligibility::require_licence;
use crate::store::ChannelRecord;
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use domain::contract::{same_channel_name, Channel, ChannelRequest, RoutingScript};
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

/// POST /api/channels: a new channel in state Requested (Pending), with its request reference.
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
        require_licence(account)?;
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
        Ok((StatusCode::CREATED, axum::Json(channel)))
    })
}
