//! The account's WhatsApp channels.

use crate::auth::Authed;
use crate::AppState;
use axum::extract::State;
use domain::contract::Channel;

/// GET /api/channels: every channel of the account, oldest first.
pub async fn list(State(state): State<AppState>, who: Authed) -> axum::Json<Vec<Channel>> {
    let channels = state.store.tx(|d| {
        d.channels
            .iter()
            .filter(|c| c.account_id == who.account_id)
            .map(|c| c.channel.clone())
            .collect()
    });
    axum::Json(channels)
}
