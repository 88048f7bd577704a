// The Aegis parachain runtime in chopsticks: a chain run from its raw chain spec, with no
// relay chain and no collator. Chopsticks builds the blocks itself, with the relay chain's
// inherents (validation data, a relay-chain state proof) it makes up, through the runtime's
// own `BlockBuilder` API, so the runtime runs as it would on a collator.

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { destroyWorker, setupWithServer } from '@acala-network/chopsticks';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { bnToU8a, u8aToHex } from '@polkadot/util';
import { xxhashAsHex } from '@polkadot/util-crypto';

import { KEEP_TMP } from './constants.mjs';
import { nodeBinary } from './node.mjs';
import { withTimeout } from './util.mjs';

const execFileAsync = promisify(execFile);
const COMMAND_TIMEOUT_MS = 120_000;
const START_TIMEOUT_MS = 180_000;

/** Runs `aegis-node <args>`; resolves to its standard output, or throws with its error. */
export async function nodeCommand(args) {
  try {
    const { stdout } = await execFileAsync(nodeBinary(), args, {
      timeout: COMMAND_TIMEOUT_MS,
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const stderr = error.stderr ? `\n${error.stderr}` : '';
    throw new Error(`aegis-node ${args.join(' ')} failed: ${error.message}${stderr}`);
  }
}

/** Runs `aegis-node parachain <args>` (the operators' tools); resolves to its output. */
export function parachainCommand(args) {
  return nodeCommand(['parachain', ...args]);
}

/**
 * Writes the parachain's raw chain spec (`aegis-node parachain chain-spec --raw`) for
 * `relayChain` and `paraId`, of the runtime built into the node or the wasm at `runtime`, to a
 * new temporary directory. Returns { path, spec, remove }.
 */
export async function writeParachainSpec({ relayChain, paraId, preset = 'development', runtime }) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'aegis-e2e-parachain-'));
  const remove = async () => {
    if (!KEEP_TMP) await rm(dir, { recursive: true, force: true });
  };
  try {
    const specPath = path.join(dir, `parachain-${paraId}.json`);
    await parachainCommand([
      'chain-spec',
      '--relay-chain',
      relayChain,
      '--para-id',
      String(paraId),
      '--preset',
      preset,
      '--raw',
      '--output',
      specPath,
      ...(runtime ? ['--runtime', runtime] : []),
    ]);
    const spec = JSON.parse(await readFile(specPath, 'utf8'));
    return { path: specPath, spec, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

/** `Timestamp::Now`'s storage key. */
const TIMESTAMP_NOW_KEY = xxhashAsHex('Timestamp', 128) + xxhashAsHex('Now', 128).slice(2);

/**
 * `spec` with `Timestamp::Now` set to `nowMs` in its genesis storage. Chopsticks builds the
 * first block on its own while it starts, and takes that block's Aura slot and its timestamp
 * inherent from `Timestamp::Now`, or, at a genesis without one, from two separate readings of
 * the clock: when a slot boundary falls between them (likelier on a loaded machine), the
 * runtime rejects the block (`Timestamp slot must match CurrentSlot`) and the chain never
 * leaves genesis. With the time in storage both come from the same value.
 */
function withGenesisTimestamp(spec, nowMs) {
  const value = u8aToHex(bnToU8a(BigInt(nowMs), { bitLength: 64, isLe: true }));
  const top = { ...spec.genesis.raw.top, [TIMESTAMP_NOW_KEY]: value };
  return { ...spec, genesis: { ...spec.genesis, raw: { ...spec.genesis.raw, top } } };
}

/**
 * Starts chopsticks on `spec` (a raw chain spec, parsed), building a block for every
 * transaction it receives, and connects polkadot.js to it. Returns { api, url, close }.
 */
export async function startChopsticks(spec) {
  const context = await withTimeout(
    setupWithServer({
      genesis: withGenesisTimestamp(spec, Date.now()),
      host: '127.0.0.1',
      port: 0,
      'build-block-mode': 'Instant',
      'runtime-log-level': 0,
    }),
    START_TIMEOUT_MS,
    'chopsticks did not start from the chain spec',
  );
  const provider = new WsProvider(`ws://${context.addr}`, false);
  try {
    await provider.connect();
    const api = await withTimeout(
      ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true }),
      START_TIMEOUT_MS,
      'polkadot.js did not connect to chopsticks',
    );
    const close = async () => {
      await api.disconnect().catch(() => {});
      await context.close();
      // The wasm executor runs in a worker thread that outlives the chain: without this the
      // test process would never exit.
      await destroyWorker();
    };
    return { api, url: `ws://${context.addr}`, close };
  } catch (error) {
    await provider.disconnect().catch(() => {});
    await context.close();
    await destroyWorker();
    throw error;
  }
}
