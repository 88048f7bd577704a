// zombienet js-script, run against an Aegis collator: makes the two parachain blocks whose
// proof of validity (PoV) and validation time the relay chain's limits must hold, and records
// where they are so that `scripts/zombienet.sh` can measure them once the run ends:
//
// - a block holding a Groth16 attestation: Bob registers the snarkjs verification key of the
//   proof verifier's test data, then attests its proof (the runtime verifies the pairing);
// - full blocks of transfers: four development accounts sign `TRANSFERS` transfers to fresh
//   accounts (each creates an account: more state, and a larger proof, than a transfer
//   between existing ones), all submitted at once, so that the collators fill blocks to the
//   first limit they meet.
//
// For each block it records the hash, number, the extrinsics it holds, the normal class's
// weight (ref time and proof size) against its limit and its length, and, from the relay
// chain, the relay parent the collator built on and the relay blocks that backed and included
// the candidate. The relay validators' PVF execution-time histogram is recorded as well.
// Everything goes to `<network dir>/aegis-blocks.json`. Returns the number of transfers
// finalised, once all are or eight finalised blocks in a row hold none of them.
//
// `args`: the relay validator whose chain and metrics are read. zombienet injects the global
// `zombie` ({ ApiPromise, Keyring, WsProvider, connect, … }).

const { readFile, writeFile } = require('node:fs/promises');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const { eventIn, finalized, sleep } = require('./chain.js');

const AEG = 10n ** 12n;
/** Transfers signed for the full blocks: more than one block holds (about 5 000 by weight), fewer
 *  than the transaction pool holds (8 192 by default). */
const TRANSFERS = 7_200;
const SENDERS = ['//Charlie', '//Dave', '//Eve', '//Ferdie'];
const POLL_MS = 2_000;
/** Finalised blocks in a row without one of the transfers, once some are in, that end the wait. */
const STALL_BLOCKS = 8;
const REPO = path.join(__dirname, '..');
const PROOFS_MODULE = pathToFileURL(path.join(REPO, 'e2e', 'lib', 'proofs.mjs'));
const SNARKJS_DIR = path.join(REPO, 'pallets', 'proof-verifier', 'test-data', 'snarkjs');

async function readSnarkjs(name) {
  return JSON.parse(await readFile(path.join(SNARKJS_DIR, name), 'utf8'));
}

/** What a parachain block holds and how much of its class's limits it uses. */
async function blockFigures(api, hash, label) {
  const [block, weight] = await Promise.all([
    api.rpc.chain.getBlock(hash),
    api.query.system.blockWeight.at(hash),
  ]);
  const limits = api.consts.system.blockWeights.perClass.normal.maxTotal.unwrap();
  const lengthLimit = api.consts.system.blockLength.max.normal.toNumber();
  const calls = {};
  for (const extrinsic of block.block.extrinsics) {
    const name = `${extrinsic.method.section}.${extrinsic.method.method}`;
    calls[name] = (calls[name] ?? 0) + 1;
  }
  return {
    label,
    hash: hash.toHex(),
    number: block.block.header.number.toNumber(),
    calls,
    lengthBytes: block.block.extrinsics.reduce((sum, x) => sum + x.encodedLength, 0),
    lengthLimit,
    normal: {
      refTimePs: weight.normal.refTime.toBigInt().toString(),
      refTimeLimitPs: limits.refTime.toBigInt().toString(),
      proofSize: weight.normal.proofSize.toBigInt().toString(),
      proofSizeLimit: limits.proofSize.toBigInt().toString(),
    },
  };
}

/** The registered snarkjs key, then the attestation of its proof: the attestation's block. */
async function attestGroth16(api, proofs, bob) {
  const [vk, proof, signals] = await Promise.all(
    ['verification_key.json', 'proof.json', 'public.json'].map(readSnarkjs),
  );
  const registered = await finalized(
    api,
    api.tx.proofVerifier.registerVerifyingKey(proofs.verifyingKeyFromSnarkjs(vk)),
    bob,
  );
  const event = await eventIn(api, registered, 'proofVerifier', 'VerifyingKeyRegistered');
  const statement = {
    Groth16: {
      key: event.data[0],
      proof: proofs.proofFromSnarkjs(proof),
      publicInputs: proofs.publicInputsFromSnarkjs(signals),
    },
  };
  return finalized(api, api.tx.proofVerifier.attest(statement), bob);
}

