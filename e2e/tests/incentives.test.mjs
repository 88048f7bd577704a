// The incentives pallet (`incentives`, index 31) on a `--dev` node, driven through polkadot.js.
//
// - Genesis: the pool (the keyless account `modl` ‖ `aeg/incv`) is minted 1000 AIT in block 1;
//   the parameters are the development preset's (10 AIT per version, claim delay 5 blocks).
// - Alice (staked) registers a model and publishes a version: the same extrinsic emits
//   `incentives.RewardEarned` for her (source `Version`), `versionRewards` holds her share and
//   its claim block; claiming before it fails with `incentives.NotYetClaimable`; after it the
//   claim pays 10 AIT out of the pool (`Erc20Api.balanceOf` agrees) and the record is gone.
// - Governance (sudo on dev) revokes a second version with `modelRegistry.revokeVersion`: the
//   same call forfeits its reward (`incentives.RewardForfeited`), `unclaimed` returns to zero,
//   the pool keeps its tokens, and the claim fails with `incentives.NoReward`.
// - Proofs: governance rewards the snarkjs verification key (`setRewardedKeys`); its proofs do
//   not bind their submitter in the last public input, so attesting them (Bob, Alice) earns
//   nothing (`RewardSkipped`, `NotBoundToSubmitter`) and `claimEarnings` has nothing to pay.
//   (The positive path, a bound proof, is covered by the pallet's tests.)

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { before, describe, it } from 'node:test';

import { stringToU8a, u8aConcat } from '@polkadot/util';

import { AIT_ID, SNARKJS_DIR } from '../lib/constants.mjs';
import { submitAsRoot } from '../lib/governance.mjs';
import {
  accountHex,
  devAccounts,
  singleEvent,
  submitAndLocate,
  submitExpectingFailure,
  waitForBestNumber,
} from '../lib/chain.mjs';
import {
  proofFromSnarkjs,
  publicInputsFromSnarkjs,
  verifyingKeyFromSnarkjs,
} from '../lib/proofs.mjs';
import { devNodeSuite } from '../lib/suite.mjs';

const TEST_TIMEOUT_MS = 180_000;
const AIT = 10n ** 12n;
const MINTED_PER_ERA = 1_000n * AIT;
const UPDATE_REWARD = 10n * AIT;
const DEV_CLAIM_DELAY = 5;

