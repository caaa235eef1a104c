//! A channel's WhatsApp Business profile: the saved draft, page checks, the
//! picture upload and the final confirmation.
//!
//! Every endpoint needs a session; a channel of another account is 404, like
//! one that does not exist. Saving (patch, picture, complete) also needs a
//! licence that includes WhatsApp (403 otherwise). The other preconditions gate
//! Facebook's sign-up, not the profile: the pages let the user type before the
//! Facebook business account is confirmed, so the backend keeps what they type.

use crate::auth::Authed;
use crate::failure::{ApiFailure, Json};
use crate::routes::eligibility::eligibility_of;
use crate::store::{ChannelRecord, Data, StoredPicture, StoredProfile};
use crate::{limits, secrets, AppState};
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, Request, State};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::contract::{same_channel_name, PictureInfo, ProfileCheck, ProfileCompletion};
use domain::draft::{self, DraftPatch, DraftState};
use domain::eligibility::{licence_refusal, Eligibility};
use domain::error::{ErrorCode, FieldError};
use domain::field::{Field, ProfilePage};
use domain::journey::{advance, JourneyEvent};
use domain::phone::{self, E164};
use domain::picture::{self, Refusal};
use domain::profile::ProfileDraft;
use std::collections::BTreeSet;

/// How long browsers may keep a picture: its id changes whenever the picture does.
pub const PICTURE_CACHE: &str = "private, max-age=31536000, immutable";

const REGISTERED: &str = "This number is already registered with WhatsApp Business. Use a number that has never been used with WhatsApp Business, or ask us how to move it";
const NAME_FIXED: &str = "The business name cannot be changed once the profile is set up";
const NAME_CHANGED: &str =
    "The business name changed since you checked it: check it again and confirm";
const TOO_LARGE: &str = "The picture must be 5 MB or smaller";
const NOT_AN_IMAGE: &str =
    "The file is not a JPEG or PNG image: choose a photo or logo saved as JPEG or PNG";
const UNREADABLE: &str =
    "The picture could not be read: save it again as JPEG or PNG and choose it again";
const PICTURE_GONE: &str = "The profile picture was not found: upload it again";

type Answer<T> = Result<T, ApiFailure>;

/// The `{id}` of the path; one that cannot be decoded is 404 in the error shape.
pub struct Id(pub String);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = ApiFailure;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiFailure> {
        Path::<String>::from_request_parts(parts, state)
            .await
            .map(|Path(id)| Id(id))
            .map_err(|_| ApiFailure::not_found())
    }
}

/// GET: the saved draft, prefilled on first read.
pub async fn get(
    State(state): State<AppState>,
    who: Authed,
    Id(id): Id,
) -> Answer<axum::Json<DraftState>> {
    state.store.tx(|d| {
        let (_, record) = open(d, &who, &id)?;
        Ok(axum::Json(record.profile_state()))
    })
}

/// PATCH: saves some fields, all or none; the same field's last write wins.
pub async fn patch(
    State(state): State<AppState>,
    who: Authed,
    Id(id): Id,
    Json(patch): Json<DraftPatch>,
) -> Answer<axum::Json<DraftState>> {
    state.store.tx(|d| {
        let (eligibility, record) = open(d, &who, &id)?;
        require_eligible(&eligibility)?;
        keep_business_name(&record.profile, &patch)?;
        let before = record.profile.draft.picture_id.clone();
        draft::apply(&mut record.profile.draft, &patch).map_err(ApiFailure::fields)?;
        saved(record);
        let profile = record.profile_state();
        if profile.draft.picture_id != before {
            // A picture the draft no longer uses is deleted.
            tidy_pictures(d, &who.account_id, before);
        }
        Ok(axum::Json(profile))
    })
}

/// POST check: 204 when the saved draft's page passes, else 422 in field order.
pub async fn check(
    State(state): State<AppState>,
    who: Authed,
    Id(id): Id,
    Json(req): Json<ProfileCheck>,
) -> Answer<StatusCode> {
    state.store.tx(|d| {
        let (_, record) = open(d, &who, &id)?;
        let draft = record.profile.draft.clone();
        passes(problems(d, &who.account_id, &id, &draft, req.page))?;
        Ok(StatusCode::NO_CONTENT)
    })
}

