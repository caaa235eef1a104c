//! The field's stage machine: what it is doing, which stage follows which
//! event, and the words and labels each stage shows. No browser here.

use crate::api::ApiError;
use crate::i18n::{fill, text};
use domain::field::Field;

/// What the field is doing, for its buttons and status line.
#[derive(Clone, Copy, PartialEq)]
#[cfg_attr(test, derive(Debug))]
pub enum Stage {
    /// Nothing chosen (a picture already uploaded may be shown).
    Idle,
    /// Reading and decoding a chosen file.
    Checking,
    /// A picture passed the checks: crop it, then upload.
    Ready,
    /// Sending: the percentage sent, when the browser knows it.
    Sending(Option<u8>),
    /// Everything is sent; waiting for the backend's answer.
    Waiting,
    /// The upload failed in a way worth retrying (the message says why).
    Failed,
    /// The picture is uploaded and in the draft.
    Uploaded,
    /// The user removed the draft's picture.
    Removed,
}

/// What happened to the field.
#[derive(Clone, Copy)]
#[cfg_attr(test, derive(Debug))]
pub enum Event {
    /// A file was chosen or dropped.
    Chosen,
    /// It passed every check and is decoded.
    Passed,
    /// It failed a check.
    Refused,
    /// The user selected Upload picture (or Try the upload again).
    Upload,
    /// The JPEG to upload could not be made.
    NotPrepared,
    /// Part of the upload is sent: the percentage, when the browser knows it.
    Progress(Option<u8>),
    /// The backend saved the picture.
    Saved,
    /// The upload failed in a way worth retrying.
    Failed,
    /// The backend refused the picture: crop it again or choose another.
    Rejected,
    /// The user removed the draft's picture.
    Removed,
    /// The user cancelled the chosen picture.
    Cancelled,
}

impl Stage {
    /// The stage after `event`, or `None` when this stage ignores it: while
    /// uploading, nothing new is chosen, sent or cancelled, and progress counts
    /// only while uploading.
    pub fn next(self, event: Event) -> Option<Stage> {
        use Event as E;
        Some(match event {
            E::Chosen | E::Upload | E::Cancelled if self.uploading() => return None,
            E::Progress(_) if !self.uploading() => return None,
            E::Chosen => Stage::Checking,
            E::Passed | E::NotPrepared | E::Rejected => Stage::Ready,
            E::Refused | E::Cancelled => Stage::Idle,
            E::Upload => Stage::Sending(Some(0)),
            E::Progress(Some(100)) => Stage::Waiting,
            E::Progress(pct) => Stage::Sending(pct),
            E::Saved => Stage::Uploaded,
            E::Failed => Stage::Failed,
            E::Removed => Stage::Removed,
        })
    }

    /// Whether an upload is under way.
    pub fn uploading(self) -> bool {
        matches!(self, Stage::Sending(_) | Stage::Waiting)
    }

    /// The status line.
    pub fn words(self) -> &'static str {
        let t = &text().picture;
        match self {
            Stage::Checking => t.checking,
            Stage::Ready => t.ready,
            Stage::Sending(_) | Stage::Waiting => t.uploading,
            Stage::Uploaded => t.uploaded,
            Stage::Removed => t.removed,
            Stage::Idle | Stage::Failed => "",
        }
    }

    /// The upload button's label.
    pub fn upload_label(self) -> &'static str {
        let t = &text().picture;
        match self {
            Stage::Sending(_) | Stage::Waiting => t.upload_busy,
            Stage::Failed => t.upload_again,
            _ => t.upload,
        }
    }

    /// Beside the progress bar, while uploading.
    pub fn sent_words(self) -> String {
        let t = &text().picture;
        match self {
            Stage::Sending(Some(n)) => fill(t.sent, &[("percent", &n.to_string())]),
            Stage::Sending(None) => t.sending.to_string(),
            _ => t.waiting.to_string(),
        }
    }

    /// The progress bar's value; none while the browser cannot tell.
    pub fn sent_value(self) -> Option<String> {
        match self {
            Stage::Sending(Some(n)) => Some(n.to_string()),
            Stage::Waiting => Some("100".to_string()),
            _ => None,
        }
    }
}

