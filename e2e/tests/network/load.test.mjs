// Under load: a `--dev` node fed a few thousand `balances.transferKeepAlive`, as fast as it takes
// them, keeps every promise a chain makes (the short version of `scripts/bench-tps.sh`'s run;
// no speed is asserted, only what must hold whatever the speed).
//
// - The twelve endowed dev accounts send each other transfers of 1 AEG in a ring, immortal,
//   with explicit nonces, all signed before the first is submitted (signing is the client's
//   cost). Each sender's transfers are submitted in nonce order, one at a time, the senders
//   side by side: the pool never sees a nonce before the one it follows, so nothing waits in
//   its future queue.
// - Every accepted transfer is included exactly once, and succeeds; the pool refused none.
// - Balances add up: each account's change is what it received minus what it sent and paid in
//   fees, plus, for the block author (Alice), its share of every fee; no other transfer.
// - Finality keeps advancing: the last transfer's block is finalised.
//
// Runs in the timing lane, alone: the load must not slow the finality measurement beside it.
// `AEGIS_LOAD_TRANSFERS_PER_SENDER` (default 300) sets the load, `AEGIS_LOAD_NODE_ARGS` adds
// node arguments (`--pool-type fork-aware` shows why the node defaults to the single-state
// pool: `node/src/command.rs`).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { AEG, AUTHOR_FEE_PERCENT } from '../../lib/constants.mjs';
import {
  WELL_KNOWN_DEV_SEEDS,
  accountHex,
  bestNumber,
  devKeyPairs,
  finalizedNumber,
} from '../../lib/chain.mjs';
import { devNodeSuite } from '../../lib/suite.mjs';
import { positiveIntegerFromEnv, waitFor } from '../../lib/util.mjs';

const SENDER_URIS = WELL_KNOWN_DEV_SEEDS;
const PER_SENDER = positiveIntegerFromEnv('AEGIS_LOAD_TRANSFERS_PER_SENDER', 300);
const AMOUNT = AEG;
const TEST_TIMEOUT_MS = 300_000;

