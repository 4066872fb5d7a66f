//! The amount parser on any text: never a panic; an amount it reads writes back to a text
//! it reads as the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yosan::amount::{parse, Unit};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(amount) = parse(text, Unit::HundredMillionYen) {
        let again = parse(&amount.to_string(), Unit::HundredMillionYen).expect("an amount's own text parses");
        assert_eq!(again.value(), amount.value(), "{text} → {amount}");
        assert_eq!(again.unit, amount.unit);
    }
});
