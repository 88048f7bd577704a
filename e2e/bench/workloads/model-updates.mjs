// The registry's own throughput: one signed `modelRegistry.updateModel` per publisher, each to a
// model of its own whose policy names the publisher's ML-DSA-65 key, so every update carries
// and is checked against an ML-DSA-65 signature (the registry's common, quantum-resistant path),
// and no update waits for another.
//
// Genesis endows and bonds each publisher (the minimum publisher stake, as an idle staker);
// the setup registers each publisher's ML-DSA key (with its proof of possession), then its
// model, each batch finalised before the next; the load is version 1 of every model, its
// ML-DSA signature and the transaction's sr25519 signature both made before any is submitted.

import { bnToU8a, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';

import { AEG } from '../../lib/constants.mjs';
import { bigIntFromJson, bigIntToJson } from '../../lib/chainspec.mjs';
import {
  keySignatures,
  mlDsa65Value,
  mlDsaKeypair,
  proofOfPossession,
  signingPolicy,
  signModelUpdate,
  vectorFile,
} from '../../lib/proofs.mjs';
import { endow, genesisList } from '../genesis.mjs';
import { log } from '../harness.mjs';
import { benchKeyPairs } from './transfers.mjs';

/** Bonded at genesis when the spec names no minimum publisher stake. */
const FALLBACK_STAKE = 1_000n * AEG;
/** Above the stake: the key's and the model's deposits, the versions' fees and deposits. */
const SPENDABLE = 100n * AEG;
/** Each publisher's file: one small f32 tensor (the evidence, not the file, is on chain). */
const FILE_SHAPES = [[4, 4]];

export async function modelUpdatesWorkload(count) {
  const publishers = await benchKeyPairs('aegis/bench-updates', count);
  const prefix = stringToU8a('aegis/bench-updates/ml-dsa');
  const mlDsaKeys = publishers.map((_, i) =>
    mlDsaKeypair(blake2AsU8a(u8aConcat(prefix, bnToU8a(i, { bitLength: 32 })), 256)),
  );
  /** Filled by the setup: each publisher's model id and its nonce for signed actions. */
  let models = null;
  /** Filled by the setup: each publisher's signing key id. */
  let keyIds = null;
  return {
    name: 'model-updates',
    title: 'Signed model updates',
    rateName: 'updates/s',
    unit: 'updates',
    item: 'update',
    count,
    // An update carries a 3 309-byte ML-DSA-65 signature (and its key's id).
    kbytesPerItem: 4,
    patchGenesis(patch) {
      const minimum = patch?.modelRegistry?.minimumStake;
      const stake = minimum === undefined ? FALLBACK_STAKE : bigIntFromJson(minimum);
      const addresses = publishers.map((pair) => pair.address);
      endow(patch, addresses, stake + SPENDABLE);
      const stakers = genesisList(patch, 'staking', 'stakers');
      for (const address of addresses)
        stakers.push([address, address, bigIntToJson(stake), 'Idle']);
    },
    async setup(api, session) {
      const genesisHash = api.genesisHash.toU8a();
      log(`setup: ${count} ML-DSA-65 keys, with their proofs of possession`);
      const keyTxs = await signAll(publishers, 0, (pair, i) =>
        api.tx.proofVerifier.registerSigningKey(
          mlDsa65Value(mlDsaKeys[i].publicKey),
          mlDsa65Value(proofOfPossession(mlDsaKeys[i].secretKey, genesisHash, pair.publicKey)),
        ),
      );
      await session.submitAndFinalise('ML-DSA keys', keyTxs);
      keyIds = await idsByOwner(api.query.proofVerifier.signingKeys, publishers);

      log(`setup: ${count} models, each policy naming its publisher's key`);
      const modelTxs = await signAll(publishers, 1, (pair) =>
        api.tx.modelRegistry.registerModel(
          { name: `bench-${pair.address.slice(0, 12)}`, framework: 'onnx', uri: 'ipfs://bench' },
          {
            signing: signingPolicy([keyIds.get(pair.address).id]),
            zkVerifyingKey: null,
            contributors: [],
          },
        ),
      );
      await session.submitAndFinalise('models', modelTxs);
      models = await idsByOwner(api.query.modelRegistry.models, publishers, (record) =>
        record.nonce.toBigInt(),
      );
    },
    /** Version 1 of every model, its ML-DSA-65 signature over the update, nonce 2, immortal. */
    async sign(api) {
      if (!models) throw new Error('the model-updates workload signs after its setup');
      const genesisHash = api.genesisHash.toU8a();
      return signAll(publishers, 2, (pair, i) => {
        const { id: model, extra: nonce } = models.get(pair.address);
        const { id: keyId } = keyIds.get(pair.address);
        const { declaration } = vectorFile(i + 1, FILE_SHAPES);
        const signature = signModelUpdate(mlDsaKeys[i].secretKey, genesisHash, {
          model,
          version: 1,
          parent: null,
          ...declaration,
          nonce,
        });
        return api.tx.modelRegistry.updateModel(model, declaration, {
          signatures: keySignatures([[keyId, signature]]),
          zkProof: null,
        });
      });
    },
  };
}

/** `call(pair, i)` of every publisher, signed with account nonce `nonce`, immortal. */
async function signAll(pairs, nonce, call) {
  const signed = [];
  for (const [i, pair] of pairs.entries()) {
    const tx = await call(pair, i).signAsync(pair, { nonce, era: 0 });
    signed.push({ hex: tx.toHex(), hash: tx.hash.toHex() });
  }
  return signed;
}

/**
 * The entries of `map` (keyed by an id, each record with an `owner`) that `pairs` own, by
 * owner address: the id as a number, and `extra(record)` beside it. Each pair owns exactly one.
 */
async function idsByOwner(map, pairs, extra = () => null) {
  const wanted = new Set(pairs.map((pair) => pair.address));
  const byOwner = new Map();
  for (const [key, value] of await map.entries()) {
    const record = value.unwrap();
    const owner = record.owner.toString();
    if (!wanted.has(owner)) continue;
    if (byOwner.has(owner)) throw new Error(`${owner} owns two entries of ${map.creator.method}`);
    const id = key.args[0].toNumber();
    byOwner.set(owner, { id, extra: extra(record) });
  }
  if (byOwner.size !== wanted.size) {
    throw new Error(
      `${byOwner.size} of ${wanted.size} publishers own an entry of ${map.creator.method}`,
    );
  }
  return byOwner;
}
