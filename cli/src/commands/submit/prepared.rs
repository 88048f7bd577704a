//! The calls `aegis submit` makes: each action's offline work done first (hashing, opening
//! keys), then the call built against the node's metadata and state.

use super::*;

/// An action with its offline work (hashing, opening keys) done.
pub(super) enum Prepared {
	RegisterKey { pair: KeyPair, account: Option<AccountId32> },
	RegisterModel { metadata: Value, policy: Value },
	Owner { model: u32, action: OwnerAction, authority: Authority },
	AcceptOwnership { model: u32 },
	Update { model: u32, digest: ModelDigest, pairs: Vec<KeyPair>, signed: Vec<SignedUpdate> },
	AttestShard { digest: ModelDigest, shard: u32 },
}

/// The signing keys of `paths`, opened (a --passphrase-file opens every sealed one).
pub(super) fn open_signing_keys(
	paths: &[PathBuf],
	passphrase: &PassphraseArgs,
) -> Result<Vec<KeyPair>> {
	paths
		.iter()
		.map(|path| {
			let pair = crate::commands::open_secret_key(path, passphrase)?;
			pair.signing_public()?;
			Ok(pair)
		})
		.collect()
}

impl Prepared {
	pub(super) fn new(action: Action, quiet: bool) -> Result<Self> {
		Ok(match action {
			Action::RegisterKey { key, passphrase, account } => {
				let pair = crate::commands::open_secret_key(&key, &passphrase)?;
				pair.signing_public()?;
				let account = account.map(|account| parse_account(&account)).transpose()?;
				Prepared::RegisterKey { pair, account }
			},
			Action::RegisterModel { name, framework, uri, policy } => Prepared::RegisterModel {
				metadata: Value::named_composite([
					("name", Value::from_bytes(name)),
					("framework", Value::from_bytes(framework)),
					("uri", Value::from_bytes(uri)),
				]),
				policy: policy_value(&policy.policy()?),
			},
			Action::SetPolicy { model, policy, authority } => Prepared::Owner {
				model,
				action: OwnerAction::SetPolicy(policy.policy()?),
				authority: authority.open()?,
			},
			Action::TransferOwnership { model, to, authority } => Prepared::Owner {
				model,
				action: OwnerAction::TransferOwnership(parse_account(&to)?),
				authority: authority.open()?,
			},
			Action::AcceptOwnership { model } => Prepared::AcceptOwnership { model },
			Action::DeprecateModel { model, authority } => Prepared::Owner {
				model,
				action: OwnerAction::Deprecate,
				authority: authority.open()?,
			},
			Action::RevokeModel { model, authority } => {
				Prepared::Owner { model, action: OwnerAction::Revoke, authority: authority.open()? }
			},
			Action::Update { model, file, sharding, key, passphrase, signatures } => {
				let digest =
					crate::commands::model::digest_file(&file, sharding.shard_size, quiet)?;
				let pairs = open_signing_keys(&key, &passphrase)?;
				let signed = signatures
					.iter()
					.map(|path| SignedUpdate::read(path))
					.collect::<Result<Vec<_>>>()?;
				Prepared::Update { model, digest, pairs, signed }
			},
			Action::AttestShard { file, shard, sharding } => {
				let digest =
					crate::commands::model::digest_file(&file, sharding.shard_size, quiet)?;
				digest.proof(shard)?;
				Prepared::AttestShard { digest, shard }
			},
		})
	}

