// Faults under load: a four-validator network (Alice, Bob, Charlie, Dave) carrying a steady
// load of transfers and model updates (lib/load.mjs) while its validators are killed, cut off
// and stopped:
//
// - Dave is killed with SIGKILL (as a power cut would) and started again on his database: he
//   catches up, finalizes what the others finalized, and authors again; nothing finalized
//   before the kill is missing after it.
// - Dave is cut off: restarted with `--reserved-only` and no reserved peers, so that he
//   refuses every peer and they him, for AEGIS_FAULTS_PARTITION_S seconds (default 30): the
//   other three go on finalizing (three of four votes); he then rejoins, drops his own fork
//   for the finalized chain and authors again.
// - The whole network is stopped for AEGIS_FAULTS_STOP_S seconds (default 10) and started
//   again on its databases: BABE goes on and finality resumes.
// - Every transaction a node accepted is finalized exactly once or was reported gone with a
//   reason; each sender's nonce, the sink's balance and the model's versions add up.
//
// `scripts/faults.sh` runs the same file with the partition over several epochs and the stop
// longer than an epoch. Runs in the timing lane, alone: the network needs the machine.

import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { AEG } from '../../lib/constants.mjs';
import {
  connectApi,
  devKeyPairs,
  singleEvent,
  submitAndLocate,
  disconnectApis,
  finalizedNumber,
  waitForBestNumber,
  waitForFinalizedNumber,
} from '../../lib/chain.mjs';
import { writeLocalSpecWithValidators } from '../../lib/chainspec.mjs';
import { SteadyLoad, accountFor } from '../../lib/load.mjs';
import {
  NETWORK_START_TIMEOUT_MS,
  SLOT_MS,
  sessionValidators,
  startLocalNetwork,
  waitForMesh,
} from '../../lib/network.mjs';
import { NodeGroup } from '../../lib/node.mjs';
import { decodeSeals } from '../../lib/seal.mjs';
import { positiveIntegerFromEnv, waitFor } from '../../lib/util.mjs';

const VALIDATORS = ['alice', 'bob', 'charlie', 'dave'];
const VICTIM = 'dave';
const PARTITION_MS = positiveIntegerFromEnv('AEGIS_FAULTS_PARTITION_S', 30) * 1000;
const STOP_MS = positiveIntegerFromEnv('AEGIS_FAULTS_STOP_S', 10) * 1000;
/** Dave authors about one slot in four: this many slots make missing it very unlikely. */
const AUTHORING_TIMEOUT_MS = 90 * SLOT_MS;
const CATCH_UP_TIMEOUT_MS = 180_000;
const LOAD_SENDERS = ['//Eve', '//Ferdie', '//Eve//stash', '//Ferdie//stash'];

