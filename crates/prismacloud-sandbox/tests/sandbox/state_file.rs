//! `--state FILE`: integrations kept across restarts, every change saved before it is answered,
//! a corrupt file refused at start, and a sandbox killed while writing leaving a whole file.

use std::path::Path;

use axum::http::StatusCode;
use prismacloud_sandbox::{SandboxConfig, SandboxState};
use serde_json::{Value, json};

use crate::support::{Client, V1, valid_configs};

async fn client_over(path: &Path) -> Client {
    let state = SandboxState::open(SandboxConfig::default(), path).expect("the state file opens");
    let mut client = Client::over(state);
    client.login().await;
    client
}

/// What a client sees of every integration: the classic and the v1 answers, one by one.
async fn everything_read(client: &Client) -> Vec<Value> {
    let mut seen = vec![
        client.get("/integration").await.json(),
        client.get(&format!("{V1}?onlyEnabled=false")).await.json(),
    ];
    for integration in client.state.integrations() {
        let id = integration["id"].as_str().expect("an id");
        seen.push(client.get(&format!("/integration/{id}")).await.json());
        seen.push(client.get(&format!("{V1}/{id}")).await.json());
    }
    seen
}

#[tokio::test]
async fn a_restarted_sandbox_answers_exactly_as_before() {
    let dir = tempfile::tempdir().expect("a scratch directory");
    let path = dir.path().join("sandbox-state.json");
    let client = client_over(&path).await;
    assert!(path.exists(), "the file is written at start");
    for (i, (ty, config)) in valid_configs().into_iter().enumerate() {
        let name = format!("Kept {i} {ty}");
        if matches!(ty, "okta" | "qualys" | "tenable") {
            client.create_classic(&name, ty, config).await;
        } else {
            client.create_v1(&name, ty, config).await;
        }
    }
    let headers = json!([{"key": "Authorization", "value": "Bearer kept", "secure": true}]);
    client
        .create_v1(
            "Kept webhook headers",
            "webhook",
            json!({"url": "https://hooks.example.com/p", "authToken": "t", "headers": headers}),
        )
        .await;
    let disabled = client.state.integrations()[3]["id"].clone();
    let disabled = disabled.as_str().expect("an id");
    client
        .patch(&format!("{V1}/{disabled}"), json!({"enabled": false}))
        .await
        .expect(StatusCode::OK);
    let before = client.state.integrations();
    let read_before = everything_read(&client).await;
    drop(client);

    let client = client_over(&path).await;
    assert_eq!(
        client.state.integrations(),
        before,
        "secrets, ids and order kept"
    );
    assert_eq!(everything_read(&client).await, read_before);
    // Still the same rules: names stay taken.
    let again = client
        .post(
            V1,
            json!({"name": "Kept 3 amazon_sqs", "integrationType": "pager_duty",
                         "integrationConfig": {"integrationKey": "k"}}),
        )
        .await;
    again.expect(StatusCode::BAD_REQUEST);
    assert_eq!(again.status_keys(), ["integration_name_already_exists"]);
}

