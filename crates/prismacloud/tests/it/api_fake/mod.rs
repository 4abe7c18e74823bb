//! A scriptable fake of the Prisma Cloud integration API for the client's tests.
//!
//! It implements the wire contract strictly enough to catch mistakes (v1 create bodies must
//! not carry `enabled`, v1 update bodies must not carry `integrationType`, v1 lists hide
//! disabled integrations unless asked, classic answers spell types in UPPERCASE and okta as
//! `OKTA_IDP`, classic create answers have no body, secrets come back masked), and lets a test
//! queue *faults* per route: a canned answer, or the normal handling followed by a 5xx, a
//! dropped connection or an answer that never comes. Every request is recorded.
//!
//! By default it reveals no prisma id (its login answer lists no `customerNames` and `GET
//! /license` is not found), so a client without one uses the classic endpoints; a test opts in
//! with [`Fake::name_tenants_at_login`] or [`Fake::serve_license`].
//!
//! Connections are served one task each with hyper directly, so a handler can drop its own
//! connection after the request was read and processed.

mod handlers;

use std::collections::{HashSet, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::{Extension, Router};
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use hyper_util::service::TowerToHyperService;
use prismacloud::api::{Client, ClientConfig};
use secrecy::SecretString;
use serde_json::{Map, Value};
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tokio::task::JoinHandle;
use url::Url;

pub const USERNAME: &str = "AKID-fake-user";
pub const PASSWORD: &str = "fake-secret-key-Qz81";
pub const PRISMA_ID: &str = "806775361068";
/// What the fake answers instead of a secret value.
pub const MASK: &str = "**********";
/// `integrationConfig` keys the fake treats as secret.
pub const SECRET_KEYS: &[&str] = &["webhookUrl", "apiToken", "password", "authToken"];
/// Longest a test waits for something to happen before failing (a safety net only).
pub const PATIENCE: Duration = Duration::from_secs(20);

/// Which endpoint a request was for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Route {
    Login,
    Extend,
    License,
    List,
    Create,
    Get,
    Update,
    Patch,
    Delete,
    Test,
}

/// The endpoint family a request used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Classic,
    Tenant,
}

/// One recorded request.
#[derive(Debug, Clone)]
pub struct Seen {
    pub route: Route,
    pub family: Option<Family>,
    pub query: String,
    pub body: Option<Value>,
    pub token: Option<String>,
    pub user_agent: Option<String>,
    pub at: Instant,
}

/// A stored integration.
#[derive(Debug, Clone)]
pub struct Stored {
    pub id: String,
    pub name: String,
    pub description: String,
    pub enabled: bool,
    /// Lowercase, as callers name it.
    pub integration_type: String,
    pub config: Map<String, Value>,
    /// Stored but not yet visible in lists (an eventually consistent store).
    pub hidden: bool,
}

/// What happens to the request a fault is applied to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handling {
    /// Not handled at all.
    Skip,
    /// Handled normally (stored, updated...).
    Normal,
    /// Handled, but a created integration stays out of lists until its name is reused.
    Hidden,
}

/// What is sent back.
#[derive(Debug, Clone)]
pub enum Reply {
    Normal,
    Canned {
        status: u16,
        headers: Vec<(String, String)>,
        body: String,
    },
    /// Close the connection without answering.
    Drop,
    /// Never answer.
    Hang,
}

/// A scripted deviation for the next request to one route.
#[derive(Debug, Clone)]
pub struct Fault {
    pub handling: Handling,
    pub reply: Reply,
}

impl Fault {
    /// Answer `status` with an empty body, without handling the request.
    pub fn status(status: u16) -> Fault {
        Fault {
            handling: Handling::Skip,
            reply: Reply::Canned {
                status,
                headers: Vec::new(),
                body: String::new(),
            },
        }
    }

    /// Never answer, without handling the request.
    pub fn hang() -> Fault {
        Fault {
            handling: Handling::Skip,
            reply: Reply::Hang,
        }
    }

    /// Handle the request, then close the connection without answering.
    pub fn drop_after_handling() -> Fault {
        Fault {
            handling: Handling::Normal,
            reply: Reply::Drop,
        }
    }

    /// Handle the request, then never answer.
    pub fn hang_after_handling() -> Fault {
        Fault {
            handling: Handling::Normal,
            reply: Reply::Hang,
        }
    }

    /// Also handle the request before the canned answer.
    pub fn after_handling(mut self) -> Fault {
        self.handling = Handling::Normal;
        self
    }

    /// Handle the request but keep a created integration out of lists.
    pub fn hidden(mut self) -> Fault {
        self.handling = Handling::Hidden;
        self
    }

    pub fn body(mut self, text: &str) -> Fault {
        if let Reply::Canned { body, .. } = &mut self.reply {
            *body = text.to_owned();
        }
        self
    }

    pub fn header(mut self, name: &str, value: &str) -> Fault {
        if let Reply::Canned { headers, .. } = &mut self.reply {
            headers.push((name.to_owned(), value.to_owned()));
        }
        self
    }
}