	pub(super) async fn call<C>(
		self,
		genesis: &[u8; 32],
		account: Option<&AccountId32>,
		at: &subxt::client::ClientAtBlock<PolkadotConfig, C>,
	) -> Result<impl Payload>
	where
		C: subxt::client::OnlineClientAtBlockT<PolkadotConfig>,
	{
		Ok(match self {
			Prepared::RegisterKey { pair, .. } => {
				let account = account.context(
					"registering a key proves possession for one account: pass --suri-file (or --account with --print-call)",
				)?;
				let proof = crate::commands::update::sign(
					&pair,
					genesis,
					purpose::KEY_POSSESSION,
					&account.0.encode(),
				)?;
				subxt::dynamic::transaction(
					"ProofVerifier",
					"register_signing_key",
					vec![pq_value(proof.algorithm(), &pair.public_key), signature_value(&proof)],
				)
			},
			Prepared::RegisterModel { metadata, policy } => subxt::dynamic::transaction(
				"ModelRegistry",
				"register_model",
				vec![metadata, policy],
			),
			Prepared::AcceptOwnership { model } => subxt::dynamic::transaction(
				"ModelRegistry",
				"accept_ownership",
				vec![Value::u128(model.into())],
			),
			Prepared::Owner { model, action, authority: Authority { pairs, files } } => {
				let record = model_record(at, model).await?;
				let policy = policy_signers(at, &record).await?;
				let mut signed = Vec::new();
				if !pairs.is_empty() || !files.is_empty() {
					let nonce = record_nonce(&record)?;
					let payload = ModelActionPayload { model, nonce, action: action.signed() };
					eprintln!("authorising the action on model {model} (nonce {nonce})");
					for pair in &pairs {
						let signature = crate::commands::update::sign(
							pair,
							genesis,
							purpose::MODEL_ACTION,
							&payload.encode(),
						)?;
						signed.push((pair.signing_public()?, signature));
					}
					for file in &files {
						signed.extend(file.signatures_for(genesis, &payload)?);
					}
				}
				let authorisation = signature_list(model, policy.as_ref(), &signed)?;
				let model = Value::u128(model.into());
				let (call, mut fields) = match action {
					OwnerAction::SetPolicy(policy) => {
						("set_policy", vec![model, policy_value(&policy)])
					},
					OwnerAction::TransferOwnership(to) => {
						("transfer_ownership", vec![model, Value::from_bytes(to.0)])
					},
					OwnerAction::Deprecate => ("deprecate_model", vec![model]),
					OwnerAction::Revoke => ("revoke_model", vec![model]),
				};
				fields.push(authorisation);
				subxt::dynamic::transaction("ModelRegistry", call, fields)
			},
			Prepared::Update { model, digest, pairs, signed: files } => {
				let raw = at
					.runtime_apis()
					.call_raw(
						"ModelRegistryApi_update_payload",
						Some(&(model, &digest.declaration).encode()),
					)
					.await
					.context(
						"the node cannot compute the update payload (is this an Aegis node?)",
					)?;
				let payload = Option::<ModelUpdatePayload>::decode(&mut &raw[..])
					.context("the node's update payload does not decode")?
					.with_context(|| format!("model {model} does not exist"))?;
				ensure!(
					payload.version >= 1
						&& payload.parent == payload.version.checked_sub(1).filter(|p| *p > 0)
						&& payload.model == model
						&& payload.declaration() == digest.declaration,
					"the node returned a payload for another update: refusing to sign it"
				);
				eprintln!(
					"publishing model {model} version {} (nonce {})",
					payload.version, payload.nonce
				);
				let mut signed = Vec::new();
				for pair in &pairs {
					let signature = crate::commands::update::sign_update(pair, genesis, &payload)?;
					signed.push((pair.signing_public()?, signature));
				}
				for file in &files {
					signed.extend(file.signatures_for(genesis, &payload)?);
				}
				let policy = policy_signers(at, &model_record(at, model).await?).await?;
				let signatures = signature_list(model, policy.as_ref(), &signed)?;
				subxt::dynamic::transaction(
					"ModelRegistry",
					"update_model",
					vec![
						Value::u128(model.into()),
						Value::named_composite([
							("content_hash", Value::from_bytes(digest.declaration.content_hash)),
							("merkle_root", Value::from_bytes(digest.declaration.merkle_root)),
							("shard_count", Value::u128(digest.declaration.shard_count.into())),
							("byte_size", Value::u128(digest.declaration.byte_size.into())),
						]),
						Value::named_composite([
							("signatures", signatures),
							("zk_proof", option(None)),
						]),
					],
				)
			},
			Prepared::AttestShard { digest, shard } => {
				let proof = digest.proof(shard)?;
				let siblings = proof.siblings.as_slice().iter().map(Value::from_bytes);
				subxt::dynamic::transaction(
					"ProofVerifier",
					"attest",
					vec![Value::named_variant(
						"MerkleInclusion",
						[
							("root", Value::from_bytes(digest.declaration.merkle_root)),
							("leaf_hash", Value::from_bytes(digest.leaf_hashes[shard as usize])),
							(
								"proof",
								Value::named_composite([
									("leaf_index", Value::u128(proof.leaf_index.into())),
									("leaf_count", Value::u128(proof.leaf_count.into())),
									(
										"siblings",
										Value::unnamed_composite([Value::unnamed_composite(
											siblings,
										)]),
									),
								]),
							),
						],
					)],
				)
			},
		})
	}
}
