//! Starts the fake backend. `fake-backend --help` lists the options.

use fake_backend::{router, AppState, Config, FacebookConfig};
use std::net::SocketAddr;
use std::path::PathBuf;

const HELP: &str =
    "fake-backend: the onboarding API, dev mailbox and simulated Facebook dialog, on one machine

Options:
  --port N          listen on 127.0.0.1:N (default 3000)
  --app-url URL     where the app is served, for links in emails (default http://127.0.0.1:8080)
  --static-dir DIR  also serve the built app from DIR
  --example-host-dir DIR
                    serve the example portal from DIR under /portal (it mounts the app at
                    /portal/whatsapp), with its stand-in login POST /dev/portal-session
  --dialog-url URL  where the app finds the simulated Facebook dialog, which this backend
                    serves under /facebook (default http://localhost:PORT/facebook: another
                    origin than the app's http://127.0.0.1:..., as the real Facebook is)
  --test-mode       enable /api/test/* (reset, state, faults, clock, facebook); also
                    FAKE_BACKEND_TEST_MODE=1
  --handoff-hours N how long a link mailed to a colleague for the Facebook step works
                    (default 72); also FAKE_BACKEND_HANDOFF_HOURS=N
  --quiet           do not print mail on the console

The Facebook sign-up uses app id 1234567890123456, config id sim-config-1 and Graph API
v21.0, and returns to APP_URL/facebook/callback. Its one-time codes arrive in the dev mailbox.";

#[tokio::main]
async fn main() {
    let mut port: u16 = 3000;
    let mut config = Config {
        app_url: "http://127.0.0.1:8080".into(),
        test_mode: std::env::var("FAKE_BACKEND_TEST_MODE").is_ok_and(|v| v == "1"),
        static_dir: None,
        quiet: false,
        example_host_dir: None,
    };
    let mut dialog_url: Option<String> = None;
    let mut handoff_hours = std::env::var("FAKE_BACKEND_HANDOFF_HOURS")
        .ok()
        .map(|v| hours(&v, "FAKE_BACKEND_HANDOFF_HOURS"));
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .unwrap_or_else(|| fail(&format!("{name} needs a value")))
        };
        match arg.as_str() {
            "--port" => {
                port = value("--port")
                    .parse()
                    .unwrap_or_else(|_| fail("--port needs a number"))
            }
            "--app-url" => config.app_url = value("--app-url"),
            "--static-dir" => config.static_dir = Some(PathBuf::from(value("--static-dir"))),
            "--example-host-dir" => {
                config.example_host_dir = Some(PathBuf::from(value("--example-host-dir")))
            }
            "--dialog-url" => dialog_url = Some(value("--dialog-url")),
            "--test-mode" => config.test_mode = true,
            "--handoff-hours" => {
                handoff_hours = Some(hours(&value("--handoff-hours"), "--handoff-hours"))
            }
            "--quiet" => config.quiet = true,
            "--help" | "-h" => {
                println!("{HELP}");
                return;
            }
            other => fail(&format!("unknown option {other}")),
        }
    }
    let test_mode = config.test_mode;
    if test_mode && config.secure_cookies() {
        fail(
            "--test-mode (or FAKE_BACKEND_TEST_MODE=1) serves switches that need no login \
             (reset, state, faults, clock); it refuses an https --app-url, which means a \
             deployed app. Start it without test mode, or with an http app URL.",
        );
    }
    let mut facebook = FacebookConfig::local(port);
    if let Some(url) = dialog_url {
        facebook.dialog_url = url;
    }
    let dialog = format!(
        "{}/{}/dialog/oauth",
        facebook.dialog_url.trim_end_matches('/'),
        facebook.graph_api_version
    );
    let mut state = AppState::with_facebook(config, facebook).listening_on(port);
    if let Some(h) = handoff_hours {
        state = state.with_handoff_lifetime(h * 3600);
    }
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .unwrap_or_else(|e| fail(&format!("cannot listen on {addr}: {e}")));
    println!(
        "\nfake-backend listening on http://{addr}{}; dev mailbox at {}/dev/mailbox; \
         simulated Facebook dialog at {dialog}",
        if test_mode { " (test mode)" } else { "" },
        state.config.app_url
    );
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    if let Err(e) = axum::serve(
        listener,
        // The peer's address is the client the login limits count by.
        router(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
    {
        fail(&format!("server stopped: {e}"));
    }
}

/// A whole number of hours from 1 to 8760 (a year), or the process stops naming `name`.
fn hours(value: &str, name: &str) -> i64 {
    value
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|h| (1..=8760).contains(h))
        .unwrap_or_else(|| {
            fail(&format!(
                "{name} needs a whole number of hours from 1 to 8760"
            ))
        })
}

fn fail(message: &str) -> ! {
    eprintln!("fake-backend: {message}\n\n{HELP}");
    std::process::exit(2)
}
