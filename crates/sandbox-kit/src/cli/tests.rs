use std::path::Path;

use clap::{FromArgMatches as _, Parser};

use super::*;
use crate::faults::FaultKind;

/// A vendor's flags: its own, plus the kit's.
#[derive(Debug, Parser)]
#[command(name = "toy-sandbox")]
struct ToyArgs {
    /// The one key the toy API accepts.
    #[arg(long, default_value = "toy-key", hide_env_values = true)]
    api_key: String,
    #[command(flatten)]
    kit: KitArgs,
}

const PROFILE: Profile = Profile {
    env_prefix: "TOY_SANDBOX",
    default_listen: "127.0.0.1:8090",
};

fn parse_from(args: &[&str]) -> Result<ToyArgs, clap::Error> {
    let argv = std::iter::once("toy-sandbox").chain(args.iter().copied());
    let matches = command::<ToyArgs>(&PROFILE).try_get_matches_from(argv)?;
    ToyArgs::from_arg_matches(&matches)
}

#[test]
fn every_flag_reads_an_environment_variable_named_after_the_vendor() {
    let command = command::<ToyArgs>(&PROFILE);
    let env = |id: &str| {
        let arg = command
            .get_arguments()
            .find(|a| a.get_id() == id)
            .unwrap_or_else(|| panic!("no argument {id}"));
        arg.get_env().map(|v| v.to_string_lossy().into_owned())
    };
    assert_eq!(env("api_key").as_deref(), Some("TOY_SANDBOX_API_KEY"));
    assert_eq!(env("listen").as_deref(), Some("TOY_SANDBOX_LISTEN"));
    assert_eq!(env("fault_rate").as_deref(), Some("TOY_SANDBOX_FAULT_RATE"));
    assert_eq!(
        env("no_rate_limit").as_deref(),
        Some("TOY_SANDBOX_NO_RATE_LIMIT")
    );
    assert_eq!(env("state").as_deref(), Some("TOY_SANDBOX_STATE"));
}

#[test]
fn defaults_are_the_vendors_listen_address_a_real_rate_limit_and_no_faults() {
    let args = parse_from(&[]).expect("no flags are needed");
    assert_eq!(args.kit.listen.to_string(), "127.0.0.1:8090");
    assert_eq!(args.api_key, "toy-key");
    let settings = args.kit.settings();
    assert_eq!(settings.rate_limit, Some(DEFAULT_RATE_LIMIT));
    assert!(!settings.faults.is_active());
    assert_eq!(args.kit.state, None);
}

#[test]
fn fault_flags_make_one_rule_with_its_targets_and_limit() {
    let args = parse_from(&[
        "--fault-rate",
        "1",
        "--fault-weights",
        "unavailable",
        "--fault-route",
        "GET /integration",
        "--fault-route",
        "POST,/integration/{id}",
        "--fault-limit",
        "3",
        "--fault-seed",
        "7",
        "--no-rate-limit",
    ])
    .expect("valid flags");
    let settings = args.kit.settings();
    assert_eq!(settings.rate_limit, None);
    let faults = settings.faults;
    assert_eq!(faults.seed, 7);
    let rule = &faults.rules[0];
    assert_eq!(
        rule.routes,
        ["GET /integration", "POST", "/integration/{id}"]
    );
    assert_eq!(rule.limit, Some(3));
    assert_eq!(rule.weights, FaultWeights::only(FaultKind::Unavailable));
    assert_eq!(faults.check(), Ok(()));
}

#[test]
fn bad_fault_flags_are_refused_with_a_reason() {
    let error = parse_from(&["--fault-route", "get /integration"]).expect_err("lower case");
    assert!(error.to_string().contains("upper case"), "{error}");
    let error = parse_from(&["--fault-rate", "1.5"]).expect_err("not a probability");
    assert!(error.to_string().contains("probability"), "{error}");
}

#[test]
fn the_banner_quotes_values_and_says_how_to_replay_faults() {
    let args = parse_from(&[
        "--fault-rate",
        "0.5",
        "--fault-seed",
        "11",
        "--fault-route",
        "POST",
    ])
    .expect("valid flags");
    let text = Banner::new("Toy sandbox")
        .export("TOY_URL", "http://127.0.0.1:8090")
        .export("TOY_KEY", "a key")
        .note("stop with Ctrl-C")
        .render(&args.kit.settings(), Some(Path::new("toy.json")));
    assert_eq!(
        text,
        "# Toy sandbox; paste these lines into your shell:\n\
         export TOY_URL=http://127.0.0.1:8090\n\
         export TOY_KEY='a key'\n\
         # fault injection: rate 0.5 on POST, seed 11 (replay with --fault-seed 11)\n\
         # state kept in toy.json\n\
         # stop with Ctrl-C\n"
    );
}

#[test]
fn shell_quote_leaves_plain_values_and_quotes_the_rest() {
    assert_eq!(
        shell_quote("http://127.0.0.1:8080"),
        "http://127.0.0.1:8080"
    );
    assert_eq!(shell_quote("a b"), "'a b'");
    assert_eq!(shell_quote("it's"), r"'it'\''s'");
    assert_eq!(shell_quote(""), "''");
    assert_eq!(shell_quote("$HOME"), "'$HOME'");
}
