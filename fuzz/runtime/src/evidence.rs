//! Real evidence for the calls the input makes: the fuzzer holds a few signing key pairs
//! (ML-DSA-65, which the runtime accepts, and an ML-DSA-44 one, which it refuses)
//! and the trapdoors of a few simulated Groth16 circuits, and finds which of them the chain
//! has registered by comparing keys, so that it can sign and prove for whatever the input
//! registered earlier, as an honest owner would.

use std::sync::OnceLock;

use aegis_integrity::{
	merkle::{hash_leaf, merkle_proof, merkle_root, MerkleProof},
	pq::{
		signing::{pq_keypair_from_seed, pq_sign, PqSecretKey},
		Algorithm, GenesisHash, PqPublicKey, PqSignature,
	},
	update::VersionDeclaration,
	Sha3_512Hash,
};
use aegis_runtime::Runtime;
use pallet_proof_verifier::{groth16::simulated, FieldBytes, Groth16Proof, Groth16VerifyingKeyOf};

/// The key pairs the fuzzer holds: ML-DSA-65 ones, then one ML-DSA-44 pair. SLH-DSA's
/// signing (tens of milliseconds) would slow every input down for no path ML-DSA-44 does not
/// reach: the runtime refuses both at registration.
pub const KEY_PAIRS: usize = 5;
/// The simulated circuits' seeds and numbers of public inputs the fuzzer can prove for.
const CIRCUIT_SEEDS: [u64; 3] = [1, 2, 3];
const CIRCUIT_INPUTS: [u32; 3] = [1, 2, 3];

type MaxPublicInputs = <Runtime as pallet_proof_verifier::Config>::MaxPublicInputs;

/// The key pairs, made once from fixed seeds.
pub fn key_pairs() -> &'static [(PqPublicKey, PqSecretKey)] {
	static PAIRS: OnceLock<Vec<(PqPublicKey, PqSecretKey)>> = OnceLock::new();
	PAIRS.get_or_init(|| {
		(1..=KEY_PAIRS as u8)
			.map(|seed| {
				let algorithm = if usize::from(seed) < KEY_PAIRS {
					Algorithm::MlDsa65
				} else {
					Algorithm::MlDsa44
				};
				pq_keypair_from_seed(algorithm, &[seed; 32])
			})
			.collect()
	})
}

/// The secret key behind `public`, if the fuzzer holds it.
pub fn secret_for(public: &PqPublicKey) -> Option<&'static PqSecretKey> {
	key_pairs().iter().find(|(held, _)| held == public).map(|(_, secret)| secret)
}

/// The genesis hash this chain's signatures are bound to.
fn genesis_hash() -> GenesisHash {
	pallet_proof_verifier::Pallet::<Runtime>::genesis_hash()
}

/// `secret`'s signature of `payload` for `purpose` on this chain (deterministic).
pub fn signature(secret: &PqSecretKey, purpose: &[u8], payload: &[u8]) -> PqSignature {
	pq_sign(secret, &genesis_hash(), purpose, payload, &[0; 32])
		.expect("a payload of this size is signed")
}

/// A signature that verifies under no key: a real one with a bit flipped at `position`.
pub fn forged(signature: PqSignature, position: u16) -> PqSignature {
	let mut bytes = signature.as_bytes().to_vec();
	let index = usize::from(position) % bytes.len();
	bytes[index] ^= 1;
	PqSignature::from_bytes(signature.algorithm(), &bytes).expect("the length is unchanged")
}

/// A simulated circuit: its verification key and the seed that proves for it.
struct Circuit {
	key: Groth16VerifyingKeyOf<Runtime>,
	seed: u64,
}

fn circuits() -> &'static [Circuit] {
	static CIRCUITS: OnceLock<Vec<Circuit>> = OnceLock::new();
	CIRCUITS.get_or_init(|| {
		let mut circuits = Vec::new();
		for seed in CIRCUIT_SEEDS {
			for inputs in CIRCUIT_INPUTS {
				let (key, _, _) = simulated::circuit::<MaxPublicInputs>(inputs, seed)
					.expect("the simulated circuit is made");
				circuits.push(Circuit { key, seed });
			}
		}
		circuits
	})
}

/// One of the simulated circuits' verification keys.
pub fn verifying_key(choice: usize) -> Groth16VerifyingKeyOf<Runtime> {
	let circuits = circuits();
	circuits[choice % circuits.len()].key.clone()
}

/// A proof of `inputs` under `key`, if `key` is one of the simulated circuits' and takes as
/// many inputs.
pub fn prove(key: &Groth16VerifyingKeyOf<Runtime>, inputs: &[FieldBytes]) -> Option<Groth16Proof> {
	let circuit = circuits().iter().find(|circuit| circuit.key == *key)?;
	let (made, proof, _) = simulated::circuit_for_inputs::<MaxPublicInputs>(inputs, circuit.seed)?;
	(made == *key).then_some(proof)
}

/// A proof that verifies under none of the registered keys the fuzzer knows the circuit of
/// for these inputs: the first simulated circuit's, for its own inputs.
pub fn unrelated_proof() -> Groth16Proof {
	let (_, proof, _) =
		simulated::circuit::<MaxPublicInputs>(1, 99).expect("the simulated circuit is made");
	proof
}

/// A model's content: `shard_count` shards made from `seed`, their declaration, and the
/// inclusion proof of shard `leaf`.
pub struct Content {
	/// What an update declares about it.
	pub declaration: VersionDeclaration,
	/// A shard's leaf hash and its inclusion proof.
	pub leaf: (Sha3_512Hash, MerkleProof),
}

/// The content for `seed`, in 1 to 8 shards.
pub fn content(seed: u8, shards: u8, leaf: u8) -> Content {
	let shard_count = u32::from(shards % 8) + 1;
	let shards: Vec<Vec<u8>> = (0..shard_count)
		.map(|index| vec![seed, index as u8, 0xA5, seed ^ 0x5A])
		.collect();
	let leaves: Vec<Sha3_512Hash> = shards.iter().map(|shard| hash_leaf(shard)).collect();
	let whole = shards.concat();
	let leaf_index = u32::from(leaf) % shard_count;
	Content {
		declaration: VersionDeclaration {
			content_hash: aegis_integrity::sha3_512(&whole),
			merkle_root: merkle_root(&leaves).expect("one to eight leaves make a tree"),
			shard_count,
			byte_size: whole.len() as u64,
		},
		leaf: (
			leaves[leaf_index as usize],
			merkle_proof(&leaves, leaf_index).expect("the leaf is in the tree"),
		),
	}
}
