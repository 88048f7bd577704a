// The oracle (`oracle`, index 32, on FRAME's `pallet-oracle` as `oracleFeeds`, index 33) on a
// `--dev` node whose off-chain worker reads a JSON document served by this test on loopback.
//
// - The node starts with `--oracle-source 0=http://127.0.0.1:PORT/metrics.json#/model/accuracy`;
//   the reporter key is put into its keystore over RPC (`author_insertKey`, key type `orcl`).
// - Governance (sudo on dev) creates feed 0 (4 decimals, quorum 3, a 30 s collection window,
//   10 % deviation) and adds Bob, Charlie and Dave as reporters; Bob reports 0.5, then Charlie
//   0.99 and Dave 0.97, with polkadot.js (free: `Pays::No`). Bob's report starts the window;
//   three reports are a quorum, but the round stays open until the window ends. Alice joins by
//   stake; her off-chain worker fetches 0.9731 from the server and reports it within the
//   window. When the window ends the round closes with the median of all four, 0.9731
//   (`oracle.RoundClosed`), which the `OracleFeedsApi` runtime API returns fresh, dated by the
//   oldest report (Bob's), and `oracleFeeds.values` holds too. Reports are judged against the
//   governance reporters' median, 0.97: Bob's 0.5 earns a strike (`ReportDeviated`), Alice,
//   staked, earns the report reward; the next round opens 30 s later (`RoundNotOpen` before).
// - A non-reporter's report fails with `oracle.NotReporter`; `oracleFeeds.feedValues` is not
//   callable (filtered: reports go through the rounds).

import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';

import { u8aToHex } from '@polkadot/util';

import { submitAsRoot } from '../lib/governance.mjs';
import {
  accountHex,
  bestNumber,
  devAccounts,
  singleEvent,
  submitAndLocate,
  submitExpectingFailure,
} from '../lib/chain.mjs';
import { rpcCall } from '../lib/rpc.mjs';
import { devNodeSuite } from '../lib/suite.mjs';
import { waitFor } from '../lib/util.mjs';

const TEST_TIMEOUT_MS = 180_000;
const ACCURACY = '0.9731';
const REPORT_REWARD = 10n ** 11n; // 0.1 AIT
const WINDOW_MS = 30_000;

