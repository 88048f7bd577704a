// Independent JavaScript implementations of what the proof verifier and the model registry
// check, to compare the chain's verdicts against: the SHA3-512 Merkle tree
// (aegis_integrity::merkle), the ML-DSA-65 signed message (aegis_integrity::pq), statement
// hashes, the conversion of snarkjs Groth16 JSON to the chain's byte layout
// (aegis_integrity::groth16), the canonical vector encoding and content hash
// (aegis_integrity::content), the signed model update payload and the signed owner-action
// payload (aegis_integrity::update).
//
// Hashing is @noble/hashes, ML-DSA is @noble/post-quantum (FIPS 204): nothing here shares
// code with the runtime.

import { sha3_256, sha3_512, shake256 } from '@noble/hashes/sha3.js';
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { slh_dsa_sha2_128f, slh_dsa_sha2_128s } from '@noble/post-quantum/slh-dsa.js';
import { compactToU8a, u8aConcat, u8aToHex } from '@polkadot/util';

const encoder = new TextEncoder();

/** UTF-8 bytes of a string; bytes are returned unchanged. */
export function bytesOf(value) {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') return encoder.encode(value);
  throw new TypeError(`expected a string or a Uint8Array, got ${typeof value}`);
}

function u32Le(value) {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff_ffff) {
    throw new RangeError(`${value} is not a u32`);
  }
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value, true);
  return bytes;
}

function u64Le(value) {
  const big = BigInt(value);
  if (big < 0n || big >= 1n << 64n) throw new RangeError(`${value} is not a u64`);
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, big, true);
  return bytes;
}

// ---------------------------------------------------------------------------------------
// Merkle tree over SHA3-512
//
// leaf = SHA3-512(0x00 ‖ data), node = SHA3-512(0x01 ‖ left ‖ right); an odd last node of a
// level is promoted unchanged; root = SHA3-512(0x02 ‖ u32le(leaf count) ‖ top). A proof is
// the siblings from the leaf's level up, skipping the levels where the node is promoted.

export const MERKLE_LEAF_PREFIX = 0x00;
export const MERKLE_NODE_PREFIX = 0x01;
export const MERKLE_ROOT_PREFIX = 0x02;

export function merkleLeafHash(data) {
  return sha3_512(u8aConcat([MERKLE_LEAF_PREFIX], bytesOf(data)));
}

export function merkleNodeHash(left, right) {
  return sha3_512(u8aConcat([MERKLE_NODE_PREFIX], left, right));
}

export function merkleRootHash(leafCount, top) {
  return sha3_512(u8aConcat([MERKLE_ROOT_PREFIX], u32Le(leafCount), top));
}

/** The level above `level`: pairs hashed left to right, an odd last node promoted. */
function nextLevel(level) {
  const next = [];
  for (let i = 0; i < level.length; i += 2) {
    next.push(i + 1 < level.length ? merkleNodeHash(level[i], level[i + 1]) : level[i]);
  }
  return next;
}

/** The root over the given leaf hashes (at least one). */
export function merkleRoot(leafHashes) {
  if (leafHashes.length === 0) throw new RangeError('a Merkle tree needs at least one leaf');
  let level = leafHashes;
  while (level.length > 1) level = nextLevel(level);
  return merkleRootHash(leafHashes.length, level[0]);
}

/** `{ leafIndex, leafCount, siblings }` proving `leafHashes[leafIndex]` under merkleRoot. */
export function merkleProof(leafHashes, leafIndex) {
  if (!Number.isInteger(leafIndex) || leafIndex < 0 || leafIndex >= leafHashes.length) {
    throw new RangeError(`leaf ${leafIndex} is not one of ${leafHashes.length}`);
  }
  const siblings = [];
  let level = leafHashes;
  let index = leafIndex;
  while (level.length > 1) {
    const sibling = index % 2 === 1 ? level[index - 1] : level[index + 1];
    if (sibling !== undefined) siblings.push(sibling);
    level = nextLevel(level);
    index = Math.floor(index / 2);
  }
  return { leafIndex, leafCount: leafHashes.length, siblings };
}