/** Signs and submits the transfers; resolves with their hashes once all are finalised. */
async function fillBlocks(api) {
  const keyring = new zombie.Keyring({ type: 'sr25519' });
  const senders = SENDERS.map((uri) => keyring.addFromUri(uri));
  const nonces = await Promise.all(
    senders.map(async (s) => (await api.rpc.system.accountNextIndex(s.address)).toNumber()),
  );
  const signed = [];
  for (let i = 0; i < TRANSFERS; i++) {
    const sender = i % senders.length;
    const dest = zombie.util.blake2AsU8a(`aegis zombienet transfer ${i}`, 256);
    const tx = await api.tx.balances
      .transferKeepAlive(dest, AEG)
      .signAsync(senders[sender], { nonce: nonces[sender] + Math.floor(i / senders.length), era: 0 });
    signed.push(tx);
  }
  const hashes = new Set(signed.map((tx) => tx.hash.toHex()));
  const started = Date.now();
  // Each sender's transfers in nonce order, one at a time: a transfer that reaches the pool
  // before its predecessor waits in the future queue (819 by default), and the surplus of a
  // burst is dropped. The senders submit side by side.
  await Promise.all(
    senders.map(async (_, sender) => {
      for (let i = sender; i < signed.length; i += senders.length) {
        await api.rpc.author.submitExtrinsic(signed[i]);
      }
    }),
  );
  console.log(`measure-blocks: ${signed.length} transfers submitted in ${Date.now() - started} ms`);
  return hashes;
}

/**
 * The finalised blocks after `fromNumber` that hold any of `hashes`, until all are found or
 * STALL_BLOCKS finalised blocks in a row hold none (transactions lost: see the `.zndsl`).
 */
async function blocksHolding(api, hashes, fromNumber) {
  const found = [];
  let remaining = hashes.size;
  let number = fromNumber + 1;
  let without = 0;
  while (remaining > 0 && without < STALL_BLOCKS) {
    const finalizedNumber = (
      await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())
    ).number.toNumber();
    while (number <= finalizedNumber && remaining > 0 && without < STALL_BLOCKS) {
      const hash = await api.rpc.chain.getBlockHash(number);
      const block = await api.rpc.chain.getBlock(hash);
      const ours = block.block.extrinsics.filter((x) => hashes.has(x.hash.toHex())).length;
      if (ours > 0) {
        found.push({ hash, ours });
        remaining -= ours;
        without = 0;
      } else if (found.length > 0) {
        without += 1;
      }
      number += 1;
    }
    if (remaining > 0) await sleep(POLL_MS);
  }
  return found;
}

/** For each parachain block hash, where the relay chain backed and included its candidate. */
async function inclusions(relay, paraHashes, fromRelayNumber) {
  const wanted = new Set(paraHashes);
  const found = {};
  const head = (await relay.rpc.chain.getHeader(await relay.rpc.chain.getFinalizedHead())).number;
  for (let number = fromRelayNumber; number <= head.toNumber(); number++) {
    const hash = await relay.rpc.chain.getBlockHash(number);
    const at = await relay.at(hash);
    const events = await at.query.system.events();
    const now = (await at.query.timestamp.now()).toNumber();
    for (const { event } of events) {
      if (event.section !== 'paraInclusion') continue;
      if (event.method !== 'CandidateBacked' && event.method !== 'CandidateIncluded') continue;
      const paraHash = zombie.util.blake2AsHex(event.data[1].toU8a(true), 256);
      if (!wanted.has(paraHash)) continue;
      const relayParent = event.data[0].descriptor.relayParent;
      const entry = (found[paraHash] ??= {
        relayParent: (await relay.rpc.chain.getHeader(relayParent)).number.toNumber(),
        relayParentTime: (await (await relay.at(relayParent)).query.timestamp.now()).toNumber(),
      });
      const key = event.method === 'CandidateBacked' ? 'backed' : 'included';
      entry[key] = number;
      entry[`${key}Ms`] = now - entry.relayParentTime;
    }
  }
  return found;
}

