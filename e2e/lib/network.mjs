// Local validator networks on loopback: by default the three validators of --chain local
// (Alice, Bob and Charlie); with a chain spec file, any dev validators it holds (e.g. a
// four-validator spec from lib/chainspec.mjs: Alice, Bob, Charlie and Dave); or the README's
// three-validator network, started with the README's own commands.

import { accountHex, connectApi, devAccounts, disconnectApis } from './chain.mjs';
import { READY_TIMEOUT_MS } from './node.mjs';
import { readmeNetworkCommands } from './readme.mjs';
import { LOOPBACK, rpcCall } from './rpc.mjs';
import { waitFor } from './util.mjs';

/** The validators of --chain local. */
export const VALIDATORS = ['alice', 'bob', 'charlie'];
/** The chain's slot duration. */
export const SLOT_MS = 2_000;
/** For `before`: starting Alice, then the others, and connecting an API to each. */
export const NETWORK_START_TIMEOUT_MS = 2 * READY_TIMEOUT_MS + 120_000;

// Fixed p2p keys: validators on a non-dev chain refuse to generate one on the fly, and a
// known key gives Alice a known peer id for the bootnode address.
const NODE_KEYS = {
  alice: '0000000000000000000000000000000000000000000000000000000000000001',
  bob: '0000000000000000000000000000000000000000000000000000000000000002',
  charlie: '0000000000000000000000000000000000000000000000000000000000000003',
  dave: '0000000000000000000000000000000000000000000000000000000000000004',
  eve: '0000000000000000000000000000000000000000000000000000000000000005',
  ferdie: '0000000000000000000000000000000000000000000000000000000000000006',
};
const BOOTNODE = 'alice';
const ALICE_PEER_ID = '12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp';

function validatorArgs(name, { chain, bootnode, extraArgs = [] }) {
  return [
    '--chain',
    chain,
    // Inserts the dev session keys of `name` (//Alice, ...) into the keystore.
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
 * Starts `validators` (default: alice, bob, charlie) in `group` (a NodeGroup, which stops
 * them): Alice first (the bootnode; she must be in the list, first), then the others at
 * once, and connects a polkadot.js API to each. `chain` is `--chain`: 'local' (the
 * default) or the path of a chain spec whose genesis validators are `validators`.
 * `extraArgs` adds arguments per validator, e.g. { bob: ['--unsafe-invalid-pow-seals'] }.
 *
 * Returns { nodes, apis, byName }: nodes and apis in the order of `validators`, and
 * byName.alice = { node, api } etc.
 */
export async function startLocalNetwork(
  group,
  { validators = VALIDATORS, chain = 'local', extraArgs = {} } = {},
) {
  if (validators[0] !== BOOTNODE) {
    throw new Error(`the first validator must be ${BOOTNODE} (the bootnode): ${validators}`);
  }
  for (const name of validators) {
    if (!NODE_KEYS[name]) throw new Error(`no node key for validator ${name}`);
  }
  if (new Set(validators).size !== validators.length) {
    throw new Error(`duplicate validators: ${validators}`);
  }
  for (const name of Object.keys(extraArgs)) {
    if (!validators.includes(name)) throw new Error(`extraArgs for unknown validator ${name}`);
  }
  const alice = await group.start({
    name: BOOTNODE,
    args: validatorArgs(BOOTNODE, { chain, extraArgs: extraArgs[BOOTNODE] }),
  });
  const bootnode = `/ip4/${LOOPBACK}/tcp/${alice.p2pPort}/p2p/${ALICE_PEER_ID}`;
  const others = await Promise.all(
    validators.slice(1).map((name) =>
      group.start({
        name,
        args: validatorArgs(name, { chain, bootnode, extraArgs: extraArgs[name] }),
      }),
    ),
  );
  return connectNetwork(validators, [alice, ...others]);
}

/**
 * Starts the README's three-validator network in `group`, each node with the README's
 * command as written but for its ports, base path and the node binary's path
 * (`lib/readme.mjs`): Alice first, then the others at once. Returns what `startLocalNetwork`
 * returns.
 */
export async function startReadmeNetwork(group) {
  const commands = readmeNetworkCommands();
  const names = commands.map(({ name }) => name);
  if (names.join() !== VALIDATORS.join()) {
    throw new Error(`the README starts ${names.join(', ')}, not ${VALIDATORS.join(', ')}`);
  }
  const [first, ...rest] = commands;
  const alice = await group.start({ name: first.name, command: first.command });
  const others = await Promise.all(rest.map(({ name, command }) => group.start({ name, command })));
  return connectNetwork(names, [alice, ...others]);
}

/** Connects a polkadot.js API to each of `nodes` (named `names`). */
async function connectNetwork(names, nodes) {
  const connections = await Promise.allSettled(nodes.map((node) => connectApi(node)));
  const apis = connections.map((result) => (result.status === 'fulfilled' ? result.value : null));
  const failure = connections.find((result) => result.status === 'rejected');
  if (failure) {
    await disconnectApis(apis);
    throw failure.reason;
  }
  const byName = Object.fromEntries(
    names.map((name, i) => [name, { node: nodes[i], api: apis[i] }]),
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

/** The p2p peer ids of the nodes (RPC `system_localPeerId`), by node name. */
export async function localPeerIds(nodes) {
  const ids = await Promise.all(nodes.map((node) => rpcCall(node.rpcPort, 'system_localPeerId')));
  return Object.fromEntries(nodes.map((node, i) => [node.name, ids[i]]));
}

/**
 * Waits until each of `nodes` is connected to every other one of them (RPC `system_peers`),
 * whatever other peers they have or lose.
 */
export async function waitForMesh(nodes, { timeoutMs }) {
  const peerIds = await localPeerIds(nodes);
  return Promise.all(
    nodes.map((node) => {
      const wanted = nodes.filter((other) => other !== node).map((other) => other.name);
      return waitFor(
        `${node.name} to be connected to ${wanted.join(', ')}`,
        async () => {
          const connected = new Set(
            (await rpcCall(node.rpcPort, 'system_peers')).map(({ peerId }) => peerId),
          );
          return wanted.every((name) => connected.has(peerIds[name])) ? true : undefined;
        },
        { timeoutMs },
      );
    }),
  );
}

/**
 * The session validators at the best block: { addresses, names }, in BABE authority order
 * (for this chain the BABE authorities are the session validators, in the same order).
 * `names[i]` is 'alice', 'bob', ... for the dev accounts, else the address.
 */
export async function sessionValidators(api) {
  const accounts = await devAccounts();
  const nameByKey = new Map(
    Object.entries(accounts).map(([name, account]) => [accountHex(account), name]),
  );
  const validators = await api.query.session.validators();
  return {
    addresses: validators.map(String),
    names: validators.map((account) => nameByKey.get(accountHex(account)) ?? account.toString()),
  };
}
