//! Request handling of the fake API: routing, faults, auth, and the integration store.

use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Router};
use serde_json::{Map, Value, json};

use super::{
    ConnectionKill, FakeState, Family, Fault, Handling, Inner, MASK, PASSWORD, PRISMA_ID, Reply,
    Route, SECRET_KEYS, Seen, Stored, USERNAME,
};

pub fn router(state: Arc<FakeState>) -> Router {
    Router::new().fallback(handle).with_state(state)
}

/// A parsed request target.
struct Target {
    route: Route,
    family: Option<Family>,
    id: Option<String>,
}

fn target(method: &Method, path: &str) -> Option<Target> {
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    let (family, rest) = match segments.as_slice() {
        ["login"] if method == Method::POST => return Some(plain(Route::Login)),
        ["auth_token", "extend"] if method == Method::GET => return Some(plain(Route::Extend)),
        ["license"] if method == Method::GET => return Some(plain(Route::License)),
        ["integration", rest @ ..] => (Family::Classic, rest),
        ["api", "v1", "tenant", id, "integration", rest @ ..] if *id == PRISMA_ID => {
            (Family::Tenant, rest)
        }
        _ => return None,
    };
    let (route, id) = match (method.clone(), rest) {
        (Method::GET, []) => (Route::List, None),
        (Method::POST, []) => (Route::Create, None),
        (Method::POST, ["test"]) => (Route::Test, None),
        (Method::GET, [id]) => (Route::Get, Some(id)),
        (Method::PUT, [id]) => (Route::Update, Some(id)),
        (Method::PATCH, [id]) if family == Family::Tenant => (Route::Patch, Some(id)),
        (Method::DELETE, [id]) => (Route::Delete, Some(id)),
        _ => return None,
    };
    Some(Target {
        route,
        family: Some(family),
        id: id.map(|s| (*s).to_owned()),
    })
}

fn plain(route: Route) -> Target {
    Target {
        route,
        family: None,
        id: None,
    }
}

async fn handle(
    State(state): State<Arc<FakeState>>,
    Extension(kill): Extension<ConnectionKill>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let Some(target) = target(&method, uri.path()) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let body: Option<Value> = serde_json::from_slice(&body).ok();
    let query = uri.query().unwrap_or_default().to_owned();
    let token = headers
        .get("x-redlock-auth")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let (fault, login_delay) = {
        let mut inner = state.lock();
        inner.seen.push(Seen {
            route: target.route,
            family: target.family,
            query: query.clone(),
            body: body.clone(),
            token: token.clone(),
            user_agent: headers
                .get("user-agent")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
            at: Instant::now(),
        });
        let position = inner.faults.iter().position(|(r, _)| *r == target.route);
        let fault = position
            .and_then(|p| inner.faults.remove(p))
            .map(|(_, f)| f);
        (fault, inner.login_delay)
    };
    let fault = fault.unwrap_or(Fault {
        handling: Handling::Normal,
        reply: Reply::Normal,
    });
    let normal = match fault.handling {
        Handling::Skip => None,
        handling => {
            if target.route == Route::Login {
                tokio::time::sleep(login_delay).await;
            }
            let mut inner = state.lock();
            Some(respond(
                &mut inner,
                &target,
                &query,
                body.as_ref(),
                token.as_deref(),
                handling,
            ))
        }
    };
    let mut response = match fault.reply {
        Reply::Normal => {
            normal.unwrap_or_else(|| StatusCode::INTERNAL_SERVER_ERROR.into_response())
        }
        Reply::Canned {
            status,
            headers,
            body,
        } => {
            let mut response = (
                StatusCode::from_u16(status).expect("valid scripted status"),
                body,
            )
                .into_response();
            for (name, value) in headers {
                response.headers_mut().insert(
                    HeaderName::try_from(name).expect("valid scripted header name"),
                    HeaderValue::try_from(value).expect("valid scripted header value"),
                );
            }
            response
        }
        Reply::Drop => {
            kill.0.notify_one();
            std::future::pending().await
        }
        Reply::Hang => std::future::pending().await,
    };
    let request_id = {
        let mut inner = state.lock();
        inner.next_request_id += 1;
        format!("req-{}", inner.next_request_id)
    };
    response.headers_mut().insert(
        "x-redlock-request-id",
        HeaderValue::try_from(request_id).expect("ascii request id"),
    );
    response
}

