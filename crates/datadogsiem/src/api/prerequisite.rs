//! Entra ID's prerequisite (`GET /entra_id/azure_app_registrations`): the Azure App
//! Registrations Datadog discovered for the organization, and whether one has resource
//! collection enabled, which the Entra ID source needs.
//!
//! The answer: `{"data": {"id": <org>, "type": "entra_id_azure_app_registrations",
//! "attributes": {"azure_app_registrations": [{"client_id", "tenant_id",
//! "resource_collection_enabled", "subscription_count", "error_count"}],
//! "has_valid_prerequisite", "integration_id"?, "is_enabled"?, "subscribed_at"?}}}`.

use serde_json::Value as Json;

/// One Azure App Registration of the organization's Azure integration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppRegistration {
    pub client_id: String,
    pub tenant_id: String,
    pub resource_collection_enabled: bool,
    pub subscription_count: i64,
    pub error_count: i64,
}

/// What the prerequisite endpoint reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppRegistrations {
    /// Whether at least one registration has resource collection enabled.
    pub has_valid_prerequisite: bool,
    pub registrations: Vec<AppRegistration>,
    /// The Entra ID configuration's id, when one exists.
    pub integration_id: Option<String>,
}

/// Decodes the answer; `Err` says what is missing without quoting it.
pub fn decode(answer: &Json) -> Result<AppRegistrations, String> {
    let attributes = answer
        .pointer("/data/attributes")
        .and_then(Json::as_object)
        .ok_or("the answer has no data.attributes object")?;
    let has_valid_prerequisite = attributes
        .get("has_valid_prerequisite")
        .and_then(Json::as_bool)
        .ok_or("has_valid_prerequisite is missing")?;
    let registrations = match attributes.get("azure_app_registrations") {
        None | Some(Json::Null) => Vec::new(),
        Some(Json::Array(items)) => items.iter().map(registration).collect::<Result<_, _>>()?,
        Some(_) => return Err("azure_app_registrations is not a list".into()),
    };
    let integration_id = attributes
        .get("integration_id")
        .and_then(Json::as_str)
        .filter(|id| !id.is_empty())
        .map(str::to_owned);
    Ok(AppRegistrations {
        has_valid_prerequisite,
        registrations,
        integration_id,
    })
}

fn registration(item: &Json) -> Result<AppRegistration, String> {
    let text = |key: &str| {
        item.get(key)
            .and_then(Json::as_str)
            .map(str::to_owned)
            .ok_or_else(|| format!("an app registration has no {key}"))
    };
    let count = |key: &str| item.get(key).and_then(Json::as_i64).unwrap_or(0);
    Ok(AppRegistration {
        client_id: text("client_id")?,
        tenant_id: text("tenant_id")?,
        resource_collection_enabled: item
            .get("resource_collection_enabled")
            .and_then(Json::as_bool)
            .unwrap_or(false),
        subscription_count: count("subscription_count"),
        error_count: count("error_count"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn registrations_and_the_verdict() {
        let answer = json!({"data": {"id": "org", "type": "entra_id_azure_app_registrations",
            "attributes": {"has_valid_prerequisite": true, "integration_id": "",
                "azure_app_registrations": [{"client_id": "c", "tenant_id": "t",
                    "resource_collection_enabled": true, "subscription_count": 2}]}}});
        let found = decode(&answer).unwrap();
        assert!(found.has_valid_prerequisite);
        assert_eq!(found.integration_id, None);
        assert_eq!(found.registrations[0].subscription_count, 2);
        assert_eq!(found.registrations[0].error_count, 0);
        assert!(decode(&json!({"data": {"attributes": {}}})).is_err());
        let bad = json!({"data": {"attributes": {"has_valid_prerequisite": false,
            "azure_app_registrations": [{"tenant_id": "t"}]}}});
        assert_eq!(
            decode(&bad).unwrap_err(),
            "an app registration has no client_id"
        );
    }
}
