// Case (c): bad input. Transactions are sent by Bob, not Alice: fees go to the block author,
// who is Alice on `--dev`, and her balance would mix both.
// Invalid transactions are rejected with Substrate's documented
// errors and move no funds, the chain keeps going, and the binary fails cleanly (non-zero
// exit, clear message, no panic) on a bad --chain or an RPC port that is already taken.

import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { AEG, INVALID_TRANSACTION } from '../lib/constants.mjs';
import {
  accountAt,
  bestHash,
  bestNumber,
  devAccounts,
  singleEvent,
  submitAndLocate,
  waitForBestNumber,
  withCorruptedSignature,
} from '../lib/chain.mjs';
import { runNodeUntilExit } from '../lib/node.mjs';
import { rpcCall, rpcCallExpectingError } from '../lib/rpc.mjs';
import { lastLines, waitFor } from '../lib/util.mjs';
import { devNodeSuite } from '../lib/suite.mjs';

/** Substrate's JSON-RPC error code for a transaction the pool found invalid. */
/** Far enough ahead that no transaction in this run can fill the nonce gap. */
const FUTURE_NONCE_GAP = 1000;
const CLI_TIMEOUT_MS = 90_000;
/** Log line printed once the RPC server is up, i.e. the node started instead of failing. */
const RPC_SERVER_STARTED = /Running JSON-RPC server/;

/**
 * A run of the binary that should fail cleanly: exit on its own with a non-zero code,
 * no panic, and a final message matching `mentions`.
 */
function assertCleanFailure(run, { what, mentions }) {
  const context = `\n----- ${what}: last output lines -----\n${lastLines(run.output, 40)}`;
  assert.equal(
    run.abortedOn,
    null,
    `${what}: the node started normally instead of failing${context}`,
  );
  assert.equal(
    run.timedOut,
    false,
    `${what}: still running after ${CLI_TIMEOUT_MS / 1000}s${context}`,
  );
  assert.equal(run.error, null, `${what}: could not run the binary: ${run.error?.message}`);
  assert.equal(run.signal, null, `${what}: terminated by ${run.signal}${context}`);
  assert.notEqual(run.code, 0, `${what}: exited with code 0${context}`);
  assert.doesNotMatch(
    run.output,
    /panicked|stack backtrace/i,
    `${what}: the node panicked${context}`,
  );
  const finalLines = run.output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(-10)
    .join('\n');
  assert.match(
    finalLines,
    mentions,
    `${what}: the final message does not mention ${mentions}${context}`,
  );
}

/** The pool's verdict on an invalid transaction: code 1010 and a reason in `data`. */
function assertInvalidTransaction(error, reason) {
  assert.equal(error.code, INVALID_TRANSACTION, error.message);
  assert.equal(error.rpcMessage, 'Invalid Transaction', error.message);
  assert.match(String(error.data), reason, error.message);
}

