// Writes noble-signatures.json: keys and deterministic signatures over Aegis messages made by
// @noble/post-quantum, an implementation that shares no code with the fips204/fips205 crates
// the chain verifies with (tests/noble_signatures.rs checks them). Run from the repository
// root once e2e/'s packages are installed:
//
//   node primitives/integrity/test-vectors/noble-signatures.mjs

import { writeFileSync } from 'node:fs';

import {
  ml_dsa44,
  ml_dsa65,
  ml_dsa87,
} from '../../../e2e/node_modules/@noble/post-quantum/ml-dsa.js';
import {
  slh_dsa_sha2_128f,
  slh_dsa_sha2_128s,
} from '../../../e2e/node_modules/@noble/post-quantum/slh-dsa.js';
import { SIGNING_CONTEXT, signingMessage } from '../../../e2e/lib/proofs.mjs';

const SCHEMES = {
  'ml-dsa-44': ml_dsa44,
  'ml-dsa-65': ml_dsa65,
  'ml-dsa-87': ml_dsa87,
  'slh-dsa-sha2-128s': slh_dsa_sha2_128s,
  'slh-dsa-sha2-128f': slh_dsa_sha2_128f,
};

const hex = (bytes) => Buffer.from(bytes).toString('hex');
/** `length` bytes counting up from `start`: seeds anyone can write down. */
const counting = (length, start) => Uint8Array.from({ length }, (_, i) => (start + i) % 256);

const genesis = counting(32, 0xa0);
const purpose = 'aegis/model-update';
const payload = new TextEncoder().encode('a payload the chain defines');
const message = signingMessage(genesis, purpose, payload);

const vectors = Object.entries(SCHEMES).map(([algorithm, scheme], index) => {
  // ML-DSA: ξ (32 bytes); SLH-DSA: SK.seed ‖ SK.prf ‖ PK.seed (3n bytes).
  const seed = counting(scheme.lengths.seed, 16 * index);
  const { publicKey, secretKey } = scheme.keygen(seed);
  // Deterministic: ML-DSA with rnd = 0, SLH-DSA with opt_rand = PK.seed.
  const signature = scheme.sign(message, secretKey, {
    context: SIGNING_CONTEXT,
    extraEntropy: false,
  });
  if (!scheme.verify(signature, message, publicKey, { context: SIGNING_CONTEXT })) {
    throw new Error(`${algorithm}: noble does not verify its own signature`);
  }
  return { algorithm, seed: hex(seed), public_key: hex(publicKey), signature: hex(signature) };
});

writeFileSync(
  new URL('./noble-signatures.json', import.meta.url),
  `${JSON.stringify(
    {
      generator:
        'primitives/integrity/test-vectors/noble-signatures.mjs (@noble/post-quantum 0.7.1)',
      genesis_hash: hex(genesis),
      purpose,
      payload: hex(payload),
      context: 'aegis/v1',
      vectors,
    },
    null,
    1,
  )}\n`,
);
