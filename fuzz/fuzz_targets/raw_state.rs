//! Raw state JSON (UpgradeResourceState) decoded against the provider's schema types.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    prismacloud::fuzzing::raw_state(data);
});
