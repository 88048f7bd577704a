//! The chain under test: the development genesis, and blocks made as a block author makes
//! them (BABE pre-digest, timestamp inherent, transactions through every extension,
//! `on_idle` and `on_finalize`), in memory.

use std::{
	sync::OnceLock,
	time::{Duration, Instant},
};

use aegis_runtime::{
	configs::tx_extension, genesis_config_presets::get_preset, AccountId, Address, Babe,
	BlockNumber, Executive, Header, Runtime, RuntimeCall, RuntimeGenesisConfig, Signature,
	TxExtension, UncheckedExtrinsic,
};
use codec::Encode;
use frame_support::dispatch::GetDispatchInfo;
use sp_consensus_babe::{
	digests::{PreDigest, SecondaryPlainPreDigest},
	Slot, BABE_ENGINE_ID,
};
use sp_core::{sr25519, H256};
use sp_runtime::{
	generic::{CheckedExtrinsic, Era, ExtrinsicFormat},
	traits::{Applyable, Header as _},
	ApplyExtrinsicResult, BuildStorage, Digest, DigestItem, Storage, Weight,
};

/// Who a transaction is from: an account, or the root origin through the sudo key (what the
/// development chain's governance shortcut is).
#[derive(Clone, Debug)]
pub enum Origin {
	/// Signed by this account.
	Signed(AccountId),
	/// Wrapped in `sudo.sudo` and signed by the sudo key.
	Root,
}

/// What became of one transaction.
pub struct Applied {
	/// The call, for a finding's message.
	pub call: RuntimeCall,
	/// The weight it was charged before dispatch: the call's and its extensions'.
	pub weight: Weight,
	/// How long applying it took.
	pub elapsed: Duration,
	/// Whether it was valid (then included) and whether its dispatch succeeded.
	pub outcome: ApplyExtrinsicResult,
}

/// The development genesis' state, built once: a fresh copy for every input.
pub fn development() -> sp_io::TestExternalities {
	static GENESIS: OnceLock<Storage> = OnceLock::new();
	let storage = GENESIS.get_or_init(|| {
		let preset = get_preset(&sp_genesis_builder::DEV_RUNTIME_PRESET.into())
			.expect("the runtime has a development preset");
		let config: RuntimeGenesisConfig =
			aegis_runtime_common::genesis::config_from_preset(&preset)
				.expect("the development preset is a valid genesis");
		config.build_storage().expect("the development genesis builds")
	});
	sp_io::TestExternalities::new(storage.clone())
}

/// The chain's head while an input runs.
pub struct Chain {
	number: BlockNumber,
	slot: u64,
	parent_hash: H256,
}

impl Chain {
	/// The chain at genesis. The first slot is arbitrary: BABE takes the first block's as its
	/// genesis slot.
	pub fn start() -> Self {
		Self { number: 0, slot: 1_000, parent_hash: frame_system::Pallet::<Runtime>::block_hash(0) }
	}

	/// Opens the next block, `skipped_slots` slots after the last one's (so that epochs,
	/// sessions and eras turn), with its timestamp inherent applied. Returns its number.
	pub fn open_block(&mut self, skipped_slots: u64) -> BlockNumber {
		self.number += 1;
		self.slot = self.slot.saturating_add(1).saturating_add(skipped_slots);
		let pre_digest = PreDigest::SecondaryPlain(SecondaryPlainPreDigest {
			authority_index: 0,
			slot: Slot::from(self.slot),
		});
		let digest =
			Digest { logs: vec![DigestItem::PreRuntime(BABE_ENGINE_ID, pre_digest.encode())] };
		let header = Header::new(self.number, H256::zero(), H256::zero(), self.parent_hash, digest);
		Executive::initialize_block(&header);

		let now = self.slot.saturating_mul(Babe::slot_duration());
		let timestamp =
			UncheckedExtrinsic::new_bare(RuntimeCall::Timestamp(pallet_timestamp::Call::set {
				now,
			}));
		let applied = Executive::apply_extrinsic(timestamp);
		assert!(matches!(applied, Ok(Ok(()))), "the timestamp inherent applies: {applied:?}");
		self.number
	}

	/// Applies a transaction as the block builder does, with every transaction extension but
	/// the signature check; an invalid one leaves no trace (the builder drops it).
	pub fn apply(&mut self, origin: Origin, call: RuntimeCall) -> Applied {
		let (who, call) = match origin {
			Origin::Signed(who) => (who, call),
			Origin::Root => {
				let key = pallet_sudo::Key::<Runtime>::get()
					.expect("the development genesis has a sudo key");
				(key, RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: call.into() }))
			},
		};
		let nonce = frame_system::Pallet::<Runtime>::account_nonce(&who);
		let extension = tx_extension(nonce, Era::Immortal);
		// The transaction as it would travel, for its length (which fees and the block's
		// length limit count): a real signature is as long as this one.
		let encoded = UncheckedExtrinsic::new_signed(
			call.clone(),
			Address::Id(who.clone()),
			Signature::Sr25519(sr25519::Signature::from_raw([0; 64])),
			extension.clone(),
		)
		.encode();
		let length = encoded.len();
		let checked: CheckedExtrinsic<AccountId, RuntimeCall, TxExtension> =
			CheckedExtrinsic { format: ExtrinsicFormat::Signed(who, extension), function: call };
		let info = checked.get_dispatch_info();

		if !frame_system::Pallet::<Runtime>::inherents_applied() {
			Executive::inherents_applied();
		}
		sp_io::storage::start_transaction();
		frame_system::Pallet::<Runtime>::note_extrinsic(encoded);
		let call = checked.function.clone();
		let started = Instant::now();
		let result = checked.apply::<Runtime>(&info, length);
		let elapsed = started.elapsed();
		let outcome = match result {
			Ok(dispatched) => {
				frame_system::Pallet::<Runtime>::note_applied_extrinsic(&dispatched, info);
				sp_io::storage::commit_transaction();
				Ok(dispatched.map(|_| ()).map_err(|error| error.error))
			},
			Err(invalid) => {
				sp_io::storage::rollback_transaction();
				Err(invalid)
			},
		};
		Applied { call, weight: info.total_weight(), elapsed, outcome }
	}

	/// How long `call` from `origin` takes when applied once more now, leaving no trace: a
	/// second measurement, warm, for a transaction that seemed slow the first time (the first
	/// use of code or data in a process can be slow for reasons that are not the call's).
	pub fn time_again(&mut self, origin: Origin, call: RuntimeCall) -> Duration {
		sp_io::storage::start_transaction();
		let applied = self.apply(origin, call);
		sp_io::storage::rollback_transaction();
		applied.elapsed
	}

	/// Closes the block: `on_idle`, `on_finalize`, the header.
	pub fn close_block(&mut self) {
		let header = Executive::finalize_block();
		self.parent_hash = header.hash();
	}
}
