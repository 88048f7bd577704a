// polkadot-api (PAPI), the client new dapps are built on, against a `--dev` node: typed
// descriptors generated from the node's own metadata (v16) by `papi generate`, then the
// registry's whole publishing flow driven through PAPI alone, every result cross-checked with
// polkadot.js (which the rest of the suite uses) and with the JS implementations in
// lib/proofs.mjs.
//
// - Descriptors and client: the genesis hash, runtime version and constants PAPI reads are the
//   ones polkadot.js reads; its transactions carry every extension the runtime declares (the
//   stake gate, `AuthorizeCall`, `CheckMetadataHash` among them) and are finalized.
// - Registry: an ML-DSA-65 key (noble) and a model registered, a version published with a
//   signature over the payload the runtime API `update_payload` returns (equal to the one
//   built in JS); `ModelUpdated` carries the declared hashes; `Versions` storage, the
//   `ModelRegistryApi` and polkadot.js agree on the record; every shard verifies through
//   `verify_shard`. An update signed with another key (the account's sr25519 key but not the
//   policy's ML-DSA key) fails with `ProofVerifier.BadSignature` and changes nothing.
// - `ProofVerifierApi.check_statement`: Ok(the hash computed in JS) for a Merkle proof of a
//   published shard, the typed error for a proof of another leaf.
// - `Erc20Api`: name, symbol, decimals, supply and balances agree with `assets` storage and
//   with polkadot.js's `api.call` (which reads `name`/`symbol` as text since API version 2).
// - OpenGov: a preimage noted, a root-track referendum submitted, its decision deposit placed
//   and an aye with conviction cast through PAPI; both clients read the same ongoing
//   referendum and tally.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { sha3_256 } from '@noble/hashes/sha3.js';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';

import { AEG, AIT_ID } from '../lib/constants.mjs';
import { accountHex, devAccounts } from '../lib/chain.mjs';
import { connectPapi, generateDescriptors, importDocsSnippet, papiSigner } from '../lib/papi.mjs';
import {
  encodeMerkleStatement,
  encodeModelUpdatePayload,
  merkleProof,
  mlDsaKeypair,
  proofOfPossession,
  signModelUpdate,
  statementHash,
  vectorFile,
} from '../lib/proofs.mjs';
import { devNodeSuite } from '../lib/suite.mjs';

const TEST_TIMEOUT_MS = 240_000;
const ROOT_TRACK = 0;
/** `ConvictionVoting` packs an aye and its conviction into one byte: 0x80 | conviction. */
const AYE_LOCKED_3X = 0x80 | 3;

const text = (bytes) => new TextDecoder().decode(bytes);
const utf8 = (string) => new TextEncoder().encode(string);
const seed = (label) => sha3_256(utf8(label));

/** The one event of `descriptor` (e.g. `papi.event.ModelRegistry.ModelUpdated`) in `events`. */
function singlePapiEvent(events, descriptor, what) {
  const found = descriptor.filter(events);
  assert.equal(found.length, 1, `one ${what} event`);
  return found[0].payload;
}

/** A PAPI declaration (hex hashes, bigint size) from one built by `vectorFile`. */
function papiDeclaration({ contentHash, merkleRoot, shardCount, byteSize }) {
  return {
    content_hash: u8aToHex(contentHash),
    merkle_root: u8aToHex(merkleRoot),
    shard_count: shardCount,
    byte_size: BigInt(byteSize),
  };
}

