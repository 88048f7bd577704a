// The Aegis parachain, as relay-chain operators attach it: its chain spec comes from
// `aegis-node parachain chain-spec`, and the runtime runs from that spec in chopsticks, which
// builds blocks with made-up relay-chain inherents (validation data and a relay-chain state
// proof) through the runtime's own block-building API, as a collator would.
//
// - The spec carries the relay chain and para id (extensions and `ParachainInfo`), AEG's
//   token properties, Alice as collator and the publishers' bonds.
// - Through polkadot.js, with no sudo: Alice registers an ML-DSA-65 key and a model whose
//   policy requires it, and pushes an update signed with that key (noble); the chain emits
//   `ModelUpdated` with the hashes computed here, proves a shard against the Merkle root, and
//   refuses the same update with a bit of its signature flipped.
// - `export-genesis-wasm` prints the spec's runtime, and `export-genesis-head` the genesis
//   header: checked against a running sovereign node, whose genesis block is computed by
//   Substrate itself from the same kind of spec.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { sha3_256 } from '@noble/hashes/sha3.js';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';

import { AEG } from '../lib/constants.mjs';
import { modelUpdatedFields } from '../lib/registry.mjs';
import {
  devAccounts,
  singleEvent,
  submitAndLocate,
  submitExpectingFailure,
} from '../lib/chain.mjs';
import {
  nodeCommand,
  parachainCommand,
  startChopsticks,
  writeParachainSpec,
} from '../lib/chopsticks.mjs';
import {
  keySignatures,
  merkleLeafHash,
  merkleProof,
  mlDsa65Value,
  mlDsaKeypair,
  proofOfPossession,
  signingPolicy,
  signModelUpdate,
  vectorFile,
} from '../lib/proofs.mjs';
import { nodeBinary } from '../lib/node.mjs';
import { devNodeSuite } from '../lib/suite.mjs';

const TEST_TIMEOUT_MS = 300_000;
const RELAY_CHAIN = 'rococo-local';
const PARA_ID = 2077;
/** `PUBLISHER_BOND` of the parachain's presets: ten times the minimum publisher stake. */
const PUBLISHER_BOND = 10_000n * AEG;

const hex = (bytes) => u8aToHex(bytes);

describe('parachain runtime from its chain spec (chopsticks)', () => {
  let written;
  let chain;
  let api;
  let alice;
  /**
   * Alice's next nonce, counted here: chopsticks reports a transaction in a block before its
   * head moves there, so a nonce polkadot.js asks for right after would be stale.
   */
  let nonce;

  before(
    async () => {
      written = await writeParachainSpec({ relayChain: RELAY_CHAIN, paraId: PARA_ID });
      chain = await startChopsticks(written.spec);
      ({ api } = chain);
      ({ alice } = await devAccounts());
      nonce = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
    },
    { timeout: TEST_TIMEOUT_MS },
  );

  /** `tx` signed by Alice with her next nonce, included and successful. */
  function submit(tx) {
    const next = nonce;
    nonce += 1;
    return submitAndLocate(api, tx, alice, { nonce: next });
  }

  /** `tx` signed by Alice with her next nonce, included and failed. */
  function submitFailing(tx) {
    const next = nonce;
    nonce += 1;
    return submitExpectingFailure(api, tx, alice, { nonce: next });
  }

  after(async () => {
    await chain?.close();
    await written?.remove();
  });

  it('starts as the spec says: relay chain, para id, token, collator, bonds', async () => {
    const { spec } = written;
    assert.equal(spec.relay_chain, RELAY_CHAIN, 'the relay chain extension');
    assert.equal(spec.para_id, PARA_ID, 'the para id extension');
    assert.equal(spec.properties.tokenSymbol, 'AEG');
    assert.equal(spec.properties.tokenDecimals, 12);
    assert.ok(spec.genesis.raw.top, 'a raw spec');

    assert.equal(api.runtimeVersion.specName.toString(), 'aegis-parachain');
    assert.equal((await api.query.parachainInfo.parachainId()).toNumber(), PARA_ID);
    const authorities = (await api.query.aura.authorities()).map((key) => key.toHex());
    assert.deepEqual(authorities, [hex(alice.publicKey)], 'Alice collates');
    const bond = (await api.query.stake.bonds(alice.address)).unwrap();
    assert.equal(bond.active.toBigInt(), PUBLISHER_BOND, "Alice's stake is bonded");
    assert.equal(api.query.staking, undefined, 'no NPoS on the parachain');
  });

  it(
    'registers a model and pushes an update verified by its ML-DSA-65 signature',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      const genesisHash = api.genesisHash.toU8a();
      const key = mlDsaKeypair(sha3_256(new TextEncoder().encode('aegis e2e parachain key')));
      const possession = proofOfPossession(key.secretKey, genesisHash, alice.publicKey);
      const keyRegistered = await submit(
        api.tx.proofVerifier.registerSigningKey(
          mlDsa65Value(key.publicKey),
          mlDsa65Value(possession),
        ),
      );
      const keyId = singleEvent(
        keyRegistered.events,
        api.events.proofVerifier.SigningKeyRegistered,
      ).data.key.toNumber();

      const registered = await submit(
        api.tx.modelRegistry.registerModel(
          { name: 'parachain mlp', framework: 'aegis-vectors', uri: 'ipfs://parachain-mlp' },
          { signing: signingPolicy([keyId]), zkVerifyingKey: null, contributors: [] },
        ),
      );
      const model = singleEvent(
        registered.events,
        api.events.modelRegistry.ModelRegistered,
      ).data.model.toNumber();

      const { shards, leaves, declaration } = vectorFile(7, [[16, 8], [16], [4, 16], [4]]);
      const record = (await api.query.modelRegistry.models(model)).unwrap();
      const payload = {
        model,
        version: 1,
        parent: null,
        ...declaration,
        nonce: record.nonce.toBigInt(),
      };
      const signature = signModelUpdate(key.secretKey, genesisHash, payload);
      const update = (signed) =>
        api.tx.modelRegistry.updateModel(model, declaration, {
          signatures: keySignatures([[keyId, signed]]),
          zkProof: null,
        });

      const tampered = Uint8Array.from(signature);
      tampered[1_000] ^= 0x10;
      const refused = await submitFailing(update(tampered));
      assert.equal(refused.error, 'proofVerifier.BadSignature', 'a flipped bit is refused');

      const accepted = await submit(update(signature));
      const event = singleEvent(accepted.events, api.events.modelRegistry.ModelUpdated);
      assert.deepEqual(
        modelUpdatedFields(event),
        {
          model,
          version: 1,
          contentHash: hex(declaration.contentHash),
          merkleRoot: hex(declaration.merkleRoot),
        },
        'ModelUpdated carries the hashes computed here',
      );

      const index = 2;
      const proof = merkleProof(leaves, index);
      const verified = await api.call.modelRegistryApi.verifyShard(
        model,
        1,
        merkleLeafHash(shards[index]),
        proof,
      );
      assert.ok(verified.isOk, `shard ${index} is proven against the root: ${verified}`);
    },
  );
});

