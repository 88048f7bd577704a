// polkadot.js helpers: connecting to a node, dev accounts, blocks, balances, extrinsics.

import assert from 'node:assert/strict';

import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';

import { AUTHOR_FEE_PERCENT } from './constants.mjs';
import { waitFor, withTimeout } from './util.mjs';

const CONNECT_TIMEOUT_MS = 60_000;
const INCLUSION_TIMEOUT_MS = 60_000;

// ---------------------------------------------------------------------------------------
// Connections and accounts

/** A polkadot.js API connected to `node`, with the node's own metadata. */
export async function connectApi(node) {
  // No automatic reconnection: a dropped connection means the node died, and a reconnect
  // loop would keep the test process alive after the node is gone.
  const provider = new WsProvider(node.wsUrl, false);
  try {
    await provider.connect();
    await withTimeout(
      provider.isReady,
      CONNECT_TIMEOUT_MS,
      `websocket to ${node.name} (${node.wsUrl}) did not open`,
    );
    return await withTimeout(
      ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true }),
      CONNECT_TIMEOUT_MS,
      `polkadot.js API for ${node.name} did not initialise`,
    );
  } catch (error) {
    await provider.disconnect().catch(() => {});
    throw error;
  }
}

export async function disconnectApis(apis) {
  await Promise.all(apis.filter(Boolean).map((api) => api.disconnect().catch(() => {})));
}

/** The 12 accounts the dev genesis endows (`Sr25519Keyring::well_known()`), 1,000,000 AEG each. */
export const WELL_KNOWN_DEV_SEEDS = [
  '//Alice',
  '//Bob',
  '//Charlie',
  '//Dave',
  '//Eve',
  '//Ferdie',
  '//Alice//stash',
  '//Bob//stash',
  '//Charlie//stash',
  '//Dave//stash',
  '//Eve//stash',
  '//Ferdie//stash',
];

/** sr25519 key pairs for the secret URIs `uris` (e.g. `//Alice`, `//Bob//stash`). */
export async function devKeyPairs(uris) {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  return uris.map((uri) => keyring.addFromUri(uri));
}

/** sr25519 key pairs for the well-known dev seeds. */
export async function devAccounts() {
  const uris = ['//Alice', '//Bob', '//Charlie', '//Dave'];
  const [alice, bob, charlie, dave] = await devKeyPairs(uris);
  return { alice, bob, charlie, dave };
}

/** Hex public key of a key pair or an AccountId codec, for exact comparisons. */
export function accountHex(account) {
  return account.publicKey ? u8aToHex(account.publicKey) : account.toHex();
}

// ---------------------------------------------------------------------------------------
// Blocks

export async function bestNumber(api) {
  return (await api.rpc.chain.getHeader()).number.toNumber();
}

export async function finalizedNumber(api) {
  const hash = await api.rpc.chain.getFinalizedHead();
  return (await api.rpc.chain.getHeader(hash)).number.toNumber();
}

export async function bestHash(api) {
  return (await api.rpc.chain.getBlockHash()).toHex();
}

/** Hash of the block at `number` on the node's canonical chain. */
export async function canonicalHashAt(api, number) {
  return (await api.rpc.chain.getBlockHash(number)).toHex();
}

export function waitForBestNumber(api, target, { timeoutMs }) {
  return waitFor(
    `best block #${target}`,
    async () => {
      const number = await bestNumber(api);
      return number >= target ? number : undefined;
    },
    { timeoutMs },
  );
}

export function waitForFinalizedNumber(api, target, { timeoutMs }) {
  return waitFor(
    `finalized block #${target}`,
    async () => {
      const number = await finalizedNumber(api);
      return number >= target ? number : undefined;
    },
    { timeoutMs },
  );
}

// ---------------------------------------------------------------------------------------
// Accounts at a given block

export async function accountAt(api, blockHash, address) {
  const apiAt = await api.at(blockHash);
  const { nonce, data } = await apiAt.query.system.account(address);
  return { nonce: nonce.toNumber(), free: data.free.toBigInt() };
}

/** Change of `address`'s free balance caused by the block (parent state -> block state). */
export async function freeBalanceChange(api, { parentHash, blockHash }, address) {
  const [before, after] = await Promise.all([
    accountAt(api, parentHash, address),
    accountAt(api, blockHash, address),
  ]);
  return after.free - before.free;
}

