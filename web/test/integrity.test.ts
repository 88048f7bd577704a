// The page's hashing against the `aegis-integrity` crate's test vectors
// (primitives/integrity/test-vectors/vectors.json, which the crate's own tests check too).

import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import {
  ContentHasher,
  DEFAULT_SHARD_SIZE,
  MIN_SHARD_SIZE,
  ShardHasher,
  encodeMerkleProof,
  fromHex,
  hashLeaf,
  merkleProof,
  merkleRoot,
  merkleRootFromProof,
  parseProofFile,
  shardSizeOf,
  toHex,
} from '../src/integrity';

interface Vectors {
  sha3_512: Array<{ input_hex: string; sha3_512: string }>;
  vectors: Array<{ encoding_hex: string; content_hash: string }>;
  merkle_trees: Array<{
    shards_hex: string[];
    leaf_hashes: string[];
    root: string;
    proofs: string[][];
  }>;
}

const vectors: Vectors = JSON.parse(
  readFileSync(
    new URL('../../primitives/integrity/test-vectors/vectors.json', import.meta.url),
    'utf8',
  ),
);
const hex = (text: string) => toHex(fromHex(text, 'vector'));

/** A deterministic file of `length` bytes. */
function bytes(length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, index) => (index * 31) % 251);
}

/** Feeds `data` to a hasher in chunks of `chunk` bytes, as the worker reads a file. */
function feed<T extends { update(chunk: Uint8Array): void }>(
  hasher: T,
  data: Uint8Array,
  chunk: number,
): T {
  for (let offset = 0; offset < data.length; offset += chunk)
    hasher.update(data.subarray(offset, offset + chunk));
  return hasher;
}

describe('content hash', () => {
  it('is SHA3-512 of the bytes, as in the vectors, whatever the chunking', () => {
    expect(vectors.sha3_512.length).toBeGreaterThan(0);
    for (const { input_hex, sha3_512 } of vectors.sha3_512) {
      const input = fromHex(input_hex, 'input');
      for (const chunk of [1, 7, 64, 1 << 20]) {
        expect(toHex(feed(new ContentHasher(), input, chunk).finish())).toBe(hex(sha3_512));
      }
    }
    for (const { encoding_hex, content_hash } of vectors.vectors) {
      expect(toHex(feed(new ContentHasher(), fromHex(encoding_hex, 'encoding'), 5).finish())).toBe(
        hex(content_hash),
      );
    }
  });
});

describe('Merkle trees', () => {
  it('give the vectors’ leaf hashes, roots and proofs', () => {
    expect(vectors.merkle_trees.length).toBeGreaterThan(3);
    for (const tree of vectors.merkle_trees) {
      const leaves = tree.shards_hex.map((shard) => hashLeaf(fromHex(shard, 'shard')));
      expect(leaves.map(toHex)).toEqual(tree.leaf_hashes.map(hex));
      expect(toHex(merkleRoot(leaves))).toBe(hex(tree.root));
      tree.proofs.forEach((siblings, index) => {
        const proof = merkleProof(leaves, index);
        expect(proof.siblings.map(toHex)).toEqual(siblings.map(hex));
        expect(toHex(merkleRootFromProof(leaves[index], proof))).toBe(hex(tree.root));
      });
    }
  });

  it('refuse a proof of the wrong length, and lead elsewhere from another leaf', () => {
    const leaves = [0, 1, 2, 3, 4].map((index) => hashLeaf(Uint8Array.of(index)));
    const proof = merkleProof(leaves, 3);
    expect(() =>
      merkleRootFromProof(leaves[3], { ...proof, siblings: proof.siblings.slice(1) }),
    ).toThrow(/siblings/);
    expect(toHex(merkleRootFromProof(leaves[2], proof))).not.toBe(toHex(merkleRoot(leaves)));
  });
});

describe('streaming shards', () => {
  it('hash each shard as hashLeaf does, across chunk boundaries', () => {
    for (const length of [1, 4095, 4096, 4097, 3 * 4096, 5 * 4096 + 17]) {
      const data = bytes(length);
      const expected: Uint8Array[] = [];
      for (let offset = 0; offset < length; offset += MIN_SHARD_SIZE) {
        expected.push(hashLeaf(data.subarray(offset, offset + MIN_SHARD_SIZE)));
      }
      for (const chunk of [1000, 4096, 10_000]) {
        const { leafHashes, merkleRoot: root } = feed(
          new ShardHasher(MIN_SHARD_SIZE),
          data,
          chunk,
        ).finish();
        expect(leafHashes.map(toHex)).toEqual(expected.map(toHex));
        expect(toHex(root)).toBe(toHex(merkleRoot(expected)));
      }
    }
  });

  it('refuse an empty file and shard sizes the CLI refuses', () => {
    expect(() => new ShardHasher(DEFAULT_SHARD_SIZE).finish()).toThrow(/empty/);
    for (const size of [0, 2048, 4097, 1 << 29])
      expect(() => new ShardHasher(size)).toThrow(/power of two/);
  });

  it('recover the shard size from a declaration', () => {
    expect(shardSizeOf(5n * 4096n + 17n, 6)).toBe(4096);
    expect(shardSizeOf(3n << 20n, 3)).toBe(1 << 20);
    expect(shardSizeOf((3n << 20n) + 1n, 2)).toBe(1 << 21);
    expect(shardSizeOf(100n, 1)).toBe(4096);
    expect(shardSizeOf(100n, 2)).toBeUndefined();
  });
});

describe('proof files', () => {
  const leaves = [0, 1, 2].map((index) => hashLeaf(bytes(100 + index)));
  const proof = merkleProof(leaves, 1);
  const json = {
    shard: 1,
    shard_size: 4096,
    byte_size: 9000,
    leaf_hash: toHex(leaves[1]),
    merkle_root: toHex(merkleRoot(leaves)),
    leaf_index: 1,
    leaf_count: 3,
    siblings: proof.siblings.map(toHex),
    proof_scale: toHex(encodeMerkleProof(proof)),
  };

  it('parse as `aegis model proof` writes them', () => {
    const parsed = parseProofFile(JSON.stringify(json));
    expect(parsed.proof.siblings.map(toHex)).toEqual(json.siblings);
    expect(toHex(merkleRootFromProof(parsed.leafHash, parsed.proof))).toBe(json.merkle_root);
    expect(parsed.byteSize).toBe(9000n);
  });

  it('are refused, with the reason, when damaged', () => {
    const damaged = (change: Record<string, unknown>) => () =>
      parseProofFile(JSON.stringify({ ...json, ...change }));
    expect(() => parseProofFile('not json')).toThrow(/not JSON/);
    expect(damaged({ leaf_hash: '0x1234' })).toThrow(/64 bytes/);
    expect(damaged({ siblings: ['zz'] })).toThrow(/not hex/);
    expect(damaged({ leaf_index: -1 })).toThrow(/leaf_index/);
    expect(damaged({ shard_size: 3000 })).toThrow(/shard size/);
    expect(damaged({ leaf_index: 0 })).toThrow(/proof_scale/);
    expect(damaged({ siblings: Array(33).fill(json.siblings[0]) })).toThrow(/at most 32/);
  });
});
