// The `--dev` node most test files run against, with the hooks that start and stop it.

import { after, afterEach, before } from 'node:test';

import { connectApi, disconnectApis, waitForBestNumber } from './chain.mjs';
import { NodeGroup, READY_TIMEOUT_MS } from './node.mjs';

/**
 * One `--dev` node for the calling `describe` block: started and connected to in a `before`
 * hook, its log tail printed when a test fails, stopped with its API after the block. The
 * returned object's `node` and `api` are set once the hook has run, so a test file's own
 * `before` hook (registered after this call) can use them.
 *
 * With `untilFirstBlock` (the default) the hook also waits for block #1: the genesis state
 * stores a placeholder as block #0's hash, which signatures bind to; block #1 stores the real
 * one. `args` are the node's arguments, or an async function returning them (called in the
 * hook, e.g. once a server the node must reach is listening); or `command` starts the node
 * another way (see `spawnNode`), e.g. as the README does.
 */
export function devNodeSuite({ untilFirstBlock = true, args = ['--dev'], command } = {}) {
  const group = new NodeGroup();
  const suite = { node: undefined, api: undefined };

  before(
    async () => {
      const nodeArgs = typeof args === 'function' ? await args() : args;
      suite.node = await group.start({ name: 'dev', args: nodeArgs, command });
      suite.api = await connectApi(suite.node);
      if (untilFirstBlock) await waitForBestNumber(suite.api, 1, { timeoutMs: 60_000 });
    },
    { timeout: READY_TIMEOUT_MS + 60_000 },
  );

  after(async () => {
    await disconnectApis([suite.api]);
    await group.stopAll();
  });

  afterEach((t) => group.printLogsIfFailed(t));

  return suite;
}
