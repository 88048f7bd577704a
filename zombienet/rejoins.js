// zombienet js-script, run against a collator just restarted: it rejoins when it has caught up
// with the chain as another collator saw it at the restart (best and finalised heights) and
// goes on importing what the other builds after that. Fixed heights in the `.zndsl` would
// not say that: the chain may be past any of them before the restart.
//
// `args`: the name of the collator that stayed up. Returns how many blocks the restarted one
// imported past the other's best at the start (the `.zndsl` asserts at least 2). zombienet
// injects the global `zombie` ({ ApiPromise, Keyring, WsProvider, connect, … }).

const { sleep } = require('./chain.js');

const POLL_MS = 2_000;
/** Blocks past the other collator's best at the start that the restarted one must import. */
const AHEAD = 2;

async function heights(api) {
  const [best, finalizedHash] = await Promise.all([
    api.rpc.chain.getHeader(),
    api.rpc.chain.getFinalizedHead(),
  ]);
  const finalized = await api.rpc.chain.getHeader(finalizedHash);
  return { best: best.number.toNumber(), finalized: finalized.number.toNumber() };
}

async function run(nodeName, networkInfo, args) {
  const other = networkInfo.nodesByName[args[0]];
  if (!other) throw new Error(`rejoins.js: no node ${args[0]}`);
  const self = networkInfo.nodesByName[nodeName];
  const reference = await zombie.connect(other.wsUri, other.userDefinedTypes);
  let target;
  try {
    target = await heights(reference);
  } finally {
    await reference.disconnect();
  }
  // The restarted node's RPC comes back with it: poll its HTTP side (a websocket to a port
  // nobody listens on yet fails outside any promise this script could catch), then connect.
  const httpUri = self.wsUri.replace(/^ws/, 'http');
  for (;;) {
    const health = await fetch(httpUri, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: 1, jsonrpc: '2.0', method: 'system_health', params: [] }),
    }).catch(() => null);
    if (health?.ok) break;
    await sleep(POLL_MS);
  }
  const api = await zombie.connect(self.wsUri, self.userDefinedTypes);
  try {
    const started = Date.now();
    for (;;) {
      const now = await heights(api);
      if (now.best >= target.best + AHEAD && now.finalized >= target.finalized) {
        console.log(
          `rejoins: ${nodeName} at best #${now.best}, finalised #${now.finalized} ${Date.now() - started} ms after the other was at #${target.best}/#${target.finalized}`,
        );
        return now.best - target.best;
      }
      await sleep(POLL_MS);
    }
  } finally {
    await api.disconnect();
  }
}

module.exports = { run };
