//! Ctrl-C during `terraform apply`, through the real CLI: the launcher passes SIGINT to
//! Terraform, which sends StopProvider; the provider's retries stop at once instead of waiting
//! out a two-minute `Retry-After`, and the state records what was created.

use crate::support;

use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use prismacloud_sandbox::{FaultConfig, FaultKind, FaultRule, FaultWeights, Stats};
use support::{Acceptance, Run};

/// PagerDuty's endpoints: the v1 ones of the prisma id the provider learns at login.
const CREATE: &str = "POST /api/v1/tenant/{prisma_id}/integration";
const LIST: &str = "GET /api/v1/tenant/{prisma_id}/integration";
const V1: &str = "/api/v1/tenant/{prisma_id}/integration";

/// Longer than any safety net below: an unstopped retry would wait this long.
const RETRY_AFTER_SECS: u64 = 120;
/// Safety net only: how long to wait for something that should happen in moments.
const PATIENCE: Duration = Duration::from_secs(60);

const PAGER_DUTY: &str = r#"
resource "prismacloud_integration_pager_duty" "oncall" {
  name            = "Interrupted on-call"
  integration_key = "pd-key-interrupted-0001"
}
"#;

fn rule(route: &str, kind: FaultKind) -> FaultRule {
    FaultRule::everywhere(1.0, FaultWeights::only(kind)).on(route)
}

/// Starts `terraform apply`, waits until `ready` holds for the sandbox's stats, sends SIGINT
/// to the CLI (not to the provider: Terraform forwards it as StopProvider) and returns the run.
fn interrupted_apply(t: &Acceptance, ready: impl Fn(&Stats) -> bool) -> Run {
    let log = t.dir.path().join("interrupted.log");
    let mut cmd = t.command(
        &["apply", "-auto-approve", "-input=false", "-no-color"],
        &log,
    );
    let child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the Terraform CLI starts");
    let pid = child.id();
    let started = Instant::now();
    while !ready(&t.sandbox().state().stats()) {
        assert!(
            started.elapsed() < PATIENCE,
            "the apply never reached the point to interrupt: {:?}",
            t.sandbox().state().stats()
        );
        thread::sleep(Duration::from_millis(50));
    }
    let sent = Command::new("kill")
        .args(["-INT", &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(sent.success());
    let run = Run::from(wait_or_kill(child), t.read_log(&log));
    run.assert_no_panic();
    run
}

/// The child's output; killed (and the test failed) if it outlives the safety net.
fn wait_or_kill(child: Child) -> std::process::Output {
    let pid = child.id();
    let watchdog = thread::spawn(move || {
        thread::sleep(PATIENCE * 2);
        let _ = Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status();
    });
    let output = child.wait_with_output().expect("the CLI ends");
    assert!(
        !watchdog.is_finished(),
        "Terraform did not stop after Ctrl-C; it had to be killed"
    );
    output
}

#[test]
fn ctrl_c_stops_a_retry_that_would_wait_two_minutes() {
    let t = Acceptance::new();
    t.config(PAGER_DUTY);
    t.faults(FaultConfig {
        retry_after_secs: RETRY_AFTER_SECS,
        ..FaultConfig::default().with_rule(rule(CREATE, FaultKind::RateLimit))
    });
    let run = interrupted_apply(&t, |s| s.faults_of("rate_limit") == 1);
    assert!(run.all().contains("Interrupt received"), "{}", run.all());
    assert_ne!(run.code, 0, "{}", run.all());
    let all = run.all().replace('\n', " ");
    assert!(all.contains("asked to stop"), "{all}");
    let stats = t.sandbox().state().stats();
    assert_eq!(stats.requests_to("POST", V1), 1, "no retry after the stop");
    assert!(t.integrations().is_empty());
    assert!(
        !t.state_file()
            .contains("prismacloud_integration_pager_duty")
    );
}

#[test]
fn ctrl_c_while_a_create_is_in_doubt_still_records_what_was_created() {
    let t = Acceptance::new();
    t.config(PAGER_DUTY);
    // The create is stored but its answer lost; the lookup that would find it is told to wait
    // two minutes. Ctrl-C lands in that wait.
    t.faults(FaultConfig {
        retry_after_secs: RETRY_AFTER_SECS,
        ..FaultConfig::default()
            .with_rule(rule(CREATE, FaultKind::Drop).limited(1))
            .with_rule(rule(LIST, FaultKind::RateLimit).limited(1))
    });
    let run = interrupted_apply(&t, |s| s.faults_of("rate_limit") == 1);
    assert!(run.all().contains("Interrupt received"), "{}", run.all());
    let stats = t.sandbox().state().stats();
    assert_eq!(stats.requests_to("POST", V1), 1);
    assert_eq!(
        stats.requests_to("GET", V1),
        2,
        "the lookup that was told to wait, then one last look after the stop"
    );
    let stored = t.integrations();
    assert_eq!(stored.len(), 1);
    let id = stored[0]["id"].as_str().expect("an id");
    assert!(
        t.state_file().contains(id),
        "the state must record the integration that exists:\n{}",
        run.all()
    );
    // And the next run converges without a duplicate.
    t.faults(FaultConfig::default());
    t.apply();
    assert_eq!(t.integrations().len(), 1);
    t.assert_plan_empty();
}