/** The root `proof` leads to from `leafHash`, or null if the proof has the wrong length. */
export function merkleRootFromProof(leafHash, { leafIndex, leafCount, siblings }) {
  if (leafIndex >= leafCount) return null;
  let node = leafHash;
  let index = leafIndex;
  let width = leafCount;
  let used = 0;
  while (width > 1) {
    if (index % 2 === 1) {
      if (used >= siblings.length) return null;
      node = merkleNodeHash(siblings[used++], node);
    } else if (index + 1 < width) {
      if (used >= siblings.length) return null;
      node = merkleNodeHash(node, siblings[used++]);
    }
    index = Math.floor(index / 2);
    width = Math.ceil(width / 2);
  }
  return used === siblings.length ? merkleRootHash(leafCount, node) : null;
}

// ---------------------------------------------------------------------------------------
// ML-DSA-65 signatures over Aegis messages
//
// message = genesis_hash ‖ SCALE Compact(len(purpose)) ‖ purpose ‖ payload, signed with the
// FIPS 204 context string "aegis/v1".

export const ML_DSA_65 = { publicKeyBytes: 1952, signatureBytes: 3309, seedBytes: 32 };
export const SIGNING_CONTEXT = encoder.encode('aegis/v1');
export const MAX_PURPOSE_LEN = 64;
export const PURPOSE = {
  KEY_POSSESSION: 'aegis/key-possession',
  KEY_ROTATION: 'aegis/key-rotation',
  MODEL_UPDATE: 'aegis/model-update',
  MODEL_ACTION: 'aegis/model-action',
};

/** The message an Aegis signature for `purpose` over `payload` is made over. */
export function signingMessage(genesisHash, purpose, payload) {
  const purposeBytes = bytesOf(purpose);
  if (purposeBytes.length > MAX_PURPOSE_LEN) {
    throw new RangeError(`purpose is ${purposeBytes.length} bytes, at most ${MAX_PURPOSE_LEN}`);
  }
  return u8aConcat(
    bytesOf(genesisHash),
    compactToU8a(purposeBytes.length),
    purposeBytes,
    bytesOf(payload),
  );
}

/** An ML-DSA-65 key pair from a 32-byte seed (FIPS 204 KeyGen with ξ = seed). */
export function mlDsaKeypair(seed) {
  if (!(seed instanceof Uint8Array) || seed.length !== ML_DSA_65.seedBytes) {
    throw new TypeError(`an ML-DSA-65 seed is ${ML_DSA_65.seedBytes} bytes`);
  }
  return ml_dsa65.keygen(seed);
}

/**
 * Signs an Aegis message. `deterministic` uses FIPS 204's deterministic variant (rnd = 0);
 * otherwise the signature is hedged with fresh randomness. `context` defaults to Aegis's.
 */
export function mlDsaSign(
  secretKey,
  { genesisHash, purpose, payload },
  { deterministic = false, context = SIGNING_CONTEXT } = {},
) {
  const message = signingMessage(genesisHash, purpose, payload);
  const options = {};
  if (deterministic) options.extraEntropy = false;
  if (context !== null) options.context = context;
  return ml_dsa65.sign(message, secretKey, options);
}

export function mlDsaVerify(publicKey, { genesisHash, purpose, payload }, signature) {
  const message = signingMessage(genesisHash, purpose, payload);
  return ml_dsa65.verify(signature, message, publicKey, { context: SIGNING_CONTEXT });
}

/**
 * A public key or signature as the chain's `PqPublicKey` and `PqSignature` take it: the
 * variant of its algorithm (`MlDsa44`, `MlDsa65`, `MlDsa87`, `SlhDsaSha2_128s`,
 * `SlhDsaSha2_128f`) around its bytes, in polkadot.js' shape.
 */
