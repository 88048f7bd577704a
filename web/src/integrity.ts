// What "this file is version N of the model" means, computed in the browser exactly as the
// `aegis-integrity` crate computes it on chain and in the `aegis` CLI:
//
// - the content hash is SHA3-512 of the whole file;
// - the file is cut into shards of a power-of-two size (4 KiB to 256 MiB, the CLI's default
//   1 MiB), the last one shorter; a shard's leaf hash is SHA3-512(0x00 ‖ shard), an inner node
//   SHA3-512(0x01 ‖ left ‖ right), an odd node at the end of a level is carried up unchanged,
//   and the Merkle root binds the leaf count: SHA3-512(0x02 ‖ u32le(count) ‖ top).
//
// The vectors in primitives/integrity/test-vectors pin every one of these (test/integrity.test.ts).

import { sha3_512 } from '@noble/hashes/sha3.js';
import { bytesToHex, concatBytes, hexToBytes } from '@noble/hashes/utils.js';

export const LEAF_PREFIX = 0x00;
export const NODE_PREFIX = 0x01;
export const ROOT_PREFIX = 0x02;
export const MIN_SHARD_SIZE = 1 << 12;
export const MAX_SHARD_SIZE = 1 << 28;
export const DEFAULT_SHARD_SIZE = 1 << 20;
/** A proof has at most this many siblings (trees of up to 2^32 - 1 leaves). */
export const MAX_PROOF_DEPTH = 32;
export const HASH_BYTES = 64;

export type Hash = Uint8Array;

/** `0x`-prefixed lowercase hex, as the chain's clients print hashes. */
export function toHex(bytes: Uint8Array): string {
  return `0x${bytesToHex(bytes)}`;
}

/** Bytes from hex with or without `0x`; `what` names the value in the error. */
export function fromHex(text: string, what: string, length?: number): Uint8Array {
  const digits = text.trim().replace(/^0x/i, '');
  if (!/^([0-9a-f]{2})*$/i.test(digits)) {
    throw new Error(`${what} is not hex: "${text.slice(0, 24)}…"`);
  }
  const bytes = hexToBytes(digits);
  if (length !== undefined && bytes.length !== length) {
    throw new Error(`${what} must be ${length} bytes, got ${bytes.length}`);
  }
  return bytes;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}

export function hashLeaf(data: Uint8Array): Hash {
  return sha3_512(concatBytes(Uint8Array.of(LEAF_PREFIX), data));
}

export function hashNode(left: Hash, right: Hash): Hash {
  return sha3_512(concatBytes(Uint8Array.of(NODE_PREFIX), left, right));
}

export function hashRoot(leafCount: number, top: Hash): Hash {
  const count = new Uint8Array(4);
  new DataView(count.buffer).setUint32(0, leafCount, true);
  return sha3_512(concatBytes(Uint8Array.of(ROOT_PREFIX), count, top));
}

export function merkleRoot(leafHashes: Hash[]): Hash {
  if (leafHashes.length === 0) throw new Error('a Merkle tree needs at least one leaf');
  if (leafHashes.length > 0xffff_ffff) throw new Error('too many leaves');
  let level = leafHashes;
  while (level.length > 1) {
    const next: Hash[] = [];
    for (let index = 0; index < level.length; index += 2) {
      next.push(index + 1 < level.length ? hashNode(level[index], level[index + 1]) : level[index]);
    }
    level = next;
  }
  return hashRoot(leafHashes.length, level[0]);
}

export interface MerkleProof {
  leafIndex: number;
  leafCount: number;
  siblings: Hash[];
}

/** How many siblings the proof of leaf `leafIndex` of `leafCount` has. */
export function proofDepth(leafIndex: number, leafCount: number): number {
  if (leafCount === 0) throw new Error('the tree has no leaves');
  if (leafIndex >= leafCount) throw new Error(`leaf ${leafIndex} of ${leafCount} does not exist`);
  let [index, width, depth] = [leafIndex, leafCount, 0];
  while (width > 1) {
    if (index % 2 === 1 || index + 1 < width) depth += 1;
    index = Math.floor(index / 2);
    width = Math.ceil(width / 2);
  }
  return depth;
}

