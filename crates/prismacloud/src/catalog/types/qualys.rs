use crate::catalog::{Check, Field, IntegrationType, Kind};

pub const ENTRY: IntegrationType = IntegrationType {
    name: "qualys",
    wire_type: "qualys",
    title: "Qualys",
    summary: "Ingests and visualizes Qualys vulnerability data for your resources deployed on AWS \
              and Azure.",
    fields: &[
        Field::required("login", Kind::String, "Qualys login.").checked(&[Check::NotEmpty]),
        Field::required(
            "baseUrl",
            Kind::String,
            "Qualys Security Operations Center server API URL, without `http://` or `https://`.",
        )
        .checked(&[Check::Host]),
        Field::required("password", Kind::String, "Qualys password.").secret(),
    ],
    rules: &[],
    testable: true,
    notes: &[],
};
