//! A Terraform DynamicValue (MessagePack) decoded against the provider's schema types.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    prismacloud::fuzzing::dynamic_value(data);
});
