#!/usr/bin/env node
// Capacity benchmark: how many `balances.transferKeepAlive` a `--dev` Aegis node puts into its
// blocks, and how long building (and proof-of-work sealing) those blocks takes.
//
//   AEGIS_NODE_BIN=../target/release/aegis-node node bench/capacity.mjs
//
// What it does:
//   1. starts `aegis-node --dev` (single validator, 2 s BABE slots, every block also carries a
//      proof-of-work seal mined by the author) with a transaction pool big enough for the flood
//      and debug logs of the block builder (`basic-authorship`) and the sealer (`pow-seal`);
//   2. funds extra sender accounts (`//Alice//bench//<i>`) from Alice with `utility.batchAll`,
//      if more senders are asked for than the 12 endowed dev accounts;
//   3. signs AEGIS_CAPACITY_TXS transfers of 1 AEG (immortal, explicit sequential nonces,
//      round-robin over the senders) BEFORE submitting anything: signing is the client's cost;
//   4. submits them over a second websocket with `author_submitExtrinsic`, many in flight;
//   5. waits until every accepted transfer is included (or no progress / timeout);
//   6. reads every block of the run (extrinsics, `system.blockWeight`, events) and matches it to
//      the node log's `🎁 Prepared block for proposing ...` line (build time, end reason) and
//      `sealed #N at difficulty D: H hashes in X` line (sealing time), via the block's pre-seal
//      hash (the header without its aPoW and BABE seals, which is what the proposer logs);
//   7. prints a table per block and a summary line, and writes JSON to AEGIS_CAPACITY_REPORT.
//
// Environment (all optional except AEGIS_NODE_BIN):
//   AEGIS_CAPACITY_TXS          transfers to sign and submit (default 6000)
//   AEGIS_CAPACITY_SENDERS      sending accounts (default 60: the 12 dev accounts + 48 funded)
//   AEGIS_CAPACITY_IN_FLIGHT    author_submitExtrinsic calls in flight at once (default 200)
//   AEGIS_CAPACITY_TIMEOUT_S    give up waiting for inclusion after this (default 600)
//   AEGIS_CAPACITY_STALL_BLOCKS stop after this many new blocks without progress (default 10)
//   AEGIS_CAPACITY_NODE_ARGS    extra node arguments, space separated (e.g. `--pool-type single-state`)
//   AEGIS_CAPACITY_REPORT       write the JSON report there
//   AEGIS_E2E_KEEP_TMP=1        keep the node's temporary directory (base path + node.log)

import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

import { WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { bnToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';

import {
  AEG,
  WELL_KNOWN_DEV_SEEDS,
  bestNumber,
  connectApi,
  disconnectApis,
  submitAndLocate,
  waitForBestNumber,
} from '../lib/chain.mjs';
import { describeExit, nodeBinary, spawnNode, READY_TIMEOUT_MS } from '../lib/node.mjs';
import { decodeSeals } from '../lib/seal.mjs';
import { positiveIntegerFromEnv, withTimeout } from '../lib/util.mjs';

// ---------------------------------------------------------------------------------------
// Configuration

const DERIVED_SEED = (i) => `//Alice//bench//${i}`;
/** Transfers per utility.batchAll when funding the derived senders. */
const FUNDING_BATCH = 100;
const FUNDING_TIMEOUT_MS = 120_000;
/** The proposer's block-building budget per the node's source (not read from the node):
 *  slot × 2/3 (service.rs block_proposal_slot_portion) × 2/3 (pow.rs BUILD_SHARE) × 0.9
 *  (sc-basic-authorship keeps 10 % for finalising the block). */
const BUILD_BUDGET_SHARE = (2 / 3) * (2 / 3) * 0.9;
/** End reasons meaning the block builder stopped for lack of room or time, not of transactions. */
const FULL_BLOCK_REASONS = new Set(['HitDeadline', 'HitBlockWeightLimit', 'HitBlockSizeLimit']);
const TARGET_TPS = 10_000;

function readConfig() {
  const extraArgs = (process.env.AEGIS_CAPACITY_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const txs = positiveIntegerFromEnv('AEGIS_CAPACITY_TXS', 6000);
  return {
    txs,
    senders: positiveIntegerFromEnv('AEGIS_CAPACITY_SENDERS', 60),
    inFlight: positiveIntegerFromEnv('AEGIS_CAPACITY_IN_FLIGHT', 200),
    timeoutS: positiveIntegerFromEnv('AEGIS_CAPACITY_TIMEOUT_S', 600),
    stallBlocks: positiveIntegerFromEnv('AEGIS_CAPACITY_STALL_BLOCKS', 10),
    // The ready queue must hold the whole flood; the future queue gets a tenth of it.
    poolLimit: Math.max(20_000, Math.ceil(txs * 1.25)),
    poolKbytes: Math.max(100_000, Math.ceil(txs * 1.25)),
    extraArgs,
    reportPath: process.env.AEGIS_CAPACITY_REPORT || null,
  };
}

// ---------------------------------------------------------------------------------------
// Node log parsing (pure, exported for checking by hand)

const ANSI = /\u001b\[[0-9;]*m/g;

/** Rust's `Debug` of a `Duration` (`26.5ms`, `1.2034s`, `850µs`, `12ns`) in milliseconds. */
export function parseRustDurationMs(text) {
  const match = /^([0-9]+(?:\.[0-9]+)?)\s*(ns|µs|μs|us|ms|s)$/.exec(text.trim());
  if (!match) return null;
  const value = Number(match[1]);
  const scale = { ns: 1e-6, µs: 1e-3, μs: 1e-3, us: 1e-3, ms: 1, s: 1000 }[match[2]];
  return value * scale;
}

const PREPARED = /Prepared block for proposing at (\d+) \((\d+) ms\)/;
const PREPARED_HASH = /\bhash: (0x[0-9a-fA-F]{64})/;
const PREPARED_PARENT = /\bparent_hash: ([^;\s]+)/;
const PREPARED_END = /\bend: ([A-Za-z]+)/;
const PREPARED_COUNT = /extrinsics_count: (\d+)|extrinsics \((\d+)\)|(no extrinsics)/;
const SEALED = /sealed #(\d+) at difficulty (\d+): (\d+) hashes in (\S+)/;
const NO_SEAL = /no seal at difficulty (\d+) within the slot \((\d+) hashes\)/;
const DISCARDED = /Discarding proposal for slot (\d+)/;
// sc-basic-authorship's debug lines (target `basic-authorship`) around its transaction loop.
const PUSH_START = /Attempting to push transactions from the pool/;
const BLOCK_FULL = /Block seems full|would overflow the block size limit/;
const PUSH_END =
  /No more transactions, proceeding with proposing|Consensus deadline reached when pushing|Reached block (?:weight|size) limit, proceeding/;
/** The timestamp sc-tracing puts first on a line (`2025-11-25 15:43:38.206`), in ms. */
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)/;

function lineTimeMs(line) {
  const match = TIMESTAMP.exec(line);
  if (!match) return null;
  const ms = Date.parse(`${match[1]}T${match[2]}`);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * Splits a proposal's time with the timestamps (ms resolution) of the builder's debug lines:
 * waitMs (pool readiness + inherents: `(N ms)` minus the rest), fillMs (first push until the
 * block was full or the pool empty), tailMs (after the block was full: trying further
 * transactions until the soft deadline, as sc-basic-authorship does) and finaliseMs (loop end
 * until the `Prepared` line: storage root and header). Null where a line is missing.
 */
function proposalPhases(marks, preparedAt, buildMs) {
  const { start, full, end } = marks;
  if (start === null || end === null || preparedAt === null) return null;
  const filledAt = full ?? end;
  return {
    waitMs: Math.max(0, buildMs - (preparedAt - start)),
    fillMs: filledAt - start,
    tailMs: end - filledAt,
    finaliseMs: preparedAt - end,
  };
}

/**
 * The proposals in a node log, in log order: [{ number, buildMs, preHash, parentHash, end,
 * extrinsicsCount, phases, seal }]. `seal` is { number, difficulty, hashes, ms } of the first
 * `sealed #N` line after the proposal (and before the next one) with the same number, or null;
 * `phases` is proposalPhases (needs `-lbasic-authorship=debug`). Also returns the counts of
 * sealing timeouts and of proposals that BABE discarded for taking too long.
 */
export function parseNodeLog(text) {
  const proposals = [];
  let sealTimeouts = 0;
  let discardedProposals = 0;
  let current = null;
  let marks = { start: null, full: null, end: null };
  for (const rawLine of text.split('\n')) {
    if (
      !rawLine.includes('Prepared block') &&
      !rawLine.includes('seal') &&
      !rawLine.includes('basic-authorship') &&
      !rawLine.includes('Discarding proposal')
    ) {
      continue;
    }
    const line = rawLine.includes('\u001b') ? rawLine.replace(ANSI, '') : rawLine;
    if (PUSH_START.test(line)) {
      marks = { start: lineTimeMs(line), full: null, end: null };
      continue;
    }
    if (BLOCK_FULL.test(line)) {
      marks.full ??= lineTimeMs(line);
      continue;
    }
    if (PUSH_END.test(line)) {
      marks.end = lineTimeMs(line);
      continue;
    }
    const prepared = PREPARED.exec(line);
    if (prepared) {
      const count = PREPARED_COUNT.exec(line);
      const buildMs = Number(prepared[2]);
      current = {
        number: Number(prepared[1]),
        buildMs,
        preHash: PREPARED_HASH.exec(line)?.[1].toLowerCase() ?? null,
        parentHash: PREPARED_PARENT.exec(line)?.[1] ?? null,
        end: PREPARED_END.exec(line)?.[1] ?? null,
        extrinsicsCount: count ? (count[3] ? 0 : Number(count[1] ?? count[2])) : null,
        phases: proposalPhases(marks, lineTimeMs(line), buildMs),
        seal: null,
      };
      proposals.push(current);
      marks = { start: null, full: null, end: null };
      continue;
    }
    const sealed = SEALED.exec(line);
    if (sealed) {
      const number = Number(sealed[1]);
      if (current && current.number === number && current.seal === null) {
        current.seal = {
          number,
          difficulty: Number(sealed[2]),
          hashes: Number(sealed[3]),
          ms: parseRustDurationMs(sealed[4]),
        };
      }
      continue;
    }
    if (NO_SEAL.test(line)) sealTimeouts++;
    else if (DISCARDED.test(line)) discardedProposals++;
  }
  return { proposals, sealTimeouts, discardedProposals };
}

// ---------------------------------------------------------------------------------------
// Small helpers

const round = (value, digits = 1) =>
  value === null || value === undefined || !Number.isFinite(value)
    ? null
    : Number(value.toFixed(digits));
const fmt = (value, digits = 0) =>
  value === null || value === undefined || !Number.isFinite(value) ? '-' : value.toFixed(digits);
const sum = (values) => values.reduce((a, b) => a + b, 0);
const elapsedS = (since) => (performance.now() - since) / 1000;
const log = (...args) =>
  console.log(`[capacity ${new Date().toISOString().slice(11, 19)}]`, ...args);

function errorKey(error) {
  return String(error?.message ?? error)
    .replace(/0x[0-9a-fA-F]+/g, '0x…')
    .slice(0, 160);
}

/** The hash the proposer logs: the header without its last two digest items (aPoW + BABE seals). */
function preSealHash(api, header) {
  const seals = decodeSeals(header);
  const count = seals.logCount;
  if (seals.babeSealIndex !== count - 1 || seals.powIndex !== count - 2) return null;
  const unsealed = api.registry.createType('Header', {
    parentHash: header.parentHash,
    number: header.number,
    stateRoot: header.stateRoot,
    extrinsicsRoot: header.extrinsicsRoot,
    digest: { logs: header.digest.logs.slice(0, -2) },
  });
  return unsealed.hash.toHex();
}

// ---------------------------------------------------------------------------------------
// Phases

async function makeSenders(count) {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const seeds = WELL_KNOWN_DEV_SEEDS.slice(0, count);
  for (let i = 0; seeds.length < count; i++) seeds.push(DERIVED_SEED(i));
  return seeds.map((seed) => ({
    seed,
    pair: keyring.addFromUri(seed),
    derived: !WELL_KNOWN_DEV_SEEDS.includes(seed),
  }));
}

async function chainConstants(api) {
  const weights = api.consts.system.blockWeights;
  const normal = weights.perClass.normal;
  const slotMs = api.consts.babe?.expectedBlockTime
    ? api.consts.babe.expectedBlockTime.toNumber()
    : api.consts.timestamp.minimumPeriod.toNumber() * 2;
  return {
    slotMs,
    maxBlockRefTime: weights.maxBlock.refTime.toNumber(),
    maxNormalRefTime: normal.maxTotal.isSome ? normal.maxTotal.unwrap().refTime.toNumber() : null,
    baseExtrinsicRefTime: normal.baseExtrinsic.refTime.toNumber(),
    maxNormalLength: api.consts.system.blockLength.max.normal.toNumber(),
    existentialDeposit: api.consts.balances.existentialDeposit.toBigInt(),
  };
}

/** The runtime's view of one transfer: weight (without the base extrinsic weight), fee, length. */
async function queryTransferInfo(api, sender, dest, constants) {
  // The sender's current nonce, so that the length (compact nonce) is that of the real ones.
  const { nonce } = await api.query.system.account(sender.pair.address);
  const tx = await api.tx.balances
    .transferKeepAlive(dest, AEG)
    .signAsync(sender.pair, { nonce: nonce.toNumber(), era: 0 });
  const length = tx.encodedLength;
  // The runtime API TransactionPaymentApi_query_info(uxt, len), called with `state_call`:
  // polkadot.js's api.call.transactionPaymentApi.queryInfo(tx, len) encodes `uxt` (typed
  // SpRuntimeUncheckedExtrinsic in this runtime's metadata v16) in a way the runtime cannot
  // decode ("Bad input data provided to query_info: Codec error"), while the extrinsic's own
  // SCALE encoding followed by a u32 length is exactly the call's input.
  const input = u8aConcat(tx.toU8a(), bnToU8a(length, { bitLength: 32 }));
  const output = await api.rpc.state.call('TransactionPaymentApi_query_info', u8aToHex(input));
  const returnType =
    api.call.transactionPaymentApi?.queryInfo?.meta?.type?.toString() || 'RuntimeDispatchInfo';
  const info = api.registry.createType(returnType, output);
  const weight = info.weight.refTime.toNumber();
  const perTransferInBlock = weight + constants.baseExtrinsicRefTime;
  return {
    length,
    dispatchClass: info.class.toString(),
    refTime: weight,
    proofSize: info.weight.proofSize.toNumber(),
    partialFee: info.partialFee.toBigInt(),
    baseExtrinsicRefTime: constants.baseExtrinsicRefTime,
    blockRefTimePerTransfer: perTransferInBlock,
    fitByWeight:
      constants.maxNormalRefTime === null
        ? null
        : Math.floor(constants.maxNormalRefTime / perTransferInBlock),
    fitByLength: Math.floor(constants.maxNormalLength / length),
  };
}

async function fundDerivedSenders(api, senders, amount) {
  const derived = senders.filter((s) => s.derived);
  if (derived.length === 0) return;
  const alice =
    senders.find((s) => s.seed === '//Alice')?.pair ??
    new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Alice');
  for (let i = 0; i < derived.length; i += FUNDING_BATCH) {
    const chunk = derived.slice(i, i + FUNDING_BATCH);
    const batch = api.tx.utility.batchAll(
      chunk.map((s) => api.tx.balances.transferKeepAlive(s.pair.address, amount)),
    );
    const { blockNumber } = await submitAndLocate(api, batch, alice, {
      timeoutMs: FUNDING_TIMEOUT_MS,
    });
    log(`funded ${chunk.length} senders with ${amount / AEG} AEG each in #${blockNumber}`);
  }
}

async function accountsAtBest(api, addresses) {
  const infos = await api.query.system.account.multi(addresses);
  return infos.map(({ nonce, data }) => ({ nonce: nonce.toNumber(), free: data.free.toBigInt() }));
}

/** Signs `count` transfers round-robin over the senders with sequential nonces (no RPC). */
async function signTransfers(api, senders, startNonces, count) {
  const signed = [];
  for (let k = 0; k < count; k++) {
    const s = k % senders.length;
    const dest = senders[(s + 1) % senders.length].pair.address;
    const nonce = startNonces[s] + Math.floor(k / senders.length);
    const tx = await api.tx.balances
      .transferKeepAlive(dest, AEG)
      .signAsync(senders[s].pair, { nonce, era: 0 });
    signed.push({ hex: tx.toHex(), hash: tx.hash.toHex(), sender: s, nonce });
  }
  return signed;
}

/** author_submitExtrinsic for every transfer, `inFlight` at a time, in order. */
async function submitAll(provider, signed, inFlight) {
  const errors = new Map();
  const accepted = new Array(signed.length).fill(false);
  let next = 0;
  let acceptedCount = 0;
  const worker = async () => {
    while (next < signed.length) {
      const index = next++;
      try {
        await provider.send('author_submitExtrinsic', [signed[index].hex]);
        accepted[index] = true;
        acceptedCount++;
      } catch (error) {
        const key = errorKey(error);
        errors.set(key, (errors.get(key) ?? 0) + 1);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, signed.length) }, worker));
  return { accepted, acceptedCount, errors: Object.fromEntries(errors) };
}

/**
 * Follows new heads and counts the included transfers at each (the senders' nonce increases
 * since the start, read at the best block). `stop()` ends the subscription.
 */
function followInclusion(api, { addresses, startNonces, node }) {
  const samples = [];
  let included = 0;
  let unsubscribe = null;
  let pending = null;
  let running = false;
  let failure = null;
  const check = async () => {
    if (running) return;
    running = true;
    try {
      while (pending) {
        const head = pending;
        pending = null;
        const accounts = await accountsAtBest(api, addresses);
        included = sum(accounts.map((a, i) => a.nonce - startNonces[i]));
        samples.push({ number: head.number, at: Date.now(), included });
      }
    } catch (error) {
      failure = error;
    } finally {
      running = false;
    }
  };
  const ready = api.rpc.chain
    .subscribeNewHeads((header) => {
      pending = { number: header.number.toNumber() };
      check();
    })
    .then((unsub) => {
      unsubscribe = unsub;
    });
  return {
    ready,
    get included() {
      return included;
    },
    get heads() {
      return samples.length;
    },
    samples,
    get failure() {
      if (failure) return failure;
      if (node.exitStatus) return new Error(`the node stopped: ${describeExit(node.exitStatus)}`);
      return null;
    },
    stop: () => unsubscribe?.(),
  };
}

async function waitForInclusion(follower, { expected, timeoutS, stallBlocks, submissionDone }) {
  const deadline = Date.now() + timeoutS * 1000;
  let lastIncluded = -1;
  let headsAtLastProgress = follower.heads;
  for (;;) {
    if (follower.failure) throw follower.failure;
    if (follower.included >= expected && submissionDone()) return 'all included';
    if (follower.included !== lastIncluded) {
      lastIncluded = follower.included;
      headsAtLastProgress = follower.heads;
    } else if (submissionDone() && follower.heads - headsAtLastProgress >= stallBlocks) {
      return `no progress for ${stallBlocks} blocks`;
    }
    if (Date.now() > deadline) return `timeout after ${timeoutS}s`;
    await sleep(250);
  }
}

/** Everything about one block of the run. */
async function readBlock(api, number, ourHashes, proposalsByPreHash, proposalsByNumber, constants) {
  const hash = (await api.rpc.chain.getBlockHash(number)).toHex();
  const { block } = await api.rpc.chain.getBlock(hash);
  const { header, extrinsics } = block;
  const seals = decodeSeals(header);
  const ourIndices = [];
  let inherents = 0;
  let otherSigned = 0;
  extrinsics.forEach((xt, index) => {
    if (ourHashes.has(xt.hash.toHex())) ourIndices.push(index);
    else if (xt.isSigned) otherSigned++;
    else inherents++;
  });

  const apiAt = await api.at(hash);
  const blockWeight = await apiAt.query.system.blockWeight();
  const normalRefTime = blockWeight.normal.refTime.toNumber();

  let ok = 0;
  let failed = 0;
  let dispatchRefTime = 0;
  if (ourIndices.length > 0) {
    const ours = new Set(ourIndices);
    const records = await apiAt.query.system.events();
    for (const { phase, event } of records) {
      if (!phase.isApplyExtrinsic || !ours.has(phase.asApplyExtrinsic.toNumber())) continue;
      if (api.events.system.ExtrinsicSuccess.is(event)) {
        ok++;
        dispatchRefTime += event.data[0].weight.refTime.toNumber();
      } else if (api.events.system.ExtrinsicFailed.is(event)) {
        failed++;
        dispatchRefTime += event.data[1].weight.refTime.toNumber();
      }
    }
  }

  const preHash = preSealHash(api, header);
  let proposal = preHash ? proposalsByPreHash.get(preHash) : undefined;
  let matchedBy = proposal ? 'pre-seal hash' : null;
  if (!proposal) {
    // Fallback: the last proposal at this height with the same number of extrinsics.
    proposal = (proposalsByNumber.get(number) ?? [])
      .filter((p) => p.extrinsicsCount === extrinsics.length)
      .at(-1);
    if (proposal) matchedBy = 'number + extrinsics count';
  }
  const transfers = ourIndices.length;
  return {
    number,
    hash,
    preHash,
    slot: seals.babeSlot === null ? null : Number(seals.babeSlot),
    extrinsics: extrinsics.length,
    inherents,
    otherSigned,
    transfers,
    transfersOk: ok,
    transfersFailed: failed,
    sizeBytes: block.encodedLength,
    normalRefTime,
    normalWeightShare:
      constants.maxNormalRefTime === null ? null : normalRefTime / constants.maxNormalRefTime,
    dispatchRefTime,
    proposalMatchedBy: matchedBy,
    buildMs: proposal?.buildMs ?? null,
    waitMs: proposal?.phases?.waitMs ?? null,
    fillMs: proposal?.phases?.fillMs ?? null,
    tailMs: proposal?.phases?.tailMs ?? null,
    finaliseMs: proposal?.phases?.finaliseMs ?? null,
    end: proposal?.end ?? null,
    loggedExtrinsics: proposal?.extrinsicsCount ?? null,
    sealMs: proposal?.seal?.ms ?? null,
    sealHashes: proposal?.seal?.hashes ?? null,
    sealDifficulty: proposal?.seal?.difficulty ?? null,
  };
}

// ---------------------------------------------------------------------------------------
// Summary

function summarise(blocks, { constants, transferInfo, submitted, accepted, included }) {
  const slotS = constants.slotMs / 1000;
  const withTransfers = blocks.filter((b) => b.transfers > 0);
  const full = withTransfers.filter((b) => FULL_BLOCK_REASONS.has(b.end));
  const best = withTransfers.reduce((a, b) => (b.transfers > (a?.transfers ?? -1) ? b : a), null);

  // Blocks building transfers only (in the normal class): weight per transfer as measured.
  const pure = withTransfers.filter((b) => b.otherSigned === 0);
  const measuredRefTimePerTransfer =
    pure.length > 0
      ? sum(pure.map((b) => b.normalRefTime)) / sum(pure.map((b) => b.transfers))
      : null;
  const dispatchRefTimePerTransfer =
    withTransfers.length > 0
      ? sum(withTransfers.map((b) => b.dispatchRefTime)) /
        sum(withTransfers.map((b) => b.transfers))
      : null;

  const rateOver = (set, field) => {
    const timed = set.filter((b) => b[field] !== null && b[field] > 0);
    if (timed.length === 0) return null;
    const transfers = sum(timed.map((b) => b.transfers));
    const ms = sum(timed.map((b) => b[field]));
    return {
      blocks: timed.length,
      transfers,
      ms,
      transfersPerSecond: transfers / (ms / 1000),
      usPerTransfer: (ms * 1000) / transfers,
    };
  };

  // Sustained: from the first to the last block with transfers, by BABE slots.
  let sustained = null;
  if (withTransfers.length > 0) {
    const first = withTransfers[0];
    const last = withTransfers.at(-1);
    const window = blocks.filter((b) => b.number >= first.number && b.number <= last.number);
    if (first.slot !== null && last.slot !== null) {
      // Slots from the one before the first block (when the first block's transfers arrived at
      // the latest) to the last block's slot.
      const slots = last.slot - first.slot + 1;
      const transfers = sum(window.map((b) => b.transfers));
      sustained = {
        fromBlock: first.number,
        toBlock: last.number,
        blocks: window.length,
        slots,
        blocksPerSecond: window.length / (slots * slotS),
        transfers,
        chainTps: transfers / (slots * slotS),
      };
    }
  }

  const fullWeight = (refTimePerTransfer) =>
    refTimePerTransfer && constants.maxNormalRefTime !== null
      ? {
          refTimePerTransfer,
          transfersPerBlock: Math.floor(constants.maxNormalRefTime / refTimePerTransfer),
          tps: Math.floor(constants.maxNormalRefTime / refTimePerTransfer) / slotS,
        }
      : null;

  return {
    submitted,
    accepted,
    included,
    blocksWithTransfers: withTransfers.length,
    fullBlocks: full.length,
    bestBlock: best && {
      number: best.number,
      transfers: best.transfers,
      buildMs: best.buildMs,
      sealMs: best.sealMs,
      end: best.end,
      normalWeightShare: best.normalWeightShare,
      chainTpsIfEverySlot: best.transfers / slotS,
    },
    fullBlockMeanTransfers: full.length ? sum(full.map((b) => b.transfers)) / full.length : null,
    fullBlockTps: full.length ? sum(full.map((b) => b.transfers)) / full.length / slotS : null,
    // Transfers per second of block building: `(N ms)` of the Prepared line, as logged.
    buildRateFullBlocks: rateOver(full, 'buildMs'),
    buildRateAllBlocks: rateOver(withTransfers, 'buildMs'),
    // Transfers per second of filling: first push until the block was full or the pool empty.
    fillRateFullBlocks: rateOver(full, 'fillMs'),
    fillRateAllBlocks: rateOver(withTransfers, 'fillMs'),
    sustained,
    weight: {
      maxNormalRefTime: constants.maxNormalRefTime,
      baseExtrinsicRefTime: constants.baseExtrinsicRefTime,
      measuredBlockRefTimePerTransfer: measuredRefTimePerTransfer,
      eventsDispatchRefTimePerTransfer: dispatchRefTimePerTransfer,
      queryInfo: transferInfo,
      ifFullByMeasuredWeight: fullWeight(measuredRefTimePerTransfer),
      ifFullByQueryInfoWeight: fullWeight(transferInfo.blockRefTimePerTransfer),
    },
    buildBudgetMs: constants.slotMs * BUILD_BUDGET_SHARE,
    targetTps: TARGET_TPS,
    targetTransfersPerBlock: TARGET_TPS * slotS,
  };
}

function printTable(blocks, constants) {
  const rows = [
    [
      'block',
      'slot',
      'transfers',
      'other',
      'build ms',
      'end',
      'wait',
      'fill',
      'tail',
      'final',
      'seal ms',
      'hashes',
      'difficulty',
      'normal weight',
      'tx/s build',
      'tx/s fill',
      'failed',
    ],
  ];
  // The blocks from the first to the last with transfers, so that gaps show.
  const first = blocks.findIndex((b) => b.transfers > 0);
  const last = blocks.findLastIndex((b) => b.transfers > 0);
  for (const b of first === -1 ? [] : blocks.slice(first, last + 1)) {
    rows.push(
      [
        `#${b.number}`,
        b.slot ?? '-',
        b.transfers,
        b.extrinsics - b.transfers,
        b.buildMs ?? '-',
        b.end ?? (b.proposalMatchedBy ? '-' : 'no log line'),
        b.waitMs ?? '-',
        b.fillMs ?? '-',
        b.tailMs ?? '-',
        b.finaliseMs ?? '-',
        fmt(b.sealMs, 1),
        b.sealHashes ?? '-',
        b.sealDifficulty ?? '-',
        b.normalWeightShare === null ? '-' : `${fmt(b.normalWeightShare * 100, 1)} %`,
        b.buildMs ? fmt(b.transfers / (b.buildMs / 1000)) : '-',
        b.fillMs ? fmt(b.transfers / (b.fillMs / 1000)) : '-',
        b.transfersFailed,
      ].map(String),
    );
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const [i, row] of rows.entries()) {
    console.log(
      row
        .map((cell, c) => (c === 5 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
        .join('  '),
    );
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  console.log(
    `(slot ${constants.slotMs} ms; "other" = inherents and extrinsics not sent by this run; build ms = the ` +
      `proposer's "(N ms)" = wait (pool readiness, inherents) + fill (pushing until full or pool empty) + ` +
      `tail (trying more after full, up to the soft deadline) + final (storage root); the split is from ` +
      `log timestamps, ms resolution)`,
  );
}

function printSummary(s, constants) {
  const us = (refTime) => (refTime === null ? '-' : `${fmt(refTime / 1e6, 1)} µs`);
  const w = s.weight;
  console.log('');
  console.log(
    `submitted ${s.submitted}, accepted by the pool ${s.accepted}, included ${s.included}`,
  );
  console.log(
    `blocks with transfers: ${s.blocksWithTransfers}, of which full (builder hit deadline/weight/size): ${s.fullBlocks}`,
  );
  if (s.bestBlock) {
    const b = s.bestBlock;
    console.log(
      `best block #${b.number}: ${b.transfers} transfers, build ${b.buildMs ?? '-'} ms, seal ${fmt(b.sealMs, 1)} ms, ` +
        `end ${b.end ?? '-'}, ${b.normalWeightShare === null ? '-' : fmt(b.normalWeightShare * 100, 1)} % of the normal weight limit ` +
        `→ ${fmt(b.chainTpsIfEverySlot)} TPS if every slot held such a block`,
    );
  }
  for (const [what, label, rate] of [
    ['building', 'full blocks', s.buildRateFullBlocks],
    ['building', 'all blocks with transfers', s.buildRateAllBlocks],
    ['filling', 'full blocks', s.fillRateFullBlocks],
    ['filling', 'all blocks with transfers', s.fillRateAllBlocks],
  ]) {
    if (rate) {
      console.log(
        `block ${what}, ${label}: ${rate.transfers} transfers in ${rate.ms} ms over ${rate.blocks} blocks ` +
          `= ${fmt(rate.transfersPerSecond)} transfers/s of ${what} (${fmt(rate.usPerTransfer, 1)} µs per transfer)`,
      );
    }
  }
  if (s.fullBlockTps !== null) {
    console.log(
      `full blocks: ${fmt(s.fullBlockMeanTransfers)} transfers per block on average = ${fmt(s.fullBlockTps)} TPS ` +
        `at one block per ${constants.slotMs} ms slot`,
    );
  }
  if (s.sustained) {
    const x = s.sustained;
    console.log(
      `sustained #${x.fromBlock}..#${x.toBlock}: ${x.blocks} blocks in ${x.slots} slots ` +
        `(${fmt(x.blocksPerSecond, 3)} blocks/s), ${x.transfers} transfers = ${fmt(x.chainTps)} TPS on chain`,
    );
  }
  console.log(
    `weight: normal class max ${us(w.maxNormalRefTime)} per block; base extrinsic ${us(w.baseExtrinsicRefTime)}; ` +
      `queryInfo ${us(w.queryInfo.refTime)} (+ base = ${us(w.queryInfo.blockRefTimePerTransfer)} per transfer, ` +
      `fee ${w.queryInfo.partialFee} planck, ${w.queryInfo.length} bytes) → ${w.queryInfo.fitByWeight} per block by weight, ` +
      `${w.queryInfo.fitByLength} by length`,
  );
  console.log(
    `measured: ${us(w.measuredBlockRefTimePerTransfer)} block weight per transfer (system.blockWeight), ` +
      `${us(w.eventsDispatchRefTimePerTransfer)} per transfer from ExtrinsicSuccess (actual weight incl. base extrinsic)`,
  );
  for (const [label, full] of [
    ['measured', w.ifFullByMeasuredWeight],
    ['queryInfo', w.ifFullByQueryInfoWeight],
  ]) {
    if (full) {
      console.log(
        `if full by weight (${label}): ${full.transfersPerBlock} transfers per block = ${fmt(full.tps)} TPS ` +
          `at one block per ${constants.slotMs} ms slot`,
      );
    }
  }
  console.log(
    `target ${s.targetTps} TPS = ${s.targetTransfersPerBlock} transfers per block; ` +
      `builder budget ≈ ${fmt(s.buildBudgetMs)} ms per block (from the node's source)`,
  );
}

function summaryLine(s, constants) {
  const best = s.bestBlock;
  const build = s.buildRateFullBlocks ?? s.buildRateAllBlocks;
  const fill = s.fillRateFullBlocks ?? s.fillRateAllBlocks;
  const which = s.buildRateFullBlocks ? `${build.blocks} full blocks` : 'no full block';
  const full = s.weight.ifFullByMeasuredWeight ?? s.weight.ifFullByQueryInfoWeight;
  const parts = [
    `best block ${best ? `${best.transfers} transfers (#${best.number}, ${best.buildMs ?? '-'} ms build, ${best.end ?? '?'})` : 'none'}`,
    build
      ? `${fmt(build.transfersPerSecond)} transfers/s of block building` +
        `${fill ? ` (${fmt(fill.transfersPerSecond)}/s of filling)` : ''}, ${which}`
      : 'no build times',
    `chain ${best ? `${fmt(best.chainTpsIfEverySlot)} TPS at the best block per ${constants.slotMs / 1000} s slot` : '-'}` +
      `${s.sustained ? `, ${fmt(s.sustained.chainTps)} TPS sustained over ${s.sustained.slots} slots (${fmt(s.sustained.blocksPerSecond, 2)} blocks/s)` : ''}`,
    `weight: ${best?.normalWeightShare == null ? '-' : `${fmt(best.normalWeightShare * 100, 1)} %`} of the normal limit used, ` +
      `full by weight ${full ? `${full.transfersPerBlock}/block = ${fmt(full.tps)} TPS` : '-'}`,
    `target ${s.targetTps} TPS`,
  ];
  return `CAPACITY: ${parts.join('; ')}`;
}

// ---------------------------------------------------------------------------------------
// Main

async function main() {
  const config = readConfig();
  const binary = nodeBinary();
  const report = {
    startedAt: new Date().toISOString(),
    binary,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      loadAvgAtStart: os.loadavg(),
    },
    config: { ...config, reportPath: undefined },
  };
  const writeReport = () => {
    if (!config.reportPath) return;
    writeFileSync(
      config.reportPath,
      `${JSON.stringify(report, (_, v) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`,
    );
  };
  if (/[/\\]debug[/\\]/.test(binary)) {
    log(
      'WARNING: this is a debug build; the native client code is unoptimised. Use a release build for real figures.',
    );
  }
  if (os.loadavg()[0] > os.cpus().length * 0.5) {
    log(
      `WARNING: load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} on ${os.cpus().length} CPUs: other work skews the figures`,
    );
  }

  const args = [
    '--dev',
    '--pool-limit',
    String(config.poolLimit),
    '--pool-kbytes',
    String(config.poolKbytes),
    '-lbasic-authorship=debug,pow-seal=debug',
    ...config.extraArgs,
  ];
  const node = await spawnNode({ name: 'capacity', args });
  report.node = { argv: node.argv, logPath: node.logPath };
  let api = null;
  let submitProvider = null;
  let follower = null;
  let ok = false;
  try {
    log(`started ${binary} ${args.join(' ')} (log: ${node.logPath})`);
    await node.waitUntilReady({ timeoutMs: READY_TIMEOUT_MS });
    api = await connectApi(node);
    await waitForBestNumber(api, 1, { timeoutMs: 120_000 });

    const constants = await chainConstants(api);
    report.constants = constants;
    const senders = await makeSenders(config.senders);
    const addresses = senders.map((s) => s.pair.address);

    const transferInfo = await queryTransferInfo(
      api,
      senders[0],
      addresses[1 % addresses.length],
      constants,
    );
    report.transferInfo = transferInfo;
    log(
      `one transfer: ${transferInfo.length} bytes, weight ref_time ${transferInfo.refTime} ` +
        `(+ base extrinsic ${transferInfo.baseExtrinsicRefTime}), fee ${transferInfo.partialFee} planck; ` +
        `${transferInfo.fitByWeight} fit the normal class (max ${constants.maxNormalRefTime})`,
    );

    const perSender = Math.ceil(config.txs / senders.length);
    const funding = BigInt(perSender) * (AEG + 2n * transferInfo.partialFee) + 10n * AEG;
    await fundDerivedSenders(api, senders, funding);

    const startAccounts = await accountsAtBest(api, addresses);
    const startNonces = startAccounts.map((a) => a.nonce);
    const poor = startAccounts.findIndex(
      (a) => a.free < BigInt(perSender) * (AEG + 2n * transferInfo.partialFee),
    );
    if (poor !== -1)
      throw new Error(`${senders[poor].seed} has only ${startAccounts[poor].free} planck`);

    log(
      `signing ${config.txs} transfers from ${senders.length} senders (${perSender} each at most) ...`,
    );
    let t = performance.now();
    const signed = await signTransfers(api, senders, startNonces, config.txs);
    const signS = elapsedS(t);
    log(`signed ${signed.length} in ${fmt(signS, 1)} s (${fmt(signed.length / signS)}/s)`);
    const ourHashes = new Set(signed.map((x) => x.hash));

    // A separate connection for the flood, so that head notifications are not queued behind it.
    submitProvider = new WsProvider(node.wsUrl, false);
    await submitProvider.connect();
    await withTimeout(submitProvider.isReady, 30_000, 'the submission websocket did not open');

    const startNumber = await bestNumber(api);
    follower = followInclusion(api, { addresses, startNonces, node });
    await follower.ready;
    log(`submitting from best #${startNumber}, ${config.inFlight} in flight ...`);
    let submissionDone = false;
    let submission = null;
    t = performance.now();
    const submitting = submitAll(submitProvider, signed, config.inFlight).then((result) => {
      submission = { ...result, seconds: elapsedS(t) };
      submissionDone = true;
      return submission;
    });
    // Until submission ends, the number to wait for is not known: wait for `submitting` first,
    // but keep watching the node while doing so.
    await Promise.race([
      submitting,
      (async () => {
        while (!submissionDone) {
          if (follower.failure) throw follower.failure;
          await sleep(250);
        }
      })(),
    ]);
    await submitting;
    report.submission = {
      submitted: signed.length,
      accepted: submission.acceptedCount,
      seconds: submission.seconds,
      perSecond: submission.acceptedCount / submission.seconds,
      errors: submission.errors,
      signingSeconds: signS,
    };
    log(
      `submitted ${signed.length} in ${fmt(submission.seconds, 1)} s ` +
        `(${fmt(submission.acceptedCount / submission.seconds)}/s accepted), ${submission.acceptedCount} accepted` +
        (Object.keys(submission.errors).length
          ? `; rejected: ${JSON.stringify(submission.errors)}`
          : ''),
    );

    const outcome = await waitForInclusion(follower, {
      expected: submission.acceptedCount,
      timeoutS: config.timeoutS,
      stallBlocks: config.stallBlocks,
      submissionDone: () => submissionDone,
    });
    follower.stop();
    const endNumber = await bestNumber(api);
    log(
      `${outcome}: ${follower.included} of ${submission.acceptedCount} included by #${endNumber}`,
    );
    report.inclusion = {
      outcome,
      included: follower.included,
      startNumber,
      endNumber,
      heads: follower.samples,
    };

    // Analysis, after the flood so that it does not compete with the node for the CPU.
    const parsed = parseNodeLog(node.readLog());
    const byPreHash = new Map();
    const byNumber = new Map();
    for (const p of parsed.proposals) {
      if (p.preHash) byPreHash.set(p.preHash, p);
      if (!byNumber.has(p.number)) byNumber.set(p.number, []);
      byNumber.get(p.number).push(p);
    }
    if (parsed.proposals.length === 0) {
      log(
        'WARNING: no "Prepared block for proposing" line in the node log: build times are missing',
      );
    }
    const blocks = [];
    for (let number = startNumber + 1; number <= endNumber; number++) {
      blocks.push(await readBlock(api, number, ourHashes, byPreHash, byNumber, constants));
    }
    const unmatched = blocks.filter((b) => b.transfers > 0 && !b.proposalMatchedBy).length;
    if (unmatched > 0)
      log(`WARNING: ${unmatched} blocks with transfers have no matching proposal log line`);
    const usedProposals = new Set(blocks.map((b) => b.preHash));
    const firstProposal = parsed.proposals.findIndex((p) => p.number > startNumber);
    report.log = {
      proposals: parsed.proposals.length,
      sealTimeouts: parsed.sealTimeouts,
      discardedProposals: parsed.discardedProposals,
      proposalsNotInChain:
        firstProposal === -1
          ? 0
          : parsed.proposals
              .slice(firstProposal)
              .filter((p) => p.number <= endNumber && !usedProposals.has(p.preHash)).length,
    };
    report.blocks = blocks;

    const summary = summarise(blocks, {
      constants,
      transferInfo,
      submitted: signed.length,
      accepted: submission.acceptedCount,
      included: sum(blocks.map((b) => b.transfers)),
    });
    report.summary = summary;
    report.machine.loadAvgAtEnd = os.loadavg();

    console.log('');
    printTable(blocks, constants);
    printSummary(summary, constants);
    if (
      report.log.sealTimeouts ||
      report.log.discardedProposals ||
      report.log.proposalsNotInChain
    ) {
      console.log(
        `lost slots: ${report.log.sealTimeouts} sealing timeouts, ${report.log.discardedProposals} proposals discarded ` +
          `as too slow, ${report.log.proposalsNotInChain} proposals not in the chain`,
      );
    }
    const failed = sum(blocks.map((b) => b.transfersFailed));
    if (failed > 0) console.log(`WARNING: ${failed} transfers were included but failed`);
    const line = summaryLine(summary, constants);
    report.summaryLine = line;
    console.log('');
    console.log(line);
    ok = true;
  } catch (error) {
    report.error = String(error?.stack ?? error);
    console.error(`capacity benchmark failed: ${error?.stack ?? error}`);
    console.error(node.formattedLogTail());
  } finally {
    follower?.stop();
    report.finishedAt = new Date().toISOString();
    try {
      writeReport();
      if (config.reportPath) log(`report written to ${config.reportPath}`);
    } catch (error) {
      console.error(`could not write ${config.reportPath}: ${error.message}`);
    }
    await submitProvider?.disconnect().catch(() => {});
    await disconnectApis([api]);
    await node.stop();
    log(`node stopped${process.env.AEGIS_E2E_KEEP_TMP === '1' ? ` (kept ${node.dir})` : ''}`);
  }
  return ok;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (ok) => process.exit(ok ? 0 : 1),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
