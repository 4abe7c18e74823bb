//! The seventeen integration types the sandbox knows, by their wire names.
//!
//! The sandbox is its own authority on the API (it must not borrow the provider's catalog, so that
//! it can catch the provider's mistakes): this enum is written from the API documentation.

/// An integration type, as named in `integrationType` on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum IntegrationType {
    AwsSecurityHub,
    AwsSdl,
    AwsS3,
    AmazonSqs,
    AzureServiceBusQueue,
    Demisto,
    GoogleCscc,
    MicrosoftTeams,
    Okta,
    PagerDuty,
    Qualys,
    ServiceNow,
    Slack,
    Snowflake,
    Splunk,
    Tenable,
    Webhook,
}

/// (type, wire name, classic upper-case name, human name)
const NAMES: [(IntegrationType, &str, &str, &str); 17] = [
    (
        IntegrationType::AwsSecurityHub,
        "aws_security_hub",
        "AWS_SECURITY_HUB",
        "AWS Security Hub",
    ),
    (
        IntegrationType::AwsSdl,
        "aws_sdl",
        "AWS_SDL",
        "Amazon Security Lake",
    ),
    (IntegrationType::AwsS3, "aws_s3", "AWS_S3", "Amazon S3"),
    (
        IntegrationType::AmazonSqs,
        "amazon_sqs",
        "AMAZON_SQS",
        "Amazon SQS",
    ),
    (
        IntegrationType::AzureServiceBusQueue,
        "azure_service_bus_queue",
        "AZURE_SERVICE_BUS_QUEUE",
        "Azure Service Bus Queue",
    ),
    (
        IntegrationType::Demisto,
        "demisto",
        "DEMISTO",
        "Cortex XSOAR",
    ),
    (
        IntegrationType::GoogleCscc,
        "google_cscc",
        "GOOGLE_CSCC",
        "Google Cloud SCC",
    ),
    (
        IntegrationType::MicrosoftTeams,
        "microsoft_teams",
        "MICROSOFT_TEAMS",
        "Microsoft Teams",
    ),
    (IntegrationType::Okta, "okta", "OKTA", "Okta"),
    (
        IntegrationType::PagerDuty,
        "pager_duty",
        "PAGER_DUTY",
        "PagerDuty",
    ),
    (IntegrationType::Qualys, "qualys", "QUALYS", "Qualys"),
    (
        IntegrationType::ServiceNow,
        "service_now",
        "SERVICE_NOW",
        "ServiceNow",
    ),
    (IntegrationType::Slack, "slack", "SLACK", "Slack"),
    (
        IntegrationType::Snowflake,
        "snowflake",
        "SNOWFLAKE",
        "Snowflake",
    ),
    (IntegrationType::Splunk, "splunk", "SPLUNK", "Splunk"),
    (IntegrationType::Tenable, "tenable", "TENABLE", "Tenable"),
    (IntegrationType::Webhook, "webhook", "WEBHOOK", "Webhook"),
];

/// The alias the official Go client uses for Okta on the classic path.
const OKTA_ALIAS: &str = "okta_idp";

impl IntegrationType {
    /// Every type, in documentation order.
    pub(crate) fn all() -> impl Iterator<Item = IntegrationType> {
        NAMES.iter().map(|(ty, ..)| *ty)
    }

    /// Parses a wire name (lower case, as documented). `okta_idp` is accepted as `okta`.
    pub(crate) fn parse(wire: &str) -> Option<IntegrationType> {
        if wire == OKTA_ALIAS {
            return Some(IntegrationType::Okta);
        }
        NAMES
            .iter()
            .find(|(_, name, ..)| *name == wire)
            .map(|(ty, ..)| *ty)
    }

    fn row(self) -> &'static (IntegrationType, &'static str, &'static str, &'static str) {
        NAMES
            .iter()
            .find(|(ty, ..)| *ty == self)
            .expect("NAMES lists every IntegrationType variant")
    }

    /// The documented lower-case wire name (`okta`, never the alias).
    pub(crate) fn wire_name(self) -> &'static str {
        self.row().1
    }

    /// The upper-case spelling classic responses use.
    pub(crate) fn classic_name(self) -> &'static str {
        self.row().2
    }

    /// The product name, for human-readable messages.
    pub(crate) fn display_name(self) -> &'static str {
        self.row().3
    }

    /// Okta, Qualys and Tenable ("inbound" types) exist only on the classic path.
    pub(crate) fn classic_only(self) -> bool {
        matches!(
            self,
            IntegrationType::Okta | IntegrationType::Qualys | IntegrationType::Tenable
        )
    }

    /// Cortex XSOAR has no test call.
    pub(crate) fn testable(self) -> bool {
        self != IntegrationType::Demisto
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_round_trips_through_its_wire_name() {
        assert_eq!(IntegrationType::all().count(), 17);
        for ty in IntegrationType::all() {
            assert_eq!(IntegrationType::parse(ty.wire_name()), Some(ty));
            assert_eq!(ty.classic_name(), ty.wire_name().to_uppercase());
        }
    }

    #[test]
    fn okta_idp_is_an_alias_and_other_spellings_are_not_types() {
        assert_eq!(
            IntegrationType::parse("okta_idp"),
            Some(IntegrationType::Okta)
        );
        assert_eq!(IntegrationType::parse("SLACK"), None);
        assert_eq!(IntegrationType::parse("jira"), None);
        assert_eq!(IntegrationType::parse(""), None);
    }

    #[test]
    fn only_inbound_types_are_classic_only_and_only_demisto_is_untestable() {
        let classic: Vec<_> = IntegrationType::all()
            .filter(|t| t.classic_only())
            .map(IntegrationType::wire_name)
            .collect();
        assert_eq!(classic, ["okta", "qualys", "tenable"]);
        let untestable: Vec<_> = IntegrationType::all().filter(|t| !t.testable()).collect();
        assert_eq!(untestable, [IntegrationType::Demisto]);
    }
}
