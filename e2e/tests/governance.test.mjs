// OpenGov upgrades the runtime of a `--dev` node built with `fast-runtime` (every governance
// period a few blocks), driven through polkadot.js the way token holders do it in apps. No
// sudo call is made.
//
// - The upgrade target is the same runtime built with the next `spec_version` (the runtime's
//   `next-spec-version` feature; a `fast-runtime` build writes it beside its own wasm).
// - The call `system.authorizeUpgrade(blake2_256(wasm))` is noted as a preimage, put to a
//   referendum on the root track, its decision deposit placed and voted on with conviction.
// - A referendum the voters reject ends `Rejected`: nothing is authorised, the wasm cannot be
//   applied (`system.NothingAuthorized`) and `specVersion` is unchanged.
// - A referendum they approve is confirmed and enacted by the scheduler
//   (`system.UpgradeAuthorized`); anyone then applies the wasm
//   (`system.applyAuthorizedUpgrade`): `specVersion` rises by one, GRANDPA keeps finalising,
//   balances, a registered model and the referendum records are unchanged, and transactions
//   signed for the new version are accepted.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, it } from 'node:test';

import { u8aToHex } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';

import { AEG } from '../lib/constants.mjs';
import {
  bestNumber,
  devKeyPairs,
  extrinsicEvents,
  includeInBlock,
  singleEvent,
  submitAndLocate,
  submitExpectingFailure,
  waitForFinalizedNumber,
} from '../lib/chain.mjs';
import { nodeBinary } from '../lib/node.mjs';
import { devNodeSuite } from '../lib/suite.mjs';
import { waitFor } from '../lib/util.mjs';

const ROOT_TRACK = 0;
/** The root track's decision period in a `fast-runtime` build (`runtime/common/src/governance/tracks.rs`). */
const FAST_ROOT_DECISION_PERIOD = 20;
const REFERENDUM_TIMEOUT_MS = 240_000;
const TEST_TIMEOUT_MS = 420_000;
/** Voters: every endowed development account but Ferdie, whose balance must stay untouched. */
const VOTER_URIS = [
  '//Alice',
  '//Bob',
  '//Charlie',
  '//Dave',
  '//Eve',
  '//Alice//stash',
  '//Bob//stash',
  '//Charlie//stash',
  '//Dave//stash',
  '//Eve//stash',
];
/** Nine tenths of an endowment each: the ayes alone are three quarters of the issuance, more
 * than the root track's support curve ever asks (50 % at the start). */
const VOTE_BALANCE = 900_000n * AEG;

/**
 * The wasm `aegis-runtime-wasm` builds with the next `spec_version`, beside the node's own in
 * the build directory (compacted and compressed in release builds, as it is built in
 * debug ones), unless `AEGIS_UPGRADE_WASM` names it.
 */
function upgradeWasmPath() {
  if (process.env.AEGIS_UPGRADE_WASM) return process.env.AEGIS_UPGRADE_WASM;
  const dir = path.join(path.dirname(nodeBinary()), 'wbuild', 'aegis-runtime');
  const name = 'aegis_runtime_next_spec_version';
  const compressed = path.join(dir, `${name}.compact.compressed.wasm`);
  return existsSync(compressed) ? compressed : path.join(dir, `${name}.wasm`);
}

