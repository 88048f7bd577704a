// zombienet/pov-report.mjs reads what the collators export and log after a parachain run
// (scripts/zombienet.sh parachain test); these are its readers, on the formats the polkadot-sdk
// code writes: a PoV file is the SCALE-encoded compressed PoV then the persisted validation
// data (ending with the relay chain's `max_pov_size`), and the collators' log lines.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  decodeCompact,
  parseValidatorOutput,
  povSizesFromLog,
  readPovFile,
} from '../../../zombienet/pov-report.mjs';

/** SCALE compact encoding of `n` (< 2^30). */
function compact(n) {
  if (n < 1 << 6) return [n << 2];
  if (n < 1 << 14) return [((n << 2) | 1) & 0xff, n >> 6];
  const v = (n << 2) | 2;
  return [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
}

/** A PoV file as the collator writes it, with `blockData` bytes of compressed PoV. */
function povFile(blockData, maxPovSize) {
  const parentHead = [...compact(3), 1, 2, 3];
  const relayParentNumber = [7, 0, 0, 0];
  const storageRoot = new Array(32).fill(0xab);
  const max = [maxPovSize & 0xff, (maxPovSize >> 8) & 0xff, (maxPovSize >> 16) & 0xff, maxPovSize >>> 24];
  return new Uint8Array([
    ...compact(blockData),
    ...new Array(blockData).fill(0x5a),
    ...parentHead,
    ...relayParentNumber,
    ...storageRoot,
    ...max,
  ]);
}

describe('pov-report', () => {
  it('decodes SCALE compact lengths in all three short modes', () => {
    for (const n of [0, 63, 64, 16_383, 16_384, 5 * 1024 * 1024]) {
      const bytes = new Uint8Array(compact(n));
      assert.deepEqual(decodeCompact(bytes), { value: n, length: bytes.length }, `${n}`);
    }
  });

  it("reads a PoV file's compressed size and the relay chain's max_pov_size", () => {
    for (const size of [10, 300, 70_000]) {
      const file = povFile(size, 10 * 1024 * 1024);
      assert.deepEqual(readPovFile(file), { compressedBytes: size, maxPovSize: 10 * 1024 * 1024 });
    }
    assert.throws(() => readPovFile(povFile(300, 5).subarray(0, 200)), /truncated/);
  });

  it('takes the PoV sizes logged after each proposed block, by block number', () => {
    const log = [
      '2026-12-05 22:40:01 [Parachain] 🎁 Prepared block for proposing at 41 (812 ms) hash: 0x01, parent_hash: 0x00, extrinsics_count: 2',
      '2026-12-05 22:40:01 [Parachain] PoV size header_kb=0.2275390625 extrinsics_kb=0.033203125 storage_proof_kb=12.5',
      '2026-12-05 22:40:01 [Parachain] Compressed PoV size: 7.1kb',
      '2026-12-05 22:40:07 [Parachain] 🎁 Prepared block for proposing at 42 (1999 ms) hash: 0x02, parent_hash: 0x01, extrinsics_count: 5201',
      '2026-12-05 22:40:07 [Parachain] PoV size header_kb=0.23 extrinsics_kb=780.25 storage_proof_kb=2101.5',
      // A size line with no proposal before it (another collator's block) is not attributed.
      '2026-12-05 22:40:13 [Parachain] PoV size header_kb=9 extrinsics_kb=9 storage_proof_kb=9',
    ].join('\n');
    assert.deepEqual(
      [...povSizesFromLog(log)],
      [
        [41, { headerKb: 0.2275390625, extrinsicsKb: 0.033203125, storageProofKb: 12.5 }],
        [42, { headerKb: 0.23, extrinsicsKb: 780.25, storageProofKb: 2101.5 }],
      ],
    );
  });

  it("reads cumulus-pov-validator's verdict and time", () => {
    const ok = 'INFO Starting validation\nINFO Validation was successful\nINFO Validation took 143ms';
    assert.deepEqual(parseValidatorOutput(ok), { valid: true, ms: 143 });
    const failed = 'INFO Starting validation\nERROR Validation failed error=…\nINFO Validation took 9ms';
    assert.deepEqual(parseValidatorOutput(failed), { valid: false, ms: 9 });
  });
});
