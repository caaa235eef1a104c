//! The "Profile picture" field: choose or drop a JPEG or PNG, crop it square,
//! downsize it to 640 × 640 in the browser and upload it with progress.

use domain::profile::{field, label};
use leptos::prelude::*;

/// The picture field of the profile's second page.
#[component]
pub fn ProfilePicture(
    /// The page's error for the field, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <div class="field" class:field--error=move || error.get().is_some()>
            <label class="label" for=field::PICTURE_ID>{label::PICTURE}</label>
            <div class="hint" id="picture_id-hint">"Optional. A square JPEG or PNG of at least 192 × 192 pixels, up to 5 MB."</div>
            <input class="file-input" type="file" id=field::PICTURE_ID accept="image/jpeg,image/png" aria-describedby="picture_id-hint"/>
        </div>
    }
}