/// POST picture: the body is the image; it becomes the draft's picture.
pub async fn upload_picture(
    State(state): State<AppState>,
    who: Authed,
    Id(id): Id,
    req: Request,
) -> Answer<(StatusCode, axum::Json<PictureInfo>)> {
    // Refuse before reading up to 5 MB.
    state
        .store
        .tx(|d| open(d, &who, &id).and_then(|(e, _)| require_eligible(&e)))?;
    let bytes = read_picture(req, &state).await?;
    let (format, (width, height)) =
        picture::inspect(&bytes).map_err(|r| ApiFailure::field(Field::PictureId, refused(r)))?;
    let picture_id = format!("pic_{}", &secrets::token()[..22]);
    state.store.tx(|d| {
        let (eligibility, record) = open(d, &who, &id)?;
        require_eligible(&eligibility)?;
        let before = record.profile.draft.picture_id.replace(picture_id.clone());
        saved(record);
        let seq = d.pictures.values().map(|p| p.seq + 1).max().unwrap_or(0);
        d.pictures.insert(
            picture_id.clone(),
            StoredPicture {
                account_id: who.account_id.clone(),
                content_type: format.content_type().to_string(),
                bytes,
                width,
                height,
                seq,
            },
        );
        // The picture it replaces is deleted.
        tidy_pictures(d, &who.account_id, before);
        let info = PictureInfo {
            id: picture_id,
            width,
            height,
        };
        Ok((StatusCode::CREATED, axum::Json(info)))
    })
}

/// GET picture: the bytes, cached for good (a new picture gets a new id).
pub async fn picture(State(state): State<AppState>, who: Authed, Id(id): Id) -> Answer<Response> {
    let found = state.store.tx(|d| {
        d.pictures
            .get(&id)
            .filter(|p| p.account_id == who.account_id)
            .map(|p| (p.content_type.clone(), p.bytes.clone()))
    });
    let (content_type, bytes) = found.ok_or_else(ApiFailure::not_found)?;
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, PICTURE_CACHE.to_string()),
        ],
        bytes,
    )
        .into_response())
}

/// POST complete: the customer confirmed the profile and its business name.
pub async fn complete(
    State(state): State<AppState>,
    who: Authed,
    Id(id): Id,
    Json(req): Json<ProfileCompletion>,
) -> Answer<axum::Json<DraftState>> {
    state.store.tx(|d| {
        let (eligibility, record) = open(d, &who, &id)?;
        require_eligible(&eligibility)?;
        let draft = record.profile.draft.clone();
        confirmed(&draft, &req)?;
        passes(problems(
            d,
            &who.account_id,
            &id,
            &draft,
            ProfilePage::Review,
        ))?;
        let record = d
            .channel_mut(&who.account_id, &id)
            .ok_or_else(ApiFailure::not_found)?;
        if !record.profile.complete {
            record.profile.complete = true;
            saved(record);
        }
        record.channel.name = draft.tidied().channel_name;
        Ok(axum::Json(record.profile_state()))
    })
}

/// The account's preconditions and its channel `id`, its draft prefilled if untouched.
fn open<'a>(
    d: &'a mut Data,
    who: &Authed,
    id: &str,
) -> Answer<(Eligibility, &'a mut ChannelRecord)> {
    let account = d
        .account(&who.account_id)
        .ok_or_else(ApiFailure::unauthorized)?;
    let (eligibility, country) = (eligibility_of(account), account.country.clone());
    let record = d
        .channel_mut(&who.account_id, id)
        .ok_or_else(ApiFailure::not_found)?;
    prefill(record, &country);
    Ok((eligibility, record))
}

/// An untouched draft starts with the channel's name and the account's country.
fn prefill(record: &mut ChannelRecord, country: &str) {
    let profile = &mut record.profile;
    if profile.version == 0 && profile.draft == ProfileDraft::default() {
        profile.draft.channel_name = record.channel.name.clone();
        profile.draft.phone_country = country.to_string();
    }
}

/// A change was saved: a new version, and the channel is at least at Profile.
fn saved(record: &mut ChannelRecord) {
    record.profile.version += 1;
    // Later states keep theirs: the profile can still be edited there.
    if let Ok(next) = advance(record.channel.state, JourneyEvent::ProfileStarted) {
        record.channel.state = next;
    }
}

