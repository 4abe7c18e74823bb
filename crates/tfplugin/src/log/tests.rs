//! The line format and the level settings.

use std::sync::{Arc, Mutex, PoisonError};

use tracing::{debug, error, info, info_span, trace, warn};

use super::*;

/// A writer keeping everything written, for inspection.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Capture {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'w> MakeWriter<'w> for Capture {
    type Writer = Capture;

    fn make_writer(&'w self) -> Self::Writer {
        self.clone()
    }
}

/// Runs `body` under a subscriber at `level` and returns the parsed lines.
fn lines_logged(level: LevelFilter, body: impl FnOnce()) -> Vec<Map<String, Value>> {
    let capture = Capture::default();
    tracing::subscriber::with_default(subscriber("provider", level, capture.clone()), body);
    let bytes = capture
        .0
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    let text = String::from_utf8(bytes).expect("UTF-8 output");
    assert!(text.is_empty() || text.ends_with('\n'), "{text:?}");
    text.lines()
        .map(|line| match serde_json::from_str(line) {
            Ok(Value::Object(map)) => map,
            other => panic!("not a JSON object: {line:?} ({other:?})"),
        })
        .collect()
}

/// Go's `2006-01-02T15:04:05.000000Z07:00` in UTC, digit by digit.
fn is_hclog_timestamp(text: &str) -> bool {
    let pattern = "dddd-dd-ddTdd:dd:dd.ddddddZ";
    text.len() == pattern.len()
        && text.chars().zip(pattern.chars()).all(|(c, p)| match p {
            'd' => c.is_ascii_digit(),
            other => c == other,
        })
}

#[test]
fn an_event_becomes_one_hclog_json_line() {
    let lines = lines_logged(LevelFilter::TRACE, || {
        info!(
            count = 3,
            name = "slack",
            enabled = true,
            "created {}",
            "integration"
        );
    });

    assert_eq!(lines.len(), 1);
    let line = &lines[0];
    assert_eq!(line["@level"], "info");
    assert_eq!(line["@message"], "created integration");
    assert_eq!(line["@module"], "provider");
    assert_eq!(line["count"], 3);
    assert_eq!(line["name"], "slack");
    assert_eq!(line["enabled"], true);
    let timestamp = line["@timestamp"].as_str().expect("timestamp is a string");
    assert!(is_hclog_timestamp(timestamp), "{timestamp}");
    assert!(!line.contains_key("message"));
}

#[test]
fn levels_use_hclog_names() {
    let lines = lines_logged(LevelFilter::TRACE, || {
        trace!("t");
        debug!("d");
        info!("i");
        warn!("w");
        error!("e");
    });

    let levels: Vec<_> = lines.iter().map(|line| line["@level"].clone()).collect();
    assert_eq!(levels, ["trace", "debug", "info", "warn", "error"]);
}

#[test]
fn span_fields_are_included_and_the_innermost_wins() {
    let lines = lines_logged(LevelFilter::TRACE, || {
        let outer = info_span!("rpc", tf_rpc = "ApplyResourceChange", attempt = 1);
        let _outer = outer.enter();
        let inner = info_span!(
            "call",
            attempt = 2,
            tf_resource_type = tracing::field::Empty
        );
        inner.record("tf_resource_type", "prismacloud_integration_slack");
        let _inner = inner.enter();
        info!(status = 200, "done");
    });

    let line = &lines[0];
    assert_eq!(line["tf_rpc"], "ApplyResourceChange");
    assert_eq!(line["tf_resource_type"], "prismacloud_integration_slack");
    assert_eq!(line["attempt"], 2);
    assert_eq!(line["status"], 200);
}

#[test]
fn events_below_the_level_are_dropped() {
    let lines = lines_logged(LevelFilter::WARN, || {
        info!("hidden");
        warn!("shown");
    });

    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["@message"], "shown");
}

#[test]
fn transport_crates_are_capped_at_warn() {
    let lines = lines_logged(LevelFilter::TRACE, || {
        debug!(target: "h2::codec", "frame");
        debug!(target: "rustls::server", "record");
        warn!(target: "hyper::proto", "connection trouble");
        debug!(target: "prismacloud::api", "request");
    });

    let messages: Vec<_> = lines.iter().map(|line| line["@message"].clone()).collect();
    assert_eq!(messages, ["connection trouble", "request"]);
}

#[test]
fn errors_are_written_with_their_causes_once() {
    #[derive(Debug, thiserror::Error)]
    #[error("cannot reach the API")]
    struct Outer(#[source] std::io::Error);
    #[derive(Debug, thiserror::Error)]
    #[error("configuration failed: {0}")]
    struct Repeating(#[source] std::io::Error);

    let lines = lines_logged(LevelFilter::TRACE, || {
        let refused = || std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "refused");
        let outer = Outer(refused());
        let repeating = Repeating(refused());
        error!(error = &outer as &dyn std::error::Error, "first");
        error!(error = &repeating as &dyn std::error::Error, "second");
    });

    assert_eq!(lines[0]["error"], "cannot reach the API: refused");
    assert_eq!(lines[1]["error"], "configuration failed: refused");
}

#[test]
fn debug_formatted_fields_are_strings() {
    let lines = lines_logged(LevelFilter::TRACE, || {
        info!(addr = ?std::net::Ipv4Addr::LOCALHOST, "listening");
    });

    assert_eq!(lines[0]["addr"], "127.0.0.1");
}

#[test]
fn level_follows_terraform_settings() {
    let cases: &[(Option<&str>, Option<&str>, LevelFilter)] = &[
        (None, None, LevelFilter::INFO),
        (None, Some(""), LevelFilter::INFO),
        (None, Some("debug"), LevelFilter::DEBUG),
        (None, Some("TRACE"), LevelFilter::TRACE),
        (None, Some("JSON"), LevelFilter::TRACE),
        (None, Some("Warn"), LevelFilter::WARN),
        (None, Some("error"), LevelFilter::ERROR),
        (None, Some("off"), LevelFilter::OFF),
        (None, Some("verbose"), LevelFilter::TRACE),
        (Some("error"), Some("trace"), LevelFilter::ERROR),
        (Some(""), Some("debug"), LevelFilter::DEBUG),
        (Some("off"), Some("trace"), LevelFilter::OFF),
    ];
    for (provider, global, expected) in cases {
        let level = level_from_env(|name| match name {
            "TF_LOG_PROVIDER" => provider.map(str::to_owned),
            "TF_LOG" => global.map(str::to_owned),
            _ => None,
        });
        assert_eq!(
            level, *expected,
            "TF_LOG_PROVIDER={provider:?} TF_LOG={global:?}"
        );
    }
}
