// Hashes a file off the page's thread, streaming it in chunks so that a file of any size
// needs a few MiB of memory and the page stays responsive. One worker computes one of the two
// digests (the content hash, or the shards' leaf hashes and Merkle root); the page runs both at
// once, so a machine with two cores hashes at twice the speed of one.

import { ContentHasher, ShardHasher, toHex } from './integrity';
import type { DigestRequest, DigestResponse } from './digest';

/** Read size: large enough that per-chunk overhead vanishes, small enough to stay bounded. */
const CHUNK_BYTES = 4 << 20;

function post(message: DigestResponse): void {
  self.postMessage(message);
}

async function digest({ file, kind, shardSize }: DigestRequest): Promise<void> {
  const hasher = kind === 'content' ? new ContentHasher() : new ShardHasher(shardSize);
  for (let offset = 0; offset < file.size; offset += CHUNK_BYTES) {
    const chunk = new Uint8Array(await file.slice(offset, offset + CHUNK_BYTES).arrayBuffer());
    hasher.update(chunk);
    post({ type: 'progress', bytes: hasher.byteSize });
  }
  if (hasher instanceof ContentHasher) {
    if (hasher.byteSize === 0) throw new Error('the file is empty: a model has at least one byte');
    post({ type: 'content', contentHash: toHex(hasher.finish()), byteSize: hasher.byteSize });
  } else {
    const { leafHashes, merkleRoot } = hasher.finish();
    post({
      type: 'shards',
      merkleRoot: toHex(merkleRoot),
      firstLeafHash: toHex(leafHashes[0]),
      shardCount: leafHashes.length,
      byteSize: hasher.byteSize,
    });
  }
}

self.onmessage = (event: MessageEvent<DigestRequest>) => {
  digest(event.data).catch((error: unknown) =>
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
};
