// The proof verifier pallet (`proofVerifier`, index 20) on a `--dev` node, driven through
// polkadot.js and checked against independent JavaScript implementations: the SHA3-512
// Merkle tree and statement hashes with @noble/hashes, ML-DSA-65 (FIPS 204) with
// @noble/post-quantum, and the Groth16 proofs made by snarkjs for the pallet's test data.
//
// - Metadata: polkadot.js loads the node's own metadata (`connectApi`, nothing patched); an
//   ML-DSA-65 signature is a composite of one `Vec<u8>` there, i.e. polkadot.js `Bytes`
//   (compact length, then the 3309 bytes), given to calls as hex.
// - Merkle: a tree over five shards built in JS; the runtime API accepts the proof of every
//   leaf and returns the statement hash computed in JS; `attest` records it (event, storage,
//   hold); a wrong root and a second `attest` of the same statement fail in their blocks.
// - ML-DSA-65: a key made by noble is registered with a proof of possession signed by noble
//   (one made for Bob is refused), and a statement signed by noble is attested; a changed
//   payload is refused.
// - Groth16: the snarkjs verification key is registered and its proof attested; the same
//   proof with the public inputs swapped is refused.
//
// Alice authors every block on `--dev` and so receives back the author's share of the fees
// she pays; Bob's accounting
// (Groth16) shows the fee leaving.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { before, describe, it } from 'node:test';

import { sha3_256 } from '@noble/hashes/sha3.js';
import { Bytes } from '@polkadot/types';
import { compactToU8a, u8aConcat, u8aToHex } from '@polkadot/util';

import { SNARKJS_DIR } from '../lib/constants.mjs';
import {
  accountHex,
  connectApi,
  devAccounts,
  feeSplit,
  singleEvent,
  submitAndLocate,
  submitExpectingFailure,
} from '../lib/chain.mjs';
import {
  bytesOf,
  encodeMerkleStatement,
  ML_DSA_65,
  merkleLeafHash,
  merkleProof,
  merkleRoot,
  merkleRootFromProof,
  mlDsa65Value,
  mlDsaKeypair,
  mlDsaSign,
  mlDsaSigner,
  mlDsaVerify,
  pqValue,
  PURPOSE,
  proofFromSnarkjs,
  proofOfPossession,
  publicInputsFromSnarkjs,
  statementHash,
  verifyingKeyFromSnarkjs,
} from '../lib/proofs.mjs';
import { authorOf, sealedBlock } from '../lib/seal.mjs';
import { devNodeSuite } from '../lib/suite.mjs';

const TEST_TIMEOUT_MS = 300_000;

/** Encoded sizes of the stored records, by their fields (the deposits pay per byte). */
const RECORD_BYTES = {
  // submitter (AccountId32) + kind (enum) + verified_at (u32) + deposit (u128)
  attestation: 32 + 1 + 4 + 16,
  // owner + public key (algorithm, compact(1952), bytes) + generation (u32) + since (u32) +
  // deposit
  signingKey: 32 + 1 + 2 + ML_DSA_65.publicKeyBytes + 4 + 4 + 16,
  // what the deposit pays for: the key counted by its own bytes, without tag and length
  signingKeyPriced: 32 + ML_DSA_65.publicKeyBytes + 4 + 4 + 16,
  // owner + alpha (G1) + beta, gamma, delta (G2) + compact(len) and IC points (G1) + deposit
  verifyingKey: (icPoints) => 32 + 64 + 3 * 128 + 1 + icPoints * 64 + 16,
};

async function readSnarkjs(name) {
  return JSON.parse(await readFile(new URL(name, SNARKJS_DIR), 'utf8'));
}

const hex = (bytes) => u8aToHex(bytes);