export function pqValue(variant, bytes) {
  return { [variant]: u8aToHex(bytes) };
}

/** An ML-DSA-65 public key or signature as the chain takes it (see `pqValue`). */
export function mlDsa65Value(bytes) {
  return pqValue('MlDsa65', bytes);
}

/**
 * A policy's signing part as the chain takes it (`SigningPolicy`): `threshold` of `keys`
 * (registered key ids) must sign; all of them unless said.
 */
export function signingPolicy(keys, threshold = keys.length) {
  return { keys, threshold };
}

/**
 * Signatures by a policy's keys as the registry takes them (`KeySignatures`): each
 * `[keyId, signature]` with an ML-DSA-65 signature's bytes, or `[keyId, { Variant: hex }]`
 * with a signature of any algorithm (see `pqValue`).
 */
export function keySignatures(signed) {
  return signed.map(([key, signature]) => ({
    key,
    signature: signature instanceof Uint8Array ? mlDsa65Value(signature) : signature,
  }));
}

const ML_DSA_SETS = { MlDsa44: ml_dsa44, MlDsa65: ml_dsa65, MlDsa87: ml_dsa87 };

/**
 * A key pair of the ML-DSA parameter set `variant` (the chain's name: `MlDsa44`, `MlDsa65`
 * or `MlDsa87`) from a 32-byte seed, and its deterministic signer of Aegis messages.
 */
export function mlDsaSigner(variant, seed) {
  const set = ML_DSA_SETS[variant];
  if (!set) throw new TypeError(`${variant} is not an ML-DSA parameter set`);
  const { publicKey, secretKey } = set.keygen(seed);
  const sign = ({ genesisHash, purpose, payload }) =>
    set.sign(signingMessage(genesisHash, purpose, payload), secretKey, {
      extraEntropy: false,
      context: SIGNING_CONTEXT,
    });
  return { publicKey, sign };
}

const SLH_DSA_SETS = { SlhDsaSha2_128s: slh_dsa_sha2_128s, SlhDsaSha2_128f: slh_dsa_sha2_128f };

/**
 * A key pair of any signing algorithm the chain knows (`variant`: `MlDsa44`, `MlDsa65`,
 * `MlDsa87`, `SlhDsaSha2_128s`, `SlhDsaSha2_128f`) from a 32-byte seed, as `aegis key
 * generate` derives it (ML-DSA's seed is ξ; SLH-DSA's expands to SK.seed ‖ SK.prf ‖ PK.seed
 * as SHAKE256("aegis/slh-dsa-keygen/v1" ‖ seed), 48 bytes), with its deterministic signer of
 * Aegis messages; `variant` is kept for `pqValue`.
 */
export function pqSigner(variant, seed) {
  if (ML_DSA_SETS[variant]) return { variant, ...mlDsaSigner(variant, seed) };
  const set = SLH_DSA_SETS[variant];
  if (!set) throw new TypeError(`${variant} is not a signing algorithm of the chain`);
  const expanded = shake256(u8aConcat(encoder.encode('aegis/slh-dsa-keygen/v1'), seed), {
    dkLen: 48,
  });
  const { publicKey, secretKey } = set.keygen(expanded);
  const sign = ({ genesisHash, purpose, payload }) =>
    set.sign(signingMessage(genesisHash, purpose, payload), secretKey, {
      extraEntropy: false,
      context: SIGNING_CONTEXT,
    });
  return { variant, publicKey, sign };
}

/** The proof of possession of `secretKey` for registering it to `accountId` (32 bytes). */
export function proofOfPossession(secretKey, genesisHash, accountId) {
  // The payload is SCALE of the AccountId32: its 32 raw bytes.
  if (accountId.length !== 32) throw new TypeError('an AccountId32 is 32 bytes');
  return mlDsaSign(
    secretKey,
    { genesisHash, purpose: PURPOSE.KEY_POSSESSION, payload: accountId },
    { deterministic: true },
  );
}

