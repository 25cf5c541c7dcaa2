use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;

/// Colours only for a person at a terminal: logs written to a file or a
/// pipe stay plain text, and `NO_COLOR` (no-color.org) turns them off too.
fn colour() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Human-readable logs by default, one JSON object per line when
/// `LOG_FORMAT=json` (for log shippers). `RUST_LOG` filters as usual.
pub fn init() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,actix_server=warn"));
    let json = std::env::var("LOG_FORMAT").is_ok_and(|format| format.eq_ignore_ascii_case("json"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(colour());
    if json {
        builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .init();
    } else {
        builder.init();
    }
}
