//! The verifier's errors for what the shared verification code (`aegis-integrity`) reports.

use aegis_integrity::{merkle::MerkleError, pq::PqSignatureError};

use crate::{groth16::Groth16Error, *};

impl<T: Config> From<Groth16Error> for Error<T> {
	fn from(error: Groth16Error) -> Self {
		match error {
			Groth16Error::MalformedVerifyingKey => Error::MalformedVerifyingKey,
			Groth16Error::MalformedProof => Error::MalformedProof,
			Groth16Error::PublicInputOutOfRange => Error::PublicInputOutOfRange,
			Groth16Error::PublicInputCountMismatch => Error::PublicInputCountMismatch,
			Groth16Error::ProofRejected => Error::ProofRejected,
		}
	}
}

impl<T: Config> From<MerkleError> for Error<T> {
	fn from(error: MerkleError) -> Self {
		match error {
			MerkleError::NoLeaves | MerkleError::TooManyLeaves | MerkleError::IndexOutOfRange => {
				Error::MerkleIndexOutOfRange
			},
			MerkleError::WrongProofLength => Error::MerkleProofWrongLength,
			MerkleError::RootMismatch => Error::MerkleRootMismatch,
		}
	}
}

impl<T: Config> From<PqSignatureError> for Error<T> {
	fn from(error: PqSignatureError) -> Self {
		match error {
			PqSignatureError::AlgorithmMismatch => Error::AlgorithmMismatch,
			PqSignatureError::MalformedPublicKey => Error::MalformedSigningKey,
			PqSignatureError::PurposeTooLong => Error::PurposeTooLong,
			PqSignatureError::BadSignature => Error::BadSignature,
		}
	}
}
