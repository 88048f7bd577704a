// The proof-of-work seal is enforced on import. In a three-validator local network, Bob runs
// with the test-only --unsafe-invalid-pow-seals: he authors blocks whose seal does not meet
// the difficulty (and accepts them himself). Alice and Charlie must reject them, so their
// chain holds only their own blocks, while finality keeps advancing.

import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';

import {
  bestNumber,
  canonicalHashAt,
  disconnectApis,
  finalizedNumber,
  waitForBestNumber,
  waitForFinalizedNumber,
} from '../lib/chain.mjs';
import { formatPowMetrics, readPowMetrics } from '../lib/metrics.mjs';
import {
  NETWORK_START_TIMEOUT_MS,
  SLOT_MS,
  sessionValidators,
  startLocalNetwork,
  waitForPeers,
} from '../lib/network.mjs';
import { NodeGroup } from '../lib/node.mjs';
import { rpcCall } from '../lib/rpc.mjs';
import {
  assertPowThenBabeSeals,
  authorOf,
  canonicalSealedBlocks,
  decodeSeals,
} from '../lib/seal.mjs';

const INVALID_SEALS_FLAG = '--unsafe-invalid-pow-seals';
/** New best blocks to observe on Alice. */
const WINDOW_BLOCKS = 40;
/** Finality must advance at least this far on Alice during the window. */
const MIN_FINALITY_PROGRESS = 5;
/** Until Alice's finalized number passes #1. */
const WARMUP_TIMEOUT_MS = 300_000;
/** Bob's slots bring no block to the honest chain: about two blocks per three slots. */
const WINDOW_TIMEOUT_MS = 120_000 + WINDOW_BLOCKS * SLOT_MS * 4;
/** What an honest node logs when it rejects one of Bob's blocks. */
const REJECTION_LOG =
  /rejecting block #(\d+): the proof-of-work seal of #\1 does not meet difficulty \d+/;
const GRANDPA_HINT =
  'GRANDPA needs all three voters here; bob, whose blocks are rejected, may be voting ' +
  'for his own blocks that alice and charlie never imported';

