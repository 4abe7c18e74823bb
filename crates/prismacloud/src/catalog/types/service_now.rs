use crate::catalog::{Check, Field, IntegrationType, Kind};

pub const ENTRY: IntegrationType = IntegrationType {
    name: "service_now",
    wire_type: "service_now",
    title: "ServiceNow",
    summary: "Notifies you of Prisma Cloud alerts through ServiceNow tickets: ITSM incidents \
              (`incident` table), security incidents (`sn_si_incident`) and events (`em_event`).",
    fields: &[
        Field::required(
            "hostUrl",
            Kind::String,
            "ServiceNow URL. It cannot change: a new value replaces the integration.",
        )
        .checked(&[Check::HostOrUrl])
        .immutable(),
        Field::required("login", Kind::String, "ServiceNow login.").checked(&[Check::NotEmpty]),
        Field::required(
            "password",
            Kind::String,
            "ServiceNow password for the login.",
        )
        .secret(),
        Field::required(
            "tables",
            Kind::Flags(&["incident", "sn_si_incident", "em_event"]),
            "The ServiceNow module tables to integrate with: any of `incident`, \
             `sn_si_incident`, `em_event`.",
        ),
    ],
    rules: &[],
    testable: true,
    notes: &[
        "`host_url` cannot change in place: a new value replaces the integration.",
        super::NO_CREATE_BEFORE_DESTROY,
    ],
};
