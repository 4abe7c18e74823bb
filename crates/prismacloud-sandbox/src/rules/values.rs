//! Checks one present `integrationConfig` value against its [`KeySpec`] and normalizes it
//! (a numeric-string `rollUpInterval` becomes a number).

use std::collections::HashSet;

use serde_json::{Map, Value};

use crate::error::{Violation, clip, keys};

use super::spec::{Format, KeySpec, Kind, Presence};
use super::{formats, headers};

const ROLL_UP_INTERVALS: [i64; 4] = [15, 30, 60, 180];
const TABLES: [&str; 3] = ["incident", "sn_si_incident", "em_event"];
const REGION_STRINGS: [&str; 4] = ["name", "apiIdentifier", "cloudType", "sdkId"];

/// Whether `value` is what reads show in place of a secret: a run of asterisks.
pub(super) fn is_masked(value: &str) -> bool {
    !value.is_empty() && value.chars().all(|c| c == '*')
}

/// Checks `value` (present in the request) for `spec`; `path` names it in violations.
/// Returns the value to store, or `None` after pushing violations.
pub(super) fn check(
    spec: &KeySpec,
    value: &Value,
    path: &str,
    out: &mut Vec<Violation>,
) -> Option<Value> {
    let before = out.len();
    let normalized = match spec.kind {
        Kind::Str => check_string(spec, value, path, out),
        Kind::Bool => expect_bool(value, path, out),
        Kind::RollUpInterval => check_roll_up(value, path, out),
        Kind::Regions => check_regions(value, path, out),
        Kind::Region => check_region(value, path, out),
        Kind::Tables => check_tables(value, path, out),
        Kind::CustomPayloads => check_payloads(value, path, out),
        Kind::Headers => headers::check(value, path, out),
    };
    if out.len() == before {
        normalized
    } else {
        None
    }
}

pub(super) fn type_error(path: &str, what: &str) -> Violation {
    Violation::new(keys::INVALID_VALUE, path, format!("{path} must be {what}"))
}

fn check_string(
    spec: &KeySpec,
    value: &Value,
    path: &str,
    out: &mut Vec<Violation>,
) -> Option<Value> {
    let Value::String(text) = value else {
        out.push(type_error(path, "a string"));
        return None;
    };
    if spec.secret && is_masked(text) {
        out.push(Violation::new(
            keys::MASKED_SECRET,
            path,
            format!("{path} is a masked value as returned by reads; send the real secret or omit the key to keep it"),
        ));
        return None;
    }
    if text.trim().is_empty() {
        if spec.presence == Presence::Required {
            out.push(Violation::new(
                keys::MISSING_PARAMETER,
                path,
                format!("{path} is required and must not be empty"),
            ));
            return None;
        }
        // An empty optional value carries nothing to check.
        return Some(value.clone());
    }
    match formats::check(spec.format, text) {
        Ok(()) => Some(value.clone()),
        Err((key, why)) => {
            out.push(Violation::new(key, path, format!("{path} {why}")));
            None
        }
    }
}

fn expect_bool(value: &Value, path: &str, out: &mut Vec<Violation>) -> Option<Value> {
    if value.is_boolean() {
        Some(value.clone())
    } else {
        out.push(type_error(path, "a boolean"));
        None
    }
}

fn expect_non_blank_string(value: Option<&Value>, path: &str, out: &mut Vec<Violation>) {
    match value {
        None | Some(Value::Null) => out.push(Violation::new(
            keys::MISSING_PARAMETER,
            path,
            format!("{path} is required"),
        )),
        Some(Value::String(s)) if !s.trim().is_empty() => {}
        Some(Value::String(_)) => out.push(Violation::new(
            keys::MISSING_PARAMETER,
            path,
            format!("{path} must not be empty"),
        )),
        Some(_) => out.push(type_error(path, "a string")),
    }
}

fn check_roll_up(value: &Value, path: &str, out: &mut Vec<Violation>) -> Option<Value> {
    let minutes = match value {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse::<i64>().ok(),
        _ => None,
    };
    match minutes {
        Some(m) if ROLL_UP_INTERVALS.contains(&m) => Some(Value::from(m)),
        _ => {
            out.push(type_error(path, "one of 15, 30, 60, 180 (minutes)"));
            None
        }
    }
}

fn check_regions(value: &Value, path: &str, out: &mut Vec<Violation>) -> Option<Value> {
    let Value::Array(regions) = value else {
        out.push(type_error(path, "a list of region objects"));
        return None;
    };
    if regions.is_empty() {
        out.push(Violation::new(
            keys::MISSING_PARAMETER,
            path,
            format!("{path} must list at least one region"),
        ));
    }
    for (i, region) in regions.iter().enumerate() {
        check_region(region, &format!("{path}[{i}]"), out);
    }
    Some(value.clone())
}