describe(`proof-of-work seal: bob (${INVALID_SEALS_FLAG}) is rejected by the others`, () => {
  const group = new NodeGroup();
  let network = null;
  /** Session validator names ('alice', ...) in BABE authority order. */
  let validators = null;
  /** Set by the observation test. */
  let observation = null;

  function observed() {
    assert.ok(observation, 'no observation window (the observation test did not complete)');
    return observation;
  }

  before(
    async () => {
      network = await startLocalNetwork(group, { extraArgs: { bob: [INVALID_SEALS_FLAG] } });
    },
    { timeout: NETWORK_START_TIMEOUT_MS },
  );

  after(async () => {
    await disconnectApis(network?.apis ?? []);
    await group.stopAll();
  });

  afterEach((t) => group.printLogsIfFailed(t));

  it('connects every validator to the other two', { timeout: 150_000 }, async () => {
    await waitForPeers(network.nodes, 2, { timeoutMs: 120_000 });
  });

  it(
    `observes ${WINDOW_BLOCKS} new best blocks on alice, and bob's own heads`,
    { timeout: WARMUP_TIMEOUT_MS + WINDOW_TIMEOUT_MS + 60_000 },
    async () => {
      const { alice, bob } = network.byName;
      try {
        await waitForFinalizedNumber(alice.api, 2, { timeoutMs: WARMUP_TIMEOUT_MS });
      } catch (error) {
        throw new Error(
          `FINALITY STALLED: alice never finalized past #1 (${error.message}). ${GRANDPA_HINT}`,
        );
      }
      ({ names: validators } = await sessionValidators(alice.api));
      const bobIndex = validators.indexOf('bob');
      assert.notEqual(bobIndex, -1, `bob is not a session validator (${validators.join(', ')})`);

      // Bob accepts his own invalid blocks, so they become his best head, if only until he
      // reorgs to the longer honest chain: record every head of his that he authored.
      const bobOwnHeads = new Map();
      const decodeErrors = [];
      const unsubscribe = await bob.api.rpc.chain.subscribeNewHeads((header) => {
        try {
          const seals = decodeSeals(header);
          if (seals.authorityIndex === bobIndex) {
            const hash = header.hash.toHex();
            bobOwnHeads.set(hash, { hash, number: header.number.toNumber(), ...seals });
          }
        } catch (error) {
          decodeErrors.push(`#${header.number}: ${error.message}`);
        }
      });
      try {
        const startBest = await bestNumber(alice.api);
        const startFinalized = await finalizedNumber(alice.api);
        const endBest = await waitForBestNumber(alice.api, startBest + WINDOW_BLOCKS, {
          timeoutMs: WINDOW_TIMEOUT_MS,
        });
        observation = {
          first: startBest + 1,
          last: endBest,
          startFinalized,
          endFinalized: await finalizedNumber(alice.api),
          bobOwnHeads: [...bobOwnHeads.values()],
        };
      } finally {
        await unsubscribe();
      }
      assert.deepEqual(decodeErrors, [], "the digests of bob's new heads decode");
    },
  );

  it(
    "keeps bob's blocks off alice's chain, while alice and charlie author blocks",
    { timeout: 180_000 },
    async () => {
      const { first, last } = observed();
      const blocks = await canonicalSealedBlocks(network.byName.alice.api, first, last);
      const blocksBy = new Map(validators.map((name) => [name, 0]));
      for (const block of blocks) {
        assertPowThenBabeSeals(block, `alice's block #${block.number} (${block.hash})`);
        const author = authorOf(validators, block);
        blocksBy.set(author, blocksBy.get(author) + 1);
      }
      const counts = [...blocksBy].map(([name, count]) => `${name}: ${count}`).join(', ');
      console.log(`blocks per author on alice's chain #${first}..#${last}: ${counts}`);

      assert.equal(blocksBy.get('bob'), 0, `bob's invalid blocks are on alice's chain (${counts})`);
      assert.ok(blocksBy.get('alice') > 0, `alice authored no block in the window (${counts})`);
      assert.ok(blocksBy.get('charlie') > 0, `charlie authored no block in the window (${counts})`);
    },
  );

  it("makes alice and charlie reject bob's seals on import", { timeout: 60_000 }, async () => {
    observed();
    const metrics = {};
    for (const node of network.nodes) {
      metrics[node.name] = await readPowMetrics(node);
      console.log(`proof-of-work ${formatPowMetrics(node.name, metrics[node.name])}`);
    }
    const rejections = Object.entries(metrics)
      .map(([name, pow]) => `${name} ${pow.rejectedSeals}`)
      .join(', ');
    console.log(`rejected seals: ${rejections}`);

    for (const name of ['alice', 'charlie']) {
      assert.ok(
        metrics[name].rejectedSeals > 0,
        `${name} rejected no seal (rejected seals: ${rejections})`,
      );
      const { node } = network.byName[name];
      const logLine = node
        .readLog()
        .split('\n')
        .find((line) => REJECTION_LOG.test(line));
      assert.ok(logLine, `${name}'s log (${node.logPath}) does not match ${REJECTION_LOG}`);
      console.log(`${name} logged: ${logLine.trim()}`);
    }
  });

  it(
    'lets bob author blocks with invalid seals that only he accepts',
    { timeout: 60_000 },
    async () => {
      const { bobOwnHeads } = observed();
      const { alice, bob } = network.byName;
      const pow = await readPowMetrics(bob.node);
      assert.ok(pow.sealedBlocks > 0, `bob sealed no block: ${formatPowMetrics('bob', pow)}`);

      const numbers = bobOwnHeads.map(({ number }) => `#${number}`).join(', ');
      console.log(
        `bob made ${bobOwnHeads.length} blocks of his own his best head: ${numbers || 'none'}`,
      );
      assert.ok(
        bobOwnHeads.length > 0,
        'none of the new best heads of bob was authored by bob during the window',
      );
      // The hashes of bob's heads were computed here from their headers: check that such a
      // hash is the node's block hash, or alice not knowing them would prove nothing.
      const hash = await canonicalHashAt(bob.api, await bestNumber(bob.api));
      assert.equal(
        (await bob.api.rpc.chain.getHeader(hash)).hash.toHex(),
        hash,
        "a header's hash computed by polkadot.js is the node's block hash",
      );
      for (const head of bobOwnHeads) {
        const what = `bob's block #${head.number} (${head.hash})`;
        assertPowThenBabeSeals(head, what);
        assert.equal(
          await rpcCall(alice.node.rpcPort, 'chain_getHeader', [head.hash]),
          null,
          `alice imported ${what}`,
        );
      }
    },
  );

  it(
    `keeps finality advancing on alice (at least ${MIN_FINALITY_PROGRESS} blocks in the window)`,
    async () => {
      const { first, last, startFinalized, endFinalized } = observed();
      console.log(
        `finality on alice during the window: #${startFinalized} -> #${endFinalized} ` +
          `(best #${first - 1} -> #${last})`,
      );
      assert.ok(
        endFinalized - startFinalized >= MIN_FINALITY_PROGRESS,
        `FINALITY STALLED: alice finalized only #${startFinalized} -> #${endFinalized} while ` +
          `her best block went #${first - 1} -> #${last}. ${GRANDPA_HINT}`,
      );
    },
  );
});