// ---------------------------------------------------------------------------------------
// Extrinsics

/**
 * Signs `tx` and submits it through `author_submitAndWatchExtrinsic`, resolving with
 * { blockHash, txHash } once it is in a block.
 *
 * Not `signAndSend` with a status callback: that makes polkadot.js decode the events of every
 * block it reports, which the helpers below read themselves at the block's own hash. Around a
 * runtime upgrade that decoding breaks: polkadot.js starts with the runtime's metadata v16
 * but swaps in `state_getMetadata`'s v14 (other type ids) when the version changes, and a
 * query decorated before the swap and decoded after it fails.
 */
async function submitUntilInBlock(api, tx, signer, { nonce, timeoutMs }) {
  await tx.signAsync(signer, nonce === undefined ? {} : { nonce });
  const txHash = tx.hash.toHex();
  return new Promise((resolve, reject) => {
    let settled = false;
    let unsubscribe;
    let timer;
    const settle = (error, value) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      unsubscribe?.();
      if (error) reject(error);
      else resolve(value);
    };
    timer = setTimeout(
      () => settle(new Error(`transaction ${txHash} was not included within ${timeoutMs / 1000}s`)),
      timeoutMs,
    );
    api.rpc.author
      .submitAndWatchExtrinsic(tx, (status) => {
        if (status.isInBlock || status.isFinalized) {
          const blockHash = status.isInBlock ? status.asInBlock : status.asFinalized;
          settle(null, { blockHash: blockHash.toHex(), txHash });
        } else if (status.isInvalid || status.isDropped || status.isUsurped) {
          settle(new Error(`transaction ${txHash} was ${status.type} before inclusion`));
        }
      })
      .then(
        (unsub) => {
          if (settled) unsub();
          else unsubscribe = unsub;
        },
        (error) => settle(error),
      );
  });
}

/**
 * The runtime's verdict on the signed extrinsic `signedTx` as the pool sees it
 * (`TaggedTransactionQueue_validate_transaction`, source External, at `blockHash`): a
 * polkadot.js `TransactionValidity` (`isOk`, or `asErr.asInvalid.asCustom` etc.).
 */
export async function validateTransaction(api, signedTx, blockHash) {
  // The runtime declares the extrinsic argument as an opaque `Vec<u8>`, which polkadot.js
  // builds from a plain Uint8Array by reading its compact length prefix: the extrinsic's own
  // encoding (`toU8a()`) is exactly that. (Given the extrinsic object, polkadot.js would
  // encode its JSON instead, and the runtime traps decoding it.)
  return api.call.taggedTransactionQueue.validateTransaction(
    'External',
    signedTx.toU8a(),
    blockHash,
  );
}

/** Events emitted while applying extrinsic number `index` of the block. */
export async function extrinsicEvents(api, blockHash, index) {
  const apiAt = await api.at(blockHash);
  const records = await apiAt.query.system.events();
  return records
    .filter(({ phase }) => phase.isApplyExtrinsic && phase.asApplyExtrinsic.toNumber() === index)
    .map(({ event }) => event);
}

/** `section.name` of a module error (e.g. `proofVerifier.BadSignature`), else its JSON. */
export function describeDispatchError(api, dispatchError) {
  if (dispatchError.isModule) {
    const { section, name } = api.registry.findMetaError(dispatchError.asModule);
    return `${section}.${name}`;
  }
  return dispatchError.toString();
}

/**
 * Signs and submits `tx`, waits for a block containing it and finds it among the block's
 * extrinsics, without reading any state. Returns { blockHash, blockNumber, parentHash, index,
 * txHash }; `extrinsicEvents(api, blockHash, index)` gives its events.
 */
export async function includeInBlock(
  api,
  tx,
  signer,
  { nonce, timeoutMs = INCLUSION_TIMEOUT_MS } = {},
) {
  const { blockHash, txHash } = await submitUntilInBlock(api, tx, signer, { nonce, timeoutMs });
  const { block } = await api.rpc.chain.getBlock(blockHash);
  const index = block.extrinsics.findIndex((extrinsic) => extrinsic.hash.toHex() === txHash);
  if (index === -1) {
    throw new Error(`block ${blockHash} was reported to contain ${txHash}, but does not`);
  }
  return {
    blockHash,
    blockNumber: block.header.number.toNumber(),
    parentHash: block.header.parentHash.toHex(),
    index,
    txHash,
  };
}