// ---------------------------------------------------------------------------------------
// Statements

export const STATEMENT_HASH_DOMAIN = encoder.encode('aegis/statement/v1');

/** A statement's identifier: SHA3-256("aegis/statement/v1" ‖ SCALE(statement)). */
export function statementHash(encodedStatement) {
  return sha3_256(u8aConcat(STATEMENT_HASH_DOMAIN, encodedStatement));
}

/**
 * SCALE of `Statement::MerkleInclusion { root, leaf_hash, proof }` written by hand (variant
 * 0, two 64-byte hashes, u32 index and count, compact sibling count, siblings), to check
 * polkadot.js's view of the type against the documented layout.
 */
export function encodeMerkleStatement({ root, leafHash, proof }) {
  return u8aConcat(
    [0],
    root,
    leafHash,
    u32Le(proof.leafIndex),
    u32Le(proof.leafCount),
    compactToU8a(proof.siblings.length),
    ...proof.siblings,
  );
}

// ---------------------------------------------------------------------------------------
// Groth16: snarkjs JSON (decimal strings) to the chain's 32-byte big-endian coordinates

const FIELD_BYTES = 32;

/** A decimal string (as snarkjs writes) as 32 big-endian bytes. */
export function fieldBytes(decimal) {
  if (typeof decimal !== 'string' || !/^\d+$/.test(decimal)) {
    throw new TypeError(`expected a decimal string, got ${JSON.stringify(decimal)}`);
  }
  let value = BigInt(decimal);
  if (value >= 1n << BigInt(8 * FIELD_BYTES))
    throw new RangeError(`${decimal} needs more than 32 bytes`);
  const bytes = new Uint8Array(FIELD_BYTES);
  for (let i = FIELD_BYTES - 1; i >= 0; i--) {
    bytes[i] = Number(value & 0xffn);
    value >>= 8n;
  }
  return bytes;
}

/** snarkjs G1 `[x, y, "1"]` (affine) as `{ x, y }`. */
export function g1FromSnarkjs([x, y, z]) {
  if (z !== '1') throw new Error(`expected an affine G1 point (z = "1"), got z = ${z}`);
  return { x: fieldBytes(x), y: fieldBytes(y) };
}

/** snarkjs G2 `[[x.c0, x.c1], [y.c0, y.c1], ["1", "0"]]` as `{ x: [c0, c1], y: [c0, c1] }`. */
export function g2FromSnarkjs([x, y, z]) {
  if (z?.[0] !== '1' || z?.[1] !== '0') {
    throw new Error(`expected an affine G2 point (z = ["1", "0"]), got z = ${JSON.stringify(z)}`);
  }
  return { x: x.map(fieldBytes), y: y.map(fieldBytes) };
}

/** snarkjs `verification_key.json` as the chain's `Groth16VerifyingKey`. */
export function verifyingKeyFromSnarkjs(vk) {
  if (vk.protocol !== 'groth16' || vk.curve !== 'bn128') {
    throw new Error(`expected a groth16 key over bn128, got ${vk.protocol} over ${vk.curve}`);
  }
  if (vk.IC.length !== vk.nPublic + 1) {
    throw new Error(`IC has ${vk.IC.length} points for ${vk.nPublic} public signals`);
  }
  return {
    alpha: g1FromSnarkjs(vk.vk_alpha_1),
    beta: g2FromSnarkjs(vk.vk_beta_2),
    gamma: g2FromSnarkjs(vk.vk_gamma_2),
    delta: g2FromSnarkjs(vk.vk_delta_2),
    ic: vk.IC.map(g1FromSnarkjs),
  };
}

