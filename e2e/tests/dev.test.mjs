// Case (a): a single `--dev` validator, started as the README's quick start starts it
// (`scripts/run-dev-node.sh`, with its own ports and base path: lib/readme.mjs), authors and
// finalizes blocks, answers browser pages of any origin, and a signed balance transfer lands
// with the right events, balances and fee, in a block sealed with proof of work (then BABE),
// and gets finalized.
// A fifth of a transaction fee (and all of a tip) goes to the block author, the rest is burnt:
// on `--dev` the author is Alice, so the transfer is sent by Bob to Charlie, Alice's balance
// shows her share arriving and the total issuance falls by the rest.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { AEG } from '../lib/constants.mjs';
import {
  accountHex,
  bestNumber,
  canonicalHashAt,
  devAccounts,
  feeSplit,
  freeBalanceChange,
  singleEvent,
  submitAndLocate,
  waitForBestNumber,
  waitForFinalizedNumber,
} from '../lib/chain.mjs';
import { readmeDevNodeCommand } from '../lib/readme.mjs';
import { LOOPBACK, rpcCall } from '../lib/rpc.mjs';
import {
  assertPowThenBabeSeals,
  runtimeSealDifficulty,
  sealDifficultyAt,
  sealedBlock,
} from '../lib/seal.mjs';
import { devNodeSuite } from '../lib/suite.mjs';

describe("the README's dev chain (single validator)", () => {
  const dev = devNodeSuite({ untilFirstBlock: false, command: readmeDevNodeCommand() });
  let node;
  let api;
  let alice;
  let bob;
  let charlie;

  before(async () => {
    ({ node, api } = dev);
    ({ alice, bob, charlie } = await devAccounts());
  });

  it('advertises the AEG token properties', async () => {
    const properties = await rpcCall(node.rpcPort, 'system_properties');
    // Chain spec properties may hold a single value or a list (multi-token chains).
    const first = (value) => (Array.isArray(value) ? value[0] : value);
    assert.deepEqual(
      {
        tokenSymbol: first(properties.tokenSymbol),
        tokenDecimals: first(properties.tokenDecimals),
        ss58Format: properties.ss58Format,
      },
      { tokenSymbol: 'AEG', tokenDecimals: 12, ss58Format: 42 },
    );
  });

  it('answers RPC from a page of any origin, as polkadot.js apps needs', async () => {
    for (const origin of ['https://polkadot.js.org', 'http://192.0.2.7:3000']) {
      const response = await fetch(`http://${LOOPBACK}:${node.rpcPort}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'system_chain', params: [] }),
        signal: AbortSignal.timeout(10_000),
      });
      assert.equal(response.status, 200, `a request from ${origin} is answered`);
      const allowed = response.headers.get('access-control-allow-origin');
      assert.ok(allowed === '*' || allowed === origin, `${origin} may read the answer: ${allowed}`);
      assert.equal((await response.json()).result, 'Aegis Development');
    }
  });

  it('authors blocks and finalizes them', { timeout: 150_000 }, async () => {
    const startBest = await bestNumber(api);
    await waitForBestNumber(api, startBest + 3, { timeoutMs: 60_000 });

    const finalized = await waitForFinalizedNumber(api, 1, { timeoutMs: 90_000 });
    const best = await bestNumber(api);
    assert.ok(finalized <= best, `finalized #${finalized} is ahead of best #${best}`);
    const finalizedHead = (await api.rpc.chain.getFinalizedHead()).toHex();
    assert.equal(
      await canonicalHashAt(api, finalized),
      finalizedHead,
      'the finalized head is on the best chain',
    );
  });

  it(
    'transfers AEG from Bob to Charlie, pays a fifth of the fee to the author, burns the rest',
    { timeout: 180_000 },
    async () => {
      const amount = 3n * AEG + 141_592_653_589n;
      const tx = api.tx.balances.transferKeepAlive(charlie.address, amount);
      const inclusion = await submitAndLocate(api, tx, bob);

      const transfer = singleEvent(inclusion.events, api.events.balances.Transfer);
      const [from, to, transferred] = transfer.data;
      assert.equal(accountHex(from), accountHex(bob), 'Transfer.from is Bob');
      assert.equal(accountHex(to), accountHex(charlie), 'Transfer.to is Charlie');
      assert.equal(transferred.toBigInt(), amount, 'Transfer.amount');

      const feePaid = singleEvent(
        inclusion.events,
        api.events.transactionPayment.TransactionFeePaid,
      );
      const [payer, actualFee, tip] = feePaid.data;
      const fee = actualFee.toBigInt() + tip.toBigInt();
      assert.equal(accountHex(payer), accountHex(bob), 'Bob paid the fee');
      assert.ok(actualFee.toBigInt() > 0n, `expected a positive fee, got ${actualFee}`);

      // Balance changes across exactly the block that contains the transfer.
      assert.equal(
        await freeBalanceChange(api, inclusion, charlie.address),
        amount,
        "Charlie's free balance rose by exactly the amount",
      );
      assert.equal(
        await freeBalanceChange(api, inclusion, bob.address),
        -(amount + fee),
        "Bob's free balance fell by the amount plus the fee and tip",
      );
      const split = feeSplit(api, inclusion.events);
      assert.equal(split.toAuthor + split.burnt, fee, 'the fee is split, nothing is lost');
      assert.ok(split.burnt > 3n * split.toAuthor - 4n, `most is burnt: ${split.burnt}`);
      assert.equal(
        await freeBalanceChange(api, inclusion, alice.address),
        split.toAuthor,
        "a fifth of the fee and the tip went to Alice, the block's author",
      );
      const issuance = async (hash) =>
        (await (await api.at(hash)).query.balances.totalIssuance()).toBigInt();
      assert.equal(
        (await issuance(inclusion.blockHash)) - (await issuance(inclusion.parentHash)),
        -split.burnt,
        'the rest of the fee was burnt',
      );

      // The block carries the proof-of-work seal, then BABE's seal, at a difficulty in bounds.
      const what = `block #${inclusion.blockNumber} with the transfer`;
      assertPowThenBabeSeals(await sealedBlock(api, inclusion.blockHash), what);
      const { difficulty, min, max } = await sealDifficultyAt(api, inclusion.blockHash);
      assert.ok(min <= max, `seal difficulty bounds ${min}..${max} are inverted`);
      assert.ok(
        min <= difficulty && difficulty <= max,
        `seal difficulty ${difficulty} after ${what} is outside its bounds ${min}..${max}`,
      );
      assert.equal(
        await runtimeSealDifficulty(node, inclusion.blockHash),
        difficulty,
        'SealDifficultyApi_seal_difficulty agrees with sealDifficulty.difficulty',
      );

      const finalized = await waitForFinalizedNumber(api, inclusion.blockNumber, {
        timeoutMs: 120_000,
      });
      assert.equal(
        await canonicalHashAt(api, inclusion.blockNumber),
        inclusion.blockHash,
        `block #${inclusion.blockNumber} with the transfer is on the finalized chain (finalized #${finalized})`,
      );
    },
  );
});