export function merkleProof(leafHashes: Hash[], leafIndex: number): MerkleProof {
  proofDepth(leafIndex, leafHashes.length);
  const siblings: Hash[] = [];
  let level = leafHashes;
  let index = leafIndex;
  while (level.length > 1) {
    const sibling = index % 2 === 1 ? level[index - 1] : level[index + 1];
    if (sibling !== undefined) siblings.push(sibling);
    const next: Hash[] = [];
    for (let at = 0; at < level.length; at += 2) {
      next.push(at + 1 < level.length ? hashNode(level[at], level[at + 1]) : level[at]);
    }
    level = next;
    index = Math.floor(index / 2);
  }
  return { leafIndex, leafCount: leafHashes.length, siblings };
}

/** The root a proof leads to from `leafHash`; throws if the proof has the wrong length. */
export function merkleRootFromProof(leafHash: Hash, proof: MerkleProof): Hash {
  if (proofDepth(proof.leafIndex, proof.leafCount) !== proof.siblings.length) {
    throw new Error(
      `a proof of leaf ${proof.leafIndex} of ${proof.leafCount} has ` +
        `${proofDepth(proof.leafIndex, proof.leafCount)} siblings, this one ${proof.siblings.length}`,
    );
  }
  let [index, width, node] = [proof.leafIndex, proof.leafCount, leafHash];
  let next = 0;
  while (width > 1) {
    if (index % 2 === 1) node = hashNode(proof.siblings[next++], node);
    else if (index + 1 < width) node = hashNode(node, proof.siblings[next++]);
    index = Math.floor(index / 2);
    width = Math.ceil(width / 2);
  }
  return hashRoot(proof.leafCount, node);
}

export function isShardSize(size: number): boolean {
  return (
    Number.isInteger(size) &&
    size >= MIN_SHARD_SIZE &&
    size <= MAX_SHARD_SIZE &&
    (size & (size - 1)) === 0
  );
}

/**
 * The shard size a version was cut with, from its declared byte size and shard count: the
 * power of two for which the file has exactly that many shards. Unique when there are two
 * shards or more; for one shard every size at least the file's gives the same root, and the
 * smallest is returned. `undefined` when no allowed size fits (the chain refuses such
 * declarations, so this means the version was not made by the CLI's rules).
 */
export function shardSizeOf(byteSize: bigint, shardCount: number): number | undefined {
  for (let size = MIN_SHARD_SIZE; size <= MAX_SHARD_SIZE; size *= 2) {
    const shards = (byteSize + BigInt(size) - 1n) / BigInt(size);
    if (shards === BigInt(shardCount)) return size;
  }
  return undefined;
}

/** SHA3-512 over a stream of chunks: the content hash. */
export class ContentHasher {
  private readonly hasher = sha3_512.create();
  private bytes = 0;

  update(chunk: Uint8Array): void {
    this.hasher.update(chunk);
    this.bytes += chunk.length;
  }

  get byteSize(): number {
    return this.bytes;
  }

  finish(): Hash {
    return this.hasher.digest();
  }
}

/**
 * The leaf hashes of a stream cut into `shardSize` shards, whatever the chunks' sizes: a
 * shard's hash is streamed too, so a 256 MiB shard never sits in memory whole.
 */
export class ShardHasher {
  readonly leafHashes: Hash[] = [];
  private current = ShardHasher.newLeaf();
  private inShard = 0;
  private bytes = 0;

  constructor(readonly shardSize: number) {
    if (!isShardSize(shardSize)) {
      throw new Error(
        `the shard size must be a power of two from 4 KiB to 256 MiB, got ${shardSize}`,
      );
    }
  }

  private static newLeaf() {
    return sha3_512.create().update(Uint8Array.of(LEAF_PREFIX));
  }

