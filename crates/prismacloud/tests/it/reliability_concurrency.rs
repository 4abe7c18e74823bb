//! `terraform apply -parallelism=20` over fifty integrations against a sandbox whose rate limit
//! is far below that pace: one login serves every call of a provider process (the plan's, which
//! checks the settings, and the apply's), a token that expires early mid-run costs exactly one
//! more login (no login storm), and every 429's `Retry-After` is honoured.

use crate::support;

use prismacloud_sandbox::{
    FaultConfig, FaultKind, FaultRule, FaultWeights, RateLimit, SandboxConfig,
};
use support::Acceptance;
use support::fleet;

const COUNT: usize = 50;

/// `terraform <args> -input=false -no-color -parallelism=20`.
fn parallel(t: &Acceptance, args: &[&str]) -> support::Run {
    let mut all = args.to_vec();
    all.extend(["-input=false", "-no-color", "-parallelism=20"]);
    t.terraform(&all)
}

fn tight_sandbox() -> SandboxConfig {
    SandboxConfig {
        // Twenty callers at once against a bucket of 10 refilled at 10 per second.
        rate_limit: Some(RateLimit {
            burst: 10,
            per_second: 10,
        }),
        ..SandboxConfig::default()
    }
}

#[test]
fn parallel_apply_logs_in_once_and_honours_retry_after() {
    let t = Acceptance::with_config(tight_sandbox());
    // Fifty creates through a 10-per-second bucket, with the provider's default max_retries.
    let members = fleet::fleet(COUNT, "parallel");
    t.config(&fleet::hcl(&members));
    let out = parallel(&t, &["apply", "-auto-approve"]);
    assert_eq!(out.code, 0, "{}", out.all());
    let stats = t.sandbox().state().stats();
    eprintln!(
        "apply -parallelism=20: {} requests, {} answered 429, {} logins, {} early retries",
        stats.total_requests, stats.rate_limited, stats.logins, stats.early_retries
    );
    fleet::assert_exactly(&t, &members);
    // `terraform apply` runs two provider processes: its plan, whose configure checks the
    // settings with a login, and its apply, where one login serves every call.
    assert_eq!(stats.logins, 2, "one login per provider process");
    assert!(stats.rate_limited > 0, "the rate limit must have bitten");
    assert_eq!(stats.early_retries, 0, "every Retry-After was honoured");

    // A plan reads all fifty in parallel: its own process, so its own single login.
    t.sandbox().state().reset_stats();
    let plan = parallel(&t, &["plan", "-detailed-exitcode"]);
    assert_eq!(plan.code, 0, "{}", plan.all());
    let stats = t.sandbox().state().stats();
    assert_eq!(stats.logins, 1);
    assert_eq!(stats.early_retries, 0);
}

#[test]
fn a_token_expiring_mid_run_costs_one_login_not_a_storm() {
    let mut t = Acceptance::new();
    let members = fleet::fleet(COUNT, "storm");
    t.config(&fleet::hcl(&members));

    // Twenty creates run at once; the token dies under one of them, while others are in flight
    // with it. (A plan has no such crowd any more: its refresh is a single list call.)
    t.env("PRISMACLOUD_MAX_RETRIES", "10");
    t.faults(
        FaultConfig::default().with_rule(
            FaultRule::everywhere(0.1, FaultWeights::only(FaultKind::TokenExpiry))
                .on("POST /api/v1/tenant/{prisma_id}/integration")
                .limited(1),
        ),
    );
    let out = parallel(&t, &["apply", "-auto-approve"]);
    assert_eq!(out.code, 0, "{}", out.all());
    let stats = t.sandbox().state().stats();
    eprintln!(
        "apply with an early token expiry: {} requests, {} answered 401, {} logins",
        stats.total_requests, stats.unauthorized, stats.logins
    );
    fleet::assert_exactly(&t, &members);
    assert_eq!(stats.faults_of("token_expiry"), 1);
    assert!(stats.unauthorized >= 1);
    assert_eq!(
        stats.logins, 3,
        "the plan's check, the apply's first login, and one after the expiry"
    );
}
