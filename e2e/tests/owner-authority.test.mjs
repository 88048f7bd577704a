// The threat the ML-DSA signatures exist for, on a `--dev` node: an attacker holds Alice's
// sr25519 account key (stolen, or forged by a quantum computer) and a staked account of its
// own (Bob, who bonds here), but not Alice's ML-DSA-65 key. Alice's model names that key in
// its policy. The attacker tries every classical route to publish a version nobody signed
// with ML-DSA, or to take the model:
//
// - directly: `setPolicy` without the key (and with a key of its own, registered to Alice's
//   account with the stolen account key), `transferOwnership` to Bob, `deprecateModel`,
//   `revokeModel`, `proofVerifier.revokeSigningKey` of the key the policy names, updates
//   signed by its own key or by none;
// - nested: `utility.batchAll`, `batch`, `forceBatch` and `ifElse` of "strip the key" and
//   "update without evidence";
// - replayed: Alice's own authorisation of an earlier action.
//
// Every attempt fails with the registry's (or verifier's) error and leaves the model — its
// owner, policy, nonce, versions — exactly as it was; no evidence-free version is ever
// appended. Alice, with her ML-DSA key, then changes the policy and hands the model to Bob.
// (No proxy pallet is configured, so there is no proxy route.)

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import { sha3_256 } from '@noble/hashes/sha3.js';
import { u8aToHex } from '@polkadot/util';

import { AEG } from '../lib/constants.mjs';
import { devAccounts, submitAndLocate, submitExpectingFailure } from '../lib/chain.mjs';
import {
  encodeModelUpdatePayload,
  keySignatures,
  mlDsa65Value,
  mlDsaKeypair,
  PURPOSE,
  pqSigner,
  pqValue,
  proofOfPossession,
  signingPolicy,
  signModelAction,
  signModelUpdate,
  vectorFile,
} from '../lib/proofs.mjs';
import { devNodeSuite } from '../lib/suite.mjs';

const TEST_TIMEOUT_MS = 300_000;
const hex = (bytes) => u8aToHex(bytes);
const seed = (label) => sha3_256(new TextEncoder().encode(label));

