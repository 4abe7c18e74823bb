//! What the API refuses, each in `{"errors": [...]}`: keys, envelopes, attributes, each
//! type's secrets.

use datadogsiem_sandbox::SandboxConfig;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::support::{envelope, key_file, okta, send, start, start_with};

#[tokio::test]
async fn missing_or_wrong_keys_are_403() {
    let s = start().await;
    let url = s.url("");
    let cases = [
        s.http.get(&url),
        s.http.get(&url).header("DD-API-KEY", "sandbox-api-key"),
        s.http
            .get(&url)
            .header("DD-API-KEY", "sandbox-api-key")
            .header("DD-APPLICATION-KEY", "wrong"),
        s.http
            .post(&url)
            .header("DD-API-KEY", "wrong")
            .header("DD-APPLICATION-KEY", "sandbox-app-key")
            .json(&envelope(okta("x", "t"))),
    ];
    for request in cases {
        let answer = send(request).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{answer:?}");
        assert_eq!(answer.errors(), ["Forbidden"]);
    }
    assert!(s.sandbox.state().configs().is_empty());
}

#[tokio::test]
async fn bodies_are_checked_as_the_api_documents_them() {
    let s = start().await;
    let post = |body: serde_json::Value| s.call(Method::POST, "", Some(body));
    let not_json = send(
        s.http
            .post(s.url(""))
            .header("DD-API-KEY", "sandbox-api-key")
            .header("DD-APPLICATION-KEY", "sandbox-app-key")
            .body("{nope"),
    )
    .await;
    assert_eq!(not_json.status, StatusCode::BAD_REQUEST);
    assert!(not_json.errors()[0].starts_with("Malformed JSON body"));

    let flat = post(okta("x", "t")).await;
    assert_eq!(flat.errors(), ["data is required and must be an object"]);

    let mut with_enabled = okta("x", "t");
    with_enabled["enabled"] = json!(false);
    let answer = post(envelope(with_enabled)).await;
    assert_eq!(answer.errors(), ["attribute enabled is not accepted here"]);

    // The seed's older shape: only admin_email. The API refuses it now.
    let old = post(envelope(json!({"name": "g", "domain": "example.com",
        "integration_type": "GOOGLE_WORKSPACE", "secrets": {"admin_email": "a@example.com"}})))
    .await;
    assert_eq!(
        old.errors(),
        ["secrets.service_account_json is required for GOOGLE_WORKSPACE"]
    );

    let mut partial = key_file();
    partial.as_object_mut().unwrap().remove("project_id");
    partial["type"] = json!("authorized_user");
    let answer = post(envelope(json!({"name": "g", "domain": "example.com",
        "integration_type": "GOOGLE_WORKSPACE",
        "secrets": {"service_account_json": partial}})))
    .await;
    assert_eq!(
        answer.errors(),
        [
            "secrets.service_account_json is missing the key project_id",
            "secrets.service_account_json.type must be service_account"
        ]
    );
    assert!(!answer.body.to_string().contains("KEYMATERIAL"));

    let crowdstrike = post(envelope(
        json!({"name": "c", "domain": "api.crowdstrike.com",
        "integration_type": "CROWDSTRIKE", "secrets": {"client_id": "id", "api_token": "t"}}),
    ))
    .await;
    assert_eq!(
        crowdstrike.errors(),
        [
            "secrets.api_token is not a secret of CROWDSTRIKE (it takes: client_id, client_secret)",
            "secrets.client_secret is required for CROWDSTRIKE"
        ]
    );
    let filter = s.get("?filter%5Bintegration_type%5D=okta").await;
    assert_eq!(filter.status, StatusCode::BAD_REQUEST);
    let unknown = s.get("?page=2").await;
    assert_eq!(unknown.errors(), ["unknown query parameter page"]);
    assert!(s.sandbox.state().configs().is_empty());
}

#[tokio::test]
async fn refused_credentials_are_400_and_nothing_is_stored() {
    let s = start().await;
    let answer = s
        .call(
            Method::POST,
            "",
            Some(envelope(okta("o", "my-invalid-token"))),
        )
        .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        answer.errors(),
        ["Invalid credentials: OKTA refused the credentials for domain example.okta.com"]
    );
    assert!(!answer.body.to_string().contains("my-invalid-token"));
    assert!(s.sandbox.state().configs().is_empty());
}

#[tokio::test]
async fn entra_id_needs_an_app_registration_that_collects_resources() {
    let s = start_with(SandboxConfig {
        azure_app_registrations: Vec::new(),
        ..SandboxConfig::default()
    })
    .await;
    let prerequisite = s.get("/entra_id/azure_app_registrations").await;
    let attributes = &prerequisite.body["data"]["attributes"];
    assert_eq!(attributes["has_valid_prerequisite"], false);
    assert_eq!(attributes["azure_app_registrations"], json!([]));
    let answer = s
        .call(
            Method::POST,
            "",
            Some(envelope(json!({"name": "e",
            "domain": "example.onmicrosoft.com", "integration_type": "ENTRA_ID"}))),
        )
        .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(
        answer.errors()[0].contains("Azure App Registration"),
        "{answer:?}"
    );
}