describe('oracle (dev node with an off-chain worker)', () => {
  let requests = 0;
  const server = http.createServer((request, response) => {
    requests += 1;
    if (request.url !== '/metrics.json') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(`{"model": {"name": "tiny-mlp", "accuracy": ${ACCURACY}}}`);
  });

  const dev = devNodeSuite({
    args: async () => {
      await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address();
      return ['--dev', `--oracle-source=0=http://127.0.0.1:${port}/metrics.json#/model/accuracy`];
    },
  });
  after(() => new Promise((resolve) => server.close(resolve)));

  let api;
  let alice;
  let bob;
  let charlie;
  let dave;

  before(async () => {
    ({ api } = dev);
    ({ alice, bob, charlie, dave } = await devAccounts());
  });

  it("filters pallet-oracle's own call out: reports go through the rounds", async () => {
    const call = api.tx.oracleFeeds.feedValues([[0, 1]]);
    const failure = await submitExpectingFailure(api, call, alice);
    assert.equal(failure.error, 'system.CallFiltered');
  });

  it(
    'drives a feed to the median with a value the off-chain worker fetched',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      const feed = (await api.query.oracle.nextFeedId()).toNumber();
      await submitAsRoot(
        api,
        api.tx.oracle.createFeed({
          name: 'tiny-mlp/accuracy',
          decimals: 4,
          quorum: 3,
          expiryMs: 600_000,
          minIntervalMs: 30_000,
          collectionWindowMs: WINDOW_MS,
          maxDeviation: 100_000_000, // Perbill: 10 %
          tolerance: 0,
        }),
        alice,
      );
      assert.equal(feed, 0, 'the node was started with a source for feed 0');
      const notYet = await submitExpectingFailure(api, api.tx.oracle.report([[feed, 1]]), dave);
      assert.equal(notYet.error, 'oracle.NotReporter');

      for (const reporter of [bob, charlie, dave]) {
        await submitAsRoot(api, api.tx.oracle.addReporter(reporter.address), alice);
      }
      const byBob = await submitAndLocate(api, api.tx.oracle.report([[feed, 5_000]]), bob);
      const paid = singleEvent(byBob.events, api.events.transactionPayment.TransactionFeePaid);
      assert.equal(paid.data.actualFee.toBigInt(), 0n, 'an accepted report is free');
      const bobAt = (await (await api.at(byBob.blockHash)).query.timestamp.now()).toBigInt();
      const window = await api.query.oracle.rounds(feed);
      assert.equal(window.closesAtMs.unwrap().toBigInt(), bobAt + BigInt(WINDOW_MS));
      await Promise.all([
        submitAndLocate(api, api.tx.oracle.report([[feed, 9_900]]), charlie),
        submitAndLocate(api, api.tx.oracle.report([[feed, 9_700]]), dave),
      ]);
      assert.equal((await api.query.oracle.rounds(feed)).reports.length, 3);
      assert.ok((await api.query.oracle.latest(feed)).isNone, 'a quorum does not close a round');
      assert.ok((await api.query.oracleFeeds.values(feed)).isNone, 'no partial value shows');

      // Alice's reporter key goes into the node's keystore; she joins by stake.
      await rpcCall(dev.node.rpcPort, 'author_insertKey', [
        'orcl',
        '//Alice',
        u8aToHex(alice.publicKey),
      ]);
      await submitAndLocate(api, api.tx.oracle.joinReporters(), alice);

      const latest = await waitFor(
        'the round to close',
        async () => {
          const value = await api.query.oracle.latest(feed);
          return value.isSome ? value.unwrap() : null;
        },
        { timeoutMs: WINDOW_MS + 60_000 },
      );
      // The round closed in the best block seen now, or in one of the few before it.
      const closedBy = await bestNumber(api);
      assert.ok(requests >= 1, 'the off-chain worker fetched the source');
      assert.equal(latest.value.toBigInt(), 9_731n, 'the median of 0.5, 0.97, 0.9731 and 0.99');
      assert.equal(latest.round.toNumber(), 1);
      const raw = await api.query.oracleFeeds.rawValues(alice.address, feed);
      assert.equal(raw.unwrap().value.toBigInt(), 9_731n, "Alice's report came from the worker");
      const combined = await api.query.oracleFeeds.values(feed);
      assert.equal(combined.unwrap().value.toBigInt(), 9_731n, 'pallet-oracle agrees');

      const reading = (await api.call.oracleFeedsApi.feed(feed)).unwrap();
      assert.equal(reading.value.toBigInt(), 9_731n);
      assert.equal(reading.decimals.toNumber(), 4);
      assert.equal(reading.fresh.isTrue, true);
      assert.equal(reading.timestampMs.toBigInt(), latest.timestampMs.toBigInt());
      assert.equal(
        reading.timestampMs.toBigInt(),
        bobAt,
        "dated by the round's oldest report, Bob's",
      );
      // The next round opens 30 s after the close: an immediate report is refused.
      const round2 = await api.query.oracle.rounds(feed);
      assert.equal(round2.number.toNumber(), 2);
      const early = await submitExpectingFailure(api, api.tx.oracle.report([[feed, 9_000]]), bob);
      assert.equal(early.error, 'oracle.RoundNotOpen');

      // The block that closed the round: Bob deviated, Alice earned.
      const closing = await findEvent(api.events.oracle.RoundClosed, closedBy);
      assert.equal(closing.data.value.toBigInt(), 9_731n);
      assert.equal(closing.data.reports.toNumber(), 4);
      assert.equal(
        closing.data.reference.unwrap().toBigInt(),
        9_700n,
        "judged against the governance reporters' median",
      );
      const deviated = (await eventsAround(closedBy)).filter((e) =>
        api.events.oracle.ReportDeviated.is(e),
      );
      assert.deepEqual(
        deviated.map((e) => accountHex(e.data.reporter)),
        [accountHex(bob)],
        'only Bob is more than 10 % off 0.97',
      );
      assert.equal((await api.query.incentives.earnings(alice.address)).toBigInt(), REPORT_REWARD);
      assert.equal(
        (await api.query.incentives.earnings(charlie.address)).toBigInt(),
        0n,
        'Charlie is close, but has no stake',
      );
    },
  );

  /**
   * The events of the blocks from a few before `seenAt` (a best block seen just after the
   * round closed) up to the best block now, however many blocks the checks in between took.
   */
  async function eventsAround(seenAt) {
    const head = await bestNumber(api);
    const events = [];
    for (let number = Math.max(1, seenAt - 5); number <= head; number += 1) {
      const hash = await api.rpc.chain.getBlockHash(number);
      const records = await (await api.at(hash)).query.system.events();
      events.push(...records.map(({ event }) => event));
    }
    return events;
  }

  async function findEvent(type, seenAt) {
    const found = (await eventsAround(seenAt)).filter((event) => type.is(event));
    assert.equal(found.length, 1, `exactly one ${type.meta.name} around the close`);
    return found[0];
  }
});
