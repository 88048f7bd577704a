#!/usr/bin/env node
// The standard sustained-TPS benchmark (sTPS, as polkadot-stps defines it) for Aegis:
// `balances.transferKeepAlive` between accounts that exist at genesis, each sender used once,
// so no transfer waits for another and nothing but the chain limits how many fit a block.
//
//   node bench/tps.mjs [--quick] [--network dev|local|both] [--senders N] [--report FILE]
//
// (`scripts/bench-tps.sh` builds the node and runs this.) For each network:
//   1. exports the chain spec (`--chain dev`, or `--chain local` for Alice, Bob and Charlie)
//      and endows N sender accounts in its genesis: no funding phase, every sender at nonce 0;
//   2. starts the validators with a pool sized for N;
//   3. signs every transfer before submitting any (signing is the client's cost, reported
//      apart), sender i paying sender i+1, then submits them over several websockets, a
//      bounded number in flight, spread over the validators' RPC endpoints;
//   4. measures on chain, not in the client: transfers per block, included transfers per
//      second over the steady-state window (block timestamps), block build and seal time (the
//      author's log), import time under load on the validators that did not author the block
//      (their Prometheus histogram), block-to-finality latency, what the pool refused or dropped;
//   5. once the load is finalised, starts a fresh full node that syncs the run's blocks with
//      the machine otherwise idle: the transfers it imports per second of import is what one
//      core executes, and times the share of the slot the chain gives normal transactions it
//      is the execution ceiling; sTPS / ceiling says how much of what the machine could carry
//      within the chain's budget the chain does carry.
// Nothing is asserted but that every accepted transfer is included once and succeeds (the
// suite's `tests/network/load.test.mjs` is the short, asserting version). The figures are the
// machine's: run it on an otherwise idle machine.

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { bnToU8a, hexToU8a, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsHex, blake2AsU8a, cryptoWaitReady, decodeAddress } from '@polkadot/util-crypto';

import { AEG, connectApi, disconnectApis } from '../lib/chain.mjs';
import {
  devValidatorKeys,
  parseJsonKeepingBigIntegers,
  stringifyJsonKeepingBigIntegers,
} from '../lib/chainspec.mjs';
import { summarize } from '../lib/finality.mjs';
import { fetchMetrics, metricValue } from '../lib/metrics.mjs';
import { startLocalNetwork, waitForPeers } from '../lib/network.mjs';
import { NodeGroup, nodeBinary } from '../lib/node.mjs';
import { parseNodeLog, preSealHash } from '../lib/nodelog.mjs';
import { rpcCall } from '../lib/rpc.mjs';
import { decodeSeals } from '../lib/seal.mjs';
import { waitFor, withTimeout } from '../lib/util.mjs';

const execFileAsync = promisify(execFile);

// ---------------------------------------------------------------------------------------
// Configuration

const USAGE = `usage: node bench/tps.mjs [--quick] [--network dev|local|both] [--senders N]
                         [--connections N] [--in-flight N] [--report FILE]
  --quick         3 000 senders (a few full blocks): a developer's check in a few minutes
  --network       dev: one --dev validator; local: Alice, Bob and Charlie; both (the
                  default): one after the other
  --senders       transfers in the run, one per sender (default 16 000)
  --connections   websockets submitting (default 4)
  --in-flight     author_submitExtrinsic calls in flight per websocket (default 64)
  --report        write the JSON report there`;

/** A command-line mistake: reported without a stack trace. */
class UsageError extends Error {}

function readConfig(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        quick: { type: 'boolean', default: false },
        network: { type: 'string', default: 'both' },
        senders: { type: 'string' },
        connections: { type: 'string', default: '4' },
        'in-flight': { type: 'string', default: '64' },
        report: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    });
  } catch (error) {
    throw new UsageError(`${error.message}\n${USAGE}`);
  }
  const { values } = parsed;
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const positive = (name, raw) => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value <= 0) {
      throw new UsageError(
        `--${name} must be a positive integer, got ${JSON.stringify(raw)}\n${USAGE}`,
      );
    }
    return value;
  };
  const networks = { dev: ['dev'], local: ['local'], both: ['dev', 'local'] }[values.network];
  if (!networks) throw new UsageError(`--network must be dev, local or both\n${USAGE}`);
  return {
    quick: values.quick,
    networks,
    senders: positive('senders', values.senders ?? (values.quick ? '3000' : '16000')),
    connections: positive('connections', values.connections),
    inFlight: positive('in-flight', values['in-flight']),
    reportPath: values.report ?? null,
  };
}

