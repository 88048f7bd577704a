//! Transactions the runtime itself creates: unsigned ones (e.g. BABE and GRANDPA equivocation
//! reports the sovereign chain's node submits) and signed ones from keystore keys (the
//! oracle's off-chain worker), with the same extensions as any wallet's.

/// Implements `frame_system`'s off-chain transaction traits for the invoking runtime.
/// `extension` is the runtime's `fn(Nonce, Era) -> TxExtension`: the extensions of a
/// transaction with that nonce and mortality, as a wallet would set them. Signed transactions
/// are valid for 64 blocks from the block being built (the worker runs on its parent).
#[macro_export]
#[allow(clippy::crate_in_macro_def)] // `crate` is the invoking runtime, on purpose.
macro_rules! impl_offchain_transactions {
	(extension: $extension:path $(,)?) => {
		impl<LocalCall> frame_system::offchain::CreateTransactionBase<LocalCall> for crate::Runtime
		where
			crate::RuntimeCall: From<LocalCall>,
		{
			type Extrinsic = crate::UncheckedExtrinsic;
			type RuntimeCall = crate::RuntimeCall;
		}

		impl<LocalCall> frame_system::offchain::CreateBare<LocalCall> for crate::Runtime
		where
			crate::RuntimeCall: From<LocalCall>,
		{
			fn create_bare(call: crate::RuntimeCall) -> crate::UncheckedExtrinsic {
				crate::UncheckedExtrinsic::new_bare(call)
			}
		}

		/// The account and signature types of transactions the off-chain workers sign.
		impl frame_system::offchain::SigningTypes for crate::Runtime {
			type Public = <$crate::Signature as sp_runtime::traits::Verify>::Signer;
			type Signature = $crate::Signature;
		}

		impl<LocalCall> frame_system::offchain::CreateSignedTransaction<LocalCall>
			for crate::Runtime
		where
			crate::RuntimeCall: From<LocalCall>,
		{
			fn create_signed_transaction<
				C: frame_system::offchain::AppCrypto<Self::Public, Self::Signature>,
			>(
				call: crate::RuntimeCall,
				public: <$crate::Signature as sp_runtime::traits::Verify>::Signer,
				account: $crate::AccountId,
				nonce: $crate::Nonce,
			) -> Option<crate::UncheckedExtrinsic> {
				use codec::Encode;
				use sp_runtime::traits::StaticLookup;

				let current = crate::System::block_number().saturating_sub(1);
				let era = sp_runtime::generic::Era::mortal(64, current.into());
				let payload = sp_runtime::generic::SignedPayload::<
					crate::RuntimeCall,
					crate::TxExtension,
				>::new(call, $extension(nonce, era))
				.map_err(|error| log::warn!("cannot build a signed payload: {error:?}"))
				.ok()?;
				let signature = payload.using_encoded(|bytes| C::sign(bytes, public))?;
				let (call, extension, _) = payload.deconstruct();
				let address = <crate::Runtime as frame_system::Config>::Lookup::unlookup(account);
				Some(crate::UncheckedExtrinsic::new_signed(call, address, signature, extension))
			}
		}
	};
}
