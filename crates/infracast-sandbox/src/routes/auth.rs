//! `POST /api/v1/auth/token` (credentials → access token, its expiry, a refresh token and the
//! user) and `POST /api/v1/auth/refresh` (a refresh token → the same, the refresh token
//! spent); and [`Principal`], who an API call comes from (`Authorization: Bearer`).

use std::time::Duration;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use sandbox_kit::Caller;
use sandbox_kit::sessions::TokenStatus;
use secrecy::ExposeSecret;
use serde_json::{Map, Value, json};

use crate::config::User;
use crate::error::{ApiError, Issue};
use crate::state::SandboxState;

/// The caller of an API route: a user with a valid access token.
#[derive(Debug, Clone)]
pub struct Principal {
    pub user: User,
}

impl Principal {
    /// 403 unless the caller's tokens are scoped to `tenant`.
    pub fn may_read(&self, tenant: &str) -> Result<(), ApiError> {
        if self.user.tenant == tenant {
            Ok(())
        } else {
            Err(ApiError::forbidden(format!(
                "the token is scoped to tenant {:?}, not {tenant:?}",
                self.user.tenant
            )))
        }
    }

    /// [`Principal::may_read`], and 403 without `tenant:update`.
    pub fn may_update(&self, tenant: &str) -> Result<(), ApiError> {
        self.may_read(tenant)?;
        if self.user.can_update {
            Ok(())
        } else {
            Err(ApiError::forbidden(
                "the user lacks the tenant:update permission",
            ))
        }
    }
}

impl FromRequestParts<SandboxState> for Principal {
    type Rejection = ApiError;

    /// Who the kit's pipeline identified (the same check of `Authorization: Bearer` that
    /// rate limits and faults go by).
    async fn from_request_parts(
        parts: &mut Parts,
        state: &SandboxState,
    ) -> Result<Principal, ApiError> {
        let caller = parts.extensions.get::<Caller>();
        match caller.cloned().unwrap_or(Caller::NoCredentials) {
            Caller::User { user, .. } => state
                .config()
                .find_user(&user)
                .map(|user| Principal { user: user.clone() })
                .ok_or_else(|| ApiError::unauthorized("unknown user")),
            Caller::ExpiredToken => Err(ApiError::unauthorized("the access token has expired")),
            Caller::InvalidCredentials => Err(ApiError::unauthorized(
                "invalid access token (send Authorization: Bearer <token>)",
            )),
            Caller::NoCredentials => Err(ApiError::unauthorized("missing Authorization header")),
        }
    }
}

/// The string fields `names` of a JSON object body, and nothing else.
fn fields(bytes: &[u8], names: &[&str]) -> Result<Vec<String>, ApiError> {
    let body: Map<String, Value> = serde_json::from_slice(bytes)
        .map_err(|_| ApiError::bad_request("the body must be a JSON object"))?;
    let mut issues: Vec<Issue> = body
        .keys()
        .filter(|k| !names.contains(&k.as_str()))
        .map(|k| Issue::new(k.clone(), "unknown key"))
        .collect();
    let mut values = Vec::new();
    for name in names {
        match body.get(*name).and_then(Value::as_str) {
            Some(s) if !s.is_empty() => values.push(s.to_owned()),
            _ => issues.push(Issue::new(*name, "is required (a non-empty string)")),
        }
    }
    if issues.is_empty() {
        Ok(values)
    } else {
        Err(ApiError::invalid(issues))
    }
}

/// An RFC 3339 time `ttl` from now.
fn expires_at(ttl: Duration) -> String {
    let at = time::OffsetDateTime::now_utc() + ttl;
    at.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// A new access token and refresh token for `user`.
fn grant(state: &SandboxState, user: &User) -> Response {
    let inner = state.inner();
    let token = inner.access.issue(&user.username);
    let refresh = inner.refresh.issue(&user.username);
    let mut permissions = vec!["tenant:read"];
    if user.can_update {
        permissions.push("tenant:update");
    }
    Json(json!({
        "token": token.expose(),
        "expires_at": expires_at(state.config().access_ttl),
        "refresh_token": refresh.expose(),
        "user": {
            "username": user.username,
            "tenant": user.tenant,
            "permissions": permissions,
        },
    }))
    .into_response()
}

pub async fn login(State(state): State<SandboxState>, body: Bytes) -> Result<Response, ApiError> {
    let counters = state.inner().kit.counters();
    let values =
        fields(&body, &["username", "password"]).inspect_err(|_| counters.login_failed())?;
    let user = state
        .config()
        .find_user(&values[0])
        .filter(|u| u.password.expose_secret() == values[1]);
    let Some(user) = user else {
        counters.login_failed();
        return Err(ApiError::unauthorized("invalid username or password"));
    };
    counters.login_succeeded();
    Ok(grant(&state, user))
}

pub async fn refresh(State(state): State<SandboxState>, body: Bytes) -> Result<Response, ApiError> {
    let values = fields(&body, &["refresh_token"])?;
    let inner = state.inner();
    let username = match inner.refresh.check(&values[0]) {
        TokenStatus::Valid(username) => username,
        TokenStatus::Expired => {
            return Err(ApiError::unauthorized(
                "the refresh token has expired or was used",
            ));
        }
        TokenStatus::Unknown => return Err(ApiError::unauthorized("invalid refresh token")),
    };
    let user = state
        .config()
        .find_user(&username)
        .ok_or_else(|| ApiError::unauthorized("unknown user"))?;
    // Each refresh token is good for one refresh: the answer carries the next one.
    inner.refresh.expire(&values[0]);
    inner.kit.counters().token_extended();
    Ok(grant(&state, user))
}
