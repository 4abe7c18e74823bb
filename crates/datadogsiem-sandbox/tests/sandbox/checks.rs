//! The credential checks, the Entra ID prerequisite, and activate/deactivate.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::support::{envelope, okta, send, start};

fn check_body(token: &str) -> serde_json::Value {
    envelope(
        json!({"integration_type": "OKTA", "domain": "example.okta.com",
                    "secrets": {"api_token": token}}),
    )
}

#[tokio::test]
async fn validating_credentials_stores_nothing() {
    let s = start().await;
    let ok = s
        .call(Method::POST, "/validate", Some(check_body("good")))
        .await;
    assert_eq!((ok.status, ok.body.is_null()), (StatusCode::OK, true));
    let bad = s
        .call(Method::POST, "/validate", Some(check_body("INVALID")))
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.errors()[0].starts_with("Invalid credentials"));
    let mut named = check_body("good");
    named["data"]["attributes"]["name"] = json!("n");
    let answer = s.call(Method::POST, "/validate", Some(named)).await;
    assert_eq!(answer.errors(), ["attribute name is not accepted here"]);
    assert!(s.sandbox.state().configs().is_empty());
}

#[tokio::test]
async fn a_stored_configuration_validates_until_its_credentials_are_revoked() {
    let s = start().await;
    let id = s.create(okta("o", "t")).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/{id}/validate");
    assert_eq!(
        s.call(Method::POST, &path, None).await.status,
        StatusCode::OK
    );

    let revoke = send(
        s.http
            .post(format!("{}/_sandbox/revoke/{id}", s.sandbox.url())),
    )
    .await;
    assert_eq!(revoke.status, StatusCode::NO_CONTENT);
    let answer = s.call(Method::POST, &path, None).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(
        answer.errors()[0].contains("no longer accepts"),
        "{answer:?}"
    );
    let read = s.get(&format!("/{id}")).await;
    assert_eq!(read.body["data"]["attributes"]["state"], "invalid");

    // New credentials make it valid again.
    let fixed = s
        .patch(
            &id,
            json!({"integration_type": "OKTA", "secrets": {"api_token": "t2"}}),
        )
        .await;
    assert_eq!(fixed.body["data"]["attributes"]["state"], "valid");
    let gone = s
        .call(
            Method::POST,
            "/00000000-0000-4000-8000-000000000000/validate",
            None,
        )
        .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn deactivate_disables_every_configuration_of_the_type() {
    let s = start().await;
    s.create(okta("a", "t")).await;
    s.create(okta("b", "t")).await;
    let answer = s.call(Method::POST, "/OKTA/deactivate", None).await;
    assert_eq!(answer.status, StatusCode::OK, "{answer:?}");
    let all = s.get("").await;
    assert!(
        all.body["data"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["attributes"]["enabled"] == false)
    );
    let answer = s.call(Method::POST, "/okta/activate", None).await;
    assert_eq!(answer.body["data"]["attributes"]["enabled"], true);
    let none = s.call(Method::POST, "/SENTINELONE/activate", None).await;
    assert_eq!(none.status, StatusCode::NOT_FOUND);
}
