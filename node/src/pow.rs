//! The proof-of-work seal in the node: mined by the block author after proposing
//! ([`PowSealProposerFactory`]), checked on import before execution ([`PowSealImport`]).
//!
//! The seal format and the work function are in `aegis_primitives::pow`; the difficulty a block
//! must meet is read from its parent's state through `SealDifficultyApi`, which the runtime's
//! difficulty pallet keeps up to date.
//!
//! ## Where the seal goes
//!
//! The author builds the block, mines a nonce over its pre-hash and appends the seal digest;
//! BABE then signs the header *including* the seal and appends its own seal. On import, BABE's
//! verifier removes its seal first; [`PowSealImport`], wrapping BABE's block import, then
//! checks the proof-of-work seal, now the header's last digest, and moves it to the
//! post-digests, so the runtime executes the header as it was proposed.

use std::{
	marker::PhantomData,
	pin::Pin,
	sync::Arc,
	time::{Duration, Instant},
};

use aegis_primitives::{
	pow::{self, PowSeal, SealDifficultyApi},
	OpaqueBlock as Block,
};
use futures::{channel::oneshot, Future, FutureExt};
use sc_consensus::{BlockCheckParams, BlockImport, BlockImportParams, ImportResult, StateAction};
use sp_api::ProvideRuntimeApi;
use sp_consensus::{
	BlockOrigin, Environment, Error as ConsensusError, Proposal, ProposeArgs, Proposer,
};
use sp_runtime::{traits::Header as _, DigestItem};
use substrate_prometheus_endpoint::{
	register, Counter, Gauge, Histogram, HistogramOpts, PrometheusError, Registry, F64, U64,
};

const LOG_TARGET: &str = "pow-seal";

/// Share of the proposing time left to the block builder; the rest is the sealing budget.
const BUILD_SHARE: f32 = 2.0 / 3.0;
/// Hashes between two looks at the clock while mining.
const HASHES_PER_ROUND: u64 = 4_096;

/// Prometheus metrics of sealing and seal checks.
#[derive(Clone)]
pub struct PowMetrics {
	hash_rate: Gauge<F64>,
	sealing_time: Histogram,
	sealed_blocks: Counter<U64>,
	sealing_timeouts: Counter<U64>,
	rejected_seals: Counter<U64>,
}

impl PowMetrics {
	/// Registers the metrics.
	pub fn register(registry: &Registry) -> Result<Self, PrometheusError> {
		Ok(Self {
			hash_rate: register(
				Gauge::new("aegis_pow_hash_rate", "Hashes per second of the last sealing")?,
				registry,
			)?,
			sealing_time: register(
				Histogram::with_opts(
					HistogramOpts::new(
						"aegis_pow_sealing_seconds",
						"Time spent mining the proof-of-work seal of an authored block",
					)
					.buckets(vec![0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0]),
				)?,
				registry,
			)?,
			sealed_blocks: register(
				Counter::new("aegis_pow_sealed_blocks_total", "Authored blocks sealed")?,
				registry,
			)?,
			sealing_timeouts: register(
				Counter::new(
					"aegis_pow_sealing_timeouts_total",
					"Slots given up because no seal was found within the slot's budget",
				)?,
				registry,
			)?,
			rejected_seals: register(
				Counter::new(
					"aegis_pow_rejected_seals_total",
					"Imported blocks rejected for a missing, malformed or insufficient seal",
				)?,
				registry,
			)?,
		})
	}
}

/// The difficulty a child of `parent` must be sealed at, from the parent's state.
fn difficulty_at<C>(client: &C, parent: aegis_primitives::Hash) -> Result<u64, ConsensusError>
where
	C: ProvideRuntimeApi<Block>,
	C::Api: SealDifficultyApi<Block>,
{
	client.runtime_api().seal_difficulty(parent).map_err(|error| {
		ConsensusError::ClientImport(format!("reading the seal difficulty at {parent}: {error}"))
	})
}

/// How a test-only node misbehaves when sealing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SealMode {
	/// Mine valid seals and accept only valid ones.
	Honest,
	/// Attach seals that do not meet the difficulty, and accept our own. Only for the test
	/// that shows that the other nodes reject such blocks.
	Invalid,
}

/// Wraps a proposer factory: every proposal comes out sealed.
pub struct PowSealProposerFactory<F, C> {
	inner: F,
	client: Arc<C>,
	spawner: sc_service::SpawnTaskHandle,
	metrics: Option<PowMetrics>,
	mode: SealMode,
}

