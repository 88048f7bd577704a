//! The runtime API through which clients read models and check shards for free.

use crate::{
	MerkleProof, ModelId, ModelUpdatePayload, Sha3_512Hash, ShardCheckError, VersionDeclaration,
	VersionNumber,
};
use codec::Codec;

sp_api::decl_runtime_apis! {
	/// Reads of the model registry, and the checks anyone who downloaded a model wants to make
	/// without a transaction.
	///
	/// Version 2: a model's policy names up to five signing keys of any algorithm and a
	/// threshold, and a version's evidence carries that many signatures, each naming its key
	/// (k-of-n policies); version 1's policy named at most one ML-DSA-65 key. The methods are
	/// unchanged, the `Model` and `Version` records they return are not: a client that decoded
	/// version 1's records with fixed types checks this version before reading.
	#[api_version(2)]
	pub trait ModelRegistryApi<Model, Version>
	where
		Model: Codec,
		Version: Codec,
	{
		/// The model `model`.
		fn model(model: ModelId) -> Option<Model>;

		/// Version `version` of `model`.
		fn version(model: ModelId, version: VersionNumber) -> Option<Version>;

		/// Whether the shard with `leaf_hash` (`SHA3-512(0x00 ‖ shard)`) is the
		/// `proof.leaf_index`-th shard of `version` of `model`.
		fn verify_shard(
			model: ModelId,
			version: VersionNumber,
			leaf_hash: Sha3_512Hash,
			proof: MerkleProof,
		) -> Result<(), ShardCheckError>;

		/// What the owner signs (purpose `aegis/model-update`) to publish `declaration` as the
		/// next version of `model` now; `None` if the model does not exist.
		fn update_payload(model: ModelId, declaration: VersionDeclaration) -> Option<ModelUpdatePayload>;
	}
}

impl<T: crate::Config> crate::Pallet<T> {
	/// [`ModelRegistryApi::update_payload`]: what an update signature for `declaration` as the
	/// next version of `model` covers now; `None` if the model does not exist or takes no
	/// more versions.
	pub fn api_update_payload(
		model: ModelId,
		declaration: &VersionDeclaration,
	) -> Option<ModelUpdatePayload> {
		let record = crate::Models::<T>::get(model)?;
		Self::update_payload(model, &record, declaration).ok()
	}
}
