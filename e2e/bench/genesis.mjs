// The chain spec of a throughput run: the network's own (`export-chain-spec`), with the
// workload's accounts endowed (and staked) in its genesis patch, so no funding phase runs.

import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import {
  bigIntToJson,
  parseJsonKeepingBigIntegers,
  stringifyJsonKeepingBigIntegers,
} from '../lib/chainspec.mjs';
import { nodeBinary } from '../lib/node.mjs';

const execFileAsync = promisify(execFile);

/**
 * Exports `--chain <chain>` (genesis as a patch), lets `workload` endow its accounts in it,
 * and returns the path of the spec written to `dir`.
 */
export async function writeBenchSpec(chain, workload, dir) {
  const exported = path.join(dir, `${chain}.json`);
  await execFileAsync(nodeBinary(), ['export-chain-spec', '--chain', chain, '--output', exported], {
    timeout: 120_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  const spec = parseJsonKeepingBigIntegers(await readFile(exported, 'utf8'));
  const patch = spec?.genesis?.runtimeGenesis?.patch;
  if (!patch) throw new Error(`the ${chain} chain spec has no genesis.runtimeGenesis.patch`);
  workload.patchGenesis(patch, chain);
  const specPath = path.join(dir, `${chain}-bench-${workload.name}-${workload.count}.json`);
  await writeFile(specPath, `${stringifyJsonKeepingBigIntegers(spec)}\n`);
  return specPath;
}

/** The list `field` of pallet `pallet` in a genesis patch, which must be there. */
export function genesisList(patch, pallet, field) {
  const list = patch?.[pallet]?.[field];
  if (!Array.isArray(list))
    throw new Error(`the chain spec's genesis patch has no ${pallet}.${field}`);
  return list;
}

/** Appends `[address, amount]` endowments to the patch's balances; none may exist already. */
export function endow(patch, addresses, amount) {
  const balances = genesisList(patch, 'balances', 'balances');
  const endowed = new Set(balances.map(([account]) => account));
  for (const address of addresses) {
    if (endowed.has(address)) throw new Error(`${address} is already endowed`);
    balances.push([address, bigIntToJson(amount)]);
  }
}
