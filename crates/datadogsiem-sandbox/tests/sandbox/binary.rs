//! The binary prints the `export` lines a user pastes, and serves what they say.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::support::{okta, send};

#[tokio::test]
async fn the_binary_prints_working_export_lines() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_datadogsiem-sandbox"))
        .args([
            "--listen",
            "127.0.0.1:0",
            "--api-key",
            "k1",
            "--app-key",
            "k2",
        ])
        .env_remove("DATADOGSIEM_SANDBOX_LISTEN")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the sandbox binary starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut exports = std::collections::BTreeMap::new();
    for line in lines.by_ref() {
        let line = line.unwrap();
        if let Some((name, value)) = line
            .strip_prefix("export ")
            .and_then(|rest| rest.split_once('='))
        {
            exports.insert(name.to_owned(), value.to_owned());
        }
        if line.contains("Ctrl-C") {
            break;
        }
    }
    let keys: Vec<&str> = exports.keys().map(String::as_str).collect();
    assert_eq!(keys, ["DD_API_KEY", "DD_APP_KEY", "DD_HOST"]);
    let base = format!("{}{}", exports["DD_HOST"], datadogsiem_sandbox::BASE);
    let answer = send(
        reqwest::Client::new()
            .post(&base)
            .header("DD-API-KEY", &exports["DD_API_KEY"])
            .header("DD-APPLICATION-KEY", &exports["DD_APP_KEY"])
            .json(&crate::support::envelope(okta("from the shell", "t"))),
    )
    .await;
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(answer.status, reqwest::StatusCode::OK, "{answer:?}");
}