/// 403 unless the account may work on a profile: its licence includes WhatsApp.
/// (The legal terms were needed to request the channel; the Facebook business
/// account is needed to continue to Facebook, which `signup::start` checks.)
fn require_eligible(e: &Eligibility) -> Answer<()> {
    if e.licence_ok() {
        return Ok(());
    }
    Err(ApiFailure::new(
        StatusCode::FORBIDDEN,
        ErrorCode::Forbidden,
        licence_refusal(&e.licence),
    ))
}

/// 409 when a completed profile's business name would change.
fn keep_business_name(profile: &StoredProfile, patch: &DraftPatch) -> Answer<()> {
    match patch.fields.get(Field::BusinessName.name()) {
        Some(name) if profile.complete && name.trim() != profile.draft.business_name.trim() => {
            Err(ApiFailure::conflict(Field::BusinessName, NAME_FIXED))
        }
        _ => Ok(()),
    }
}

/// 409 unless the confirmed business name is the saved one.
fn confirmed(draft: &ProfileDraft, req: &ProfileCompletion) -> Answer<()> {
    if req.confirmed_business_name.trim() == draft.tidied().business_name {
        Ok(())
    } else {
        Err(ApiFailure::conflict(Field::BusinessName, NAME_CHANGED))
    }
}

/// 422 with the messages, if there are any.
fn passes(errors: Vec<FieldError>) -> Answer<()> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiFailure::fields(errors))
    }
}

/// What is wrong with `draft` on `page` (a page's fields, or all of them for the review): the
/// domain's checks, then the backend's own, in field order.
fn problems(
    d: &Data,
    account_id: &str,
    channel_id: &str,
    draft: &ProfileDraft,
    page: ProfilePage,
) -> Vec<FieldError> {
    let mut errors = draft::check_page(draft, page);
    let tidy = draft.tidied();
    let failed = |errors: &[FieldError], f: Field| errors.iter().any(|e| e.field == f);
    if page.covers(Field::PhoneNumber) {
        if !failed(&errors, Field::PhoneCountry) && !failed(&errors, Field::PhoneNumber) {
            // The account's own registered numbers are not "taken" for its own profiles.
            let taken: BTreeSet<String> = d
                .whatsapp_numbers
                .iter()
                .filter(|n| {
                    !d.numbers
                        .iter()
                        .any(|r| r.account_id == account_id && &r.number.e164 == *n)
                })
                .cloned()
                .collect();
            errors.extend(phone_problem(&taken, &tidy));
        }
        if !failed(&errors, Field::ChannelName) {
            errors.extend(channel_name_taken(
                d,
                account_id,
                channel_id,
                &tidy.channel_name,
            ));
        }
    }
    if page.covers(Field::PictureId) {
        errors.extend(picture_missing(d, account_id, &tidy));
    }
    errors.sort_by_key(|e| field_position(&e.field));
    errors
}

fn field_position(name: &str) -> usize {
    Field::from_name(name).map_or(Field::ALL.len(), Field::index)
}

/// A number the domain's check accepted that is already on WhatsApp Business, or not real.
fn phone_problem(registered: &BTreeSet<String>, tidy: &ProfileDraft) -> Option<FieldError> {
    let number = tidy.phone_e164()?;
    let message = if registered.contains(number.as_str()) {
        REGISTERED.to_string()
    } else {
        not_a_real_number(&tidy.phone_country, &number)?
    };
    Some(FieldError::new(Field::PhoneNumber, message))
}

/// Full libphonenumber validation of a number for the chosen country: `None`
/// when the number is in use there (or in a territory the picker does not
/// list that shares the country's calling code, such as Jersey for +44).
pub fn not_a_real_number(country_iso: &str, number: &E164) -> Option<String> {
    let chosen = phone::country(country_iso)?;
    let id: phonenumber::country::Id = chosen.iso.parse().ok()?;
    let parsed = phonenumber::parse(Some(id), number.as_str()).ok();
    let shown = parsed
        .as_ref()
        .map(|p| {
            p.format()
                .mode(phonenumber::Mode::International)
                .to_string()
        })
        .unwrap_or_else(|| number.to_string());
    let Some(parsed) = parsed.filter(phonenumber::is_valid) else {
        return Some(format!(
            "Enter a real {} phone number: {shown} is not a number in use",
            chosen.name
        ));
    };
    let region = parsed.country().id()?;
    let other = phone::country(region.as_ref()).filter(|c| c.iso != chosen.iso)?;
    Some(format!(
        "{shown} is a {} number, not {}: choose {} or check the number",
        other.name, chosen.name, other.name
    ))
}

