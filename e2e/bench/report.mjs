// Reading a throughput run back from the chain and the authors' logs, and its figures: the
// steady rate, the execution ceiling, what the pool did with the load, one table a run.

import { summarize } from '../lib/finality.mjs';
import { parseNodeLog, preSealHash } from '../lib/nodelog.mjs';
import { decodeSeals } from '../lib/seal.mjs';

export const round = (value, digits = 1) =>
  value === null || value === undefined || !Number.isFinite(value)
    ? null
    : Number(value.toFixed(digits));
export const sum = (values) => values.reduce((a, b) => a + b, 0);

/** How many of the extrinsics at `indices` in block `hash` failed. */
export async function failedAmong(api, hash, indices) {
  const events = await (await api.at(hash)).query.system.events();
  return events.filter(
    ({ phase, event }) =>
      phase.isApplyExtrinsic &&
      indices.has(phase.asApplyExtrinsic.toNumber()) &&
      api.events.system.ExtrinsicFailed.is(event),
  ).length;
}

// ---------------------------------------------------------------------------------------
// Reading the run back from the chain and the logs

/** The proposals in the authors' logs, by pre-seal hash. */
export function proposalsByPreHash(authors) {
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
export async function readBlocks(api, from, to, ourHashes, proposals, authorityNames) {
  const blocks = [];
  for (let number = from; number <= to; number++) {
    const hash = (await api.rpc.chain.getBlockHash(number)).toHex();
    const { block } = await api.rpc.chain.getBlock(hash);
    const seals = decodeSeals(block.header);
    let timestampMs = null;
    const ours = new Set();
    block.extrinsics.forEach((xt, index) => {
      const { section, method } = xt.method;
      if (section === 'timestamp' && method === 'set') timestampMs = xt.method.args[0].toNumber();
      else if (ourHashes.has(xt.hash.toHex())) ours.add(index);
    });
    const failed = ours.size > 0 ? await failedAmong(api, hash, ours) : 0;
    const proposal = proposals.byHash.get(preSealHash(api, block.header));
    blocks.push({
      number,
      hash,
      author: authorityNames[seals.authorityIndex] ?? null,
      timestampMs,
      ours: ours.size,
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

/**
 * The run's figures. `execution` is the syncing node's import of the load's blocks: the whole
 * chain's import less that of the chain up to where the load started (the setup's blocks).
 */
export function figures({
  blocks,
  constants,
  charge,
  follower,
  imports,
  execution,
  submission,
  signing,
}) {
  const loaded = blocks.filter((b) => b.ours > 0);
  // The steady state: without the first loaded block (the flood was still arriving) and the
  // last (the pool ran dry), when there are blocks enough.
  const window = loaded.length >= 3 ? loaded.slice(1, -1) : loaded;
  const before = blocks.find((b) => b.number === window[0]?.number - 1);
  const spanMs = window.length && before ? window.at(-1).timestampMs - before.timestampMs : null;
  const steadyCount = sum(window.map((b) => b.ours));
  const perSecond = spanMs ? steadyCount / (spanMs / 1000) : null;

  const included = sum(blocks.map((b) => b.ours));
  const failed = sum(blocks.map((b) => b.failed));
  const finality = loaded
    .filter((b) => follower.seenFinal.has(b.number))
    .map((b) => follower.seenFinal.get(b.number) - b.timestampMs);

  // Import under load on the validators: the extrinsics of the blocks each did not author,
  // over the time it spent importing (all blocks it imported meanwhile, empty ones too).
  const underLoad = imports.map(({ name, authors, seconds, blocks: count }) => {
    const ours = sum(blocks.filter((b) => !authors.has(b.author)).map((b) => b.ours));
    return {
      name,
      blocks: count,
      seconds: round(seconds, 3),
      extrinsics: ours,
      usPerExtrinsic: ours > 0 ? round((seconds * 1e6) / ours, 1) : null,
    };
  });
  const executionRate = execution.seconds > 0 ? included / execution.seconds : null;
  // The share of a slot the chain gives normal transactions: their weight limit (ref time,
  // picoseconds) over the slot.
  const normalShare = constants.maxNormalRefTime / 1e12 / (constants.slotMs / 1000);
  const ceiling = executionRate === null ? null : executionRate * normalShare;
  const importUs = executionRate ? 1e6 / executionRate : null;

  return {
    submitted: submission.submitted,
    accepted: submission.accepted,
    refused: submission.refusals,
    included,
    failed,
    signing,
    submission: { seconds: round(submission.seconds, 1) },
    blocksWithLoad: loaded.length,
    // Blocks the builder closed because the weight limit was reached.
    fullBlocks: loaded.filter((b) => b.end === 'HitBlockWeightLimit').length,
    blockEnds: countBy(loaded.map((b) => b.end ?? 'unknown')),
    steady: {
      fromBlock: window[0]?.number ?? null,
      toBlock: window.at(-1)?.number ?? null,
      blocks: window.length,
      extrinsics: steadyCount,
      seconds: spanMs === null ? null : spanMs / 1000,
      perSecond: round(perSecond, 1),
    },
    perBlock: stats(window.map((b) => b.ours)),
    buildMs: stats(loaded.map((b) => b.buildMs)),
    sealMs: stats(loaded.map((b) => b.sealMs)),
    finalityMs: stats(finality),
    importUnderLoad: underLoad,
    execution: {
      syncedBlocks: execution.blocks,
      fromBlock: execution.fromBlock,
      toBlock: execution.toBlock,
      importSeconds: round(execution.seconds, 3),
      perSecond: round(executionRate, 1),
      usPerExtrinsic: round(importUs, 1),
      chargedUsPerExtrinsic: round(charge.refTime / 1e6, 1),
      normalShareOfSlot: round(normalShare, 4),
      ceilingPerSecond: round(ceiling, 1),
      steadyOverCeiling: perSecond && ceiling ? round(perSecond / ceiling, 3) : null,
    },
  };
}

function countBy(values) {
  const counts = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

export function printRun(title, workload, f, constants, charge) {
  const unit = workload.unit;
  const pct = (x) => (x === null ? '-' : `${(x * 100).toFixed(1)} %`);
  const s = (x, suffix = '') => (x === null || x === undefined ? '-' : `${x}${suffix}`);
  const dist = (d, suffix) =>
    d ? `p50 ${d.p50}${suffix}, p95 ${d.p95}${suffix}, max ${d.max}${suffix}` : '-';
  const ends = Object.entries(f.blockEnds)
    .map(([end, n]) => `${end} ${n}`)
    .join(', ');
  const rows = [
    [
      `${workload.rateName} (steady state, block timestamps)`,
      `${s(f.steady.perSecond)} ${unit}/s over blocks #${s(f.steady.fromBlock)}..#${s(f.steady.toBlock)} (${f.steady.extrinsics} in ${s(f.steady.seconds)} s)`,
    ],
    [`${unit} per block`, `${dist(f.perBlock, '')} (what ended the blocks: ${ends})`],
    ['block build (author)', dist(f.buildMs, ' ms')],
    ['PoW seal (author)', dist(f.sealMs, ' ms')],
    [
      'import, idle machine (sync)',
      `${s(f.execution.usPerExtrinsic, ' µs')} per ${workload.item}: blocks #${f.execution.fromBlock}..#${f.execution.toBlock} in ${s(f.execution.importSeconds, ' s')}`,
    ],
    [
      'import under load (peers)',
      f.importUnderLoad.length
        ? `${f.importUnderLoad.map((i) => `${i.name} ${s(i.usPerExtrinsic, ' µs')}`).join(', ')} per ${workload.item}`
        : '- (one validator)',
    ],
    [
      'execution ceiling',
      `${s(f.execution.perSecond)} ${unit}/s of import × ${pct(f.execution.normalShareOfSlot)} of the slot for normal transactions = ${s(f.execution.ceilingPerSecond)} ${unit}/s`,
    ],
    [`${workload.rateName} / ceiling`, pct(f.execution.steadyOverCeiling)],
    [
      'charged vs measured',
      `${s(f.execution.chargedUsPerExtrinsic, ' µs')} of weight charged, ${s(f.execution.usPerExtrinsic, ' µs')} measured per ${workload.item}`,
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
      `slot ${constants.slotMs} ms, normal class ${constants.maxNormalRefTime / 1e9} ms; one ${workload.item} ${charge.refTime / 1e6} µs, ${charge.length} bytes → ${charge.fitByWeight} a block by weight, ${charge.fitByLength} by length`,
    ],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(`\n== ${title}`);
  for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);
  if (Object.keys(f.refused).length) console.log(`refused: ${JSON.stringify(f.refused)}`);
}