/// Everything the fake knows.
#[derive(Default)]
pub struct Inner {
    pub tokens: HashSet<String>,
    pub issued_tokens: Vec<String>,
    pub next_token: u64,
    pub integrations: Vec<Stored>,
    pub next_id: u64,
    pub next_request_id: u64,
    pub faults: VecDeque<(Route, Fault)>,
    pub seen: Vec<Seen>,
    pub login_delay: Duration,
    /// `customerNames` of the login answer, as (customerName, prismaId); none when `None`.
    pub customer_names: Option<Vec<(String, String)>>,
    /// Whether `GET /license` answers `{"prismaId": PRISMA_ID}` (else 404).
    pub license: bool,
}

/// Shared state of one fake server.
#[derive(Default)]
pub struct FakeState {
    inner: Mutex<Inner>,
}

impl FakeState {
    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner
            .lock()
            .expect("fake state lock is never poisoned")
    }
}

/// A running fake; stops when dropped.
pub struct Fake {
    pub url: Url,
    pub state: Arc<FakeState>,
    server: JoinHandle<()>,
}

impl Drop for Fake {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl Fake {
    /// Starts a fake on 127.0.0.1 with a free port.
    pub async fn start() -> Fake {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let url = Url::parse(&format!(
            "http://{}/",
            listener.local_addr().expect("local address")
        ))
        .expect("fake URL");
        let state = Arc::new(FakeState::default());
        let router = handlers::router(Arc::clone(&state));
        let server = tokio::spawn(serve(listener, router));
        Fake { url, state, server }
    }

    /// A client configuration for this fake: real credentials, fast backoff.
    pub fn config(&self) -> ClientConfig {
        let mut config =
            ClientConfig::new(self.url.clone(), USERNAME, SecretString::from(PASSWORD));
        config.backoff_base = Duration::from_millis(1);
        config.backoff_cap = Duration::from_millis(5);
        config.max_retries = 3;
        config.request_timeout = Duration::from_secs(10);
        config
    }

    /// A client on the classic endpoints only.
    pub fn classic_client(&self) -> Client {
        Client::new(self.config()).expect("valid client configuration")
    }

    /// A client with a prisma id (tenant endpoints for outbound types).
    pub fn tenant_client(&self) -> Client {
        let mut config = self.config();
        config.prisma_id = Some(PRISMA_ID.to_owned());
        Client::new(config).expect("valid client configuration")
    }

    /// Queues a fault for the next request to `route`.
    pub fn fault(&self, route: Route, fault: Fault) {
        self.state.lock().faults.push_back((route, fault));
    }

    /// Requests seen for `route`.
    pub fn seen(&self, route: Route) -> Vec<Seen> {
        self.state
            .lock()
            .seen
            .iter()
            .filter(|s| s.route == route)
            .cloned()
            .collect()
    }

    pub fn count(&self, route: Route) -> usize {
        self.seen(route).len()
    }

    /// Every stored integration, hidden or not.
    pub fn stored(&self) -> Vec<Stored> {
        self.state.lock().integrations.clone()
    }

    /// Stores an integration directly.
    pub fn insert(&self, name: &str, integration_type: &str, enabled: bool) -> String {
        let mut inner = self.state.lock();
        inner.next_id += 1;
        let id = format!("seeded-{}", inner.next_id);
        inner.integrations.push(Stored {
            id: id.clone(),
            name: name.to_owned(),
            description: String::new(),
            enabled,
            integration_type: integration_type.to_owned(),
            config: Map::new(),
            hidden: false,
        });
        id
    }

    /// Makes every issued token invalid (as if they expired on the server).
    pub fn revoke_tokens(&self) {
        self.state.lock().tokens.clear();
    }

    /// Every token the fake ever issued.
    pub fn issued_tokens(&self) -> Vec<String> {
        self.state.lock().issued_tokens.clone()
    }

    pub fn set_login_delay(&self, delay: Duration) {
        self.state.lock().login_delay = delay;
    }

    /// Makes the login answer list these tenants, as (customerName, prismaId).
    pub fn name_tenants_at_login(&self, tenants: &[(&str, &str)]) {
        self.state.lock().customer_names = Some(
            tenants
                .iter()
                .map(|(name, id)| ((*name).to_owned(), (*id).to_owned()))
                .collect(),
        );
    }

    /// Makes `GET /license` answer this tenant's prisma id.
    pub fn serve_license(&self) {
        self.state.lock().license = true;
    }

    /// Waits until `condition` holds (polling), failing the test after [`PATIENCE`].
    pub async fn wait_until(&self, what: &str, condition: impl Fn(&Fake) -> bool) {
        let deadline = Instant::now() + PATIENCE;
        while !condition(self) {
            assert!(Instant::now() < deadline, "timed out waiting until {what}");
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}

/// Per-connection switch a handler uses to drop its own connection.
#[derive(Clone)]
pub struct ConnectionKill(pub Arc<Notify>);

async fn serve(listener: TcpListener, router: Router) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let kill = Arc::new(Notify::new());
        let service = TowerToHyperService::new(
            router
                .clone()
                .layer(Extension(ConnectionKill(Arc::clone(&kill)))),
        );
        tokio::spawn(async move {
            let builder = auto::Builder::new(TokioExecutor::new());
            let connection = builder.serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                _ = connection => {}
                () = kill.notified() => {}
            }
        });
    }
}
