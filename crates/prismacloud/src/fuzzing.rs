//! Bad input from the wire: the entry points of the cargo-fuzz targets in `fuzz/`, and a
//! bounded corpus test that runs them in `cargo test` (CI has no nightly toolchain).
//!
//! - [`dynamic_value`]: a `DynamicValue` as Terraform sends it (MessagePack), decoded against
//!   a type from the provider's real schemas, re-encoded and decoded again.
//! - [`raw_state`]: raw state JSON (`UpgradeResourceState`), the same way.
//! - [`api_answer`]: an API answer (status, headers, body) through every parser of the client.
//!
//! None may panic, whatever the bytes. Compiled for tests and with the `fuzzing` feature.

use std::sync::OnceLock;

use tfplugin::provider::Provider as _;
use tfplugin::value::{Type, Value};

/// The types values are decoded against: every resource's and the provider's schema, plus
/// the primitive, dynamic and collection types the codecs special-case.
pub fn value_types() -> &'static [Type] {
    static TYPES: OnceLock<Vec<Type>> = OnceLock::new();
    TYPES.get_or_init(|| {
        let provider = crate::provider::provider(Box::new(|_| None));
        let schemas = provider.schemas();
        let mut types = vec![
            Type::Bool,
            Type::Number,
            Type::String,
            Type::Dynamic,
            Type::list(Type::String),
            Type::set(Type::Dynamic),
            Type::map(Type::Number),
            Type::Tuple(vec![Type::String, Type::Bool, Type::Dynamic]),
            schemas.provider.value_type(),
        ];
        types.extend(schemas.resources.values().map(|s| s.value_type()));
        types
    })
}

/// `data[0]` picks the type, the rest is MessagePack.
pub fn dynamic_value(data: &[u8]) {
    let Some((pick, bytes)) = data.split_first() else {
        return;
    };
    let types = value_types();
    let ty = &types[usize::from(*pick) % types.len()];
    if let Ok(value) = Value::from_msgpack(bytes, ty) {
        let _ = format!("{value:?}");
        let _ = value.to_json();
        let again = Value::from_msgpack(&value.to_msgpack(ty), ty);
        assert!(again.is_ok(), "a decoded value must re-encode decodably");
    }
}

/// `data[0]` picks the type, the rest is JSON.
pub fn raw_state(data: &[u8]) {
    let Some((pick, bytes)) = data.split_first() else {
        return;
    };
    let types = value_types();
    let ty = &types[usize::from(*pick) % types.len()];
    if let Ok(value) = Value::from_json(bytes, ty) {
        let _ = value.to_msgpack(ty);
        let _ = format!("{value:?}");
    }
}

/// See [`crate::api::fuzzing::answer`].
pub fn api_answer(data: &[u8]) {
    crate::api::fuzzing::answer(data);
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use rand::rngs::StdRng;
    use rand::{Rng, SeedableRng};

    use super::*;

    /// Random inputs and mutations per target: bounded, so it runs in every `cargo test`.
    const RANDOM_INPUTS: usize = 3_000;
    const MUTATIONS_PER_SEED: usize = 400;

    fn random_bytes(rng: &mut StdRng) -> Vec<u8> {
        let len = rng.random_range(0..200);
        (0..len).map(|_| rng.random()).collect()
    }

    /// Flips, drops, duplicates or inserts a few bytes.
    fn mutate(seed: &[u8], rng: &mut StdRng) -> Vec<u8> {
        let mut bytes = seed.to_vec();
        for _ in 0..rng.random_range(1..4) {
            let at = rng.random_range(0..=bytes.len());
            match rng.random_range(0..4) {
                0 if at < bytes.len() => bytes[at] ^= 1 << rng.random_range(0..8),
                1 if at < bytes.len() => {
                    bytes.remove(at);
                }
                2 => bytes.truncate(at),
                _ => bytes.insert(at, rng.random()),
            }
        }
        bytes
    }

    fn exercise(target: fn(&[u8]), seeds: &[Vec<u8>], rng_seed: u64) -> usize {
        let mut rng = StdRng::seed_from_u64(rng_seed);
        let mut runs = 0;
        for _ in 0..RANDOM_INPUTS {
            target(&random_bytes(&mut rng));
            runs += 1;
        }
        for seed in seeds {
            target(seed);
            for _ in 0..MUTATIONS_PER_SEED {
                target(&mutate(seed, &mut rng));
                runs += 1;
            }
        }
        runs
    }

    /// A well-formed value of `ty`, with strings, numbers and an unknown.
    fn sample(ty: &Type) -> Value {
        match ty {
            Type::Bool => Value::Bool(true),
            Type::Number => Value::int(42),
            Type::String | Type::Dynamic => Value::string("https://hooks.slack.com/x"),
            Type::List(t) => Value::List(vec![sample(t), Value::Unknown]),
            Type::Set(t) => Value::Set(vec![sample(t)]),
            Type::Map(t) => Value::Map(BTreeMap::from([("k".to_owned(), sample(t))])),
            Type::Object(attrs) => Value::Object(
                attrs
                    .iter()
                    .map(|(name, t)| (name.clone(), sample(t)))
                    .collect(),
            ),
            Type::Tuple(ts) => Value::Tuple(ts.iter().map(sample).collect()),
        }
    }

    fn value_seeds(encode: fn(&Value, &Type) -> Vec<u8>) -> Vec<Vec<u8>> {
        value_types()
            .iter()
            .enumerate()
            .filter_map(|(i, ty)| {
                let pick = u8::try_from(i).ok()?;
                let mut bytes = vec![pick];
                bytes.extend(encode(&sample(ty), ty));
                Some(bytes)
            })
            .collect()
    }

    #[test]
    fn dynamic_values_never_panic() {
        let seeds = value_seeds(|v, t| v.to_msgpack(t));
        assert!(exercise(dynamic_value, &seeds, 1) > 10_000);
    }

    #[test]
    fn raw_state_never_panics() {
        let seeds = value_seeds(|v, _| v.to_json().to_string().into_bytes());
        assert!(exercise(raw_state, &seeds, 2) > 10_000);
    }

    #[test]
    fn api_answers_never_panic() {
        let answer = |status: u16, header: &str, body: &str| {
            let mut bytes = (status - 100).to_be_bytes().to_vec();
            bytes.push(u8::try_from(header.len()).expect("short header"));
            bytes.extend(header.as_bytes());
            bytes.extend(body.as_bytes());
            bytes
        };
        let seeds = vec![
            answer(
                200,
                "",
                r#"[{"id":"a","name":"n","enabled":true,"integrationType":"SLACK","integrationConfig":{"webhookUrl":"**********"},"createdTs":1}]"#,
            ),
            answer(
                400,
                r#"[{"i18nKey":"not_found","severity":"error","subject":"x"}]"#,
                "",
            ),
            answer(
                400,
                "",
                r#"{"status":"BAD_REQUEST","message":"m","subErrors":[{"i18nKey":"k","field":"f"}]}"#,
            ),
            answer(429, "30", "<!DOCTYPE html><html><body>429</body></html>"),
            answer(
                400,
                "",
                r#"{"statusCode":400,"success":false,"errorMessages":[{"i18nKey":"integration_test_failed"}],"tests":[{"key":"c","success":false,"errorMessage":"e"}]}"#,
            ),
            answer(200, "", r#"{"token":"abc","message":"login_successful"}"#),
        ];
        assert!(exercise(api_answer, &seeds, 3) > 5_000);
    }
}
