//! String formats: URLs, IAM role ARNs, S3 URIs, UUIDs and the like.
//!
//! Each check says why a value is wrong in words that never repeat the value (it may be a
//! secret, as a Slack webhook URL is).

use std::net::{Ipv4Addr, Ipv6Addr};

use crate::error::keys;

use super::spec::Format;

/// Why a string does not follow its format: an i18n key and a sentence ending the phrase
/// "`<key>` ...".
pub(crate) type FormatError = (&'static str, &'static str);

/// Checks `value` against `format`.
pub(crate) fn check(format: Format, value: &str) -> Result<(), FormatError> {
    let ok = match format {
        Format::Any => true,
        Format::HttpUrl => is_http_url(value),
        Format::SlackWebhook => {
            return if value.starts_with("https://hooks.slack.com/") && is_http_url(value) {
                Ok(())
            } else {
                Err((
                    keys::INVALID_SLACK_WEBHOOK_URL,
                    "must be a Slack webhook URL starting with https://hooks.slack.com/",
                ))
            };
        }
        Format::NoScheme => is_bare_host(value),
        Format::HostOrHttpUrl => {
            if value.contains("://") {
                is_http_url(value)
            } else {
                is_bare_host(value)
            }
        }
        Format::AwsRegion => is_aws_region(value),
        Format::IamRoleArn => is_iam_role_arn(value),
        Format::S3Uri => is_s3_uri(value),
        Format::Uuid => value.len() == 36 && uuid::Uuid::try_parse(value).is_ok(),
        Format::DemistoVersion => matches!(value, "6.0" | "8.0"),
    };
    if ok {
        Ok(())
    } else {
        Err((keys::INVALID_VALUE, description(format)))
    }
}

fn description(format: Format) -> &'static str {
    match format {
        Format::Any => "is invalid",
        Format::HttpUrl => "must be an absolute http:// or https:// URL",
        Format::SlackWebhook => "must start with https://hooks.slack.com/",
        Format::NoScheme => {
            "must be a host name or IP address (a port and a path may follow) without http:// \
             or https://"
        }
        Format::HostOrHttpUrl => {
            "must be a host name or IP address (a port and a path may follow), or an absolute \
             http:// or https:// URL"
        }
        Format::AwsRegion => "must be an AWS region code such as us-east-1",
        Format::IamRoleArn => {
            "must be an IAM role ARN (arn:<partition>:iam::<12 digits>:role/<name>)"
        }
        Format::S3Uri => "must be s3://bucket/ or s3://bucket/folder/ (with the trailing slash)",
        Format::Uuid => "must be a UUID (8-4-4-4-12 hexadecimal digits)",
        Format::DemistoVersion => "must be \"6.0\" or \"8.0\"",
    }
}

fn is_http_url(value: &str) -> bool {
    match url::Url::parse(value) {
        Ok(url) => {
            matches!(url.scheme(), "http" | "https")
                && url.host_str().is_some_and(|h| !h.is_empty())
        }
        Err(_) => false,
    }
}

/// `host[:port][/path]` with no scheme, credentials, query or fragment. The host is an IPv4
/// address, a bracketed IPv6 address, or a DNS name whose labels are letters, digits and inner
/// hyphens and whose last label is not a number.
fn is_bare_host(value: &str) -> bool {
    let forbidden = |c: char| c.is_whitespace() || c.is_control() || "@?#\\".contains(c);
    if value.contains("://") || value.chars().any(forbidden) {
        return false;
    }
    let authority = match value.find('/') {
        Some(slash) => &value[..slash],
        None => value,
    };
    let host = match authority.strip_prefix('[') {
        Some(bracketed) => {
            let Some((address, after)) = bracketed.split_once(']') else {
                return false;
            };
            return address.parse::<Ipv6Addr>().is_ok() && port_ok(after);
        }
        None => match authority.split_once(':') {
            Some((host, port)) => {
                if !port_ok(&format!(":{port}")) {
                    return false;
                }
                host
            }
            None => authority,
        },
    };
    let name = host.strip_suffix('.').unwrap_or(host);
    let labels: Vec<&str> = name.split('.').collect();
    let numeric = |label: &&str| label.bytes().all(|b| b.is_ascii_digit());
    if labels.last().is_some_and(numeric) {
        return name.parse::<Ipv4Addr>().is_ok();
    }
    name.len() <= 253
        && labels.iter().all(|label| {
            let chars: Vec<char> = label.chars().collect();
            (1..=63).contains(&chars.len())
                && chars.iter().all(|c| c.is_alphanumeric() || *c == '-')
                && chars.first() != Some(&'-')
                && chars.last() != Some(&'-')
        })
}

