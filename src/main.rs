//! Starts the app in the page's body.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(whatsapp_onboarding::App);
}
