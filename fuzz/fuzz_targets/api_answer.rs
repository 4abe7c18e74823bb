//! An API answer (status, headers, body) through every parser of the API client.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    prismacloud::fuzzing::api_answer(data);
});
