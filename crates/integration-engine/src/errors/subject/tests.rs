use apiclient::ApiMessage;
use tfplugin::diag::AttributePath;
use tfplugin::value::Value;

use super::Attributes;
use crate::catalog::{Field, IntegrationType, Kind};
use crate::testing::CATALOG;

static QUEUE: IntegrationType = IntegrationType {
    name: "queue",
    wire_type: "QUEUE",
    title: "Queue",
    summary: "Sends to a queue.",
    fields: &[
        Field::required("queueUrl", Kind::String, "The queue."),
        Field::optional("authToken", Kind::String, "The token.").secret(),
        Field::optional(
            "headers",
            Kind::ObjectList(&[
                Field::required("key", Kind::String, "Name."),
                Field::required("value", Kind::String, "Value."),
            ]),
            "Headers.",
        ),
        Field::optional(
            "defaultRegion",
            Kind::Object(&[Field::required("apiIdentifier", Kind::String, "Code.")]),
            "Region.",
        ),
        Field::optional("labels", Kind::StringMap, "Labels."),
        Field::optional("tables", Kind::Flags(&["incident", "event"]), "Tables."),
    ],
    rules: &[],
    testable: true,
    notes: &[],
};

const PREFIXES: &[&str] = &["integrationConfig."];

fn resource(config: &Value) -> Attributes<'_> {
    Attributes::of_resource(&CATALOG, &QUEUE, PREFIXES, config)
}

fn path(text: &str) -> Option<String> {
    resource(&Value::Null).path_of(text).map(|p| p.to_string())
}

#[test]
fn wire_paths_name_attributes_prefixed_or_not() {
    assert_eq!(
        path("integrationConfig.queueUrl").as_deref(),
        Some("queue_url")
    );
    assert_eq!(path("queueUrl").as_deref(), Some("queue_url"));
    assert_eq!(path("name").as_deref(), Some("name"), "a frame key");
    assert_eq!(
        path("integrationConfig.headers[1].key").as_deref(),
        Some("headers[1].key")
    );
    assert_eq!(
        path("integrationConfig.defaultRegion.apiIdentifier").as_deref(),
        Some("default_region.api_identifier")
    );
    assert_eq!(
        path("integrationConfig.labels.team").as_deref(),
        Some("labels[\"team\"]")
    );
    // Terraform cannot point into a set: the attribute that holds it.
    assert_eq!(
        path("integrationConfig.tables[0].incident").as_deref(),
        Some("tables")
    );
    // Not a key of the catalog, or not a path at all (a name the API echoes).
    assert_eq!(path("integrationConfig.channel"), None);
    assert_eq!(
        path("integrationConfig.name"),
        None,
        "name is no config key"
    );
    assert_eq!(path("Slack alerts"), None);
    assert_eq!(path(""), None);
}

#[test]
fn a_secret_is_named_in_the_form_the_user_set() {
    let plain = Value::Object([("auth_token".to_string(), Value::string("t0k3n"))].into());
    let write_only = Value::Object(
        [
            ("auth_token".to_string(), Value::Null),
            ("auth_token_wo".to_string(), Value::string("t0k3n")),
        ]
        .into(),
    );
    let named = |config: &Value| {
        resource(config)
            .path_of("integrationConfig.authToken")
            .map(|p| p.to_string())
    };
    assert_eq!(named(&plain).as_deref(), Some("auth_token"));
    assert_eq!(named(&write_only).as_deref(), Some("auth_token_wo"));
    assert_eq!(named(&Value::Null).as_deref(), Some("auth_token"));
}

#[test]
fn texts_name_attributes_where_they_named_wire_paths() {
    let at = resource(&Value::Null);
    assert_eq!(
        at.in_terms(
            "integrationConfig.queueUrl must be an absolute http:// or https:// URL",
            Some("integrationConfig.queueUrl")
        ),
        "queue_url must be an absolute http:// or https:// URL"
    );
    assert_eq!(
        at.in_terms("queueUrl is required.", Some("queueUrl")),
        "queue_url is required."
    );
    // Other paths in the text too; unknown ones and words that merely contain a key stay.
    assert_eq!(
        at.in_terms(
            "integrationConfig.headers[0].key repeats integrationConfig.headers[1].key; \
             integrationConfig.channel is unknown; myqueueUrl stays.",
            Some("queueUrl")
        ),
        "headers[0].key repeats headers[1].key; integrationConfig.channel is unknown; \
         myqueueUrl stays."
    );
}

#[test]
fn a_message_reads_in_the_users_terms() {
    let at = resource(&Value::Null);
    let (line, attribute) = at.describe(
        &ApiMessage::new("invalid_parameter_value")
            .with_subject("integrationConfig.queueUrl")
            .with_text("integrationConfig.queueUrl must be an absolute http:// or https:// URL"),
    );
    assert_eq!(
        line,
        "queue_url must be an absolute http:// or https:// URL (invalid_parameter_value)"
    );
    assert_eq!(attribute, Some(AttributePath::root("queue_url")));

    let (line, _) = at.describe(
        &ApiMessage::new("invalid_parameter_value")
            .with_subject("integrationConfig.queueUrl")
            .with_text("must be an absolute URL"),
    );
    assert_eq!(
        line,
        "queue_url: must be an absolute URL (invalid_parameter_value)"
    );
    let (line, _) = at.describe(
        &ApiMessage::new("missing_required_parameter").with_subject("integrationConfig.queueUrl"),
    );
    assert_eq!(line, "missing_required_parameter (queue_url)");
    // A subject that is no attribute (the name the API found taken) stays as sent.
    let (line, attribute) = at
        .describe(&ApiMessage::new("integration_name_already_exists").with_subject("Slack alerts"));
    assert_eq!(line, "integration_name_already_exists (Slack alerts)");
    assert_eq!(attribute, None);
}

#[test]
fn a_data_source_names_its_config_attributes() {
    let shaped = Value::Null;
    let at = Attributes {
        base: AttributePath::root("config"),
        frame: false,
        ..resource(&shaped)
    };
    assert_eq!(
        at.path_of("integrationConfig.queueUrl")
            .map(|p| p.to_string())
            .as_deref(),
        Some("config.queue_url")
    );
    assert_eq!(
        at.path_of("name"),
        None,
        "no frame in a tested configuration"
    );
    assert_eq!(
        at.in_terms(
            "Connect: integrationConfig.queueUrl could not be reached.",
            None
        ),
        "Connect: config.queue_url could not be reached."
    );
}