/// Nothing, or `:` and a port number from 1 to 65535.
fn port_ok(rest: &str) -> bool {
    match rest.strip_prefix(':') {
        None => rest.is_empty(),
        Some(port) => {
            port.bytes().all(|b| b.is_ascii_digit())
                && port.parse::<u32>().is_ok_and(|p| (1..=65535).contains(&p))
        }
    }
}

/// An AWS region code: a 2-to-4-letter area (`us`, `eusc`), one or more lowercase words
/// (`gov`, `west`), then a number (`us-gov-west-1`).
fn is_aws_region(value: &str) -> bool {
    let segments: Vec<&str> = value.split('-').collect();
    let lowercase = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase());
    match segments.as_slice() {
        [area, words @ .., number] if !words.is_empty() => {
            (2..=4).contains(&area.len())
                && lowercase(area)
                && words.iter().all(|w| lowercase(w))
                && matches!(number.len(), 1 | 2)
                && number.bytes().all(|b| b.is_ascii_digit())
        }
        _ => false,
    }
}

fn is_iam_role_arn(value: &str) -> bool {
    let parts: Vec<&str> = value.splitn(6, ':').collect();
    let [arn, partition, service, region, account, resource] = parts.as_slice() else {
        return false;
    };
    let Some(name) = resource.strip_prefix("role/") else {
        return false;
    };
    *arn == "arn"
        && !partition.is_empty()
        && partition
            .chars()
            .all(|c| c.is_ascii_lowercase() || c == '-')
        && *service == "iam"
        && region.is_empty()
        && account.len() == 12
        && account.chars().all(|c| c.is_ascii_digit())
        && !name.is_empty()
        && !name.ends_with('/')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+=,.@_-/".contains(c))
}

