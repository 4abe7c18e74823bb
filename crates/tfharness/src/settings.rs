//! What every provider's `validate` setting promises, through the CLI: with the API out of
//! reach, a plan is one error that says what to fix; with `validate` off — by its environment
//! variable or in the `provider` block — the same plan proposes its resources without
//! reaching the API.

use crate::Workspace;

/// A provider's settings for [`validate_off_plans_offline`].
pub struct Offline<'a> {
    /// The variable that sets the API's URL, pointed where nothing listens.
    pub url_var: &'a str,
    /// The variable that sets the provider's retries, set to 0 so the error comes at once.
    pub retries_var: &'a str,
    /// The variable that turns `validate` off.
    pub validate_var: &'a str,
    /// Resources (without the provider block) that plan `count` to add.
    pub hcl: &'a str,
    pub count: usize,
    /// What the one error of the plan with `validate` on says.
    pub error: &'a [&'a str],
}

/// Runs the promise of the module docs on `ws` (whose provider is otherwise configured).
pub fn validate_off_plans_offline(ws: &mut Workspace, o: &Offline) {
    ws.env(o.url_var, "http://127.0.0.1:1");
    ws.env(o.retries_var, "0");
    ws.config(o.hcl);
    let out = ws.plan();
    assert_eq!(out.code, 1, "{}", out.all());
    assert_eq!(out.error_count(), 1, "{}", out.all());
    out.assert_mentions(o.error);

    ws.env(o.validate_var, "false");
    let out = ws.plan();
    assert_eq!(out.code, 2, "{}", out.all());
    let planned = format!("Plan: {} to add", o.count);
    assert!(out.all().contains(&planned), "{}", out.all());

    ws.env_remove(o.validate_var);
    ws.config_with_provider("  validate = false", o.hcl);
    let out = ws.plan();
    assert_eq!(out.code, 2, "{}", out.all());
}
