//! The source types the API knows, and the secrets each takes (the schema the API validates
//! since 2026-07).

use std::fmt;

/// An `integration_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SourceType {
    GoogleWorkspace,
    Okta,
    EntraId,
    Crowdstrike,
    Sentinelone,
}

/// What one secret key is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretShape {
    /// A non-empty string.
    Text,
    /// An e-mail address.
    Email,
    /// A Google Cloud service account key file: an object with `client_email`, `private_key`,
    /// `project_id` and `type` = `service_account` (other keys kept).
    KeyFile,
}

/// One secret key of a type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SecretKey {
    pub key: &'static str,
    pub shape: SecretShape,
    pub required: bool,
}

const fn required(key: &'static str, shape: SecretShape) -> SecretKey {
    SecretKey {
        key,
        shape,
        required: true,
    }
}

impl SourceType {
    pub const ALL: [SourceType; 5] = [
        SourceType::GoogleWorkspace,
        SourceType::Okta,
        SourceType::EntraId,
        SourceType::Crowdstrike,
        SourceType::Sentinelone,
    ];

    /// The wire name, e.g. `GOOGLE_WORKSPACE`.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceType::GoogleWorkspace => "GOOGLE_WORKSPACE",
            SourceType::Okta => "OKTA",
            SourceType::EntraId => "ENTRA_ID",
            SourceType::Crowdstrike => "CROWDSTRIKE",
            SourceType::Sentinelone => "SENTINELONE",
        }
    }

    /// The type of a wire name (exact: the API's enum is upper case).
    pub fn parse(text: &str) -> Option<SourceType> {
        SourceType::ALL.into_iter().find(|t| t.as_str() == text)
    }

    /// The one path segment the activate/deactivate routes take (`entra_id`, or the wire
    /// name in any case).
    pub fn parse_segment(text: &str) -> Option<SourceType> {
        SourceType::ALL
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(text))
    }

    /// The keys of its `secrets` object.
    pub fn secrets(self) -> &'static [SecretKey] {
        const GOOGLE_WORKSPACE: &[SecretKey] = &[
            required("service_account_json", SecretShape::KeyFile),
            SecretKey {
                key: "admin_email",
                shape: SecretShape::Email,
                required: false,
            },
        ];
        const TOKEN: &[SecretKey] = &[required("api_token", SecretShape::Text)];
        const CLIENT: &[SecretKey] = &[
            required("client_id", SecretShape::Text),
            required("client_secret", SecretShape::Text),
        ];
        match self {
            SourceType::GoogleWorkspace => GOOGLE_WORKSPACE,
            SourceType::Okta | SourceType::Sentinelone => TOKEN,
            SourceType::EntraId => &[],
            SourceType::Crowdstrike => CLIENT,
        }
    }

    /// The names of every type, for messages.
    pub fn names() -> String {
        SourceType::ALL.map(SourceType::as_str).join(", ")
    }
}

impl fmt::Display for SourceType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
