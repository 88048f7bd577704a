// The page's side of hashing: starts the workers (src/hash.worker.ts) and gathers their
// results. Nothing of the file leaves the machine: workers read it through the File API.

import { MAX_SHARD_SIZE, MIN_SHARD_SIZE } from './integrity';

export type DigestKind = 'content' | 'shards';

export interface DigestRequest {
  file: Blob;
  kind: DigestKind;
  shardSize: number;
}

export type DigestResponse =
  | { type: 'progress'; bytes: number }
  | { type: 'content'; contentHash: string; byteSize: number }
  | {
      type: 'shards';
      merkleRoot: string;
      firstLeafHash: string;
      shardCount: number;
      byteSize: number;
    }
  | { type: 'error'; message: string };

export interface FileDigest {
  contentHash: string;
  merkleRoot: string;
  shardSize: number;
  shardCount: number;
  byteSize: number;
  /** Wall time of the hashing, to report throughput. */
  elapsedMs: number;
}

/** Called with the bytes hashed so far (over every running worker) and the total to hash. */
export type Progress = (done: number, total: number) => void;

/**
 * Runs one worker; `signal` stops it (a newer file was picked), and the promise rejects.
 */
function runWorker(
  request: DigestRequest,
  onBytes: (bytes: number) => void,
  signal?: AbortSignal,
): Promise<DigestResponse> {
  if (signal?.aborted) return Promise.reject(new Error('cancelled'));
  const worker = new Worker(new URL('./hash.worker.ts', import.meta.url), { type: 'module' });
  return new Promise<DigestResponse>((resolve, reject) => {
    signal?.addEventListener('abort', () => {
      worker.terminate();
      reject(new Error('cancelled'));
    });
    worker.onmessage = ({ data }: MessageEvent<DigestResponse>) => {
      if (data.type === 'progress') {
        onBytes(data.bytes);
        return;
      }
      worker.terminate();
      if (data.type === 'error') reject(new Error(data.message));
      else resolve(data);
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(`the hashing worker failed: ${event.message || 'unknown error'}`));
    };
    worker.postMessage(request);
  });
}

/** The content hash and the Merkle root with `shardSize` shards, both workers at once. */
export async function digestFile(
  file: Blob,
  shardSize: number,
  onProgress: Progress,
  signal?: AbortSignal,
): Promise<FileDigest> {
  const started = performance.now();
  const done = { content: 0, shards: 0 };
  const report = () => onProgress(done.content + done.shards, 2 * file.size);
  // One worker failing stops the other, as does the caller's signal.
  const stop = new AbortController();
  signal?.addEventListener('abort', () => stop.abort());
  const [content, shards] = await Promise.all(
    (['content', 'shards'] as const).map((kind) =>
      runWorker(
        { file, kind, shardSize },
        (bytes) => {
          done[kind] = bytes;
          report();
        },
        stop.signal,
      ),
    ),
  ).catch((error: unknown) => {
    stop.abort();
    throw error;
  });
  if (content.type !== 'content' || shards.type !== 'shards')
    throw new Error('unexpected worker reply');
  return {
    contentHash: content.contentHash,
    merkleRoot: shards.merkleRoot,
    shardSize,
    shardCount: shards.shardCount,
    byteSize: content.byteSize,
    elapsedMs: performance.now() - started,
  };
}

/** The Merkle root of `file` cut into `shardSize` shards (a second pass for another size). */
export async function merkleRootOf(
  file: Blob,
  shardSize: number,
  onProgress: Progress,
  signal?: AbortSignal,
): Promise<string> {
  const reply = await runWorker(
    { file, kind: 'shards', shardSize },
    (bytes) => onProgress(bytes, file.size),
    signal,
  );
  if (reply.type !== 'shards') throw new Error('unexpected worker reply');
  return reply.merkleRoot;
}

/** The leaf hash SHA3-512(0x00 ‖ shard) of a whole shard file. */
export async function leafHashOf(shard: Blob, onProgress: Progress): Promise<string> {
  if (shard.size === 0) throw new Error('the shard file is empty');
  if (shard.size > MAX_SHARD_SIZE)
    throw new Error('a shard is at most 256 MiB: this is not a shard file');
  let shardSize = MIN_SHARD_SIZE;
  while (shardSize < shard.size) shardSize *= 2;
  const reply = await runWorker({ file: shard, kind: 'shards', shardSize }, (bytes) =>
    onProgress(bytes, shard.size),
  );
  if (reply.type !== 'shards') throw new Error('unexpected worker reply');
  return reply.firstLeafHash;
}