describe('a four-validator network under load survives faults', () => {
  const group = new NodeGroup();
  let spec;
  /** name -> { node, api } of the running nodes. */
  const live = {};
  let load;
  let loadStart;

  /** Waits until `name` authors a block above `fromNumber` on Alice's canonical chain. */
  async function waitForAuthoring(name, fromNumber) {
    const { api } = live.alice;
    const { names } = await sessionValidators(api);
    const index = names.indexOf(name);
    assert.ok(index >= 0, `${name} is a session validator (${names.join(', ')})`);
    let checked = fromNumber;
    return waitFor(
      `${name} to author a block after #${fromNumber}`,
      async () => {
        const best = (await api.rpc.chain.getHeader()).number.toNumber();
        for (; checked < best; checked += 1) {
          const hash = await api.rpc.chain.getBlockHash(checked + 1);
          const seals = decodeSeals(await api.rpc.chain.getHeader(hash));
          if (seals.authorityIndex === index) return checked + 1;
        }
        return undefined;
      },
      { timeoutMs: AUTHORING_TIMEOUT_MS, intervalMs: SLOT_MS },
    );
  }

  /** Restarts `name` (killed) with `args`, and connects to it. */
  async function restart(name, args) {
    const node = await group.restart(live[name].node, args ? { args } : {});
    live[name] = { node, api: await connectApi(node) };
    return live[name];
  }

  /** The hashes of Alice's finalized blocks #from..#to. */
  async function finalizedHashes(api, from, to) {
    const hashes = [];
    for (let number = from; number <= to; number += 1) {
      hashes.push((await api.rpc.chain.getBlockHash(number)).toHex());
    }
    return hashes;
  }

  before(
    async () => {
      spec = await writeLocalSpecWithValidators(['dave']);
      assert.deepEqual(spec.validators, VALIDATORS);
      const network = await startLocalNetwork(group, { validators: VALIDATORS, chain: spec.path });
      for (const name of VALIDATORS) live[name] = network.byName[name];
      await waitForMesh(network.nodes, { timeoutMs: 120_000 });
      await waitForFinalizedNumber(live.alice.api, 1, { timeoutMs: 180_000 });

      const { api } = live.alice;
      const senders = await devKeyPairs(LOAD_SENDERS);
      const [sink, alice] = await devKeyPairs(['//FaultsSink', '//Alice']);
      // Alice (a validator, so staked) publishes versions of an open-policy model.
      const registered = await submitAndLocate(
        api,
        api.tx.modelRegistry.registerModel(
          { name: 'faults', framework: 'onnx', uri: 'ipfs://faults' },
          { signing: null, zkVerifyingKey: null, contributors: [] },
        ),
        alice,
      );
      const event = singleEvent(registered.events, api.events.modelRegistry.ModelRegistered);
      const model = event.data.model.toNumber();
      load = new SteadyLoad({
        apis: () => ['alice', 'bob', 'charlie'].map((name) => ({ name, api: live[name].api })),
        senders,
        sink: sink.address,
        amount: AEG,
        publisher: { pair: alice, model },
      });
      const number = (await api.rpc.chain.getHeader()).number.toNumber();
      const at = await api.at(await api.rpc.chain.getBlockHash(number));
      loadStart = {
        fromNumber: number,
        sinkFreeBefore: (await at.query.system.account(sink.address)).data.free.toBigInt(),
        noncesBefore: new Map(),
      };
      for (const sender of [...senders, alice]) {
        const { nonce } = await at.query.system.account(sender.address);
        loadStart.noncesBefore.set(sender.address, nonce.toNumber());
      }
      await load.start(api);
    },
    { timeout: NETWORK_START_TIMEOUT_MS + 300_000 },
  );

  after(async () => {
    await load?.stop();
    await disconnectApis(Object.values(live).map(({ api }) => api));
    await group.stopAll();
    await spec?.remove();
  });

  afterEach((t) => group.printLogsIfFailed(t));

  it(
    'a validator killed with SIGKILL restarts on its database, catches up and authors again',
    { timeout: CATCH_UP_TIMEOUT_MS + AUTHORING_TIMEOUT_MS + 120_000 },
    async () => {
      const { api } = live.alice;
      const finalizedBefore = await finalizedNumber(api);
      const hashesBefore = await finalizedHashes(api, 1, finalizedBefore);

      const status = await live[VICTIM].node.kill('SIGKILL');
      assert.equal(status.signal, 'SIGKILL', `${VICTIM} was killed`);
      await live[VICTIM].api.disconnect();
      // Three of four validators still finalize.
      await waitForFinalizedNumber(api, finalizedBefore + 3, { timeoutMs: 60_000 });

      const { api: victim } = await restart(VICTIM);
      const target = await finalizedNumber(api);
      await waitForFinalizedNumber(victim, target, { timeoutMs: CATCH_UP_TIMEOUT_MS });
      assert.deepEqual(
        await finalizedHashes(victim, 1, finalizedBefore),
        hashesBefore,
        `${VICTIM}'s finalized chain after the restart is the one finalized before the kill`,
      );
      const authored = await waitForAuthoring(VICTIM, target);
      console.log(`${VICTIM} restarted, caught up to #${target} and authored #${authored}`);
    },
  );

  it(
    `a validator cut off from its peers for ${PARTITION_MS / 1000} s rejoins; the others finalize meanwhile`,
    { timeout: PARTITION_MS + CATCH_UP_TIMEOUT_MS + AUTHORING_TIMEOUT_MS + 180_000 },
    async () => {
      const { api } = live.alice;
      await live[VICTIM].node.kill('SIGKILL');
      await live[VICTIM].api.disconnect();
      const cutOffArgs = [...live[VICTIM].node.args, '--reserved-only'];
      const { api: isolated } = await restart(VICTIM, cutOffArgs);
      const finalizedAtCut = await finalizedNumber(api);
      await sleep(PARTITION_MS);

      const health = await isolated.rpc.system.health();
      assert.equal(health.peers.toNumber(), 0, `${VICTIM} had no peers while cut off`);
      const finalizedAfter = await finalizedNumber(api);
      const expected = Math.floor(PARTITION_MS / SLOT_MS / 2);
      assert.ok(
        finalizedAfter - finalizedAtCut >= expected,
        `the others finalized ${finalizedAfter - finalizedAtCut} blocks in ` +
          `${PARTITION_MS / 1000} s without ${VICTIM} (at least ${expected} expected)`,
      );
      const isolatedFinalized = await finalizedNumber(isolated);
      assert.ok(
        isolatedFinalized <= finalizedAtCut + 1,
        `${VICTIM} finalized nothing alone (#${isolatedFinalized}, #${finalizedAtCut} at the cut)`,
      );

      await live[VICTIM].node.kill('SIGKILL');
      await isolated.disconnect();
      const normalArgs = cutOffArgs.slice(0, -1);
      const { api: rejoined } = await restart(VICTIM, normalArgs);
      const target = await finalizedNumber(api);
      await waitForFinalizedNumber(rejoined, target, { timeoutMs: CATCH_UP_TIMEOUT_MS });
      assert.equal(
        (await rejoined.rpc.chain.getBlockHash(target)).toHex(),
        (await api.rpc.chain.getBlockHash(target)).toHex(),
        `${VICTIM} follows the network's finalized chain after rejoining`,
      );
      const authored = await waitForAuthoring(VICTIM, target);
      console.log(
        `${VICTIM} cut off for ${PARTITION_MS / 1000} s: the others finalized ` +
          `${finalizedAfter - finalizedAtCut} blocks; rejoined, caught up to #${target}, authored #${authored}`,
      );
    },
  );

  it(
    `the whole network stopped for ${STOP_MS / 1000} s and started again goes on`,
    { timeout: STOP_MS + CATCH_UP_TIMEOUT_MS + 240_000 },
    async () => {
      load.pause();
      await sleep(2 * SLOT_MS);
      const before = await finalizedNumber(live.alice.api);
      const epochBefore = (await live.alice.api.query.babe.epochIndex()).toNumber();
      const epochMs = live.alice.api.consts.babe.epochDuration.toNumber() * SLOT_MS;
      await disconnectApis(Object.values(live).map(({ api }) => api));
      // SIGINT: an orderly stop, as an operator's would be.
      await Promise.all(VALIDATORS.map((name) => live[name].node.kill('SIGINT')));
      await sleep(STOP_MS);
      // Alice first: she is the others' bootnode.
      await restart('alice');
      await Promise.all(VALIDATORS.slice(1).map((name) => restart(name)));
      await waitForMesh(
        VALIDATORS.map((name) => live[name].node),
        { timeoutMs: 120_000 },
      );
      const { api } = live.alice;
      await waitForBestNumber(api, before + 5, { timeoutMs: CATCH_UP_TIMEOUT_MS });
      await waitForFinalizedNumber(api, before + 5, { timeoutMs: CATCH_UP_TIMEOUT_MS });
      load.resume();
      // BABE goes on in the epoch the clock is in: every epoch that passed while the network
      // was down is behind it (those with no block at all are skipped, and recorded).
      const epochAfter = (await api.query.babe.epochIndex()).toNumber();
      const skipped = (await api.query.babe.skippedEpochs()).map(([epoch]) => epoch.toNumber());
      const elapsedEpochs = Math.floor(STOP_MS / epochMs);
      assert.ok(
        epochAfter >= epochBefore + elapsedEpochs,
        `epoch ${epochBefore} → ${epochAfter} after a stop of ${elapsedEpochs} whole epochs`,
      );
      console.log(
        `restarted after ${STOP_MS / 1000} s (an epoch is ${epochMs / 1000} s): finalized ` +
          `#${await finalizedNumber(api)}, epoch ${epochBefore} → ${epochAfter}, ` +
          `skipped epochs recorded: ${JSON.stringify(skipped)}`,
      );
    },
  );

  it(
    'every accepted transfer is finalized exactly once or reported gone; balances add up',
    { timeout: 300_000 },
    async () => {
      // Some more load on the healed network, then every transaction settles.
      await sleep(10 * SLOT_MS);
      await load.stop();
      await load.settle(120_000);
      const { api } = live.alice;
      await waitForFinalizedNumber(api, (await api.rpc.chain.getHeader()).number.toNumber(), {
        timeoutMs: 120_000,
      });
      const summary = await accountFor(api, load, loadStart);
      console.log(
        `transactions: ${summary.signed} signed (${summary.distinct} distinct), ` +
          `${summary.included} finalized (${summary.transfers} transfers, ${summary.updates} ` +
          `model updates), statuses ${JSON.stringify(summary.statuses)}`,
      );
      assert.deepEqual(summary.problems, [], 'every transaction is accounted for');
      assert.ok(summary.transfers >= 20, `the transfers carried on (${summary.transfers})`);
      assert.ok(summary.updates >= 5, `the model updates carried on (${summary.updates})`);
    },
  );
});
