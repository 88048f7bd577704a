// Runtime upgrades rehearsed as operators rehearse them, before a referendum proposes one
// (docs/reliability.md, "Upgrades"). For each runtime:
//
// - a chain is started from the last release's wasm (`runtime/releases/`: the code before
//   every migration this code carries) and given, through its own calls, the state those
//   migrations transform: an ML-DSA-65 key (its record gains its algorithm), a model whose
//   policy names it (not yet pinned), version rewards with their per-model cooldowns, a
//   version revoked by root, an oracle round with a report;
// - `aegis-node try-runtime create-snapshot` takes its state from the running chain;
// - `aegis-node try-runtime on-runtime-upgrade` puts this code, built with `try-runtime`, into
//   that state: every migration runs from the release's storage versions to this code's, then
//   their post-upgrade checks and every pallet's `try_state`, and the weight must fit a block.
//
// The sovereign chain runs the production runtime on one `aegis-node` validator (development
// preset); the parachain runs in chopsticks from `aegis-node parachain chain-spec --runtime`.
// The dry run must also fail when it should: on a snapshot whose registry claims a storage
// version it never migrated to (so the key pinning is skipped), the registry's `try_state`
// stops it; a wasm built without the try-runtime API is refused with a hint, and so is the
// other runtime's, which the chain would refuse.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { sha3_256 } from '@noble/hashes/sha3.js';
import { u8aToHex } from '@polkadot/util';
import { xxhashAsHex } from '@polkadot/util-crypto';

import {
  connectApi,
  describeDispatchError,
  devAccounts,
  disconnectApis,
  singleEvent,
  submitAndLocate,
  waitForBestNumber,
} from '../lib/chain.mjs';
import { nodeCommand, startChopsticks, writeParachainSpec } from '../lib/chopsticks.mjs';
import { KEEP_TMP } from '../lib/constants.mjs';
import { NodeGroup, nodeBinary } from '../lib/node.mjs';
import { mlDsaKeypair, proofOfPossession, signModelUpdate, vectorFile } from '../lib/proofs.mjs';

const execFileAsync = promisify(execFile);
const TEST_TIMEOUT_MS = 600_000;
const DRY_RUN_TIMEOUT_MS = 300_000;

const RELEASES = fileURLToPath(new URL('../../runtime/releases/', import.meta.url));
/** The last release of each runtime: its wasm, and this code's try-runtime build of it. */
const RUNTIMES = {
  sovereign: {
    release: path.join(RELEASES, 'aegis_runtime-104.compact.compressed.wasm'),
    specVersion: 104,
    tryRuntime: ['aegis-runtime', 'aegis_runtime_try_runtime'],
  },
  parachain: {
    release: path.join(RELEASES, 'aegis_parachain_runtime-100.compact.compressed.wasm'),
    specVersion: 100,
    tryRuntime: ['aegis-parachain-runtime', 'aegis_parachain_runtime_try_runtime'],
  },
};

/**
 * The single-block migrations this code runs on a chain of the last release, in order, as
 * FRAME's `VersionedMigration` logs them: [pallet, from, to].
 */
const MIGRATIONS = [
  ['ProofVerifier', 0, 1],
  ['ModelRegistry', 0, 1],
  ['Incentives', 0, 1],
  ['Oracle', 0, 1],
  ['Incentives', 1, 2],
  ['ModelRegistry', 1, 2],
  ['ModelRegistry', 2, 3],
];

const PINNING_SKIPPED = 'a signing key is pinned fewer times than policies name it';

const hex = (bytes) => u8aToHex(bytes);
const encoder = new TextEncoder();

/** `runtime`'s wasm built with `try-runtime`, beside the node in the build directory. */
function tryRuntimeWasm({ tryRuntime: [pkg, name] }) {
  const file = path.join(
    path.dirname(nodeBinary()),
    'wbuild',
    pkg,
    `${name}.compact.compressed.wasm`,
  );
  assert.ok(
    existsSync(file),
    `${file} is missing: build with \`--features aegis-runtime-wasm/try-runtime-blobs\` ` +
      '(scripts/test.sh does)',
  );
  return file;
}

