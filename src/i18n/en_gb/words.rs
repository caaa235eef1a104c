//! The names of domain values: the profile's fields, Meta's categories, a
//! channel's states.

use crate::i18n::texts;

texts! {
    /// Fields, categories and states, as the pages name them.
    Words {
        field_channel_name: "Channel name",
        field_phone_country: "Country",
        field_phone_number: "Phone number",
        field_business_name: "Business name",
        field_category: "Category",
        field_tagline: "Tagline",
        field_description: "Description",
        field_contact_email: "Contact email",
        field_website: "Website URL",
        field_picture: "Profile picture",
        field_address: "Business address",
        category_auto: "Automotive",
        category_beauty: "Beauty, spa and salon",
        category_apparel: "Clothing and apparel",
        category_edu: "Education",
        category_entertain: "Entertainment",
        category_event_plan: "Event planning and service",
        category_finance: "Finance and banking",
        category_grocery: "Food and grocery",
        category_govt: "Public service",
        category_hotel: "Hotel and lodging",
        category_health: "Medical and health",
        category_nonprofit: "Non-profit",
        category_prof_services: "Professional services",
        category_retail: "Shopping and retail",
        category_travel: "Travel and transportation",
        category_restaurant: "Restaurant",
        category_alcohol: "Alcoholic beverages",
        category_online_gambling: "Online gambling and gaming",
        category_physical_gambling: "Non-online gambling and gaming",
        category_otc_drugs: "Over-the-counter drugs",
        category_other: "Other",
        state_requested: "Requested (Pending)",
        state_profile: "Profile",
        state_facebook_signup: "Facebook signup",
        state_number_registered: "Number registered",
        state_activation: "Activation by the provider",
        state_ready: "Ready",
    }
}
