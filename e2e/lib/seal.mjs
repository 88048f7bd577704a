// The seals of an Aegis block header and the seal difficulty.
//
// Every block carries, besides BABE's pre-digest and seal, a proof-of-work seal: a digest
// item Seal(engine 'aPoW', SCALE u64 nonce). In the stored header the digest logs end with
// ..., Seal(aPoW, 8 bytes), Seal(BABE, 64-byte signature).

import assert from 'node:assert/strict';

import { hexToU8a, u8aToHex, u8aToString } from '@polkadot/util';

import { canonicalHashAt } from './chain.mjs';
import { rpcCall } from './rpc.mjs';

export const POW_ENGINE = 'aPoW';
export const BABE_ENGINE = 'BABE';
/** The seal's payload: a SCALE u64 nonce. */
export const POW_NONCE_BYTES = 8;

/** Digest items that carry (engine id, bytes). */
const ENGINE_ITEMS = new Set(['PreRuntime', 'Consensus', 'Seal']);

/** sp_consensus_babe::digests::PreDigest variants (SCALE enum indices). */
const BABE_PRE_DIGEST_VARIANTS = { 1: 'Primary', 2: 'SecondaryPlain', 3: 'SecondaryVRF' };
/** Variant byte + authority_index (u32) + slot (u64): the prefix every variant shares. */
const BABE_PRE_DIGEST_PREFIX_BYTES = 1 + 4 + 8;

// ---------------------------------------------------------------------------------------
// Decoding (pure: polkadot.js codecs in, plain values out)

/** A SCALE u64 (8 bytes, little endian) as a bigint. */
export function decodeU64Le(bytes) {
  assert.equal(bytes.length, 8, `a u64 is 8 bytes, got ${bytes.length}`);
  return Buffer.from(bytes).readBigUInt64LE(0);
}

/**
 * A header's digest logs as [{ kind, engine, data }]: `kind` is the DigestItem variant
 * ('PreRuntime', 'Seal', ...); `engine` (e.g. 'BABE', 'aPoW') and `data` (raw bytes) are set
 * for the variants that carry an engine id, null otherwise.
 */
export function digestLogs(header) {
  return header.digest.logs.map((item) => {
    const kind = item.type;
    if (!ENGINE_ITEMS.has(kind)) return { kind, engine: null, data: null };
    const [engine, data] = item.value;
    return { kind, engine: u8aToString(engine.toU8a()), data: data.toU8a(true) };
  });
}

/** e.g. "PreRuntime(BABE, 13 bytes), Seal(aPoW, 8 bytes), Seal(BABE, 64 bytes)". */
export function describeDigest(logs) {
  return logs
    .map(({ kind, engine, data }) =>
      engine === null ? kind : `${kind}(${engine}, ${data.length} bytes)`,
    )
    .join(', ');
}

/**
 * BABE's pre-digest: { variant, authorityIndex, slot (bigint) }. Every variant (Primary,
 * SecondaryPlain, SecondaryVRF) starts with authority_index: u32 and slot: u64.
 */
export function decodeBabePreDigest(bytes) {
  const data = Buffer.from(bytes);
  const variant = BABE_PRE_DIGEST_VARIANTS[data[0]];
  assert.ok(variant, `unknown BABE pre-digest variant ${data[0]} (${u8aToHex(bytes)})`);
  assert.ok(
    data.length >= BABE_PRE_DIGEST_PREFIX_BYTES,
    `BABE ${variant} pre-digest too short: ${data.length} bytes`,
  );
  return { variant, authorityIndex: data.readUInt32LE(1), slot: data.readBigUInt64LE(5) };
}

/**
 * The seals of a header: { powNonce: bigint|null, powIndex, powSealCount, babeSealIndex,
 * babeSlot: bigint|null, authorityIndex: number|null, logCount, layout }. Indices are
 * positions in the digest logs, -1 if absent; powNonce is null unless the aPoW seal holds
 * exactly a u64; `layout` describes the logs for assertion messages.
 */
