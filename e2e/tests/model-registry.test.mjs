// The model registry pallet (`modelRegistry`, index 21) on a `--dev` node, driven through
// polkadot.js and checked against independent JavaScript implementations (lib/proofs.mjs:
// @noble/hashes for SHA3-512, @noble/post-quantum for ML-DSA-65, the update payload's SCALE
// written by hand).
//
// - Genesis: the update fee schedule (0.1 AEG + 0.01 AEG per shard + 0.01 AEG per started MiB)
//   and the minimum stake (1000 AEG); Alice is the only staked account.
// - Stake gate: Bob (no stake) cannot submit a registry call, alone or in a batch: the pool
//   refuses it (1010, `Custom error: 165`), so it costs him nothing; his transfer still lands.
// - Alice registers an ML-DSA-65 key made by noble and a model whose policy requires it, then
//   publishes two versions of a "vector file" built in JS (f32 tensors in the canonical Aegis
//   vector encoding, one shard each): the signed payload built in JS equals the runtime API's,
//   `ModelUpdated` carries the hashes computed in JS, the update fee is burned (total issuance
//   drops by exactly the fee computed in JS), the version deposit is held.
// - History: `versions` storage and the `ModelRegistryApi` runtime API agree on every field.
// - Shards: every shard of both versions verifies through `ModelRegistryApi_verify_shard`; a
//   tampered shard, a shard of the other version, a wrong shard count and a missing version
//   are refused.
// - Tampered updates (another key, a flipped bit, a replayed signature, an old nonce, a hash
//   changed after signing, no signature) fail with `proofVerifier.BadSignature` (or
//   `MissingSignature`), a known content hash with `DuplicateContentHash`; none changes the
//   model, its versions, its nonce or the total issuance. The honest update signed before
//   them all still lands afterwards.
//
// Alice authors every block on `--dev` and so receives back the author's fifth of the
// transaction fees she pays (the rest is burnt); the update fee is burned whole.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { sha3_256 } from '@noble/hashes/sha3.js';
import { u8aToHex } from '@polkadot/util';

import { AEG, INVALID_TRANSACTION, STAKE_TOO_LOW } from '../lib/constants.mjs';
import { modelUpdatedFields } from '../lib/registry.mjs';
import {
  accountAt,
  accountHex,
  devAccounts,
  feeSplit,
  singleEvent,
  submitAndLocate,
  submitExpectingFailure,
  validateTransaction,
} from '../lib/chain.mjs';
import {
  encodeModelUpdatePayload,
  keySignatures,
  ML_DSA_65,
  merkleLeafHash,
  merkleProof,
  mlDsa65Value,
  mlDsaKeypair,
  mlDsaVerify,
  PURPOSE,
  proofOfPossession,
  signingPolicy,
  signModelUpdate,
  vectorFile,
} from '../lib/proofs.mjs';
import { rpcCall, rpcCallExpectingError } from '../lib/rpc.mjs';
import { authorOf, sealedBlock } from '../lib/seal.mjs';
import { devNodeSuite } from '../lib/suite.mjs';

const TEST_TIMEOUT_MS = 300_000;
const CENT = AEG / 100n;
const MEBIBYTE = 1 << 20;
/** The genesis presets' `UPDATE_FEES` and `MINIMUM_PUBLISHER_STAKE`. */
const GENESIS_UPDATE_FEES = { base: 10n * CENT, perShard: CENT, perMebibyte: CENT };
const GENESIS_MINIMUM_STAKE = 1_000n * AEG;

/**
 * The largest encoded sizes of the stored records, field by field (deposits are priced on
 * them): compact(bound) + bound for bounded vectors, 1 + size for options.
 */
