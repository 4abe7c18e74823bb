use super::ROLL_UP_INTERVAL;
use crate::catalog::{Check, Field, IntegrationType, Kind};

// The documentation contradicts itself: its table describes `hostUrl` as the "Snowflake user
// name", while its example requests send both `hostUrl` and `username`. A Snowflake connection
// needs both an account URL and a user, so we offer both: `host_url` (required, the account URL)
// and `username` (optional, sent when set).
pub const ENTRY: IntegrationType = IntegrationType {
    name: "snowflake",
    wire_type: "snowflake",
    title: "Snowflake",
    summary: "Sends Prisma Cloud alerts to Snowflake through Snowpipe, staged in an Amazon S3 \
              integration.",
    fields: &[
        Field::required(
            "hostUrl",
            Kind::String,
            "Snowflake account URL. (The API documentation describes this key as the Snowflake \
             user name; use `username` for the user.)",
        )
        .checked(&[Check::HostOrUrl]),
        Field::optional("username", Kind::String, "Snowflake user name."),
        Field::required("pipename", Kind::String, "Snowpipe name.").checked(&[Check::NotEmpty]),
        Field::required(
            "stagingIntegrationId",
            Kind::String,
            "Integration ID of the staging Amazon S3 integration.",
        )
        .checked(&[Check::NotEmpty]),
        Field::required("privateKey", Kind::String, "Snowflake user private key.").secret(),
        Field::optional(
            "passphrase",
            Kind::String,
            "Private key passphrase, for encrypted keys.",
        )
        .secret(),
        ROLL_UP_INTERVAL,
    ],
    rules: &[],
    testable: true,
    notes: &[],
};
