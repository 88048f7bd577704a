// Case (b): a three-validator network (--chain local: Alice, Bob and Charlie) on loopback,
// started with the README's commands as a new user pastes them (only ports, base paths and
// the node binary's path differ: lib/readme.mjs). All three author blocks, every block carries the proof-of-work seal before BABE's seal,
// the chain keeps one block per slot while sealing, finality advances on every node, and
// the authoring-to-finality latency is measured over AEGIS_E2E_BLOCKS blocks (default 100).

import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { after, afterEach, before, describe, it } from 'node:test';

import {
  bestNumber,
  canonicalHashAt,
  disconnectApis,
  finalizedNumber,
  waitForFinalizedNumber,
} from '../../lib/chain.mjs';
import {
  FinalityLatencyTracker,
  formatLatencyLine,
  summarize,
  writeReportIfRequested,
} from '../../lib/finality.mjs';
import { formatPowMetrics, readPowMetrics } from '../../lib/metrics.mjs';
import {
  NETWORK_START_TIMEOUT_MS,
  SLOT_MS,
  sessionValidators,
  startReadmeNetwork,
  waitForPeers,
} from '../../lib/network.mjs';
import { NodeGroup } from '../../lib/node.mjs';
import {
  assertPowThenBabeSeals,
  authorOf,
  blockRate,
  canonicalSealedBlocks,
  formatBlockRate,
  sealDifficultyAt,
} from '../../lib/seal.mjs';
import { positiveIntegerFromEnv, waitFor } from '../../lib/util.mjs';

const BLOCKS = positiveIntegerFromEnv('AEGIS_E2E_BLOCKS', 100);
/** The target for the authoring-to-finality latency; the aim is 3 s. */
const P95_LIMIT_MS = 5_000;
const P95_AIM_MS = 3_000;
/** Sealing must not cost slots: at least this share of the window's slots hold a block. */
const MIN_BLOCKS_PER_SLOT = 0.9;
const MEASURE_TIMEOUT_MS = 120_000 + BLOCKS * SLOT_MS * 3;

