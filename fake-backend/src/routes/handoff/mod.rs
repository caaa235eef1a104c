//! Handing a channel's Facebook step to a colleague ([`domain::handoff`]).
//!
//! The owner (a normal session) sends, resends, cancels and reads the channel's
//! hand-off. Each send mails the colleague a single-use link whose token is
//! stored only as its digest, like a set-password link's; a newer send replaces
//! (voids) a waiting one. Opening the link gives a session bound to the hand-off
//! ([`crate::auth::handoff_only`] keeps it to the channel's Facebook step); the
//! exchange that registers the number under it finishes the hand-off
//! ([`finish`]), ends the session and mails the owner.

use crate::auth::{self, Authed};
use crate::failure::{ApiFailure, Json};
use crate::routes::eligibility::eligibility_of;
use crate::routes::profile::Id;
use crate::store::{Data, HandoffEnd, HandoffRecord};
use crate::{limits, mail, secrets, AppState};
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::contract::Timestamp;
use domain::error::ErrorCode;
use domain::handoff::{
    self, Handoff, HandoffOpen, HandoffRequest, HandoffView, SENDS_PER_DAY, SEND_WINDOW_SECS,
};
use domain::journey::ChannelState;
use domain::navigation::Route;
use domain::phone;

mod status;

use status::{end, latest, wire};
pub use status::{end_of, gone, latest_of, lifetime_words, End};

type Answer<T> = Result<T, ApiFailure>;

const NONE_SENT: &str = "Nobody has been asked to do the Facebook step for this channel.";

/// 404: the channel has no hand-off.
fn none_sent() -> ApiFailure {
    ApiFailure::new(StatusCode::NOT_FOUND, ErrorCode::NotFound, NONE_SENT)
}
const PROFILE_FIRST: &str =
    "Confirm the business profile first: a colleague can do the Facebook step once it is set up.";
const STEP_DONE: &str =
    "The Facebook step for this channel is done: its number is registered, so there is nothing to hand over.";
const NOT_A_HANDOFF: &str = "This session was not opened from a hand-off link.";
const UNKNOWN: &str =
    "This link is not one we sent. Check you copied the whole link from the email.";

/// What the colleague sees: who asked, and the saved profile they will confirm.
fn view(d: &Data, h: &HandoffRecord) -> HandoffView {
    let profile = d
        .channels
        .iter()
        .find(|c| c.channel.id == h.channel_id)
        .map(|c| c.profile.draft.tidied())
        .unwrap_or_default();
    let phone_e164 = phone::normalise(&profile.phone_country, &profile.phone_number)
        .map(|e| e.to_string())
        .unwrap_or_default();
    HandoffView {
        channel_id: h.channel_id.clone(),
        requested_by: h.requested_by.clone(),
        account_name: d
            .account(&h.account_id)
            .map(|a| a.name.clone())
            .unwrap_or_default(),
        phone_e164: phone_e164.clone(),
        phone_display: crate::phone::display(&phone_e164),
        business_name: profile.business_name,
        description: profile.description,
        message: h.message.clone(),
        expires_at: h.expires_at,
    }
}

/// 404 unless the channel is the account's; 409 `not_at_facebook_step` unless
/// the account may start Facebook's sign-up and the channel's profile is
/// confirmed and its number not registered yet.
fn at_facebook_step(d: &Data, who: &Authed, channel_id: &str) -> Answer<()> {
    let record = d
        .channels
        .iter()
        .find(|c| c.account_id == who.account_id && c.channel.id == channel_id)
        .ok_or_else(ApiFailure::not_found)?;
    let not_at_step =
        |m: String| ApiFailure::new(StatusCode::CONFLICT, ErrorCode::NotAtFacebookStep, m);
    if record.channel.state >= ChannelState::NumberRegistered {
        return Err(not_at_step(STEP_DONE.into()));
    }
    if !record.profile.complete {
        return Err(not_at_step(PROFILE_FIRST.into()));
    }
    let account = d
        .account(&who.account_id)
        .ok_or_else(ApiFailure::unauthorized)?;
    let eligibility = eligibility_of(account);
    if !eligibility.can_start() {
        return Err(not_at_step(format!(
            "Nobody can do the Facebook step yet: {}.",
            crate::routes::eligibility::blockers_in_words(&eligibility)
        )));
    }
    Ok(())
}