/** Each sender's genesis balance: far above any fee, so no transfer can fail for funds. */
const SENDER_ENDOWMENT = 100n * AEG;
const TRANSFER_AMOUNT = AEG;
/** Stop waiting once this many blocks pass without one of the run's transfers. */
const STALL_BLOCKS = 8;
const INCLUSION_TIMEOUT_MS = 15 * 60_000;
const IMPORT_METRIC = 'block_verification_and_import_time';
const LOG_TARGETS = '-lbasic-authorship=debug,pow-seal=debug';

const round = (value, digits = 1) =>
  value === null || value === undefined || !Number.isFinite(value)
    ? null
    : Number(value.toFixed(digits));
const sum = (values) => values.reduce((a, b) => a + b, 0);
const log = (...args) => console.log(`[tps ${new Date().toISOString().slice(11, 19)}]`, ...args);

function errorKey(error) {
  return String(error?.message ?? error)
    .replace(/0x[0-9a-fA-F]+/g, '0x…')
    .slice(0, 160);
}

// ---------------------------------------------------------------------------------------
// Senders and the chain spec

/** The senders' key pairs: sr25519 from the seed blake2-256("aegis/bench-tps" ‖ u32 LE i). */
async function benchSenders(count) {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const prefix = stringToU8a('aegis/bench-tps');
  const pairs = [];
  for (let i = 0; i < count; i++) {
    const seed = blake2AsU8a(u8aConcat(prefix, bnToU8a(i, { bitLength: 32 })), 256);
    pairs.push(keyring.addFromSeed(seed));
  }
  return pairs;
}

/**
 * Exports `--chain <chain>` (genesis as a patch) and endows `addresses` in it; returns the
 * path of the spec written to `dir`.
 */
