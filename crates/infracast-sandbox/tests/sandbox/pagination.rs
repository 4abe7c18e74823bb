//! `page` / `per_page`: pages of at most the maximum size, totals, a page past the end.

use infracast_sandbox::SandboxConfig;
use reqwest::{Method, StatusCode};

use super::{Api, assert_error, webhook};

#[tokio::test]
async fn lists_come_in_pages_no_larger_than_the_maximum() {
    let api = Api::with(SandboxConfig {
        default_per_page: 2,
        max_per_page: 3,
        ..SandboxConfig::default()
    })
    .await;
    for i in 0..7 {
        api.create(webhook(&format!("hook {i}"))).await;
    }
    let (status, first) = api.call(Method::GET, "", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(first["items"].as_array().unwrap().len(), 2);
    assert_eq!(
        (
            &first["total"],
            &first["page"],
            &first["per_page"],
            &first["total_pages"]
        ),
        (&7.into(), &1.into(), &2.into(), &4.into())
    );
    // Asking for more than the maximum gets the maximum, and says so.
    let (_, page) = api.call(Method::GET, "?page=3&per_page=50", None).await;
    assert_eq!(page["per_page"], 3);
    assert_eq!(page["total_pages"], 3);
    let names: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["hook 6"]);
    let (_, past) = api.call(Method::GET, "?page=9", None).await;
    assert_eq!(past["items"].as_array().unwrap().len(), 0);
    for bad in ["?page=0", "?per_page=x"] {
        let (status, body) = api.call(Method::GET, bad, None).await;
        assert_error(status, &body, StatusCode::BAD_REQUEST, "BAD_REQUEST");
    }
}