fn check_region(value: &Value, path: &str, out: &mut Vec<Violation>) -> Option<Value> {
    let Value::Object(region) = value else {
        out.push(type_error(path, "a region object"));
        return None;
    };
    for field in REGION_STRINGS {
        expect_non_blank_string(region.get(field), &format!("{path}.{field}"), out);
    }
    check_region_codes(region, path, out);
    match region.get("enabled") {
        Some(Value::Bool(_)) => {}
        None | Some(Value::Null) => out.push(Violation::new(
            keys::MISSING_PARAMETER,
            format!("{path}.enabled"),
            format!("{path}.enabled is required"),
        )),
        Some(_) => out.push(type_error(&format!("{path}.enabled"), "a boolean")),
    }
    reject_unknown(
        region,
        &[&REGION_STRINGS[..], &["enabled"]].concat(),
        path,
        out,
    );
    Some(value.clone())
}

/// A region of AWS Security Hub is an AWS region: its identifiers are region codes and its
/// cloud type is `aws`. (Missing or blank values are reported by the caller.)
fn check_region_codes(region: &Map<String, Value>, path: &str, out: &mut Vec<Violation>) {
    let given = |field: &str| {
        region
            .get(field)
            .and_then(Value::as_str)
            .filter(|s| !s.trim().is_empty())
    };
    for field in ["apiIdentifier", "sdkId"] {
        if let Some(code) = given(field)
            && let Err((key, why)) = formats::check(Format::AwsRegion, code)
        {
            out.push(Violation::new(
                key,
                format!("{path}.{field}"),
                format!("{path}.{field} {why}"),
            ));
        }
    }
    if given("cloudType").is_some_and(|cloud| cloud != "aws") {
        out.push(Violation::new(
            keys::INVALID_VALUE,
            format!("{path}.cloudType"),
            format!("{path}.cloudType must be aws: AWS Security Hub takes AWS regions only"),
        ));
    }
}

fn check_tables(value: &Value, path: &str, out: &mut Vec<Violation>) -> Option<Value> {
    let Value::Array(tables) = value else {
        out.push(type_error(path, "a list of single-key objects"));
        return None;
    };
    if tables.is_empty() {
        out.push(Violation::new(
            keys::MISSING_PARAMETER,
            path,
            format!("{path} must list at least one table"),
        ));
    }
    let mut seen = HashSet::new();
    for (i, entry) in tables.iter().enumerate() {
        let item = format!("{path}[{i}]");
        let single = entry.as_object().filter(|o| o.len() == 1);
        let Some((name, flag)) = single.and_then(|o| o.iter().next()) else {
            out.push(type_error(&item, "an object with exactly one key"));
            continue;
        };
        let table = clip(name);
        if !TABLES.contains(&name.as_str()) {
            out.push(Violation::new(
                keys::INVALID_VALUE,
                format!("{item}.{table}"),
                format!("{item} names an unknown table; use incident, sn_si_incident or em_event"),
            ));
        } else if !seen.insert(name.as_str()) {
            out.push(Violation::new(
                keys::INVALID_VALUE,
                format!("{item}.{table}"),
                format!("{item}: table {table} is listed more than once"),
            ));
        }
        if !flag.is_boolean() {
            out.push(type_error(&format!("{item}.{table}"), "a boolean"));
        }
    }
    Some(value.clone())
}

fn check_payloads(value: &Value, path: &str, out: &mut Vec<Violation>) -> Option<Value> {
    let Value::Object(payloads) = value else {
        out.push(type_error(
            path,
            "an object of string values, e.g. {\"CS\": \"...\"}",
        ));
        return None;
    };
    if payloads.is_empty() {
        out.push(Violation::new(
            keys::MISSING_PARAMETER,
            path,
            format!("{path} must hold at least one payload"),
        ));
    }
    for (name, payload) in payloads {
        if !payload.is_string() {
            out.push(type_error(&format!("{path}.{}", clip(name)), "a string"));
        }
    }
    Some(value.clone())
}

/// Pushes an `unknown_parameter` violation for every key of `object` not in `known`.
pub(super) fn reject_unknown(
    object: &Map<String, Value>,
    known: &[&str],
    path: &str,
    out: &mut Vec<Violation>,
) {
    for key in object.keys() {
        if !known.contains(&key.as_str()) {
            out.push(Violation::unknown(path, key, ""));
        }
    }
}
