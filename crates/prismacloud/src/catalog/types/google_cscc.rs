use crate::catalog::{Check, Field, IntegrationType, Kind};

pub const ENTRY: IntegrationType = IntegrationType {
    name: "google_cscc",
    wire_type: "google_cscc",
    title: "Google Cloud SCC",
    summary: "Sends Prisma Cloud alerts about resource misconfigurations, compliance violations, \
              network security risks and anomalous user activities to Google Cloud Security \
              Command Center (SCC).",
    fields: &[
        Field::required("orgId", Kind::String, "GCP organization ID.").checked(&[Check::NotEmpty]),
        Field::required(
            "sourceId",
            Kind::String,
            "GCP source ID for the service account you used to onboard your GCP organization to \
             Prisma Cloud.",
        )
        .checked(&[Check::NotEmpty]),
    ],
    rules: &[],
    testable: true,
    notes: &[],
};