describe('incentives (dev node)', () => {
  const dev = devNodeSuite();
  let api;
  let alice;
  let bob;
  let pool;
  let model;

  before(async () => {
    ({ api } = dev);
    ({ alice, bob } = await devAccounts());
    // `PalletId(*b"aeg/incv").into_account_truncating()`: "modl" ‖ id, zero-padded.
    pool = api
      .createType(
        'AccountId',
        u8aConcat(stringToU8a('modl'), stringToU8a('aeg/incv'), new Uint8Array(20)),
      )
      .toString();
  });

  const ait = async (address) => (await api.call.erc20Api.balanceOf(address)).toBigInt();
  const unclaimed = async () => (await api.query.incentives.unclaimed()).toBigInt();

  /** The `RewardEarned` / `RewardSkipped` events of `events`, as plain values. */
  function rewardEvents(events) {
    return events
      .filter(
        (event) =>
          api.events.incentives.RewardEarned.is(event) ||
          api.events.incentives.RewardSkipped.is(event),
      )
      .map((event) => ({
        method: event.method,
        beneficiary: accountHex(event.data.beneficiary),
        source: event.data.source.toJSON(),
        amount: event.data.amount?.toBigInt(),
        reason: event.data.reason?.toString(),
      }));
  }

  async function publish(seed) {
    const declaration = {
      contentHash: `0x${seed.repeat(64)}`,
      merkleRoot: `0x${seed.repeat(64)}`,
      shardCount: 1,
      byteSize: 1,
    };
    const tx = api.tx.modelRegistry.updateModel(model, declaration, {
      signatures: [],
      zkProof: null,
    });
    return submitAndLocate(api, tx, alice);
  }

  it('mints the pool in block 1 under the development parameters', async () => {
    const parameters = await api.query.incentives.parameters();
    assert.equal(parameters.mintPerPeriod.toBigInt(), MINTED_PER_ERA);
    assert.equal(parameters.updateReward.toBigInt(), UPDATE_REWARD);
    assert.equal(parameters.claimDelay.toNumber(), DEV_CLAIM_DELAY);
    assert.equal(await ait(pool), MINTED_PER_ERA);
    assert.equal(await unclaimed(), 0n);
    const details = (await api.query.assets.asset(AIT_ID)).unwrap();
    assert.equal(details.owner.toString(), pool, 'the pool account owns the token');
  });

  it(
    'rewards an accepted version with AIT that its owner claims after the delay',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      model = (await api.query.modelRegistry.nextModelId()).toNumber();
      await submitAndLocate(
        api,
        api.tx.modelRegistry.registerModel(
          { name: 'rewarded-model', framework: 'onnx', uri: 'ipfs://rewarded' },
          { signing: null, zkVerifyingKey: null, contributors: [] },
        ),
        alice,
      );
      const published = await publish('11');
      singleEvent(published.events, api.events.modelRegistry.ModelUpdated);
      assert.deepEqual(rewardEvents(published.events), [
        {
          method: 'RewardEarned',
          beneficiary: accountHex(alice),
          source: { version: { model, version: 1 } },
          amount: UPDATE_REWARD,
          reason: undefined,
        },
      ]);
      const reward = (await api.query.incentives.versionRewards(model, 1)).unwrap();
      assert.deepEqual(
        reward.shares.map(([who, amount]) => [accountHex(who), amount.toBigInt()]),
        [[accountHex(alice), UPDATE_REWARD]],
      );
      const claimableAt = reward.claimableAt.toNumber();
      assert.equal(claimableAt, published.blockNumber + DEV_CLAIM_DELAY);
      assert.equal(await unclaimed(), UPDATE_REWARD);

      const claim = api.tx.incentives.claimVersionReward(model, 1);
      const early = await submitExpectingFailure(api, claim, alice);
      assert.ok(early.blockNumber < claimableAt, 'the early claim ran before the claim block');
      assert.equal(early.error, 'incentives.NotYetClaimable');

      await waitForBestNumber(api, claimableAt - 1, { timeoutMs: 60_000 });
      const [aliceBefore, poolBefore] = [await ait(alice.address), await ait(pool)];
      const claimed = await submitAndLocate(
        api,
        api.tx.incentives.claimVersionReward(model, 1),
        alice,
      );
      const event = singleEvent(claimed.events, api.events.incentives.VersionRewardClaimed);
      assert.equal(event.data.amount.toBigInt(), UPDATE_REWARD);
      assert.equal(await ait(alice.address), aliceBefore + UPDATE_REWARD);
      assert.equal(await ait(pool), poolBefore - UPDATE_REWARD);
      assert.ok((await api.query.incentives.versionRewards(model, 1)).isNone);
      assert.equal(await unclaimed(), 0n);
    },
  );

  it(
    'forfeits the reward of a version governance revokes',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      assert.notEqual(model, undefined, 'the previous test registered the model');
      const published = await publish('22');
      assert.equal(rewardEvents(published.events).length, 1);
      const { claimableAt } = (await api.query.incentives.versionRewards(model, 2)).unwrap();

      const poolBefore = await ait(pool);
      const revoked = await submitAsRoot(api, api.tx.modelRegistry.revokeVersion(model, 2), alice);
      singleEvent(revoked.events, api.events.modelRegistry.VersionRevoked);
      assert.equal((await api.query.modelRegistry.revokedVersions(model, 2)).isSome, true);
      // The registry told the incentives in the same call: nobody has to forfeit it.
      const event = singleEvent(revoked.events, api.events.incentives.RewardForfeited);
      assert.equal(event.data.amount.toBigInt(), UPDATE_REWARD);
      assert.equal(await unclaimed(), 0n);
      assert.equal(await ait(pool), poolBefore, 'the tokens stay in the pool');
      assert.ok((await api.query.incentives.versionRewards(model, 2)).isNone);

      await waitForBestNumber(api, claimableAt.toNumber() - 1, { timeoutMs: 60_000 });
      const refused = await submitExpectingFailure(
        api,
        api.tx.incentives.claimVersionReward(model, 2),
        alice,
      );
      assert.equal(refused.error, 'incentives.NoReward');
    },
  );

  it(
    'pays proof rewards only for proofs bound to their submitter',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      const read = async (name) => JSON.parse(await readFile(new URL(name, SNARKJS_DIR), 'utf8'));
      const [vk, proof, signals, proof2, signals2] = await Promise.all(
        ['verification_key.json', 'proof.json', 'public.json', 'proof2.json', 'public2.json'].map(
          read,
        ),
      );
      const key = (await api.query.proofVerifier.nextVerifyingKeyId()).toNumber();
      await submitAndLocate(
        api,
        api.tx.proofVerifier.registerVerifyingKey(verifyingKeyFromSnarkjs(vk)),
        alice,
      );
      await submitAsRoot(api, api.tx.incentives.setRewardedKeys([key]), alice);
      assert.deepEqual(
        (await api.query.incentives.rewardedKeys()).map((k) => k.toNumber()),
        [key],
      );
      const attest = (p, s) =>
        api.tx.proofVerifier.attest({
          Groth16: { key, proof: proofFromSnarkjs(p), publicInputs: publicInputsFromSnarkjs(s) },
        });

      // The snarkjs circuit's last public input is not the submitter's binding
      // (SHA3-256("aegis/proof-reward/v1" ‖ account), first byte cleared): anyone could have
      // copied these proofs from the pool, so neither earns, whoever attests it.
      const expectedSkip = (who) => ({
        method: 'RewardSkipped',
        beneficiary: accountHex(who),
        source: { proof: { key } },
        amount: undefined,
        reason: 'NotBoundToSubmitter',
      });
      const byBob = await submitAndLocate(api, attest(proof2, signals2), bob);
      singleEvent(byBob.events, api.events.proofVerifier.ProofVerified);
      assert.deepEqual(rewardEvents(byBob.events), [expectedSkip(bob)]);
      const byAlice = await submitAndLocate(api, attest(proof, signals), alice);
      assert.deepEqual(rewardEvents(byAlice.events), [expectedSkip(alice)]);
      assert.equal((await api.query.incentives.earnings(alice.address)).toBigInt(), 0n);
      const nothing = await submitExpectingFailure(api, api.tx.incentives.claimEarnings(), alice);
      assert.equal(nothing.error, 'incentives.NoReward');
    },
  );
});
