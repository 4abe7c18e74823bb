//! A sandbox bound to a real port: the library's `Sandbox`, and the `prismacloud-sandbox`
//! binary (printed exports, env configuration, request log on stderr, SIGTERM).

use std::process::Stdio;
use std::time::Duration;

use prismacloud_sandbox::{Sandbox, SandboxConfig};
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, BufReader};
use tokio::process::Command;

/// Safety net only: nothing here is expected to take more than a fraction of this.
const SAFETY_NET: Duration = Duration::from_secs(60);

async fn login(http: &reqwest::Client, url: &str, username: &str, password: &str) -> String {
    let answer: Value = http
        .post(format!("{url}/login"))
        .json(&json!({"username": username, "password": password}))
        .send()
        .await
        .expect("login request")
        .error_for_status()
        .expect("login accepted")
        .json()
        .await
        .expect("login JSON");
    answer["token"].as_str().expect("token").to_owned()
}

#[tokio::test]
async fn a_bound_sandbox_serves_http_until_shut_down() {
    let sandbox = Sandbox::start(
        SandboxConfig::default(),
        "127.0.0.1:0".parse().expect("addr"),
    )
    .await
    .expect("bind");
    let url = sandbox.url();
    assert!(
        url.starts_with("http://127.0.0.1:") && !url.ends_with(":0"),
        "{url}"
    );

    let http = reqwest::Client::new();
    let token = login(&http, &url, "sandbox-access-key", "sandbox-secret-key").await;
    let created = http
        .post(format!("{url}/api/v1/tenant/806775361068/integration"))
        .header("x-redlock-auth", &token)
        .json(
            &json!({"name": "Over the wire", "integrationType": "pager_duty",
                      "integrationConfig": {"integrationKey": "wire-key"}}),
        )
        .send()
        .await
        .expect("create");
    assert_eq!(created.status(), 200);
    assert!(created.headers().contains_key("x-redlock-request-id"));
    assert_eq!(
        sandbox.state().integrations()[0]["integrationConfig"]["integrationKey"],
        "wire-key"
    );
    let stats: Value = http
        .get(format!("{url}/_sandbox/stats"))
        .send()
        .await
        .expect("stats")
        .json()
        .await
        .expect("stats JSON");
    assert_eq!(stats["totalRequests"], 2);

    sandbox.shutdown().await;
    assert!(http.get(format!("{url}/license")).send().await.is_err());
}

#[cfg(unix)]
#[tokio::test]
async fn the_binary_prints_exports_reads_env_logs_requests_and_stops_on_sigterm() {
    tokio::time::timeout(SAFETY_NET, run_binary())
        .await
        .expect("the binary scenario finished");
}

#[cfg(unix)]
async fn run_binary() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_prismacloud-sandbox"))
        .args([
            "--listen",
            "127.0.0.1:0",
            "--username",
            "alice",
            "--password",
            "pass word",
        ])
        .env("PRISMACLOUD_SANDBOX_PRISMA_ID", "123456789012")
        .env("PRISMACLOUD_SANDBOX_NO_RATE_LIMIT", "true")
        .env_remove("PRISMACLOUD_SANDBOX_LISTEN")
        .env_remove("PRISMACLOUD_SANDBOX_LOG")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("spawn the sandbox binary");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let mut exports = Vec::new();
    while let Some(line) = lines.next_line().await.expect("read stdout") {
        let done = line.starts_with("export PRISMACLOUD_PASSWORD=");
        exports.push(line);
        if done {
            break;
        }
    }
    let url = exports
        .iter()
        .find_map(|l| l.strip_prefix("export PRISMACLOUD_URL="))
        .expect("URL line")
        .to_owned();
    assert!(
        url.starts_with("http://127.0.0.1:") && !url.ends_with(":0"),
        "{url}"
    );
    assert!(
        exports.contains(&"export PRISMACLOUD_USERNAME=alice".to_owned()),
        "{exports:?}"
    );
    assert!(
        exports.contains(&"export PRISMACLOUD_PASSWORD='pass word'".to_owned()),
        "{exports:?}"
    );

    let http = reqwest::Client::new();
    let token = login(&http, &url, "alice", "pass word").await;
    let license = http
        .get(format!("{url}/license"))
        .header("x-redlock-auth", &token)
        .send()
        .await
        .expect("license");
    assert!(!license.headers().contains_key("x-ratelimit-remaining"));
    let license: Value = license.json().await.expect("license JSON");
    assert_eq!(license["prismaId"], "123456789012");

    let pid = child.id().expect("the child runs").to_string();
    let killed = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .await
        .expect("kill");
    assert!(killed.success());
    let status = child.wait().await.expect("wait");
    assert!(status.success(), "exit status {status}");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr)
        .await
        .expect("read stderr");
    assert!(
        stderr.contains("path=/login") && stderr.contains("status=200"),
        "{stderr}"
    );
    assert!(stderr.contains("path=/license"), "{stderr}");
    assert!(
        !stderr.contains("pass word") && !stderr.contains(&token),
        "{stderr}"
    );
}
