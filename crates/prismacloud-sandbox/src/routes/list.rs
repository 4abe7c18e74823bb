//! The list endpoints of both families: `GET /integration?type=&onlyEnabled=` and
//! `GET /api/v1/tenant/{prisma_id}/integration?ids=&type=&onlyEnabled=`.
//!
//! Both hide disabled integrations unless asked `onlyEnabled=false`. The v1 documentation says
//! so; the classic list's behaviour is undocumented, and the sandbox takes the stricter reading
//! on purpose: a client that finds what it created by listing must ask for everything, or an
//! integration it created disabled is lost to it.

use uuid::Uuid;

use super::extract::{invalid_id, parse_id, query_pairs};
use super::unknown_query_parameter;
use crate::error::{ApiError, Family, Violation, keys};
use crate::integration_type::IntegrationType;
use crate::store::{Integration, Store};

/// The filters of a list request.
#[derive(Debug)]
pub(crate) struct ListQuery {
    /// v1 only: `ids` (comma-separated, repeatable).
    ids: Option<Vec<Uuid>>,
    ty: Option<IntegrationType>,
    /// `onlyEnabled`, true unless the query says `false`.
    only_enabled: bool,
}

impl ListQuery {
    /// Reads `query` as `family`'s list takes it; every unknown or malformed parameter is a 400.
    pub(crate) fn parse(query: Option<&str>, family: Family) -> Result<ListQuery, ApiError> {
        let mut parsed = ListQuery {
            ids: None,
            ty: None,
            only_enabled: true,
        };
        let mut out = Vec::new();
        for (name, value) in query_pairs(query) {
            match name.as_str() {
                "ids" if family == Family::V1 => {
                    let ids = parsed.ids.get_or_insert_with(Vec::new);
                    for id in value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                        ids.push(parse_id(id).ok_or_else(invalid_id)?);
                    }
                }
                "type" => parsed.ty = type_filter(&value, &mut out),
                "onlyEnabled" => match value.as_str() {
                    "true" => parsed.only_enabled = true,
                    "false" => parsed.only_enabled = false,
                    _ => out.push(Violation::new(
                        keys::INVALID_VALUE,
                        "onlyEnabled",
                        "onlyEnabled must be true or false",
                    )),
                },
                other => out.push(unknown_query_parameter(other)),
            }
        }
        ApiError::check(out)?;
        Ok(parsed)
    }

    /// The integrations of `store` the query selects, in creation order.
    pub(crate) fn select<'a>(&self, store: &'a Store) -> Vec<&'a Integration> {
        store
            .list()
            .into_iter()
            .filter(|i| !self.only_enabled || i.enabled)
            .filter(|i| self.ty.is_none_or(|ty| i.ty == ty))
            .filter(|i| self.ids.as_ref().is_none_or(|ids| ids.contains(&i.id)))
            .collect()
    }
}

/// Reads a `type` query filter, pushing a violation when it names no type.
fn type_filter(value: &str, out: &mut Vec<Violation>) -> Option<IntegrationType> {
    let ty = IntegrationType::parse(value);
    if ty.is_none() {
        out.push(Violation::new(
            keys::UNSUPPORTED_TYPE,
            "type",
            "type is not a supported integration type",
        ));
    }
    ty
}
