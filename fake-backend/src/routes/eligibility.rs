//! The preconditions for WhatsApp: licence, legal terms, Facebook business account.

use crate::auth::Authed;
use crate::failure::{ApiFailure, Json};
use crate::store::{Account, Data};
use crate::{mail, AppState};
use axum::extract::State;
use axum::http::StatusCode;
use domain::eligibility::{
    licence_allows_whatsapp, licence_refusal, Eligibility, FacebookBusinessConfirmation, Terms,
};
use domain::error::ErrorCode;

/// Where a sales representative's mail goes in the dev mailbox.
const SALES_REP: &str = "sales.rep@provider.example";

/// The account's preconditions for WhatsApp, as GET /api/eligibility shows them.
pub fn eligibility_of(a: &Account) -> Eligibility {
    Eligibility {
        licence: a.licence.clone(),
        terms: a.terms,
        facebook_business_confirmed: a.facebook_business_confirmed,
    }
}

fn account<'a>(d: &'a mut Data, who: &Authed) -> Result<&'a mut Account, ApiFailure> {
    d.account_mut(&who.account_id)
        .ok_or_else(ApiFailure::unauthorized)
}

/// What still stops the account from starting the Facebook step, in words,
/// joined with "; " (empty when nothing does).
pub fn blockers_in_words(e: &Eligibility) -> String {
    e.blockers()
        .into_iter()
        .map(|b| b.message())
        .collect::<Vec<_>>()
        .join("; ")
}

/// 403 unless the account's licence includes WhatsApp; every WhatsApp step calls it.
pub fn require_licence(a: &Account) -> Result<(), ApiFailure> {
    if licence_allows_whatsapp(&a.licence) {
        Ok(())
    } else {
        Err(ApiFailure::new(
            StatusCode::FORBIDDEN,
            ErrorCode::Forbidden,
            licence_refusal(&a.licence),
        ))
    }
}

/// 403 unless a channel may be requested: the licence includes WhatsApp and the
/// legal terms are signed, which come before anything else.
pub fn require_request_allowed(a: &Account) -> Result<(), ApiFailure> {
    require_licence(a)?;
    match eligibility_of(a).request_refusal_message() {
        None => Ok(()),
        Some(why) => Err(ApiFailure::new(
            StatusCode::FORBIDDEN,
            ErrorCode::Forbidden,
            why,
        )),
    }
}

/// GET /api/eligibility.
pub async fn get(
    State(state): State<AppState>,
    who: Authed,
) -> Result<axum::Json<Eligibility>, ApiFailure> {
    state
        .store
        .tx(|d| account(d, &who).map(|a| axum::Json(eligibility_of(a))))
}

/// POST /api/eligibility/terms-request: records the request once; asking again changes nothing.
pub async fn request_terms(
    State(state): State<AppState>,
    who: Authed,
) -> Result<axum::Json<Eligibility>, ApiFailure> {
    let now = state.clock.now();
    let quiet = state.config.quiet;
    state.store.tx(|d| {
        let a = account(d, &who)?;
        require_licence(a)?;
        if a.terms != Terms::NotRequested {
            return Ok(axum::Json(eligibility_of(a)));
        }
        a.terms = Terms::Requested { at: now };
        let (name, result) = (a.name.clone(), eligibility_of(a));
        let body = format!(
            "{name} ({}) asked for the legal terms and conditions for WhatsApp.\n\nPlease ask the Deal Desk to send them the terms to sign.\n",
            who.email
        );
        mail::send(d, now, SALES_REP, &format!("WhatsApp terms requested by {name}"), body, quiet);
        Ok(axum::Json(result))
    })
}

/// POST /api/eligibility/facebook-business.
pub async fn confirm_facebook_business(
    State(state): State<AppState>,
    who: Authed,
    Json(req): Json<FacebookBusinessConfirmation>,
) -> Result<axum::Json<Eligibility>, ApiFailure> {
    state.store.tx(|d| {
        let a = account(d, &who)?;
        require_licence(a)?;
        a.facebook_business_confirmed = req.confirmed;
        Ok(axum::Json(eligibility_of(a)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_blockers_are_named_in_order_and_nothing_when_none() {
        let mut e = Eligibility {
            licence: "X8".into(),
            terms: Terms::NotRequested,
            facebook_business_confirmed: false,
        };
        assert_eq!(
            blockers_in_words(&e),
            "The legal terms for WhatsApp are not signed yet; \
             Confirm you have a Facebook business account verified by Meta"
        );
        e.terms = Terms::Signed;
        e.facebook_business_confirmed = true;
        assert_eq!(blockers_in_words(&e), "");
    }
}
