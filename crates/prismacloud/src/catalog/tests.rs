//! The Prisma Cloud catalog: the engine's lint finds nothing, and the entries say what the API
//! documentation says.

use std::collections::BTreeSet;

use super::*;

#[test]
fn the_catalog_passes_the_engines_lint() {
    let problems = integration_engine::catalog::lint(&CATALOG);
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn every_documented_type_is_there_once() {
    let names: Vec<&str> = ALL.iter().map(|t| t.name).collect();
    let unique: BTreeSet<&str> = names.iter().copied().collect();
    assert_eq!(names.len(), unique.len(), "duplicate type in {names:?}");
    let documented = [
        "aws_security_hub",
        "aws_sdl",
        "aws_s3",
        "amazon_sqs",
        "azure_service_bus_queue",
        "demisto",
        "google_cscc",
        "microsoft_teams",
        "okta",
        "pager_duty",
        "qualys",
        "service_now",
        "slack",
        "snowflake",
        "splunk",
        "tenable",
        "webhook",
    ];
    assert_eq!(unique, documented.into_iter().collect::<BTreeSet<_>>());
    assert!(find("slack").is_some() && find("nope").is_none());
}

#[test]
fn documented_mutability_and_defaults() {
    let immutable = |ty: &str| -> BTreeSet<&str> {
        find(ty)
            .unwrap()
            .fields
            .iter()
            .filter(|f| f.mutability == Mutability::ForcesReplacement)
            .map(|f| f.key)
            .collect()
    };
    assert_eq!(immutable("service_now"), ["hostUrl"].into());
    for ty in ["amazon_sqs", "azure_service_bus_queue"] {
        let t = find(ty).unwrap();
        let others: BTreeSet<&str> = t
            .fields
            .iter()
            .map(|f| f.key)
            .filter(|k| *k != "queueUrl")
            .collect();
        assert_eq!(immutable(ty), others, "{ty}");
    }
    for t in ALL {
        if !["service_now", "amazon_sqs", "azure_service_bus_queue"].contains(&t.name) {
            assert!(immutable(t.name).is_empty(), "{}", t.name);
        }
    }
    let default = |ty: &str, key: &str| find(ty).unwrap().field(key).unwrap().default();
    assert_eq!(
        default("aws_s3", "rollUpInterval"),
        Some(DefaultValue::Integer(60))
    );
    assert_eq!(
        default("snowflake", "rollUpInterval"),
        Some(DefaultValue::Integer(60))
    );
    assert_eq!(
        default("splunk", "sourceType"),
        Some(DefaultValue::String("_json"))
    );
    assert_eq!(
        default("amazon_sqs", "moreInfo"),
        Some(DefaultValue::Bool(false))
    );
    assert_eq!(
        default("webhook", "isCustomPayloadEnabled"),
        Some(DefaultValue::Bool(false))
    );
    assert!(!find("demisto").unwrap().testable);
    assert!(ALL.iter().filter(|t| !t.testable).count() == 1);
}

/// What a key holds, as a reviewer would judge it from its name and description: the kinds of
/// value that must be checked at plan time, because the API refuses a wrong one only at apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Valued {
    /// A URL, URI or host (name, domain, endpoint).
    Address,
    Arn,
    Region,
    /// One of a fixed set of values.
    Enum,
}

impl Valued {
    /// Whether `checks` (on a field of `kind`) verify a value of this sort. `NotEmpty`, a
    /// prefix or the mere absence of a scheme do not: `"not a url at all"` passes them.
    fn is_checked_by(self, kind: &Kind, checks: &[Check]) -> bool {
        let fits = |c: &Check| match self {
            Valued::Address => matches!(
                c,
                Check::HttpsUrl | Check::HostOrUrl | Check::Host | Check::S3Uri
            ),
            Valued::Arn => matches!(c, Check::RoleArn),
            Valued::Region => matches!(c, Check::AwsRegion | Check::OneOf(_)),
            Valued::Enum => matches!(c, Check::OneOf(_) | Check::OneOfInteger(_)),
        };
        (self == Valued::Enum && matches!(kind, Kind::Flags(_))) || checks.iter().any(fits)
    }
}

/// Lowercase words of a text.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect()
}

/// What `field` holds, when it is one of the sorts that must be checked.
fn valued(field: &Field) -> Option<Valued> {
    if !matches!(
        field.kind,
        Kind::String | Kind::StringSet | Kind::Integer | Kind::Flags(_)
    ) {
        return None;
    }
    let key = words(&field.attribute());
    let text = field.description.to_ascii_lowercase();
    let said = words(field.description);
    let key_has = |list: &[&str]| key.iter().any(|w| list.contains(&w.as_str()));
    let text_has = |list: &[&str]| said.iter().any(|w| list.contains(&w.as_str()));
    let last = key.last().map(String::as_str).unwrap_or_default();
    if key_has(&["arn"]) || text_has(&["arn"]) {
        Some(Valued::Arn)
    } else if key_has(&["region"]) || (text_has(&["region"]) && text_has(&["identifier", "code"])) {
        Some(Valued::Region)
    } else if key_has(&[
        "url", "urls", "uri", "host", "hostname", "endpoint", "webhook", "domain", "fqdn",
    ]) || text_has(&["url", "uri", "fqdn"])
    {
        Some(Valued::Address)
    } else if [
        "type", "version", "mode", "kind", "level", "severity", "interval", "protocol", "format",
    ]
    .contains(&last)
        || ["possible values", "valid values", "one of", "any of"]
            .iter()
            .any(|p| text.contains(p))
    {
        Some(Valued::Enum)
    } else {
        None
    }
}