describe('polkadot-api (dev node)', () => {
  let client;
  // Declared before the node's hooks, so it runs first: PAPI's websocket reconnects to a node
  // that went away, and would keep the test process alive.
  after(() => client?.destroy());

  const dev = devNodeSuite();
  let api;
  let papi;
  let alice;
  let bob;
  let aliceSigner;
  let genesisHash;
  const key = mlDsaKeypair(seed('aegis e2e papi signing key'));
  const otherKey = mlDsaKeypair(seed('aegis e2e papi stolen account, other key'));
  const file = vectorFile(7, [[8, 4], [8], [4, 8], [4]]);
  /** The second version, published with the snippet in docs/dapps.md. */
  const nextFile = vectorFile(8, [[8, 4], [8], [4, 8], [4], [2, 4], [2]]);
  let aegis;
  let keyId;
  let model;

  before(
    async () => {
      ({ api } = dev);
      ({ alice, bob } = await devAccounts());
      aegis = await generateDescriptors(dev.node);
      client = connectPapi(dev.node);
      papi = client.getTypedApi(aegis);
      aliceSigner = papiSigner(alice);
    },
    { timeout: TEST_TIMEOUT_MS },
  );

  /** Signs `tx` as Alice, waits for finality and asserts that it succeeded. */
  async function submitOk(tx, what) {
    const result = await tx.signAndSubmit(aliceSigner);
    assert.equal(result.ok, true, `${what}: ${JSON.stringify(result.dispatchError)}`);
    return result;
  }

  async function nextPayload() {
    const record = await papi.query.ModelRegistry.Models.getValue(model);
    const current = record.current_version ?? 0;
    return {
      model,
      version: current + 1,
      parent: current === 0 ? null : current,
      ...file.declaration,
      nonce: record.nonce,
    };
  }

  function updateTx(signature) {
    return papi.tx.ModelRegistry.update_model({
      model,
      declaration: papiDeclaration(file.declaration),
      evidence: {
        signatures: signature
          ? [{ key: keyId, signature: { type: 'MlDsa65', value: signature } }]
          : [],
        zk_proof: undefined,
      },
    });
  }

  it(
    'reads what polkadot.js reads through descriptors from the node’s metadata',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      const spec = await client.getChainSpecData();
      assert.equal(spec.genesisHash, api.genesisHash.toHex(), 'genesis hash');
      genesisHash = hexToU8a(spec.genesisHash);
      const version = await papi.constants.System.Version();
      assert.equal(version.spec_name, api.runtimeVersion.specName.toString(), 'spec_name');
      assert.equal(version.spec_version, api.runtimeVersion.specVersion.toNumber());
      assert.equal(
        await papi.constants.ModelRegistry.DepositBase(),
        api.consts.modelRegistry.depositBase.toBigInt(),
        'ModelRegistry.DepositBase',
      );
      const finalized = await client.getFinalizedBlock();
      const [viaPapi, viaPjs] = await Promise.all([
        papi.query.System.Account.getValue(alice.address, { at: finalized.hash }),
        api.at(finalized.hash).then((at) => at.query.system.account(alice.address)),
      ]);
      assert.equal(viaPapi.nonce, viaPjs.nonce.toNumber(), 'nonce');
      assert.equal(viaPapi.data.free, viaPjs.data.free.toBigInt(), 'free balance');
    },
  );

  it('signs a transfer with every extension the runtime declares', async () => {
    const amount = 3n * AEG;
    const before_ = (await api.query.system.account(bob.address)).data.free.toBigInt();
    const result = await submitOk(
      papi.tx.Balances.transfer_keep_alive({
        dest: { type: 'Id', value: bob.address },
        value: amount,
      }),
      'transfer',
    );
    const transfer = singlePapiEvent(result.events, papi.event.Balances.Transfer, 'Transfer');
    assert.deepEqual(
      [transfer.from, transfer.to, transfer.amount],
      [alice.address, bob.address, amount],
    );
    const signed = (await api.rpc.chain.getBlock(result.block.hash)).block.extrinsics[
      result.block.index
    ];
    assert.equal(signed.signer.toString(), alice.address, 'polkadot.js decodes the signer');
    const after_ = await (await api.at(result.block.hash)).query.system.account(bob.address);
    assert.equal(after_.data.free.toBigInt(), before_ + amount, 'Bob received the amount');
  });

  it(
    'registers an ML-DSA-65 key and a model whose policy requires it',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      assert.ok(genesisHash, 'an earlier case read the genesis hash');
      const possession = proofOfPossession(key.secretKey, genesisHash, alice.publicKey);
      const keyResult = await submitOk(
        papi.tx.ProofVerifier.register_signing_key({
          public_key: { type: 'MlDsa65', value: key.publicKey },
          proof_of_possession: { type: 'MlDsa65', value: possession },
        }),
        'register_signing_key',
      );
      const registeredKey = singlePapiEvent(
        keyResult.events,
        papi.event.ProofVerifier.SigningKeyRegistered,
        'SigningKeyRegistered',
      );
      assert.equal(registeredKey.owner, alice.address);
      assert.deepEqual(registeredKey.algorithm, { type: 'MlDsa65', value: undefined });
      keyId = registeredKey.key;

      const metadata = { name: 'papi-mlp', framework: 'aegis-vectors', uri: 'ipfs://papi' };
      const modelResult = await submitOk(
        papi.tx.ModelRegistry.register_model({
          metadata: {
            name: utf8(metadata.name),
            framework: utf8(metadata.framework),
            uri: utf8(metadata.uri),
          },
          policy: {
            signing: { keys: [keyId], threshold: 1 },
            zk_verifying_key: undefined,
            contributors: [],
          },
        }),
        'register_model',
      );
      ({ model } = singlePapiEvent(
        modelResult.events,
        papi.event.ModelRegistry.ModelRegistered,
        'ModelRegistered',
      ));
      const stored = (await api.query.modelRegistry.models(model)).unwrap();
      assert.equal(accountHex(stored.owner), accountHex(alice), 'polkadot.js: the owner');
      assert.equal(stored.metadata.name.toUtf8(), metadata.name, 'polkadot.js: the name');
      assert.deepEqual(
        stored.policy.signing.unwrap().toJSON(),
        { keys: [keyId], threshold: 1 },
        'the policy key',
      );
    },
  );

  it(
    'publishes a version signed over the runtime’s payload; another key changes nothing',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      assert.notEqual(model, undefined, 'an earlier case registers the model');
      const payload = await nextPayload();
      const fromApi = await papi.apis.ModelRegistryApi.update_payload(
        model,
        papiDeclaration(file.declaration),
      );
      assert.deepEqual(
        fromApi,
        {
          model,
          version: 1,
          parent: undefined,
          ...papiDeclaration(file.declaration),
          nonce: payload.nonce,
        },
        'update_payload is the next version of the declaration',
      );

      assert.equal(
        (await api.call.modelRegistryApi.updatePayload(model, file.declaration)).unwrap().toHex(),
        u8aToHex(encodeModelUpdatePayload(payload)),
        'polkadot.js reads the same payload, encoded as it is built in JS',
      );

      // Holding Alice's sr25519 key is not enough: a signature by any other ML-DSA key fails
      // in dispatch, and the model is as it was.
      const forged = await updateTx(
        signModelUpdate(otherKey.secretKey, genesisHash, payload),
      ).signAndSubmit(aliceSigner);
      assert.equal(forged.ok, false, 'the forged update fails');
      assert.deepEqual(forged.dispatchError, {
        type: 'Module',
        value: { type: 'ProofVerifier', value: { type: 'BadSignature', value: undefined } },
      });
      assert.equal(papi.event.ModelRegistry.ModelUpdated.filter(forged.events).length, 0);
      const untouched = await papi.query.ModelRegistry.Models.getValue(model, {
        at: forged.block.hash,
      });
      assert.deepEqual(
        [untouched.current_version, untouched.nonce],
        [undefined, payload.nonce],
        'no version, the same nonce',
      );

      const signature = signModelUpdate(key.secretKey, genesisHash, payload);
      const result = await submitOk(updateTx(signature), 'update_model');
      const updated = singlePapiEvent(
        result.events,
        papi.event.ModelRegistry.ModelUpdated,
        'ModelUpdated',
      );
      assert.deepEqual(
        [updated.model, updated.version, updated.content_hash, updated.merkle_root],
        [model, 1, u8aToHex(file.declaration.contentHash), u8aToHex(file.declaration.merkleRoot)],
      );
    },
  );

  it(
    'reads the version from storage and the runtime API; every shard verifies',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      assert.notEqual(model, undefined, 'an earlier case registers the model');
      const [stored, fromApi] = await Promise.all([
        papi.query.ModelRegistry.Versions.getValue(model, 1),
        papi.apis.ModelRegistryApi.version(model, 1),
      ]);
      assert.deepEqual(fromApi, stored, 'storage and runtime API agree');
      assert.deepEqual(
        [stored.number, stored.parent, stored.submitter, stored.evidence.signed_by],
        [1, undefined, alice.address, [keyId]],
      );
      assert.deepEqual(stored.declaration, papiDeclaration(file.declaration));
      const viaPjs = (await api.query.modelRegistry.versions(model, 1)).unwrap();
      assert.deepEqual(
        [
          viaPjs.block.toNumber(),
          viaPjs.timestampMs.toBigInt(),
          viaPjs.declaration.byteSize.toBigInt(),
        ],
        [stored.block, stored.timestamp_ms, stored.declaration.byte_size],
        'polkadot.js reads the same record',
      );

      for (const [index, leaf] of file.leaves.entries()) {
        const proof = merkleProof(file.leaves, index);
        const verdict = await papi.apis.ModelRegistryApi.verify_shard(model, 1, u8aToHex(leaf), {
          leaf_index: proof.leafIndex,
          leaf_count: proof.leafCount,
          siblings: proof.siblings.map((sibling) => u8aToHex(sibling)),
        });
        assert.equal(verdict.success, true, `shard ${index}: ${JSON.stringify(verdict.value)}`);
      }
    },
  );

  it(
    'publishes the next version with the snippet in docs/dapps.md, as written',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      assert.notEqual(model, undefined, 'an earlier case registers the model');
      const { publishUpdate } = await importDocsSnippet('dapps.md', 'Publishing a model update');
      const declaration = papiDeclaration(nextFile.declaration);
      const result = await publishUpdate({
        client,
        aegis,
        signer: aliceSigner,
        keys: [{ id: keyId, secretKey: key.secretKey }],
        model,
        declaration,
      });
      assert.equal(
        result.ok,
        true,
        `the snippet's update: ${JSON.stringify(result.dispatchError)}`,
      );
      const updated = singlePapiEvent(
        result.events,
        papi.event.ModelRegistry.ModelUpdated,
        'ModelUpdated',
      );
      assert.deepEqual(
        [updated.model, updated.version, updated.content_hash],
        [model, 2, declaration.content_hash],
      );
      const stored = await papi.query.ModelRegistry.Versions.getValue(model, 2, {
        at: result.block.hash,
      });
      assert.deepEqual(
        [stored.parent, stored.evidence.signed_by, stored.declaration],
        [1, [keyId], declaration],
        'version 2: parent 1, signed by the policy key',
      );
    },
  );

  it('checks statements through ProofVerifierApi', async () => {
    const leafIndex = 1;
    const proof = merkleProof(file.leaves, leafIndex);
    const statement = (leafHash) => ({
      type: 'MerkleInclusion',
      value: {
        root: u8aToHex(file.declaration.merkleRoot),
        leaf_hash: u8aToHex(leafHash),
        proof: {
          leaf_index: proof.leafIndex,
          leaf_count: proof.leafCount,
          siblings: proof.siblings.map((sibling) => u8aToHex(sibling)),
        },
      },
    });
    const expected = statementHash(
      encodeMerkleStatement({ root: file.declaration.merkleRoot, leafHash: file.leaves[1], proof }),
    );
    assert.deepEqual(
      await papi.apis.ProofVerifierApi.check_statement(statement(file.leaves[leafIndex])),
      { success: true, value: u8aToHex(expected) },
    );
    const refused = await papi.apis.ProofVerifierApi.check_statement(statement(file.leaves[0]));
    assert.equal(refused.success, false, 'a proof of another leaf');
    assert.equal(refused.value.type, 'MerkleRootMismatch');
  });

  it('reads the incentive token through Erc20Api as polkadot.js does', async () => {
    const metadata = await papi.query.Assets.Metadata.getValue(AIT_ID);
    const [name, symbol, decimals, supply, balance] = await Promise.all([
      papi.apis.Erc20Api.name(),
      papi.apis.Erc20Api.symbol(),
      papi.apis.Erc20Api.decimals(),
      papi.apis.Erc20Api.total_supply(),
      papi.apis.Erc20Api.balance_of(bob.address),
    ]);
    assert.deepEqual(
      [name, symbol, decimals],
      [text(metadata.name), text(metadata.symbol), metadata.decimals],
      'Erc20Api = assets.metadata',
    );
    assert.deepEqual(
      [name, symbol],
      [
        (await api.call.erc20Api.name()).unwrap().toString(),
        (await api.call.erc20Api.symbol()).unwrap().toString(),
      ],
      'polkadot.js api.call reads the same text',
    );
    assert.equal(name, 'Aegis Incentive Token');
    const details = await papi.query.Assets.Asset.getValue(AIT_ID);
    assert.equal(supply, details.supply, 'total_supply = assets.asset.supply');
    assert.equal(balance, (await api.call.erc20Api.balanceOf(bob.address)).toBigInt());
    const account = await papi.query.Assets.Account.getValue(AIT_ID, bob.address);
    assert.equal(balance, account.balance, 'balance_of = assets.account');
  });

  it(
    'submits and votes a root-track referendum that both clients read alike',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      const proposal = await papi.tx.System.remark_with_event({
        remark: utf8('aegis e2e: a referendum through polkadot-api'),
      }).getEncodedData();
      const hash = blake2AsHex(proposal, 256);
      const noted = await submitOk(
        papi.tx.Preimage.note_preimage({ bytes: proposal }),
        'note_preimage',
      );
      assert.equal(
        singlePapiEvent(noted.events, papi.event.Preimage.Noted, 'Noted').hash,
        hash,
        'the preimage hash is blake2-256 of the call',
      );

      const submitted = await submitOk(
        papi.tx.Referenda.submit({
          proposal_origin: { type: 'system', value: { type: 'Root', value: undefined } },
          proposal: { type: 'Lookup', value: { hash, len: proposal.length } },
          enactment_moment: { type: 'After', value: 1 },
        }),
        'Referenda.submit',
      );
      const { index, track } = singlePapiEvent(
        submitted.events,
        papi.event.Referenda.Submitted,
        'Submitted',
      );
      assert.equal(track, ROOT_TRACK);
      await submitOk(papi.tx.Referenda.place_decision_deposit({ index }), 'decision deposit');
      const stake = 100n * AEG;
      await submitOk(
        papi.tx.ConvictionVoting.vote({
          poll_index: index,
          vote: { type: 'Standard', value: { vote: AYE_LOCKED_3X, balance: stake } },
        }),
        'vote',
      );

      const info = await papi.query.Referenda.ReferendumInfoFor.getValue(index);
      assert.equal(info.type, 'Ongoing', 'the referendum is ongoing');
      const ongoing = info.value;
      const viaPjs = (await api.query.referenda.referendumInfoFor(index)).unwrap().asOngoing;
      assert.deepEqual(
        {
          track: viaPjs.track.toNumber(),
          proposal: viaPjs.proposal.asLookup.hash_.toHex(),
          submitter: viaPjs.submissionDeposit.who.toString(),
          decisionDeposit: viaPjs.decisionDeposit.unwrap().amount.toBigInt(),
          ayes: viaPjs.tally.ayes.toBigInt(),
          nays: viaPjs.tally.nays.toBigInt(),
        },
        {
          track: ongoing.track,
          proposal: ongoing.proposal.value.hash,
          submitter: ongoing.submission_deposit.who,
          decisionDeposit: ongoing.decision_deposit.amount,
          ayes: ongoing.tally.ayes,
          nays: ongoing.tally.nays,
        },
        'polkadot.js reads the referendum PAPI wrote',
      );
      assert.equal(ongoing.submission_deposit.who, alice.address);
      assert.equal(ongoing.tally.ayes, 3n * stake, 'the aye counts three times its stake');
      assert.equal(ongoing.tally.nays, 0n);
    },
  );
});
