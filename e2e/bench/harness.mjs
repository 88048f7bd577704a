// One sustained-throughput run (`bench/tps.mjs`), whatever the workload: the network on the
// workload's chain spec (`genesis.mjs`), its setup, submission over several websockets,
// following the chain until the load is finalised, import timed on the validators and on a
// fresh syncing node, then the run read back and reported (`report.mjs`).
//
// A workload (`bench/workloads/*.mjs`) says what is submitted:
//   { name, title, unit, count, kbytesPerItem,
//     patchGenesis(patch)                  endows (and stakes) its accounts in the genesis patch,
//     setup?(api, session)                 transactions that must be in before the load,
//     sign(api) -> [{ hex, hash }]         the load, signed before the first is submitted }.

import { setTimeout as sleep } from 'node:timers/promises';

import { WsProvider } from '@polkadot/api';
import { bnToU8a, hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsHex, decodeAddress } from '@polkadot/util-crypto';

import { connectApi, disconnectApis } from '../lib/chain.mjs';
import { devValidatorKeys } from '../lib/chainspec.mjs';
import { fetchMetrics, metricValue } from '../lib/metrics.mjs';
import { startLocalNetwork, waitForPeers } from '../lib/network.mjs';
import { NodeGroup } from '../lib/node.mjs';
import { rpcCall } from '../lib/rpc.mjs';
import { waitFor, withTimeout } from '../lib/util.mjs';
import { writeBenchSpec } from './genesis.mjs';
import {
  failedAmong,
  figures,
  printRun,
  proposalsByPreHash,
  readBlocks,
  round,
} from './report.mjs';

/** Stop waiting once this many blocks pass without one of the run's extrinsics. */
const STALL_BLOCKS = 8;
const INCLUSION_TIMEOUT_MS = 15 * 60_000;
const IMPORT_METRIC = 'block_verification_and_import_time';
const LOG_TARGETS = '-lbasic-authorship=debug,pow-seal=debug';

export const log = (...args) =>
  console.log(`[tps ${new Date().toISOString().slice(11, 19)}]`, ...args);

function errorKey(error) {
  return String(error?.message ?? error)
    .replace(/0x[0-9a-fA-F]+/g, '0x…')
    .slice(0, 160);
}

// ---------------------------------------------------------------------------------------
// Networks

/** The p2p key of the first validator (`lib/network.mjs` gives Alice the same), and its peer
 *  id: the syncing node's bootnode. */
const PRIMARY_NODE_KEY = '0000000000000000000000000000000000000000000000000000000000000001';
const PRIMARY_PEER_ID = '12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp';
const SYNC_TIMEOUT_MS = 10 * 60_000;

/**
 * Starts the network `kind` on the chain spec `specPath` in `group`: { authors, importers,
 * submitTo, primary }. Authors' logs carry the proposer's and sealer's lines; importers are
 * the nodes whose import time is read.
 */
