//! The dialog's entry: checks an OAuth link against the configuration and
//! starts a flow.

use super::form::{clip, one, pairs};
use super::phone::shown_prefill_number;
use super::step::Step;
use crate::store::{Data, DialogFlow};
use domain::contract::Timestamp;
use domain::signup::{SignupConfig, SignupPrefill, STATE_MIN_BYTES};
use serde_json::Value;

/// A flow is forgotten this long after its link was opened.
pub const FLOW_LIFETIME_SECS: i64 = 60 * 60;
/// At most this many flows are kept; the oldest go first.
pub const MAX_FLOWS: usize = 500;
/// The longest `state` accepted.
pub const STATE_MAX_CHARS: usize = 512;

/// The flow a link to the dialog starts, or why the link is not valid (a
/// sentence for the page that sends the browser nowhere).
pub fn new_flow(
    version: Option<&str>,
    query: &str,
    config: &SignupConfig,
    registered: &[String],
    now: Timestamp,
) -> Result<DialogFlow, &'static str> {
    let params = pairs(query.as_bytes());
    let get = |name: &str| one(&params, name);
    let (
        Ok(client_id),
        Ok(redirect_uri),
        Ok(state_param),
        Ok(config_id),
        Ok(response_type),
        Ok(extras),
        Ok(challenge),
        Ok(challenge_method),
        Ok(display),
    ) = (
        get("client_id"),
        get("redirect_uri"),
        get("state"),
        get("config_id"),
        get("response_type"),
        get("extras"),
        get("code_challenge"),
        get("code_challenge_method"),
        get("display"),
    )
    else {
        return Err("A parameter appears more than once.");
    };
    if !version.is_some_and(is_version) {
        return Err("The Graph API version in the address is not valid.");
    }
    if client_id != Some(config.app_id.as_str()) {
        return Err("The app (client_id) is not one Facebook knows.");
    }
    if config_id != Some(config.config_id.as_str()) {
        return Err("The sign-up configuration (config_id) is not one this app has.");
    }
    let Some(redirect_uri) = redirect_uri.filter(|u| registered.iter().any(|r| r == u)) else {
        return Err("The address to return to (redirect_uri) is not one this app allows.");
    };
    if response_type != Some("code") {
        return Err("The response_type must be code.");
    }
    let Some(flow_state) = state_param.filter(|s| {
        (STATE_MIN_BYTES * 2..=STATE_MAX_CHARS).contains(&s.chars().count())
            && !s.chars().any(char::is_control)
    }) else {
        return Err("The link has no state, or one too short to be safe.");
    };
    // PKCE (RFC 7636): an S256 challenge, 43 base64url characters.
    let Some(challenge) = challenge.filter(|c| {
        c.len() == 43
            && c.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    }) else {
        return Err("The link has no PKCE code_challenge, or not an S256 one.");
    };
    if challenge_method != Some("S256") {
        return Err("The code_challenge_method must be S256.");
    }
    let popup = match display {
        None | Some("page") => false,
        Some("popup") => true,
        Some(_) => return Err("The display must be page or popup."),
    };
    let prefill = prefill_from_extras(extras);
    Ok(DialogFlow {
        state: flow_state.to_string(),
        code_challenge: challenge.to_string(),
        redirect_uri: redirect_uri.to_string(),
        created_at: now,
        legal_name: prefill.business_name.clone(),
        description: prefill.description.clone(),
        phone_input: shown_prefill_number(&prefill),
        prefill,
        reached: Step::Login as u8,
        number: None,
        code: None,
        dead_end: None,
        finished: false,
        popup,
    })
}

/// Keeps `flow` under `id`, forgetting expired flows and, past [`MAX_FLOWS`], the oldest.
pub fn keep(d: &mut Data, id: String, flow: DialogFlow, now: Timestamp) {
    d.dialog_flows
        .retain(|_, f| now - f.created_at < FLOW_LIFETIME_SECS);
    while d.dialog_flows.len() >= MAX_FLOWS {
        let oldest = d
            .dialog_flows
            .iter()
            .min_by_key(|(_, f)| f.created_at)
            .map(|(k, _)| k.clone());
        match oldest {
            Some(k) => d.dialog_flows.remove(&k),
            None => break,
        };
    }
    d.dialog_flows.insert(id, flow);
}

/// `v21.0` and the like.
fn is_version(v: &str) -> bool {
    v.strip_prefix('v')
        .and_then(|rest| rest.split_once('.'))
        .is_some_and(|(major, minor)| {
            [major, minor]
                .iter()
                .all(|p| (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
        })
}

/// Meta's `extras` pre-fill, read leniently: whatever is missing is empty.
pub fn prefill_from_extras(extras: Option<&str>) -> SignupPrefill {
    let v: Value = extras
        .and_then(|e| serde_json::from_str(e).ok())
        .unwrap_or(Value::Null);
    let text = |pointer: &str| match v.pointer(pointer) {
        Some(Value::String(s)) => clip(s),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let mut business_name = text("/setup/business/name");
    if business_name.trim().is_empty() {
        business_name = text("/setup/phone/displayName");
    }
    SignupPrefill {
        business_name,
        phone_code: text("/setup/business/phone/code"),
        phone_number: text("/setup/business/phone/number"),
        category: text("/setup/phone/category"),
        description: text("/setup/phone/description"),
        email: text("/setup/business/email"),
        website: text("/setup/business/website"),
        country: text("/setup/business/country"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_look_like_graph_api_versions() {
        assert!(is_version("v21.0"));
        assert!(is_version("v3.10"));
        assert!(!is_version("21.0"));
        assert!(!is_version("v21"));
        assert!(!is_version("v21.0.1"));
        assert!(!is_version("vx.0"));
    }

    #[test]
    fn extras_are_read_leniently() {
        let p = prefill_from_extras(Some(
            r#"{"setup":{"business":{"name":"A & B","phone":{"code":44,"number":"7400123456"},"country":"GB"},"phone":{"description":"Hi"}}}"#,
        ));
        assert_eq!(p.business_name, "A & B");
        assert_eq!(p.phone_code, "44");
        assert_eq!(p.phone_number, "7400123456");
        assert_eq!(p.country, "GB");
        assert_eq!(p.description, "Hi");
        assert_eq!(p.email, "");
        assert_eq!(
            prefill_from_extras(Some("not json")),
            SignupPrefill::default()
        );
        assert_eq!(prefill_from_extras(None), SignupPrefill::default());
    }
}
