//! Signature files: one payload for one chain and the signatures policy keys made of it, each
//! with its public key. `aegis update sign` writes them for model updates, `aegis action sign`
//! for owner actions; signers apart each write their own, `combine` joins them, and
//! `aegis submit … --signatures` sends them. Nothing in a file is trusted: every signature is
//! verified again where it is read, and the fields shown for people must be the payload's.

use std::path::{Path, PathBuf};

use aegis_cli::{from_hex, from_hex_array, keyfile, to_hex, CheckFailed};
use aegis_integrity::pq::{self, Algorithm, PqPublicKey, PqSignature};
use anyhow::{anyhow, bail, ensure, Context, Result};
use serde::{de::DeserializeOwned, Deserialize, Serialize};

/// One key's signature in a signature file.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct FileSignature {
	/// The key's algorithm (`ml-dsa-65`, `slh-dsa-sha2-128s`, …).
	pub algorithm: String,
	/// The public key, hex.
	pub public_key: String,
	/// Its SHA3-256 fingerprint, hex: how `aegis submit` finds its id on chain.
	pub public_key_fingerprint: String,
	/// The signature, hex.
	pub signature: String,
}

impl FileSignature {
	pub fn new(public_key: &PqPublicKey, signature: &PqSignature) -> Self {
		FileSignature {
			algorithm: public_key.algorithm().name().to_owned(),
			public_key: to_hex(public_key.as_bytes()),
			public_key_fingerprint: to_hex(&keyfile::fingerprint(public_key.as_bytes())),
			signature: to_hex(signature.as_bytes()),
		}
	}

	/// The key and signature, checked: the fingerprint is the key's, and the signature
	/// verifies over `payload` for `purpose` on the chain of `genesis`.
	pub fn checked(
		&self,
		genesis: &[u8; 32],
		purpose: &[u8],
		payload: &[u8],
	) -> Result<(PqPublicKey, PqSignature)> {
		let algorithm = Algorithm::from_name(&self.algorithm)
			.ok_or_else(|| anyhow!("unknown signature algorithm {:?}", self.algorithm))?;
		let public = PqPublicKey::from_bytes(algorithm, &from_hex(&self.public_key, "public_key")?)
			.with_context(|| format!("the public key is not an {} key", algorithm.name()))?;
		let fingerprint = to_hex(&keyfile::fingerprint(public.as_bytes()));
		ensure!(
			fingerprint == self.public_key_fingerprint,
			"the fingerprint {} is not its public key's ({fingerprint})",
			self.public_key_fingerprint
		);
		let signature =
			PqSignature::from_bytes(algorithm, &from_hex(&self.signature, "signature")?)
				.with_context(|| {
					format!("the signature is not an {} signature", algorithm.name())
				})?;
		pq::verify_pq_signature(&public, genesis, purpose, payload, &signature).map_err(
			|error| {
				anyhow!(CheckFailed::Mismatch(format!(
					"the signature by key {fingerprint} does NOT verify for this payload and chain ({error:?})"
				)))
			},
		)?;
		Ok((public, signature))
	}
}

/// A file of signatures over one SCALE payload for one chain.
pub trait SignatureFile: Serialize + DeserializeOwned {
	/// What writes such files, for messages: `aegis update sign`.
	const WRITER: &'static str;
	/// What is signed, for messages: `update`.
	const SIGNED: &'static str;
	/// The signatures' purpose (domain separation).
	const PURPOSE: &'static [u8];

	/// The chain's genesis hash, hex.
	fn genesis(&self) -> &str;
	/// The SCALE payload every signature covers, hex.
	fn payload_hex(&self) -> &str;
	fn signatures(&self) -> &[FileSignature];
	fn signatures_mut(&mut self) -> &mut Vec<FileSignature>;
	/// Checks that the fields shown for people are what the payload says.
	fn check_fields(&self) -> Result<()>;
	/// What is signed, for people: "model 3 version 4 (nonce 7)".
	fn summary(&self) -> String;

	/// Reads a signature file.
	fn read(path: &Path) -> Result<Self> {
		let text = std::fs::read_to_string(path)
			.with_context(|| format!("cannot read {}", path.display()))?;
		serde_json::from_str(&text).with_context(|| {
			format!("{} is not a signature file of `{}`", path.display(), Self::WRITER)
		})
	}

	/// The genesis hash and payload bytes, with the fields checked against the payload.
	fn signed_bytes(&self) -> Result<([u8; 32], Vec<u8>)> {
		self.check_fields()?;
		Ok((
			from_hex_array::<32>(self.genesis(), "genesis")?,
			from_hex(self.payload_hex(), "payload")?,
		))
	}

	/// Every signature, checked against the payload, no key twice.
	fn checked_signatures(&self) -> Result<Vec<(PqPublicKey, PqSignature)>> {
		let (genesis, payload) = self.signed_bytes()?;
		let mut checked: Vec<(PqPublicKey, PqSignature)> = Vec::new();
		for entry in self.signatures() {
			let (public, signature) = entry.checked(&genesis, Self::PURPOSE, &payload)?;
			if checked.iter().any(|(other, _)| *other == public) {
				bail!("key {} signed twice", entry.public_key_fingerprint);
			}
			checked.push((public, signature));
		}
		Ok(checked)
	}
}

/// The signatures of `files`, which must all sign the same payload for the same chain, joined
/// into one file; every signature verified, a key twice refused.
pub fn combine<F: SignatureFile>(files: &[PathBuf], quiet: bool) -> Result<F> {
	let mut combined: Option<F> = None;
	for path in files {
		let signed = F::read(path)?;
		signed.check_fields().with_context(|| format!("in {}", path.display()))?;
		match &mut combined {
			None => combined = Some(signed),
			Some(combined) => {
				ensure!(
					(combined.genesis(), combined.payload_hex())
						== (signed.genesis(), signed.payload_hex()),
					"{} signs another {} or chain than {}",
					path.display(),
					F::SIGNED,
					files[0].display()
				);
				combined.signatures_mut().extend(signed.signatures().iter().cloned());
			},
		}
	}
	let combined = combined.context("no signature files")?;
	let count = combined.checked_signatures()?.len();
	if !quiet {
		eprintln!("{count} signatures of {}", combined.summary());
	}
	Ok(combined)
}