/// 429 when the channel has sent [`SENDS_PER_DAY`] links in the last 24 hours,
/// with the seconds until the oldest of them leaves the window.
fn within_daily_limit(d: &Data, channel_id: &str, now: Timestamp) -> Answer<()> {
    let recent: Vec<Timestamp> = d
        .handoffs
        .iter()
        .filter(|h| h.channel_id == channel_id && now - h.sent_at < SEND_WINDOW_SECS)
        .map(|h| h.sent_at)
        .collect();
    if recent.len() < SENDS_PER_DAY {
        return Ok(());
    }
    let oldest = recent.iter().min().copied().unwrap_or(now);
    let mut failure = ApiFailure::new(
        StatusCode::TOO_MANY_REQUESTS,
        ErrorCode::RateLimited,
        format!(
            "This channel has sent {SENDS_PER_DAY} hand-off links in the last 24 hours, the most it may. Try again later."
        ),
    );
    failure.retry_after = Some((oldest + SEND_WINDOW_SECS - now).max(1) as u64);
    Err(failure)
}

/// What a send needs besides the data.
struct Sending {
    now: Timestamp,
    lifetime_secs: i64,
    app_url: String,
    quiet: bool,
}

impl Sending {
    /// What the owner-side handlers take from the state.
    fn of(state: &AppState) -> Self {
        Sending {
            now: state.clock.now(),
            lifetime_secs: state.handoff_lifetime_secs,
            app_url: state.config.app_url.clone(),
            quiet: state.config.quiet,
        }
    }
}

/// Mails `email` a new link for the channel's Facebook step; a waiting
/// hand-off of the channel is replaced (its link and session stop working).
fn send_in(
    d: &mut Data,
    who: &Authed,
    channel_id: &str,
    email: String,
    message: Option<String>,
    s: &Sending,
) -> Answer<Handoff> {
    at_facebook_step(d, who, channel_id)?;
    within_daily_limit(d, channel_id, s.now)?;
    let waiting: Vec<String> = d
        .handoffs
        .iter()
        .filter(|h| h.channel_id == channel_id && end(d, h, s.now).is_none())
        .map(|h| h.id.clone())
        .collect();
    // Their sessions end at their next call, which says why ([`auth::handoff_only`]).
    for h in d.handoffs.iter_mut().filter(|h| waiting.contains(&h.id)) {
        h.ended = Some(HandoffEnd::Replaced { at: s.now });
    }
    let token = secrets::token();
    let record = HandoffRecord {
        id: format!("ho_{}", &secrets::token()[..22]),
        channel_id: channel_id.to_string(),
        account_id: who.account_id.clone(),
        requested_by: who.email.clone(),
        email,
        message,
        token_hash: secrets::digest(&token),
        sent_at: s.now,
        expires_at: s.now + s.lifetime_secs,
        ended: None,
    };
    keep_room(d, channel_id);
    let mail = invitation(
        d,
        &record,
        &handoff::link(&s.app_url, &token),
        s.lifetime_secs,
    );
    mail::send(d, s.now, &record.email, &mail.0, mail.1, s.quiet);
    let answer = wire(d, &record, s.now);
    d.handoffs.push(record);
    Ok(answer)
}

/// Forgets the oldest hand-offs so that one more keeps the channel within
/// [`limits::HANDOFFS_PER_CHANNEL`] and all within [`limits::HANDOFFS_MAX`];
/// sessions bound to a forgotten hand-off end.
fn keep_room(d: &mut Data, channel_id: &str) {
    let mut forget = Vec::new();
    let of_channel: Vec<usize> = (0..d.handoffs.len())
        .filter(|&i| d.handoffs[i].channel_id == channel_id)
        .collect();
    let extra = (of_channel.len() + 1).saturating_sub(limits::HANDOFFS_PER_CHANNEL);
    forget.extend(of_channel.into_iter().take(extra));
    let total = d.handoffs.len() - forget.len();
    let extra = (total + 1).saturating_sub(limits::HANDOFFS_MAX);
    let others: Vec<usize> = (0..d.handoffs.len())
        .filter(|i| !forget.contains(i))
        .take(extra)
        .collect();
    forget.extend(others);
    forget.sort_unstable();
    for i in forget.into_iter().rev() {
        let gone = d.handoffs.remove(i);
        auth::end_handoff_sessions(d, &gone.id);
    }
}

