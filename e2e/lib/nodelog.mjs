// What a node's log says about the blocks it proposed and sealed: sc-basic-authorship's
// `🎁 Prepared block for proposing at N (T ms) ...` line (with `-lbasic-authorship=debug`, also
// the phases of its transaction loop) and the sealer's `sealed #N at difficulty D: H hashes in X`
// (`-lpow-seal=debug`). Pure functions: text in, plain values out.

import { decodeSeals } from './seal.mjs';

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

/** The hash the proposer logs: the header without its last two digest items (aPoW + BABE seals). */
export function preSealHash(api, header) {
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
