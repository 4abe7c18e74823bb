use crate::catalog::{Check, Field, IntegrationType, Kind, Rule};

// The documentation's second example ("with a Shared Access String") repeats `accountId`; the
// table above it says `connectionString`, which is what such an integration needs. We follow the
// table: exactly one of `accountId` (service principal) or `connectionString` (shared access).
pub const ENTRY: IntegrationType = IntegrationType {
    name: "azure_service_bus_queue",
    wire_type: "azure_service_bus_queue",
    title: "Azure Service Bus Queue",
    summary: "Sends Prisma Cloud alerts to an Azure Service Bus queue, authorized either by the \
              service principal of an onboarded Azure account or by a shared access signature \
              connection string.",
    fields: &[
        Field::optional(
            "accountId",
            Kind::String,
            "Azure account ID with the service principal to which the Azure Service Bus queue \
             belongs. Set this or `connection_string`.",
        )
        .immutable(),
        Field::optional(
            "connectionString",
            Kind::String,
            "Azure Shared Access Signature connection string. Set this or `account_id`.",
        )
        .secret()
        .immutable(),
        Field::required(
            "queueUrl",
            Kind::String,
            "The URL configured in the Azure Service Bus queue where Prisma Cloud sends alerts.",
        )
        .checked(&[Check::HttpsUrl]),
    ],
    rules: &[Rule::ExactlyOne(&["accountId", "connectionString"])],
    testable: true,
    notes: &[
        "Only `queue_url` can change in place; any other change replaces the integration.",
        super::NO_CREATE_BEFORE_DESTROY,
    ],
};