/**
 * `includeInBlock` plus the extrinsic's events: { blockHash, blockNumber, parentHash, index,
 * txHash, events, dispatchError } where `dispatchError` is null if the extrinsic succeeded.
 */
async function submitAndLocateOutcome(api, tx, signer, options) {
  const inclusion = await includeInBlock(api, tx, signer, options);
  const events = await extrinsicEvents(api, inclusion.blockHash, inclusion.index);
  const failure = events.find((event) => api.events.system.ExtrinsicFailed.is(event));
  return { ...inclusion, events, dispatchError: failure ? failure.data[0] : null };
}

/**
 * Signs and submits `tx`, waits for a block containing it, finds it among the block's
 * extrinsics and returns { blockHash, blockNumber, parentHash, index, txHash, events }.
 * Throws if the extrinsic was included but failed.
 */
export async function submitAndLocate(
  api,
  tx,
  signer,
  { nonce, timeoutMs = INCLUSION_TIMEOUT_MS } = {},
) {
  const { dispatchError, ...inclusion } = await submitAndLocateOutcome(api, tx, signer, {
    nonce,
    timeoutMs,
  });
  if (dispatchError) {
    throw new Error(
      `extrinsic ${inclusion.txHash} failed: ${describeDispatchError(api, dispatchError)}`,
    );
  }
  return inclusion;
}

/**
 * Like `submitAndLocate` for an extrinsic that must be included and then fail: returns the
 * same fields plus `error`, its `section.name` (e.g. `proofVerifier.BadSignature`). Throws
 * if the extrinsic succeeded.
 */
export async function submitExpectingFailure(
  api,
  tx,
  signer,
  { nonce, timeoutMs = INCLUSION_TIMEOUT_MS } = {},
) {
  const { dispatchError, ...inclusion } = await submitAndLocateOutcome(api, tx, signer, {
    nonce,
    timeoutMs,
  });
  if (!dispatchError) {
    const seen = inclusion.events.map((event) => `${event.section}.${event.method}`).join(', ');
    throw new Error(
      `extrinsic ${inclusion.txHash} was expected to fail but succeeded in block ` +
        `#${inclusion.blockNumber} (events: [${seen}])`,
    );
  }
  return { ...inclusion, error: describeDispatchError(api, dispatchError) };
}

/**
 * How the fee of an included extrinsic was split, from its `TransactionFeePaid` event:
 * { payer, fee (fee + tip), toAuthor, burnt }.
 */
export function feeSplit(api, events) {
  const [payer, actualFee, tip] = singleEvent(
    events,
    api.events.transactionPayment.TransactionFeePaid,
  ).data;
  const fee = actualFee.toBigInt();
  const toAuthor = (fee * AUTHOR_FEE_PERCENT) / 100n + tip.toBigInt();
  return {
    payer,
    fee: fee + tip.toBigInt(),
    toAuthor,
    burnt: fee - (fee * AUTHOR_FEE_PERCENT) / 100n,
  };
}

/** The only event of type `eventType` (e.g. api.events.balances.Transfer) in `events`. */
export function singleEvent(events, eventType) {
  const matches = events.filter((event) => eventType.is(event));
  const seen = events.map((event) => `${event.section}.${event.method}`).join(', ');
  assert.equal(
    matches.length,
    1,
    `expected exactly one ${eventType.meta.name} event, events were: [${seen}]`,
  );
  return matches[0];
}

/**
 * The hex encoding of signed extrinsic `signedTx` with one bit of its signature flipped,
 * so that everything else (signer, nonce, call) stays valid.
 */
export function withCorruptedSignature(signedTx) {
  assert.ok(signedTx.isSigned, 'the extrinsic must be signed');
  const encoded = Buffer.from(signedTx.toU8a());
  const signature = Buffer.from(signedTx.signature.toU8a());
  assert.equal(signature.length, 64, 'expected a 64-byte sr25519 signature');
  const offset = encoded.indexOf(signature);
  assert.ok(offset >= 0, 'signature bytes not found in the encoded extrinsic');
  assert.equal(encoded.lastIndexOf(signature), offset, 'signature bytes are not unique');
  const corrupted = Buffer.from(encoded);
  corrupted[offset + 10] ^= 0x01;
  return u8aToHex(corrupted);
}