describe('proof verifier (dev node)', () => {
  const dev = devNodeSuite();
  let node;
  let api;
  let alice;
  let bob;
  /** The type name of `attest`'s statement, e.g. PalletProofVerifierStatement. */
  let statementType;
  let genesisHash;

  before(async () => {
    ({ node, api } = dev);
    ({ alice, bob } = await devAccounts());
    statementType = api.tx.proofVerifier.attest.meta.args[0].type.toString();
    genesisHash = api.genesisHash.toU8a();
  });

  // -------------------------------------------------------------------------------------
  // Helpers bound to this node

  function encodeStatement(statement) {
    return api.createType(statementType, statement).toU8a();
  }

  /** The hash of `statement` computed in JS: SHA3-256("aegis/statement/v1" ‖ SCALE). */
  function expectedHash(statement) {
    return hex(statementHash(encodeStatement(statement)));
  }

  /** `ProofVerifierApi_check_statement` at the best block: { ok: hash } or { err: name }. */
  async function checkStatement(statement) {
    const result = await api.call.proofVerifierApi.checkStatement(statement);
    return result.isOk ? { ok: result.asOk.toHex() } : { err: result.asErr.type };
  }

  async function assertStatementVerifies(statement, what) {
    const hash = expectedHash(statement);
    assert.deepEqual(
      await checkStatement(statement),
      { ok: hash },
      `${what}: checkStatement must return Ok(hash computed in JS)`,
    );
    return hash;
  }

  async function assertStatementRejected(statement, error, what) {
    assert.deepEqual(await checkStatement(statement), { err: error }, `${what}: checkStatement`);
  }

  /** What `address` holds for the proof verifier's `reason` at a block (bigint). */
  async function heldAt(blockHash, address, reason) {
    const holds = await (await api.at(blockHash)).query.balances.holds(address);
    return holds
      .filter(({ id }) => id.type === 'ProofVerifier' && id.asProofVerifier.type === reason)
      .reduce((sum, { amount }) => sum + amount.toBigInt(), 0n);
  }

  async function freeAt(blockHash, address) {
    return (await (await api.at(blockHash)).query.system.account(address)).data.free.toBigInt();
  }

  /** Changes of `who`'s hold for `reason` and free balance across the block of `inclusion`. */
  async function balanceChanges(inclusion, who, reason) {
    const { parentHash, blockHash } = inclusion;
    const [heldBefore, heldAfter, freeBefore, freeAfter] = await Promise.all([
      heldAt(parentHash, who.address, reason),
      heldAt(blockHash, who.address, reason),
      freeAt(parentHash, who.address),
      freeAt(blockHash, who.address),
    ]);
    return { held: heldAfter - heldBefore, free: freeAfter - freeBefore };
  }

  /** The fee `who` paid for the extrinsic of `inclusion`, minus what came back as its author. */
  async function netFee(inclusion, who) {
    const { payer, fee, toAuthor } = feeSplit(api, inclusion.events);
    assert.equal(accountHex(payer), accountHex(who), 'the submitter paid the fee');
    const validators = await (await api.at(inclusion.blockHash)).query.session.validators();
    const author = authorOf(validators, await sealedBlock(api, inclusion.blockHash));
    // The author's share of the fee and the tip go to the block author (see dev.test.mjs).
    return accountHex(author) === accountHex(who) ? fee - toAuthor : fee;
  }

  function deposit(bytes) {
    const { depositBase, depositPerByte } = api.consts.proofVerifier;
    return depositBase.toBigInt() + depositPerByte.toBigInt() * BigInt(bytes);
  }

  async function attestationsAt(blockHash) {
    const entries = await (await api.at(blockHash)).query.proofVerifier.attestations.entries();
    return new Map(entries.map(([key, value]) => [key.toHex(), value.toHex()]));
  }

  /** Asserts the block of a failed `attest` left every attestation and hold as it was. */
  async function assertNothingRecorded(failure, who, what) {
    assert.ok(
      !failure.events.some((event) => api.events.proofVerifier.ProofVerified.is(event)),
      `${what}: no ProofVerified event`,
    );
    assert.deepEqual(
      await attestationsAt(failure.blockHash),
      await attestationsAt(failure.parentHash),
      `${what}: the attestations are unchanged`,
    );
    const { held } = await balanceChanges(failure, who, 'Attestation');
    assert.equal(held, 0n, `${what}: no attestation deposit was held`);
  }

  /**
   * Attests `statement` as `who` and checks the ProofVerified event, the stored record and
   * the deposit held. Returns the inclusion.
   */
  async function attestAndCheck(statement, who, kind, what) {
    const hash = expectedHash(statement);
    const inclusion = await submitAndLocate(api, api.tx.proofVerifier.attest(statement), who);

    const verified = singleEvent(inclusion.events, api.events.proofVerifier.ProofVerified);
    assert.equal(verified.data.statementHash.toHex(), hash, `${what}: ProofVerified.statementHash`);
    assert.equal(verified.data.kind.type, kind, `${what}: ProofVerified.kind`);
    assert.equal(
      accountHex(verified.data.submitter),
      accountHex(who),
      `${what}: ProofVerified.submitter`,
    );

    const record = await (await api.at(inclusion.blockHash)).query.proofVerifier.attestations(hash);
    assert.ok(record.isSome, `${what}: attestations(${hash}) holds the record`);
    const attestation = record.unwrap();
    const expectedDeposit = deposit(RECORD_BYTES.attestation);
    assert.equal(attestation.encodedLength, RECORD_BYTES.attestation, `${what}: record size`);
    assert.deepEqual(
      {
        submitter: accountHex(attestation.submitter),
        kind: attestation.kind.type,
        verifiedAt: attestation.verifiedAt.toNumber(),
        deposit: attestation.deposit.toBigInt(),
      },
      {
        submitter: accountHex(who),
        kind,
        verifiedAt: inclusion.blockNumber,
        deposit: expectedDeposit,
      },
      `${what}: the attestation record`,
    );

    const changes = await balanceChanges(inclusion, who, 'Attestation');
    assert.equal(changes.held, expectedDeposit, `${what}: the deposit is held`);
    assert.equal(
      changes.free,
      -(expectedDeposit + (await netFee(inclusion, who))),
      `${what}: the free balance paid the deposit (and the fee unless the submitter authored)`,
    );
    return inclusion;
  }

  async function expectDispatchError(tx, who, error, what) {
    const failure = await submitExpectingFailure(api, tx, who);
    assert.equal(failure.error, `proofVerifier.${error}`, `${what}: dispatch error`);
    return failure;
  }

  // -------------------------------------------------------------------------------------

  it("loads the node's own metadata, in which a signature is its algorithm's bytes", async () => {
    // `connectApi` (in `before`) took the metadata the node serves, unmodified.
    const served = await api.call.metadata.metadataAtVersion(api.runtimeMetadata.version);
    assert.ok(served.isSome, `the node serves metadata v${api.runtimeMetadata.version}`);
    assert.equal(
      served.unwrap().toHex(),
      api.runtimeMetadata.toHex(),
      'polkadot.js uses the metadata the node serves',
    );
    const { lookup } = api.registry;
    const longArrays = lookup.types.filter(
      ({ type }) => type.def.isArray && type.def.asArray.len.toNumber() > 2048,
    );
    assert.deepEqual(
      longArrays.map(({ id, type }) => `${id}: ${type.path.join('::')}`),
      [],
      'no fixed-size array longer than polkadot.js accepts (2048)',
    );

    // `PqSignature`: one variant per algorithm, in the order of their encodings, each holding
    // a composite with one unnamed `Vec<u8>` field (`ExactBytes`).
    const entry = lookup.types.find(
      ({ type }) => type.path.join('::') === 'aegis_integrity::pq::schemes::PqSignature',
    );
    assert.ok(entry, 'the metadata holds aegis_integrity::pq::schemes::PqSignature');
    const { def } = entry.type;
    assert.ok(def.isVariant, `PqSignature is an enum, got ${def.type}`);
    const u8 = lookup.types.find(({ type }) => type.def.isPrimitive && type.def.asPrimitive.isU8);
    const variants = def.asVariant.variants.map(({ name, index, fields }) => {
      assert.equal(fields.length, 1, `${name} holds one field`);
      const inner = lookup.getSiType(fields[0].type).def;
      assert.ok(inner.isComposite, `${name}'s field is a composite`);
      assert.deepEqual(
        inner.asComposite.fields.map(({ name: field, typeName, type }) => ({
          name: field.isSome ? field.unwrap().toString() : null,
          typeName: typeName.isSome ? typeName.unwrap().toString() : null,
          inner: lookup.getSiType(type).def.toJSON(),
        })),
        [{ name: null, typeName: 'Vec<u8>', inner: { sequence: { type: u8.id.toNumber() } } }],
        `${name} holds one unnamed Vec<u8>`,
      );
      return [index.toNumber(), name.toString()];
    });
    assert.deepEqual(variants, [
      [0, 'MlDsa44'],
      [1, 'MlDsa65'],
      [2, 'MlDsa87'],
      [3, 'SlhDsaSha2_128s'],
      [4, 'SlhDsaSha2_128f'],
    ]);

    // polkadot.js takes `{ MlDsa65: hex }`, and the calls carry exactly the variant's index,
    // the compact length and the bytes.
    const possessionArg = api.tx.proofVerifier.registerSigningKey.meta.fields[1];
    assert.equal(
      possessionArg.type.toNumber(),
      entry.id.toNumber(),
      'registerSigningKey takes one',
    );
    const { publicKey, secretKey } = mlDsaKeypair(new Uint8Array(32).fill(5));
    const signature = proofOfPossession(secretKey, genesisHash, alice.publicKey);
    const value = api.createType(api.registry.createLookupType(entry.id), mlDsa65Value(signature));
    assert.equal(value.type, 'MlDsa65');
    assert.ok(
      value.asMlDsa65 instanceof Bytes,
      `the variant holds Bytes, got ${value.toRawType()}`,
    );
    const encoded = u8aConcat([1], compactToU8a(ML_DSA_65.signatureBytes), signature);
    assert.equal(hex(value.toU8a()), hex(encoded), 'it encodes as 1, compact(3309) and the bytes');
    assert.equal(value.asMlDsa65.toHex(), hex(signature), 'it holds exactly the signature');
    const encodedKey = u8aConcat([1], compactToU8a(ML_DSA_65.publicKeyBytes), publicKey);
    assert.equal(
      api.tx.proofVerifier
        .registerSigningKey(mlDsa65Value(publicKey), mlDsa65Value(signature))
        .method.toHex(),
      hex(u8aConcat(api.tx.proofVerifier.registerSigningKey.callIndex, encodedKey, encoded)),
      'a call with a key and signature given as hex carries exactly these bytes',
    );
  });

  it('binds signatures to the genesis hash the chain stores', async () => {
    assert.equal(
      (await api.query.system.blockHash(0)).toHex(),
      hex(genesisHash),
      'system.blockHash(0) is the genesis hash',
    );
    const keyType = api.tx.proofVerifier.registerSigningKey.meta.fields[0].type;
    assert.equal(
      api.createType(api.registry.createLookupType(keyType), {
        MlDsa65: hex(new Uint8Array(ML_DSA_65.publicKeyBytes)),
      }).encodedLength,
      1 + 2 + ML_DSA_65.publicKeyBytes,
      'the chain and noble agree on the ML-DSA-65 public key size',
    );
  });

  it(
    'verifies and attests a SHA3-512 Merkle inclusion proof built in JS',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      const shards = Array.from(
        { length: 5 },
        (_, i) => `aegis e2e model shard ${i} ${'#'.repeat(31 * i)}`,
      );
      const leaves = shards.map(merkleLeafHash);
      const root = merkleRoot(leaves);
      const statementFor = (index, overrides = {}) => {
        const proof = merkleProof(leaves, index);
        return {
          MerkleInclusion: { root, leafHash: leaves[index], proof, ...overrides },
        };
      };

      // Leaf 4 of 5 is promoted twice: its proof has a single sibling.
      const depths = leaves.map((_, i) => merkleProof(leaves, i).siblings.length);
      assert.deepEqual(depths, [3, 3, 3, 3, 1], 'proof lengths of a five-leaf tree');

      for (let index = 0; index < leaves.length; index++) {
        const statement = statementFor(index);
        const { proof } = statement.MerkleInclusion;
        assert.equal(hex(merkleRootFromProof(leaves[index], proof)), hex(root), 'JS self-check');
        assert.equal(
          hex(encodeStatement(statement)),
          hex(encodeMerkleStatement(statement.MerkleInclusion)),
          `leaf ${index}: polkadot.js encodes the statement as documented`,
        );
        await assertStatementVerifies(statement, `leaf ${index} of 5`);
      }

      const proof3 = merkleProof(leaves, 3);
      await assertStatementRejected(
        statementFor(3, { leafHash: leaves[2] }),
        'MerkleRootMismatch',
        'leaf 2 presented with the proof of leaf 3',
      );
      await assertStatementRejected(
        statementFor(3, { proof: { ...proof3, leafCount: 6 } }),
        'MerkleRootMismatch',
        'leaf 3 of a six-leaf tree (same path shape, other root)',
      );
      await assertStatementRejected(
        statementFor(3, { proof: { ...proof3, siblings: proof3.siblings.slice(1) } }),
        'MerkleProofWrongLength',
        'a sibling short',
      );
      await assertStatementRejected(
        statementFor(3, { proof: { ...proof3, leafIndex: 5 } }),
        'MerkleIndexOutOfRange',
        'leaf index 5 of 5',
      );

      const statement = statementFor(3);
      await attestAndCheck(statement, alice, 'MerkleInclusion', 'Merkle leaf 3');

      const wrongRoot = Uint8Array.from(root);
      wrongRoot[17] ^= 0x01;
      const wrong = statementFor(3, { root: wrongRoot });
      await assertStatementRejected(wrong, 'MerkleRootMismatch', 'a wrong root');
      const failure = await expectDispatchError(
        api.tx.proofVerifier.attest(wrong),
        alice,
        'MerkleRootMismatch',
        'attest with a wrong root',
      );
      await assertNothingRecorded(failure, alice, 'attest with a wrong root');
      const wrongRecord = await (
        await api.at(failure.blockHash)
      ).query.proofVerifier.attestations(expectedHash(wrong));
      assert.ok(wrongRecord.isNone, 'no attestation for the wrong root');

      const again = await expectDispatchError(
        api.tx.proofVerifier.attest(statement),
        alice,
        'AlreadyAttested',
        'attest of the same statement again',
      );
      await assertNothingRecorded(again, alice, 'attest of the same statement again');
    },
  );

  it(
    'registers an ML-DSA-65 key made by @noble/post-quantum and verifies its signatures',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      const seed = sha3_256(new TextEncoder().encode('aegis e2e ML-DSA-65 seed for Alice'));
      const { publicKey, secretKey } = mlDsaKeypair(seed);
      assert.equal(publicKey.length, ML_DSA_65.publicKeyBytes, 'noble public key size');

      const keyId = (await api.query.proofVerifier.nextSigningKeyId()).toNumber();
      assert.equal(keyId, 0, 'no signing key was registered before');

      // A proof of possession made for Bob does not register the key to Alice.
      const forBob = proofOfPossession(secretKey, genesisHash, bob.publicKey);
      assert.equal(forBob.length, ML_DSA_65.signatureBytes, 'noble signature size');
      const refused = await expectDispatchError(
        api.tx.proofVerifier.registerSigningKey(mlDsa65Value(publicKey), mlDsa65Value(forBob)),
        alice,
        'InvalidProofOfPossession',
        "registering Alice's key with a proof of possession for Bob",
      );
      const refusedAt = await api.at(refused.blockHash);
      assert.equal((await refusedAt.query.proofVerifier.nextSigningKeyId()).toNumber(), keyId);
      assert.ok((await refusedAt.query.proofVerifier.signingKeys(keyId)).isNone, 'no key stored');
      assert.equal((await balanceChanges(refused, alice, 'SigningKey')).held, 0n, 'nothing held');

      const possession = proofOfPossession(secretKey, genesisHash, alice.publicKey);
      const registered = await submitAndLocate(
        api,
        api.tx.proofVerifier.registerSigningKey(mlDsa65Value(publicKey), mlDsa65Value(possession)),
        alice,
      );
      const event = singleEvent(registered.events, api.events.proofVerifier.SigningKeyRegistered);
      assert.equal(event.data.key.toNumber(), keyId, 'SigningKeyRegistered.key');
      assert.equal(accountHex(event.data.owner), accountHex(alice), 'SigningKeyRegistered.owner');
      assert.equal(event.data.algorithm.type, 'MlDsa65', 'SigningKeyRegistered.algorithm');
      const record = (
        await (await api.at(registered.blockHash)).query.proofVerifier.signingKeys(keyId)
      ).unwrap();
      const keyDeposit = deposit(RECORD_BYTES.signingKeyPriced);
      assert.equal(record.encodedLength, RECORD_BYTES.signingKey, 'key record size');
      assert.deepEqual(
        {
          owner: accountHex(record.owner),
          publicKey: record.publicKey.asMlDsa65.toHex(),
          generation: record.generation.toNumber(),
          since: record.since.toNumber(),
          deposit: record.deposit.toBigInt(),
        },
        {
          owner: accountHex(alice),
          publicKey: hex(publicKey),
          generation: 0,
          since: registered.blockNumber,
          deposit: keyDeposit,
        },
        'the key record',
      );
      const registration = await balanceChanges(registered, alice, 'SigningKey');
      assert.equal(registration.held, keyDeposit, 'the key deposit is held');
      assert.equal(
        registration.free,
        -(keyDeposit + (await netFee(registered, alice))),
        'the free balance paid the key deposit',
      );

      // A statement signed by noble (hedged, i.e. randomized) for an application purpose.
      const message = {
        genesisHash,
        purpose: 'aegis-e2e/app-approval',
        payload: new TextEncoder().encode('model 7, version 3, nonce 1'),
      };
      const signature = mlDsaSign(secretKey, message);
      assert.ok(mlDsaVerify(publicKey, message, signature), 'noble verifies its own signature');
      // Bytes as hex: polkadot.js reads a plain Uint8Array as already length-prefixed.
      const statementOf = (msg, sig, variant = 'MlDsa65') => ({
        Signature: {
          key: keyId,
          purpose: hex(bytesOf(msg.purpose)),
          payload: hex(msg.payload),
          signature: pqValue(variant, sig),
        },
      });
      const statement = statementOf(message, signature);
      await assertStatementVerifies(statement, 'a noble signature');
      // The deterministic variant verifies too.
      await assertStatementVerifies(
        statementOf(message, mlDsaSign(secretKey, message, { deterministic: true })),
        'a deterministic noble signature',
      );

      // Everything the signature binds is checked.
      const changedPayload = {
        ...message,
        payload: new TextEncoder().encode('model 7, version 4, nonce 1'),
      };
      await assertStatementRejected(
        statementOf(changedPayload, signature),
        'BadSignature',
        'the payload changed',
      );
      await assertStatementRejected(
        statementOf({ ...message, purpose: PURPOSE.MODEL_UPDATE }, signature),
        'BadSignature',
        'the purpose changed',
      );
      await assertStatementRejected(
        statementOf(message, mlDsaSign(secretKey, message, { context: null })),
        'BadSignature',
        'signed without the FIPS 204 context "aegis/v1"',
      );
      await assertStatementRejected(
        statementOf(message, mlDsaSign(secretKey, { ...message, genesisHash: new Uint8Array(32) })),
        'BadSignature',
        'signed for another chain',
      );
      await assertStatementRejected(
        { Signature: { ...statement.Signature, key: keyId + 1 } },
        'UnknownSigningKey',
        'a key id never registered',
      );
      // A valid ML-DSA-44 signature (same seed) is refused on its algorithm.
      await assertStatementRejected(
        statementOf(message, mlDsaSigner('MlDsa44', seed).sign(message), 'MlDsa44'),
        'AlgorithmMismatch',
        'a signature of another algorithm',
      );

      await attestAndCheck(statement, alice, 'Signature', 'signature statement');

      const failure = await expectDispatchError(
        api.tx.proofVerifier.attest(statementOf(changedPayload, signature)),
        alice,
        'BadSignature',
        'attest with the payload changed',
      );
      await assertNothingRecorded(failure, alice, 'attest with the payload changed');
    },
  );

  it(
    'registers the snarkjs Groth16 verification key and verifies its proof',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      const [vkJson, proofJson, publicJson, proof2Json, public2Json] = await Promise.all(
        ['verification_key.json', 'proof.json', 'public.json', 'proof2.json', 'public2.json'].map(
          readSnarkjs,
        ),
      );
      const verifyingKey = verifyingKeyFromSnarkjs(vkJson);
      const keyId = (await api.query.proofVerifier.nextVerifyingKeyId()).toNumber();

      const registered = await submitAndLocate(
        api,
        api.tx.proofVerifier.registerVerifyingKey(verifyingKey),
        bob,
      );
      const event = singleEvent(registered.events, api.events.proofVerifier.VerifyingKeyRegistered);
      assert.deepEqual(
        {
          key: event.data.key.toNumber(),
          owner: accountHex(event.data.owner),
          publicInputs: event.data.publicInputs.toNumber(),
        },
        { key: keyId, owner: accountHex(bob), publicInputs: 2 },
        'VerifyingKeyRegistered',
      );
      const record = (
        await (await api.at(registered.blockHash)).query.proofVerifier.verifyingKeys(keyId)
      ).unwrap();
      const keyBytes = RECORD_BYTES.verifyingKey(vkJson.IC.length);
      const keyDeposit = deposit(keyBytes);
      assert.equal(record.encodedLength, keyBytes, 'verification key record size');
      assert.equal(accountHex(record.owner), accountHex(bob), 'the key record owner');
      assert.equal(
        record.key.toHex(),
        api
          .createType(api.tx.proofVerifier.registerVerifyingKey.meta.args[0].type, verifyingKey)
          .toHex(),
        'the stored key is the snarkjs key',
      );
      assert.equal(record.deposit.toBigInt(), keyDeposit, 'the key deposit');
      const registration = await balanceChanges(registered, bob, 'VerifyingKey');
      assert.equal(registration.held, keyDeposit, 'the key deposit is held');
      assert.equal(
        registration.free,
        -(keyDeposit + (await netFee(registered, bob))),
        "Bob's free balance paid the key deposit and the fee",
      );

      const statementOf = (proof, signals) => ({
        Groth16: {
          key: keyId,
          proof: proofFromSnarkjs(proof),
          publicInputs: publicInputsFromSnarkjs(signals),
        },
      });
      assert.deepEqual(publicJson, ['33', '14'], 'public.json: c = 3 * 11, d = 3 + 11');
      const statement = statementOf(proofJson, publicJson);
      await assertStatementVerifies(statement, 'the snarkjs proof');
      await assertStatementVerifies(statementOf(proof2Json, public2Json), 'the second proof');

      const swapped = statementOf(proofJson, [...publicJson].reverse());
      await assertStatementRejected(swapped, 'ProofRejected', 'public inputs swapped');
      await assertStatementRejected(
        statementOf(proof2Json, publicJson),
        'ProofRejected',
        "the second proof with the first proof's public inputs",
      );
      await assertStatementRejected(
        statementOf(proofJson, publicJson.slice(1)),
        'PublicInputCountMismatch',
        'one public input missing',
      );

      await attestAndCheck(statement, bob, 'Groth16', 'Groth16 proof');

      const failure = await expectDispatchError(
        api.tx.proofVerifier.attest(swapped),
        bob,
        'ProofRejected',
        'attest with the public inputs swapped',
      );
      await assertNothingRecorded(failure, bob, 'attest with the public inputs swapped');
    },
  );
});
