//! Create, read, list, update and delete, as the API documents them.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::support::{key_file, okta, start};

#[tokio::test]
async fn create_answers_200_with_the_id_on_data_and_no_secrets() {
    let s = start().await;
    let item = s.create(okta("Okta users", "tok-SECRET-1")).await;
    let id = item["id"].as_str().unwrap();
    assert_eq!(item["type"], "integration_config");
    let attributes = &item["attributes"];
    assert_eq!(attributes.get("id"), None);
    assert_eq!(
        attributes["enabled"], true,
        "a create takes no enabled: born enabled"
    );
    assert_eq!(attributes["state"], "valid");
    assert_eq!(attributes["integration_type"], "OKTA");
    assert_eq!(attributes["settings"], json!({}));
    assert_eq!(attributes["created_at"], attributes["modified_at"]);
    assert_eq!(attributes.get("secrets"), None);

    let read = s.get(&format!("/{id}")).await;
    assert_eq!(read.status, StatusCode::OK);
    assert_eq!(read.body["data"], item);
    let listed = s.get("").await;
    assert_eq!(listed.body["data"], json!([item]));
    for text in [read.body.to_string(), listed.body.to_string()] {
        assert!(!text.contains("tok-SECRET-1"), "{text}");
    }
    let stored = s.sandbox.state().config_item(id).unwrap();
    assert_eq!(stored["attributes"]["secrets"]["api_token"], "tok-SECRET-1");
}

#[tokio::test]
async fn the_list_filters_by_type_and_keeps_creation_order() {
    let s = start().await;
    s.create(okta("first", "t1")).await;
    s.create(json!({"name": "entra", "domain": "example.onmicrosoft.com",
                    "integration_type": "ENTRA_ID"}))
        .await;
    s.create(okta("second", "t2")).await;
    let names = |body: &serde_json::Value| -> Vec<String> {
        body["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["attributes"]["name"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(names(&s.get("").await.body), ["first", "entra", "second"]);
    let okta_only = s.get("?filter%5Bintegration_type%5D=OKTA").await;
    assert_eq!(names(&okta_only.body), ["first", "second"]);
}

#[tokio::test]
async fn a_patch_changes_only_what_it_sends_and_needs_the_type() {
    let s = start().await;
    let item = s
        .create(json!({"name": "gws", "domain": "example.com",
                       "integration_type": "GOOGLE_WORKSPACE",
                       "secrets": {"service_account_json": key_file(),
                                   "admin_email": "admin@example.com"},
                       "settings": {"a": 1}}))
        .await;
    let id = item["id"].as_str().unwrap();

    let renamed = s
        .patch(
            id,
            json!({"integration_type": "GOOGLE_WORKSPACE", "name": "renamed"}),
        )
        .await;
    assert_eq!(renamed.status, StatusCode::OK, "{renamed:?}");
    let attributes = &renamed.body["data"]["attributes"];
    assert_eq!(attributes["name"], "renamed");
    assert_eq!(attributes["domain"], "example.com");
    assert_eq!(attributes["settings"], json!({"a": 1}));
    assert_eq!(attributes["created_at"], item["attributes"]["created_at"]);

    let no_type = s.patch(id, json!({"name": "x"})).await;
    assert_eq!(no_type.status, StatusCode::BAD_REQUEST);
    assert_eq!(no_type.errors(), ["integration_type is required"]);
    let other_type = s.patch(id, json!({"integration_type": "OKTA"})).await;
    assert_eq!(other_type.status, StatusCode::BAD_REQUEST);
    assert!(other_type.errors()[0].contains("cannot change"));

    // Secrets merge key by key: a new admin keeps the stored key file.
    let rotated = s
        .patch(
            id,
            json!({"integration_type": "GOOGLE_WORKSPACE",
                          "secrets": {"admin_email": "other@example.com"},
                          "enabled": false, "settings": {}}),
        )
        .await;
    assert_eq!(rotated.status, StatusCode::OK, "{rotated:?}");
    assert_eq!(rotated.body["data"]["attributes"]["enabled"], false);
    assert_eq!(rotated.body["data"]["attributes"]["settings"], json!({}));
    let stored = s.sandbox.state().config_item(id).unwrap();
    let secrets = &stored["attributes"]["secrets"];
    assert_eq!(secrets["admin_email"], "other@example.com");
    assert_eq!(secrets["service_account_json"], key_file());

    // Refused credentials change nothing.
    let refused = s
        .patch(
            id,
            json!({"integration_type": "GOOGLE_WORKSPACE",
                          "secrets": {"admin_email": "invalid@example.com"}, "name": "no"}),
        )
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(
        refused.errors()[0].starts_with("Invalid credentials"),
        "{refused:?}"
    );
    let after = s.get(&format!("/{id}")).await;
    assert_eq!(after.body["data"]["attributes"]["name"], "renamed");
}

#[tokio::test]
async fn delete_answers_204_then_the_configuration_is_gone() {
    let s = start().await;
    let id = s.create(okta("gone soon", "t")).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let deleted = s.call(Method::DELETE, &format!("/{id}"), None).await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    assert!(deleted.body.is_null());
    for answer in [
        s.get(&format!("/{id}")).await,
        s.call(Method::DELETE, &format!("/{id}"), None).await,
        s.patch(&id, json!({"integration_type": "OKTA"})).await,
        s.get("/not-a-uuid").await,
    ] {
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{answer:?}");
        assert_eq!(answer.errors(), ["Not found"]);
    }
}

#[tokio::test]
async fn literal_sub_routes_win_over_the_id() {
    let s = start().await;
    // `validate` and `entra_id` are not ids.
    let get_validate = s.get("/validate").await;
    assert_eq!(get_validate.status, StatusCode::METHOD_NOT_ALLOWED);
    let prerequisite = s.get("/entra_id/azure_app_registrations").await;
    assert_eq!(prerequisite.status, StatusCode::OK);
    assert_eq!(
        prerequisite.body["data"]["type"],
        "entra_id_azure_app_registrations"
    );
    let unknown = s.get("/nothing/here/at/all").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown.errors(), ["Not found"]);
}
