//! `--state FILE`: the configurations survive a restart, secrets and timestamps included.

use datadogsiem_sandbox::{Sandbox, SandboxConfig, SandboxState};

use crate::support::{Running, okta};

async fn serve(path: &std::path::Path) -> Running {
    let state =
        SandboxState::persistent(SandboxConfig::default(), path).expect("the state file opens");
    Running {
        sandbox: Sandbox::serve(state, "127.0.0.1:0".parse().unwrap())
            .await
            .unwrap(),
        http: reqwest::Client::new(),
    }
}

#[tokio::test]
async fn configurations_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let first = serve(&path).await;
    let item = first.create(okta("kept", "tok-kept")).await;
    first.sandbox.shutdown().await;

    let second = serve(&path).await;
    let id = item["id"].as_str().unwrap();
    let read = second.get(&format!("/{id}")).await;
    assert_eq!(read.body["data"], item);
    let stored = second.sandbox.state().config_item(id).unwrap();
    assert_eq!(stored["attributes"]["secrets"]["api_token"], "tok-kept");
}

#[tokio::test]
async fn a_file_of_another_kind_is_refused_loudly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    std::fs::write(
        &path,
        r#"{"format": "prismacloud-sandbox", "version": 1, "data": {}}"#,
    )
    .unwrap();
    let error = SandboxState::persistent(SandboxConfig::default(), &path).unwrap_err();
    assert!(error.to_string().contains("prismacloud-sandbox"), "{error}");
    let broken = r#"{"format": "datadogsiem-sandbox", "version": 1, "data": {"configs": [
        {"id": "not-a-uuid", "ty": "OKTA", "name": "n", "domain": "d", "enabled": true,
         "settings": null, "secrets": {"api_token": "t"}, "state": "valid",
         "created_at": "x", "modified_at": "x"}]}}"#;
    std::fs::write(&path, broken).unwrap();
    let error = SandboxState::persistent(SandboxConfig::default(), &path).unwrap_err();
    assert!(error.to_string().contains("not a UUID"), "{error}");
}
