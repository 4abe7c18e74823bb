//! Slack (webhook-based): an incoming webhook URL plus event triggers. Wire keys and the `type`
//! string `slack` are inferred.

use super::{event_triggers, events_description};
use crate::catalog::{Check, Field, IntegrationType, Kind};

pub const ENTRY: IntegrationType = IntegrationType {
    name: "slack",
    // Inferred: the lowercase name of the integration (the seed's "Slack").
    wire_type: "slack",
    title: "Slack",
    summary: "Posts alert notifications and discovery events to a Slack channel through an \
              incoming webhook.",
    fields: &[
        Field::required(
            "webhook_url",
            Kind::String,
            "The incoming webhook URL generated in Slack (`https://hooks.slack.com/services/...`). \
             Anyone holding it can post to the channel, so it is a secret.",
        )
        .secret()
        .checked(&[Check::HttpsUrl])
        .inferred("the Slack page's \"Incoming webhook URL\" field"),
        event_triggers(
            events_description!("The events that send a notification."),
            "the Slack page's \"Event triggers\" (the webhook's documented `events` key)",
        ),
    ],
    rules: &[],
    testable: false,
    notes: &[],
};
