// zombienet js-script: publishes a model as its owner does, through the node it runs against:
// registers an ML-DSA-65 key, a model whose policy requires that key's signature, and
// version 1 of a small vector file signed with it. Returns the model's current version once
// the update is finalised (zombienet compares it: 1).
//
// `args[0]` is the chain: `parachain` (Alice is bonded as a publisher in the parachain's
// genesis) or `sovereign` (zombienet bonds only the validators' stashes, with a token amount:
// Alice funds her stash, which bonds the publishers' stake and then publishes).
//
// zombienet injects the global `zombie` ({ ApiPromise, Keyring, WsProvider, connect, … }).
// The hashes, the signed payload and the ML-DSA-65 signature come from the end-to-end tests'
// independent JavaScript implementation (e2e/lib/proofs.mjs, @noble), so `npm ci` in e2e/
// must have run; the payload is checked against the runtime API's before it is signed.

const { createHash } = require('node:crypto');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const { eventIn, finalized } = require('./chain.js');

const AEG = 10n ** 12n;
/** `MINIMUM_PUBLISHER_STAKE` of the genesis presets. */
const MINIMUM_PUBLISHER_STAKE = 1_000n * AEG;
/** Bytes as hex: polkadot.js takes a `Uint8Array` for `Bytes` as SCALE (length first). */
const hex = (bytes) => `0x${Buffer.from(bytes).toString('hex')}`;
const PROOFS_MODULE = pathToFileURL(path.join(__dirname, '..', 'e2e', 'lib', 'proofs.mjs'));

async function run(nodeName, networkInfo, args) {
  const chain = args[0];
  if (chain !== 'parachain' && chain !== 'sovereign') {
    throw new Error(`publish-model.js: expected "parachain" or "sovereign", got ${chain}`);
  }
  const proofs = await import(PROOFS_MODULE.href);
  const { wsUri, userDefinedTypes } = networkInfo.nodesByName[nodeName];
  const api = await zombie.connect(wsUri, userDefinedTypes);
  try {
    const keyring = new zombie.Keyring({ type: 'sr25519' });
    const alice = keyring.addFromUri('//Alice');
    let publisher = alice;
    if (chain === 'sovereign') {
      publisher = keyring.addFromUri('//Alice//stash');
      const funding = 2n * MINIMUM_PUBLISHER_STAKE;
      await finalized(api, api.tx.balances.transferKeepAlive(publisher.address, funding), alice);
      await finalized(api, api.tx.staking.bondExtra(MINIMUM_PUBLISHER_STAKE), publisher);
    }
    const genesisHash = api.genesisHash.toU8a();

    const seed = createHash('sha3-256').update(`aegis zombienet ${chain} key`).digest();
    const key = proofs.mlDsaKeypair(new Uint8Array(seed));
    const possession = proofs.proofOfPossession(key.secretKey, genesisHash, publisher.publicKey);
    const keyBlock = await finalized(
      api,
      api.tx.proofVerifier.registerSigningKey(
        proofs.mlDsa65Value(key.publicKey),
        proofs.mlDsa65Value(possession),
      ),
      publisher,
    );
    const keyId = (await eventIn(api, keyBlock, 'proofVerifier', 'SigningKeyRegistered')).data[0];

    const metadata = { name: `zombienet ${chain}`, framework: 'onnx', uri: 'ipfs://zombienet' };
    const policy = {
      signing: proofs.signingPolicy([keyId]),
      zkVerifyingKey: null,
      contributors: [],
    };
    const modelBlock = await finalized(
      api,
      api.tx.modelRegistry.registerModel(metadata, policy),
      publisher,
    );
    const model = (await eventIn(api, modelBlock, 'modelRegistry', 'ModelRegistered')).data[0];

    const { declaration } = proofs.vectorFile(1, [[16, 8], [16], [4, 16], [4]]);
    const payload = {
      model: model.toNumber(),
      version: 1,
      parent: null,
      ...declaration,
      nonce: (await api.query.modelRegistry.models(model)).unwrap().nonce.toBigInt(),
    };
    const encoded = proofs.encodeModelUpdatePayload(payload);
    const unsigned = api.tx.modelRegistry.updateModel(model, declaration, {
      signatures: [],
      zkProof: null,
    });
    const callArgs = Buffer.concat([model.toU8a(), unsigned.args[1].toU8a()]);
    const fromRuntime = await api.rpc.state.call('ModelRegistryApi_update_payload', hex(callArgs));
    // Option<ModelUpdatePayload>: Some, then the payload.
    if (!Buffer.from(fromRuntime.subarray(1)).equals(Buffer.from(encoded))) {
      throw new Error(`the runtime's update payload ${fromRuntime.toHex()} is not the JS one`);
    }
    const signature = proofs.signModelUpdate(key.secretKey, genesisHash, payload);
    await finalized(
      api,
      api.tx.modelRegistry.updateModel(model, declaration, {
        signatures: proofs.keySignatures([[keyId, signature]]),
        zkProof: null,
      }),
      publisher,
    );
    const record = (await api.query.modelRegistry.models(model)).unwrap();
    return record.currentVersion.unwrapOr(0).toNumber();
  } finally {
    await api.disconnect();
  }
}

module.exports = { run };
