//! The kit under a vendor that is not Prisma Cloud: static API keys (no login, 403 on a wrong
//! key), `{"errors": [...]}` bodies, Datadog-style rate-limit headers. Everything a vendor
//! chooses shows on the wire in its own shape; everything else is the kit's.

use std::sync::{Arc, Mutex, PoisonError};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderName, Method, StatusCode};
use axum::middleware::{Next, from_fn};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use sandbox_kit::{
    Caller, FaultConfig, FaultKind, FaultRule, FaultWeights, Kit, KitSettings, RateField,
    RateLimit, Refusal, RequestInfo, Vendor,
};
use serde_json::{Value, json};
use tower::ServiceExt as _;

const API_KEY: &str = "toy-api-key";

#[derive(Clone)]
struct Toy {
    kit: Kit,
    items: Arc<Mutex<Vec<Value>>>,
}

fn errors(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({"errors": [message]}))).into_response()
}

impl Vendor for Toy {
    const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static("x-toy-request-id");
    const RATE_LIMIT_HEADERS: &'static [(&'static str, RateField)] = &[
        ("x-ratelimit-limit", RateField::Burst),
        ("x-ratelimit-period", RateField::Period),
        ("x-ratelimit-remaining", RateField::Remaining),
        ("x-ratelimit-reset", RateField::Reset),
    ];

    fn kit(&self) -> &Kit {
        &self.kit
    }

    fn identify(&self, request: &Request) -> Caller {
        match request.headers().get("dd-api-key").map(|v| v.to_str()) {
            None => Caller::NoCredentials,
            Some(Ok(API_KEY)) => Caller::User {
                user: Arc::from(API_KEY),
                token: None,
            },
            Some(_) => Caller::InvalidCredentials,
        }
    }

    fn expire_token(&self, _token: &str) {
        unreachable!("static keys never expire");
    }

    fn refuse(&self, refusal: Refusal, _request: &RequestInfo) -> Response {
        let message = match &refusal {
            Refusal::InvalidControlRequest(why) => why.clone(),
            other => format!("{other:?}"),
        };
        errors(refusal.status(), &message)
    }

    fn clear(&self) {
        self.items
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }
}

async fn require_key(request: Request, next: Next) -> Response {
    match request.extensions().get::<Caller>() {
        Some(Caller::User { .. }) => next.run(request).await,
        _ => errors(StatusCode::FORBIDDEN, "Forbidden"),
    }
}

async fn list(State(toy): State<Toy>) -> Json<Value> {
    Json(Value::Array(
        toy.items
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone(),
    ))
}

async fn create(State(toy): State<Toy>, Json(item): Json<Value>) -> Json<Value> {
    toy.items
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(item.clone());
    Json(json!({"data": item}))
}

fn app(settings: KitSettings) -> (Toy, Router) {
    let toy = Toy {
        kit: Kit::new(settings),
        items: Arc::default(),
    };
    let routes = Router::new()
        .route("/api/items", get(list).post(create))
        .route_layer(from_fn(require_key))
        .merge(sandbox_kit::control::routes());
    (toy.clone(), sandbox_kit::app(routes, toy))
}

async fn send(
    app: &Router,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> (StatusCode, axum::http::HeaderMap, Value) {
    let mut request = Request::builder()
        .method(method)
        .uri(path)
        .header("dd-api-key", API_KEY);
    if body.is_some() {
        request = request.header("content-type", "application/json");
    }
    let body = body.map_or_else(Body::empty, |b| Body::from(b.to_string()));
    let response = app
        .clone()
        .oneshot(request.body(body).expect("a request"))
        .await
        .expect("infallible");
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .expect("a body");
    let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    (parts.status, parts.headers, json)
}

#[tokio::test]
async fn requests_carry_the_vendors_request_id_and_are_counted_by_route() {
    let (toy, app) = app(KitSettings::default());
    let (status, headers, _) = send(&app, Method::GET, "/api/items", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers.contains_key("x-toy-request-id"));
    assert!(
        !headers.contains_key("x-ratelimit-limit"),
        "no rate limit configured"
    );
    send(&app, Method::GET, "/_sandbox/stats", None).await;
    let stats = toy.kit.stats();
    assert_eq!(stats.total_requests, 1, "control endpoints are not counted");
    assert_eq!(stats.requests_to("GET", "/api/items"), 1);
}

#[tokio::test(start_paused = true)]
async fn the_rate_limit_speaks_in_the_vendors_headers_and_429_body() {
    let limit = RateLimit {
        burst: 2,
        per_second: 1,
    };
    let (_, app) = app(KitSettings {
        rate_limit: Some(limit),
        ..KitSettings::default()
    });
    let (_, headers, _) = send(&app, Method::GET, "/api/items", None).await;
    let header = |name: &str| headers[name].to_str().expect("text").to_owned();
    assert_eq!(header("x-ratelimit-limit"), "2");
    assert_eq!(header("x-ratelimit-period"), "2");
    assert_eq!(header("x-ratelimit-remaining"), "1");
    assert_eq!(header("x-ratelimit-reset"), "1");
    send(&app, Method::GET, "/api/items", None).await;
    let (status, headers, body) = send(&app, Method::GET, "/api/items", None).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(headers["x-ratelimit-remaining"], "0");
    assert!(
        body["errors"][0]
            .as_str()
            .expect("a message")
            .contains("TooManyRequests")
    );
}

#[tokio::test]
async fn faults_target_a_method_and_answer_in_the_vendors_shape() {
    let (toy, app) = app(KitSettings::default());
    let rules =
        json!({"rules": [{"rate": 1.0, "weights": {"server_error": 1}, "routes": ["POST"]}]});
    let (status, _, _) = send(&app, Method::PUT, "/_sandbox/faults", Some(rules)).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, body) = send(&app, Method::POST, "/api/items", Some(json!({"n": 1}))).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(body, json!({"errors": ["ServerError"]}));
    let (status, _, body) = send(&app, Method::GET, "/api/items", None).await;
    assert_eq!(status, StatusCode::OK, "GET is not targeted");
    assert_eq!(
        body,
        json!([{"n": 1}]),
        "a server error comes after processing"
    );
    assert_eq!(
        toy.kit.stats().faults_by_route.get("POST /api/items"),
        Some(&1)
    );
}

#[tokio::test]
async fn token_expiry_never_fires_without_a_session_token() {
    let faults = FaultConfig::default().with_rule(FaultRule::everywhere(
        1.0,
        FaultWeights::only(FaultKind::TokenExpiry),
    ));
    let (toy, app) = app(KitSettings {
        faults,
        ..KitSettings::default()
    });
    let (status, _, _) = send(&app, Method::GET, "/api/items", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(toy.kit.stats().total_faults(), 0);
}

#[tokio::test]
async fn control_endpoints_refuse_bad_bodies_in_the_vendors_shape_and_reset_its_objects() {
    let (toy, app) = app(KitSettings::default());
    let bad = json!({"rules": [{"rate": 1.0, "routes": ["get /api/items"]}]});
    let (status, _, body) = send(&app, Method::PUT, "/_sandbox/faults", Some(bad)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let message = body["errors"][0].as_str().expect("a message");
    assert!(
        message.contains("not a fault configuration") && message.contains("upper case"),
        "{message}"
    );

    send(&app, Method::POST, "/api/items", Some(json!({"n": 1}))).await;
    let (status, _, _) = send(&app, Method::POST, "/_sandbox/reset", None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, _, body) = send(&app, Method::GET, "/api/items", None).await;
    assert_eq!(body, json!([]));
    assert_eq!(toy.kit.stats().total_requests, 1, "counted since the reset");
}
