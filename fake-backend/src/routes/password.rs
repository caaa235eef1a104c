//! Set-password links: check one, use one, ask for a new one.

use crate::auth;
use crate::failure::{ApiFailure, Json};
use crate::store::{Data, LinkVoided, PasswordLink};
use crate::{secrets, seed, AppState};
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::contract::{NewLinkRequest, PasswordLinkInfo, SetPasswordRequest, Timestamp};
use domain::error::ErrorCode;
use domain::password;

/// New links one address may be sent per hour.
const LINKS_PER_HOUR: usize = 5;

/// The link whose token is `token`, found by its stored digest.
fn find<'a>(links: &'a mut [PasswordLink], token: &str) -> Option<&'a mut PasswordLink> {
    let hash = secrets::digest(token);
    links
        .iter_mut()
        .find(|l| secrets::same(&l.token_hash, &hash))
}

fn usable<'a>(d: &'a Data, token: &str, now: Timestamp) -> Result<&'a PasswordLink, ApiFailure> {
    let hash = secrets::digest(token);
    let link = d.password_links.iter().find(|l| secrets::same(&l.token_hash, &hash)).ok_or_else(|| {
        ApiFailure::new(
            StatusCode::NOT_FOUND,
            ErrorCode::LinkUnknown,
            "This link is not one we sent. Check you copied the whole link from the email, or ask for a new one.",
        )
    })?;
    if link.used_at.is_some() {
        return Err(ApiFailure::new(
            StatusCode::GONE,
            ErrorCode::LinkUsed,
            "This link has already been used to set a password. Log in with that password, or ask for a new link.",
        ));
    }
    // A cancelled link keeps the existing code (the app shows "This link has
    // expired") with a message that says why.
    match link.voided {
        Some(LinkVoided::NewerLink) => {
            return Err(ApiFailure::new(
                StatusCode::GONE,
                ErrorCode::LinkExpired,
                "A newer link was sent to this address since, so this one no longer works. Use the link in the newest email, or ask for a new one.",
            ))
        }
        Some(LinkVoided::PasswordSet) => {
            return Err(ApiFailure::new(
                StatusCode::GONE,
                ErrorCode::LinkExpired,
                "The password was set since with a newer link, so this one no longer works. Log in with that password, or ask for a new link.",
            ))
        }
        None => {}
    }
    if link.expires_at <= now {
        return Err(ApiFailure::new(
            StatusCode::GONE,
            ErrorCode::LinkExpired,
            "This link has expired: links work for 24 hours. Ask for a new one.",
        ));
    }
    Ok(link)
}

/// GET /api/password-links/{token}: whether the link can be used, and for whom.
pub async fn check(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<axum::Json<PasswordLinkInfo>, ApiFailure> {
    let now = state.clock.now();
    state.store.tx(|d| {
        usable(d, &token, now).map(|l| {
            axum::Json(PasswordLinkInfo {
                email: l.email.clone(),
                expires_at: l.expires_at,
            })
        })
    })
}

/// POST /api/password-links/{token}: set the password, use up the link, and log in.
pub async fn set(
    State(state): State<AppState>,
    Path(token): Path<String>,
    Json(req): Json<SetPasswordRequest>,
) -> Result<Response, ApiFailure> {
    let now = state.clock.now();
    let email = state
        .store
        .tx(|d| usable(d, &token, now).map(|l| l.email.clone()))?;
    if let Some(problem) = password::problems(&req.password, &email).first() {
        return Err(ApiFailure::field("password", problem.message()));
    }
    let hash = secrets::hash_password_blocking(req.password).await;
    let secure = state.config.secure_cookies();
    state.store.tx(|d| {
        // Checked again inside the transaction: two tabs may race for one link.
        usable(d, &token, now)?;
        if let Some(link) = find(&mut d.password_links, &token) {
            link.used_at = Some(now);
        }
        // Every other link of the address stops working.
        seed::void_links(d, &email, LinkVoided::PasswordSet);
        if let Some(user) = d.users.iter_mut().find(|u| u.email == email) {
            user.password_hash = Some(hash);
        }
        // A new password ends every other session and any lock.
        d.sessions.retain(|s| s.email != email);
        crate::routes::session::clear_failures(d, &email);
        let (info, cookie) = auth::start(d, &email, now, secure);
        Ok(([(header::SET_COOKIE, cookie)], axum::Json(info)).into_response())
    })
}

/// POST /api/password-links: email a fresh link. The answer is the same whether
/// or not the address has an account, so it cannot be used to find accounts.
pub async fn request_new(
    State(state): State<AppState>,
    Json(req): Json<NewLinkRequest>,
) -> Result<Response, ApiFailure> {
    let email = req.email.trim().to_lowercase();
    if email.is_empty() {
        return Err(ApiFailure::field("email", "Enter your email address"));
    }
    if !email.contains('@') || email.len() > 254 {
        return Err(ApiFailure::field(
            "email",
            "Enter an email address in the right format, like name@example.com",
        ));
    }
    let now = state.clock.now();
    let app_url = state.config.app_url.clone();
    let quiet = state.config.quiet;
    state.store.tx(|d| {
        let recent = d
            .password_links
            .iter()
            .filter(|l| l.email == email && l.expires_at - seed::LINK_LIFETIME_SECS > now - 3600)
            .count();
        if d.user(&email).is_some() && recent < LINKS_PER_HOUR {
            seed::send_login_details(d, now, &app_url, &email, quiet);
        }
    });
    Ok((
        StatusCode::ACCEPTED,
        axum::Json(serde_json::json!({
            "message": "If an account uses that address, a new link is on its way. It works once, for 24 hours."
        })),
    )
        .into_response())
}