/// The normal answer to a request (after faults that skip handling).
fn respond(
    inner: &mut Inner,
    target: &Target,
    query: &str,
    body: Option<&Value>,
    token: Option<&str>,
    handling: Handling,
) -> Response {
    if target.route == Route::Login {
        return login(inner, body);
    }
    if !token.is_some_and(|t| inner.tokens.contains(t)) {
        return error(StatusCode::UNAUTHORIZED, "invalid_token", None);
    }
    let family = target.family.unwrap_or(Family::Classic);
    let id = target.id.as_deref().unwrap_or_default();
    match target.route {
        Route::Login => unreachable!("handled above"),
        Route::Extend => issue_token(inner),
        Route::License if inner.license => {
            axum::Json(json!({"prismaId": PRISMA_ID, "customerName": "fake-customer"}))
                .into_response()
        }
        Route::License => StatusCode::NOT_FOUND.into_response(),
        Route::List => list(inner, family, query),
        Route::Create => create(inner, family, body, handling == Handling::Hidden),
        Route::Get => match find(inner, id) {
            Some(stored) => axum::Json(render(stored, family)).into_response(),
            None => missing(family),
        },
        Route::Update => update(inner, family, id, body),
        Route::Patch => match (
            body.and_then(|b| b.get("enabled")).and_then(Value::as_bool),
            find_mut(inner, id),
        ) {
            (Some(enabled), Some(stored)) => {
                stored.enabled = enabled;
                StatusCode::OK.into_response()
            }
            (None, _) => error(StatusCode::BAD_REQUEST, "invalid_body", None),
            (_, None) => missing(family),
        },
        Route::Delete => {
            let before = inner.integrations.len();
            inner.integrations.retain(|i| i.id != id);
            if inner.integrations.len() < before {
                StatusCode::OK.into_response()
            } else {
                missing(family)
            }
        }
        Route::Test => test(body),
    }
}

fn login(inner: &mut Inner, body: Option<&Value>) -> Response {
    let field = |key: &str| body.and_then(|b| b.get(key)).and_then(Value::as_str);
    if field("username") != Some(USERNAME) || field("password") != Some(PASSWORD) {
        return error(StatusCode::UNAUTHORIZED, "invalid_credentials", None);
    }
    let mut answer = token_answer(inner);
    if let Some(tenants) = &inner.customer_names {
        answer["customerNames"] = tenants
            .iter()
            .map(|(name, id)| json!({"customerName": name, "prismaId": id, "tosAccepted": true}))
            .collect();
        answer["roles"] = json!([]);
    }
    axum::Json(answer).into_response()
}

fn issue_token(inner: &mut Inner) -> Response {
    axum::Json(token_answer(inner)).into_response()
}

fn token_answer(inner: &mut Inner) -> Value {
    inner.next_token += 1;
    let token = format!("tok-{}-{}", inner.next_token, uuid::Uuid::new_v4().simple());
    inner.tokens.insert(token.clone());
    inner.issued_tokens.push(token.clone());
    json!({"token": token, "message": "login_successful"})
}

fn list(inner: &Inner, family: Family, query: &str) -> Response {
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    let param = |key: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    // Both families hide disabled integrations unless asked (the classic default is
    // undocumented: the stricter reading, as the sandbox).
    let only_enabled = param("onlyEnabled") != Some("false");
    let items: Vec<Value> = inner
        .integrations
        .iter()
        .filter(|i| !i.hidden && (!only_enabled || i.enabled))
        .filter(|i| {
            param("type")
                .is_none_or(|t| wire_type(&i.integration_type, family) == wire_type(t, family))
        })
        .map(|i| render(i, family))
        .collect();
    axum::Json(Value::Array(items)).into_response()
}