async function writeBenchSpec(chain, addresses, dir) {
  const exported = path.join(dir, `${chain}.json`);
  await execFileAsync(nodeBinary(), ['export-chain-spec', '--chain', chain, '--output', exported], {
    timeout: 120_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  const spec = parseJsonKeepingBigIntegers(await readFile(exported, 'utf8'));
  const balances = spec?.genesis?.runtimeGenesis?.patch?.balances?.balances;
  if (!Array.isArray(balances)) {
    throw new Error(`the ${chain} chain spec has no genesis.runtimeGenesis.patch.balances`);
  }
  const endowed = new Set(balances.map(([account]) => account));
  for (const address of addresses) {
    if (endowed.has(address)) throw new Error(`${address} is already endowed in ${chain}`);
    // 10^14 planck: a safe integer, written as a plain JSON number.
    balances.push([address, Number(SENDER_ENDOWMENT)]);
  }
  const specPath = path.join(dir, `${chain}-bench-${addresses.length}.json`);
  await writeFile(specPath, `${stringifyJsonKeepingBigIntegers(spec)}\n`);
  return specPath;
}

// ---------------------------------------------------------------------------------------
// Networks

/**
 * Starts the network `kind` on the chain spec `specPath` in `group`: { authors, importers,
 * submitTo, primary }. Authors' logs carry the proposer's and sealer's lines; importers are
 * the nodes whose import time is read (for `dev`, a full node beside the validator).
 */
async function startNetwork(kind, specPath, group, poolArgs) {
  if (kind === 'dev') {
    const validator = await group.start({
      name: 'dev',
      args: [
        '--dev',
        '--chain',
        specPath,
        '--node-key',
        PRIMARY_NODE_KEY,
        LOG_TARGETS,
        ...poolArgs,
      ],
    });
    return {
      authors: [{ name: 'alice', node: validator }],
      importers: [],
      submitTo: [validator],
      primary: validator,
    };
  }
  const extraArgs = Object.fromEntries(
    ['alice', 'bob', 'charlie'].map((name) => [name, [LOG_TARGETS, ...poolArgs]]),
  );
  const { nodes, byName } = await startLocalNetwork(group, { chain: specPath, extraArgs });
  await waitForPeers(nodes, 2, { timeoutMs: 120_000 });
  const validators = Object.entries(byName).map(([name, { node }]) => ({ name, node }));
  return {
    authors: validators,
    // Each validator imports the blocks the others author.
    importers: validators.map(({ name, node }) => ({ name, node, authors: new Set([name]) })),
    submitTo: nodes,
    primary: byName.alice.node,
  };
}

/** The p2p key of the first validator (`lib/network.mjs` gives Alice the same), and its peer id:
 *  the syncing node's bootnode. */
const PRIMARY_NODE_KEY = '0000000000000000000000000000000000000000000000000000000000000001';
const PRIMARY_PEER_ID = '12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp';
const SYNC_TIMEOUT_MS = 10 * 60_000;

/**
 * Starts a full node on `specPath` that syncs from `primary` up to `endNumber` while nothing
 * else runs on the machine but the idle validators; returns its import histogram's totals.
 */
async function syncImport(group, specPath, primary, endNumber) {
  const bootnode = `/ip4/127.0.0.1/tcp/${primary.p2pPort}/p2p/${PRIMARY_PEER_ID}`;
  const syncer = await group.start({
    name: 'syncer',
    args: ['--chain', specPath, '--bootnodes', bootnode, '--allow-private-ip'],
  });
  const started = performance.now();
  await waitFor(
    `the syncing node to import #${endNumber}`,
    async () => Number((await rpcCall(syncer.rpcPort, 'chain_getHeader', [])).number) >= endNumber,
    { timeoutMs: SYNC_TIMEOUT_MS, intervalMs: 250 },
  );
  return { ...(await importTotals(syncer)), wallSeconds: (performance.now() - started) / 1000 };
}

/** The BABE authorities at `hash`, as dev names (alice, bob, ...), in authority order. */
async function babeAuthorityNames(api, hash) {
  const authorities = await (await api.at(hash)).query.babe.authorities();
  const byKey = new Map();
  for (const name of ['alice', 'bob', 'charlie', 'dave', 'eve', 'ferdie']) {
    byKey.set(u8aToHex(decodeAddress((await devValidatorKeys(name)).babe)), name);
  }
  return authorities.map(([key]) => byKey.get(key.toHex()) ?? key.toHex());
}

/** The import histogram's running { sum (s), count } on `node`. */
async function importTotals(node) {
  const metrics = await fetchMetrics(node);
  return {
    seconds: metricValue(metrics, `${IMPORT_METRIC}_sum`) ?? 0,
    blocks: metricValue(metrics, `${IMPORT_METRIC}_count`) ?? 0,
  };
}

// ---------------------------------------------------------------------------------------
// The chain's budget and one transfer's weight

async function chainConstants(api) {
  const weights = api.consts.system.blockWeights;
  const normal = weights.perClass.normal;
  return {
    slotMs: api.consts.babe.expectedBlockTime.toNumber(),
    maxBlockRefTime: weights.maxBlock.refTime.toNumber(),
    maxNormalRefTime: normal.maxTotal.isSome ? normal.maxTotal.unwrap().refTime.toNumber() : null,
    baseExtrinsicRefTime: normal.baseExtrinsic.refTime.toNumber(),
    maxNormalLength: api.consts.system.blockLength.max.normal.toNumber(),
  };
}

/** What the runtime charges one of the run's transfers: weight (with the base), fee, length. */
async function transferCharge(api, signedHex, constants) {
  const tx = api.createType('Extrinsic', signedHex);
  const length = tx.encodedLength;
  // TransactionPaymentApi_query_info(uxt, len) with `state_call`: the extrinsic's SCALE
  // encoding followed by the length is exactly the call's input.
  const input = u8aConcat(tx.toU8a(), bnToU8a(length, { bitLength: 32 }));
  const output = await api.rpc.state.call('TransactionPaymentApi_query_info', u8aToHex(input));
  const info = api.registry.createType('RuntimeDispatchInfo', output);
  const refTime = info.weight.refTime.toNumber() + constants.baseExtrinsicRefTime;
  return {
    length,
    refTime,
    partialFee: info.partialFee.toBigInt(),
    fitByWeight: Math.floor(constants.maxNormalRefTime / refTime),
    fitByLength: Math.floor(constants.maxNormalLength / length),
  };
}

// ---------------------------------------------------------------------------------------
// Signing, submitting, following

/** One transfer per sender, nonce 0, immortal: sender i pays sender i+1 (all exist). */
async function signTransfers(api, senders) {
  const signed = [];
  for (const [i, sender] of senders.entries()) {
    const dest = senders[(i + 1) % senders.length].address;
    const tx = await api.tx.balances
      .transferKeepAlive(dest, TRANSFER_AMOUNT)
      .signAsync(sender, { nonce: 0, era: 0 });
    signed.push({ hex: tx.toHex(), hash: tx.hash.toHex() });
  }
  return signed;
}

/** author_submitExtrinsic for every transfer over `providers`, `inFlight` on each at once. */
async function submitAll(providers, signed, inFlight) {
  const refusals = new Map();
  const accepted = new Set();
  let next = 0;
  const worker = async (provider) => {
    while (next < signed.length) {
      const { hex, hash } = signed[next++];
      try {
        await provider.send('author_submitExtrinsic', [hex]);
        accepted.add(hash);
      } catch (error) {
        const key = errorKey(error);
        refusals.set(key, (refusals.get(key) ?? 0) + 1);
      }
    }
  };
  await Promise.all(
    providers.flatMap((provider) => Array.from({ length: inFlight }, () => worker(provider))),
  );
  return { accepted, refusals: Object.fromEntries(refusals) };
}

/**
 * Records when the client first saw each block number as best and as finalised (a finality
 * notification finalises every number up to its own), and counts the run's transfers in each
 * finalised block, in order (forks cannot count twice). `stop()` ends the subscriptions.
 */
async function followChain(api, ourHashes, fromNumber) {
  const seenBest = new Map();
  const seenFinal = new Map();
  let counted = fromNumber;
  const includedHashes = new Set();
  let lastFinal = 0;
  let failure = null;
  let counting = Promise.resolve();
  const countUpTo = async (number) => {
    for (let n = counted + 1; n <= number; n++) {
      const { block } = await api.rpc.chain.getBlock(await api.rpc.chain.getBlockHash(n));
      for (const xt of block.extrinsics) {
        const hash = xt.hash.toHex();
        if (ourHashes.has(hash)) includedHashes.add(hash);
      }
      counted = n;
    }
  };
  const unsubBest = await api.rpc.chain.subscribeNewHeads((header) => {
    const number = header.number.toNumber();
    if (!seenBest.has(number)) seenBest.set(number, Date.now());
  });
  const unsubFinal = await api.rpc.chain.subscribeFinalizedHeads((header) => {
    const number = header.number.toNumber();
    const now = Date.now();
    for (let n = lastFinal + 1; n <= number; n++) if (!seenFinal.has(n)) seenFinal.set(n, now);
    lastFinal = Math.max(lastFinal, number);
    counting = counting
      .then(() => countUpTo(number))
      .catch((error) => {
        failure = error;
      });
  });
  return {
    seenFinal,
    get best() {
      return seenBest.size ? Math.max(...seenBest.keys()) : 0;
    },
    get finalized() {
      return lastFinal;
    },
    /** The run's transfers in finalised blocks, and the last block counted. */
    get included() {
      return includedHashes.size;
    },
    includedHashes,
    get counted() {
      return counted;
    },
    get failure() {
      return failure;
    },
    stop() {
      unsubBest();
      unsubFinal();
    },
  };
}

/**
 * The accepted transfers not in a finalised block when the run ended, and how many of them
 * some node's pool still holds (late) rather than none (lost).
 */
async function whereAreTheMissing(accepted, includedHashes, nodes) {
  const missing = new Set([...accepted].filter((hash) => !includedHashes.has(hash)));
  if (missing.size === 0) return { count: 0, stillInAPool: 0, inNoPool: 0 };
  const pooled = new Set();
  for (const node of nodes) {
    const pending = await rpcCall(node.rpcPort, 'author_pendingExtrinsics', [], {
      timeoutMs: 60_000,
    });
    for (const hex of pending) {
      const hash = blake2AsHex(hexToU8a(hex), 256);
      if (missing.has(hash)) pooled.add(hash);
    }
  }
  return { count: missing.size, stillInAPool: pooled.size, inNoPool: missing.size - pooled.size };
}

/** Waits until `expected` transfers are finalised, or no more arrive for a while. */
async function waitForInclusion(follower, expected, nodes) {
  const deadline = Date.now() + INCLUSION_TIMEOUT_MS;
  let lastCount = -1;
  let bestAtLastProgress = follower.best;
  for (;;) {
    if (follower.failure) throw follower.failure;
    const stopped = nodes.find((node) => node.exitStatus !== null);
    if (stopped) throw new Error(`${stopped.name} stopped during the run`);
    const count = follower.included;
    if (count >= expected) return 'all included';
    if (count !== lastCount) {
      lastCount = count;
      bestAtLastProgress = follower.best;
    } else if (follower.best - bestAtLastProgress >= STALL_BLOCKS) {
      return `no transfer finalised while ${STALL_BLOCKS} blocks were built`;
    }
    if (Date.now() > deadline) return `timed out after ${INCLUSION_TIMEOUT_MS / 1000} s`;
    await sleep(250);
  }
}

// ---------------------------------------------------------------------------------------
// Reading the run back from the chain and the logs

/** The proposals in the authors' logs, by pre-seal hash. */
function proposalsByPreHash(authors) {
  const byHash = new Map();
  let sealTimeouts = 0;
  let discarded = 0;
  for (const { node } of authors) {
    const parsed = parseNodeLog(node.readLog());
    sealTimeouts += parsed.sealTimeouts;
    discarded += parsed.discardedProposals;
    for (const proposal of parsed.proposals) {
      if (proposal.preHash) byHash.set(proposal.preHash, proposal);
    }
  }
  return { byHash, sealTimeouts, discarded };
}

/** Every finalised block from `from` to `to`: what the run needs to know of it. */
async function readBlocks(api, from, to, ourHashes, proposals, authorityNames) {
  const blocks = [];
  for (let number = from; number <= to; number++) {
    const hash = (await api.rpc.chain.getBlockHash(number)).toHex();
    const { block } = await api.rpc.chain.getBlock(hash);
    const seals = decodeSeals(block.header);
    let timestampMs = null;
    const ours = [];
    block.extrinsics.forEach((xt, index) => {
      const { section, method } = xt.method;
      if (section === 'timestamp' && method === 'set') timestampMs = xt.method.args[0].toNumber();
      else if (ourHashes.has(xt.hash.toHex())) ours.push(index);
    });
    let failed = 0;
    if (ours.length > 0) {
      const indices = new Set(ours);
      const events = await (await api.at(hash)).query.system.events();
      failed = events.filter(
        ({ phase, event }) =>
          phase.isApplyExtrinsic &&
          indices.has(phase.asApplyExtrinsic.toNumber()) &&
          api.events.system.ExtrinsicFailed.is(event),
      ).length;
    }
    const proposal = proposals.byHash.get(preSealHash(api, block.header));
    blocks.push({
      number,
      hash,
      author: authorityNames[seals.authorityIndex] ?? null,
      timestampMs,
      transfers: ours.length,
      failed,
      bytes: block.encodedLength,
      buildMs: proposal?.buildMs ?? null,
      end: proposal?.end ?? null,
      sealMs: proposal?.seal?.ms ?? null,
    });
  }
  return blocks;
}

// ---------------------------------------------------------------------------------------
// Figures

function stats(values) {
  const present = values.filter((v) => v !== null && Number.isFinite(v));
  if (present.length === 0) return null;
  const s = summarize(present);
  return {
    count: s.count,
    p50: round(s.p50, 1),
    p95: round(s.p95, 1),
    max: round(s.max, 1),
    mean: round(s.mean, 1),
  };
}

function figures({
  blocks,
  constants,
  charge,
  follower,
  imports,
  sync,
  submission,
  signing,
  senders,
}) {
  const loaded = blocks.filter((b) => b.transfers > 0);
  // The steady state: without the first block with transfers (the flood was still arriving)
  // and the last (the pool ran dry), when there are blocks enough.
  const window = loaded.length >= 3 ? loaded.slice(1, -1) : loaded;
  const before = blocks.find((b) => b.number === window[0]?.number - 1);
  const spanMs = window.length && before ? window.at(-1).timestampMs - before.timestampMs : null;
  const steadyTransfers = sum(window.map((b) => b.transfers));
  const stps = spanMs ? steadyTransfers / (spanMs / 1000) : null;

  const included = sum(blocks.map((b) => b.transfers));
  const failed = sum(blocks.map((b) => b.failed));
  const finality = loaded
    .filter((b) => follower.seenFinal.has(b.number))
    .map((b) => follower.seenFinal.get(b.number) - b.timestampMs);

  // Import under load on the validators: the transfers of the blocks each did not author,
  // over the time it spent importing (all blocks it imported meanwhile, empty ones too).
  const underLoad = imports.map(({ name, authors, seconds, blocks: count }) => {
    const transfers = sum(blocks.filter((b) => !authors.has(b.author)).map((b) => b.transfers));
    return {
      name,
      blocks: count,
      seconds: round(seconds, 3),
      transfers,
      usPerTransfer: transfers > 0 ? round((seconds * 1e6) / transfers, 1) : null,
    };
  });
  // Import on an idle machine: the syncing node imported every block from genesis.
  const executionRate = sync.seconds > 0 ? included / sync.seconds : null;
  // The share of a slot the chain gives normal transactions: their weight limit (ref time,
  // picoseconds) over the slot.
  const normalShare = constants.maxNormalRefTime / 1e12 / (constants.slotMs / 1000);
  const ceiling = executionRate === null ? null : executionRate * normalShare;
  const chargedUs = charge.refTime / 1e6;
  const importUs = executionRate ? 1e6 / executionRate : null;

  return {
    senders,
    submitted: submission.submitted,
    accepted: submission.accepted,
    refused: submission.refusals,
    included,
    failed,
    signing,
    submission: { seconds: round(submission.seconds, 1) },
    blocksWithTransfers: loaded.length,
    // Blocks the builder closed because the weight limit was reached.
    fullBlocks: loaded.filter((b) => b.end === 'HitBlockWeightLimit').length,
    steady: {
      fromBlock: window[0]?.number ?? null,
      toBlock: window.at(-1)?.number ?? null,
      blocks: window.length,
      transfers: steadyTransfers,
      seconds: spanMs === null ? null : spanMs / 1000,
      stps: round(stps, 0),
    },
    transfersPerBlock: stats(window.map((b) => b.transfers)),
    buildMs: stats(loaded.map((b) => b.buildMs)),
    sealMs: stats(loaded.map((b) => b.sealMs)),
    finalityMs: stats(finality),
    importUnderLoad: underLoad,
    execution: {
      syncedBlocks: sync.blocks,
      importSeconds: round(sync.seconds, 3),
      transfersPerSecond: round(executionRate, 0),
      usPerTransfer: round(importUs, 1),
      chargedUsPerTransfer: round(chargedUs, 1),
      normalShareOfSlot: round(normalShare, 4),
      ceilingTps: round(ceiling, 0),
      stpsOverCeiling: stps && ceiling ? round(stps / ceiling, 3) : null,
    },
  };
}

function printRun(name, f, constants, charge) {
  const pct = (x) => (x === null ? '-' : `${(x * 100).toFixed(1)} %`);
  const s = (x, unit = '') => (x === null || x === undefined ? '-' : `${x}${unit}`);
  const dist = (d, unit) =>
    d ? `p50 ${d.p50}${unit}, p95 ${d.p95}${unit}, max ${d.max}${unit}` : '-';
  const rows = [
    [
      'sTPS (steady state, block timestamps)',
      `${s(f.steady.stps)} transfers/s over blocks #${s(f.steady.fromBlock)}..#${s(f.steady.toBlock)} (${f.steady.transfers} in ${s(f.steady.seconds)} s)`,
    ],
    [
      'transfers per block',
      `${dist(f.transfersPerBlock, '')} (${f.fullBlocks} of ${f.blocksWithTransfers} blocks full by weight)`,
    ],
    ['block build (author)', dist(f.buildMs, ' ms')],
    ['PoW seal (author)', dist(f.sealMs, ' ms')],
    [
      'import, idle machine (sync)',
      `${s(f.execution.usPerTransfer, ' µs')} per transfer: ${f.execution.syncedBlocks} blocks in ${s(f.execution.importSeconds, ' s')}`,
    ],
    [
      'import under load (peers)',
      f.importUnderLoad.length
        ? `${f.importUnderLoad.map((i) => `${i.name} ${s(i.usPerTransfer, ' µs')}`).join(', ')} per transfer`
        : '- (one validator)',
    ],
    [
      'execution ceiling',
      `${s(f.execution.transfersPerSecond)} transfers/s of import × ${pct(f.execution.normalShareOfSlot)} of the slot for normal transactions = ${s(f.execution.ceilingTps)} TPS`,
    ],
    ['sTPS / ceiling', pct(f.execution.stpsOverCeiling)],
    [
      'charged vs measured',
      `${s(f.execution.chargedUsPerTransfer, ' µs')} of weight charged, ${s(f.execution.usPerTransfer, ' µs')} measured per transfer`,
    ],
    ['block to finality (client)', dist(f.finalityMs, ' ms')],
    [
      'submitted / accepted / included',
      `${f.submitted} / ${f.accepted} / ${f.included} (failed ${f.failed}; not included: ${f.notIncluded.count}, of which still in a pool ${f.notIncluded.stillInAPool}, in none ${f.notIncluded.inNoPool})`,
    ],
    [
      'client: signing, submitting',
      `${f.signing.seconds} s (${f.signing.perSecond}/s), ${f.submission.seconds} s`,
    ],
    [
      'budget',
      `slot ${constants.slotMs} ms, normal class ${constants.maxNormalRefTime / 1e9} ms; a transfer ${charge.refTime / 1e6} µs, ${charge.length} bytes → ${charge.fitByWeight} a block by weight, ${charge.fitByLength} by length`,
    ],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(`\n== ${name}`);
  for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);
  if (Object.keys(f.refused).length) console.log(`refused: ${JSON.stringify(f.refused)}`);
}

// ---------------------------------------------------------------------------------------
// One run

async function runOn(kind, config, senders, dir) {
  const specPath = await writeBenchSpec(
    kind === 'dev' ? 'dev' : 'local',
    senders.map((p) => p.address),
    dir,
  );
  // The pool must hold the whole flood.
  const poolArgs = [
    '--pool-limit',
    String(Math.ceil(config.senders * 1.25)),
    '--pool-kbytes',
    String(Math.max(20_000, Math.ceil(config.senders * 0.25))),
  ];
  const group = new NodeGroup();
  const apis = [];
  const providers = [];
  let follower = null;
  try {
    log(`${kind}: starting the nodes`);
    const network = await startNetwork(kind, specPath, group, poolArgs);
    const api = await connectApi(network.primary);
    apis.push(api);
    await waitFor(
      'block #2',
      async () => (await api.rpc.chain.getHeader()).number.toNumber() >= 2,
      {
        timeoutMs: 120_000,
      },
    );
    const constants = await chainConstants(api);

    log(`${kind}: signing ${senders.length} transfers`);
    const signStarted = performance.now();
    const signed = await signTransfers(api, senders);
    const signSeconds = (performance.now() - signStarted) / 1000;
    const signing = {
      seconds: round(signSeconds, 1),
      perSecond: round(signed.length / signSeconds, 0),
    };
    const charge = await transferCharge(api, signed[0].hex, constants);
    const ourHashes = new Set(signed.map((t) => t.hash));

    for (let i = 0; i < config.connections; i++) {
      const node = network.submitTo[i % network.submitTo.length];
      const provider = new WsProvider(node.wsUrl, false);
      await provider.connect();
      await withTimeout(provider.isReady, 30_000, `the websocket to ${node.name} did not open`);
      providers.push(provider);
    }

    const startNumber = (await api.rpc.chain.getHeader()).number.toNumber();
    follower = await followChain(api, ourHashes, startNumber);
    const importsBefore = await Promise.all(
      network.importers.map(({ node }) => importTotals(node)),
    );
    log(`${kind}: submitting from #${startNumber}`);
    const submitStarted = performance.now();
    const { accepted, refusals } = await submitAll(providers, signed, config.inFlight);
    const submission = {
      submitted: signed.length,
      accepted: accepted.size,
      refusals,
      seconds: (performance.now() - submitStarted) / 1000,
    };
    log(
      `${kind}: ${accepted.size} of ${signed.length} accepted in ${round(submission.seconds, 1)} s`,
    );

    const outcome = await waitForInclusion(follower, accepted.size, group.nodes);
    const notIncluded = await whereAreTheMissing(accepted, follower.includedHashes, group.nodes);
    // Every transfer counted is in a finalised block up to this one.
    const endNumber = follower.counted;
    log(`${kind}: ${outcome}, by #${endNumber}`);
    const importsAfter = await Promise.all(
      network.importers.map(async ({ node }) => {
        await waitFor(
          `${node.name} to import #${endNumber}`,
          async () =>
            Number((await rpcCall(node.rpcPort, 'chain_getHeader', [])).number) >= endNumber,
          { timeoutMs: 30_000 },
        );
        return importTotals(node);
      }),
    );
    follower.stop();
    log(`${kind}: a fresh full node syncs the chain to #${endNumber}`);
    const sync = await syncImport(group, specPath, network.primary, endNumber);

    const authorityNames = await babeAuthorityNames(
      api,
      await api.rpc.chain.getBlockHash(startNumber),
    );
    const proposals = proposalsByPreHash(network.authors);
    const blocks = await readBlocks(
      api,
      startNumber,
      endNumber,
      ourHashes,
      proposals,
      authorityNames,
    );
    const imports = network.importers.map(({ name, authors }, i) => ({
      name,
      authors,
      seconds: importsAfter[i].seconds - importsBefore[i].seconds,
      blocks: importsAfter[i].blocks - importsBefore[i].blocks,
    }));
    // From the block the run started at: it holds none of the transfers, and its timestamp
    // starts the window when the first block with transfers is in it.
    const f = figures({
      blocks,
      constants,
      charge,
      follower,
      imports,
      sync,
      submission,
      signing,
      senders: senders.length,
    });
    f.outcome = outcome;
    f.notIncluded = notIncluded;
    f.lostSlots = { sealTimeouts: proposals.sealTimeouts, discardedProposals: proposals.discarded };
    printRun(
      kind === 'dev' ? '--dev (one validator)' : 'local network (Alice, Bob, Charlie)',
      f,
      constants,
      charge,
    );
    return { kind, constants, charge, figures: f, blocks };
  } finally {
    follower?.stop();
    await Promise.all(providers.map((p) => p.disconnect().catch(() => {})));
    await disconnectApis(apis);
    await group.stopAll();
  }
}

// ---------------------------------------------------------------------------------------
// Main

async function main() {
  const config = readConfig(process.argv.slice(2));
  const report = {
    startedAt: new Date().toISOString(),
    command: `node bench/tps.mjs ${process.argv.slice(2).join(' ')}`.trim(),
    binary: nodeBinary(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      loadAvgAtStart: os.loadavg(),
    },
    config,
    runs: [],
  };
  if (os.loadavg()[0] > os.cpus().length * 0.5) {
    log(
      `WARNING: load average ${os.loadavg()[0].toFixed(2)} on ${os.cpus().length} CPUs: other work skews the figures`,
    );
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'aegis-bench-tps-'));
  try {
    log(`deriving ${config.senders} sender accounts`);
    const senders = await benchSenders(config.senders);
    for (const kind of config.networks) {
      report.runs.push(await runOn(kind, config, senders, dir));
    }
  } finally {
    report.finishedAt = new Date().toISOString();
    report.machine.loadAvgAtEnd = os.loadavg();
    if (config.reportPath) {
      await writeFile(
        config.reportPath,
        `${JSON.stringify(report, (_, v) => (typeof v === 'bigint' ? v.toString() : v instanceof Set ? [...v] : v), 2)}\n`,
      );
      log(`report written to ${config.reportPath}`);
    }
    await rm(dir, { recursive: true, force: true });
  }
  const incomplete = report.runs.filter(
    (run) => run.figures.included !== run.figures.accepted || run.figures.failed > 0,
  );
  return incomplete.length === 0;
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (error) => {
    if (error instanceof UsageError) {
      console.error(error.message);
      process.exit(2);
    }
    console.error(`bench-tps failed: ${error?.stack ?? error}`);
    process.exit(1);
  },
);