impl<F, C> PowSealProposerFactory<F, C> {
	/// Seals the proposals of `inner`.
	pub fn new(
		inner: F,
		client: Arc<C>,
		spawner: sc_service::SpawnTaskHandle,
		metrics: Option<PowMetrics>,
		mode: SealMode,
	) -> Self {
		Self { inner, client, spawner, metrics, mode }
	}
}

impl<F, C> Environment<Block> for PowSealProposerFactory<F, C>
where
	F: Environment<Block>,
	F::CreateProposer: Send,
	F::Proposer: Send,
	C: ProvideRuntimeApi<Block> + Send + Sync + 'static,
	C::Api: SealDifficultyApi<Block>,
{
	type Proposer = PowSealProposer<F::Proposer>;
	type CreateProposer = Pin<Box<dyn Future<Output = Result<Self::Proposer, F::Error>> + Send>>;
	type Error = F::Error;

	fn init(&mut self, parent_header: &aegis_primitives::Header) -> Self::CreateProposer {
		let difficulty = difficulty_at(&*self.client, parent_header.hash());
		let spawner = self.spawner.clone();
		let metrics = self.metrics.clone();
		let mode = self.mode;
		self.inner
			.init(parent_header)
			.map(move |inner| {
				Ok(PowSealProposer {
					inner: inner?,
					difficulty: difficulty.map_err(F::Error::from)?,
					spawner,
					metrics,
					mode,
				})
			})
			.boxed()
	}
}

/// A proposer whose proposals carry a proof-of-work seal.
pub struct PowSealProposer<P> {
	inner: P,
	difficulty: u64,
	spawner: sc_service::SpawnTaskHandle,
	metrics: Option<PowMetrics>,
	mode: SealMode,
}

impl<P> Proposer<Block> for PowSealProposer<P>
where
	P: Proposer<Block> + Send + 'static,
	P::Proposal: Send,
{
	type Error = P::Error;
	type Proposal = Pin<Box<dyn Future<Output = Result<Proposal<Block>, P::Error>> + Send>>;

	fn propose(self, mut args: ProposeArgs<Block>) -> Self::Proposal {
		let deadline = Instant::now() + args.max_duration;
		args.max_duration = args.max_duration.mul_f32(BUILD_SHARE);
		let Self { inner, difficulty, spawner, metrics, mode } = self;

		async move {
			let mut proposal = inner.propose(args).await?;
			let pre_hash = proposal.block.header.hash();
			let (sender, receiver) = oneshot::channel();
			spawner.spawn_blocking("pow-seal", Some("block-authoring"), async move {
				let _ = sender.send(mine_until(pre_hash.into(), difficulty, deadline, mode));
			});
			let outcome = receiver.await.map_err(|_| {
				ConsensusError::Other("the sealing task ended without an answer".into())
			})?;

			if let Some(metrics) = &metrics {
				metrics.sealing_time.observe(outcome.elapsed.as_secs_f64());
				if outcome.elapsed > Duration::ZERO {
					metrics.hash_rate.set(outcome.hashes as f64 / outcome.elapsed.as_secs_f64());
				}
			}
			let Some(nonce) = outcome.nonce else {
				if let Some(metrics) = &metrics {
					metrics.sealing_timeouts.inc();
				}
				log::warn!(
					target: LOG_TARGET,
					"no seal at difficulty {difficulty} within the slot ({} hashes): giving up the slot",
					outcome.hashes,
				);
				return Err(ConsensusError::Other(
					"no proof-of-work seal found within the slot".into(),
				)
				.into());
			};
			if let Some(metrics) = &metrics {
				metrics.sealed_blocks.inc();
			}
			log::debug!(
				target: LOG_TARGET,
				"sealed #{} at difficulty {difficulty}: {} hashes in {:?}",
				proposal.block.header.number,
				outcome.hashes,
				outcome.elapsed,
			);
			proposal.block.header.digest_mut().push(PowSeal { nonce }.to_digest_item());
			Ok(proposal)
		}
		.boxed()
	}
}

/// What a sealing run found.
struct MiningOutcome {
	nonce: Option<u64>,
	hashes: u64,
	elapsed: Duration,
}