/// The event and the field's message for a failed upload; `None` when the
/// field went away (cancelled), which nobody needs to be told.
pub fn after_error(e: &ApiError) -> Option<(Event, String)> {
    match e {
        ApiError::Cancelled => None,
        ApiError::Unauthorized => Some((Event::Failed, e.to_string())),
        ApiError::Network
        | ApiError::Timeout
        | ApiError::Server { .. }
        | ApiError::Conflict(_)
        | ApiError::RateLimited { .. } => Some((
            Event::Failed,
            fill(text().picture.upload_failed, &[("error", &e.to_string())]),
        )),
        other => Some((
            Event::Rejected,
            other
                .field(Field::PictureId.name())
                .unwrap_or_else(|| other.to_string()),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::error::{ErrorBody, ErrorCode, FieldError};

    const ALL: [Stage; 9] = [
        Stage::Idle,
        Stage::Checking,
        Stage::Ready,
        Stage::Sending(Some(0)),
        Stage::Sending(None),
        Stage::Waiting,
        Stage::Failed,
        Stage::Uploaded,
        Stage::Removed,
    ];

    #[test]
    fn a_picture_goes_from_chosen_to_uploaded() {
        let mut s = Stage::Idle;
        for (event, then) in [
            (Event::Chosen, Stage::Checking),
            (Event::Passed, Stage::Ready),
            (Event::Upload, Stage::Sending(Some(0))),
            (Event::Progress(Some(40)), Stage::Sending(Some(40))),
            (Event::Progress(None), Stage::Sending(None)),
            (Event::Progress(Some(100)), Stage::Waiting),
            (Event::Saved, Stage::Uploaded),
            (Event::Removed, Stage::Removed),
        ] {
            s = s.next(event).unwrap();
            assert_eq!(s, then, "after {event:?}");
        }
    }

    #[test]
    fn failures_lead_back_to_where_the_user_can_act() {
        assert_eq!(Stage::Checking.next(Event::Refused), Some(Stage::Idle));
        assert_eq!(Stage::Waiting.next(Event::Failed), Some(Stage::Failed));
        assert_eq!(
            Stage::Failed.next(Event::Upload),
            Some(Stage::Sending(Some(0)))
        );
        assert_eq!(
            Stage::Sending(None).next(Event::Rejected),
            Some(Stage::Ready)
        );
        assert_eq!(
            Stage::Sending(Some(0)).next(Event::NotPrepared),
            Some(Stage::Ready)
        );
        assert_eq!(Stage::Ready.next(Event::Cancelled), Some(Stage::Idle));
    }

    #[test]
    fn an_upload_under_way_is_not_interrupted() {
        for s in ALL {
            for event in [Event::Chosen, Event::Upload, Event::Cancelled] {
                assert_eq!(s.next(event).is_none(), s.uploading(), "{s:?} {event:?}");
            }
            // Late progress after the answer changes nothing.
            assert_eq!(s.next(Event::Progress(Some(50))).is_some(), s.uploading());
        }
    }

    #[test]
    fn words_and_labels() {
        assert_eq!(Stage::Idle.words(), "");
        assert_eq!(Stage::Waiting.words(), "Uploading profile picture…");
        assert_eq!(Stage::Failed.upload_label(), "Try the upload again");
        assert_eq!(Stage::Ready.upload_label(), "Upload picture");
        assert_eq!(Stage::Sending(Some(30)).sent_words(), "30% sent");
        assert_eq!(Stage::Sending(None).sent_words(), "Sending…");
        assert_eq!(Stage::Sending(None).sent_value(), None);
        assert_eq!(Stage::Waiting.sent_value().as_deref(), Some("100"));
    }

    #[test]
    fn errors_say_whether_to_retry() {
        assert!(after_error(&ApiError::Cancelled).is_none());
        let (event, message) = after_error(&ApiError::Network).unwrap();
        assert!(matches!(event, Event::Failed));
        assert!(message.starts_with("The upload failed: We could not reach the server."));
        let (event, message) = after_error(&ApiError::Unauthorized).unwrap();
        assert!(matches!(event, Event::Failed));
        assert_eq!(message, ApiError::Unauthorized.to_string());
        let mut body = ErrorBody::new(ErrorCode::Validation, "Check the picture");
        body.fields.push(FieldError::new(
            Field::PictureId,
            "Too small, says the server",
        ));
        let (event, message) = after_error(&ApiError::Validation(body)).unwrap();
        assert!(matches!(event, Event::Rejected));
        assert_eq!(message, "Too small, says the server");
    }
}
