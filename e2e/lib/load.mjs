// A steady load for a network under faults, and the accounting of every transaction of it:
// each sender signs `balances.transferKeepAlive` of a fixed amount to one sink account, and
// an optional publisher `modelRegistry.updateModel` of a fresh version of its model, one at a
// time in nonce order, and submits it to one of the nodes that stay up (round robin),
// watching it until it is finalized or reported gone. What is recorded is what a wallet would
// know: accepted or refused by the node, then in a block, finalized, or dropped with a reason.
// `accountFor` then checks it against the chain itself.

import { setTimeout as sleep } from 'node:timers/promises';

import { hexToU8a } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';

/** Terminal statuses a node reports for a transaction it will not include. */
const GONE = ['dropped', 'invalid', 'usurped', 'finalityTimeout'];
/** How long a sender waits for its transaction to reach a block before resubmitting it. */
const STALL_MS = 30_000;

export class SteadyLoad {
  #running = false;
  #paused = false;
  #loops = [];
  #turn = 0;

  /**
   * `apis`: a function returning [{ name, api }] of the nodes to submit to (those that stay
   * up); `senders`: key pairs; `sink`: the address every transfer goes to; `amount`: planck;
   * `publisher`: { pair, model } whose owner publishes versions of the (open-policy) model.
   */
  constructor({ apis, senders, sink, amount, publisher = null }) {
    this.apis = apis;
    this.senders = senders;
    this.sink = sink;
    this.amount = amount;
    this.publisher = publisher;
    /** One record per signed transaction: { sender, nonce, hash, node, accepted, status, reason }. */
    this.records = [];
  }

  /** Starts every sender's loop, from the nonces of `api`'s best block. */
  async start(api) {
    this.#running = true;
    const transfer = (nodeApi) => nodeApi.tx.balances.transferKeepAlive(this.sink, this.amount);
    for (const sender of this.senders) {
      const nonce = (await api.rpc.system.accountNextIndex(sender.address)).toNumber();
      this.#loops.push(this.#send(sender, nonce, 'transfer', transfer));
    }
    if (this.publisher) {
      const { pair, model } = this.publisher;
      const salt = BigInt(Date.now());
      const update = (nodeApi, nonce) => {
        // A content of its own for every signed update: the registry refuses a repeat.
        const tag = (salt * 1_000_000n + BigInt(nonce)).toString(16).padStart(32, '0');
        const declaration = {
          contentHash: `0x${tag.repeat(4)}`,
          merkleRoot: `0x${tag.repeat(4)}`,
          shardCount: 1,
          byteSize: 1,
        };
        return nodeApi.tx.modelRegistry.updateModel(model, declaration, {
          signatures: [],
          zkProof: null,
        });
      };
      const nonce = (await api.rpc.system.accountNextIndex(pair.address)).toNumber();
      this.#loops.push(this.#send(pair, nonce, 'update', update));
    }
  }

  /** Holds new submissions (e.g. while the nodes they go to restart). */
  pause() {
    this.#paused = true;
  }

  resume() {
    this.#paused = false;
  }

  /** Stops sending and waits until every sender's last transaction is settled. */
  async stop() {
    this.#running = false;
    this.#paused = false;
    await Promise.all(this.#loops);
  }

  #nextNode() {
    const nodes = this.apis().filter(({ api }) => api.isConnected);
    if (nodes.length === 0) return null;
    this.#turn = (this.#turn + 1) % nodes.length;
    return nodes[this.#turn];
  }

  async #send(sender, firstNonce, kind, makeTx) {
    let nonce = firstNonce;
    while (this.#running) {
      if (this.#paused) {
        await sleep(200);
        continue;
      }
      const node = this.#nextNode();
      if (!node) {
        await sleep(500);
        continue;
      }
      const { api } = node;
      const signed = await makeTx(api, nonce).signAsync(sender, { nonce, era: 0 });
      const record = {
        kind,
        sender: sender.address,
        nonce,
        hash: signed.hash.toHex(),
        node: node.name,
        accepted: false,
        status: 'unsent',
        reason: null,
      };
      this.records.push(record);
      const { progressed, settled } = this.#watch(api, signed, record);
      this.#settling.push(settled);
      const outcome = await progressed;
      if (outcome === 'included') {
        nonce += 1;
      } else {
        // Refused or gone: go on from the nonce the chain and the pool expect next.
        await sleep(1_000);
        try {
          nonce = (await api.rpc.system.accountNextIndex(sender.address)).toNumber();
        } catch {
          // The node went away: the same nonce again, through another.
        }
      }
    }
  }

  #settling = [];

