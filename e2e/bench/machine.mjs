// This machine against Substrate's reference hardware (`aegis-node benchmark machine`), and
// what a run's figures project to on that hardware.

import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** The sTPS the requirements ask for. */
export const TARGET_PER_SECOND = 10_000;

/**
 * The rows of `benchmark machine`'s table: `{ category, name, score, minimum, percent }`, one
 * per metric, `percent` being the score as a share of the reference hardware's.
 */
export function parseMachineTable(text) {
  const rows = [];
  for (const line of text.split('\n')) {
    const cells = line
      .split(/[│|]/)
      .map((cell) => cell.trim())
      .filter((cell) => cell.length > 0);
    if (cells.length !== 5) continue;
    const percent = /\(\s*([0-9.]+)\s*%\)/.exec(cells[4]);
    if (!percent) continue;
    const [category, name, score, minimum] = cells;
    rows.push({ category, name, score, minimum, percent: Number(percent[1]) });
  }
  return rows;
}

/**
 * Runs `benchmark machine` with `binary` (a node built with `--features runtime-benchmarks`)
 * and returns its rows. Takes about half a minute (five seconds a metric).
 */
export async function benchmarkMachine(binary) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'aegis-machine-'));
  try {
    const { stdout, stderr } = await execFileAsync(
      binary,
      ['benchmark', 'machine', '--dev', '--base-path', dir, '--allow-fail'],
      { timeout: 300_000, maxBuffer: 16 * 1024 * 1024 },
    );
    const rows = parseMachineTable(`${stdout}\n${stderr}`);
    if (rows.length === 0) throw new Error(`no results in its output:\n${stderr}`);
    return rows;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * This machine's single-core speed against the reference hardware's: the geometric mean of the
 * BLAKE2-256 and SR25519-Verify scores (hashing and signature checks, what a transaction's
 * execution spends its host calls on), or null without them.
 */
export function singleCoreFactor(rows) {
  const pick = (name) => rows.find((row) => row.name === name)?.percent;
  const blake2 = pick('BLAKE2-256');
  const sr25519 = pick('SR25519-Verify');
  if (!blake2 || !sr25519) return null;
  return Math.sqrt((blake2 / 100) * (sr25519 / 100));
}

/**
 * A run's execution figures on the reference hardware: block execution is single-threaded, so
 * the time per extrinsic scales with one core's speed. `execution` is the run's
 * `figures.execution` (the idle import), `factor` this machine's speed over the reference's.
 */
export function projectToReference(execution, factor) {
  const us = execution?.usPerExtrinsic;
  const share = execution?.normalShareOfSlot;
  if (!us || !share || !factor) return null;
  const referenceUs = us * factor;
  const ceiling = (share * 1e6) / referenceUs;
  return {
    factor: Number(factor.toFixed(3)),
    usPerExtrinsic: Number(referenceUs.toFixed(1)),
    ceilingPerSecond: Number(ceiling.toFixed(1)),
    // The whole slot given to execution, nothing left to build, seal or gossip in: the most
    // one core could ever carry at this cost.
    wholeSlotPerSecond: Number((1e6 / referenceUs).toFixed(1)),
    // What an extrinsic may cost for the target to fit the chain's budget.
    usPerExtrinsicForTarget: Number(((share * 1e6) / TARGET_PER_SECOND).toFixed(2)),
    shortOfTarget: Number((TARGET_PER_SECOND / ceiling).toFixed(1)),
  };
}
