//! Rate limits with Datadog's headers, and fault injection (both the sandbox kit's, answered
//! in the API's shape).

use datadogsiem_sandbox::{
    FaultConfig, FaultKind, FaultRule, FaultWeights, RateLimit, SandboxConfig,
};
use reqwest::{Method, StatusCode};

use crate::support::{envelope, okta, start, start_with};

#[tokio::test]
async fn every_answer_carries_the_rate_limit_and_an_empty_bucket_is_429() {
    let s = start_with(SandboxConfig {
        rate_limit: Some(RateLimit {
            burst: 2,
            per_second: 1,
        }),
        ..SandboxConfig::default()
    })
    .await;
    let first = s.get("").await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(first.header("x-ratelimit-limit"), Some("2"));
    assert_eq!(first.header("x-ratelimit-remaining"), Some("1"));
    assert!(first.header("x-ratelimit-period").is_some());
    assert!(first.header("x-ratelimit-reset").is_some());
    s.get("").await;
    let limited = s.get("").await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(limited.errors(), ["Too many requests"]);
    let reset: u64 = limited
        .header("x-ratelimit-reset")
        .unwrap()
        .parse()
        .unwrap();
    assert!(reset >= 1, "{limited:?}");
    assert_eq!(s.sandbox.state().kit().stats().total_requests, 3);
}

#[tokio::test]
async fn faults_hit_the_routes_they_aim_at_in_the_apis_shape() {
    let s = start().await;
    let create_route =
        "POST /api/v2/security_monitoring/configuration/integration_config".to_string();
    let rule = FaultRule::everywhere(1.0, FaultWeights::only(FaultKind::ServerError))
        .on(create_route)
        .limited(1);
    s.sandbox
        .state()
        .kit()
        .set_faults(FaultConfig::default().with_rule(rule))
        .unwrap();
    // A list is not aimed at.
    assert_eq!(s.get("").await.status, StatusCode::OK);
    // The create is processed, then answered 500: the client cannot tell it was stored.
    let answer = s
        .call(Method::POST, "", Some(envelope(okta("o", "t"))))
        .await;
    assert_eq!(answer.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(answer.errors()[0].contains("injected"), "{answer:?}");
    assert_eq!(s.sandbox.state().configs().len(), 1);
    // The rule's budget is spent.
    let again = s
        .call(Method::POST, "", Some(envelope(okta("p", "t"))))
        .await;
    assert_eq!(again.status, StatusCode::OK);

    let limited = FaultRule::everywhere(1.0, FaultWeights::only(FaultKind::RateLimit));
    s.sandbox
        .state()
        .kit()
        .set_faults(FaultConfig::default().with_rule(limited))
        .unwrap();
    let answer = s.get("").await;
    assert_eq!(answer.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(answer.header("x-ratelimit-reset"), Some("1"));
    assert_eq!(answer.errors(), ["Too many requests"]);
}
