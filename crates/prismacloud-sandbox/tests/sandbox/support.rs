//! Shared by the `sandbox_*` test files: an in-process client over `app()` and a valid
//! `integrationConfig` for every type.

#![allow(dead_code)] // each test file uses a different part of this module

use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use prismacloud_sandbox::{self as sandbox, SandboxConfig, SandboxState};
use serde_json::{Value, json};
use tower::ServiceExt;

pub const PRISMA_ID: &str = "806775361068";
pub const V1: &str = "/api/v1/tenant/806775361068/integration";

/// One answer, fully read.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("body is not JSON ({e}): {}", self.text()))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The i18n keys of `x-redlock-status`, sorted.
    pub fn status_keys(&self) -> Vec<String> {
        let header = self.header("x-redlock-status").unwrap_or("[]");
        let list: Value = serde_json::from_str(header).expect("x-redlock-status is JSON");
        let mut keys: Vec<String> = list
            .as_array()
            .expect("x-redlock-status is a list")
            .iter()
            .map(|e| e["i18nKey"].as_str().unwrap_or_default().to_owned())
            .collect();
        keys.sort();
        keys
    }

    /// `(i18nKey, subject)` of `x-redlock-status`, sorted.
    pub fn violations(&self) -> Vec<(String, String)> {
        let header = self.header("x-redlock-status").unwrap_or("[]");
        let list: Value = serde_json::from_str(header).expect("x-redlock-status is JSON");
        let mut found: Vec<(String, String)> = list
            .as_array()
            .expect("x-redlock-status is a list")
            .iter()
            .map(|e| {
                (
                    e["i18nKey"].as_str().unwrap_or_default().to_owned(),
                    e["subject"].as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect();
        found.sort();
        found
    }

    #[track_caller]
    pub fn expect(&self, status: StatusCode) -> &Reply {
        assert_eq!(self.status, status, "body: {}", self.text());
        self
    }
}

/// An in-process client of one sandbox.
#[derive(Clone)]
pub struct Client {
    pub app: axum::Router,
    pub state: SandboxState,
    pub token: Option<String>,
}

impl Client {
    pub fn new(config: SandboxConfig) -> Client {
        Client::over(SandboxState::new(config))
    }

    /// A client of a sandbox over `state` (e.g. one opened from a state file).
    pub fn over(state: SandboxState) -> Client {
        Client {
            app: sandbox::app(state.clone()),
            state,
            token: None,
        }
    }

    /// A client of a default sandbox, logged in.
    pub async fn logged_in() -> Client {
        Client::logged_in_with(SandboxConfig::default()).await
    }

    pub async fn logged_in_with(config: SandboxConfig) -> Client {
        let mut client = Client::new(config);
        client.login().await;
        client
    }

    pub async fn login(&mut self) {
        let reply = self
            .send(
                Method::POST,
                "/login",
                Some(json!({"username": "sandbox-access-key", "password": "sandbox-secret-key"})),
            )
            .await;
        reply.expect(StatusCode::OK);
        self.token = reply.json()["token"].as_str().map(str::to_owned);
    }

    pub async fn send(&self, method: Method, path: &str, body: Option<Value>) -> Reply {
        let bytes = body.map(|b| b.to_string()).unwrap_or_default();
        self.send_raw(method, path, bytes.into_bytes()).await
    }

    pub async fn send_raw(&self, method: Method, path: &str, body: Vec<u8>) -> Reply {
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header("content-type", "application/json");
        if let Some(token) = &self.token {
            request = request.header("x-redlock-auth", token);
        }
        let request = request.body(Body::from(body)).expect("valid request");
        let response = self
            .app
            .clone()
            .oneshot(request)
            .await
            .expect("the router is infallible");
        let status = response.status();
        let headers = response.headers().clone();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("body")
            .to_vec();
        Reply {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.send(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Reply {
        self.send(Method::POST, path, Some(body)).await
    }

    pub async fn put(&self, path: &str, body: Value) -> Reply {
        self.send(Method::PUT, path, Some(body)).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> Reply {
        self.send(Method::PATCH, path, Some(body)).await
    }

    pub async fn delete(&self, path: &str) -> Reply {
        self.send(Method::DELETE, path, None).await
    }

    /// Creates through v1 and returns the created object.
    pub async fn create_v1(&self, name: &str, ty: &str, config: Value) -> Value {
        let reply = self
            .post(
                V1,
                json!({"name": name, "integrationType": ty, "integrationConfig": config}),
            )
            .await;
        reply.expect(StatusCode::OK);
        reply.json()
    }

    /// Creates through classic (empty answer) and returns the id found by listing by name.
    pub async fn create_classic(&self, name: &str, ty: &str, config: Value) -> String {
        self.post(
            "/integration",
            json!({"name": name, "integrationType": ty, "integrationConfig": config}),
        )
        .await
        .expect(StatusCode::OK);
        self.id_by_name(name).await
    }

    pub async fn id_by_name(&self, name: &str) -> String {
        let list = self.get("/integration").await.json();
        list.as_array()
            .expect("list")
            .iter()
            .find(|i| i["name"] == name)
            .and_then(|i| i["id"].as_str())
            .unwrap_or_else(|| panic!("no integration named {name}"))
            .to_owned()
    }
}

pub const EXTERNAL_ID: &str = "2f1b4c1e-9a76-4c8e-8f39-8f5a1d2e3b4c";
pub const ROLE_ARN: &str = "arn:aws:iam::123456789012:role/prisma-alerts";

fn region(id: &str) -> Value {
    json!({"name": id, "apiIdentifier": id, "cloudType": "aws", "sdkId": id, "enabled": true})
}

/// Every type except snowflake (which needs a staging integration) with a minimal valid config.
pub fn valid_configs() -> Vec<(&'static str, Value)> {
    vec![
        (
            "aws_security_hub",
            json!({"regions": [region("us-east-1")], "accountId": "123456789012"}),
        ),
        (
            "aws_sdl",
            json!({"s3Uri": "s3://lake-bucket/", "region": "us-east-1",
                   "roleArn": ROLE_ARN, "externalId": EXTERNAL_ID}),
        ),
        (
            "aws_s3",
            json!({"s3Uri": "s3://alerts-bucket/prisma/", "region": "us-east-1",
                   "roleArn": ROLE_ARN, "externalId": EXTERNAL_ID}),
        ),
        (
            "amazon_sqs",
            json!({"queueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/alerts"}),
        ),
        (
            "azure_service_bus_queue",
            json!({"queueUrl": "https://ns.servicebus.windows.net/alerts", "accountId": "acct-1"}),
        ),
        (
            "demisto",
            json!({"hostUrl": "xsoar.example.com", "apiKey": "demisto-api-key",
                   "demistoVersion": "6.0"}),
        ),
        (
            "google_cscc",
            json!({"orgId": "1234567890", "sourceId": "src-1"}),
        ),
        (
            "microsoft_teams",
            json!({"url": "https://example.webhook.office.com/webhookb2/teams-secret"}),
        ),
        (
            "okta",
            json!({"domain": "example.okta.com", "apiToken": "okta-api-token"}),
        ),
        (
            "pager_duty",
            json!({"integrationKey": "pd-integration-key"}),
        ),
        (
            "qualys",
            json!({"login": "qualys-user", "baseUrl": "qualysapi.qualys.com",
                   "password": "qualys-password"}),
        ),
        (
            "service_now",
            json!({"hostUrl": "dev1.service-now.com", "login": "admin",
                   "password": "snow-password", "tables": [{"incident": true}]}),
        ),
        (
            "slack",
            json!({"webhookUrl": "https://hooks.slack.com/services/T000/B000/slack-secret"}),
        ),
        (
            "splunk",
            json!({"url": "https://splunk.example.com:8088/services/collector",
                   "authToken": "splunk-hec-token"}),
        ),
        (
            "tenable",
            json!({"accessKey": "tenable-access-key", "secretKey": "tenable-secret-key"}),
        ),
        (
            "webhook",
            json!({"url": "https://hooks.example.com/prisma", "authToken": "webhook-token"}),
        ),
    ]
}

/// A valid snowflake config staging through `staging_id`.
pub fn snowflake_config(staging_id: &str) -> Value {
    json!({"hostUrl": "acct.snowflakecomputing.com", "username": "prisma",
           "pipename": "db.schema.pipe", "stagingIntegrationId": staging_id,
           "privateKey": "snowflake-private-key", "passphrase": "snowflake-passphrase"})
}

/// Every secret value the fixtures above contain.
pub const FIXTURE_SECRETS: &[&str] = &[
    "demisto-api-key",
    "teams-secret",
    "okta-api-token",
    "pd-integration-key",
    "qualys-password",
    "snow-password",
    "slack-secret",
    "splunk-hec-token",
    "tenable-access-key",
    "tenable-secret-key",
    "webhook-token",
    "snowflake-private-key",
    "snowflake-passphrase",
];
