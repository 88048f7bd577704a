// The RPC server under abuse, with the limits a node has unless its operator changes them
// (sc-cli's defaults, docs/reliability.md): at most 100 connections, 1024 subscriptions a
// connection, requests and responses of at most 15 MiB. A `--dev` node is given more
// connections than it takes, every subscription a connection may hold and one more,
// oversized, malformed and unknown requests: each gets its refusal or error, and throughout
// the node answers a fresh client at once, keeps producing blocks, and its memory stays
// within a bound.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import WebSocket from 'ws';

import { bestNumber, waitForBestNumber } from '../lib/chain.mjs';
import { LOOPBACK, rpcCall } from '../lib/rpc.mjs';
import { devNodeSuite } from '../lib/suite.mjs';

const MAX_CONNECTIONS = 100;
const MAX_SUBSCRIPTIONS_PER_CONNECTION = 1024;
const MAX_REQUEST_BYTES = 15 * 1024 * 1024;
/** How much the node's resident memory may grow under all of it. */
const MEMORY_GROWTH_LIMIT_BYTES = 256 * 1024 * 1024;
/** A fresh client's request must be answered within this, whatever else is going on. */
const RESPONSIVE_MS = 2_000;

/** The node's resident memory, from /proc. */
function residentBytes(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]);
  return kib * 1024;
}

/** Opens a WebSocket to the node: resolves with it, or with the error that refused it. */
function connect(port) {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://${LOOPBACK}:${port}`);
    socket.once('open', () => resolve({ socket }));
    socket.once('error', (error) => resolve({ error }));
    socket.once('unexpected-response', (_, response) =>
      resolve({ error: new Error(`HTTP ${response.statusCode}`) }),
    );
  });
}

/** Sends JSON-RPC requests over `socket` and resolves with their answers, by id. */
function requestAll(socket, requests) {
  return new Promise((resolve, reject) => {
    const answers = new Map();
    const onMessage = (data) => {
      const message = JSON.parse(String(data));
      if (message.id === undefined || !requests.some((request) => request.id === message.id)) {
        return; // a subscription's notification
      }
      answers.set(message.id, message);
      if (answers.size === requests.length) {
        socket.off('message', onMessage);
        resolve(answers);
      }
    };
    socket.on('message', onMessage);
    socket.once('close', () => reject(new Error('the node closed the connection')));
    for (const request of requests) socket.send(JSON.stringify({ jsonrpc: '2.0', ...request }));
  });
}

/** A fresh client's `system_health` is answered within RESPONSIVE_MS. */
async function assertResponsive(port, when) {
  const started = Date.now();
  await rpcCall(port, 'system_health', [], { timeoutMs: RESPONSIVE_MS });
  const took = Date.now() - started;
  assert.ok(took < RESPONSIVE_MS, `system_health ${when} took ${took} ms`);
}

/** POSTs `body` to the node's HTTP endpoint: { status, text }. */
async function post(port, body) {
  const response = await fetch(`http://${LOOPBACK}:${port}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return { status: response.status, text: await response.text() };
}

describe('the RPC server under abuse', () => {
  const dev = devNodeSuite();

  it(
    'holds its connection, subscription and size limits and stays responsive',
    { timeout: 240_000 },
    async () => {
      const { node, api } = dev;
      const port = node.rpcPort;
      const memoryBefore = residentBytes(node.pid);
      const sockets = [];
      try {
        // Connections: the node takes at most MAX_CONNECTIONS (the test's API holds one).
        let refused = null;
        for (let attempt = 0; attempt < MAX_CONNECTIONS + 10; attempt += 1) {
          const { socket, error } = await connect(port);
          if (error) {
            refused = { attempt, error };
            break;
          }
          sockets.push(socket);
        }
        assert.ok(refused, `a connection beyond ${MAX_CONNECTIONS} was refused`);
        assert.ok(
          sockets.length <= MAX_CONNECTIONS && sockets.length >= MAX_CONNECTIONS - 5,
          `the node took ${sockets.length} connections besides the test's own`,
        );
        const taken = sockets.length;
        for (const socket of sockets.splice(4)) socket.close();
        await assertResponsive(port, 'once connections are free again');

        // Subscriptions: four connections hold every subscription they may; one more each is
        // refused.
        const perConnection = MAX_SUBSCRIPTIONS_PER_CONNECTION + 1;
        const answers = await Promise.all(
          sockets.map((socket, connection) =>
            requestAll(
              socket,
              Array.from({ length: perConnection }, (_, index) => ({
                id: connection * perConnection + index,
                method: 'chain_subscribeNewHeads',
                params: [],
              })),
            ),
          ),
        );
        for (const [connection, byId] of answers.entries()) {
          const accepted = [...byId.values()].filter((answer) => answer.result !== undefined);
          const failed = [...byId.values()].filter((answer) => answer.error !== undefined);
          assert.equal(
            accepted.length,
            MAX_SUBSCRIPTIONS_PER_CONNECTION,
            `connection ${connection}`,
          );
          assert.equal(failed.length, 1, `connection ${connection}: one subscription refused`);
        }
        const height = await bestNumber(api);
        await waitForBestNumber(api, height + 3, { timeoutMs: 30_000 });
        await assertResponsive(port, `with ${4 * MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions`);

        // Sizes and shapes.
        // Over the limit the server answers 413 or, having read the limit, closes the
        // connection: either way no answer.
        const oversized = await post(
          port,
          JSON.stringify({
            jsonrpc: '2.0',
            id: 1,
            method: 'system_health',
            params: ['x'.repeat(MAX_REQUEST_BYTES)],
          }),
        ).catch((error) => ({ status: null, text: error.cause?.code ?? error.message }));
        assert.ok(
          oversized.status === 413 || oversized.status === null,
          `a request over 15 MiB is refused: ${oversized.status} ${oversized.text.slice(0, 200)}`,
        );
        const malformed = await post(port, '{"jsonrpc":"2.0","id":1,"method":');
        assert.match(malformed.text, /-32700/, 'malformed JSON is a parse error');
        const unknown = await post(
          port,
          JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'aegis_noSuchMethod', params: [] }),
        );
        assert.match(unknown.text, /-32601/, 'an unknown method is "method not found"');
        const badParams = await post(
          port,
          JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'chain_getBlockHash', params: ['x'] }),
        );
        assert.match(badParams.text, /-32602/, 'wrong parameters are "invalid params"');
        await assertResponsive(port, 'after the oversized and malformed requests');

        const growth = residentBytes(node.pid) - memoryBefore;
        console.log(
          `connections taken: ${taken} (refused: ${refused.error.message}); subscriptions: ` +
            `${4 * MAX_SUBSCRIPTIONS_PER_CONNECTION}; resident memory grew by ` +
            `${(growth / 2 ** 20).toFixed(1)} MiB`,
        );
        assert.ok(
          growth < MEMORY_GROWTH_LIMIT_BYTES,
          `the node's memory grew by ${growth} bytes (at most ${MEMORY_GROWTH_LIMIT_BYTES})`,
        );
      } finally {
        for (const socket of sockets) socket.close();
      }
      // Once the abusers leave, the node serves as before.
      const height = await bestNumber(api);
      await waitForBestNumber(api, height + 2, { timeoutMs: 30_000 });
      await assertResponsive(port, 'after the abusers left');
    },
  );
});