  /** Waits up to `timeoutMs` for every watched transaction to be finalized or gone. */
  async settle(timeoutMs) {
    await Promise.race([Promise.all(this.#settling), sleep(timeoutMs)]);
  }

  /**
   * Submits and watches one transaction. `progressed` resolves with 'included' once it is in
   * a block (the sender may go on), 'gone' or 'refused'; `settled` once it is finalized or
   * gone, or the subscription ends.
   */
  #watch(api, signed, record) {
    let progress;
    let settle;
    const progressed = new Promise((resolve) => {
      progress = resolve;
    });
    const settled = new Promise((resolve) => {
      settle = resolve;
    });
    let unsubscribe = null;
    let done = false;
    const finish = (outcome) => {
      progress(outcome);
      if (done) return;
      done = true;
      clearTimeout(stall);
      if (unsubscribe) Promise.resolve(unsubscribe()).catch(() => {});
      settle();
    };
    const stall = setTimeout(() => {
      if (record.status === 'inBlock') return;
      record.status = 'stalled';
      record.reason = `not in a block within ${STALL_MS / 1000} s`;
      finish('gone');
    }, STALL_MS);
    api.rpc.author
      .submitAndWatchExtrinsic(signed, (status) => {
        record.accepted = true;
        if (status.isInBlock) {
          record.status = 'inBlock';
          record.block = status.asInBlock.toHex();
          progress('included');
        } else if (status.isFinalized) {
          record.status = 'finalized';
          record.block = status.asFinalized.toHex();
          finish('included');
        } else if (status.isRetracted) {
          record.status = 'retracted';
        } else if (GONE.some((kind) => status.type.toLowerCase() === kind.toLowerCase())) {
          record.status = status.type;
          record.reason = status.toString();
          finish('gone');
        } else {
          record.status = status.type;
        }
      })
      .then((unsub) => {
        unsubscribe = unsub;
        if (done) Promise.resolve(unsub()).catch(() => {});
      })
      .catch((error) => {
        record.status = 'refused';
        record.reason = error.message;
        finish('refused');
      });
    return { progressed, settled };
  }
}

/**
 * Checks every recorded transaction against `api`'s finalized chain from `fromNumber`
 * (the block the load started after) to the finalized head: each hash is in at most one
 * block; every transaction a node accepted and reported in a block is there exactly once,
 * every other one is absent and has a reason; each sender's nonce moved by the number of
 * its transactions on chain; the sink received `amount` for each transfer, and the model
 * has a version for each update. Returns a summary.
 */
export async function accountFor(
  api,
  load,
  { fromNumber, sinkFreeBefore, noncesBefore, versionBefore = 0 },
) {
  const finalizedHash = await api.rpc.chain.getFinalizedHead();
  const finalizedNumber = (await api.rpc.chain.getHeader(finalizedHash)).number.toNumber();
  const onChain = new Map();
  for (let number = fromNumber + 1; number <= finalizedNumber; number += 1) {
    const hash = await api.rpc.chain.getBlockHash(number);
    // The block as JSON (`.raw`): polkadot.js decoding it would read the runtime version at
    // the block, and a long run's first blocks have their state pruned (256 blocks kept).
    const { block } = await api.rpc.chain.getBlock.raw(hash);
    for (const extrinsic of block.extrinsics) {
      const txHash = blake2AsHex(hexToU8a(extrinsic), 256);
      onChain.set(txHash, [...(onChain.get(txHash) ?? []), number]);
    }
  }
  const problems = [];
  const bySender = new Map();
  const byKind = { transfer: 0, update: 0 };
  const seen = new Set();
  for (const record of load.records) {
    if (seen.has(record.hash)) continue; // a resubmission of the same signed transaction
    seen.add(record.hash);
    const blocks = onChain.get(record.hash) ?? [];
    if (blocks.length > 1) problems.push(`${record.hash} is in blocks ${blocks.join(', ')}`);
    if (blocks.length === 1) {
      bySender.set(record.sender, (bySender.get(record.sender) ?? 0) + 1);
      byKind[record.kind] += 1;
    } else if (record.status === 'inBlock' || record.status === 'finalized') {
      problems.push(`${record.hash} was reported ${record.status} but is not finalized`);
    } else if (!record.reason) {
      problems.push(`${record.hash} is neither on chain nor reported gone (${record.status})`);
    }
  }
  const included = byKind.transfer + byKind.update;
  const atHead = await api.at(finalizedHash);
  const accounts = [...load.senders, ...(load.publisher ? [load.publisher.pair] : [])];
  for (const sender of accounts) {
    const nonce = (await atHead.query.system.account(sender.address)).nonce.toNumber();
    const expected = noncesBefore.get(sender.address) + (bySender.get(sender.address) ?? 0);
    if (nonce !== expected) {
      problems.push(
        `${sender.address}'s nonce is ${nonce}, its finalized transfers say ${expected}`,
      );
    }
  }
  const sinkFree = (await atHead.query.system.account(load.sink)).data.free.toBigInt();
  const received = sinkFree - sinkFreeBefore;
  if (received !== load.amount * BigInt(byKind.transfer)) {
    problems.push(
      `the sink received ${received}, ${byKind.transfer} transfers send ` +
        `${load.amount * BigInt(byKind.transfer)}`,
    );
  }
  if (load.publisher) {
    const model = await atHead.query.modelRegistry.models(load.publisher.model);
    const version = model.unwrap().currentVersion.unwrapOr(0).toNumber();
    if (version !== versionBefore + byKind.update) {
      problems.push(
        `the model is at version ${version}, ${byKind.update} updates after version ` +
          `${versionBefore} say ${versionBefore + byKind.update}`,
      );
    }
  }
  const statuses = {};
  for (const record of load.records) statuses[record.status] = (statuses[record.status] ?? 0) + 1;
  return {
    signed: load.records.length,
    distinct: seen.size,
    included,
    transfers: byKind.transfer,
    updates: byKind.update,
    finalizedNumber,
    statuses,
    problems,
  };
}
