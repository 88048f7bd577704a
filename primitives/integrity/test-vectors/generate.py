#!/usr/bin/env python3
"""Writes vectors.json: test vectors for aegis-integrity, computed with Python's hashlib.

An implementation independent of the Rust crates (hashlib's SHA3 comes from OpenSSL or the
Keccak reference code, not from RustCrypto), following the construction documented in
primitives/integrity/src/merkle.rs and content.rs. The Rust tests check their output against
this file byte for byte. Rerun after changing the construction:

    python3 primitives/integrity/test-vectors/generate.py
"""
import hashlib
import json
import pathlib
import struct


def sha3(data: bytes) -> bytes:
    return hashlib.sha3_512(data).digest()


def leaf(data: bytes) -> bytes:
    return sha3(b"\x00" + data)


def node(left: bytes, right: bytes) -> bytes:
    return sha3(b"\x01" + left + right)


def root(leaves):
    """The root binds the number of leaves: SHA3-512(0x02 || count as u32 LE || top)."""
    return sha3(b"\x02" + struct.pack("<I", len(leaves)) + levels(leaves)[-1][0])


def levels(leaves):
    """All levels of the tree, leaves first; an odd last node is promoted, not duplicated."""
    out = [list(leaves)]
    while len(out[-1]) > 1:
        level = out[-1]
        nxt = [node(level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
        if len(level) % 2 == 1:
            nxt.append(level[-1])
        out.append(nxt)
    return out


def proof(leaves, index):
    siblings = []
    for level in levels(leaves)[:-1]:
        sibling = index - 1 if index % 2 == 1 else index + 1
        if sibling < len(level):
            siblings.append(level[sibling].hex())
        index //= 2
    return siblings


def vector_encoding(dtype_code, shape, data):
    header = b"AEGISVEC" + bytes([1, dtype_code, len(shape), 0])
    header += b"".join(struct.pack("<Q", d) for d in shape)
    return header + data


def compact(n):
    """SCALE's compact encoding, for the lengths (below 2^14) that occur here."""
    if n < 1 << 6:
        return bytes([n << 2])
    return struct.pack("<H", (n << 2) | 1)


def signing_message(genesis, purpose, payload):
    """The message an Aegis ML-DSA signature covers (primitives/integrity/src/pq.rs)."""
    return genesis + compact(len(purpose)) + purpose + payload


def main():
    hashes = [
        {"input_hex": data.hex(), "sha3_512": sha3(data).hex()}
        for data in [b"", b"abc", bytes(i % 251 for i in range(1000))]
    ]

    f32_values = [0.5, -1.0, 2.0, 3.25, 0.0, 1e-3]
    f32_data = b"".join(struct.pack("<f", v) for v in f32_values)
    vectors = [
        {
            "dtype": 0,
            "shape": [2, 3],
            "data_hex": f32_data.hex(),
            "encoding_hex": vector_encoding(0, [2, 3], f32_data).hex(),
            "content_hash": sha3(vector_encoding(0, [2, 3], f32_data)).hex(),
        },
        {
            "dtype": 3,
            "shape": [4],
            "data_hex": bytes([0x80, 0xFF, 0x00, 0x7F]).hex(),
            "encoding_hex": vector_encoding(3, [4], bytes([0x80, 0xFF, 0x00, 0x7F])).hex(),
            "content_hash": sha3(vector_encoding(3, [4], bytes([0x80, 0xFF, 0x00, 0x7F]))).hex(),
        },
    ]

    trees = []
    for count in [1, 2, 3, 4, 5, 6, 7, 13]:
        shards = [f"shard-{i}".encode() for i in range(count)]
        leaves = [leaf(s) for s in shards]
        trees.append(
            {
                "shards_hex": [s.hex() for s in shards],
                "leaf_hashes": [l.hex() for l in leaves],
                "root": root(leaves).hex(),
                "proofs": [proof(leaves, i) for i in range(count)],
            }
        )

    genesis = bytes(range(32))
    messages = [
        {
            "genesis_hex": genesis.hex(),
            "purpose_hex": purpose.hex(),
            "payload_hex": payload.hex(),
            "message_hex": signing_message(genesis, purpose, payload).hex(),
        }
        for purpose, payload in [
            (b"aegis/model-update", bytes(range(40))),
            (b"", b""),
            (b"p" * 64, b"payload"),
        ]
    ]

    out = {"generator": "primitives/integrity/test-vectors/generate.py", "sha3_512": hashes,
           "vectors": vectors, "merkle_trees": trees, "signing_messages": messages}
    path = pathlib.Path(__file__).with_name("vectors.json")
    path.write_text(json.dumps(out, indent=1) + "\n")


if __name__ == "__main__":
    main()