/// Keys that look like one of those sorts but take any value, each with the reason.
const FREE_FORM: &[(&str, &str, &str)] = &[(
    "splunk",
    "sourceType",
    "a Splunk source type is whatever name the Splunk admin gave it (`_json` by default)",
)];

/// Every key of `fields` (nested ones by their path) that holds a value of a checked sort
/// without a check that verifies it: `type.path (sort)`.
fn unchecked(owner: &str, prefix: &str, fields: &[Field], out: &mut Vec<String>) {
    for f in fields {
        let at = format!("{prefix}{}", f.key);
        if let Kind::Object(inner) | Kind::ObjectList(inner) = f.kind {
            unchecked(owner, &format!("{at}."), inner, out);
        }
        let free = FREE_FORM.iter().any(|(t, k, _)| *t == owner && *k == at);
        if let Some(sort) = valued(f).filter(|s| !free && !s.is_checked_by(&f.kind, f.checks)) {
            out.push(format!("{owner}.{at} ({sort:?})"));
        }
    }
}

fn every_unchecked(types: &[&IntegrationType]) -> Vec<String> {
    let mut out = Vec::new();
    unchecked("frame", "", CATALOG.frame, &mut out);
    for t in types {
        unchecked(t.name, "", t.fields, &mut out);
    }
    out
}

#[test]
fn every_url_arn_region_and_enum_key_is_checked_at_plan_time() {
    let missing = every_unchecked(ALL);
    assert!(
        missing.is_empty(),
        "these keys hold a URL, host, ARN, region or one of fixed values, but no check verifies \
         it at plan time (NotEmpty, Prefix and NoScheme do not), so a wrong value fails only at \
         apply. Give each a check (Check::HttpsUrl, HostOrUrl, Host, S3Uri, RoleArn, AwsRegion, \
         OneOf, OneOfInteger), or list it in FREE_FORM with the reason:\n{missing:#?}"
    );
    for (ty, key, why) in FREE_FORM {
        let field = find(ty).and_then(|t| t.field(key));
        assert!(
            field.is_some_and(|f| valued(f).is_some()),
            "FREE_FORM names {ty}.{key} ({why}), which is not a key that needs the exemption"
        );
    }
}

/// The audit itself: a queue URL checked only for emptiness (the Amazon SQS and Azure Service
/// Bus entries before plan-time URL checks) is reported, and the other sorts are recognized.
#[test]
fn the_audit_catches_keys_checked_only_for_emptiness() {
    static GAPS: IntegrationType = IntegrationType {
        name: "gaps",
        wire_type: "gaps",
        title: "Gaps",
        summary: "Keys without the checks they need.",
        fields: &[
            Field::required(
                "queueUrl",
                Kind::String,
                "The queue URL you used when you configured Prisma Cloud in Amazon SQS.",
            )
            .checked(&[Check::NotEmpty]),
            Field::required("baseUrl", Kind::String, "Without `https://`.")
                .checked(&[Check::NoScheme]),
            Field::required("domain", Kind::String, "Okta domain name."),
            Field::required("target", Kind::String, "The receiver's URL."),
            Field::optional("roleArn", Kind::String, "Role ARN."),
            Field::required("region", Kind::String, "AWS region.").checked(&[Check::NotEmpty]),
            Field::required(
                "zone",
                Kind::ObjectList(&[Field::required(
                    "apiIdentifier",
                    Kind::String,
                    "Region API identifier, e.g. `us-east-1`.",
                )]),
                "Zones.",
            ),
            Field::required("cloudType", Kind::String, "Cloud type, e.g. `aws`."),
            Field::required("level", Kind::Integer, "Possible values: 1, 2."),
            Field::required("login", Kind::String, "A login, not an address."),
        ],
        rules: &[],
        testable: true,
        notes: &[],
    };
    assert_eq!(
        every_unchecked(&[&GAPS]),
        [
            "gaps.queueUrl (Address)",
            "gaps.baseUrl (Address)",
            "gaps.domain (Address)",
            "gaps.target (Address)",
            "gaps.roleArn (Arn)",
            "gaps.region (Region)",
            "gaps.zone.apiIdentifier (Region)",
            "gaps.cloudType (Enum)",
            "gaps.level (Enum)",
        ]
    );
}

/// Where a change replaces an integration, its page says that `create_before_destroy` cannot
/// work (names are unique) and what to do instead.
#[test]
fn replacing_types_say_create_before_destroy_cannot_work() {
    for t in ALL {
        let says = t.notes.iter().any(|n| {
            n.contains("create_before_destroy") && n.contains("unique") && n.contains("`name`")
        });
        assert_eq!(says, t.has_immutable_fields(), "{}", t.name);
    }
}