fn create(inner: &mut Inner, family: Family, body: Option<&Value>, hidden: bool) -> Response {
    let Some(body) = body.and_then(Value::as_object) else {
        return error(StatusCode::BAD_REQUEST, "invalid_body", None);
    };
    let has_enabled = body.contains_key("enabled");
    if family == Family::Tenant && has_enabled {
        return error(StatusCode::BAD_REQUEST, "unexpected_field", Some("enabled"));
    }
    if family == Family::Classic && !has_enabled {
        return error(StatusCode::BAD_REQUEST, "missing_field", Some("enabled"));
    }
    let text = |key: &str| {
        body.get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let name = text("name");
    if let Some(taken) = inner.integrations.iter_mut().find(|i| i.name == name) {
        taken.hidden = false;
        return error(
            StatusCode::BAD_REQUEST,
            "integration_name_already_exists",
            Some(&name),
        );
    }
    inner.next_id += 1;
    let stored = Stored {
        id: format!("id-{}", inner.next_id),
        name,
        description: text("description"),
        enabled: body.get("enabled").and_then(Value::as_bool).unwrap_or(true),
        integration_type: text("integrationType"),
        config: body
            .get("integrationConfig")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default(),
        hidden,
    };
    let answer = render(&stored, family);
    inner.integrations.push(stored);
    match family {
        // Classic create answers 200 with no body.
        Family::Classic => StatusCode::OK.into_response(),
        Family::Tenant => axum::Json(answer).into_response(),
    }
}

fn update(inner: &mut Inner, family: Family, id: &str, body: Option<&Value>) -> Response {
    let Some(body) = body.and_then(Value::as_object) else {
        return error(StatusCode::BAD_REQUEST, "invalid_body", None);
    };
    match family {
        Family::Tenant if body.contains_key("integrationType") => {
            return error(
                StatusCode::BAD_REQUEST,
                "unexpected_field",
                Some("integrationType"),
            );
        }
        Family::Classic if body.get("id").and_then(Value::as_str) != Some(id) => {
            return error(StatusCode::BAD_REQUEST, "id_mismatch", None);
        }
        _ => {}
    }
    let Some(stored) = find_mut(inner, id) else {
        return missing(family);
    };
    let text = |key: &str| {
        body.get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    stored.name = text("name");
    stored.description = text("description");
    stored.enabled = body
        .get("enabled")
        .and_then(Value::as_bool)
        .unwrap_or(stored.enabled);
    stored.config = body
        .get("integrationConfig")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    match family {
        // Classic update answers 200 with no body; v1 answers the object.
        Family::Classic => StatusCode::OK.into_response(),
        Family::Tenant => axum::Json(render(stored, family)).into_response(),
    }
}

/// Fails any configuration whose `url` mentions "bad", echoing it (a secret) back.
fn test(body: Option<&Value>) -> Response {
    let url = body
        .and_then(|b| b.pointer("/integrationConfig/url"))
        .and_then(Value::as_str)
        .unwrap_or_default();
    if !url.contains("bad") {
        return axum::Json(
            json!({"statusCode": 200, "success": true, "errorMessages": [], "tests": []}),
        )
        .into_response();
    }
    let answer = json!({
        "statusCode": 400, "success": false,
        "errorMessages": [{"i18nKey": "integration_test_failed", "severity": "error", "subject": url}],
        "tests": [{"key": "reach", "description": "Reach the endpoint", "success": false,
                   "errorMessage": format!("connection refused by {url}")}]
    });
    (StatusCode::BAD_REQUEST, axum::Json(answer)).into_response()
}

fn find<'a>(inner: &'a Inner, id: &str) -> Option<&'a Stored> {
    inner.integrations.iter().find(|i| i.id == id)
}

fn find_mut<'a>(inner: &'a mut Inner, id: &str) -> Option<&'a mut Stored> {
    inner.integrations.iter_mut().find(|i| i.id == id)
}

/// Classic: 400 with `invalid_id` in the status header. v1: 404 with a v1 error body.
fn missing(family: Family) -> Response {
    match family {
        Family::Classic => error(StatusCode::BAD_REQUEST, "invalid_id", None),
        Family::Tenant => (
            StatusCode::NOT_FOUND,
            axum::Json(
                json!({"status": "NOT_FOUND", "timestamp": "2024-01-01T00:00:00Z",
                              "message": "not_found", "debugMessage": null, "subErrors": []}),
            ),
        )
            .into_response(),
    }
}

/// An error answer with the message in `x-redlock-status`.
fn error(status: StatusCode, key: &str, subject: Option<&str>) -> Response {
    let header = json!([{"i18nKey": key, "severity": "error", "subject": subject}]).to_string();
    let mut response = status.into_response();
    response.headers_mut().insert(
        "x-redlock-status",
        HeaderValue::try_from(header).expect("JSON header value"),
    );
    response
}

/// The type name as each family spells it.
fn wire_type(integration_type: &str, family: Family) -> String {
    match family {
        Family::Tenant => integration_type.to_ascii_lowercase(),
        Family::Classic if integration_type.eq_ignore_ascii_case("okta") => "OKTA_IDP".to_owned(),
        Family::Classic => integration_type.to_ascii_uppercase(),
    }
}

fn render(stored: &Stored, family: Family) -> Value {
    let config: Map<String, Value> = stored
        .config
        .iter()
        .map(|(k, v)| {
            let masked = if SECRET_KEYS.contains(&k.as_str()) {
                json!(MASK)
            } else {
                v.clone()
            };
            (k.clone(), masked)
        })
        .collect();
    let mut value = json!({
        "id": stored.id, "name": stored.name, "description": stored.description,
        "enabled": stored.enabled, "integrationType": wire_type(&stored.integration_type, family),
        "integrationConfig": config, "createdBy": "fake@example.com", "createdTs": 1_700_000_000_000_i64,
        "lastModifiedBy": "fake@example.com", "lastModifiedTs": 1_700_000_000_000_i64,
    });
    if family == Family::Classic {
        value["status"] = json!("GREEN");
        value["valid"] = json!(true);
        value["reason"] = Value::Null;
    }
    value
}
