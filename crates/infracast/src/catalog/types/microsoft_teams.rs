//! Microsoft Teams (webhook-based): an incoming webhook URL plus event triggers. Wire keys and
//! the `type` string `microsoft_teams` are inferred.

use super::{event_triggers, events_description};
use crate::catalog::{Check, Field, IntegrationType, Kind};

pub const ENTRY: IntegrationType = IntegrationType {
    name: "microsoft_teams",
    // Inferred: the snake_case of the integration's name (the seed's "Microsoft Teams").
    wire_type: "microsoft_teams",
    title: "Microsoft Teams",
    summary: "Posts alert notifications to a Microsoft Teams channel through an incoming \
              webhook.",
    fields: &[
        Field::required(
            "webhook_url",
            Kind::String,
            "The incoming webhook URL generated in Teams. Anyone holding it can post to the \
             channel, so it is a secret.",
        )
        .secret()
        .checked(&[Check::HttpsUrl])
        .inferred("the Microsoft Teams page's \"Incoming webhook URL\" field"),
        event_triggers(
            events_description!("The events that send a notification."),
            "the Microsoft Teams page's \"Event triggers\" (the webhook's documented `events` \
             key)",
        ),
    ],
    rules: &[],
    testable: false,
    notes: &[],
};
