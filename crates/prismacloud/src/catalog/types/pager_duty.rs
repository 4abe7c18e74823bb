use crate::catalog::{Field, IntegrationType, Kind};

pub const ENTRY: IntegrationType = IntegrationType {
    name: "pager_duty",
    wire_type: "pager_duty",
    title: "PagerDuty",
    summary: "Sends Prisma Cloud alerts to a PagerDuty service, for on-call scheduling, \
              escalation policies and incident tracking.",
    fields: &[
        Field::required("integrationKey", Kind::String, "PagerDuty integration key.").secret(),
    ],
    rules: &[],
    testable: true,
    notes: &[],
};
