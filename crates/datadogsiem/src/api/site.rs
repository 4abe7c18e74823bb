//! Datadog sites: where an organization's API lives (`https://api.<site>`).

use url::Url;

/// The documented sites, in the order of the API reference's site table.
pub const SITES: &[&str] = &[
    "datadoghq.com",
    "us3.datadoghq.com",
    "us5.datadoghq.com",
    "ap1.datadoghq.com",
    "ap2.datadoghq.com",
    "uk1.datadoghq.com",
    "datadoghq.eu",
    "ddog-gov.com",
    "us2.ddog-gov.com",
];

/// The site of an organization that names none.
pub const DEFAULT_SITE: &str = "datadoghq.com";

/// Whether `site` is one of [`SITES`] (exactly: sites are lower case).
pub fn is_site(site: &str) -> bool {
    SITES.contains(&site)
}

/// The API base URL of a documented site, `https://api.<site>/`.
pub fn base_url(site: &str) -> Option<Url> {
    is_site(site)
        .then(|| Url::parse(&format!("https://api.{site}/")).ok())
        .flatten()
}

/// The site a user most likely meant by `text`, when it is a site written another way: the
/// web app's or the API's host (`app.datadoghq.eu`, `api.us5.datadoghq.com`), a URL, capitals.
pub fn meant(text: &str) -> Option<&'static str> {
    let lower = text.trim().to_ascii_lowercase();
    let host = lower
        .split_once("://")
        .map_or(lower.as_str(), |(_, rest)| rest)
        .trim_end_matches('/');
    let bare = host
        .strip_prefix("app.")
        .or_else(|| host.strip_prefix("api."))
        .unwrap_or(host);
    SITES.iter().copied().find(|s| *s == bare)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nine_sites_each_with_its_api_host() {
        assert_eq!(SITES.len(), 9);
        assert!(is_site(DEFAULT_SITE));
        assert_eq!(
            base_url("datadoghq.eu").unwrap().as_str(),
            "https://api.datadoghq.eu/"
        );
        assert_eq!(
            base_url("us2.ddog-gov.com").unwrap().as_str(),
            "https://api.us2.ddog-gov.com/"
        );
        assert_eq!(base_url("example.com"), None);
    }

    #[test]
    fn hosts_and_urls_of_a_site_point_at_it() {
        assert_eq!(meant("app.datadoghq.eu"), Some("datadoghq.eu"));
        assert_eq!(
            meant("https://api.US5.datadoghq.com/"),
            Some("us5.datadoghq.com")
        );
        assert_eq!(meant("datadoghq.org"), None);
    }
}
