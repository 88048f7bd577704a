// The three-validator local network (--chain local: Alice, Bob and Charlie) on loopback.

import { accountHex, connectApi, devAccounts, disconnectApis } from './chain.mjs';
import { READY_TIMEOUT_MS } from './node.mjs';
import { LOOPBACK, rpcCall } from './rpc.mjs';
import { waitFor } from './util.mjs';

export const VALIDATORS = ['alice', 'bob', 'charlie'];
/** The chain's slot duration. */
export const SLOT_MS = 2_000;
/** For `before`: starting Alice, then Bob and Charlie, and connecting an API to each. */
export const NETWORK_START_TIMEOUT_MS = 2 * READY_TIMEOUT_MS + 120_000;

// Fixed p2p keys: validators on a non-dev chain refuse to generate one on the fly, and a
// known key gives Alice a known peer id for the bootnode address.
const NODE_KEYS = {
  alice: '0000000000000000000000000000000000000000000000000000000000000001',
  bob: '0000000000000000000000000000000000000000000000000000000000000002',
  charlie: '0000000000000000000000000000000000000000000000000000000000000003',
};
const ALICE_PEER_ID = '12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp';

function validatorArgs(name, bootnode, extraArgs = []) {
  return [
    '--chain',
    'local',
    `--${name}`,
    '--validator',
    '--node-key',
    NODE_KEYS[name],
    // Discover each other on loopback whatever chainType the local spec declares.
    '--discover-local',
    '--allow-private-ip',
    ...(bootnode ? ['--bootnodes', bootnode] : []),
    ...extraArgs,
  ];
}

/**
 * Starts Alice (the bootnode), then Bob and Charlie, in `group` (a NodeGroup, which stops
 * them), and connects a polkadot.js API to each. `extraArgs` adds arguments per validator,
 * e.g. { bob: ['--unsafe-invalid-pow-seals'] }.
 *
 * Returns { nodes, apis, byName }: nodes and apis in the order alice, bob, charlie, and
 * byName.alice = { node, api } etc.
 */
export async function startLocalNetwork(group, { extraArgs = {} } = {}) {
  for (const name of Object.keys(extraArgs)) {
    if (!VALIDATORS.includes(name)) throw new Error(`extraArgs for unknown validator ${name}`);
  }
  const alice = await group.start({
    name: 'alice',
    args: validatorArgs('alice', null, extraArgs.alice),
  });
  const bootnode = `/ip4/${LOOPBACK}/tcp/${alice.p2pPort}/p2p/${ALICE_PEER_ID}`;
  const others = await Promise.all(
    ['bob', 'charlie'].map((name) =>
      group.start({ name, args: validatorArgs(name, bootnode, extraArgs[name]) }),
    ),
  );
  const nodes = [alice, ...others];

  const connections = await Promise.allSettled(nodes.map((node) => connectApi(node)));
  const apis = connections.map((result) => (result.status === 'fulfilled' ? result.value : null));
  const failure = connections.find((result) => result.status === 'rejected');
  if (failure) {
    await disconnectApis(apis);
    throw failure.reason;
  }
  const byName = Object.fromEntries(
    VALIDATORS.map((name, i) => [name, { node: nodes[i], api: apis[i] }]),
  );
  return { nodes, apis, byName };
}

/** Waits until every node reports at least `peers` peers. */
export function waitForPeers(nodes, peers, { timeoutMs }) {
  return Promise.all(
    nodes.map((node) =>
      waitFor(
        `${node.name} to have ${peers} peers`,
        async () =>
          (await rpcCall(node.rpcPort, 'system_health')).peers >= peers ? true : undefined,
        { timeoutMs },
      ),
    ),
  );
}

/**
 * The session validators at the best block: { addresses, names }, in BABE authority order
 * (for this chain the BABE authorities are the session validators, in the same order).
 * `names[i]` is 'alice', 'bob' or 'charlie' for the dev accounts, else the address.
 */
export async function sessionValidators(api) {
  const accounts = await devAccounts();
  const nameByKey = new Map(VALIDATORS.map((name) => [accountHex(accounts[name]), name]));
  const validators = await api.query.session.validators();
  return {
    addresses: validators.map(String),
    names: validators.map((account) => nameByKey.get(accountHex(account)) ?? account.toString()),
  };
}
