//! Infracast as the shared client machinery sees it: its name, where it says how long to wait,
//! and its error envelope.

use apiclient::header::HeaderMap;
use apiclient::{ApiMessage, Vendor, WaitHeader};

use super::wire;

fn messages(_: &HeaderMap, body: &[u8]) -> Vec<ApiMessage> {
    wire::messages(body)
}

pub const INFRACAST: Vendor = Vendor {
    service: "Infracast",
    request_id_header: Some("x-request-id"),
    wait_headers: &[WaitHeader::RETRY_AFTER],
    parse_messages: messages,
};
