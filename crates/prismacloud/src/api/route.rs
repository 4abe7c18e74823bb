//! Which endpoints serve which integration types.
//!
//! The API has two families. The *classic* one (`/integration...`) serves every type and is
//! the only one for okta, qualys and tenable. The *tenant* one
//! (`/api/v1/tenant/{prismaId}/integration...`) serves the outbound types and is used for them
//! whenever the prisma id is known (configured or learned, see `tenant.rs`). Classic answers
//! spell types in UPPERCASE and call okta `okta_idp`; [`normalize_type`] maps both back to the
//! names callers use.

use apiclient::Endpoint;
use url::Url;

/// Types that only the classic endpoints serve.
const CLASSIC_ONLY: &[&str] = &["okta", "okta_idp", "qualys", "tenable"];

/// An endpoint family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Family {
    /// `/integration...`
    Classic,
    /// `/api/v1/tenant/{prismaId}/integration...`
    Tenant,
}

/// The type name callers use for a type name the API returned.
pub(crate) fn normalize_type(raw: &str) -> String {
    let lower = raw.trim().to_ascii_lowercase();
    if lower == "okta_idp" {
        "okta".to_owned()
    } else {
        lower
    }
}

/// Builds endpoint URLs from the configured base URL and prisma id.
#[derive(Debug, Clone)]
pub(crate) struct Endpoints {
    base: Url,
    prisma_id: Option<String>,
}

impl Endpoints {
    /// `base` must be able to carry path segments (checked by `ClientConfig::validate`).
    pub(crate) fn new(base: Url, prisma_id: Option<String>) -> Self {
        Endpoints { base, prisma_id }
    }

    /// The same endpoints for the tenant `prisma_id` (`None`: classic only).
    pub(crate) fn with_prisma_id(&self, prisma_id: Option<String>) -> Self {
        Endpoints::new(self.base.clone(), prisma_id)
    }

    /// The family serving `integration_type`; `None` (any type) means classic.
    pub(crate) fn family(&self, integration_type: Option<&str>) -> Family {
        match (integration_type, &self.prisma_id) {
            (Some(t), Some(_)) if !CLASSIC_ONLY.contains(&t.to_ascii_lowercase().as_str()) => {
                Family::Tenant
            }
            _ => Family::Classic,
        }
    }

    /// `POST /login`.
    pub(crate) fn login(&self) -> Endpoint {
        self.endpoint(&["login"], "/login")
    }

    /// `GET /auth_token/extend`.
    pub(crate) fn extend(&self) -> Endpoint {
        self.endpoint(&["auth_token", "extend"], "/auth_token/extend")
    }

    /// `GET /license`.
    pub(crate) fn license(&self) -> Endpoint {
        self.endpoint(&["license"], "/license")
    }

    /// The integration collection (list, create).
    pub(crate) fn collection(&self, family: Family) -> Endpoint {
        match self.tenant(family) {
            Some(p) => self.endpoint(
                &["api", "v1", "tenant", p, "integration"],
                "/api/v1/tenant/{prismaId}/integration",
            ),
            None => self.endpoint(&["integration"], "/integration"),
        }
    }

    /// One integration (get, update, patch, delete).
    pub(crate) fn item(&self, family: Family, id: &str) -> Endpoint {
        match self.tenant(family) {
            Some(p) => self.endpoint(
                &["api", "v1", "tenant", p, "integration", id],
                "/api/v1/tenant/{prismaId}/integration/{id}",
            ),
            None => self.endpoint(&["integration", id], "/integration/{id}"),
        }
    }

    /// The test call.
    pub(crate) fn test(&self, family: Family) -> Endpoint {
        match self.tenant(family) {
            Some(p) => self.endpoint(
                &["api", "v1", "tenant", p, "integration", "test"],
                "/api/v1/tenant/{prismaId}/integration/test",
            ),
            None => self.endpoint(&["integration", "test"], "/integration/test"),
        }
    }

    fn tenant(&self, family: Family) -> Option<&str> {
        match family {
            Family::Tenant => self.prisma_id.as_deref(),
            Family::Classic => None,
        }
    }

    fn endpoint(&self, segments: &[&str], template: &'static str) -> Endpoint {
        let mut url = self.base.clone();
        url.path_segments_mut()
            .expect("ClientConfig::validate rejects base URLs that cannot carry a path")
            .pop_if_empty()
            .extend(segments);
        Endpoint { url, template }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn endpoints(base: &str, prisma_id: Option<&str>) -> Endpoints {
        Endpoints::new(
            Url::parse(base).expect("test URL"),
            prisma_id.map(str::to_owned),
        )
    }

    #[test]
    fn family_routing() {
        let with_tenant = endpoints("https://api.example.com", Some("T1"));
        let without = endpoints("https://api.example.com", None);
        for t in ["slack", "webhook", "service_now", "aws_s3", "jira"] {
            assert_eq!(with_tenant.family(Some(t)), Family::Tenant, "{t}");
            assert_eq!(without.family(Some(t)), Family::Classic, "{t}");
        }
        for t in ["okta", "okta_idp", "qualys", "tenable", "QUALYS"] {
            assert_eq!(with_tenant.family(Some(t)), Family::Classic, "{t}");
        }
        assert_eq!(with_tenant.family(None), Family::Classic);
    }

    #[test]
    fn paths_of_both_families() {
        let e = endpoints("https://api.example.com", Some("T1"));
        assert_eq!(
            e.collection(Family::Classic).url.as_str(),
            "https://api.example.com/integration"
        );
        assert_eq!(
            e.collection(Family::Tenant).url.as_str(),
            "https://api.example.com/api/v1/tenant/T1/integration"
        );
        assert_eq!(
            e.item(Family::Tenant, "abc").url.as_str(),
            "https://api.example.com/api/v1/tenant/T1/integration/abc"
        );
        assert_eq!(
            e.test(Family::Classic).url.as_str(),
            "https://api.example.com/integration/test"
        );
        assert_eq!(e.login().url.as_str(), "https://api.example.com/login");
        assert_eq!(
            e.extend().url.as_str(),
            "https://api.example.com/auth_token/extend"
        );
        assert_eq!(e.item(Family::Classic, "x").template, "/integration/{id}");
    }

    #[test]
    fn base_path_prefix_is_kept_and_ids_are_escaped() {
        let e = endpoints("http://127.0.0.1:8080/prefix/", None);
        assert_eq!(
            e.item(Family::Classic, "a/b?c").url.as_str(),
            "http://127.0.0.1:8080/prefix/integration/a%2Fb%3Fc"
        );
        let e = endpoints("http://127.0.0.1:8080/prefix", None);
        assert_eq!(e.login().url.as_str(), "http://127.0.0.1:8080/prefix/login");
    }

    #[test]
    fn type_names_are_normalized() {
        assert_eq!(normalize_type("SLACK"), "slack");
        assert_eq!(normalize_type("OKTA_IDP"), "okta");
        assert_eq!(normalize_type("okta_idp"), "okta");
        assert_eq!(normalize_type("service_now"), "service_now");
    }
}
