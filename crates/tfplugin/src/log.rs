//! Logs as Terraform wants them: one hclog-style JSON object per line on
//! stderr.
//!
//! Terraform reads a provider's stderr line by line; a line that parses as JSON
//! with `@level`, `@message` and `@timestamp` becomes a structured entry in its
//! own log (shown under `TF_LOG` / `TF_LOG_PROVIDER`), other keys becoming the
//! entry's arguments. Its parser requires the timestamp to have exactly six
//! fractional digits.
//!
//! The fields of the event and of every span around it are written as extra
//! keys, innermost winning. Whatever is logged may end up in a CI log:
//! never log a secret.

use std::fmt;
use std::io::Write as _;

use serde_json::{Map, Value};
use time::format_description::FormatItem;
use time::macros::format_description;
use tracing::field::{Field, Visit};
use tracing::level_filters::LevelFilter;
use tracing::span::{Attributes, Record};
use tracing::{Event, Id, Level, Subscriber};
use tracing_subscriber::filter::Targets;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::{Context, Layer, SubscriberExt as _};
use tracing_subscriber::registry::LookupSpan;

/// hclog's JSON timestamp layout, in UTC.
const TIMESTAMP: &[FormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z");

/// Crates whose debug and trace output is about transport internals (HTTP/2
/// frames, TLS records) rather than the provider: capped at `warn`.
const TRANSPORT_TARGETS: &[&str] = &[
    "h2",
    "hyper",
    "hyper_util",
    "tonic",
    "tower",
    "rustls",
    "tokio_rustls",
    "reqwest",
    "mio",
];

/// Installs the global subscriber: hclog JSON lines on stderr, `@module` set to
/// `module` (e.g. `"provider"`), level from [`level_from_env`].
///
/// Only the first call in a process has an effect.
pub fn init(module: &str) {
    let level = level_from_env(|name| std::env::var(name).ok());
    // An error only means a subscriber is already installed; keep that one.
    let _ = tracing::subscriber::set_global_default(subscriber(module, level, std::io::stderr));
    log_panics();
}

/// A panic is also logged as an error entry, so Terraform shows it at any log level (the
/// default hook's plain stderr text only appears at debug level and above).
fn log_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            tracing::error!(panic = %info, "the provider panicked");
            default_hook(info);
        }));
    });
}

/// The log level Terraform's settings ask of a provider: `TF_LOG_PROVIDER`,
/// else `TF_LOG`, read the way Terraform reads them (case-insensitive;
/// `JSON` means trace; an unrecognised value means trace). Neither set means
/// `info`: Terraform then discards provider logs anyway, and someone running
/// the provider by hand (`--debug`) sees the essentials.
pub fn level_from_env(lookup: impl Fn(&str) -> Option<String>) -> LevelFilter {
    let setting = ["TF_LOG_PROVIDER", "TF_LOG"]
        .into_iter()
        .filter_map(lookup)
        .map(|value| value.trim().to_ascii_uppercase())
        .find(|value| !value.is_empty());
    match setting.as_deref() {
        None => LevelFilter::INFO,
        Some("OFF") => LevelFilter::OFF,
        Some("ERROR") => LevelFilter::ERROR,
        Some("WARN") => LevelFilter::WARN,
        Some("INFO") => LevelFilter::INFO,
        Some("DEBUG") => LevelFilter::DEBUG,
        Some(_) => LevelFilter::TRACE,
    }
}

/// The whole subscriber: the level filter (with transport crates capped at
/// `warn`) and the hclog layer writing through `writer`.
fn subscriber<W>(module: &str, level: LevelFilter, writer: W) -> impl Subscriber + Send + Sync
where
    W: for<'w> MakeWriter<'w> + Send + Sync + 'static,
{
    let transport = level.min(LevelFilter::WARN);
    let filter = TRANSPORT_TARGETS
        .iter()
        .fold(Targets::new().with_default(level), |targets, target| {
            targets.with_target(*target, transport)
        });
    tracing_subscriber::registry().with(HclogLayer::new(module, writer).with_filter(filter))
}

/// A [`Layer`] writing each event as one hclog JSON line.
struct HclogLayer<W> {
    module: String,
    writer: W,
}