/// Another channel of the account already has this name.
fn channel_name_taken(
    d: &Data,
    account_id: &str,
    channel_id: &str,
    name: &str,
) -> Option<FieldError> {
    let taken = d.channels.iter().any(|c| {
        c.account_id == account_id
            && c.channel.id != channel_id
            && same_channel_name(&c.channel.name, name)
    });
    taken.then(|| {
        FieldError::new(
            Field::ChannelName,
            format!("You already have a channel called {name}: choose a different name"),
        )
    })
}

/// The draft names a picture this account does not have.
fn picture_missing(d: &Data, account_id: &str, tidy: &ProfileDraft) -> Option<FieldError> {
    let id = tidy.picture_id.as_deref()?;
    let ours = d
        .pictures
        .get(id)
        .is_some_and(|p| p.account_id == account_id);
    (!ours).then(|| FieldError::new(Field::PictureId, PICTURE_GONE))
}

/// The request body, up to the route's limit
/// ([`picture::PICTURE_MAX_BYTES`]); larger is 413.
async fn read_picture(req: Request, state: &AppState) -> Answer<Bytes> {
    Bytes::from_request(req, state).await.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_large()
        } else {
            ApiFailure::new(
                StatusCode::BAD_REQUEST,
                ErrorCode::Malformed,
                "The picture did not arrive whole: try again.",
            )
        }
    })
}

/// 413 for a picture over [`picture::PICTURE_MAX_BYTES`], with the field's message.
pub fn too_large() -> ApiFailure {
    let mut failure = ApiFailure::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::PayloadTooLarge,
        TOO_LARGE,
    );
    failure
        .body
        .fields
        .push(FieldError::new(Field::PictureId, TOO_LARGE));
    failure
}

/// Deletes the pictures a draft stopped using (`before`, unless a draft still
/// names it), then the account's oldest uploads no draft uses beyond
/// [`limits::ORPHAN_PICTURES_PER_ACCOUNT`].
fn tidy_pictures(d: &mut Data, account_id: &str, before: Option<String>) {
    let used: BTreeSet<String> = d
        .channels
        .iter()
        .filter_map(|c| c.profile.draft.picture_id.clone())
        .collect();
    if let Some(old) = before.filter(|id| !used.contains(id)) {
        d.pictures.remove(&old);
    }
    let mut orphans: Vec<(u64, String)> = d
        .pictures
        .iter()
        .filter(|(id, p)| p.account_id == account_id && !used.contains(*id))
        .map(|(id, p)| (p.seq, id.clone()))
        .collect();
    orphans.sort();
    let extra = orphans
        .len()
        .saturating_sub(limits::ORPHAN_PICTURES_PER_ACCOUNT);
    for (_, id) in orphans.into_iter().take(extra) {
        d.pictures.remove(&id);
    }
}

/// The message for `picture_id` when [`picture::inspect`] refuses the upload.
///
/// The type comes from the file's first bytes, whatever the request's
/// `Content-Type` says; the size from the PNG header or the JPEG frame header.
fn refused(refusal: Refusal) -> String {
    match refusal {
        Refusal::NotAnImage => NOT_AN_IMAGE.into(),
        Refusal::Unreadable => UNREADABLE.into(),
        Refusal::TooSmall { width, height } => picture::too_small(width, height),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn libphonenumber_knows_which_numbers_are_in_use() {
        let check = |iso: &str, number: &str| {
            not_a_real_number(iso, &phone::normalise(iso, number).unwrap())
        };
        assert_eq!(check("GB", "07400 123456"), None);
        assert_eq!(check("GB", "020 7946 0018"), None);
        assert_eq!(check("GB", "07911 123456"), None, "Guernsey shares +44");
        assert_eq!(check("US", "(415) 555-2671"), None);
        assert_eq!(
            check("GB", "07700 900123").as_deref(),
            Some(
                "Enter a real United Kingdom phone number: +44 7700 900123 is not a number in use"
            )
        );
        assert!(check("US", "+1 555 555 5555").is_some());
        assert_eq!(
            check("US", "+1 604 555 0199").as_deref(),
            Some("+1 604-555-0199 is a Canada number, not United States: choose Canada or check the number")
        );
        assert_eq!(check("CA", "+1 604 555 0199"), None);
    }
}