fn is_s3_uri(value: &str) -> bool {
    let Some(rest) = value.strip_prefix("s3://") else {
        return false;
    };
    let Some(path) = rest.strip_suffix('/') else {
        return false;
    };
    let mut segments = path.split('/');
    let bucket = segments.next().unwrap_or_default();
    let bucket_ok = (3..=63).contains(&bucket.len())
        && bucket
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-')
        && bucket.starts_with(|c: char| c.is_ascii_alphanumeric())
        && bucket.ends_with(|c: char| c.is_ascii_alphanumeric());
    bucket_ok && segments.all(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_accept_and_reject() {
        let cases: &[(Format, &str, bool)] = &[
            (Format::HttpUrl, "https://example.com/x", true),
            (Format::HttpUrl, "http://10.0.0.1:8088/services", true),
            (Format::HttpUrl, "example.com/x", false),
            (Format::HttpUrl, "ftp://example.com", false),
            (
                Format::SlackWebhook,
                "https://hooks.slack.com/services/T/B/X",
                true,
            ),
            (
                Format::SlackWebhook,
                "http://hooks.slack.com/services/T",
                false,
            ),
            (
                Format::SlackWebhook,
                "https://hooks.slack.com.evil.example/",
                false,
            ),
            (Format::NoScheme, "qualysapi.qualys.com", true),
            (Format::NoScheme, "example.okta.com.", true),
            (Format::NoScheme, "10.1.2.3:8443/api", true),
            (Format::NoScheme, "[2001:db8::1]:443", true),
            (Format::NoScheme, "https://qualysapi.qualys.com", false),
            (Format::NoScheme, "HTTP://qualysapi.qualys.com", false),
            (Format::NoScheme, "not a url at all", false),
            (Format::NoScheme, "under_score.example.com", false),
            (Format::NoScheme, "-dash.example.com", false),
            (Format::NoScheme, "admin@qualysapi.qualys.com", false),
            (Format::NoScheme, "qualysapi.qualys.com?x=1", false),
            (Format::NoScheme, "qualysapi.qualys.com:0", false),
            (Format::NoScheme, "qualysapi.qualys.com:70000", false),
            (Format::NoScheme, "999.1.1.1", false),
            (Format::NoScheme, "[not-v6]", false),
            (Format::HostOrHttpUrl, "dev1.service-now.com", true),
            (Format::HostOrHttpUrl, "https://dev1.service-now.com", true),
            (Format::HostOrHttpUrl, "http://xsoar.internal:8080", true),
            (Format::HostOrHttpUrl, "https://not a url at all", false),
            (Format::HostOrHttpUrl, "not a url at all", false),
            (Format::HostOrHttpUrl, "ftp://dev1.service-now.com", false),
            (Format::AwsRegion, "us-east-1", true),
            (Format::AwsRegion, "us-gov-west-1", true),
            (Format::AwsRegion, "eusc-de-east-1", true),
            (Format::AwsRegion, "us-east-1a", false),
            (Format::AwsRegion, "US East (N. Virginia)", false),
            (Format::AwsRegion, "us-east", false),
            (Format::AwsRegion, "Us-east-1", false),
            (
                Format::IamRoleArn,
                "arn:aws:iam::123456789012:role/prisma",
                true,
            ),
            (
                Format::IamRoleArn,
                "arn:aws-us-gov:iam::123456789012:role/path/to/r-1",
                true,
            ),
            (
                Format::IamRoleArn,
                "arn:aws:iam::12345678901:role/short-account",
                false,
            ),
            (
                Format::IamRoleArn,
                "arn:aws:iam::123456789012:user/bob",
                false,
            ),
            (Format::IamRoleArn, "arn:aws:s3:::bucket", false),
            (Format::IamRoleArn, "arn:aws:iam::123456789012:role/", false),
            (Format::S3Uri, "s3://my-bucket/", true),
            (Format::S3Uri, "s3://my-bucket/folder/", true),
            (Format::S3Uri, "s3://my-bucket/a/b/", true),
            (Format::S3Uri, "s3://my-bucket", false),
            (Format::S3Uri, "s3://my-bucket/folder", false),
            (Format::S3Uri, "s3://my-bucket//", false),
            (Format::S3Uri, "https://my-bucket/", false),
            (Format::S3Uri, "s3://My_Bucket/", false),
            (Format::Uuid, "2f1b4c1e-9a76-4c8e-8f39-8f5a1d2e3b4c", true),
            (Format::Uuid, "2f1b4c1e9a764c8e8f398f5a1d2e3b4c", false),
            (Format::Uuid, "not-a-uuid", false),
            (Format::DemistoVersion, "6.0", true),
            (Format::DemistoVersion, "8.0", true),
            (Format::DemistoVersion, "7.0", false),
        ];
        for (format, value, ok) in cases {
            assert_eq!(check(*format, value).is_ok(), *ok, "{format:?} {value}");
        }
    }

    #[test]
    fn slack_errors_use_their_own_key() {
        assert_eq!(
            check(Format::SlackWebhook, "https://example.com").map_err(|e| e.0),
            Err(keys::INVALID_SLACK_WEBHOOK_URL)
        );
        assert_eq!(
            check(Format::Uuid, "x").map_err(|e| e.0),
            Err(keys::INVALID_VALUE)
        );
    }
}
