//! The `prismacloud-sandbox` binary as a child process: started with flags, its printed lines
//! read up to the exports, stopped or killed; and [`Wire`], a logged-in client of it.

#![allow(dead_code)] // each test file uses a different part of this module

use std::process::Stdio;
use std::time::Duration;

use axum::http::StatusCode;
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

use crate::support::V1;

/// Safety net only: the binary prints its exports in a fraction of this.
const START_TIMEOUT: Duration = Duration::from_secs(30);

/// A running sandbox binary.
pub struct Process {
    pub child: Child,
    /// What it printed on stdout, up to its last `export` line.
    pub banner: Vec<String>,
    pub url: String,
}

impl Process {
    /// Starts the binary with `args` on a free port, without rate limit and with no sandbox
    /// variable of the caller's environment leaking in.
    pub async fn start(args: &[&str]) -> Process {
        Process::try_start(args)
            .await
            .unwrap_or_else(|stderr| panic!("the sandbox did not start: {stderr}"))
    }

    /// As [`Process::start`], but a start-up failure is `Err(stderr)`.
    pub async fn try_start(args: &[&str]) -> Result<Process, String> {
        let mut command = Command::new(env!("CARGO_BIN_EXE_prismacloud-sandbox"));
        command
            .args(["--listen", "127.0.0.1:0", "--no-rate-limit"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        for (name, _) in std::env::vars_os() {
            if name.to_string_lossy().starts_with("PRISMACLOUD_SANDBOX_") {
                command.env_remove(name);
            }
        }
        let mut child = command.spawn().expect("spawn the sandbox binary");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let mut banner = Vec::new();
        let read = async {
            while let Some(line) = lines.next_line().await.expect("read stdout") {
                let done = line.starts_with("export PRISMACLOUD_PASSWORD=");
                banner.push(line);
                if done {
                    return true;
                }
            }
            false
        };
        let printed = tokio::time::timeout(START_TIMEOUT, read)
            .await
            .expect("the sandbox printed its exports in time");
        if !printed {
            let output = child.wait_with_output().await.expect("the child's output");
            return Err(String::from_utf8_lossy(&output.stderr).into_owned());
        }
        // The rest of the banner (notes) follows at once; keep it for the tests.
        while let Ok(Ok(Some(line))) =
            tokio::time::timeout(Duration::from_millis(200), lines.next_line()).await
        {
            banner.push(line);
        }
        let url = banner
            .iter()
            .find_map(|l| l.strip_prefix("export PRISMACLOUD_URL="))
            .expect("a URL line")
            .to_owned();
        Ok(Process { child, banner, url })
    }

    /// SIGKILL: no chance to clean up, as a crash or an OOM kill.
    pub async fn kill(mut self) {
        self.child.kill().await.expect("kill");
    }

    /// SIGTERM, then waits for a clean exit.
    pub async fn stop(mut self) {
        let pid = self.child.id().expect("the child runs").to_string();
        let killed = Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .await
            .expect("kill");
        assert!(killed.success());
        let status = self.child.wait().await.expect("wait");
        assert!(status.success(), "exit status {status}");
    }
}

/// A logged-in HTTP client of a sandbox binary.
#[derive(Clone)]
pub struct Wire {
    http: reqwest::Client,
    url: String,
    token: String,
}

impl Wire {
    pub async fn login(url: &str) -> Wire {
        let http = reqwest::Client::new();
        let login: Value = http
            .post(format!("{url}/login"))
            .json(&json!({"username": "sandbox-access-key", "password": "sandbox-secret-key"}))
            .send()
            .await
            .expect("login")
            .json()
            .await
            .expect("login JSON");
        let token = login["token"].as_str().expect("a token").to_owned();
        Wire {
            http,
            url: url.to_owned(),
            token,
        }
    }

    /// `GET path` with the token.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{path}", self.url))
            .header("x-redlock-auth", &self.token)
            .send()
            .await
            .expect("an answer")
    }

    /// The status of a create, or `None` when the sandbox is gone.
    pub async fn try_create(&self, name: &str) -> Option<StatusCode> {
        let body = json!({"name": name, "integrationType": "pager_duty",
                          "integrationConfig": {"integrationKey": "pd-key"}});
        let answer = self
            .http
            .post(format!("{}{V1}", self.url))
            .header("x-redlock-auth", &self.token)
            .json(&body)
            .send()
            .await
            .ok()?;
        let status = answer.status();
        answer.bytes().await.ok().map(|_| status)
    }

    pub async fn create(&self, name: &str) -> StatusCode {
        self.try_create(name).await.expect("an answer")
    }

    pub async fn list(&self) -> Value {
        let list = self.get(&format!("{V1}?onlyEnabled=false")).await;
        list.json().await.expect("list JSON")
    }

    pub async fn names(&self) -> Vec<String> {
        let list = self.list().await;
        list.as_array()
            .expect("a list")
            .iter()
            .map(|i| i["name"].as_str().unwrap_or_default().to_owned())
            .collect()
    }
}
