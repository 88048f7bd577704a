// Writes a chain spec whose genesis holds the sTPS run's sender accounts, endowed: the state
// `scripts/benchmark-weights.sh` measures the database on (`aegis-node benchmark storage`), so
// a read walks the trie of a chain with accounts, not the development chain's hundred keys.
//
//   node bench/state-spec.mjs --chain dev --accounts 50000 --output /tmp/state.json

import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { writeBenchSpec } from './genesis.mjs';
import { transfersWorkload } from './workloads/transfers.mjs';

const USAGE = 'usage: node bench/state-spec.mjs --chain CHAIN --accounts N --output FILE';

function readConfig(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      chain: { type: 'string', default: 'dev' },
      accounts: { type: 'string', default: '50000' },
      output: { type: 'string' },
    },
    strict: true,
  });
  const accounts = Number(values.accounts);
  if (!Number.isInteger(accounts) || accounts <= 0) {
    throw new Error(`--accounts must be a positive integer, got ${values.accounts}\n${USAGE}`);
  }
  if (!values.output) throw new Error(`--output is required\n${USAGE}`);
  return { chain: values.chain, accounts, output: path.resolve(values.output) };
}

async function main() {
  const config = readConfig(process.argv.slice(2));
  const dir = await mkdtemp(path.join(os.tmpdir(), 'aegis-state-spec-'));
  try {
    const workload = await transfersWorkload(config.accounts);
    await copyFile(await writeBenchSpec(config.chain, workload, dir), config.output);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  console.log(`${config.output}: ${config.chain} with ${config.accounts} endowed accounts`);
}

main().catch((error) => {
  console.error(`state-spec: ${error.message}`);
  process.exit(1);
});
