use super::*;

fn obj(pairs: &[(&str, Value)]) -> Value {
    Value::Object(
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
    )
}

fn object_type(pairs: &[(&str, Type)]) -> Type {
    Type::Object(
        pairs
            .iter()
            .map(|(k, t)| (k.to_string(), t.clone()))
            .collect(),
    )
}

#[test]
fn round_trips_every_shape() {
    let ty = object_type(&[
        ("s", Type::String),
        ("n", Type::Number),
        ("f", Type::Number),
        ("b", Type::Bool),
        ("l", Type::list(Type::String)),
        ("set", Type::set(Type::Number)),
        ("m", Type::map(Type::Bool)),
        ("t", Type::Tuple(vec![Type::String, Type::Bool])),
        ("o", object_type(&[("x", Type::String)])),
        ("u", Type::String),
        ("z", Type::String),
    ]);
    let value = obj(&[
        ("s", Value::string("hello")),
        ("n", Value::int(-42)),
        ("f", Value::Number(Number::Float(1.5))),
        ("b", Value::Bool(true)),
        ("l", Value::List(vec![Value::string("a"), Value::Unknown])),
        ("set", Value::Set(vec![Value::int(1), Value::int(2)])),
        (
            "m",
            Value::Map([("k".to_string(), Value::Bool(false))].into()),
        ),
        ("t", Value::Tuple(vec![Value::string("x"), Value::Null])),
        ("o", obj(&[("x", Value::string("y"))])),
        ("u", Value::Unknown),
        ("z", Value::Null),
    ]);
    let bytes = value.to_msgpack(&ty);
    assert_eq!(Value::from_msgpack(&bytes, &ty).unwrap(), value);
}

#[test]
fn unknown_is_extension_zero_and_any_extension_decodes_as_unknown() {
    assert_eq!(
        Value::Unknown.to_msgpack(&Type::String),
        vec![0xd4, 0x00, 0x00]
    );
    // A refined unknown (extension 12 carrying a map) is still unknown.
    let refined = [0xc7, 0x03, 0x0c, 0x81, 0x01, 0xc3];
    assert_eq!(
        Value::from_msgpack(&refined, &Type::String).unwrap(),
        Value::Unknown
    );
}

#[test]
fn dynamic_values_carry_their_type() {
    let v = obj(&[
        ("name", Value::string("n")),
        ("tables", Value::Tuple(vec![Value::string("incident")])),
    ]);
    let bytes = v.to_msgpack(&Type::Dynamic);
    assert_eq!(Value::from_msgpack(&bytes, &Type::Dynamic).unwrap(), v);
    assert_eq!(Value::Null.to_msgpack(&Type::Dynamic), vec![0xc0]);
}

#[test]
fn numbers_compare_by_value_and_decode_from_strings() {
    assert_eq!(Value::int(60), Value::Number(Number::Float(60.0)));
    let bytes = rmp_string("123456789012");
    assert_eq!(
        Value::from_msgpack(&bytes, &Type::Number).unwrap(),
        Value::int(123456789012)
    );
}

fn rmp_string(s: &str) -> Vec<u8> {
    let mut out = Vec::new();
    rmpv::encode::write_value(&mut out, &rmpv::Value::from(s)).unwrap();
    out
}

#[test]
fn type_mismatch_names_the_path() {
    let ty = object_type(&[("tags", Type::list(Type::String))]);
    let v = obj(&[("tags", Value::List(vec![Value::Bool(true)]))]);
    let bytes = v.to_msgpack(&object_type(&[("tags", Type::list(Type::Bool))]));
    let err = Value::from_msgpack(&bytes, &ty).unwrap_err().to_string();
    assert!(err.contains(".tags[0]"), "{err}");
    assert!(err.contains("\"string\""), "{err}");
}

#[test]
fn garbage_is_an_error_not_a_panic() {
    assert!(Value::from_msgpack(&[0xa5, b'x'], &Type::String).is_err());
    assert!(Value::from_msgpack(&[0x92, 0x01], &Type::list(Type::Number)).is_err());
    assert!(Value::from_msgpack(&[0xa1, b'x', 0x00], &Type::String).is_err());
}

#[test]
fn json_state_drops_unknown_attributes_and_fills_missing_ones() {
    let ty = object_type(&[
        ("id", Type::String),
        ("enabled", Type::Bool),
        ("n", Type::Number),
    ]);
    let v = Value::from_json(br#"{"id":"abc","removed":1,"n":"7"}"#, &ty).unwrap();
    assert_eq!(
        v,
        obj(&[
            ("id", Value::string("abc")),
            ("enabled", Value::Null),
            ("n", Value::int(7))
        ])
    );
}

#[test]
fn type_json_round_trips() {
    let ty = object_type(&[
        ("a", Type::list(Type::map(Type::Bool))),
        ("d", Type::Dynamic),
    ]);
    assert_eq!(Type::from_json(&ty.to_json()).unwrap(), ty);
    assert_eq!(
        ty.to_json().to_string(),
        r#"["object",{"a":["list",["map","bool"]],"d":"dynamic"}]"#
    );
}

#[test]
fn sets_compare_without_order() {
    let a = Value::Set(vec![Value::string("x"), Value::string("y")]);
    let b = Value::Set(vec![Value::string("y"), Value::string("x")]);
    assert_eq!(a, b);
    assert_ne!(a, Value::Set(vec![Value::string("x"), Value::string("x")]));
    assert_ne!(a, Value::List(vec![Value::string("x"), Value::string("y")]));
}

#[test]
fn debug_never_prints_strings() {
    let v = obj(&[("secret", Value::string("hunter2"))]);
    let text = format!("{v:?}");
    assert!(!text.contains("hunter2"), "{text}");
    assert!(text.contains("<7 chars>"), "{text}");
}