  update(chunk: Uint8Array): void {
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(this.shardSize - this.inShard, chunk.length - offset);
      this.current.update(chunk.subarray(offset, offset + take));
      this.inShard += take;
      offset += take;
      if (this.inShard === this.shardSize) this.closeShard();
    }
    this.bytes += chunk.length;
  }

  private closeShard(): void {
    this.leafHashes.push(this.current.digest());
    this.current = ShardHasher.newLeaf();
    this.inShard = 0;
  }

  get byteSize(): number {
    return this.bytes;
  }

  /** The leaf hashes and the Merkle root; a model needs at least one byte. */
  finish(): { leafHashes: Hash[]; merkleRoot: Hash } {
    if (this.inShard > 0) this.closeShard();
    if (this.leafHashes.length === 0)
      throw new Error('the file is empty: a model has at least one byte');
    return { leafHashes: this.leafHashes, merkleRoot: merkleRoot(this.leafHashes) };
  }
}

/** A proof file as `aegis model proof` writes it. */
export interface ProofFile {
  shard: number;
  shardSize: number;
  byteSize: bigint;
  leafHash: Hash;
  merkleRoot: Hash;
  proof: MerkleProof;
}

/** The SCALE encoding of a proof: u32 index, u32 count, compact length, siblings. */
export function encodeMerkleProof(proof: MerkleProof): Uint8Array {
  const head = new Uint8Array(8);
  const view = new DataView(head.buffer);
  view.setUint32(0, proof.leafIndex, true);
  view.setUint32(4, proof.leafCount, true);
  // Compact encodings of 0..=63 are one byte, value << 2; a proof has at most 32 siblings.
  return concatBytes(head, Uint8Array.of(proof.siblings.length << 2), ...proof.siblings);
}

function requireUint32(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xffff_ffff) {
    throw new Error(`the proof file's "${field}" must be a whole number from 0 to 2^32 - 1`);
  }
  return value;
}

/** Parses and checks a proof file (JSON from `aegis model proof`); throws a readable error. */
export function parseProofFile(text: string): ProofFile {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('the proof file is not JSON: give the file `aegis model proof` wrote');
  }
  if (typeof json !== 'object' || json === null)
    throw new Error('the proof file is not a JSON object');
  const hash = (field: string) => {
    const value = json[field];
    if (typeof value !== 'string') throw new Error(`the proof file has no "${field}"`);
    return fromHex(value, `the proof file's "${field}"`, HASH_BYTES);
  };
  const siblings = json.siblings;
  if (!Array.isArray(siblings) || siblings.length > MAX_PROOF_DEPTH) {
    throw new Error(
      `the proof file's "siblings" must be a list of at most ${MAX_PROOF_DEPTH} hashes`,
    );
  }
  const proof: MerkleProof = {
    leafIndex: requireUint32(json.leaf_index, 'leaf_index'),
    leafCount: requireUint32(json.leaf_count, 'leaf_count'),
    siblings: siblings.map((sibling, index) => {
      if (typeof sibling !== 'string') throw new Error(`sibling ${index} is not a hex string`);
      return fromHex(sibling, `sibling ${index}`, HASH_BYTES);
    }),
  };
  const shardSize = requireUint32(json.shard_size, 'shard_size');
  if (!isShardSize(shardSize))
    throw new Error(`the proof file's shard size ${shardSize} is not allowed`);
  const byteSize = json.byte_size;
  if (typeof byteSize !== 'number' || !Number.isSafeInteger(byteSize) || byteSize <= 0) {
    throw new Error('the proof file\'s "byte_size" must be a positive whole number');
  }
  if (typeof json.proof_scale === 'string') {
    const scale = fromHex(json.proof_scale, 'the proof file\'s "proof_scale"');
    if (!sameBytes(scale, encodeMerkleProof(proof))) {
      throw new Error('the proof file\'s "proof_scale" disagrees with its fields');
    }
  }
  return {
    shard: requireUint32(json.shard, 'shard'),
    shardSize,
    byteSize: BigInt(byteSize),
    leafHash: hash('leaf_hash'),
    merkleRoot: hash('merkle_root'),
    proof,
  };
}
