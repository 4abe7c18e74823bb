//! How a sandbox is set up: the users it accepts (each of one tenant, with its permissions),
//! the lifetimes of access and refresh tokens, the page sizes of lists, and the kit's rate
//! limit, latency and faults.

use std::time::Duration;

use sandbox_kit::KitSettings;
use sandbox_kit::rate_limit::DEFAULT_RATE_LIMIT;
use secrecy::SecretString;

/// The user of a default sandbox. Public on purpose: the sandbox is offline.
pub const DEFAULT_USERNAME: &str = "admin@acme-corp.example";
/// Its password. Public on purpose: the sandbox is offline.
pub const DEFAULT_PASSWORD: &str = "sandbox-password";
/// Its tenant.
pub const DEFAULT_TENANT: &str = "acme-corp";
/// A second tenant's user (same password), so that scoping can be seen: its token gets 403 on
/// [`DEFAULT_TENANT`]'s integrations.
pub const OTHER_USERNAME: &str = "admin@globex.example";
pub const OTHER_TENANT: &str = "globex";
/// A user of [`DEFAULT_TENANT`] with `tenant:read` only (same password): writes get 403.
pub const READER_USERNAME: &str = "auditor@acme-corp.example";
/// The real API's access token lifetime.
pub const DEFAULT_ACCESS_TTL: Duration = Duration::from_secs(3600);
/// The real API's refresh token lifetime.
pub const DEFAULT_REFRESH_TTL: Duration = Duration::from_secs(7 * 24 * 3600);
/// Items per page when a list does not ask.
pub const DEFAULT_PER_PAGE: u32 = 20;
/// The most items a page holds; a larger `per_page` is served as this.
pub const DEFAULT_MAX_PER_PAGE: u32 = 100;

/// One user the sandbox accepts. `Debug` never shows the password.
#[derive(Debug, Clone)]
pub struct User {
    pub username: String,
    pub password: SecretString,
    /// The tenant slug its tokens are scoped to.
    pub tenant: String,
    /// `tenant:update` besides `tenant:read`.
    pub can_update: bool,
}

/// Configuration of a sandbox.
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// The users `POST /api/v1/auth/token` accepts; the first is the one the banner shows.
    pub users: Vec<User>,
    /// How long an access token lives.
    pub access_ttl: Duration,
    /// How long a refresh token lives (each is good for one refresh).
    pub refresh_ttl: Duration,
    pub default_per_page: u32,
    pub max_per_page: u32,
    /// The kit's part: rate limit, latency, faults.
    pub kit: KitSettings,
}

impl SandboxConfig {
    /// The users of a default sandbox with `username`, `password` and `tenant` as its main one.
    pub fn with_user(username: &str, password: &str, tenant: &str) -> SandboxConfig {
        let user = |username: &str, tenant: &str, can_update| User {
            username: username.into(),
            password: SecretString::from(password),
            tenant: tenant.into(),
            can_update,
        };
        SandboxConfig {
            users: vec![
                user(username, tenant, true),
                user(OTHER_USERNAME, OTHER_TENANT, true),
                user(READER_USERNAME, tenant, false),
            ],
            access_ttl: DEFAULT_ACCESS_TTL,
            refresh_ttl: DEFAULT_REFRESH_TTL,
            default_per_page: DEFAULT_PER_PAGE,
            max_per_page: DEFAULT_MAX_PER_PAGE,
            kit: KitSettings {
                rate_limit: Some(DEFAULT_RATE_LIMIT),
                ..KitSettings::default()
            },
        }
    }

    /// The main user.
    pub fn user(&self) -> &User {
        &self.users[0]
    }

    pub fn find_user(&self, username: &str) -> Option<&User> {
        self.users.iter().find(|u| u.username == username)
    }
}

impl Default for SandboxConfig {
    /// [`DEFAULT_USERNAME`] of [`DEFAULT_TENANT`], the other tenant's user and the reader;
    /// the real API's token lifetimes; pages of 20, at most 100; the kit's default rate limit.
    fn default() -> Self {
        SandboxConfig::with_user(DEFAULT_USERNAME, DEFAULT_PASSWORD, DEFAULT_TENANT)
    }
}