#[tokio::test]
async fn every_kind_of_change_is_saved_before_it_is_answered() {
    let dir = tempfile::tempdir().expect("a scratch directory");
    let path = dir.path().join("state.json");
    let saved = || -> Vec<String> {
        let text = std::fs::read_to_string(&path).expect("the file");
        let file: Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(file["format"], "prismacloud-sandbox");
        file["data"]["integrations"]
            .as_array()
            .expect("a list")
            .iter()
            .map(|i| {
                format!(
                    "{} {}",
                    i["name"].as_str().unwrap_or_default(),
                    i["enabled"]
                )
            })
            .collect()
    };
    let client = client_over(&path).await;
    assert!(saved().is_empty());
    let created = client
        .create_v1("Saved alerts", "pager_duty", json!({"integrationKey": "k"}))
        .await;
    let id = created["id"].as_str().expect("an id");
    assert_eq!(saved(), ["Saved alerts true"]);
    client
        .put(
            &format!("{V1}/{id}"),
            json!({"name": "Renamed alerts", "integrationConfig": {}}),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(saved(), ["Renamed alerts true"]);
    client
        .patch(&format!("{V1}/{id}"), json!({"enabled": false}))
        .await
        .expect(StatusCode::OK);
    assert_eq!(saved(), ["Renamed alerts false"]);
    client
        .delete(&format!("{V1}/{id}"))
        .await
        .expect(StatusCode::OK);
    assert!(saved().is_empty());
    client
        .create_v1("Before reset", "pager_duty", json!({"integrationKey": "k"}))
        .await;
    client
        .post("/_sandbox/reset", json!({}))
        .await
        .expect(StatusCode::NO_CONTENT);
    assert!(
        saved().is_empty(),
        "a reset forgets the file's integrations too"
    );
    // A refused change writes nothing new.
    client
        .post(V1, json!({"name": "x"}))
        .await
        .expect(StatusCode::BAD_REQUEST);
    assert!(saved().is_empty());
}

#[tokio::test]
async fn a_corrupt_or_invalid_file_is_a_startup_error_naming_it_and_is_left_alone() {
    let dir = tempfile::tempdir().expect("a scratch directory");
    let path = dir.path().join("state.json");
    let id = "2f1b4c1e-9a76-4c8e-8f39-8f5a1d2e3b4c";
    let record = |config: Value| {
        json!({"format": "prismacloud-sandbox", "version": 1, "data": {"integrations": [{
            "id": id, "name": "Hand edited", "description": "", "enabled": true,
            "integrationType": "slack", "integrationConfig": config,
            "createdBy": "me", "createdTs": 1, "lastModifiedBy": "me", "lastModifiedTs": 1}]}})
        .to_string()
    };
    let cases = [
        (
            "{\"format\": \"prismacloud-sandbox\", \"vers".to_owned(),
            "not a sandbox state file",
        ),
        (
            record(json!({"webhookUrl": "https://example.com/x"})),
            "integrationConfig.webhookUrl",
        ),
        (
            record(json!({"webhookUrl": "https://hooks.slack.com/x", "extra": 1})),
            "extra",
        ),
    ];
    for (text, reason) in cases {
        std::fs::write(&path, &text).expect("written");
        let error = SandboxState::open(SandboxConfig::default(), &path)
            .expect_err("refused")
            .to_string();
        assert!(error.contains(&path.display().to_string()), "{error}");
        assert!(error.contains(reason), "{error}");
        assert!(
            !error.contains("example.com"),
            "values stay out of messages: {error}"
        );
        assert_eq!(std::fs::read_to_string(&path).expect("kept"), text);
    }
    std::fs::write(
        &path,
        record(json!({"webhookUrl": "https://hooks.slack.com/x"})),
    )
    .expect("w");
    let client = client_over(&path).await;
    assert_eq!(
        client.get(&format!("{V1}/{id}")).await.json()["name"],
        "Hand edited"
    );
}

#[cfg(unix)]
#[tokio::test]
async fn the_binary_keeps_its_state_across_a_restart_and_refuses_a_corrupt_file() {
    use crate::process::{Process, Wire};

    let dir = tempfile::tempdir().expect("a scratch directory");
    let path = dir.path().join("state.json");
    let state = path.to_str().expect("a UTF-8 path");
    let sandbox = Process::start(&["--state", state]).await;
    assert!(
        sandbox.banner.contains(&format!("# state kept in {state}")),
        "{:?}",
        sandbox.banner
    );
    let http = Wire::login(&sandbox.url).await;
    assert_eq!(http.create("Survives restarts").await, StatusCode::OK);
    let before = http.list().await;
    sandbox.stop().await;

    let sandbox = Process::start(&["--state", state]).await;
    let http = Wire::login(&sandbox.url).await;
    assert_eq!(http.list().await, before);
    sandbox.stop().await;

    std::fs::write(&path, "not JSON").expect("written");
    let error = Process::try_start(&["--state", state])
        .await
        .err()
        .expect("refused");
    assert!(
        error.contains("cannot be used") && error.contains(state),
        "{error}"
    );
}

#[cfg(unix)]
#[tokio::test]
async fn a_sandbox_killed_while_saving_leaves_a_whole_file_with_every_answered_change() {
    use crate::process::{Process, Wire};

    let dir = tempfile::tempdir().expect("a scratch directory");
    let path = dir.path().join("state.json");
    let state = path.to_str().expect("a UTF-8 path");
    let mut answered: Vec<String> = Vec::new();
    for round in 0..4u64 {
        let sandbox = Process::start(&["--state", state]).await;
        let http = Wire::login(&sandbox.url).await;
        // Writers create as fast as they can; the kill lands in the middle of their saves.
        let writers: Vec<_> = (0..4)
            .map(|w| {
                let http = http.clone();
                tokio::spawn(async move {
                    let mut done = Vec::new();
                    for i in 0.. {
                        let name = format!("Round {round} writer {w} n{i}");
                        match http.try_create(&name).await {
                            Some(status) if status == StatusCode::OK => done.push(name),
                            Some(_) => {}
                            None => break,
                        }
                    }
                    done
                })
            })
            .collect();
        tokio::time::sleep(std::time::Duration::from_millis(40 + 70 * round)).await;
        sandbox.kill().await;
        for writer in writers {
            answered.extend(writer.await.expect("a writer"));
        }
        // A whole file: the sandbox starts from it, with every answered create in it.
        let check = Process::start(&["--state", state]).await;
        let names = Wire::login(&check.url).await.names().await;
        for name in &answered {
            assert!(names.contains(name), "{name} was answered but is lost");
        }
        check.stop().await;
    }
    assert!(
        answered.len() > 10,
        "the writers got going: {}",
        answered.len()
    );
}