const RECORD_BYTES = {
  // owner, pending_owner, metadata (name <= 128, framework <= 32, uri <= 256), status,
  // policy (signing: an option of <= 5 key ids and a threshold; verification key; <= 16
  // contributors), current_version, nonce, next_proposal, pending_proposals, deposit
  model:
    32 +
    33 +
    (2 + 128) +
    (1 + 32) +
    (2 + 256) +
    1 +
    (1 + (1 + 5 * 4 + 4) + 5 + 1 + 16 * 32) +
    5 +
    8 +
    4 +
    4 +
    16,
  // number, parent, declaration (2 hashes, shard count, size), submitter, evidence (<= 5
  // signer key ids, 2 options of u32), block, timestamp; plus the content-hash index entry
  // (hash key, version number)
  version: 4 + 5 + (64 + 64 + 4 + 8) + 32 + (1 + 5 * 4 + 5 + 5) + 4 + 8 + (64 + 4),
};

const hex = (bytes) => u8aToHex(bytes);

/** A declaration's fields as plain values, to compare with what the chain returns. */
function plainDeclaration({ contentHash: hash, merkleRoot: root, shardCount, byteSize }) {
  return {
    contentHash: hex(hash),
    merkleRoot: hex(root),
    shardCount,
    byteSize: BigInt(byteSize),
  };
}

function flipped(bytes, index, mask = 0x01) {
  const copy = Uint8Array.from(bytes);
  copy[index] ^= mask;
  return copy;
}