/** snarkjs `proof.json` as the chain's `Groth16Proof`. */
export function proofFromSnarkjs(proof) {
  return {
    a: g1FromSnarkjs(proof.pi_a),
    b: g2FromSnarkjs(proof.pi_b),
    c: g1FromSnarkjs(proof.pi_c),
  };
}

/** snarkjs `public.json` (decimal strings) as the chain's public inputs. */
export function publicInputsFromSnarkjs(signals) {
  return signals.map(fieldBytes);
}

// ---------------------------------------------------------------------------------------
// Model content: the canonical vector encoding and the content hash

export const VECTOR_MAGIC = encoder.encode('AEGISVEC');
export const VECTOR_FORMAT_VERSION = 1;
export const VECTOR_MAX_RANK = 8;
/** dtype codes of the canonical vector encoding, with their element sizes. */
export const DTYPE = {
  F32: { code: 0, size: 4 },
  F16: { code: 1, size: 2 },
  BF16: { code: 2, size: 2 },
  I8: { code: 3, size: 1 },
};

/**
 * The canonical encoding of a vector: "AEGISVEC", version 1, dtype code, rank, 0, each
 * dimension as u64 little-endian, then the values' little-endian bytes `dataLe`.
 */
export function encodeVector(dtype, shape, dataLe) {
  if (shape.length === 0 || shape.length > VECTOR_MAX_RANK) {
    throw new RangeError(`a vector has 1 to ${VECTOR_MAX_RANK} dimensions, got ${shape.length}`);
  }
  if (shape.some((dimension) => BigInt(dimension) <= 0n)) {
    throw new RangeError(`a dimension is zero in [${shape}]`);
  }
  const elements = shape.reduce((product, dimension) => product * BigInt(dimension), 1n);
  const expected = elements * BigInt(dtype.size);
  if (BigInt(dataLe.length) !== expected) {
    throw new RangeError(`[${shape}] needs ${expected} bytes of data, got ${dataLe.length}`);
  }
  return u8aConcat(
    VECTOR_MAGIC,
    [VECTOR_FORMAT_VERSION, dtype.code, shape.length, 0],
    ...shape.map(u64Le),
    dataLe,
  );
}

/** The canonical encoding of an f32 vector given as numbers. */
export function encodeF32Vector(shape, values) {
  const data = new Uint8Array(values.length * 4);
  const view = new DataView(data.buffer);
  values.forEach((value, i) => view.setFloat32(4 * i, value, true));
  return encodeVector(DTYPE.F32, shape, data);
}

/** A content hash: the plain SHA3-512 of the bytes (of a file, or of a vector's encoding). */
export function contentHash(bytes) {
  return sha3_512(bytesOf(bytes));
}

// ---------------------------------------------------------------------------------------
// Signed model updates

/**
 * SCALE of `ModelUpdatePayload { model: u32, version: u32, parent: Option<u32>,
 * content_hash: [u8; 64], merkle_root: [u8; 64], shard_count: u32, byte_size: u64,
 * nonce: u64 }`, written by hand.
 */
export function encodeModelUpdatePayload({
  model,
  version,
  parent,
  contentHash: hash,
  merkleRoot: root,
  shardCount,
  byteSize,
  nonce,
}) {
  for (const [name, value] of [
    ['contentHash', hash],
    ['merkleRoot', root],
  ]) {
    if (!(value instanceof Uint8Array) || value.length !== 64) {
      throw new TypeError(`${name} must be 64 bytes`);
    }
  }
  const hasParent = parent !== null && parent !== undefined;
  return u8aConcat(
    u32Le(model),
    u32Le(version),
    hasParent ? u8aConcat([1], u32Le(parent)) : [0],
    hash,
    root,
    u32Le(shardCount),
    u64Le(byteSize),
    u64Le(nonce),
  );
}

