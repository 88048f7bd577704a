//! The runtime API through which clients check a statement for free.

use crate::StatementHash;
use codec::Codec;

sp_api::decl_runtime_apis! {
	/// Checks statements exactly as `ProofVerifier::attest` would, without a transaction, a
	/// fee or a record: for tools that want to know before they pay, and for readers who
	/// check a proof someone hands them.
	pub trait ProofVerifierApi<Statement, VerificationError>
	where
		Statement: Codec,
		VerificationError: Codec,
	{
		/// The statement's hash if it verifies, or the error `attest` would fail with.
		fn check_statement(statement: Statement) -> Result<StatementHash, VerificationError>;
	}
}

impl<T: crate::Config> crate::Pallet<T> {
	/// [`ProofVerifierApi::check_statement`]: the statement's hash if it verifies.
	pub fn api_check_statement(
		statement: crate::StatementOf<T>,
	) -> Result<StatementHash, crate::Error<T>> {
		Self::check_statement(&statement).map(|_| statement.hash())
	}
}