describe('the account key alone cannot control a model with a signing key (dev node)', () => {
  const dev = devNodeSuite();
  let api;
  let alice;
  let bob;
  let charlie;
  let genesisHash;
  /** Alice's ML-DSA key, which her policy names; and the attacker's, registered to Alice. */
  const aliceKey = mlDsaKeypair(seed('aegis e2e owner-authority: alice'));
  const attackerKey = mlDsaKeypair(seed('aegis e2e owner-authority: attacker'));
  let aliceKeyId;
  let attackerKeyId;
  let model;
  const files = [1, 2, 3].map((n) => vectorFile(40 + n, [[8, 8], [8]]));

  before(async () => {
    ({ api } = dev);
    ({ alice, bob, charlie } = await devAccounts());
    genesisHash = api.genesisHash.toU8a();
  });

  /** Registers `keypair` (ML-DSA-65) to `account` (Alice unless said); returns its id. */
  async function registerKey(keypair, account = alice) {
    const id = (await api.query.proofVerifier.nextSigningKeyId()).toNumber();
    const proof = proofOfPossession(keypair.secretKey, genesisHash, account.publicKey);
    await submitAndLocate(
      api,
      api.tx.proofVerifier.registerSigningKey(mlDsa65Value(keypair.publicKey), mlDsa65Value(proof)),
      account,
    );
    return id;
  }

  async function record() {
    return (await api.query.modelRegistry.models(model)).unwrap();
  }

  /** Everything the registry keeps about the model, as one comparable value. */
  async function modelState() {
    const [models, versions] = await Promise.all([
      api.query.modelRegistry.models(model),
      api.query.modelRegistry.versions.entries(model),
    ]);
    return { model: models.toHex(), versions: versions.length };
  }

  function policy(signingKey, contributors = []) {
    const signing = signingKey === null ? null : signingPolicy([signingKey]);
    return { signing, zkVerifyingKey: null, contributors };
  }

  /** The update with `signature` in the name of `keyId` (Alice's key unless said), or none. */
  function updateTx(declaration, signature, keyId = aliceKeyId) {
    return api.tx.modelRegistry.updateModel(model, declaration, {
      signatures: signature === null ? [] : keySignatures([[keyId, signature]]),
      zkProof: null,
    });
  }

  async function signedUpdate(declaration, secretKey) {
    const current = await record();
    const version = current.currentVersion.isSome ? current.currentVersion.unwrap().toNumber() : 0;
    const payload = {
      model,
      version: version + 1,
      parent: version === 0 ? null : version,
      ...declaration,
      nonce: current.nonce.toBigInt(),
    };
    return signModelUpdate(secretKey, genesisHash, payload);
  }

  /** The authorisation of `action`, signed with `secretKey` in the name of `keyId`. */
  async function authorise(action, secretKey = aliceKey.secretKey, keyId = aliceKeyId) {
    const nonce = (await record()).nonce.toBigInt();
    const signature = signModelAction(secretKey, genesisHash, { model, nonce, action });
    return keySignatures([[keyId, signature]]);
  }

  /** Submits `tx` as Alice (the stolen key), expecting it to change nothing in the model. */
  async function attempt(what, tx, error) {
    const before_ = await modelState();
    const outcome = error
      ? await submitExpectingFailure(api, tx, alice)
      : await submitAndLocate(api, tx, alice);
    if (error) assert.equal(outcome.error, error, `${what}: dispatch error`);
    assert.ok(
      !outcome.events.some((event) => api.events.modelRegistry.ModelUpdated.is(event)),
      `${what}: no version appended`,
    );
    assert.deepEqual(await modelState(), before_, `${what}: the model is unchanged`);
  }

  it(
    'Alice registers her ML-DSA key, a model whose policy names it, and a signed version',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      aliceKeyId = await registerKey(aliceKey);
      model = (await api.query.modelRegistry.nextModelId()).toNumber();
      await submitAndLocate(
        api,
        api.tx.modelRegistry.registerModel(
          { name: 'guarded', framework: 'onnx', uri: 'ipfs://guarded' },
          policy(aliceKeyId),
        ),
        alice,
      );
      const { declaration } = files[0];
      await submitAndLocate(
        api,
        updateTx(declaration, await signedUpdate(declaration, aliceKey.secretKey)),
        alice,
      );
      assert.equal((await record()).currentVersion.unwrap().toNumber(), 1);
      assert.equal(
        (await api.query.proofVerifier.signingKeyPins(aliceKeyId)).toNumber(),
        1,
        'the policy pins its key',
      );
      // The attacker's own staked account, and an ML-DSA key of its own on Alice's account
      // (the stolen account key is all that registering a key takes).
      await submitAndLocate(api, api.tx.staking.bond(1_500n * AEG, 'Staked'), bob);
      attackerKeyId = await registerKey(attackerKey);
    },
  );

  it(
    'refuses every direct classical route with a typed error and changes nothing',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      const { declaration } = files[1];
      const tx = api.tx.modelRegistry;
      await attempt(
        'update without evidence',
        updateTx(declaration, null),
        'modelRegistry.MissingSignature',
      );
      await attempt(
        "update signed with the attacker's key, in the name of Alice's",
        updateTx(declaration, await signedUpdate(declaration, attackerKey.secretKey)),
        'proofVerifier.BadSignature',
      );
      await attempt(
        "update signed with the attacker's key, in its own name",
        updateTx(
          declaration,
          await signedUpdate(declaration, attackerKey.secretKey),
          attackerKeyId,
        ),
        'modelRegistry.SignerNotInPolicy',
      );
      await attempt(
        'setPolicy(no key) without authorisation',
        tx.setPolicy(model, policy(null), []),
        'modelRegistry.MissingAuthorisation',
      );
      await attempt(
        "setPolicy(attacker's key) authorised by the attacker's key, in the name of Alice's",
        tx.setPolicy(
          model,
          policy(attackerKeyId),
          await authorise({ setPolicy: policy(attackerKeyId) }, attackerKey.secretKey),
        ),
        'proofVerifier.BadSignature',
      );
      await attempt(
        "setPolicy(attacker's key) authorised by the attacker's key, in its own name",
        tx.setPolicy(
          model,
          policy(attackerKeyId),
          await authorise(
            { setPolicy: policy(attackerKeyId) },
            attackerKey.secretKey,
            attackerKeyId,
          ),
        ),
        'modelRegistry.SignerNotInPolicy',
      );
      await attempt(
        'transferOwnership to Bob without authorisation',
        tx.transferOwnership(model, bob.address, []),
        'modelRegistry.MissingAuthorisation',
      );
      await attempt(
        'deprecateModel without authorisation',
        tx.deprecateModel(model, []),
        'modelRegistry.MissingAuthorisation',
      );
      await attempt(
        'revokeModel without authorisation',
        tx.revokeModel(model, []),
        'modelRegistry.MissingAuthorisation',
      );
      await attempt(
        'revokeSigningKey of the key the policy names',
        api.tx.proofVerifier.revokeSigningKey(aliceKeyId),
        'proofVerifier.SigningKeyInUse',
      );
      assert.ok(
        (await api.query.proofVerifier.signingKeys(aliceKeyId)).isSome,
        "Alice's key is still registered",
      );
    },
  );

  it(
    'refuses the same routes nested in batchAll, batch, forceBatch and ifElse',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      const { declaration } = files[1];
      const strip = () => api.tx.modelRegistry.setPolicy(model, policy(null), []);
      const unsigned = () => updateTx(declaration, null);
      const toBob = () => api.tx.modelRegistry.transferOwnership(model, bob.address, []);
      await attempt(
        'batchAll[setPolicy(no key), update without evidence]',
        api.tx.utility.batchAll([strip(), unsigned()]),
        'modelRegistry.MissingAuthorisation',
      );
      // `batch` and `forceBatch` succeed as calls, having stopped at or skipped the failures.
      await attempt('batch[setPolicy, update]', api.tx.utility.batch([strip(), unsigned()]));
      await attempt(
        'forceBatch[setPolicy, transferOwnership, update]',
        api.tx.utility.forceBatch([strip(), toBob(), unsigned()]),
      );
      const ifElse = await submitExpectingFailure(
        api,
        api.tx.utility.ifElse(strip(), unsigned()),
        alice,
      );
      assert.ok(
        !ifElse.events.some((event) => api.events.modelRegistry.ModelUpdated.is(event)),
        'ifElse: no version appended',
      );
      const current = await record();
      assert.equal(current.owner.toString(), alice.address, 'Alice still owns the model');
      assert.ok(current.pendingOwner.isNone, 'no transfer is pending');
      assert.deepEqual(
        current.policy.signing.unwrap().toJSON(),
        { keys: [aliceKeyId], threshold: 1 },
        'the key is named',
      );
      assert.equal(current.currentVersion.unwrap().toNumber(), 1, 'no version was appended');
    },
  );

  it(
    "accepts Alice's ML-DSA authorisation once; replaying it changes nothing",
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      const withBob = policy(aliceKeyId, [bob.address]);
      const authorisation = await authorise({
        setPolicy: { ...withBob, contributors: [bob.publicKey] },
      });
      const nonce = (await record()).nonce.toNumber();
      const accepted = await submitAndLocate(
        api,
        api.tx.modelRegistry.setPolicy(model, withBob, authorisation),
        alice,
      );
      assert.ok(
        accepted.events.some((event) => api.events.modelRegistry.PolicyUpdated.is(event)),
        'PolicyUpdated',
      );
      assert.equal((await record()).nonce.toNumber(), nonce + 1, 'the nonce moved on');
      await attempt(
        "a replay of Alice's authorisation",
        api.tx.modelRegistry.setPolicy(model, withBob, authorisation),
        'proofVerifier.BadSignature',
      );
    },
  );

  it(
    'hands the model to Bob only with the key, and drops the key from the policy',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      const offer = await authorise({ transferOwnership: bob.publicKey });
      await submitAndLocate(
        api,
        api.tx.modelRegistry.transferOwnership(model, bob.address, offer),
        alice,
      );
      const accepted = await submitAndLocate(api, api.tx.modelRegistry.acceptOwnership(model), bob);
      assert.ok(
        accepted.events.some((event) => api.events.modelRegistry.OwnershipTransferred.is(event)),
        'OwnershipTransferred',
      );
      const current = await record();
      assert.equal(current.owner.toString(), bob.address);
      assert.ok(current.policy.signing.isNone, "Alice's key no longer speaks for the model");
      assert.equal((await api.query.proofVerifier.signingKeyPins(aliceKeyId)).toNumber(), 0);
      await submitAndLocate(api, api.tx.proofVerifier.revokeSigningKey(aliceKeyId), alice);
    },
  );

  it(
    'a 2-of-3 policy of ML-DSA-65, ML-DSA-87 and SLH-DSA keys three accounts hold takes updates any two signed, not one',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      // Three algorithms (signed by noble): ML-DSA-65, ML-DSA-87 and SLH-DSA-SHA2-128s.
      const signers = [
        [alice, pqSigner('MlDsa65', seed('aegis e2e k-of-n: alice'))],
        [bob, pqSigner('MlDsa87', seed('aegis e2e k-of-n: bob'))],
        [charlie, pqSigner('SlhDsaSha2_128s', seed('aegis e2e k-of-n: charlie'))],
      ];
      const ids = [];
      for (const [account, signer] of signers) {
        const id = (await api.query.proofVerifier.nextSigningKeyId()).toNumber();
        const possession = signer.sign({
          genesisHash,
          purpose: PURPOSE.KEY_POSSESSION,
          payload: account.publicKey,
        });
        await submitAndLocate(
          api,
          api.tx.proofVerifier.registerSigningKey(
            pqValue(signer.variant, signer.publicKey),
            pqValue(signer.variant, possession),
          ),
          account,
        );
        const stored = (await api.query.proofVerifier.signingKeys(id)).unwrap();
        assert.equal(stored.publicKey.type, signer.variant, `key ${id} is ${signer.variant}`);
        ids.push(id);
      }
      const shared = (await api.query.modelRegistry.nextModelId()).toNumber();
      await submitAndLocate(
        api,
        api.tx.modelRegistry.registerModel(
          { name: 'two of three', framework: 'onnx', uri: 'ipfs://two-of-three' },
          { signing: signingPolicy(ids, 2), zkVerifyingKey: null, contributors: [] },
        ),
        alice,
      );
      const update = async (declaration, who) => {
        const current = (await api.query.modelRegistry.models(shared)).unwrap();
        const version = current.currentVersion.unwrapOr(null)?.toNumber() ?? 0;
        const payload = {
          model: shared,
          version: version + 1,
          parent: version === 0 ? null : version,
          ...declaration,
          nonce: current.nonce.toBigInt(),
        };
        const encoded = encodeModelUpdatePayload(payload);
        const signed = who.map((index) => {
          const signer = signers[index][1];
          const signature = signer.sign({
            genesisHash,
            purpose: PURPOSE.MODEL_UPDATE,
            payload: encoded,
          });
          return [ids[index], pqValue(signer.variant, signature)];
        });
        return api.tx.modelRegistry.updateModel(shared, declaration, {
          signatures: keySignatures(signed),
          zkProof: null,
        });
      };
      const refused = async (what, tx, error) => {
        const outcome = await submitExpectingFailure(api, tx, alice);
        assert.equal(outcome.error, error, what);
      };
      const [first, second] = [files[1].declaration, files[2].declaration];
      for (const one of [0, 1, 2]) {
        await refused(
          `signed by key ${one} alone`,
          await update(first, [one]),
          'modelRegistry.MissingSignature',
        );
      }
      await refused(
        'signed by all three',
        await update(first, [0, 1, 2]),
        'modelRegistry.SurplusSignatures',
      );
      await refused(
        'signed by Bob twice',
        await update(first, [1, 1]),
        'modelRegistry.DuplicateSigner',
      );
      assert.ok((await api.query.modelRegistry.versions(shared, 1)).isNone, 'no version yet');
      for (const [declaration, who, number] of [
        [first, [1, 2], 1],
        [second, [2, 0], 2],
      ]) {
        const included = await submitAndLocate(api, await update(declaration, who), alice);
        assert.ok(
          included.events.some((event) => api.events.modelRegistry.ModelUpdated.is(event)),
          `version ${number}: ModelUpdated`,
        );
        const version = (await api.query.modelRegistry.versions(shared, number)).unwrap();
        assert.deepEqual(
          version.evidence.signedBy.map((key) => key.toNumber()),
          who.map((index) => ids[index]),
          `version ${number}: the keys that signed`,
        );
      }
      const pins = await Promise.all(
        ids.map(async (id) => (await api.query.proofVerifier.signingKeyPins(id)).toNumber()),
      );
      assert.deepEqual(pins, [1, 0, 0], "only the owner's own key is pinned");
    },
  );
});