/** The ML-DSA-65 signature of a model update (purpose "aegis/model-update"). */
export function signModelUpdate(secretKey, genesisHash, payload, options = {}) {
  return mlDsaSign(
    secretKey,
    { genesisHash, purpose: PURPOSE.MODEL_UPDATE, payload: encodeModelUpdatePayload(payload) },
    options,
  );
}

// ---------------------------------------------------------------------------------------
// Owner actions authorised by the policy's signing keys

function accountBytes(account) {
  if (!(account instanceof Uint8Array) || account.length !== 32) {
    throw new TypeError('an AccountId32 is 32 bytes');
  }
  return account;
}

function optionU32(value) {
  return value === null || value === undefined ? new Uint8Array([0]) : u8aConcat([1], u32Le(value));
}

/** SCALE of `Option<SigningPolicy { keys: Vec<u32>, threshold: u32 }>`. */
function optionSigningPolicy(signing) {
  if (signing === null || signing === undefined) return new Uint8Array([0]);
  const { keys, threshold } = signing;
  return u8aConcat(
    [1],
    compactToU8a(keys.length),
    ...keys.map((key) => u32Le(key)),
    u32Le(threshold),
  );
}

/**
 * SCALE of `ModelActionPayload { model: u32, nonce: u64, action: ModelAction }`, written by
 * hand. `action` is one of `{ setPolicy: { signing, zkVerifyingKey, contributors } }`
 * (variant 0; `signing` is `null` or `{ keys, threshold }`, contributors are 32-byte
 * accounts), `{ transferOwnership: account }` (1), `'deprecate'` (2) or `'revoke'` (3).
 */
export function encodeModelActionPayload({ model, nonce, action }) {
  let encodedAction;
  if (action === 'deprecate') {
    encodedAction = new Uint8Array([2]);
  } else if (action === 'revoke') {
    encodedAction = new Uint8Array([3]);
  } else if (action?.transferOwnership) {
    encodedAction = u8aConcat([1], accountBytes(action.transferOwnership));
  } else if (action?.setPolicy) {
    const { signing, zkVerifyingKey, contributors = [] } = action.setPolicy;
    encodedAction = u8aConcat(
      [0],
      optionSigningPolicy(signing),
      optionU32(zkVerifyingKey),
      compactToU8a(contributors.length),
      ...contributors.map(accountBytes),
    );
  } else {
    throw new TypeError(`unknown model action ${JSON.stringify(action)}`);
  }
  return u8aConcat(u32Le(model), u64Le(nonce), encodedAction);
}

/** The ML-DSA-65 authorisation of an owner action (purpose "aegis/model-action"). */
export function signModelAction(secretKey, genesisHash, payload, options = {}) {
  return mlDsaSign(
    secretKey,
    { genesisHash, purpose: PURPOSE.MODEL_ACTION, payload: encodeModelActionPayload(payload) },
    options,
  );
}

// ---------------------------------------------------------------------------------------
// Model files

/** A seeded pseudo-random f32 in [-1, 1) (xorshift32), so the files are reproducible. */
function valuesFrom(seed, count) {
  let state = seed >>> 0 || 1;
  return Array.from({ length: count }, () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 2 ** 31 - 1;
  });
}

/**
 * A model file built in JS, the same every run for the same `seed`: one f32 tensor per shape,
 * each in the canonical Aegis vector encoding, each a shard; the file is the shards one after
 * the other. Returns { shards, leaves, declaration }.
 */
export function vectorFile(seed, shapes) {
  const elements = (shape) => shape.reduce((a, b) => a * b, 1);
  const shards = shapes.map((shape, i) =>
    encodeF32Vector(shape, valuesFrom(seed * 1_000 + i, elements(shape))),
  );
  const content = u8aConcat(...shards);
  const leaves = shards.map(merkleLeafHash);
  return {
    shards,
    leaves,
    declaration: {
      contentHash: contentHash(content),
      merkleRoot: merkleRoot(leaves),
      shardCount: shards.length,
      byteSize: content.length,
    },
  };
}