/// Mines until a seal is found or `deadline` passes. In [`SealMode::Invalid`] it searches for a
/// nonce that does *not* meet the difficulty instead.
fn mine_until(
	pre_hash: [u8; 32],
	difficulty: u64,
	deadline: Instant,
	mode: SealMode,
) -> MiningOutcome {
	let started = Instant::now();
	if mode == SealMode::Invalid {
		let nonce = (0..u64::MAX).find(|nonce| !pow::is_valid_seal(&pre_hash, *nonce, difficulty));
		return MiningOutcome { nonce, hashes: 0, elapsed: started.elapsed() };
	}
	let mut hashes = 0u64;
	let mut start = 0u64;
	while Instant::now() < deadline {
		let (nonce, tried) = pow::mine(&pre_hash, difficulty, start, HASHES_PER_ROUND);
		hashes = hashes.saturating_add(tried);
		if nonce.is_some() {
			return MiningOutcome { nonce, hashes, elapsed: started.elapsed() };
		}
		start = start.wrapping_add(HASHES_PER_ROUND);
	}
	MiningOutcome { nonce: None, hashes, elapsed: started.elapsed() }
}

/// Takes the seal, the header's last digest, off `header`.
fn take_seal(header: &mut aegis_primitives::Header) -> Result<(DigestItem, PowSeal), String> {
	let item = header
		.digest_mut()
		.pop()
		.ok_or_else(|| "the block has no proof-of-work seal".to_string())?;
	let seal = PowSeal::from_digest_item(&item)
		.map_err(|error| format!("the proof-of-work seal is malformed: {error}"))?
		.ok_or_else(|| "the block's last digest is not a proof-of-work seal".to_string())?;
	Ok((item, seal))
}

/// Checks `seal` against `difficulty` for `header`, the header without its seals.
fn check_seal(
	header: &aegis_primitives::Header,
	seal: PowSeal,
	difficulty: u64,
) -> Result<(), String> {
	if pow::is_valid_seal(header.hash().as_fixed_bytes(), seal.nonce, difficulty) {
		Ok(())
	} else {
		Err(format!(
			"the proof-of-work seal of #{} does not meet difficulty {difficulty}",
			header.number
		))
	}
}

/// Checks the proof-of-work seal of every imported block before the inner import executes it,
/// and moves the seal to the post-digests.
pub struct PowSealImport<I, C> {
	inner: I,
	client: Arc<C>,
	metrics: Option<PowMetrics>,
	mode: SealMode,
	_block: PhantomData<Block>,
}

impl<I: Clone, C> Clone for PowSealImport<I, C> {
	fn clone(&self) -> Self {
		Self {
			inner: self.inner.clone(),
			client: self.client.clone(),
			metrics: self.metrics.clone(),
			mode: self.mode,
			_block: PhantomData,
		}
	}
}

impl<I, C> PowSealImport<I, C> {
	/// Checks seals before handing blocks to `inner`, accepting no bad seal.
	pub fn new(inner: I, client: Arc<C>, metrics: Option<PowMetrics>) -> Self {
		Self { inner, client, metrics, mode: SealMode::Honest, _block: PhantomData }
	}

	/// This import for the blocks the node authors in `mode`: in [`SealMode::Invalid`] it
	/// accepts their bad seals (and still no one else's).
	pub fn for_own_blocks(self, mode: SealMode) -> Self {
		Self { mode, ..self }
	}
}

impl<I, C> PowSealImport<I, C>
where
	C: ProvideRuntimeApi<Block>,
	C::Api: SealDifficultyApi<Block>,
{
	/// Checks the seal against the difficulty in the parent's state. Blocks that arrive with
	/// their own state (warp and state sync) or are not executed have no parent state to read
	/// it from: for them only the seal's presence and form are checked, as BABE does with its
	/// execution checks.
	fn check_difficulty(
		&self,
		block: &BlockImportParams<Block>,
		seal: PowSeal,
	) -> Result<(), String> {
		let parent = *block.header.parent_hash();
		let difficulty = match &block.state_action {
			_ if block.with_state() => return Ok(()),
			StateAction::Skip => return Ok(()),
			StateAction::ApplyChanges(_) if block.origin != BlockOrigin::Own => return Ok(()),
			StateAction::ExecuteIfPossible => match difficulty_at(&*self.client, parent) {
				Ok(difficulty) => difficulty,
				Err(_) => return Ok(()),
			},
			StateAction::Execute | StateAction::ApplyChanges(_) => {
				difficulty_at(&*self.client, parent).map_err(|error| error.to_string())?
			},
		};
		check_seal(&block.header, seal, difficulty)
	}

	fn reject(&self, block: &BlockImportParams<Block>, reason: String) -> ConsensusError {
		if let Some(metrics) = &self.metrics {
			metrics.rejected_seals.inc();
		}
		log::warn!(target: LOG_TARGET, "rejecting block #{}: {reason}", block.header.number);
		ConsensusError::ClientImport(reason)
	}
}