describe('chopsticks on a clock that jumps between readings', () => {
  it(
    'builds the first block from genesis: its slot and timestamp come from the same time',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      const written = await writeParachainSpec({ relayChain: RELAY_CHAIN, paraId: PARA_ID });
      // Each reading of the clock 7 s after the one before, so a slot boundary (6 s) falls
      // between any two: as on a loaded machine, where the readings lie seconds apart.
      const realNow = Date.now;
      let now = realNow();
      Date.now = () => (now += 7_000);
      let chain;
      try {
        chain = await startChopsticks(written.spec);
        Date.now = realNow;
        const head = await chain.api.rpc.chain.getHeader();
        assert.equal(head.number.toNumber(), 1, 'chopsticks built block #1 while starting');
      } finally {
        Date.now = realNow;
        await chain?.close();
        await written.remove();
      }
    },
  );
});

describe('genesis head and validation code for registering the para', () => {
  const dev = devNodeSuite();

  it(
    'exports the spec runtime and the genesis header a node computes',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      const written = await writeParachainSpec({ relayChain: RELAY_CHAIN, paraId: PARA_ID });
      try {
        const wasm = (
          await parachainCommand(['export-genesis-wasm', '--chain', written.path])
        ).trim();
        assert.equal(wasm, written.spec.genesis.raw.top['0x3a636f6465'], 'the `:code` of the spec');
        const head = (
          await parachainCommand(['export-genesis-head', '--chain', written.path])
        ).trim();
        assert.match(head, /^0x[0-9a-f]+$/);

        // The same computation on the sovereign chain's spec (extended with the parachain
        // fields, which are no genesis state) gives the block a node built from it.
        const sovereign = path.join(path.dirname(written.path), 'sovereign.json');
        const spec = JSON.parse(
          await nodeCommand(['export-chain-spec', '--chain', 'dev', '--raw']),
        );
        await writeFile(
          sovereign,
          JSON.stringify({ ...spec, relay_chain: RELAY_CHAIN, para_id: PARA_ID }),
        );
        const sovereignHead = (
          await parachainCommand(['export-genesis-head', '--chain', sovereign])
        ).trim();
        const genesisHash = (await dev.api.rpc.chain.getBlockHash(0)).toHex();
        assert.equal(
          blake2AsHex(hexToU8a(sovereignHead), 256),
          genesisHash,
          "the hash of the exported head is the dev node's block 0",
        );
      } finally {
        await written.remove();
      }
    },
  );
});

describe('zombienet script without the binaries', () => {
  it('names exactly the missing binaries and exits with status 2', async () => {
    // Only aegis-node on PATH (besides the shell's own tools), and a HOME without what
    // `--install` puts in $HOME/.cache/aegis/bin: the polkadot binaries are missing, and
    // zombienet unless `--install` has put it in zombienet/node_modules on this machine.
    const bin = await mkdtemp(path.join(os.tmpdir(), 'aegis-e2e-zombienet-'));
    try {
      await symlink(nodeBinary(), path.join(bin, 'aegis-node'));
      const script = fileURLToPath(new URL('../../scripts/zombienet.sh', import.meta.url));
      const npmZombienet = fileURLToPath(
        new URL('../../zombienet/node_modules/.bin/zombienet', import.meta.url),
      );
      const run = await new Promise((resolve) => {
        execFile(
          script,
          ['parachain', 'test'],
          { env: { PATH: `${bin}:/usr/bin:/bin`, HOME: bin } },
          (error, stdout, stderr) => resolve({ code: error ? error.code : 0, stdout, stderr }),
        );
      });
      assert.equal(run.code, 2, run.stderr);
      const [first] = run.stderr.split('\n');
      const missing = [
        ...(existsSync(npmZombienet) ? [] : ['zombienet']),
        'polkadot',
        'polkadot-prepare-worker',
        'polkadot-execute-worker',
        'polkadot-omni-node',
        'cumulus-pov-validator',
      ];
      assert.equal(first, `error: not on PATH: ${missing.join(' ')}`);
      assert.match(run.stderr, /polkadot-omni-node: scripts\/zombienet\.sh --install/);
    } finally {
      await rm(bin, { recursive: true, force: true });
    }
  });
});
