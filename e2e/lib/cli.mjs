// The `aegis` command-line tool as the tests run it.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';

import { sha3_512 } from '@noble/hashes/sha3.js';

/** The `aegis` binary: AEGIS_CLI_BIN, or beside the node binary (one cargo target dir). */
export function aegisBinary() {
  if (process.env.AEGIS_CLI_BIN) return process.env.AEGIS_CLI_BIN;
  if (!process.env.AEGIS_NODE_BIN) throw new Error('set AEGIS_CLI_BIN or AEGIS_NODE_BIN');
  return join(dirname(process.env.AEGIS_NODE_BIN), 'aegis');
}

/** Runs aegis in `cwd`; resolves to { code, stdout, stderr } whatever the exit code. */
export function aegis(cwd, args) {
  return new Promise((resolve) => {
    execFile(aegisBinary(), args, { cwd, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? (error.code ?? -1) : 0, stdout, stderr });
    });
  });
}

export async function aegisOk(cwd, args) {
  const run = await aegis(cwd, args);
  assert.equal(run.code, 0, `aegis ${args.join(' ')} failed:\n${run.stderr}`);
  return run.stdout;
}

/** Bytes that look random but are the same every run. */
export function fixedBytes(length, label) {
  const out = new Uint8Array(length);
  let block = sha3_512(new TextEncoder().encode(label));
  for (let offset = 0; offset < length; offset += block.length) {
    out.set(block.subarray(0, Math.min(block.length, length - offset)), offset);
    block = sha3_512(block);
  }
  return out;
}
