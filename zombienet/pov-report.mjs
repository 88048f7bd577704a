// After `scripts/zombienet.sh parachain test`: the proof of validity (PoV) and validation time
// of the blocks `measure-blocks.js` made (a Groth16 attestation, full blocks of transfers),
// against the relay chain's limits.
//
//   node zombienet/pov-report.mjs <network dir> <PoV dir>
//
// - The collators exported every PoV they built (`--export-pov-to-path`): `<hash>_<n>.pov`,
//   the compressed PoV as the relay chain receives it, then the persisted validation data,
//   whose last field is the relay chain's `max_pov_size`.
// - Uncompressed sizes (header, extrinsics, storage proof) come from the collators' log line
//   "PoV size", the one after the proposer's "Prepared block for proposing at <n>".
// - Validation time: `cumulus-pov-validator` runs the parachain's `validate_block` on the PoV
//   with the validation code the relay chain holds, in Substrate's wasmtime executor as PVF
//   workers do; the median of RUNS. The relay chain allows 2 s to backing validators and
//   12 s to approval checkers (polkadot-primitives' default executor parameters).
//
// Prints a table and writes `<network dir>/aegis-pov-report.json`; exits 1 if a block's PoV is
// missing or fails validation.

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const RUNS = 5;
export const BACKING_TIMEOUT_MS = 2_000;
export const APPROVAL_TIMEOUT_MS = 12_000;

/** SCALE compact integer at `offset`: { value, length }. */
export function decodeCompact(bytes, offset = 0) {
  const mode = bytes[offset] & 0b11;
  if (mode === 0) return { value: bytes[offset] >> 2, length: 1 };
  if (mode === 1) return { value: (bytes[offset] | (bytes[offset + 1] << 8)) >>> 2, length: 2 };
  if (mode === 2) {
    const view = new DataView(bytes.buffer, bytes.byteOffset + offset, 4);
    return { value: view.getUint32(0, true) >>> 2, length: 4 };
  }
  throw new Error('a PoV larger than 2^30 bytes');
}

/**
 * An exported PoV file: the compressed PoV's size and the relay chain's `max_pov_size` (the
 * file's last four bytes, little-endian: the persisted validation data ends with it).
 */
export function readPovFile(bytes) {
  const { value, length } = decodeCompact(bytes);
  if (length + value + 4 > bytes.length) throw new Error('a truncated PoV file');
  const view = new DataView(bytes.buffer, bytes.byteOffset + bytes.length - 4, 4);
  return { compressedBytes: value, maxPovSize: view.getUint32(0, true) };
}

/**
 * The "PoV size" lines of a collator log, by block number: the one that follows the
 * proposer's "Prepared block for proposing at <n>" line.
 */
export function povSizesFromLog(text) {
  const sizes = new Map();
  let proposed = null;
  for (const line of text.split('\n')) {
    const prepared = line.match(/Prepared block for proposing at (\d+)/);
    if (prepared) {
      proposed = Number(prepared[1]);
      continue;
    }
    const size = line.match(
      /PoV size header_kb=([\d.]+) extrinsics_kb=([\d.]+) storage_proof_kb=([\d.]+)/,
    );
    if (size && proposed !== null) {
      const [headerKb, extrinsicsKb, storageProofKb] = size.slice(1).map(Number);
      sizes.set(proposed, { headerKb, extrinsicsKb, storageProofKb });
      proposed = null;
    }
  }
  return sizes;
}

