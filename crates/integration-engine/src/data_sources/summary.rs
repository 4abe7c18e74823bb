//! What the lookup and the list report about one object: the attributes of the platform's
//! [`DataSourceSpec`](super::DataSourceSpec) (frame and computed ones) and — for the lookup —
//! the non-secret configuration as a map of strings.
//!
//! `config` is a map of strings rather than one JSON string because it reads best in HCL:
//! `data.prismacloud_integration.x.config.host_url` needs no decoding, and the few structured
//! values decode with `jsondecode(...config.tables)`. Keys are the resource's attribute names;
//! structured values are JSON of the resource attribute's shape, with sorted keys. Secrets are
//! left out entirely (the API only ever returns them masked, if at all), and so are keys the
//! catalog does not know, since the provider cannot tell whether they are secret.

use std::collections::BTreeMap;

use tfplugin::schema::{Attribute, Presence};
use tfplugin::value::{Type, Value};

use super::DataSources;
use crate::api::Integration;
use crate::catalog::Catalog;
use crate::convert::from_wire;
use crate::schema::default_value;
use crate::state::computed_value;

/// The attribute `name` of the spec, with its type and description.
///
/// # Panics
/// When the spec does not word `name`: a platform's tests build its schemas, so a missing
/// wording fails them.
pub fn attribute(sources: &DataSources, name: &str, presence: Presence) -> Attribute {
    let (_, kind, text) = sources
        .spec
        .attributes
        .iter()
        .find(|(n, _, _)| *n == name)
        .unwrap_or_else(|| panic!("the data source spec does not word {name}"));
    Attribute::new(name, kind.value_type(), presence).description(*text)
}

/// The catalog's name of the object's type (its resource suffix), or the API's name when the
/// catalog does not know it.
pub fn type_name(catalog: &Catalog, api: &Integration) -> String {
    catalog
        .find_wire(&api.integration_type)
        .map_or_else(|| api.integration_type.clone(), |t| t.name.to_string())
}

/// The value of the summary attribute `name` for `api`.
pub fn value(catalog: &Catalog, api: &Integration, name: &str) -> Value {
    match name {
        "id" => return Value::string(&api.id),
        "integration_type" => return Value::string(type_name(catalog, api)),
        _ => {}
    }
    if let Some(f) = catalog.frame.iter().find(|f| f.attribute() == name) {
        return match (from_wire(f, api.attributes.get(f.key)), f.default()) {
            (Value::Null, Some(d)) => default_value(d),
            (v, _) => v,
        };
    }
    catalog
        .computed
        .iter()
        .find(|c| c.attribute() == name)
        .map_or(Value::Null, |c| {
            computed_value(c, api.attributes.get(c.key))
        })
}

/// The values of `names` for `api`.
pub fn values(catalog: &Catalog, api: &Integration, names: &[&str]) -> BTreeMap<String, Value> {
    names
        .iter()
        .map(|n| (n.to_string(), value(catalog, api, n)))
        .collect()
}

/// The `config` attribute's type.
pub fn config_type() -> Type {
    Type::map(Type::String)
}

/// The non-secret configuration of `api` as a map of strings; `None` when its type is not in
/// the catalog (nothing can be shown safely).
pub fn config_strings(catalog: &Catalog, api: &Integration) -> Option<Value> {
    let ty = catalog.find_wire(&api.integration_type)?;
    Some(Value::Map(
        ty.fields
            .iter()
            .filter(|f| !f.secret)
            .filter_map(|f| {
                let text = as_text(&from_wire(f, api.config.get(f.key)))?;
                Some((f.attribute(), Value::String(text)))
            })
            .collect(),
    ))
}

/// A scalar as its text, anything structured as JSON (objects keep their sorted keys).
fn as_text(value: &Value) -> Option<String> {
    match value {
        Value::Null | Value::Unknown => None,
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        structured => Some(structured.to_json().to_string()),
    }
}
