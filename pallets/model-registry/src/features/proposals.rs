//! Proposals: an allow-listed contributor proposes an update, holding a deposit; the owner
//! accepts it as the next version (with the owner's evidence) or rejects it, and the
//! proposer may withdraw it.

use codec::MaxEncodedLen;
use frame_support::{
	ensure,
	traits::{fungible::MutateHold, tokens::Precision, Get},
};
use sp_runtime::{ArithmeticError, DispatchResult};

use crate::*;

impl<T: Config> Pallet<T> {
	/// The body of [`Pallet::propose_update`].
	pub(crate) fn do_propose_update(
		proposer: T::AccountId,
		model: ModelId,
		declaration: VersionDeclaration,
		zk_proof: Option<ZkEvidenceOf<T>>,
	) -> DispatchResult {
		let mut record = Models::<T>::get(model).ok_or(Error::<T>::ModelNotFound)?;
		ensure!(record.status == ModelStatus::Active, Error::<T>::ModelNotActive);
		ensure!(record.policy.contributors.contains(&proposer), Error::<T>::NotContributor);
		Self::ensure_staked(&proposer)?;
		Self::ensure_new_content(model, &declaration)?;
		ensure!(
			record.pending_proposals < T::MaxPendingProposals::get(),
			Error::<T>::TooManyProposals
		);
		let proposal = record.next_proposal;
		record.next_proposal = proposal.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		record.pending_proposals =
			record.pending_proposals.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		let deposit = Self::deposit_for(ProposalOf::<T>::max_encoded_len());

		T::Currency::hold(&HoldReason::Proposal.into(), &proposer, deposit)?;
		let proposed_at = frame_system::Pallet::<T>::block_number();
		Proposals::<T>::insert(
			model,
			proposal,
			Proposal { proposer: proposer.clone(), declaration, zk_proof, deposit, proposed_at },
		);
		Models::<T>::insert(model, record);
		Self::deposit_event(Event::UpdateProposed { model, proposal, proposer });
		Ok(())
	}

	/// The body of [`Pallet::accept_proposal`].
	pub(crate) fn do_accept_proposal(
		owner: T::AccountId,
		model: ModelId,
		proposal: ProposalId,
		signatures: KeySignaturesOf<T>,
	) -> DispatchResult {
		let record = Models::<T>::get(model).ok_or(Error::<T>::ModelNotFound)?;
		ensure!(record.owner == owner, Error::<T>::NotModelOwner);
		let pending = Proposals::<T>::get(model, proposal).ok_or(Error::<T>::ProposalNotFound)?;
		let evidence = UpdateEvidence { signatures, zk_proof: pending.zk_proof.clone() };
		let version = Self::next_version(&record)?;
		Self::append_version(
			model,
			record,
			pending.proposer.clone(),
			pending.declaration.clone(),
			evidence,
			Some(proposal),
		)?;
		Self::close_proposal(model, proposal, &pending)?;
		Self::deposit_event(Event::ProposalAccepted { model, proposal, version });
		Ok(())
	}

	/// The body of [`Pallet::reject_proposal`].
	pub(crate) fn do_reject_proposal(
		who: T::AccountId,
		model: ModelId,
		proposal: ProposalId,
	) -> DispatchResult {
		let record = Models::<T>::get(model).ok_or(Error::<T>::ModelNotFound)?;
		let pending = Proposals::<T>::get(model, proposal).ok_or(Error::<T>::ProposalNotFound)?;
		ensure!(who == record.owner || who == pending.proposer, Error::<T>::NotProposalParty);
		Self::close_proposal(model, proposal, &pending)?;
		Self::deposit_event(Event::ProposalRejected { model, proposal });
		Ok(())
	}

	/// Removes a proposal, releases its deposit and updates its model's count.
	fn close_proposal(
		model: ModelId,
		proposal: ProposalId,
		pending: &ProposalOf<T>,
	) -> DispatchResult {
		T::Currency::release(
			&HoldReason::Proposal.into(),
			&pending.proposer,
			pending.deposit,
			Precision::Exact,
		)?;
		Proposals::<T>::remove(model, proposal);
		Models::<T>::mutate(model, |record| {
			if let Some(record) = record {
				record.pending_proposals = record.pending_proposals.saturating_sub(1);
			}
		});
		Ok(())
	}
}