describe('bad input (dev node)', () => {
  const dev = devNodeSuite({ untilFirstBlock: false });
  let node;
  let api;
  let bob;
  let charlie;
  /** Bob's and Charlie's accounts before any test ran. */
  let start;
  /** { amount, fee, tip } of every transfer from Bob that was included. */
  const included = [];

  before(async () => {
    ({ node, api } = dev);
    ({ bob, charlie } = await devAccounts());
    const hash = await bestHash(api);
    start = {
      bob: await accountAt(api, hash, bob.address),
      charlie: await accountAt(api, hash, charlie.address),
      bestNumber: await bestNumber(api),
    };
  });

  async function pendingExtrinsics() {
    return rpcCall(node.rpcPort, 'author_pendingExtrinsics');
  }

  async function bobNonce() {
    return (await accountAt(api, await bestHash(api), bob.address)).nonce;
  }

  /** A transfer from Bob to Charlie, signed with an explicit nonce but not submitted. */
  function signedTransfer(amount, nonce) {
    return api.tx.balances.transferKeepAlive(charlie.address, amount).signAsync(bob, { nonce });
  }

  it('rejects a transfer whose signature was tampered with', async () => {
    const signed = await signedTransfer(5n * AEG, await bobNonce());
    const tampered = withCorruptedSignature(signed);
    assert.notEqual(tampered, signed.toHex());

    const error = await rpcCallExpectingError(node.rpcPort, 'author_submitExtrinsic', [tampered]);
    assertInvalidTransaction(error, /Transaction has a bad signature/);
    assert.ok(
      !(await pendingExtrinsics()).includes(tampered),
      'the tampered extrinsic is not pooled',
    );
  });

  it(
    'rejects a transfer that reuses the nonce of an included one as outdated',
    { timeout: 120_000 },
    async () => {
      const nonce = await bobNonce();
      const amount = 2n * AEG;
      const inclusion = await submitAndLocate(
        api,
        api.tx.balances.transferKeepAlive(charlie.address, amount),
        bob,
        { nonce },
      );
      const [, fee, tip] = singleEvent(
        inclusion.events,
        api.events.transactionPayment.TransactionFeePaid,
      ).data;
      included.push({ amount, fee: fee.toBigInt(), tip: tip.toBigInt() });

      // Let the pool catch up with the block that used the nonce before reusing it.
      await waitForBestNumber(api, inclusion.blockNumber + 2, { timeoutMs: 60_000 });

      // A different call (amount), so that it is not merely the same, already-known, hash.
      const stale = await signedTransfer(amount + 1n, nonce);
      const error = await rpcCallExpectingError(node.rpcPort, 'author_submitExtrinsic', [
        stale.toHex(),
      ]);
      assertInvalidTransaction(error, /Transaction is outdated/);
    },
  );

  it(
    'parks a future-nonce transfer in the future queue without executing it',
    { timeout: 120_000 },
    async () => {
      const beforeHash = await bestHash(api);
      const bobBefore = await accountAt(api, beforeHash, bob.address);
      const future = await signedTransfer(7n * AEG, bobBefore.nonce + FUTURE_NONCE_GAP);

      const statuses = [];
      const unsubscribe = await api.rpc.author.submitAndWatchExtrinsic(future, (status) => {
        statuses.push(status.type);
      });
      try {
        await waitFor('a pool status', () => statuses.length > 0 || undefined, {
          timeoutMs: 30_000,
        });
        assert.equal(statuses[0], 'Future', `statuses: ${statuses.join(', ')}`);
        // author_pendingExtrinsics lists the *ready* queue only.
        assert.ok(
          !(await pendingExtrinsics()).includes(future.toHex()),
          'a future transaction is not ready',
        );

        const from = await bestNumber(api);
        await waitForBestNumber(api, from + 3, { timeoutMs: 60_000 });
        const progressed = statuses.filter((status) =>
          ['Ready', 'InBlock', 'Finalized'].includes(status),
        );
        assert.deepEqual(
          progressed,
          [],
          `the future transaction must not progress (statuses: ${statuses.join(', ')})`,
        );
        const bobAfter = await accountAt(api, await bestHash(api), bob.address);
        assert.equal(bobAfter.nonce, bobBefore.nonce, "Bob's nonce did not move");
        assert.equal(bobAfter.free, bobBefore.free, "Bob's balance did not move");
      } finally {
        await unsubscribe();
      }
    },
  );

  it(
    'moved funds only for the included transfer, and keeps producing blocks',
    { timeout: 120_000 },
    async () => {
      assert.equal(included.length, 1, 'the valid transfer of the stale-nonce test was included');
      const hash = await bestHash(api);
      const bobNow = await accountAt(api, hash, bob.address);
      const charlieNow = await accountAt(api, hash, charlie.address);
      const sent = included.reduce((sum, { amount }) => sum + amount, 0n);
      const charged = included.reduce((sum, { fee, tip }) => sum + fee + tip, 0n);

      assert.equal(
        charlieNow.free - start.charlie.free,
        sent,
        'Charlie received exactly the included transfer',
      );
      assert.equal(
        start.bob.free - bobNow.free,
        sent + charged,
        'Bob paid exactly the included transfer and its fee',
      );
      assert.equal(
        bobNow.nonce,
        start.bob.nonce + included.length,
        "only the included transfer used one of Bob's nonces",
      );

      const best = await bestNumber(api);
      assert.ok(best > start.bestNumber, 'blocks were produced during the tests');
      await waitForBestNumber(api, best + 2, { timeoutMs: 60_000 });
    },
  );

  describe('command line', () => {
    let scratch;

    before(async () => {
      scratch = await mkdtemp(path.join(os.tmpdir(), 'aegis-e2e-cli-'));
    });

    after(async () => {
      if (scratch) await rm(scratch, { recursive: true, force: true });
    });

    it('fails cleanly for an unknown --chain', { timeout: CLI_TIMEOUT_MS + 30_000 }, async () => {
      const run = await runNodeUntilExit({
        name: 'unknown-chain',
        args: ['--chain', 'no-such-chain'],
        timeoutMs: CLI_TIMEOUT_MS,
        abortOn: RPC_SERVER_STARTED,
      });
      assertCleanFailure(run, { what: '--chain no-such-chain', mentions: /no-such-chain/ });
    });

    it(
      'fails cleanly for a chain spec file that is not JSON',
      { timeout: CLI_TIMEOUT_MS + 30_000 },
      async () => {
        const specPath = path.join(scratch, 'broken-spec.json');
        await writeFile(specPath, '{ not json');
        const run = await runNodeUntilExit({
          name: 'broken-spec',
          args: ['--chain', specPath],
          timeoutMs: CLI_TIMEOUT_MS,
          abortOn: RPC_SERVER_STARTED,
        });
        assertCleanFailure(run, { what: `--chain ${specPath}`, mentions: /spec|json|pars/i });
      },
    );

    it(
      'fails cleanly when the RPC port is already in use',
      { timeout: CLI_TIMEOUT_MS + 30_000 },
      async () => {
        // Stock sc-cli silently falls back to a random RPC port; the node must refuse instead.
        const takenPort = node.rpcPort;
        const run = await runNodeUntilExit({
          name: 'rpc-port-taken',
          args: ['--dev'],
          rpcPort: takenPort,
          timeoutMs: CLI_TIMEOUT_MS,
          abortOn: RPC_SERVER_STARTED,
        });
        assertCleanFailure(run, {
          what: `--rpc-port ${takenPort} (taken by the running dev node)`,
          mentions: new RegExp(`\\b${takenPort}\\b|in use`, 'i'),
        });
        await rpcCall(takenPort, 'system_health');
      },
    );
  });
});
