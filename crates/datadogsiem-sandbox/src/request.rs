//! Request bodies: the JSON:API envelope `{"data": {"type": "integration_config",
//! "attributes": {...}}}` and the attributes each endpoint takes, checked as the API does.
//! Every problem is reported at once; messages name attributes, never values.

use serde_json::{Map, Value};

use crate::error::{ApiError, clip};
use crate::secrets;
use crate::source_type::SourceType;

/// The JSON:API type of a configuration.
pub const RESOURCE_TYPE: &str = "integration_config";

/// What `POST /` takes.
#[derive(Debug)]
pub struct Create {
    pub ty: SourceType,
    pub name: String,
    pub domain: String,
    pub secrets: Map<String, Value>,
    pub settings: Option<Map<String, Value>>,
}

/// What `PATCH /{id}` takes: every attribute but `integration_type` is optional.
#[derive(Debug)]
pub struct Patch {
    pub ty: SourceType,
    pub name: Option<String>,
    pub domain: Option<String>,
    pub enabled: Option<bool>,
    /// Merged key by key into the stored secrets.
    pub secrets: Option<Map<String, Value>>,
    /// `Some(None)`: cleared (`null`).
    pub settings: Option<Option<Map<String, Value>>>,
}

/// What `POST /validate` takes.
#[derive(Debug)]
pub struct Credentials {
    pub ty: SourceType,
    pub domain: String,
    pub secrets: Map<String, Value>,
}

/// The attributes of an envelope. `id`: the path's id, which a `data.id` must equal.
fn attributes(
    body: &[u8],
    id: Option<&str>,
    allowed: &[&str],
) -> Result<Map<String, Value>, ApiError> {
    let json: Value = serde_json::from_slice(body).map_err(|e| {
        ApiError::invalid(format!("Malformed JSON body ({:?} error)", e.classify()))
    })?;
    let data = json
        .get("data")
        .and_then(Value::as_object)
        .ok_or_else(|| ApiError::invalid("data is required and must be an object"))?;
    let mut problems = Vec::new();
    match data.get("type").and_then(Value::as_str) {
        Some(RESOURCE_TYPE) => {}
        _ => problems.push(format!("data.type must be {RESOURCE_TYPE}")),
    }
    match (data.get("id"), id) {
        (None, _) => {}
        (Some(Value::String(given)), Some(path)) if given == path => {}
        (Some(_), Some(_)) => problems.push("data.id must be the id of the path".into()),
        (Some(_), None) => problems.push("data.id is not accepted here".into()),
    }
    for key in data.keys() {
        if !["type", "id", "attributes"].contains(&key.as_str()) {
            problems.push(format!("data.{} is not accepted", clip(key)));
        }
    }
    let attributes = match data.get("attributes") {
        Some(Value::Object(m)) => m.clone(),
        _ => {
            problems.push("data.attributes is required and must be an object".into());
            Map::new()
        }
    };
    for key in attributes.keys() {
        if !allowed.contains(&key.as_str()) {
            problems.push(format!("attribute {} is not accepted here", clip(key)));
        }
    }
    if problems.is_empty() {
        Ok(attributes)
    } else {
        Err(ApiError::bad_request(problems))
    }
}

/// Reads attributes, collecting problems.
struct Reader<'a> {
    attributes: &'a Map<String, Value>,
    problems: Vec<String>,
}

impl Reader<'_> {
    fn text(&mut self, key: &str, required: bool) -> Option<String> {
        match self.attributes.get(key) {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
            None | Some(Value::Null) if !required => None,
            None | Some(Value::Null) => {
                self.problems.push(format!("{key} is required"));
                None
            }
            Some(_) => {
                self.problems
                    .push(format!("{key} must be a non-empty string"));
                None
            }
        }
    }

    fn source_type(&mut self) -> Option<SourceType> {
        let text = self.text("integration_type", true)?;
        let ty = SourceType::parse(&text);
        if ty.is_none() {
            self.problems.push(format!(
                "integration_type must be one of {}",
                SourceType::names()
            ));
        }
        ty
    }

    /// An object attribute: `Some(None)` when it is `null`.
    fn object(&mut self, key: &str) -> Option<Option<Map<String, Value>>> {
        match self.attributes.get(key)? {
            Value::Object(m) => Some(Some(m.clone())),
            Value::Null => Some(None),
            _ => {
                self.problems.push(format!("{key} must be an object"));
                None
            }
        }
    }

    fn done<T>(self, value: Option<T>) -> Result<T, ApiError> {
        match value {
            Some(v) if self.problems.is_empty() => Ok(v),
            _ => Err(ApiError::bad_request(self.problems)),
        }
    }
}

pub fn create(body: &[u8]) -> Result<Create, ApiError> {
    let allowed = ["name", "domain", "integration_type", "secrets", "settings"];
    let attributes = attributes(body, None, &allowed)?;
    let mut r = Reader {
        attributes: &attributes,
        problems: Vec::new(),
    };
    let ty = r.source_type();
    let name = r.text("name", true);
    let domain = r.text("domain", true);
    let secrets = r.object("secrets").flatten().unwrap_or_default();
    let settings = r.object("settings").flatten();
    if let Some(ty) = ty {
        secrets::check(ty, &secrets, false, &mut r.problems);
    }
    let parsed = match (ty, name, domain) {
        (Some(ty), Some(name), Some(domain)) => Some(Create {
            ty,
            name,
            domain,
            secrets,
            settings,
        }),
        _ => None,
    };
    r.done(parsed)
}

pub fn patch(body: &[u8], id: &str) -> Result<Patch, ApiError> {
    let allowed = [
        "integration_type",
        "name",
        "domain",
        "enabled",
        "secrets",
        "settings",
    ];
    let attributes = attributes(body, Some(id), &allowed)?;
    let mut r = Reader {
        attributes: &attributes,
        problems: Vec::new(),
    };
    let ty = r.source_type();
    let name = r.text("name", false);
    let domain = r.text("domain", false);
    let enabled = match attributes.get("enabled") {
        None | Some(Value::Null) => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(_) => {
            r.problems.push("enabled must be a boolean".into());
            None
        }
    };
    let secrets = r.object("secrets").map(Option::unwrap_or_default);
    let settings = r.object("settings");
    if let (Some(ty), Some(secrets)) = (ty, &secrets) {
        secrets::check(ty, secrets, true, &mut r.problems);
    }
    let parsed = ty.map(|ty| Patch {
        ty,
        name,
        domain,
        enabled,
        secrets,
        settings,
    });
    r.done(parsed)
}

pub fn credentials(body: &[u8]) -> Result<Credentials, ApiError> {
    let attributes = attributes(body, None, &["domain", "integration_type", "secrets"])?;
    let mut r = Reader {
        attributes: &attributes,
        problems: Vec::new(),
    };
    let ty = r.source_type();
    let domain = r.text("domain", true);
    let secrets = r.object("secrets").flatten().unwrap_or_default();
    if let Some(ty) = ty {
        secrets::check(ty, &secrets, false, &mut r.problems);
    }
    let parsed = match (ty, domain) {
        (Some(ty), Some(domain)) => Some(Credentials {
            ty,
            domain,
            secrets,
        }),
        _ => None,
    };
    r.done(parsed)
}

#[cfg(test)]
mod tests;