/** The mean time between blocks `from` and `to` of `api`'s chain, from their timestamps. */
async function meanBlockTimeMs(api, from, to) {
  const at = async (n) =>
    (await (await api.at(await api.rpc.chain.getBlockHash(n))).query.timestamp.now()).toNumber();
  const [first, last] = await Promise.all([at(from), at(to)]);
  return { from, to, meanMs: Math.round((last - first) / (to - from)) };
}

async function relayMetrics(prometheusUri) {
  const text = await (await fetch(prometheusUri)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('polkadot_pvf_execution_time'))
    .join('\n');
}

async function run(nodeName, networkInfo, args) {
  const relayName = args[0];
  const relayNode = networkInfo.nodesByName[relayName];
  if (!relayNode) throw new Error(`measure-blocks.js: no relay node ${relayName}`);
  const proofs = await import(PROOFS_MODULE.href);
  const { wsUri, userDefinedTypes } = networkInfo.nodesByName[nodeName];
  const api = await zombie.connect(wsUri, userDefinedTypes);
  const relay = await zombie.connect(relayNode.wsUri, relayNode.userDefinedTypes);
  try {
    const relayStart = (await relay.rpc.chain.getHeader()).number.toNumber();
    const bob = new zombie.Keyring({ type: 'sr25519' }).addFromUri('//Bob');
    const attestation = await attestGroth16(api, proofs, bob);
    const blocks = [await blockFigures(api, attestation, 'groth16-attestation')];

    const fromNumber = (await api.rpc.chain.getHeader()).number.toNumber();
    const hashes = await fillBlocks(api);
    const holding = await blocksHolding(api, hashes, fromNumber);
    for (const { hash, ours } of holding) {
      const figures = await blockFigures(api, hash, 'transfers');
      figures.transfers = ours;
      blocks.push(figures);
    }
    // The relay chain includes a candidate a block or two after it is built, and finalises it
    // a few blocks later: wait for that before reading the relay chain.
    await sleep(30_000);
    const relayed = await inclusions(
      relay,
      blocks.map((b) => b.hash),
      relayStart,
    );
    for (const block of blocks) block.relay = relayed[block.hash] ?? null;
    const [paraBest, relayBest] = await Promise.all([api, relay].map(async (chain) =>
      (await chain.rpc.chain.getHeader()).number.toNumber(),
    ));
    const paraId = networkInfo.nodesByName[nodeName].parachainId;
    const record = {
      measuredAt: new Date().toISOString(),
      validationCode: networkInfo.paras[paraId]?.wasmPath ?? null,
      blockTime: {
        para: await meanBlockTimeMs(api, 1, paraBest),
        relay: await meanBlockTimeMs(relay, 1, relayBest),
      },
      blocks,
      relayPvfExecutionTime: await relayMetrics(relayNode.prometheusUri),
    };
    await writeFile(
      path.join(networkInfo.tmpDir, 'aegis-blocks.json'),
      `${JSON.stringify(record, null, 2)}\n`,
    );
    console.log(`measure-blocks: block times ${JSON.stringify(record.blockTime)}`);
    for (const b of blocks) {
      console.log(
        `measure-blocks: #${b.number} ${b.label}: ${JSON.stringify(b.calls)}, ${b.lengthBytes} bytes, ref time ${b.normal.refTimePs} ps of ${b.normal.refTimeLimitPs}, proof ${b.normal.proofSize} of ${b.normal.proofSizeLimit}; relay ${JSON.stringify(b.relay)}`,
      );
    }
    return holding.reduce((sum, { ours }) => sum + ours, 0);
  } finally {
    await Promise.all([api.disconnect(), relay.disconnect()]);
  }
}

module.exports = { run };