describe('a dev node under a load of transfers', () => {
  const extra = (process.env.AEGIS_LOAD_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const dev = devNodeSuite({ args: ['--dev', ...extra] });

  it(
    'includes every accepted transfer exactly once, balances add up, finality advances',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      const { api } = dev;
      const senders = await devKeyPairs(SENDER_URIS);
      const addresses = senders.map((pair) => pair.address);
      const startNumber = await bestNumber(api);
      const startHash = await api.rpc.chain.getBlockHash(startNumber);
      const atStart = await (await api.at(startHash)).query.system.account.multi(addresses);
      const startNonces = atStart.map(({ nonce }) => nonce.toNumber());
      const startFree = atStart.map(({ data }) => data.free.toBigInt());
      const finalizedAtStart = await finalizedNumber(api);

      // Sign everything first.
      const signStarted = Date.now();
      const queues = [];
      for (const [index, sender] of senders.entries()) {
        const dest = senders[(index + 1) % senders.length].address;
        const queue = [];
        for (let k = 0; k < PER_SENDER; k += 1) {
          const tx = await api.tx.balances
            .transferKeepAlive(dest, AMOUNT)
            .signAsync(sender, { nonce: startNonces[index] + k, era: 0 });
          queue.push({ hex: tx.toHex(), hash: tx.hash.toHex() });
        }
        queues.push(queue);
      }
      const signMs = Date.now() - signStarted;

      // Submit: each sender's in nonce order, the senders side by side.
      const submitStarted = Date.now();
      const accepted = new Set();
      const refusals = new Map();
      await Promise.all(
        queues.map(async (queue) => {
          for (const { hex, hash } of queue) {
            try {
              await api.rpc.author.submitExtrinsic(hex);
              accepted.add(hash);
            } catch (error) {
              const reason = String(error.message ?? error).slice(0, 120);
              refusals.set(reason, (refusals.get(reason) ?? 0) + 1);
            }
          }
        }),
      );
      const submitMs = Date.now() - submitStarted;
      const total = senders.length * PER_SENDER;
      assert.deepEqual(Object.fromEntries(refusals), {}, 'the pool refused no transfer');
      assert.equal(accepted.size, total);

      // Wait until every sender's nonce has moved past its last transfer.
      const endNumber = await waitFor(
        'every transfer to be included',
        async () => {
          const accounts = await api.query.system.account.multi(addresses);
          const done = accounts.every(
            ({ nonce }, index) => nonce.toNumber() >= startNonces[index] + PER_SENDER,
          );
          return done ? bestNumber(api) : null;
        },
        { timeoutMs: 120_000, intervalMs: 1_000 },
      );
      await waitFor(
        'the last transfer to be finalised',
        async () => (await finalizedNumber(api)) >= endNumber,
        { timeoutMs: 60_000, intervalMs: 1_000 },
      );
      assert.ok(endNumber > finalizedAtStart, 'finality advanced past the load');

      // Read every block of the run.
      const included = new Map();
      const perBlock = [];
      const fees = new Map(senders.map((pair) => [accountHex(pair), 0n]));
      let toAuthor = 0n;
      let firstAt = null;
      let lastAt = null;
      for (let number = startNumber + 1; number <= endNumber; number += 1) {
        const hash = await api.rpc.chain.getBlockHash(number);
        const [{ block }, at] = await Promise.all([api.rpc.chain.getBlock(hash), api.at(hash)]);
        const [records, timestamp] = await Promise.all([
          at.query.system.events(),
          at.query.timestamp.now(),
        ]);
        let ours = 0;
        block.extrinsics.forEach((extrinsic, index) => {
          const hashHex = extrinsic.hash.toHex();
          if (!accepted.has(hashHex)) return;
          ours += 1;
          included.set(hashHex, (included.get(hashHex) ?? 0) + 1);
          const events = records
            .filter(({ phase }) => phase.isApplyExtrinsic && phase.asApplyExtrinsic.eqn(index))
            .map(({ event }) => event);
          assert.ok(
            events.some((event) => api.events.system.ExtrinsicSuccess.is(event)),
            `transfer ${hashHex} failed`,
          );
          const paid = events.find((event) =>
            api.events.transactionPayment.TransactionFeePaid.is(event),
          );
          const [payer, actualFee, tip] = paid.data;
          const fee = actualFee.toBigInt();
          fees.set(accountHex(payer), fees.get(accountHex(payer)) + fee + tip.toBigInt());
          toAuthor += (fee * AUTHOR_FEE_PERCENT) / 100n + tip.toBigInt();
        });
        perBlock.push(ours);
        if (ours > 0) {
          firstAt ??= timestamp.toNumber();
          lastAt = timestamp.toNumber();
        }
      }
      const duplicates = [...included.values()].filter((count) => count !== 1).length;
      assert.equal(duplicates, 0, 'no transfer is included twice');
      assert.equal(included.size, accepted.size, 'every accepted transfer is included');

      // Balances add up, account by account.
      const endHash = await api.rpc.chain.getBlockHash(endNumber);
      const atEnd = await (await api.at(endHash)).query.system.account.multi(addresses);
      atEnd.forEach(({ data }, index) => {
        const key = accountHex(senders[index]);
        // In the ring, each account received as many transfers as it sent.
        const received = BigInt(PER_SENDER) * AMOUNT;
        const sent = BigInt(PER_SENDER) * AMOUNT;
        const authorShare = SENDER_URIS[index] === '//Alice' ? toAuthor : 0n;
        const expected = startFree[index] + received - sent - fees.get(key) + authorShare;
        assert.equal(data.free.toBigInt(), expected, `${SENDER_URIS[index]}'s balance`);
      });

      const blocksWithLoad = perBlock.filter((count) => count > 0);
      const spanS = Math.max((lastAt - firstAt) / 1000, 1);
      console.log(
        `# ${total} transfers: signed in ${signMs} ms, submitted in ${submitMs} ms; included in ` +
          `${blocksWithLoad.length} blocks (${blocksWithLoad.join(', ')}), at most ` +
          `${Math.max(...blocksWithLoad)} a block, ${(total / spanS).toFixed(0)} per second ` +
          `between the first and the last of those blocks' timestamps; finalised by #${endNumber}`,
      );
    },
  );
});