async function startNetwork(kind, specPath, group, validatorArgs) {
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
        ...validatorArgs,
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
    ['alice', 'bob', 'charlie'].map((name) => [name, [LOG_TARGETS, ...validatorArgs]]),
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

/**
 * Starts a full node on `specPath` that syncs from `primary` up to `endNumber` while nothing
 * else runs on the machine but the idle validators; returns its import histogram's totals,
 * the block it had imported when they were read (it may be past `endNumber`: the chain goes
 * on), and stops it.
 */
async function syncImport(group, name, specPath, primary, endNumber) {
  const bootnode = `/ip4/127.0.0.1/tcp/${primary.p2pPort}/p2p/${PRIMARY_PEER_ID}`;
  const syncer = await group.start({
    name,
    args: ['--chain', specPath, '--bootnodes', bootnode, '--allow-private-ip'],
  });
  const bestNumber = async () =>
    Number((await rpcCall(syncer.rpcPort, 'chain_getHeader', [])).number);
  const started = performance.now();
  await waitFor(
    `the syncing node to import #${endNumber}`,
    async () => (await bestNumber()) >= endNumber,
    {
      timeoutMs: SYNC_TIMEOUT_MS,
      intervalMs: 250,
    },
  );
  const totals = await importTotals(syncer);
  const syncedTo = await bestNumber();
  await syncer.stop();
  return { ...totals, syncedTo, wallSeconds: (performance.now() - started) / 1000 };
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
// The chain's budget and one extrinsic's weight

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

/** What the runtime charges one of the run's extrinsics: weight (with the base), fee, length. */
async function extrinsicCharge(api, signedHex, constants) {
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
// Submitting and following

/** author_submitExtrinsic for every extrinsic over `providers`, `inFlight` on each at once. */
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
 * notification finalises every number up to its own), and collects the run's extrinsics in
 * each finalised block, in order (forks cannot count twice). `stop()` ends the subscriptions.
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
    /** The run's extrinsics in finalised blocks up to `counted`. */
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
 * The accepted extrinsics not in a finalised block when the run ended, and how many of them
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

/** Waits until `expected` extrinsics are finalised, or no more arrive for a while. */
async function waitForInclusion(follower, expected, nodes) {
  const deadline = Date.now() + INCLUSION_TIMEOUT_MS;
  let lastCount = -1;
  let bestAtLastProgress = follower.best;
  for (;;) {
    if (follower.failure) throw follower.failure;
    const stopped = nodes.find((node) => node.exitStatus !== null);
    if (stopped) throw new Error(`${stopped.name} stopped during the run`);
    const count = follower.includedHashes.size;
    if (count >= expected) return 'all included';
    if (count !== lastCount) {
      lastCount = count;
      bestAtLastProgress = follower.best;
    } else if (follower.best - bestAtLastProgress >= STALL_BLOCKS) {
      return `nothing finalised while ${STALL_BLOCKS} blocks were built`;
    }
    if (Date.now() > deadline) return `timed out after ${INCLUSION_TIMEOUT_MS / 1000} s`;
    await sleep(250);
  }
}

/**
 * What a workload's `setup` gets: `submitAndFinalise(what, signed)` submits extrinsics the
 * load depends on and resolves once every one is in a finalised block and succeeded (or
 * throws saying what went wrong).
 */
function setupSession({ api, providers, nodes, inFlight }) {
  return {
    async submitAndFinalise(what, signed) {
      const ours = new Set(signed.map((t) => t.hash));
      const startNumber = (await api.rpc.chain.getHeader()).number.toNumber();
      const follower = await followChain(api, ours, startNumber);
      try {
        const { accepted, refusals } = await submitAll(providers, signed, inFlight);
        if (accepted.size !== signed.length) {
          throw new Error(`setup (${what}): the pool refused some: ${JSON.stringify(refusals)}`);
        }
        const outcome = await waitForInclusion(follower, signed.length, nodes);
        if (follower.includedHashes.size !== signed.length) {
          throw new Error(
            `setup (${what}): ${follower.includedHashes.size} of ${signed.length} finalised (${outcome})`,
          );
        }
        const failed = await failedExtrinsics(api, startNumber + 1, follower.counted, ours);
        if (failed > 0) throw new Error(`setup (${what}): ${failed} extrinsics failed`);
      } finally {
        follower.stop();
      }
      log(`setup: ${signed.length} ${what} finalised`);
    },
  };
}

/** How many of `ours` in the finalised blocks `from..=to` failed (`ExtrinsicFailed`). */
async function failedExtrinsics(api, from, to, ours) {
  let failed = 0;
  for (let number = from; number <= to; number++) {
    const hash = await api.rpc.chain.getBlockHash(number);
    const { block } = await api.rpc.chain.getBlock(hash);
    const indices = new Set();
    block.extrinsics.forEach((xt, index) => {
      if (ours.has(xt.hash.toHex())) indices.add(index);
    });
    if (indices.size > 0) failed += await failedAmong(api, hash, indices);
  }
  return failed;
}

// ---------------------------------------------------------------------------------------
// One run

async function openProviders(nodes, count) {
  const providers = [];
  for (let i = 0; i < count; i++) {
    const node = nodes[i % nodes.length];
    const provider = new WsProvider(node.wsUrl, false);
    providers.push(provider);
    await provider.connect();
    await withTimeout(provider.isReady, 30_000, `the websocket to ${node.name} did not open`);
  }
  return providers;
}

/** The node's pool size when the operator gives none (`node/src/command.rs`). */
const NODE_POOL_LIMIT = 80_000;
const NODE_POOL_KBYTES = 20_480;

/**
 * The pool must hold the whole flood: the node's own limits where they do (the run measures
 * the node as operators run it), larger ones given on the command line where they do not.
 */
export function poolArgsFor(workload) {
  const count = Math.ceil(workload.count * 1.25);
  const kbytes = Math.ceil(workload.count * workload.kbytesPerItem * 1.25);
  if (count <= NODE_POOL_LIMIT && kbytes <= NODE_POOL_KBYTES) return [];
  return [
    '--pool-limit',
    String(Math.max(NODE_POOL_LIMIT, count)),
    '--pool-kbytes',
    String(Math.max(NODE_POOL_KBYTES, kbytes)),
  ];
}

/** Runs `workload` on the network `kind` ('dev' or 'local'); returns its report. */
export async function runWorkload(kind, workload, config, dir) {
  const title = `${workload.title} on ${kind === 'dev' ? '--dev (one validator)' : 'the local network (Alice, Bob, Charlie)'}`;
  const specPath = await writeBenchSpec(kind === 'dev' ? 'dev' : 'local', workload, dir);
  const validatorArgs = [...poolArgsFor(workload), ...(config.nodeArgs ?? [])];
  const group = new NodeGroup();
  const apis = [];
  let providers = [];
  let follower = null;
  try {
    log(`${title}: starting the nodes`);
    const network = await startNetwork(kind, specPath, group, validatorArgs);
    const api = await connectApi(network.primary);
    apis.push(api);
    await waitFor(
      'block #2',
      async () => (await api.rpc.chain.getHeader()).number.toNumber() >= 2,
      { timeoutMs: 120_000 },
    );
    const constants = await chainConstants(api);
    providers = await openProviders(network.submitTo, config.connections);
    // The validators: a syncing node started and stopped meanwhile is not one of them.
    const nodes = network.authors.map(({ node }) => node);

    if (workload.setup) {
      await workload.setup(api, setupSession({ api, providers, nodes, inFlight: config.inFlight }));
    }
    // What the syncing node imports before the load (the setup's blocks, if any, and the
    // empty ones) is measured apart, by a node that syncs up to where the load starts, and
    // taken off.
    const setupEnd = (await api.rpc.chain.getFinalizedHead()).toHex();
    const setupEndNumber = (await api.rpc.chain.getHeader(setupEnd)).number.toNumber();
    log(`${title}: a fresh full node syncs the chain before the load, to #${setupEndNumber}`);
    const setupImport = await syncImport(
      group,
      'setup-syncer',
      specPath,
      network.primary,
      setupEndNumber,
    );

    log(`${title}: signing ${workload.count} ${workload.unit}`);
    const signStarted = performance.now();
    const signed = await workload.sign(api);
    const signSeconds = (performance.now() - signStarted) / 1000;
    const signing = {
      seconds: round(signSeconds, 1),
      perSecond: round(signed.length / signSeconds, 0),
    };
    const charge = await extrinsicCharge(api, signed[0].hex, constants);
    const ourHashes = new Set(signed.map((t) => t.hash));

    const startNumber = (await api.rpc.chain.getHeader()).number.toNumber();
    follower = await followChain(api, ourHashes, startNumber);
    const importsBefore = await Promise.all(
      network.importers.map(({ node }) => importTotals(node)),
    );
    log(`${title}: submitting from #${startNumber}`);
    const submitStarted = performance.now();
    const { accepted, refusals } = await submitAll(providers, signed, config.inFlight);
    const submission = {
      submitted: signed.length,
      accepted: accepted.size,
      refusals,
      seconds: (performance.now() - submitStarted) / 1000,
    };
    log(
      `${title}: ${accepted.size} of ${signed.length} accepted in ${round(submission.seconds, 1)} s`,
    );

    const outcome = await waitForInclusion(follower, accepted.size, nodes);
    const notIncluded = await whereAreTheMissing(accepted, follower.includedHashes, nodes);
    // Every extrinsic counted is in a finalised block up to this one.
    const endNumber = follower.counted;
    log(`${title}: ${outcome}, by #${endNumber}`);
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
    log(`${title}: a fresh full node syncs the chain to #${endNumber}`);
    const sync = await syncImport(group, 'syncer', specPath, network.primary, endNumber);
    // Blocks the setup's syncing node imported past the setup were empty, as are those the
    // last one imported past the load: both are in the figure, at an empty block's cost.
    const execution = {
      seconds: sync.seconds - setupImport.seconds,
      blocks: sync.blocks - setupImport.blocks,
      fromBlock: setupImport.syncedTo + 1,
      toBlock: sync.syncedTo,
    };

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
    // From the block the run started at: it holds none of the load, and its timestamp starts
    // the window when the first loaded block is in it.
    const f = figures({
      blocks,
      constants,
      charge,
      follower,
      imports,
      execution,
      submission,
      signing,
    });
    f.outcome = outcome;
    f.notIncluded = notIncluded;
    f.setupImport = {
      seconds: round(setupImport.seconds, 3),
      blocks: setupImport.blocks,
      syncedTo: setupImport.syncedTo,
    };
    f.lostSlots = { sealTimeouts: proposals.sealTimeouts, discardedProposals: proposals.discarded };
    printRun(title, workload, f, constants, charge);
    return {
      kind,
      workload: workload.name,
      count: workload.count,
      constants,
      charge,
      figures: f,
      blocks,
    };
  } finally {
    follower?.stop();
    await Promise.all(providers.map((p) => p.disconnect().catch(() => {})));
    await disconnectApis(apis);
    await group.stopAll();
  }
}
