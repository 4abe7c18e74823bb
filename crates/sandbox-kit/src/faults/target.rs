//! Which requests a fault rule applies to: a method, a route template, or both.
//!
//! A test of a client's create must be able to fail only the list that follows the create
//! (`"GET /integration"`), every write (`"POST"`), or every method on one route
//! (`"/integration/{id}"`), without disturbing the rest of the run. Targets are written like the
//! stats' labels (`"METHOD /route/{template}"`), so a label copied from `GET /_sandbox/stats`
//! is a valid target; `*` stands for any method or any route.

use std::fmt;
use std::str::FromStr;

/// One target of a fault rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteTarget {
    /// `None`: any method.
    method: Option<String>,
    /// `None`: any route.
    route: Option<String>,
}

impl RouteTarget {
    /// Whether a request with `method` on the route template `route` is targeted.
    pub fn matches(&self, method: &str, route: &str) -> bool {
        self.method.as_deref().is_none_or(|m| m == method)
            && self.route.as_deref().is_none_or(|r| r == route)
    }

    /// Whether the request labelled `label` (`"METHOD /route"`, as the stats name it) is
    /// targeted.
    pub fn matches_label(&self, label: &str) -> bool {
        let (method, route) = label.split_once(' ').unwrap_or((label, ""));
        self.matches(method, route)
    }
}

/// `"GET /integration"`, `"POST"`, `"/integration/{id}"`, `"* /integration"` or `"POST *"`.
impl FromStr for RouteTarget {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let words: Vec<&str> = text.split_whitespace().collect();
        let target = match words.as_slice() {
            [route] if route.starts_with('/') => RouteTarget {
                method: None,
                route: Some((*route).to_owned()),
            },
            [method] => RouteTarget {
                method: method_of(method, text)?,
                route: None,
            },
            [method, route] => RouteTarget {
                method: method_of(method, text)?,
                route: route_of(route, text)?,
            },
            _ => {
                return Err(format!(
                    "fault target {text:?} is not \"METHOD /route\", \"METHOD\" or \"/route\""
                ));
            }
        };
        Ok(target)
    }
}

fn method_of(word: &str, text: &str) -> Result<Option<String>, String> {
    if word == "*" {
        return Ok(None);
    }
    if word.chars().all(|c| c.is_ascii_uppercase()) {
        return Ok(Some(word.to_owned()));
    }
    Err(format!(
        "fault target {text:?}: {word:?} is not an HTTP method in upper case (GET, POST, ...) or *"
    ))
}

fn route_of(word: &str, text: &str) -> Result<Option<String>, String> {
    match word {
        "*" => Ok(None),
        route if route.starts_with('/') => Ok(Some(route.to_owned())),
        _ => Err(format!(
            "fault target {text:?}: {word:?} is not a route template starting with / or *"
        )),
    }
}

impl fmt::Display for RouteTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let method = self.method.as_deref().unwrap_or("*");
        let route = self.route.as_deref().unwrap_or("*");
        write!(f, "{method} {route}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(text: &str) -> RouteTarget {
        text.parse().expect("a valid target")
    }

    #[test]
    fn a_method_and_a_route_target_that_pair_only() {
        let t = target("GET /integration");
        assert!(t.matches("GET", "/integration"));
        assert!(!t.matches("POST", "/integration"));
        assert!(!t.matches("GET", "/integration/{id}"));
        assert!(t.matches_label("GET /integration"));
    }

    #[test]
    fn a_method_alone_targets_it_on_every_route_and_a_route_alone_every_method() {
        let post = target("POST");
        assert!(post.matches("POST", "/integration"));
        assert!(post.matches("POST", "/login"));
        assert!(!post.matches("GET", "/integration"));
        let route = target("/integration/{id}");
        assert!(route.matches("PUT", "/integration/{id}"));
        assert!(route.matches("DELETE", "/integration/{id}"));
        assert!(!route.matches("GET", "/integration"));
        assert_eq!(target("* /integration/{id}"), route);
        assert_eq!(target("POST *"), post);
        assert_eq!(route.to_string(), "* /integration/{id}");
    }

    #[test]
    fn malformed_targets_say_what_is_wrong() {
        for bad in [
            "",
            "get /integration",
            "GET integration",
            "GET /a /b",
            "G3T",
        ] {
            let error = bad.parse::<RouteTarget>().expect_err(bad);
            assert!(error.contains("fault target"), "{error}");
        }
    }
}
