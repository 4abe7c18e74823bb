//! Sandbox throughput: the `prismacloud-sandbox` binary pinned to one core (`taskset -c 0`)
//! answering `GET /integration/{id}` as fast as it can, driven by a load generator on the
//! other core (this benchmark binary again, started with `--load-generator`).
//!
//! The generator keeps `concurrency` keep-alive HTTP/1.1 connections busy for a fixed time
//! and counts the answers. The sandbox runs without rate limit and with its normal request
//! log (to /dev/null), so what is measured is the request pipeline the benchmark itself uses.
//!
//! Two numbers come out: requests per second of wall-clock time, which on a shared machine
//! depends on what else runs on core 0, and requests per CPU-second the sandbox process used
//! (from `/proc/<pid>/stat`), which is what one core of its own would serve.

use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context as _, anyhow, bail};

use crate::procfs::cpu_seconds;
use prismacloud_sandbox::config::DEFAULT_PRISMA_ID;
use serde_json::{Value, json};

/// The flag that turns this binary into the load generator.
pub const GENERATOR_FLAG: &str = "--load-generator";

/// What one throughput run found.
#[derive(Debug, Clone)]
pub struct Throughput {
    pub requests_per_second: f64,
    /// Requests answered per second of CPU time the sandbox used.
    pub requests_per_cpu_second: f64,
    pub errors: u64,
    pub concurrency: usize,
    pub seconds: f64,
    /// Whether the sandbox and the generator each had a core of their own.
    pub pinned: bool,
}

/// A sandbox process; killed when dropped.
struct SandboxProcess {
    child: Child,
    url: String,
    username: String,
    password: String,
}

