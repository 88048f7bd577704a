//! Reading values from sources: fixed-point decimals and JSON pointers.

use crate::offchain::{parse_fixed, value_at, FetchError};

#[test]
fn decimal_numbers_are_parsed_exactly_into_fixed_point() {
	for (text, decimals, expected) in [
		("0.9731", 4, Some(9_731)),
		("0.97319", 4, Some(9_731)),
		("-12.5", 2, Some(-1_250)),
		("+3", 0, Some(3)),
		("42", 3, Some(42_000)),
		("1e-3", 4, Some(10)),
		("6.02E+2", 1, Some(6_020)),
		("1e-30", 4, Some(0)),
		(".5", 1, Some(5)),
		("5.", 1, Some(50)),
		("", 2, None),
		(".", 2, None),
		("1.2.3", 2, None),
		("0x10", 0, None),
		("NaN", 0, None),
		("1e400", 0, None),
		("0e2147483647", 4, Some(0)),
		("1e2147483647", 4, None),
		("-0", 2, Some(0)),
		("00.10", 2, Some(10)),
		("1e", 0, None),
		("e5", 0, None),
		("170141183460469231731687303715884105728", 0, None),
	] {
		assert_eq!(parse_fixed(text, decimals), expected, "{text} with {decimals} decimals");
	}
	// Leading zeros are not integer digits.
	assert_eq!(parse_fixed(&format!("{}1", "0".repeat(100)), 0), Some(1));
}

#[test]
fn a_json_pointer_selects_the_number() {
	let body = br#"{"a": {"b": [1.5, "2.25", true]}, "n": null}"#;
	assert_eq!(value_at(body, b"/a/b/0", 2), Ok(150));
	assert_eq!(value_at(body, b"/a/b/1", 2), Ok(225), "quoted numbers are accepted");
	assert_eq!(value_at(body, b"/a/b/2", 2), Err(FetchError::NotANumber));
	assert_eq!(value_at(body, b"/n", 2), Err(FetchError::NotANumber));
	assert_eq!(value_at(body, b"/a/c", 2), Err(FetchError::NotJson));
	assert_eq!(value_at(b"not json", b"", 2), Err(FetchError::NotJson));
	assert_eq!(value_at(b"7", b"", 1), Ok(70), "the empty pointer is the whole document");
}