/// The colleague's email: who asked, for which business and number, and the link.
fn invitation(d: &Data, h: &HandoffRecord, link: &str, lifetime_secs: i64) -> (String, String) {
    let v = view(d, h);
    let note = h
        .message
        .as_deref()
        .map(|m| format!("Their message:\n\n{m}\n\n"))
        .unwrap_or_default();
    let subject = format!(
        "Please do the Facebook step for {}'s WhatsApp number",
        v.business_name
    );
    let body = format!(
        "Hello,\n\n{asker} ({account}) asks you to do the Facebook step of setting up WhatsApp \
         for {business}, number {phone}.\n\n{note}You will log in to Facebook with your own \
         account, confirm the business name, the description and the phone number, and verify \
         the number with a code. You do not need an account with us, and this link lets you do \
         nothing else.\n\nDo the Facebook step: {link}\n\nThe link works for one Facebook step \
         and expires in {lifetime}. If you did not expect this email, you can ignore it.\n",
        asker = h.requested_by,
        account = v.account_name,
        business = v.business_name,
        phone = v.shown_phone(),
        lifetime = lifetime_words(lifetime_secs),
    );
    (subject, body)
}

/// GET /api/channels/{id}/handoff: the latest hand-off, whatever its status; `null` when none.
pub async fn get(
    State(state): State<AppState>,
    who: Authed,
    Id(id): Id,
) -> Answer<axum::Json<Option<Handoff>>> {
    let now = state.clock.now();
    state.store.tx(|d| {
        d.channel(&who.account_id, &id)
            .ok_or_else(ApiFailure::not_found)?;
        // Nobody asked yet: `null`, not a failed request (contract 1.3.0).
        Ok(axum::Json(latest_of(d, &id, now)))
    })
}

/// POST /api/channels/{id}/handoff: 201 with the new hand-off, its link mailed.
pub async fn send(
    State(state): State<AppState>,
    who: Authed,
    Id(id): Id,
    Json(req): Json<HandoffRequest>,
) -> Answer<(StatusCode, axum::Json<Handoff>)> {
    let s = Sending::of(&state);
    state.store.tx(|d| {
        d.channel(&who.account_id, &id)
            .ok_or_else(ApiFailure::not_found)?;
        let errors = req.validate();
        if !errors.is_empty() {
            return Err(ApiFailure::fields(errors));
        }
        let h = send_in(d, &who, &id, req.tidy_email(), req.tidy_message(), &s)?;
        Ok((StatusCode::CREATED, axum::Json(h)))
    })
}

/// POST /api/channels/{id}/handoff/resend: 201 with a new hand-off to the
/// latest one's colleague and message; the old link stops working.
pub async fn resend(
    State(state): State<AppState>,
    who: Authed,
    Id(id): Id,
) -> Answer<(StatusCode, axum::Json<Handoff>)> {
    let s = Sending::of(&state);
    state.store.tx(|d| {
        at_facebook_step(d, &who, &id)?;
        let last = latest(d, &id).ok_or_else(none_sent)?;
        let (email, message) = (last.email.clone(), last.message.clone());
        let h = send_in(d, &who, &id, email, message, &s)?;
        Ok((StatusCode::CREATED, axum::Json(h)))
    })
}

/// DELETE /api/channels/{id}/handoff: the latest hand-off, cancelled (its link
/// and session stop working); cancelling again answers the same. A finished one
/// cannot be cancelled (409).
pub async fn cancel(
    State(state): State<AppState>,
    who: Authed,
    Id(id): Id,
) -> Answer<axum::Json<Handoff>> {
    let now = state.clock.now();
    state.store.tx(|d| {
        d.channel(&who.account_id, &id)
            .ok_or_else(ApiFailure::not_found)?;
        let last = latest(d, &id).ok_or_else(none_sent)?;
        let last_id = last.id.clone();
        match end(d, last, now) {
            Some(End::Done) => return Err(ApiFailure::new(
                StatusCode::CONFLICT,
                ErrorCode::NotAtFacebookStep,
                "Your colleague has already done the Facebook step, so there is nothing to cancel.",
            )),
            None | Some(End::Expired) => {
                // Its session ends at its next call, which says why.
                if let Some(h) = d.handoffs.iter_mut().find(|h| h.id == last_id) {
                    h.ended = Some(HandoffEnd::Cancelled { at: now });
                }
            }
            Some(End::Cancelled | End::Replaced | End::Superseded) => {}
        }
        let h = d
            .handoffs
            .iter()
            .find(|h| h.id == last_id)
            .ok_or_else(ApiFailure::not_found)?;
        Ok(axum::Json(wire(d, h, now)))
    })
}

