//! `POST /login`, `GET /auth_token/extend` and `GET /license`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use sandbox_kit::Vendor as _;
use secrecy::ExposeSecret;
use serde_json::{Map, Value, json};

use super::extract::{Body, User};
use crate::error::{ApiError, Violation, keys};
use crate::request::json_object;
use crate::state::SandboxState;

/// `POST /login {username, password, customerName?, prismaId?}` → `{token, message,
/// customerNames: [{customerName, prismaId, tosAccepted}], roles}`, as documented: the tenants
/// of the access key (this sandbox has one), from which a client learns its prisma id.
pub(crate) async fn login(
    State(state): State<SandboxState>,
    Body(body): Body,
) -> Result<Json<Value>, ApiError> {
    let stats = state.kit().counters();
    if let Err(error) = check_credentials(&state, &body) {
        stats.login_failed();
        return Err(error);
    }
    stats.login_succeeded();
    let config = state.config();
    let token = state.inner().sessions.issue(&config.username);
    Ok(Json(json!({
        "token": token.expose(),
        "message": "login_successful",
        "customerNames": [{
            "customerName": config.customer_name,
            "prismaId": config.prisma_id,
            "tosAccepted": true,
        }],
        "roles": ["System Admin"],
    })))
}

fn string_field<'a>(
    body: &'a Map<String, Value>,
    key: &str,
    required: bool,
    out: &mut Vec<Violation>,
) -> Option<&'a str> {
    match body.get(key) {
        Some(Value::String(s)) => Some(s),
        None | Some(Value::Null) if !required => None,
        None | Some(Value::Null) => {
            out.push(Violation::new(
                keys::MISSING_PARAMETER,
                key,
                format!("{key} is required"),
            ));
            None
        }
        Some(_) => {
            out.push(Violation::new(
                keys::INVALID_VALUE,
                key,
                format!("{key} must be a string"),
            ));
            None
        }
    }
}

fn check_credentials(state: &SandboxState, body: &[u8]) -> Result<(), ApiError> {
    let body = json_object(body)?;
    let mut out = Vec::new();
    let username = string_field(&body, "username", true, &mut out);
    let password = string_field(&body, "password", true, &mut out);
    let customer = string_field(&body, "customerName", false, &mut out);
    let prisma_id = string_field(&body, "prismaId", false, &mut out);
    ApiError::check(out)?;
    let config = state.config();
    let accepted = username == Some(config.username.as_str())
        && password.is_some_and(|p| same_secret(p, config.password.expose_secret()))
        && customer.is_none_or(|c| c == config.customer_name)
        && prisma_id.is_none_or(|p| p == config.prisma_id);
    if accepted {
        Ok(())
    } else {
        Err(ApiError::one(
            StatusCode::UNAUTHORIZED,
            Violation::general(
                keys::INVALID_CREDENTIALS,
                "invalid credentials (access key, secret key, customer name or prisma id)",
            ),
        ))
    }
}

/// Compares without stopping at the first difference (no timing hint about the secret).
fn same_secret(given: &str, expected: &str) -> bool {
    let (given, expected) = (given.as_bytes(), expected.as_bytes());
    let differences = given
        .iter()
        .zip(expected)
        .fold(0u8, |acc, (a, b)| acc | (a ^ b));
    differences == 0 && given.len() == expected.len()
}

/// `GET /auth_token/extend` → `{token}`: a fresh token for the same user.
pub(crate) async fn extend(State(state): State<SandboxState>, User(user): User) -> Json<Value> {
    let token = state.inner().sessions.issue(&user);
    state.kit().counters().token_extended();
    Json(json!({"token": token.expose(), "message": "login_successful"}))
}

/// `GET /license` → `{prismaId, customerName}`.
pub(crate) async fn license(State(state): State<SandboxState>) -> Json<Value> {
    let config = state.config();
    Json(json!({
        "prismaId": config.prisma_id,
        "customerName": config.customer_name,
    }))
}

#[cfg(test)]
mod tests {
    use super::same_secret;

    #[test]
    fn same_secret_compares_whole_strings() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abc", "abd"));
        assert!(!same_secret("ab", "abc"));
        assert!(!same_secret("abcd", "abc"));
        assert!(same_secret("", ""));
    }
}