/** `aegis-node try-runtime <args>` run to its end: { code, output } (stdout and stderr). */
async function tryRuntime(args) {
  try {
    const { stdout, stderr } = await execFileAsync(nodeBinary(), ['try-runtime', ...args], {
      timeout: DRY_RUN_TIMEOUT_MS,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    if (typeof error.code !== 'number') throw error;
    return { code: error.code, output: `${error.stdout}${error.stderr}` };
  }
}

/** The dry run of `runtime`'s upgrade on `snapshot`: { code, output }. */
function dryRun(runtime, snapshot, wasm = tryRuntimeWasm(runtime)) {
  return tryRuntime([
    'on-runtime-upgrade',
    '--runtime',
    wasm,
    '--snapshot',
    snapshot,
    '--checks',
    'all',
  ]);
}

/**
 * Writes the state of the chain at `url` at block `at` to `file`, checked against the
 * block's state root unless `rootless` (chopsticks' blocks carry a zero root).
 */
async function createSnapshot(url, at, file, { rootless }) {
  const { code, output } = await tryRuntime([
    'create-snapshot',
    '--uri',
    url,
    '--at',
    at,
    ...(rootless ? ['--skip-state-root-check'] : []),
    file,
  ]);
  assert.equal(code, 0, `create-snapshot failed:\n${output}`);
}

/** Asserts that `output` shows every migration of `MIGRATIONS` run, in order. */
function assertMigrationsRan(output) {
  let from = 0;
  for (const [pallet, fromVersion, toVersion] of MIGRATIONS) {
    const line =
      `Pallet "${pallet}" VersionedMigration migrating storage version ` +
      `from ${fromVersion} to ${toVersion}.`;
    const at = output.indexOf(line, from);
    assert.ok(at >= 0, `the dry run did not migrate ${pallet} ${fromVersion} → ${toVersion}`);
    from = at + line.length;
  }
}

/** `:__STORAGE_VERSION__:` of `pallet`: the storage version FRAME keeps for it. */
function storageVersionKey(pallet) {
  return xxhashAsHex(pallet, 128) + xxhashAsHex(':__STORAGE_VERSION__:', 128).slice(2);
}

/**
 * Signs and submits transactions, counting each signer's nonce here: chopsticks reports a
 * transaction in a block before its head moves there, so a nonce asked for right after would
 * be stale.
 */
class Submitter {
  #nonces = new Map();

  constructor(api) {
    this.api = api;
  }

  async submit(tx, signer) {
    const nonce =
      this.#nonces.get(signer.address) ??
      (await this.api.rpc.system.accountNextIndex(signer.address)).toNumber();
    this.#nonces.set(signer.address, nonce + 1);
    return submitAndLocate(this.api, tx, signer, { nonce });
  }

  /** `call` as root through `signer`'s sudo key; throws if the call itself failed. */
  async sudo(call, signer) {
    const inclusion = await this.submit(this.api.tx.sudo.sudo(call), signer);
    const { sudoResult } = singleEvent(inclusion.events, this.api.events.sudo.Sudid).data;
    if (sudoResult.isErr) {
      throw new Error(`sudo failed: ${describeDispatchError(this.api, sudoResult.asErr)}`);
    }
    return inclusion;
  }
}

/**
 * Gives a chain of the last release, through its own calls, the state this code's migrations
 * transform, and checks it is there. Returns the hash of the block holding all of it.
 */
async function seedLastRelease(api, { alice, bob }) {
  const submitter = new Submitter(api);
  const genesisHash = api.genesisHash.toU8a();
  const key = mlDsaKeypair(sha3_256(encoder.encode('aegis e2e release key')));
  const possession = proofOfPossession(key.secretKey, genesisHash, alice.publicKey);
  const keyRegistered = await submitter.submit(
    api.tx.proofVerifier.registerMlDsaKey(key.publicKey, hex(possession)),
    alice,
  );
  const keyId = singleEvent(
    keyRegistered.events,
    api.events.proofVerifier.MlDsaKeyRegistered,
  ).data.key.toNumber();

  const register = async (name, signingKey) => {
    const registered = await submitter.submit(
      api.tx.modelRegistry.registerModel(
        { name, framework: 'aegis-vectors', uri: `ipfs://${name}` },
        { signingKey, zkVerifyingKey: null, contributors: [] },
      ),
      alice,
    );
    return singleEvent(registered.events, api.events.modelRegistry.ModelRegistered).data.model;
  };
  const signed = (await register('release-signed', keyId)).toNumber();
  const open = (await register('release-open', null)).toNumber();

  const { declaration: first } = vectorFile(104, [[8, 4], [4]]);
  const record = (await api.query.modelRegistry.models(signed)).unwrap();
  const payload = {
    model: signed,
    version: 1,
    parent: null,
    ...first,
    nonce: record.nonce.toBigInt(),
  };
  const signature = hex(signModelUpdate(key.secretKey, genesisHash, payload));
  await submitter.submit(
    api.tx.modelRegistry.updateModel(signed, first, { signature, zkProof: null }),
    alice,
  );
  // The open model twice: a reward, then its cooldown.
  for (const seed of [105, 106]) {
    const { declaration } = vectorFile(seed, [[8, 4], [4]]);
    await submitter.submit(
      api.tx.modelRegistry.updateModel(open, declaration, { signature: null, zkProof: null }),
      alice,
    );
  }

  const feed = (await api.query.oracle.nextFeedId()).toNumber();
  await submitter.sudo(
    api.tx.utility.batchAll([
      api.tx.modelRegistry.revokeVersion(open, 1),
      api.tx.oracle.createFeed({
        name: 'release/accuracy',
        decimals: 4,
        quorum: 3,
        expiryMs: 600_000,
        minIntervalMs: 30_000,
        maxDeviation: 100_000_000,
        tolerance: 0,
      }),
      api.tx.oracle.addReporter(bob.address),
    ]),
    alice,
  );
  const reported = await submitter.submit(api.tx.oracle.report([[feed, 9_000]]), bob);

  // What each migration works on is in the state the snapshot will take.
  const state = await api.at(reported.blockHash);
  const storageVersion = async (pallet) => (await state.query[pallet].palletVersion()).toNumber();
  for (const pallet of ['proofVerifier', 'modelRegistry', 'incentives', 'oracle']) {
    assert.equal(await storageVersion(pallet), 0, `the release's ${pallet} is at version 0`);
  }
  assert.equal(state.query.proofVerifier.mlDsaKeyPins, undefined, 'the release pins no key');
  assert.equal((await state.query.proofVerifier.mlDsaKeys.entries()).length, 1, 'a key to move');
  assert.equal((await state.query.incentives.lastRewardedVersion.entries()).length, 2);
  // At least each model's first version; the open model's second one too if the runtime's
  // per-model cooldown is shorter than a block or two.
  assert.ok((await state.query.incentives.versionRewards.entries()).length >= 2);
  assert.equal((await state.query.modelRegistry.revokedVersions.entries()).length, 1);
  assert.equal((await state.query.oracle.rounds(feed)).reports.length, 1);
  return { blockHash: reported.blockHash.toString(), submitter };
}

/**
 * The whole rehearsal on a running chain of `runtime`'s last release at `url`: seeds it,
 * snapshots it, dry-runs the upgrade (which must pass) and wasm the chain would refuse
 * (which must be refused), then skips the registry's first migration by root and dry-runs
 * again (which must fail).
 */
async function rehearseUpgrade({ api, url, rootless = false, runtime, other, dir }) {
  const accounts = await devAccounts();
  assert.equal(api.runtimeVersion.specVersion.toNumber(), runtime.specVersion);
  const { blockHash, submitter } = await seedLastRelease(api, accounts);

  const snapshot = path.join(dir, 'release.snap');
  await createSnapshot(url, blockHash, snapshot, { rootless });
  const upgraded = await dryRun(runtime, snapshot);
  assert.equal(upgraded.code, 0, `the dry run failed:\n${upgraded.output}`);
  assertMigrationsRan(upgraded.output);
  assert.match(upgraded.output, /the migrations used \d+ ps \([\d.]+ % of a block\)/);
  assert.match(upgraded.output, /on-runtime-upgrade with checks `All` passed/);
  const used = upgraded.output.match(/the migrations used .*/)[0];
  console.log(`${runtime.release.split('/').pop()} → this code: ${used}`);

  const foreign = await dryRun(runtime, snapshot, tryRuntimeWasm(other));
  assert.notEqual(foreign.code, 0, "the other runtime's wasm is refused");
  assert.match(foreign.output, /the new runtime is `[a-z-]+`, the chain runs `[a-z-]+`/);

  const plain = await dryRun(runtime, snapshot, runtime.release);
  assert.notEqual(plain.code, 0, 'a wasm without the try-runtime API is refused');
  assert.match(plain.output, /has no try-runtime API: build its wasm with/);

  // The registry claims version 1 without the pins version 1 made.
  const skipped = await submitter.sudo(
    api.tx.system.setStorage([[storageVersionKey('ModelRegistry'), '0x0100']]),
    accounts.alice,
  );
  const skippedSnapshot = path.join(dir, 'skipped.snap');
  await createSnapshot(url, skipped.blockHash.toString(), skippedSnapshot, { rootless });
  const caught = await dryRun(runtime, skippedSnapshot);
  assert.notEqual(caught.code, 0, `a skipped migration was not caught:\n${caught.output}`);
  assert.ok(caught.output.includes(PINNING_SKIPPED), `not the registry's check:\n${caught.output}`);
}

async function temporaryDirectory(name) {
  const dir = await mkdtemp(path.join(os.tmpdir(), `aegis-e2e-${name}-`));
  return { dir, remove: () => (KEEP_TMP ? undefined : rm(dir, { recursive: true, force: true })) };
}

describe('upgrade dry run: the sovereign chain of the last release, on aegis-node', () => {
  const runtime = RUNTIMES.sovereign;
  const group = new NodeGroup();
  let api;
  let node;
  let work;

  before(
    async () => {
      work = await temporaryDirectory('upgrade-sovereign');
      const spec = path.join(work.dir, 'release-104.json');
      await nodeCommand(['chain-spec', '--runtime', runtime.release, '--raw', '--output', spec]);
      node = await group.start({
        name: 'release-104',
        args: [
          '--chain',
          spec,
          '--alice',
          '--validator',
          '--force-authoring',
          // A validator needs a network key of its own; none is shared with other tests.
          '--unsafe-force-node-key-generation',
        ],
      });
      api = await connectApi(node);
      // Block #1 stores the genesis hash signatures bind to.
      await waitForBestNumber(api, 1, { timeoutMs: 60_000 });
    },
    { timeout: TEST_TIMEOUT_MS },
  );

  after(async () => {
    await disconnectApis([api]);
    await group.stopAll();
    await work?.remove();
  });

  afterEach((t) => group.printLogsIfFailed(t));

  it(
    'migrates its state with every check passing, and catches a skipped migration',
    { timeout: TEST_TIMEOUT_MS },
    () =>
      rehearseUpgrade({ api, url: node.wsUrl, runtime, other: RUNTIMES.parachain, dir: work.dir }),
  );
});

describe('upgrade dry run: the parachain of the last release, in chopsticks', () => {
  const runtime = RUNTIMES.parachain;
  let written;
  let chain;
  let work;

  before(
    async () => {
      work = await temporaryDirectory('upgrade-parachain');
      written = await writeParachainSpec({
        relayChain: 'rococo-local',
        paraId: 2077,
        runtime: runtime.release,
      });
      chain = await startChopsticks(written.spec);
    },
    { timeout: TEST_TIMEOUT_MS },
  );

  after(async () => {
    await chain?.close();
    await written?.remove();
    await work?.remove();
  });

  it(
    'migrates its state with every check passing, and catches a skipped migration',
    { timeout: TEST_TIMEOUT_MS },
    () =>
      rehearseUpgrade({
        api: chain.api,
        url: chain.url,
        rootless: true,
        runtime,
        other: RUNTIMES.sovereign,
        dir: work.dir,
      }),
  );
});
