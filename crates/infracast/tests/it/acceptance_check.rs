//! The alert-routing example (a module with a `check` block on each integration's `status`)
//! applied for real: active integrations pass their checks; a receiver Infracast cannot reach
//! (the sandbox reports integrations pointing at `.invalid` hosts as `error`) fails its check
//! as a warning, and the apply goes on.

use crate::support::Acceptance;

#[test]
fn a_check_block_on_the_integrations_status_passes_then_warns() {
    let t = Acceptance::new();
    let dir = t.copy_example("alert-routing");
    t.copy_example("modules/alert-routing");
    let init = t.terraform_in(&dir, &["init", "-input=false", "-no-color"]);
    assert_eq!(init.code, 0, "{}", init.all());
    let apply = ["apply", "-auto-approve", "-input=false", "-no-color"];
    let r = t.terraform_in(&dir, &apply);
    assert_eq!(r.code, 0, "{}", r.all());
    assert!(
        !r.all().contains("Check block assertion failed"),
        "{}",
        r.all()
    );
    assert_eq!(t.integrations().len(), 2);
    assert!(t.integrations().iter().all(|i| i["status"] == "active"));

    let mut unreachable = apply.to_vec();
    unreachable.push("-var=webhook_url=https://receiver.invalid/infracast");
    let r = t.terraform_in(&dir, &unreachable);
    assert_eq!(r.code, 0, "a failed check is a warning:\n{}", r.all());
    let text = r.flat();
    assert!(text.contains("Check block assertion failed"), "{}", r.all());
    assert!(
        text.contains(r#"Infracast reports the webhook integration "Security alerts - webhook" as error, not active."#),
        "{}",
        r.all()
    );
    assert!(!text.contains("Slack integration"), "{}", r.all());

    let r = t.terraform_in(
        &dir,
        &["destroy", "-auto-approve", "-input=false", "-no-color"],
    );
    assert_eq!(r.code, 0, "{}", r.all());
    assert!(t.integrations().is_empty());
}