export function decodeSeals(header) {
  const logs = digestLogs(header);
  const isItem = (kind, engine) => (log) => log.kind === kind && log.engine === engine;
  const powIndex = logs.findIndex(isItem('Seal', POW_ENGINE));
  const powData = powIndex === -1 ? null : logs[powIndex].data;
  const preDigest = logs.find(isItem('PreRuntime', BABE_ENGINE));
  const babe = preDigest ? decodeBabePreDigest(preDigest.data) : null;
  return {
    powNonce: powData?.length === POW_NONCE_BYTES ? decodeU64Le(powData) : null,
    powIndex,
    powSealCount: logs.filter(isItem('Seal', POW_ENGINE)).length,
    babeSealIndex: logs.findLastIndex(isItem('Seal', BABE_ENGINE)),
    babeSlot: babe?.slot ?? null,
    authorityIndex: babe?.authorityIndex ?? null,
    logCount: logs.length,
    layout: describeDigest(logs),
  };
}

/** Asserts the layout of a stored header: ..., Seal(aPoW, u64 nonce), Seal(BABE, ...). */
export function assertPowThenBabeSeals(seals, what) {
  const context = `${what}: digest logs are [${seals.layout}]`;
  assert.equal(seals.babeSealIndex, seals.logCount - 1, `${context}; BABE's seal must be last`);
  assert.equal(seals.powSealCount, 1, `${context}; expected exactly one ${POW_ENGINE} seal`);
  assert.equal(
    seals.powIndex,
    seals.logCount - 2,
    `${context}; the ${POW_ENGINE} seal must be second to last`,
  );
  assert.notEqual(seals.powNonce, null, `${context}; the ${POW_ENGINE} seal must hold a u64`);
  assert.notEqual(seals.authorityIndex, null, `${context}; no BABE pre-digest`);
}

/** The account that authored a block: the session validator at its BABE authority index. */
export function authorOf(validators, seals) {
  const author = validators[seals.authorityIndex];
  assert.ok(
    author !== undefined,
    `BABE authority index ${seals.authorityIndex} is out of range ` +
      `(${validators.length} session validators)`,
  );
  return author;
}

// ---------------------------------------------------------------------------------------
// Block rate

/** Blocks per slot between two canonical blocks (both included). */
export function blockRate({ firstNumber, lastNumber, firstSlot, lastSlot }) {
  const blocks = lastNumber - firstNumber + 1;
  const slots = Number(BigInt(lastSlot) - BigInt(firstSlot)) + 1;
  assert.ok(blocks > 0 && slots > 0, `empty range #${firstNumber}..#${lastNumber}`);
  return { blocks, slots, ratio: blocks / slots };
}

export function formatBlockRate({ blocks, slots, ratio }) {
  return `block rate: ${blocks} blocks in ${slots} slots (${(ratio * 100).toFixed(1)} %)`;
}

// ---------------------------------------------------------------------------------------
// Reading from a node

/** { hash, number, ...decodeSeals(header) } of the block with hex hash `hash`. */
export async function sealedBlock(api, hash) {
  const header = await api.rpc.chain.getHeader(hash);
  return { hash, number: header.number.toNumber(), ...decodeSeals(header) };
}

/** sealedBlock of every block #from..#to (inclusive) on the node's canonical chain. */
export async function canonicalSealedBlocks(api, from, to) {
  const blocks = [];
  for (let number = from; number <= to; number++) {
    const block = await sealedBlock(api, await canonicalHashAt(api, number));
    assert.equal(block.number, number, `the canonical hash at #${number} is of #${block.number}`);
    blocks.push(block);
  }
  return blocks;
}

/** { difficulty, min, max } (bigints) from the sealDifficulty pallet's storage at a block. */
export async function sealDifficultyAt(api, blockHash) {
  const apiAt = await api.at(blockHash);
  const [difficulty, bounds] = await Promise.all([
    apiAt.query.sealDifficulty.difficulty(),
    apiAt.query.sealDifficulty.bounds(),
  ]);
  return {
    difficulty: difficulty.toBigInt(),
    min: bounds.min.toBigInt(),
    max: bounds.max.toBigInt(),
  };
}

/** The difficulty from the runtime API SealDifficultyApi_seal_difficulty at a block. */
export async function runtimeSealDifficulty(node, blockHash) {
  const result = await rpcCall(node.rpcPort, 'state_call', [
    'SealDifficultyApi_seal_difficulty',
    '0x',
    blockHash,
  ]);
  return decodeU64Le(hexToU8a(result));
}