/// POST /api/handoff/open: what the colleague will confirm, and a session
/// bound to the hand-off. Opening again (a reload) works until the step is
/// done, and ends the previous session of the hand-off.
pub async fn open(State(state): State<AppState>, Json(req): Json<HandoffOpen>) -> Answer<Response> {
    let now = state.clock.now();
    let secure = state.config.secure_cookies();
    let lifetime = state.handoff_lifetime_secs;
    let hash = secrets::digest(req.token.trim());
    state.store.tx(|d| {
        let h = d
            .handoffs
            .iter()
            .find(|h| secrets::same(&h.token_hash, &hash))
            .ok_or_else(|| {
                ApiFailure::new(StatusCode::NOT_FOUND, ErrorCode::LinkUnknown, UNKNOWN)
            })?;
        if let Some(end) = end(d, h, now) {
            return Err(gone(end, lifetime));
        }
        let answer = view(d, h);
        let (id, email) = (h.id.clone(), h.email.clone());
        let cookie = auth::start_handoff(d, &id, &email, now, secure);
        Ok(([(header::SET_COOKIE, cookie)], axum::Json(answer)).into_response())
    })
}

/// GET /api/handoff/current: the hand-off of this hand-off session; 404 for any other session.
pub async fn current(
    State(state): State<AppState>,
    who: Authed,
) -> Answer<axum::Json<HandoffView>> {
    let Some(id) = who.handoff else {
        return Err(ApiFailure::new(
            StatusCode::NOT_FOUND,
            ErrorCode::NotFound,
            NOT_A_HANDOFF,
        ));
    };
    state.store.tx(|d| {
        d.handoffs
            .iter()
            .find(|h| h.id == id)
            .map(|h| axum::Json(view(d, h)))
            .ok_or_else(ApiFailure::not_found)
    })
}

/// The exchange under the hand-off session `id` registered the number: the
/// hand-off is done, its sessions end, and the owner is told by email (`number`
/// as the pages show it).
pub fn finish(d: &mut Data, id: &str, number: &str, now: Timestamp, app_url: &str, quiet: bool) {
    let Some(h) = d.handoffs.iter_mut().find(|h| h.id == id) else {
        return;
    };
    if h.ended.is_none() {
        h.ended = Some(HandoffEnd::Done { at: now });
    }
    let h = h.clone();
    auth::end_handoff_sessions(d, id);
    let v = view(d, &h);
    let confirm = format!(
        "{}{}",
        app_url.trim_end_matches('/'),
        Route::Confirm(&h.channel_id).path()
    );
    let subject = format!(
        "{} finished the Facebook step for {}; confirm the number",
        h.email, v.business_name
    );
    let body = format!(
        "Hello,\n\n{} finished the Facebook step for {}: Facebook registered {number}.\n\n\
         Confirm the number to link it to your WhatsApp channel: {confirm}\n",
        h.email, v.business_name
    );
    mail::send(d, now, &h.requested_by, &subject, body, quiet);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(i: usize, channel: &str) -> HandoffRecord {
        HandoffRecord {
            id: format!("ho_{i}"),
            channel_id: channel.into(),
            account_id: "acc".into(),
            requested_by: "owner@example.com".into(),
            email: "kim@example.com".into(),
            message: None,
            token_hash: String::new(),
            sent_at: i as Timestamp,
            expires_at: i as Timestamp + 10,
            ended: None,
        }
    }

    #[test]
    fn hand_offs_stay_within_their_bounds_the_oldest_going_first() {
        let mut d = Data::default();
        for i in 0..limits::HANDOFFS_PER_CHANNEL + 3 {
            keep_room(&mut d, "ch_a");
            d.handoffs.push(record(i, "ch_a"));
        }
        assert_eq!(d.handoffs.len(), limits::HANDOFFS_PER_CHANNEL);
        assert_eq!(d.handoffs[0].id, "ho_3");
        let mut d = Data::default();
        for i in 0..limits::HANDOFFS_MAX {
            d.handoffs.push(record(i, &format!("ch_{i}")));
        }
        keep_room(&mut d, "ch_new");
        assert_eq!(d.handoffs.len(), limits::HANDOFFS_MAX - 1);
        assert_eq!(d.handoffs[0].id, "ho_1");
    }
}
