use crate::catalog::{Check, Field, IntegrationType, Kind};

pub const ENTRY: IntegrationType = IntegrationType {
    name: "slack",
    wire_type: "slack",
    title: "Slack",
    summary: "Posts Prisma Cloud alerts as instant messages to your Slack channels.",
    fields: &[Field::required(
        "webhookUrl",
        Kind::String,
        "Slack webhook URL, starting with `https://hooks.slack.com/`. It carries a token, so it \
         is treated as a secret.",
    )
    .secret()
    .checked(&[Check::Prefix("https://hooks.slack.com/"), Check::HttpsUrl])],
    rules: &[],
    testable: true,
    notes: &[],
};