/// The fields recorded on a span, kept in its extensions until it closes.
struct SpanFields(Map<String, Value>);

impl<W> HclogLayer<W> {
    fn new(module: &str, writer: W) -> Self {
        Self {
            module: module.to_owned(),
            writer,
        }
    }
}

impl<S, W> Layer<S> for HclogLayer<W>
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    W: for<'w> MakeWriter<'w> + 'static,
{
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        if let Some(span) = ctx.span(id) {
            let mut fields = JsonFields::default();
            attrs.record(&mut fields);
            span.extensions_mut().insert(SpanFields(fields.map));
        }
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, ctx: Context<'_, S>) {
        if let Some(span) = ctx.span(id) {
            let mut extensions = span.extensions_mut();
            if let Some(SpanFields(map)) = extensions.get_mut::<SpanFields>() {
                let mut fields = JsonFields {
                    map: std::mem::take(map),
                    message: None,
                };
                values.record(&mut fields);
                *map = fields.map;
            }
        }
    }

    fn on_event(&self, event: &Event<'_>, ctx: Context<'_, S>) {
        let mut line = Map::new();
        if let Some(scope) = ctx.event_scope(event) {
            for span in scope.from_root() {
                if let Some(SpanFields(fields)) = span.extensions().get::<SpanFields>() {
                    line.extend(fields.iter().map(|(k, v)| (k.clone(), v.clone())));
                }
            }
        }
        let mut fields = JsonFields {
            map: line,
            message: None,
        };
        event.record(&mut fields);
        let mut line = fields.map;
        line.insert(
            "@level".into(),
            level_name(*event.metadata().level()).into(),
        );
        line.insert("@message".into(), fields.message.unwrap_or_default().into());
        line.insert("@module".into(), self.module.clone().into());
        line.insert("@timestamp".into(), timestamp().into());

        let mut text = Value::Object(line).to_string();
        text.push('\n');
        // A failed write to stderr has nowhere to be reported.
        let _ = self.writer.make_writer().write_all(text.as_bytes());
    }
}

fn level_name(level: Level) -> &'static str {
    match level {
        Level::TRACE => "trace",
        Level::DEBUG => "debug",
        Level::INFO => "info",
        Level::WARN => "warn",
        Level::ERROR => "error",
    }
}

fn timestamp() -> String {
    time::OffsetDateTime::now_utc()
        .format(TIMESTAMP)
        .unwrap_or_default()
}

/// Collects fields as JSON values; the `message` field is kept apart.
#[derive(Default)]
struct JsonFields {
    map: Map<String, Value>,
    message: Option<String>,
}

impl JsonFields {
    fn put(&mut self, field: &Field, value: Value) {
        if field.name() == "message" {
            self.message = Some(match value {
                Value::String(text) => text,
                other => other.to_string(),
            });
        } else {
            self.map.insert(field.name().to_owned(), value);
        }
    }
}

impl Visit for JsonFields {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.put(field, Value::String(format!("{value:?}")));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.put(field, Value::String(value.to_owned()));
    }

    fn record_bool(&mut self, field: &Field, value: bool) {
        self.put(field, Value::Bool(value));
    }

    fn record_i64(&mut self, field: &Field, value: i64) {
        self.put(field, Value::from(value));
    }

    fn record_u64(&mut self, field: &Field, value: u64) {
        self.put(field, Value::from(value));
    }

    fn record_f64(&mut self, field: &Field, value: f64) {
        self.put(field, Value::from(value));
    }

    /// Errors are written with their chain of causes, `outer: inner: ...`,
    /// skipping a cause whose text the message already ends with (many
    /// errors repeat their source in their own message).
    fn record_error(&mut self, field: &Field, value: &(dyn std::error::Error + 'static)) {
        let mut text = value.to_string();
        let mut source = value.source();
        while let Some(cause) = source {
            let cause_text = cause.to_string();
            if !text.ends_with(&cause_text) {
                text.push_str(": ");
                text.push_str(&cause_text);
            }
            source = cause.source();
        }
        self.put(field, Value::String(text));
    }
}

#[cfg(test)]
mod tests;