impl Drop for SandboxProcess {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

fn can_pin() -> bool {
    std::thread::available_parallelism().is_ok_and(|n| n.get() >= 2)
        && Command::new("taskset")
            .arg("-V")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
}

/// `program args`, on `core` when pinning is possible.
fn on_core(pinned: bool, core: u32, program: &Path) -> Command {
    if pinned {
        let mut cmd = Command::new("taskset");
        cmd.arg("-c").arg(core.to_string()).arg(program);
        cmd
    } else {
        Command::new(program)
    }
}

fn start_sandbox(binary: &Path, pinned: bool) -> anyhow::Result<SandboxProcess> {
    let mut child = on_core(pinned, 0, binary)
        .args(["--listen", "127.0.0.1:0", "--no-rate-limit"])
        .env_remove("PRISMACLOUD_SANDBOX_LOG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("start the sandbox")?;
    let stdout = child.stdout.take().context("piped stdout")?;
    let mut exports = std::collections::HashMap::new();
    for line in BufReader::new(stdout).lines() {
        let line = line?;
        if let Some((name, value)) = line.strip_prefix("export ").and_then(|l| l.split_once('=')) {
            exports.insert(name.to_owned(), value.trim_matches('\'').to_owned());
        }
        if exports.contains_key("PRISMACLOUD_PASSWORD") {
            break;
        }
    }
    let mut get = |name: &str| {
        exports
            .remove(name)
            .ok_or_else(|| anyhow!("the sandbox printed no {name}"))
    };
    Ok(SandboxProcess {
        url: get("PRISMACLOUD_URL")?,
        username: get("PRISMACLOUD_USERNAME")?,
        password: get("PRISMACLOUD_PASSWORD")?,
        child,
    })
}

/// Logs in and creates one integration; returns the token and the integration's path.
async fn prepare(sandbox: &SandboxProcess) -> anyhow::Result<(String, String)> {
    let http = reqwest::Client::new();
    let login: Value = http
        .post(format!("{}/login", sandbox.url))
        .json(&json!({"username": sandbox.username, "password": sandbox.password}))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    let token = login["token"].as_str().context("a token")?.to_owned();
    let prisma_id = DEFAULT_PRISMA_ID;
    let created: Value = http
        .post(format!(
            "{}/api/v1/tenant/{prisma_id}/integration",
            sandbox.url
        ))
        .header("x-redlock-auth", &token)
        .json(&json!({
            "name": "load test",
            "description": "",
            "integrationType": "slack",
            "integrationConfig": {"webhookUrl": "https://hooks.slack.com/services/T0/B0/load"},
        }))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    let id = created["id"].as_str().context("an id")?;
    Ok((token, format!("/integration/{id}")))
}

/// Runs the whole measurement: sandbox on core 0, generator on core 1.
pub fn measure(
    sandbox_binary: &Path,
    seconds: f64,
    concurrency: usize,
) -> anyhow::Result<Throughput> {
    let pinned = can_pin();
    let sandbox = start_sandbox(sandbox_binary, pinned)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let (token, path) = runtime.block_on(prepare(&sandbox))?;
    let cpu_before = cpu_seconds(sandbox.child.id())?;
    let me = std::env::current_exe()?;
    let output = on_core(pinned, 1, &me)
        .args([
            GENERATOR_FLAG,
            &format!("{}{path}", sandbox.url),
            &token,
            &seconds.to_string(),
            &concurrency.to_string(),
        ])
        .stderr(Stdio::inherit())
        .output()
        .context("run the load generator")?;
    if !output.status.success() {
        bail!("the load generator failed");
    }
    let cpu = cpu_seconds(sandbox.child.id())? - cpu_before;
    let report: Value = serde_json::from_slice(&output.stdout)?;
    let requests = report["requests"].as_f64().unwrap_or(0.0);
    Ok(Throughput {
        requests_per_second: report["requestsPerSecond"].as_f64().unwrap_or(0.0),
        requests_per_cpu_second: requests / cpu,
        errors: report["errors"].as_u64().unwrap_or(0),
        concurrency,
        seconds,
        pinned,
    })
}

/// The generator itself: `--load-generator URL TOKEN SECONDS CONCURRENCY`; prints JSON.
pub fn generate(args: &[String]) -> anyhow::Result<()> {
    let [url, token, seconds, concurrency] = args else {
        bail!("usage: {GENERATOR_FLAG} URL TOKEN SECONDS CONCURRENCY");
    };
    let duration = Duration::from_secs_f64(seconds.parse()?);
    let concurrency: usize = concurrency.parse()?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let ok = Arc::new(AtomicU64::new(0));
    let errors = Arc::new(AtomicU64::new(0));
    let elapsed = runtime.block_on(async {
        let http = reqwest::Client::builder()
            .pool_max_idle_per_host(concurrency)
            .http1_only()
            .build()?;
        let started = Instant::now();
        let deadline = started + duration;
        let workers: Vec<_> = (0..concurrency)
            .map(|_| {
                let (http, url, token) = (http.clone(), url.clone(), token.clone());
                let (ok, errors) = (Arc::clone(&ok), Arc::clone(&errors));
                tokio::spawn(async move {
                    while Instant::now() < deadline {
                        let answer = http.get(&url).header("x-redlock-auth", &token).send().await;
                        let fine = match answer {
                            Ok(response) => {
                                let status = response.status();
                                response.bytes().await.is_ok() && status.is_success()
                            }
                            Err(_) => false,
                        };
                        let counter = if fine { &ok } else { &errors };
                        counter.fetch_add(1, Ordering::Relaxed);
                    }
                })
            })
            .collect();
        for worker in workers {
            worker.await?;
        }
        anyhow::Ok(started.elapsed())
    })?;
    let ok = ok.load(Ordering::Relaxed);
    let report = json!({
        "requests": ok,
        "errors": errors.load(Ordering::Relaxed),
        "seconds": elapsed.as_secs_f64(),
        "requestsPerSecond": ok as f64 / elapsed.as_secs_f64(),
    });
    println!("{report}");
    Ok(())
}
