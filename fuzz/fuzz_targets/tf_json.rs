#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    safeguard_iac::fuzz::fuzz_tf_json(data);
});
