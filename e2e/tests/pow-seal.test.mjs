// The proof-of-work seal is enforced on import. In a four-validator local network (Alice,
// Bob, Charlie and Dave), Bob runs with the test-only --unsafe-invalid-pow-seals: he authors
// blocks whose seal does not meet the difficulty (and accepts them himself). Alice, Charlie
// and Dave must reject them, so their chain holds only their own blocks, while finality
// keeps advancing.
//
// Why four validators: GRANDPA (BFT finality) tolerates f faulty voters out of n only if
// f < n/3, as it needs n - floor((n - 1) / 3) votes. With three validators that is all
// three, and Bob's votes, for his own blocks that nobody else imports, never count: one
// faulty validator stalls finality. With four, three honest votes are enough, and the three
// honest validators author about three slots in four, out-growing Bob's fork.

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
import { writeLocalSpecWithValidators } from '../lib/chainspec.mjs';
import { formatPowMetrics, readPowMetrics } from '../lib/metrics.mjs';
import {
  NETWORK_START_TIMEOUT_MS,
  SLOT_MS,
  sessionValidators,
  startLocalNetwork,
  waitForMesh,
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
/** Added to the three validators of --chain local. */
const EXTRA_VALIDATORS = ['dave'];
const VALIDATORS = ['alice', 'bob', 'charlie', 'dave'];
const FAULTY = 'bob';
const HONEST = VALIDATORS.filter((name) => name !== FAULTY);
/** New best blocks to observe on Alice. */
const WINDOW_BLOCKS = 40;
/** Finality must advance at least this far on Alice during the window. */
const MIN_FINALITY_PROGRESS = 5;
/** Until Alice's finalized number passes #1 (four nodes on a small machine). */
const WARMUP_TIMEOUT_MS = 300_000;
/**
 * Bob's slots bring no block to the honest chain: about three blocks per four slots.
 * Generous, for four nodes sharing two cores.
 */
const WINDOW_TIMEOUT_MS = 120_000 + WINDOW_BLOCKS * SLOT_MS * 4;
/** For the honest validators to be connected to each other. */
const MESH_TIMEOUT_MS = 180_000;
/** What an honest node logs when it rejects one of Bob's blocks. */
const REJECTION_LOG =
  /rejecting block #(\d+): the proof-of-work seal of #\1 does not meet difficulty \d+/;
const GRANDPA_HINT =
  `GRANDPA needs 3 of the 4 voters: ${HONEST.join(', ')} (bob's votes are for blocks that ` +
  'nobody else imports, so they never count) must all be running, connected to each other ' +
  'and voting';

describe(`proof-of-work seal: bob (${INVALID_SEALS_FLAG}) is rejected by the others`, () => {
  const group = new NodeGroup();
  /** The four-validator chain spec: { path, validators, remove }. */
  let spec = null;
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
      spec = await writeLocalSpecWithValidators(EXTRA_VALIDATORS);
      assert.deepEqual(spec.validators, VALIDATORS, 'the genesis validators of the spec');
      console.log(`chain spec with ${VALIDATORS.join(', ')}: ${spec.path}`);
      network = await startLocalNetwork(group, {
        validators: VALIDATORS,
        chain: spec.path,
        extraArgs: { [FAULTY]: [INVALID_SEALS_FLAG] },
      });
    },
    { timeout: NETWORK_START_TIMEOUT_MS + 120_000 },
  );

  after(async () => {
    await disconnectApis(network?.apis ?? []);
    await group.stopAll();
    await spec?.remove();
  });

  afterEach((t) => group.printLogsIfFailed(t));

  // Bob is not required to stay connected: his peers may drop him after his bad blocks.
  it(
    `connects the honest validators (${HONEST.join(', ')}) to each other`,
    { timeout: MESH_TIMEOUT_MS + 30_000 },
    async () => {
      const honestNodes = HONEST.map((name) => network.byName[name].node);
      await waitForMesh(honestNodes, { timeoutMs: MESH_TIMEOUT_MS });
    },
  );

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
      assert.deepEqual(
        [...validators].sort(),
        [...VALIDATORS].sort(),
        `the session validators are ${validators.join(', ')}`,
      );
      const bobIndex = validators.indexOf(FAULTY);

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
    `keeps bob's blocks off alice's chain, while ${HONEST.join(', ')} author blocks`,
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

      assert.equal(
        blocksBy.get(FAULTY),
        0,
        `bob's invalid blocks are on alice's chain (${counts})`,
      );
      for (const name of HONEST) {
        assert.ok(blocksBy.get(name) > 0, `${name} authored no block in the window (${counts})`);
      }
    },
  );

  it(`makes ${HONEST.join(', ')} reject bob's seals on import`, { timeout: 60_000 }, async () => {
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

    for (const name of HONEST) {
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
    { timeout: 30_000 },
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