describe('model registry (dev node)', () => {
  const dev = devNodeSuite();
  let node;
  let api;
  let alice;
  let bob;
  let charlie;
  let genesisHash;
  /** Alice's ML-DSA-65 key pair (noble, fixed seed), and its id once registered. */
  const key = mlDsaKeypair(sha3_256(new TextEncoder().encode('aegis e2e model signing key')));
  let keyId;
  let model;
  /** The update fee schedule read from the chain (checked against the genesis preset). */
  let fees;
  /** The published versions by number: { declaration, payload, signature, inclusion }. */
  const published = new Map();

  // Version 1: a small MLP (6 tensors, 2080 bytes, one started MiB). Version 2: 7 tensors of
  // 300 x 256 (about 2.05 MiB, three started MiB). Version 3: published after the tampering.
  const files = {
    1: vectorFile(1, [[16, 8], [16], [16, 16], [16], [4, 16], [4]]),
    2: vectorFile(2, new Array(7).fill([300, 256])),
    3: vectorFile(3, [[16, 8], [16], [8, 16], [8], [2, 8], [2]]),
  };

  before(async () => {
    ({ node, api } = dev);
    ({ alice, bob, charlie } = await devAccounts());
    genesisHash = api.genesisHash.toU8a();
  });

  // -------------------------------------------------------------------------------------
  // Helpers bound to this node

  function deposit(bytes) {
    const { depositBase, depositPerByte } = api.consts.modelRegistry;
    return depositBase.toBigInt() + depositPerByte.toBigInt() * BigInt(bytes);
  }

  /** The update fee computed in JS: base + per shard + per started MiB. */
  function updateFee({ shardCount, byteSize }) {
    const mebibytes = BigInt(Math.ceil(byteSize / MEBIBYTE));
    return fees.base + fees.perShard * BigInt(shardCount) + fees.perMebibyte * mebibytes;
  }

  function requireModel() {
    assert.notEqual(model, undefined, 'an earlier case registers the model');
    return model;
  }

  async function at(blockHash) {
    return api.at(blockHash);
  }

  async function heldAt(blockHash, address) {
    const holds = await (await at(blockHash)).query.balances.holds(address);
    return holds
      .filter(({ id }) => id.type === 'ModelRegistry' && id.asModelRegistry.type === 'Model')
      .reduce((sum, { amount }) => sum + amount.toBigInt(), 0n);
  }

  async function issuanceAt(blockHash) {
    return (await (await at(blockHash)).query.balances.totalIssuance()).toBigInt();
  }

  /** Changes across the block of `inclusion`: Alice's model hold and free balance, issuance. */
  async function changes(inclusion, who) {
    const { parentHash, blockHash } = inclusion;
    const [heldBefore, heldAfter, before_, after_, issuedBefore, issuedAfter] = await Promise.all([
      heldAt(parentHash, who.address),
      heldAt(blockHash, who.address),
      accountAt(api, parentHash, who.address),
      accountAt(api, blockHash, who.address),
      issuanceAt(parentHash),
      issuanceAt(blockHash),
    ]);
    return {
      held: heldAfter - heldBefore,
      free: after_.free - before_.free,
      issuance: issuedAfter - issuedBefore,
    };
  }

  /** The transaction fee `who` paid for `inclusion`, minus what came back as its author. */
  async function netFee(inclusion, who) {
    const { payer, fee, toAuthor } = feeSplit(api, inclusion.events);
    assert.equal(accountHex(payer), accountHex(who), 'the submitter paid the fee');
    const validators = await (await at(inclusion.blockHash)).query.session.validators();
    const author = authorOf(validators, await sealedBlock(api, inclusion.blockHash));
    return accountHex(author) === accountHex(who) ? fee - toAuthor : fee;
  }

  async function modelAt(blockHash) {
    return (await (await at(blockHash)).query.modelRegistry.models(requireModel())).unwrap();
  }

  /** Everything the registry stores about the model at a block, as one comparable value. */
  async function registryStateAt(blockHash) {
    const apiAt = await at(blockHash);
    const id = requireModel();
    const [record, versions, byHash] = await Promise.all([
      apiAt.query.modelRegistry.models(id),
      apiAt.query.modelRegistry.versions.entries(id),
      apiAt.query.modelRegistry.versionByContentHash.entries(id),
    ]);
    const entries = (list) => list.map(([k, v]) => [k.toHex(), v.toHex()]).sort();
    return { model: record.toHex(), versions: entries(versions), byHash: entries(byHash) };
  }

  /** The update, with `signature` (bytes) in the name of the policy's key, or none. */
  function updateTx(declaration, signature) {
    return api.tx.modelRegistry.updateModel(requireModel(), declaration, {
      signatures: signature === null ? [] : keySignatures([[keyId, signature]]),
      zkProof: null,
    });
  }

  /** The payload of `declaration` as the next version, built in JS from the model record. */
  async function nextPayload(declaration, blockHash) {
    const record = await modelAt(blockHash);
    const current = record.currentVersion.isSome ? record.currentVersion.unwrap().toNumber() : 0;
    return {
      model: requireModel(),
      version: current + 1,
      parent: current === 0 ? null : current,
      ...declaration,
      nonce: record.nonce.toBigInt(),
    };
  }

  /**
   * Submits a tampered update expecting `error`, and checks that it changed nothing: no
   * ModelUpdated, the same model (nonce, current version), versions and index, no hold, and
   * no burn.
   */
  async function expectRefusedUpdate(tx, error, what) {
    const failure = await submitExpectingFailure(api, tx, alice);
    assert.equal(failure.error, error, `${what}: dispatch error`);
    assert.ok(
      !failure.events.some((event) => api.events.modelRegistry.ModelUpdated.is(event)),
      `${what}: no ModelUpdated`,
    );
    assert.deepEqual(
      await registryStateAt(failure.blockHash),
      await registryStateAt(failure.parentHash),
      `${what}: the model, its versions and its nonce are unchanged`,
    );
    const { held, issuance } = await changes(failure, alice);
    assert.equal(held, 0n, `${what}: no version deposit held`);
    assert.equal(
      issuance,
      -feeSplit(api, failure.events).burnt,
      `${what}: no update fee burned, only the transaction fee's burnt part`,
    );
    return failure;
  }

  // -------------------------------------------------------------------------------------

  it('starts with the genesis update fees and minimum stake; only Alice is staked', async () => {
    const schedule = await api.query.modelRegistry.updateFees();
    fees = {
      base: schedule.base.toBigInt(),
      perShard: schedule.perShard.toBigInt(),
      perMebibyte: schedule.perMebibyte.toBigInt(),
    };
    assert.deepEqual(fees, GENESIS_UPDATE_FEES, 'modelRegistry.updateFees');
    assert.equal(
      (await api.query.modelRegistry.minimumStake()).toBigInt(),
      GENESIS_MINIMUM_STAKE,
      'modelRegistry.minimumStake',
    );
    const ledger = (await api.query.staking.ledger(alice.address)).unwrap();
    assert.ok(
      ledger.active.toBigInt() >= GENESIS_MINIMUM_STAKE,
      `Alice has ${ledger.active} bonded`,
    );
    for (const [name, account] of [
      ['Bob', bob],
      ['Charlie', charlie],
    ]) {
      assert.ok((await api.query.staking.ledger(account.address)).isNone, `${name} is not staked`);
    }
    assert.equal((await api.query.modelRegistry.nextModelId()).toNumber(), 0, 'no model yet');
  });

  it(
    'refuses registry calls from an unstaked account at the pool, not its transfers',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      const metadata = { name: 'bob-model', framework: 'onnx', uri: 'ipfs://bob' };
      const policy = { signing: null, zkVerifyingKey: null, contributors: [] };
      const register = () => api.tx.modelRegistry.registerModel(metadata, policy);
      const bestHash = (await api.rpc.chain.getBlockHash()).toHex();
      const bobBefore = await accountAt(api, bestHash, bob.address);

      // The runtime's verdict: Invalid(Custom(165)); Alice, who is staked, passes the gate.
      const signedByBob = await register().signAsync(bob);
      const verdict = await validateTransaction(api, signedByBob, bestHash);
      assert.ok(verdict.isErr && verdict.asErr.isInvalid, `invalid: ${verdict}`);
      assert.ok(verdict.asErr.asInvalid.isCustom, `a custom invalidity: ${verdict}`);
      assert.equal(verdict.asErr.asInvalid.asCustom.toNumber(), STAKE_TOO_LOW, 'code 0xA5');
      const signedByAlice = await register().signAsync(alice);
      const aliceVerdict = await validateTransaction(api, signedByAlice, bestHash);
      assert.ok(aliceVerdict.isOk, `Alice's registration is valid: ${aliceVerdict}`);

      // Submitted, Bob's call (alone, or in a batch) is refused with the pool's error.
      const batch = await api.tx.utility.batch([register()]).signAsync(bob);
      for (const [what, signed] of [
        ['registerModel', signedByBob],
        ['utility.batch([registerModel])', batch],
      ]) {
        const error = await rpcCallExpectingError(node.rpcPort, 'author_submitExtrinsic', [
          signed.toHex(),
        ]);
        assert.equal(error.code, INVALID_TRANSACTION, `${what}: ${error.message}`);
        assert.equal(error.rpcMessage, 'Invalid Transaction', `${what}: ${error.message}`);
        assert.equal(error.data, `Custom error: ${STAKE_TOO_LOW}`, `${what}: ${error.message}`);
        const pending = await rpcCall(node.rpcPort, 'author_pendingExtrinsics');
        assert.ok(!pending.includes(signed.toHex()), `${what}: not pooled`);
      }

      // Bob's transfer is not gated; it is his first transaction: the refused ones cost
      // nothing and used no nonce.
      const amount = 2n * AEG;
      const transfer = await submitAndLocate(
        api,
        api.tx.balances.transferKeepAlive(charlie.address, amount),
        bob,
      );
      const event = singleEvent(transfer.events, api.events.balances.Transfer);
      assert.deepEqual(
        [accountHex(event.data.from), accountHex(event.data.to), event.data.amount.toBigInt()],
        [accountHex(bob), accountHex(charlie), amount],
        'Transfer from Bob to Charlie',
      );
      const [, fee, tip] = singleEvent(
        transfer.events,
        api.events.transactionPayment.TransactionFeePaid,
      ).data;
      const bobAfter = await accountAt(api, transfer.blockHash, bob.address);
      assert.equal(bobAfter.nonce, bobBefore.nonce + 1, "Bob's nonce moved by the transfer only");
      assert.equal(
        bobAfter.free,
        bobBefore.free - amount - fee.toBigInt() - tip.toBigInt(),
        'Bob paid the transfer and its fee, nothing for the refused calls',
      );
      assert.equal((await api.query.modelRegistry.nextModelId()).toNumber(), 0, 'no model');
    },
  );

  it(
    'registers an ML-DSA-65 key made by noble and a model whose policy requires it',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      assert.equal(key.publicKey.length, ML_DSA_65.publicKeyBytes);
      const possession = proofOfPossession(key.secretKey, genesisHash, alice.publicKey);
      const keyRegistered = await submitAndLocate(
        api,
        api.tx.proofVerifier.registerSigningKey(
          mlDsa65Value(key.publicKey),
          mlDsa65Value(possession),
        ),
        alice,
      );
      const keyEvent = singleEvent(
        keyRegistered.events,
        api.events.proofVerifier.SigningKeyRegistered,
      );
      assert.equal(accountHex(keyEvent.data.owner), accountHex(alice), 'the key is Alice’s');
      keyId = keyEvent.data.key.toNumber();

      const metadata = {
        name: 'aegis-e2e tiny mlp',
        framework: 'aegis-vectors',
        uri: 'ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi',
      };
      const policy = {
        signing: signingPolicy([keyId]),
        zkVerifyingKey: null,
        contributors: [],
      };
      const registered = await submitAndLocate(
        api,
        api.tx.modelRegistry.registerModel(metadata, policy),
        alice,
      );
      const event = singleEvent(registered.events, api.events.modelRegistry.ModelRegistered);
      assert.equal(accountHex(event.data.owner), accountHex(alice), 'ModelRegistered.owner');
      model = event.data.model.toNumber();
      assert.equal(model, 0, 'the first model gets id 0');

      const apiAt = await at(registered.blockHash);
      assert.equal((await apiAt.query.modelRegistry.nextModelId()).toNumber(), model + 1);
      const stored = await apiAt.query.modelRegistry.models(model);
      const fromApi = await apiAt.call.modelRegistryApi.model(model);
      assert.equal(fromApi.toHex(), stored.toHex(), 'the runtime API returns the stored model');
      const record = stored.unwrap();
      const modelDeposit = deposit(RECORD_BYTES.model);
      assert.deepEqual(
        {
          owner: accountHex(record.owner),
          pendingOwner: record.pendingOwner.isSome,
          name: record.metadata.name.toUtf8(),
          framework: record.metadata.framework.toUtf8(),
          uri: record.metadata.uri.toUtf8(),
          status: record.status.type,
          signing: record.policy.signing.unwrapOr(null)?.toJSON() ?? null,
          zkVerifyingKey: record.policy.zkVerifyingKey.isSome,
          contributors: record.policy.contributors.length,
          currentVersion: record.currentVersion.isSome,
          nonce: record.nonce.toBigInt(),
          nextProposal: record.nextProposal.toNumber(),
          pendingProposals: record.pendingProposals.toNumber(),
          deposit: record.deposit.toBigInt(),
        },
        {
          owner: accountHex(alice),
          pendingOwner: false,
          ...metadata,
          status: 'Active',
          signing: { keys: [keyId], threshold: 1 },
          zkVerifyingKey: false,
          contributors: 0,
          currentVersion: false,
          nonce: 0n,
          nextProposal: 0,
          pendingProposals: 0,
          deposit: modelDeposit,
        },
        'the model record',
      );
      const { held, free, issuance } = await changes(registered, alice);
      assert.equal(held, modelDeposit, 'the model deposit is held from Alice');
      assert.equal(free, -(modelDeposit + (await netFee(registered, alice))), 'free balance');
      assert.equal(
        issuance,
        -feeSplit(api, registered.events).burnt,
        "registering burns nothing but the transaction fee's burnt part",
      );
    },
  );

  it(
    'publishes two versions of a vector file, signed by noble, burning the update fee',
    { timeout: TEST_TIMEOUT_MS },
    async (t) => {
      requireModel();
      const versionDeposit = deposit(RECORD_BYTES.version);
      for (const version of [1, 2]) {
        const what = `version ${version}`;
        const { declaration } = files[version];
        const bestHash = (await api.rpc.chain.getBlockHash()).toHex();
        const payload = await nextPayload(declaration, bestHash);
        assert.deepEqual(
          [payload.version, payload.parent, payload.nonce],
          [version, version === 1 ? null : version - 1, BigInt(version - 1)],
          `${what}: the next version, its parent and the model nonce`,
        );
        const encoded = encodeModelUpdatePayload(payload);
        const fromApi = await (
          await at(bestHash)
        ).call.modelRegistryApi.updatePayload(model, declaration);
        assert.ok(fromApi.isSome, `${what}: updatePayload is Some`);
        assert.equal(
          hex(fromApi.unwrap().toU8a()),
          hex(encoded),
          `${what}: the runtime API's payload is the one built in JS`,
        );

        const signature = signModelUpdate(key.secretKey, genesisHash, payload);
        assert.ok(
          mlDsaVerify(
            key.publicKey,
            { genesisHash, purpose: PURPOSE.MODEL_UPDATE, payload: encoded },
            signature,
          ),
          `${what}: noble verifies its own signature`,
        );
        const inclusion = await submitAndLocate(api, updateTx(declaration, signature), alice);
        published.set(version, { declaration, payload, signature, inclusion });

        const event = singleEvent(inclusion.events, api.events.modelRegistry.ModelUpdated);
        assert.deepEqual(
          modelUpdatedFields(event),
          {
            model,
            version,
            contentHash: hex(declaration.contentHash),
            merkleRoot: hex(declaration.merkleRoot),
          },
          `${what}: ModelUpdated`,
        );

        const fee = updateFee(declaration);
        const { held, free, issuance } = await changes(inclusion, alice);
        assert.equal(
          issuance,
          -(fee + feeSplit(api, inclusion.events).burnt),
          `${what}: the update fee (${fee}) is burned, with the transaction fee's burnt part`,
        );
        assert.equal(held, versionDeposit, `${what}: the version deposit is held`);
        assert.equal(
          free,
          -(fee + versionDeposit + (await netFee(inclusion, alice))),
          `${what}: Alice paid the update fee and the deposit`,
        );

        const record = await modelAt(inclusion.blockHash);
        assert.deepEqual(
          {
            currentVersion: record.currentVersion.unwrap().toNumber(),
            nonce: record.nonce.toBigInt(),
            deposit: record.deposit.toBigInt(),
          },
          {
            currentVersion: version,
            nonce: BigInt(version),
            deposit: deposit(RECORD_BYTES.model) + BigInt(version) * versionDeposit,
          },
          `${what}: the model moved on`,
        );
        const index = await (
          await at(inclusion.blockHash)
        ).query.modelRegistry.versionByContentHash(model, declaration.contentHash);
        assert.equal(index.unwrap().toNumber(), version, `${what}: indexed by its content hash`);
        t.diagnostic(
          `${what}: ${declaration.shardCount} shards, ${declaration.byteSize} bytes, ` +
            `block #${inclusion.blockNumber}, update fee ${fee} burned, deposit ${versionDeposit} held`,
        );
      }
      // The fee formula's inputs: 6 shards in one started MiB, 7 in three.
      assert.deepEqual(
        [1, 2].map((v) => [
          files[v].declaration.shardCount,
          Math.ceil(files[v].declaration.byteSize / MEBIBYTE),
        ]),
        [
          [6, 1],
          [7, 3],
        ],
      );
      assert.deepEqual(
        [1, 2].map((v) => updateFee(files[v].declaration)),
        [17n * CENT, 20n * CENT],
        'update fees: 0.1 + 6 x 0.01 + 1 x 0.01 AEG, 0.1 + 7 x 0.01 + 3 x 0.01 AEG',
      );
    },
  );

  it('keeps the history, readable from storage and the runtime API alike', async () => {
    requireModel();
    assert.equal(published.size, 2, 'the previous case published two versions');
    const bestHash = (await api.rpc.chain.getBlockHash()).toHex();
    const apiAt = await at(bestHash);
    for (const [version, { declaration, inclusion }] of published) {
      const what = `version ${version}`;
      const stored = await apiAt.query.modelRegistry.versions(model, version);
      const fromApi = await apiAt.call.modelRegistryApi.version(model, version);
      assert.equal(fromApi.toHex(), stored.toHex(), `${what}: runtime API and storage agree`);
      const record = stored.unwrap();
      const timestamp = await (await at(inclusion.blockHash)).query.timestamp.now();
      assert.deepEqual(
        {
          number: record.number.toNumber(),
          parent: record.parent.unwrapOr(null)?.toNumber() ?? null,
          declaration: {
            contentHash: record.declaration.contentHash.toHex(),
            merkleRoot: record.declaration.merkleRoot.toHex(),
            shardCount: record.declaration.shardCount.toNumber(),
            byteSize: record.declaration.byteSize.toBigInt(),
          },
          submitter: accountHex(record.submitter),
          signedBy: record.evidence.signedBy.map((key) => key.toNumber()),
          zkVerifyingKey: record.evidence.zkVerifyingKey.isSome,
          proposal: record.evidence.proposal.isSome,
          block: record.block.toNumber(),
          timestampMs: record.timestampMs.toBigInt(),
        },
        {
          number: version,
          parent: version === 1 ? null : version - 1,
          declaration: plainDeclaration(declaration),
          submitter: accountHex(alice),
          signedBy: [keyId],
          zkVerifyingKey: false,
          proposal: false,
          block: inclusion.blockNumber,
          timestampMs: timestamp.toBigInt(),
        },
        `${what}: the version record`,
      );
    }
    assert.ok((await apiAt.query.modelRegistry.versions(model, 3)).isNone, 'no version 3 yet');
    assert.ok((await apiAt.call.modelRegistryApi.version(model, 3)).isNone, 'API: no version 3');
    assert.ok((await apiAt.call.modelRegistryApi.version(model, 0)).isNone, 'versions start at 1');
    assert.ok((await apiAt.call.modelRegistryApi.model(model + 1)).isNone, 'no model 1');
    assert.ok(
      (await apiAt.call.modelRegistryApi.updatePayload(model + 1, files[3].declaration)).isNone,
      'no update payload for a model that does not exist',
    );
    assert.equal(
      (await apiAt.call.modelRegistryApi.model(model)).toHex(),
      (await apiAt.query.modelRegistry.models(model)).toHex(),
      'runtime API and storage agree on the model',
    );
  });

  it('verifies every shard of both versions through the runtime API', async () => {
    requireModel();
    assert.equal(published.size, 2, 'an earlier case published two versions');
    const verify = async (version, leafHash, proof) => {
      const result = await api.call.modelRegistryApi.verifyShard(model, version, leafHash, proof);
      return result.isOk ? 'Ok' : result.asErr.type;
    };
    for (const version of [1, 2]) {
      const { shards, leaves } = files[version];
      for (let index = 0; index < shards.length; index++) {
        const proof = merkleProof(leaves, index);
        assert.equal(
          await verify(version, merkleLeafHash(shards[index]), proof),
          'Ok',
          `version ${version}, shard ${index}`,
        );
      }
    }
    const { shards, leaves } = files[1];
    const proof = merkleProof(leaves, 2);
    const tampered = flipped(shards[2], shards[2].length - 1);
    assert.equal(
      await verify(1, merkleLeafHash(tampered), proof),
      'NotInVersion',
      'a shard with its last byte changed',
    );
    assert.equal(
      await verify(1, leaves[3], proof),
      'NotInVersion',
      'shard 3 with the proof of shard 2',
    );
    // Version 2 has 7 shards: version 1's proof is for a tree of 6.
    assert.equal(await verify(2, leaves[2], proof), 'WrongShardCount', "version 1's shard 2");
    const v2 = files[2];
    assert.equal(
      await verify(2, leaves[2], { ...merkleProof(v2.leaves, 2), leafCount: 7 }),
      'NotInVersion',
      "version 1's shard 2 with version 2's proof",
    );
    assert.equal(await verify(3, leaves[2], proof), 'VersionNotFound', 'version 3');
    assert.equal(await verify(0, leaves[2], proof), 'VersionNotFound', 'version 0');
    const result = await api.call.modelRegistryApi.verifyShard(model + 1, 1, leaves[2], proof);
    assert.equal(result.asErr.type, 'VersionNotFound', 'a model that does not exist');
  });

  it(
    'refuses tampered updates without changing anything, then takes the honest one',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      requireModel();
      assert.equal(published.size, 2, 'the previous cases published two versions');
      const { declaration } = files[3];
      const bestHash = (await api.rpc.chain.getBlockHash()).toHex();
      const payload = await nextPayload(declaration, bestHash);
      assert.deepEqual([payload.version, payload.parent, payload.nonce], [3, 2, 2n]);
      // The honest signature, made before any attempt: it must still be good after them.
      const honest = signModelUpdate(key.secretKey, genesisHash, payload);
      const BAD_SIGNATURE = 'proofVerifier.BadSignature';

      const stranger = mlDsaKeypair(new Uint8Array(32).fill(0x5a));
      await expectRefusedUpdate(
        updateTx(declaration, signModelUpdate(stranger.secretKey, genesisHash, payload)),
        BAD_SIGNATURE,
        'signed by a key that is not the policy’s, in its key’s name',
      );
      await expectRefusedUpdate(
        updateTx(declaration, flipped(honest, 1_000, 0x10)),
        BAD_SIGNATURE,
        'a bit of the signature flipped',
      );
      await expectRefusedUpdate(
        updateTx(declaration, published.get(1).signature),
        BAD_SIGNATURE,
        "version 1's signature replayed for a new declaration",
      );
      await expectRefusedUpdate(
        updateTx(
          declaration,
          signModelUpdate(key.secretKey, genesisHash, { ...payload, nonce: payload.nonce - 1n }),
        ),
        BAD_SIGNATURE,
        'signed over the previous nonce',
      );
      await expectRefusedUpdate(
        updateTx(
          declaration,
          signModelUpdate(key.secretKey, genesisHash, { ...payload, version: 2, parent: 1 }),
        ),
        BAD_SIGNATURE,
        'signed as version 2 (with its parent)',
      );
      await expectRefusedUpdate(
        updateTx({ ...declaration, contentHash: flipped(declaration.contentHash, 0) }, honest),
        BAD_SIGNATURE,
        'the content hash changed after signing',
      );
      await expectRefusedUpdate(
        updateTx({ ...declaration, merkleRoot: flipped(declaration.merkleRoot, 63) }, honest),
        BAD_SIGNATURE,
        'the Merkle root changed after signing',
      );
      await expectRefusedUpdate(
        updateTx({ ...declaration, byteSize: declaration.byteSize + 1 }, honest),
        BAD_SIGNATURE,
        'the declared size changed after signing',
      );
      await expectRefusedUpdate(
        updateTx(declaration, null),
        'modelRegistry.MissingSignature',
        'no signature',
      );
      // A content hash already published: refused whatever the signature, before checking it.
      const duplicate = { ...declaration, contentHash: files[1].declaration.contentHash };
      await expectRefusedUpdate(
        updateTx(
          duplicate,
          signModelUpdate(key.secretKey, genesisHash, { ...payload, ...duplicate }),
        ),
        'modelRegistry.DuplicateContentHash',
        "version 1's content hash again, correctly signed",
      );
      await expectRefusedUpdate(
        updateTx(published.get(2).declaration, published.get(2).signature),
        'modelRegistry.DuplicateContentHash',
        'version 2 submitted again as it was',
      );

      // None of it moved the nonce: the signature made before is still the right one.
      const inclusion = await submitAndLocate(api, updateTx(declaration, honest), alice);
      const event = singleEvent(inclusion.events, api.events.modelRegistry.ModelUpdated);
      assert.deepEqual(
        [event.data.version.toNumber(), event.data.contentHash.toHex()],
        [3, hex(declaration.contentHash)],
        'the honest update becomes version 3',
      );
      const { issuance } = await changes(inclusion, alice);
      assert.equal(
        issuance,
        -(updateFee(declaration) + feeSplit(api, inclusion.events).burnt),
        'version 3 burns its update fee',
      );
      const record = await modelAt(inclusion.blockHash);
      assert.deepEqual(
        [record.currentVersion.unwrap().toNumber(), record.nonce.toBigInt()],
        [3, 3n],
        'version 3, nonce 3',
      );
      await expectRefusedUpdate(
        updateTx(
          files[1].declaration,
          signModelUpdate(
            key.secretKey,
            genesisHash,
            await nextPayload(files[1].declaration, inclusion.blockHash),
          ),
        ),
        'modelRegistry.DuplicateContentHash',
        'version 1 republished as version 4',
      );
    },
  );
});
