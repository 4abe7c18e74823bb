//! Extractors whose rejections are [`ApiError`]s, so that even a malformed id or an unreadable
//! body is answered in the API's own error shape.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, RawPathParams, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use sandbox_kit::Caller;
use uuid::Uuid;

use crate::error::{ApiError, Violation, keys};

/// The authenticated user (as the pipeline's identification step found out); rejects with 401
/// otherwise.
#[derive(Debug, Clone)]
pub(crate) struct User(pub(crate) Arc<str>);

impl<S: Send + Sync> FromRequestParts<S> for User {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let (key, message) = match parts.extensions.get::<Caller>() {
            Some(Caller::User { user, .. }) => return Ok(User(Arc::clone(user))),
            Some(Caller::ExpiredToken) => (
                keys::TOKEN_EXPIRED,
                "the token has expired; log in again or extend it before it expires",
            ),
            Some(Caller::InvalidCredentials) => (keys::TOKEN_INVALID, "the token is not valid"),
            Some(Caller::NoCredentials) | None => (
                keys::TOKEN_MISSING,
                "the x-redlock-auth header with a token from POST /login is required",
            ),
        };
        Err(ApiError::one(
            StatusCode::UNAUTHORIZED,
            Violation::new(key, "x-redlock-auth", message),
        ))
    }
}

/// The `{id}` path parameter: a UUID (400 `invalid_id` otherwise).
#[derive(Debug, Clone, Copy)]
pub(crate) struct IntegrationId(pub(crate) Uuid);

impl<S: Send + Sync> FromRequestParts<S> for IntegrationId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let params = RawPathParams::from_request_parts(parts, state)
            .await
            .map_err(|_| invalid_id())?;
        let id = params
            .iter()
            .find(|(name, _)| *name == "id")
            .map(|(_, value)| value)
            .ok_or_else(invalid_id)?;
        parse_id(id).map(IntegrationId).ok_or_else(invalid_id)
    }
}

/// Parses an integration id: a hyphenated UUID.
pub(crate) fn parse_id(text: &str) -> Option<Uuid> {
    (text.len() == 36)
        .then(|| Uuid::try_parse(text).ok())
        .flatten()
}

/// 400 `invalid_id`.
pub(crate) fn invalid_id() -> ApiError {
    ApiError::bad_request(vec![Violation::new(
        keys::INVALID_ID,
        "id",
        "an integration id is a UUID such as 2f1b4c1e-9a76-4c8e-8f39-8f5a1d2e3b4c",
    )])
}

/// The raw body; 413 when it exceeds the size limit.
#[derive(Debug)]
pub(crate) struct Body(pub(crate) Bytes);

impl<S: Send + Sync> FromRequest<S> for Body {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        Bytes::from_request(req, state)
            .await
            .map(Body)
            .map_err(|_| {
                ApiError::one(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    Violation::general(keys::BODY_TOO_LARGE, "the request body is too large"),
                )
            })
    }
}

/// `key=value` pairs of a query string, percent-decoded.
pub(crate) fn query_pairs(query: Option<&str>) -> Vec<(String, String)> {
    url::form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .into_owned()
        .collect()
}