describe('governance: a runtime upgrade by referendum (fast-runtime dev node)', () => {
  const dev = devNodeSuite();
  let api;
  let alice;
  let ferdie;
  let voters;
  let wasm;
  let codeHash;
  let specVersion;

  before(async () => {
    ({ api } = dev);
    [ferdie, ...voters] = await devKeyPairs(['//Ferdie', ...VOTER_URIS]);
    [alice] = voters;
    const wasmPath = upgradeWasmPath();
    assert.ok(
      existsSync(wasmPath),
      `${wasmPath} is missing: build the node with \`--features fast-runtime\` ` +
        '(scripts/test.sh does), which also builds the next-spec-version runtime',
    );
    wasm = await readFile(wasmPath);
    codeHash = blake2AsHex(wasm, 256);
    specVersion = api.runtimeVersion.specVersion.toNumber();
    const [, root] = api.consts.referenda.tracks.find(([id]) => id.toNumber() === ROOT_TRACK);
    assert.equal(
      root.decisionPeriod.toNumber(),
      FAST_ROOT_DECISION_PERIOD,
      'the node must be a `--features fast-runtime` build (periods of blocks, not days)',
    );
  });

  /**
   * Notes the preimage of `call`, opens a root-track referendum on it and places the
   * decision deposit; returns the referendum's index and the preimage's hash.
   */
  async function propose(call) {
    const encoded = call.method.toU8a();
    const hash = blake2AsHex(encoded, 256);
    const noted = await submitAndLocate(
      api,
      api.tx.preimage.notePreimage(u8aToHex(encoded)),
      alice,
    );
    assert.equal(singleEvent(noted.events, api.events.preimage.Noted).data[0].toHex(), hash);

    const submitted = await submitAndLocate(
      api,
      api.tx.referenda.submit(
        { system: 'Root' },
        { Lookup: { hash, len: encoded.length } },
        { After: 1 },
      ),
      alice,
    );
    const { index, track } = singleEvent(submitted.events, api.events.referenda.Submitted).data;
    assert.equal(track.toNumber(), ROOT_TRACK, 'a root call goes to the root track');
    await submitAndLocate(api, api.tx.referenda.placeDecisionDeposit(index), alice);
    return { index: index.toNumber(), hash };
  }

  /** Every voter votes `aye` (or nay) on `index` with `VOTE_BALANCE` at 1x conviction. */
  async function vote(index, aye) {
    await Promise.all(
      voters.map((voter) =>
        submitAndLocate(
          api,
          api.tx.convictionVoting.vote(index, {
            Standard: { vote: { aye, conviction: 'Locked1x' }, balance: VOTE_BALANCE },
          }),
          voter,
        ),
      ),
    );
  }

  /** Waits until referendum `index` is decided; returns `Approved`, `Rejected`, ... */
  function outcome(index) {
    return waitFor(
      `referendum ${index} to be decided`,
      async () => {
        const info = (await api.query.referenda.referendumInfoFor(index)).unwrap();
        return info.isOngoing ? undefined : info.type;
      },
      { timeoutMs: REFERENDUM_TIMEOUT_MS, intervalMs: 1_000 },
    );
  }

  it(
    'leaves the runtime untouched when the referendum is rejected',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      const { index, hash } = await propose(api.tx.system.authorizeUpgrade(codeHash));
      const openedAt = await bestNumber(api);
      await vote(index, false);
      assert.equal(await outcome(index), 'Rejected');
      assert.ok(
        (await bestNumber(api)) >= openedAt + FAST_ROOT_DECISION_PERIOD - 1,
        'a rejected referendum runs its whole decision period',
      );

      assert.ok((await api.query.system.authorizedUpgrade()).isNone, 'nothing was authorised');
      const refused = await submitExpectingFailure(
        api,
        api.tx.system.applyAuthorizedUpgrade(u8aToHex(wasm)),
        alice,
      );
      assert.equal(refused.error, 'system.NothingAuthorized');
      const version = await api.rpc.state.getRuntimeVersion();
      assert.equal(version.specVersion.toNumber(), specVersion, 'the runtime is unchanged');

      // The proposer takes the preimage (and its deposit) back.
      await submitAndLocate(api, api.tx.preimage.unnotePreimage(hash), alice);
      assert.ok((await api.query.preimage.requestStatusFor(hash)).isNone);
    },
  );

  it(
    'enacts an approved upgrade: specVersion rises, finality and state carry over',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      const model = (await api.query.modelRegistry.nextModelId()).toNumber();
      await submitAndLocate(
        api,
        api.tx.modelRegistry.registerModel(
          { name: 'survives-upgrade', framework: 'onnx', uri: 'ipfs://survives-upgrade' },
          { signing: null, zkVerifyingKey: null, contributors: [] },
        ),
        alice,
      );
      const modelBefore = (await api.query.modelRegistry.models(model)).toHex();
      const ferdieAccount = async () => (await api.query.system.account(ferdie.address)).data;
      const ferdieBefore = await ferdieAccount();

      const { index } = await propose(api.tx.system.authorizeUpgrade(codeHash));
      await vote(index, true);
      assert.equal(await outcome(index), 'Approved');
      const authorized = await waitFor(
        'the scheduler to enact the authorisation',
        async () => (await api.query.system.authorizedUpgrade()).unwrapOr(undefined),
        { timeoutMs: 60_000 },
      );
      assert.equal(authorized.codeHash.toHex(), codeHash);

      // Anyone may apply an authorised upgrade; Ferdie's balance must not change, so Bob does.
      // Nothing is read from the chain's state until polkadot.js follows the new version: it
      // then swaps its metadata, and a query in flight across the swap fails to decode.
      const applied = await includeInBlock(
        api,
        api.tx.system.applyAuthorizedUpgrade(u8aToHex(wasm)),
        voters[1],
      );
      await waitFor(
        `specVersion ${specVersion + 1}`,
        async () =>
          (await api.rpc.state.getRuntimeVersion()).specVersion.toNumber() === specVersion + 1,
        { timeoutMs: 60_000 },
      );
      await waitFor(
        'polkadot.js to follow the new version',
        () => api.runtimeVersion.specVersion.toNumber() === specVersion + 1,
        { timeoutMs: 30_000 },
      );
      const appliedEvents = await extrinsicEvents(api, applied.blockHash, applied.index);
      singleEvent(appliedEvents, api.events.system.CodeUpdated);
      // GRANDPA finalises past the upgrade; the first block of the new code recorded it.
      await waitForFinalizedNumber(api, applied.blockNumber + 2, { timeoutMs: 60_000 });
      const lastUpgrade = (await api.query.system.lastRuntimeUpgrade()).unwrap();
      assert.equal(lastUpgrade.specVersion.toNumber(), specVersion + 1);

      assert.equal((await api.query.modelRegistry.models(model)).toHex(), modelBefore);
      assert.equal((await ferdieAccount()).toHex(), ferdieBefore.toHex());
      const info = (await api.query.referenda.referendumInfoFor(index)).unwrap();
      assert.ok(info.isApproved, 'the referendum record survives the upgrade');

      // Transactions signed for the new version are accepted.
      await submitAndLocate(api, api.tx.balances.transferKeepAlive(ferdie.address, AEG), alice);
      assert.equal((await ferdieAccount()).free.toBigInt(), ferdieBefore.free.toBigInt() + AEG);
    },
  );
});
