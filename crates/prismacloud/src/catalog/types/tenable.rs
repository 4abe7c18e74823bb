use crate::catalog::{Field, IntegrationType, Kind};

pub const ENTRY: IntegrationType = IntegrationType {
    name: "tenable",
    wire_type: "tenable",
    title: "Tenable",
    summary: "Sends Prisma Cloud alerts for resource misconfigurations, compliance violations, \
              network security risks and anomalous user activities to Tenable.",
    fields: &[
        Field::required("accessKey", Kind::String, "Access key from Tenable.io.").secret(),
        Field::required("secretKey", Kind::String, "Secret key from Tenable.io.").secret(),
    ],
    rules: &[],
    testable: true,
    notes: &[],
};