describe(`the README's three-validator local network (${BLOCKS} blocks)`, () => {
  const group = new NodeGroup();
  let nodes = [];
  let apis = [];
  /** Set by the latency test: the block numbers observed, in order. */
  let observedBlocks = null;
  let windowBlocks = null;
  /** Written to AEGIS_E2E_REPORT (if set) as each test adds its figures. */
  const report = {
    kind: 'authoring-to-finality latency, block rate and proof-of-work sealing',
    network: '3 validators, --chain local, loopback',
  };

  async function addToReport(fields) {
    Object.assign(report, fields, { measuredAt: new Date().toISOString() });
    return writeReportIfRequested(report);
  }

  /** { first, last } block numbers of the latency test's observation window. */
  function observationWindow() {
    assert.ok(observedBlocks, 'no observation window (the latency test did not complete)');
    return { first: observedBlocks[0], last: observedBlocks.at(-1) };
  }

  /** Every block #first..#last of Alice's chain, with its seals, once #last is final. */
  function canonicalWindowBlocks() {
    const { first, last } = observationWindow();
    windowBlocks ??= (async () => {
      await waitForFinalizedNumber(apis[0], last, { timeoutMs: 60_000 });
      return canonicalSealedBlocks(apis[0], first, last);
    })();
    return windowBlocks;
  }

  before(
    async () => {
      ({ nodes, apis } = await startReadmeNetwork(group));
    },
    { timeout: NETWORK_START_TIMEOUT_MS },
  );

  after(async () => {
    await disconnectApis(apis);
    await group.stopAll();
  });

  afterEach((t) => group.printLogsIfFailed(t));

  it('connects every validator to the other two', { timeout: 150_000 }, async () => {
    await waitForPeers(nodes, 2, { timeoutMs: 120_000 });
  });

  it(
    `finalizes blocks and reports authoring-to-finality latency over ${BLOCKS} blocks`,
    { timeout: 180_000 + MEASURE_TIMEOUT_MS },
    async () => {
      // Warm-up: GRANDPA needs all three voters, so wait for the first finalized block.
      await waitForFinalizedNumber(apis[0], 1, { timeoutMs: 180_000 });

      const tracker = new FinalityLatencyTracker();
      const unsubscribes = [];
      try {
        for (const api of apis) {
          unsubscribes.push(
            await api.rpc.chain.subscribeNewHeads((header) =>
              tracker.recordBestHead(header.number.toNumber(), performance.now()),
            ),
            await api.rpc.chain.subscribeFinalizedHeads((header) =>
              tracker.recordFinalizedHead(header.number.toNumber(), performance.now()),
            ),
          );
        }
        // Count only blocks produced after the subscriptions were in place.
        const startBlock = Math.max(...(await Promise.all(apis.map(bestNumber))));
        const startFinalized = await finalizedNumber(apis[0]);
        tracker.start(startBlock);

        await waitFor(
          `${BLOCKS} blocks to be authored and finalized after #${startBlock}`,
          () => (tracker.samples().length >= BLOCKS ? true : undefined),
          { timeoutMs: MEASURE_TIMEOUT_MS },
        );
        const samples = tracker.samples().slice(0, BLOCKS);
        observedBlocks = samples.map(({ number }) => number);

        assert.ok(
          (await finalizedNumber(apis[0])) > startFinalized,
          `finality advanced beyond #${startFinalized}`,
        );

        const summary = summarize(samples.map(({ latencyMs }) => latencyMs));
        const line = formatLatencyLine(summary);
        console.log(line);
        const aim = summary.p95 <= P95_AIM_MS ? 'met' : 'not met';
        console.log(
          `finality latency target: p95 <= ${P95_LIMIT_MS}ms (asserted); ` +
            `aim: p95 <= ${P95_AIM_MS}ms (${aim})`,
        );
        const reportPath = await addToReport({
          blocks: summary.count,
          firstBlock: observedBlocks[0],
          lastBlock: observedBlocks.at(-1),
          latencyMs: {
            min: Math.round(summary.min),
            p50: Math.round(summary.p50),
            p95: Math.round(summary.p95),
            max: Math.round(summary.max),
            mean: Math.round(summary.mean),
          },
          latencyTargetMs: { p95Limit: P95_LIMIT_MS, p95Aim: P95_AIM_MS },
          samples: samples.map(({ number, latencyMs }) => ({
            number,
            latencyMs: Math.round(latencyMs),
          })),
        });
        if (reportPath) console.log(`report written to ${reportPath}`);

        assert.ok(summary.p95 <= P95_LIMIT_MS, `${line}: p95 above the ${P95_LIMIT_MS}ms target`);
      } finally {
        await Promise.all(unsubscribes.map((unsubscribe) => unsubscribe()));
      }
    },
  );

  it(
    'lets every validator author blocks in the observed window',
    { timeout: 180_000 },
    async () => {
      const blocks = await canonicalWindowBlocks();
      const { addresses, names } = await sessionValidators(apis[0]);
      assert.equal(addresses.length, 3, `session validators: ${addresses.join(', ')}`);

      const blocksBy = new Map(names.map((name) => [name, 0]));
      for (const block of blocks) {
        const author = authorOf(names, block);
        blocksBy.set(author, blocksBy.get(author) + 1);
      }
      const counts = [...blocksBy].map(([name, count]) => `${name}: ${count}`).join(', ');
      const { first, last } = observationWindow();
      console.log(`blocks authored in #${first}..#${last}: ${counts}`);
      for (const [name, count] of blocksBy) {
        assert.ok(count > 0, `validator ${name} authored no block in the window (${counts})`);
      }
    },
  );

  it(
    'seals every block with proof of work, then BABE, in the observed window',
    { timeout: 180_000 },
    async () => {
      for (const block of await canonicalWindowBlocks()) {
        assertPowThenBabeSeals(block, `block #${block.number} (${block.hash})`);
      }
    },
  );

  it('keeps one block per slot while sealing', { timeout: 180_000 }, async () => {
    const blocks = await canonicalWindowBlocks();
    const [first, last] = [blocks[0], blocks.at(-1)];
    const rate = blockRate({
      firstNumber: first.number,
      lastNumber: last.number,
      firstSlot: first.babeSlot,
      lastSlot: last.babeSlot,
    });
    const line = formatBlockRate(rate);
    console.log(`${line}, #${first.number}..#${last.number}`);

    const [start, end] = await Promise.all([
      sealDifficultyAt(apis[0], first.hash),
      sealDifficultyAt(apis[0], last.hash),
    ]);
    console.log(
      `seal difficulty: ${start.difficulty} after #${first.number}, ${end.difficulty} after ` +
        `#${last.number} (bounds ${end.min}..${end.max})`,
    );
    await addToReport({
      blockRate: {
        firstBlock: first.number,
        lastBlock: last.number,
        firstSlot: Number(first.babeSlot),
        lastSlot: Number(last.babeSlot),
        blocks: rate.blocks,
        slots: rate.slots,
        blocksPerSlot: Number(rate.ratio.toFixed(4)),
        minimum: MIN_BLOCKS_PER_SLOT,
      },
      sealDifficulty: {
        start: { block: first.number, difficulty: Number(start.difficulty) },
        end: { block: last.number, difficulty: Number(end.difficulty) },
        bounds: { min: Number(end.min), max: Number(end.max) },
      },
    });

    assert.ok(
      rate.ratio >= MIN_BLOCKS_PER_SLOT,
      `${line}: below ${MIN_BLOCKS_PER_SLOT * 100} % of the slots hold a block`,
    );
  });

  it('keeps all three nodes on the same finalized chain', { timeout: 120_000 }, async () => {
    const { last } = observationWindow();
    await Promise.all(apis.map((api) => waitForFinalizedNumber(api, last, { timeoutMs: 60_000 })));
    const hashes = await Promise.all(apis.map((api) => canonicalHashAt(api, last)));
    assert.deepEqual(
      hashes,
      Array(nodes.length).fill(hashes[0]),
      `finalized block #${last} differs between ${nodes.map((node) => node.name).join(', ')}`,
    );
  });

  it(
    'exports sealing metrics: every node sealed blocks and rejected none',
    { timeout: 60_000 },
    async () => {
      const metrics = {};
      for (const node of nodes) {
        metrics[node.name] = await readPowMetrics(node);
        console.log(`proof-of-work ${formatPowMetrics(node.name, metrics[node.name])}`);
      }
      await addToReport({ powMetrics: metrics });

      for (const [name, pow] of Object.entries(metrics)) {
        assert.ok(pow.sealedBlocks > 0, `${name} sealed no block`);
        assert.equal(pow.rejectedSeals, 0, `${name} rejected seals of honest validators`);
      }
    },
  );
});
