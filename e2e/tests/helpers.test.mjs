// Unit tests of the pure helpers the e2e tests rely on (no node needed).

import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, it } from 'node:test';

import {
  FinalityLatencyTracker,
  formatLatencyLine,
  percentile,
  summarize,
} from '../lib/finality.mjs';
import { freeLoopbackPorts, standardArgs } from '../lib/node.mjs';
import { lastLines, positiveIntegerFromEnv, waitFor } from '../lib/util.mjs';

describe('percentile / summarize', () => {
  it('uses the nearest rank', () => {
    const values = Array.from({ length: 20 }, (_, i) => i + 1); // 1..20
    assert.equal(percentile(values, 50), 10);
    assert.equal(percentile(values, 95), 19);
    assert.equal(percentile(values, 100), 20);
    assert.equal(percentile([7], 95), 7);
    assert.throws(() => percentile([], 50));
  });

  it('summarizes unsorted values and formats the report line', () => {
    const summary = summarize([3000, 1000, 2000, 4000]);
    assert.deepEqual(summary, { count: 4, min: 1000, p50: 2000, p95: 4000, max: 4000, mean: 2500 });
    assert.equal(
      formatLatencyLine(summary),
      'finality latency over 4 blocks: p50=2000ms p95=4000ms max=4000ms',
    );
  });
});

describe('FinalityLatencyTracker', () => {
  it('ignores everything before start and blocks up to the start block', () => {
    const tracker = new FinalityLatencyTracker();
    tracker.recordBestHead(11, 0);
    tracker.recordFinalizedHead(11, 10);
    tracker.start(10);
    tracker.recordBestHead(10, 100);
    tracker.recordFinalizedHead(10, 200);
    assert.deepEqual(tracker.samples(), []);
  });

  it('lets one finalized head cover all earlier blocks and keeps the earliest times', () => {
    const tracker = new FinalityLatencyTracker();
    tracker.start(10);
    tracker.recordBestHead(11, 1000);
    tracker.recordBestHead(11, 1100); // seen again on another node: ignored
    tracker.recordBestHead(12, 3000);
    tracker.recordBestHead(14, 7000); // #13 was never a best head
    tracker.recordFinalizedHead(12, 5000);
    tracker.recordFinalizedHead(12, 5500); // same finality on another node: ignored
    tracker.recordFinalizedHead(14, 9000);
    assert.deepEqual(tracker.samples(), [
      { number: 11, latencyMs: 4000 },
      { number: 12, latencyMs: 2000 },
      { number: 14, latencyMs: 2000 },
    ]);
  });

  it('skips blocks first seen as best only after they were finalized', () => {
    const tracker = new FinalityLatencyTracker();
    tracker.start(0);
    tracker.recordFinalizedHead(3, 500);
    tracker.recordBestHead(3, 600);
    tracker.recordBestHead(4, 700);
    tracker.recordFinalizedHead(4, 900);
    assert.deepEqual(tracker.samples(), [{ number: 4, latencyMs: 200 }]);
  });
});

describe('node arguments and ports', () => {
  it('keeps every node on loopback with its own base path and ports', () => {
    const args = standardArgs({
      basePath: '/tmp/x/data',
      ports: { rpc: 1001, p2p: 1002, prometheus: 1003 },
    });
    const value = (flag) => args[args.indexOf(flag) + 1];
    assert.equal(value('--base-path'), '/tmp/x/data');
    assert.equal(value('--rpc-port'), '1001');
    assert.equal(value('--prometheus-port'), '1003');
    assert.equal(value('--listen-addr'), '/ip4/127.0.0.1/tcp/1002');
    assert.equal(value('--rpc-cors'), 'all');
    assert.ok(!args.includes('--port'), 'sc-cli rejects --port together with --listen-addr');
    assert.ok(!args.some((arg) => /external/.test(arg)), 'nothing is exposed beyond loopback');
  });

  it('hands out distinct ports that can be bound on 127.0.0.1', async () => {
    const first = await freeLoopbackPorts(3);
    const second = await freeLoopbackPorts(3);
    const all = [...first, ...second];
    assert.equal(new Set(all).size, all.length);
    for (const port of all) {
      const server = net.createServer();
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', resolve);
      });
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('util', () => {
  it('reads positive integers from the environment', () => {
    const name = 'AEGIS_E2E_HELPERS_TEST_VALUE';
    delete process.env[name];
    assert.equal(positiveIntegerFromEnv(name, 30), 30);
    process.env[name] = '100';
    assert.equal(positiveIntegerFromEnv(name, 30), 100);
    for (const bad of ['0', '-3', '2.5', 'many']) {
      process.env[name] = bad;
      assert.throws(() => positiveIntegerFromEnv(name, 30), new RegExp(name));
    }
    delete process.env[name];
  });

  it('returns the last lines of a text', () => {
    assert.equal(lastLines('a\nb\nc\n', 2), 'b\nc');
    assert.equal(lastLines('a', 5), 'a');
  });

  it('waits for a value, treating 0 as a value and throwing on timeout', async () => {
    let calls = 0;
    assert.equal(
      await waitFor('zero', () => (++calls < 3 ? undefined : 0), {
        timeoutMs: 2000,
        intervalMs: 1,
      }),
      0,
    );
    await assert.rejects(
      waitFor(
        'never',
        () => {
          throw new Error('boom');
        },
        { timeoutMs: 50, intervalMs: 10 },
      ),
      /timed out after 0.05s waiting for never \(last error: boom\)/,
    );
  });
});
