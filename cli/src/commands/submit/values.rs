//! Values in and out of the node's dynamic calls: rendering decoded data, optional fields,
//! account ids.

use super::*;

/// A decoded value the way people read chain data: byte strings and arrays as hex, composites
/// with their field names.
pub(super) fn render<T>(value: &subxt::ext::scale_value::Value<T>) -> String {
	use subxt::ext::scale_value::{Composite, Primitive, ValueDef};
	pub(super) fn composite<T>(fields: &Composite<T>) -> String {
		let bytes: Option<Vec<u8>> = fields
			.values()
			.map(|value| match &value.value {
				ValueDef::Primitive(Primitive::U128(byte)) => u8::try_from(*byte).ok(),
				_ => None,
			})
			.collect();
		match (fields, bytes) {
			(_, Some(bytes)) if bytes.len() > 1 => to_hex(&bytes),
			(Composite::Named(named), _) => {
				let inner: Vec<String> = named
					.iter()
					.map(|(name, value)| format!("{name}: {}", render(value)))
					.collect();
				format!("{{ {} }}", inner.join(", "))
			},
			(Composite::Unnamed(values), _) if values.len() == 1 => render(&values[0]),
			(Composite::Unnamed(values), _) => {
				let inner: Vec<String> = values.iter().map(render).collect();
				format!("({})", inner.join(", "))
			},
		}
	}
	match &value.value {
		ValueDef::Composite(fields) => composite(fields),
		ValueDef::Variant(variant) if variant.values.is_empty() => variant.name.clone(),
		ValueDef::Variant(variant) => format!("{}{}", variant.name, composite(&variant.values)),
		ValueDef::Primitive(Primitive::String(text)) => format!("{text:?}"),
		ValueDef::Primitive(primitive) => primitive.to_string(),
		ValueDef::BitSequence(bits) => format!("{bits:?}"),
	}
}

/// A post-quantum key or signature of `algorithm` as the chain's `PqPublicKey` and
/// `PqSignature` take it: the variant of its algorithm around its bytes.
pub(super) fn pq_value(algorithm: Algorithm, bytes: &[u8]) -> Value {
	let variant = match algorithm {
		Algorithm::MlDsa44 => "MlDsa44",
		Algorithm::MlDsa65 => "MlDsa65",
		Algorithm::MlDsa87 => "MlDsa87",
		Algorithm::SlhDsaSha2_128s => "SlhDsaSha2_128s",
		Algorithm::SlhDsaSha2_128f => "SlhDsaSha2_128f",
	};
	Value::unnamed_variant(variant, [Value::unnamed_composite([Value::from_bytes(bytes)])])
}

/// A signature as the chain takes it.
pub(super) fn signature_value(signature: &PqSignature) -> Value {
	pq_value(signature.algorithm(), signature.as_bytes())
}

pub(super) fn option(value: Option<Value>) -> Value {
	match value {
		Some(value) => Value::unnamed_variant("Some", [value]),
		None => Value::unnamed_variant("None", []),
	}
}

pub(crate) fn parse_account(text: &str) -> Result<AccountId32> {
	AccountId32::from_str(text)
		.map_err(|error| anyhow!("{text} is not an SS58 account address: {error}"))
}
