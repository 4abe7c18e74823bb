//! How Prisma Cloud logs in: `POST /login` with the access key, `GET /auth_token/extend` to
//! renew a token past half its life. The kit's [`Session`](apiclient::Session) shares the
//! token, makes both single-flight and logs in again on 401.
//!
//! The login answer lists the tenants of the access key (`customerNames[].prismaId`): the
//! prisma id read there lets the client use the v1 endpoints at no extra call (`tenant.rs`).

use std::sync::OnceLock;

use apiclient::{
    Attempt, Error, Grant, Login, RequestSpec, SessionToken, Transport, login_call, token_field,
};
use reqwest::Method;
use secrecy::SecretString;

use super::body;
use super::route::Endpoints;
use super::tenant::prisma_id_in_login;

/// What to tell a user whose credentials were refused.
const CHECK: &str = "check the access key ID and secret key";

/// The credentials, and what the first login answer said of the tenant.
pub(crate) struct PrismaLogin {
    endpoints: Endpoints,
    username: String,
    password: SecretString,
    customer_name: Option<String>,
    prisma_id: OnceLock<String>,
}

impl PrismaLogin {
    pub(crate) fn new(
        endpoints: Endpoints,
        username: String,
        password: SecretString,
        customer_name: Option<String>,
    ) -> Self {
        PrismaLogin {
            endpoints,
            username,
            password,
            customer_name,
            prisma_id: OnceLock::new(),
        }
    }

    /// The prisma id a login answer named for this tenant, if one did.
    pub(crate) fn prisma_id(&self) -> Option<&str> {
        self.prisma_id.get().map(String::as_str)
    }
}

impl Login for PrismaLogin {
    /// `POST /login`, retried on 429/5xx/transport failures; 401 is final.
    async fn login(&self, transport: &Transport) -> Result<Grant, Error> {
        let spec = RequestSpec::new(Method::POST, self.endpoints.login()).with_body(body::login(
            &self.username,
            &self.password,
            self.customer_name.as_deref(),
        ));
        let secrets = [self.password.clone()];
        let response = login_call(transport, &spec, &secrets, CHECK).await?;
        let token = token_field(&response.body, "token").map_err(|detail| Error::Decode {
            operation: spec.operation(),
            expected: "a JSON object with a token",
            detail,
        })?;
        if let Some(id) = prisma_id_in_login(&response.body, self.customer_name.as_deref()) {
            let _ = self.prisma_id.set(id);
        }
        Ok(Grant::token(token))
    }

    /// `GET /auth_token/extend`, once; `None` on any failure (the session logs in instead).
    async fn renew(&self, transport: &Transport, current: &SessionToken) -> Option<Grant> {
        let spec = RequestSpec::new(Method::GET, self.endpoints.extend());
        match transport.send(&spec, current.headers(), 1).await {
            Ok(Attempt::Done(response)) if response.status.is_success() => {
                token_field(&response.body, "token").ok().map(Grant::token)
            }
            _ => {
                tracing::debug!("token extension failed; logging in again");
                None
            }
        }
    }
}
