//! The provider's names and links ([`domain::brand::Brand`]), as context for
//! every page: the host page's, or, when it gives none, the backend's.

use crate::api::{self, Options};
use domain::brand::Brand;
use domain::endpoint;
use leptos::prelude::*;

/// The brand, as context.
#[derive(Debug, Clone, Copy)]
pub struct BrandContext(pub RwSignal<Brand>);

/// Words that name nobody, in the app's locale, for the moment before the brand
/// has arrived (and for names a host left out).
pub fn neutral() -> Brand {
    let t = &crate::i18n::text().common;
    Brand {
        product: t.brand_product.into(),
        partner: t.brand_partner.into(),
        messaging_platform: t.brand_messaging_platform.into(),
        configuration_manager: t.brand_configuration_manager.into(),
        support_url: String::new(),
        number_setup_url: String::new(),
        rates_url: String::new(),
    }
}

/// Provides the brand: `given` when the host page passed one, else the backend's
/// (neutral words until it arrives, and if it cannot be had).
pub fn provide(given: Option<Brand>) -> BrandContext {
    let fetch = given.is_none();
    let brand = BrandContext(RwSignal::new(given.unwrap_or_else(neutral)));
    provide_context(brand);
    if fetch {
        leptos::task::spawn_local(async move {
            if let Ok(b) = api::fetch_with(endpoint::BRAND, &[], Options::PUBLIC).await {
                brand.0.set(b);
            }
        });
    }
    brand
}

/// The brand, tracked: a view that reads it follows it.
pub fn use_brand() -> Signal<Brand> {
    let b = expect_context::<BrandContext>().0;
    Signal::derive(move || b.get())
}