#[async_trait::async_trait]
impl<I, C> BlockImport<Block> for PowSealImport<I, C>
where
	I: BlockImport<Block, Error = ConsensusError> + Send + Sync,
	C: ProvideRuntimeApi<Block> + Send + Sync,
	C::Api: SealDifficultyApi<Block>,
{
	type Error = ConsensusError;

	async fn check_block(
		&self,
		block: BlockCheckParams<Block>,
	) -> Result<ImportResult, Self::Error> {
		self.inner.check_block(block).await
	}

	async fn import_block(
		&self,
		mut block: BlockImportParams<Block>,
	) -> Result<ImportResult, Self::Error> {
		let (item, seal) =
			take_seal(&mut block.header).map_err(|reason| self.reject(&block, reason))?;
		if let Err(reason) = self.check_difficulty(&block, seal) {
			let own_test_block = self.mode == SealMode::Invalid && block.origin == BlockOrigin::Own;
			if !own_test_block {
				return Err(self.reject(&block, reason));
			}
		}
		// Back where the author put it: before BABE's seal, which BABE's verifier moved here.
		block.post_digests.insert(0, item);
		self.inner.import_block(block).await
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use aegis_primitives::Header;
	use sp_runtime::Digest;

	const DIFFICULTY: u64 = 500;

	fn header() -> Header {
		Header::new(
			7,
			[1; 32].into(),
			[2; 32].into(),
			[3; 32].into(),
			Digest { logs: vec![DigestItem::PreRuntime(*b"BABE", vec![4, 5, 6])] },
		)
	}

	/// A header sealed as the author does it: mined over the pre-hash, seal appended.
	fn sealed_header() -> Header {
		let mut header = header();
		let outcome = mine_until(
			header.hash().into(),
			DIFFICULTY,
			Instant::now() + Duration::from_secs(30),
			SealMode::Honest,
		);
		let nonce = outcome.nonce.expect("difficulty 500 is found within seconds");
		header.digest_mut().push(PowSeal { nonce }.to_digest_item());
		header
	}

	#[test]
	fn an_authored_seal_passes_the_import_check() {
		let mut header = sealed_header();
		let (item, seal) = take_seal(&mut header).expect("the seal is there");
		assert_eq!(item.as_seal().map(|(id, _)| id), Some(pow::POW_ENGINE_ID));
		assert_eq!(check_seal(&header, seal, DIFFICULTY), Ok(()));
		assert_eq!(header, self::header(), "taking the seal restores the pre-seal header");
	}

	#[test]
	fn a_seal_does_not_carry_over_to_an_altered_header() {
		let mut header = sealed_header();
		let (_, seal) = take_seal(&mut header).expect("the seal is there");
		header.extrinsics_root = [9; 32].into();
		// A 1/500 chance that the altered header happens to meet the difficulty; these fixed
		// inputs do not.
		assert!(check_seal(&header, seal, DIFFICULTY).is_err());
		assert!(check_seal(&header, seal, u64::MAX).is_err());
	}

	#[test]
	fn missing_misplaced_and_malformed_seals_are_rejected() {
		let mut unsealed = header();
		assert!(take_seal(&mut unsealed).unwrap_err().contains("not a proof-of-work seal"));

		let mut empty = header();
		empty.digest_mut().logs.clear();
		assert!(take_seal(&mut empty).unwrap_err().contains("no proof-of-work seal"));

		let mut malformed = header();
		malformed.digest_mut().push(DigestItem::Seal(pow::POW_ENGINE_ID, vec![1, 2, 3]));
		assert!(take_seal(&mut malformed).unwrap_err().contains("malformed"));

		let mut babe_last = sealed_header();
		babe_last.digest_mut().push(DigestItem::Seal(*b"BABE", vec![0; 64]));
		assert!(take_seal(&mut babe_last).is_err());
	}

	#[test]
	fn the_test_only_mode_produces_seals_that_fail() {
		let header = header();
		let outcome =
			mine_until(header.hash().into(), DIFFICULTY, Instant::now(), SealMode::Invalid);
		let nonce = outcome.nonce.expect("an invalid nonce is found at once");
		assert!(check_seal(&header, PowSeal { nonce }, DIFFICULTY).is_err());
	}

	#[test]
	fn mining_gives_up_at_the_deadline() {
		let outcome = mine_until([5; 32], u64::MAX, Instant::now(), SealMode::Honest);
		assert_eq!(outcome.nonce, None);
	}
}
