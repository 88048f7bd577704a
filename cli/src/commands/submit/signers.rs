//! Signatures by a model's policy keys as the registry takes them: each names the id of the
//! key that made it, found on chain by the key's public-key fingerprint among the keys the
//! model's policy names; exactly the policy's threshold of them.

use aegis_integrity::pq::PqPublicKey;
use subxt::ext::scale_value::{At, Primitive, ValueDef};

use super::*;

/// The signing keys a model's policy names, with their fingerprints, and how many must sign.
pub(super) struct PolicySigners {
	pub(super) threshold: u32,
	/// `(key id, SHA3-256 fingerprint of its public key)`, for each named key still
	/// registered (a revoked key signs nothing).
	pub(super) keys: Vec<(u32, [u8; 32])>,
	/// How many keys the policy names, revoked ones included.
	pub(super) named: usize,
}

/// The signing part of the policy of the model `record` (read at `at`); `None` if it names no
/// keys.
pub(super) async fn policy_signers<C>(
	at: &subxt::client::ClientAtBlock<PolkadotConfig, C>,
	record: &Value,
) -> Result<Option<PolicySigners>>
where
	C: subxt::client::OnlineClientAtBlockT<PolkadotConfig>,
{
	let signing = record
		.at("policy")
		.and_then(|policy| policy.at("signing"))
		.context("the node's model record has no signing policy")?;
	let Some(signing) = some(signing) else { return Ok(None) };
	let threshold = signing
		.at("threshold")
		.and_then(|threshold| threshold.as_u128())
		.and_then(|threshold| u32::try_from(threshold).ok())
		.context("the node's signing policy has no threshold")?;
	let mut numbers = Vec::new();
	signing
		.at("keys")
		.and_then(|keys| flatten_numbers(keys, &mut numbers))
		.context("the node's signing policy has no list of keys")?;
	let ids: Vec<u32> = numbers
		.into_iter()
		.map(u32::try_from)
		.collect::<Result<_, _>>()
		.context("the node's signing policy names a malformed key id")?;
	let mut keys = Vec::new();
	for id in &ids {
		let address = subxt::dynamic::storage::<[u32; 1], Value>("ProofVerifier", "SigningKeys");
		let Some(record) = at
			.storage()
			.try_fetch(address, [*id])
			.await
			.context("cannot read the policy's signing keys from the node")?
		else {
			continue;
		};
		let record = record.decode().context("the node's signing key record does not decode")?;
		let mut bytes = Vec::new();
		record
			.at("public_key")
			.and_then(|public_key| match &public_key.value {
				ValueDef::Variant(variant) => {
					variant.values.values().try_for_each(|value| flatten_bytes(value, &mut bytes))
				},
				_ => None,
			})
			.context("the node's signing key record has no public key")?;
		keys.push((*id, aegis_cli::keyfile::fingerprint(&bytes)));
	}
	Ok(Some(PolicySigners { threshold, keys, named: ids.len() }))
}

/// The signatures as the registry's `KeySignatures`: each with the id of its key among the
/// policy's. Refuses what the chain would, with the reason in the policy's terms.
pub(super) fn signature_list(
	model: u32,
	policy: Option<&PolicySigners>,
	signed: &[(PqPublicKey, PqSignature)],
) -> Result<Value> {
	let Some(policy) = policy else {
		ensure!(
			signed.is_empty(),
			"model {model}'s policy names no signing keys: give no --key or --signatures"
		);
		return Ok(Value::unnamed_composite([]));
	};
	ensure!(
		signed.len() == policy.threshold as usize,
		"model {model}'s policy needs signatures by {} of its {} signing keys; {} given",
		policy.threshold,
		policy.named,
		signed.len()
	);
	let mut entries = Vec::new();
	let mut used = Vec::new();
	for (public, signature) in signed {
		let fingerprint = aegis_cli::keyfile::fingerprint(public.as_bytes());
		let id = policy
			.keys
			.iter()
			.find(|(_, known)| *known == fingerprint)
			.map(|(id, _)| *id)
			.with_context(|| {
				format!(
					"the key {} is not one of model {model}'s policy keys (or it was revoked)",
					to_hex(&fingerprint)
				)
			})?;
		ensure!(!used.contains(&id), "key {id} signs twice");
		used.push(id);
		entries.push(Value::named_composite([
			("key", Value::u128(id.into())),
			("signature", signature_value(signature)),
		]));
	}
	Ok(Value::unnamed_composite(entries))
}

/// The update nonce of the model `record`: what an owner-action signature names.
pub(super) fn record_nonce(record: &Value) -> Result<u64> {
	record
		.at("nonce")
		.and_then(|nonce| nonce.as_u128())
		.and_then(|nonce| u64::try_from(nonce).ok())
		.context("the node's model record has no nonce")
}

/// The model's record at `at`.
pub(super) async fn model_record<C>(
	at: &subxt::client::ClientAtBlock<PolkadotConfig, C>,
	model: u32,
) -> Result<Value>
where
	C: subxt::client::OnlineClientAtBlockT<PolkadotConfig>,
{
	let address = subxt::dynamic::storage::<[u32; 1], Value>("ModelRegistry", "Models");
	at.storage()
		.try_fetch(address, [model])
		.await
		.context("cannot read the model from the node (is this an Aegis node?)")?
		.with_context(|| format!("model {model} does not exist"))?
		.decode()
		.context("the node's model record does not decode")
}

/// The value inside `Some`, or `None` for `None`.
fn some<T>(
	option: &subxt::ext::scale_value::Value<T>,
) -> Option<&subxt::ext::scale_value::Value<T>> {
	match &option.value {
		ValueDef::Variant(variant) if variant.name == "Some" => variant.values.values().next(),
		_ => None,
	}
}

/// Appends the numbers of a (possibly nested: a bounded vector wraps its vector) sequence of
/// unsigned integers to `out`.
fn flatten_numbers<T>(
	value: &subxt::ext::scale_value::Value<T>,
	out: &mut Vec<u128>,
) -> Option<()> {
	match &value.value {
		ValueDef::Primitive(Primitive::U128(number)) => out.push(*number),
		ValueDef::Composite(inner) => {
			inner.values().try_for_each(|value| flatten_numbers(value, out))?
		},
		_ => return None,
	}
	Some(())
}

/// Appends the bytes of a (possibly nested) byte-array value to `out`.
fn flatten_bytes<T>(value: &subxt::ext::scale_value::Value<T>, out: &mut Vec<u8>) -> Option<()> {
	let mut numbers = Vec::new();
	flatten_numbers(value, &mut numbers)?;
	for number in numbers {
		out.push(u8::try_from(number).ok()?);
	}
	Some(())
}
