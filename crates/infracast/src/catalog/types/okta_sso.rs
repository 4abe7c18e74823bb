//! Okta SSO: SAML 2.0 (SSO URL, entity ID, X.509 certificate, attribute names with their
//! documented defaults) or OIDC (a discovery URL, and the client Infracast is registered as in
//! Okta) — exactly one of the two. Wire keys and the `type` string `okta_sso` are inferred.
//!
//! The two protocols are flat attributes rather than two nested blocks: a secret (the OIDC
//! client secret) and a default (the SAML attribute names) can only live at the top level, and
//! the rules below say which go together. The attribute names are sent with either protocol:
//! they are Infracast's mapping of the IdP's user attributes (SAML attributes or OIDC claims).

use crate::catalog::{Check, DefaultValue, Field, IntegrationType, Kind, Rule};

pub const ENTRY: IntegrationType = IntegrationType {
    name: "okta_sso",
    // Inferred: the snake_case of the integration's name (the seed's "Okta SSO").
    wire_type: "okta_sso",
    title: "Okta SSO",
    summary: "Lets users sign in to Infracast with their Okta credentials, through SAML 2.0 or \
              OIDC. Set the SAML attributes (`sso_url`, `entity_id`, `x509_certificate`) or the \
              OIDC ones (`discovery_url`, `client_id`, `client_secret`): exactly one of the two.",
    fields: &[
        Field::optional(
            "sso_url",
            Kind::String,
            "SAML: the IdP's single sign-on URL (Okta's \"Identity Provider Single Sign-On \
             URL\"). Set with `entity_id` and `x509_certificate`.",
        )
        .checked(&[Check::HttpsUrl])
        .inferred("the Okta SSO page's SAML \"SSO URL\" field"),
        Field::optional(
            "entity_id",
            Kind::String,
            "SAML: the IdP's entity ID (issuer).",
        )
        .checked(&[Check::NotEmpty])
        .inferred("the Okta SSO page's SAML \"Entity ID (issuer)\" field"),
        Field::optional(
            "x509_certificate",
            Kind::String,
            "SAML: the IdP's signing certificate, PEM-encoded (`-----BEGIN CERTIFICATE-----`...). \
             A certificate is public: no private key goes here.",
        )
        .checked(&[Check::Prefix("-----BEGIN CERTIFICATE-----")])
        .inferred("the Okta SSO page's SAML \"X.509 certificate\" field"),
        Field::defaulted(
            "email_attribute",
            Kind::String,
            DefaultValue::String("email"),
            "The IdP attribute holding the user's e-mail address.",
        )
        .checked(&[Check::NotEmpty])
        .inferred("the Okta SSO page's \"Email\" attribute name (its documented default)"),
        Field::defaulted(
            "first_name_attribute",
            Kind::String,
            DefaultValue::String("firstName"),
            "The IdP attribute holding the user's first name.",
        )
        .checked(&[Check::NotEmpty])
        .inferred("the Okta SSO page's \"First name\" attribute name (its documented default)"),
        Field::defaulted(
            "last_name_attribute",
            Kind::String,
            DefaultValue::String("lastName"),
            "The IdP attribute holding the user's last name.",
        )
        .checked(&[Check::NotEmpty])
        .inferred("the Okta SSO page's \"Last name\" attribute name (its documented default)"),
        Field::defaulted(
            "groups_attribute",
            Kind::String,
            DefaultValue::String("groups"),
            "The IdP attribute holding the user's groups.",
        )
        .checked(&[Check::NotEmpty])
        .inferred("the Okta SSO page's \"Groups\" attribute name (its documented default)"),
        Field::optional(
            "discovery_url",
            Kind::String,
            "OIDC: the IdP's discovery URL, e.g. \
             `https://acme.okta.com/.well-known/openid-configuration`. Set with `client_id` and \
             `client_secret`.",
        )
        .checked(&[Check::HttpsUrl])
        .inferred("the Okta SSO page's OIDC \"Discovery URL\" field"),
        Field::optional(
            "client_id",
            Kind::String,
            "OIDC: the client ID of Infracast's application registration in Okta.",
        )
        .checked(&[Check::NotEmpty])
        .inferred("the SSO page's \"application registration in the IdP\" (OIDC needs a client)"),
        Field::optional(
            "client_secret",
            Kind::String,
            "OIDC: the client secret of that application registration.",
        )
        .secret()
        .checked(&[Check::NotEmpty])
        .inferred("the SSO page's \"application registration in the IdP\" (OIDC needs a client)"),
    ],
    rules: &[
        Rule::ExactlyOne(&["sso_url", "discovery_url"]),
        Rule::Together(&["sso_url", "entity_id", "x509_certificate"]),
        Rule::Together(&["discovery_url", "client_id", "client_secret"]),
    ],
    testable: false,
    notes: &[],
};