/** `cumulus-pov-validator`'s verdict and time in milliseconds, from its log. */
export function parseValidatorOutput(text) {
  const took = text.match(/Validation took (\d+)ms/);
  return { valid: /Validation was successful/.test(text), ms: took ? Number(took[1]) : null };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const kib = (bytes) => Math.round((bytes / 1024) * 10) / 10;

async function validate(codePath, povPath) {
  const times = [];
  for (let run = 0; run < RUNS; run++) {
    const { stdout, stderr } = await promisify(execFile)(
      'cumulus-pov-validator',
      ['--validation-code', codePath, '--pov', povPath],
      { maxBuffer: 16 * 1024 * 1024 },
    );
    const { valid, ms } = parseValidatorOutput(`${stdout}\n${stderr}`);
    if (!valid || ms === null) throw new Error(`${povPath} failed validation:\n${stderr}`);
    times.push(ms);
  }
  return { medianMs: median(times), timesMs: times };
}

/** The validation code as raw bytes in a file: zombienet writes it as hex. */
async function rawCode(wasmPath, networkDir) {
  const text = await readFile(wasmPath, 'utf8').catch(() => null);
  if (text === null || !/^0x[0-9a-fA-F]+\s*$/.test(text)) return wasmPath;
  const out = path.join(networkDir, 'aegis-validation-code.wasm');
  await writeFile(out, Buffer.from(text.trim().slice(2), 'hex'));
  return out;
}

async function main([networkDir, povDir]) {
  if (!networkDir || !povDir) {
    console.error('usage: node zombienet/pov-report.mjs <network dir> <PoV dir>');
    process.exit(64);
  }
  const record = JSON.parse(await readFile(path.join(networkDir, 'aegis-blocks.json'), 'utf8'));
  if (!record.validationCode) throw new Error('aegis-blocks.json names no validation code');
  const code = await rawCode(record.validationCode, networkDir);
  const logs = new Map();
  for (const name of ['aegis-collator-1', 'aegis-collator-2']) {
    const file = path.join(networkDir, `${name}.log`);
    if (existsSync(file)) {
      for (const [n, s] of povSizesFromLog(await readFile(file, 'utf8'))) logs.set(n, s);
    }
  }
  const files = await readdir(povDir);
  const rows = [];
  for (const block of record.blocks) {
    const file = files.find((f) => f.startsWith(`${block.hash}_`));
    if (!file) throw new Error(`no exported PoV for #${block.number} (${block.hash})`);
    const povPath = path.join(povDir, file);
    const pov = readPovFile(new Uint8Array(await readFile(povPath)));
    const validation = await validate(code, povPath);
    rows.push({ ...block, pov: { ...pov, uncompressed: logs.get(block.number) ?? null }, validation });
  }
  await writeFile(
    path.join(networkDir, 'aegis-pov-report.json'),
    `${JSON.stringify({ ...record, blocks: rows }, null, 2)}\n`,
  );
  console.log(
    `PoV and validation time (cumulus-pov-validator, median of ${RUNS}); relay limits: PoV ${kib(rows[0].pov.maxPovSize)} KiB, backing ${BACKING_TIMEOUT_MS} ms, approval ${APPROVAL_TIMEOUT_MS} ms`,
  );
  for (const row of rows) {
    const u = row.pov.uncompressed;
    const calls = Object.entries(row.calls)
      .map(([name, count]) => `${count} ${name}`)
      .join(', ');
    const refShare = Number(BigInt(row.normal.refTimePs) * 1000n / BigInt(row.normal.refTimeLimitPs)) / 10;
    const proofShare =
      Number((BigInt(row.normal.proofSize) * 1000n) / BigInt(row.normal.proofSizeLimit)) / 10;
    console.log(
      [
        `#${row.number} ${row.label}: ${calls}`,
        `  PoV ${kib(row.pov.compressedBytes)} KiB compressed (${((row.pov.compressedBytes / row.pov.maxPovSize) * 100).toFixed(1)} % of the relay's limit)` +
          (u ? `; uncompressed: header ${u.headerKb.toFixed(1)} KiB, extrinsics ${u.extrinsicsKb.toFixed(1)} KiB, storage proof ${u.storageProofKb.toFixed(1)} KiB` : ''),
        `  validate_block ${row.validation.medianMs} ms (${row.validation.timesMs.join(', ')}): ${((row.validation.medianMs / BACKING_TIMEOUT_MS) * 100).toFixed(1)} % of backing's 2 s`,
        `  normal class: ref time ${refShare} %, proof size ${proofShare} % of its limit; ${kib(row.lengthBytes)} KiB of ${kib(row.lengthLimit)} KiB length`,
        row.relay
          ? `  relay: built on #${row.relay.relayParent}, backed in #${row.relay.backed} (${row.relay.backedMs} ms), included in #${row.relay.included} (${row.relay.includedMs} ms after its relay parent)`
          : '  relay: not found among the relay blocks read',
      ].join('\n'),
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(`error: ${error.message}`);
    process.exit(1);
  });
}
