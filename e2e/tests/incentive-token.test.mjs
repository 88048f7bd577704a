// The incentive token (AIT) on a `--dev` node: an asset of `pallet-assets` (id 1) created at
// genesis, driven with polkadot.js as an ERC-20 token.
//
// - Genesis: `assets.asset(1)` exists, is sufficient and is owned by a keyless account;
//   `assets.metadata(1)` and the `Erc20Api` runtime API agree on name, symbol, decimals; the
//   total supply is the dev endowment (1000 AIT for each of the 12 well-known accounts) plus
//   what the incentives minted into their pool, the token's owner.
// - ERC-20: Alice `approveTransfer`s 100 AIT to Bob (allowance 100 through `Erc20Api`), Bob
//   `transferApproved`s 60 from Alice to Charlie (`assets.Transferred` from Alice, balances
//   move, allowance 40), 41 more fails
//   with `assets.Unapproved` and moves nothing, Alice `cancelApproval`s (allowance 0), and a
//   plain `transfer` moves AIT; `Erc20Api.balanceOf` agrees with `assets.account` throughout.
// - No signed account can mint AIT (`assets.NoPermission`) or create an asset.

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import { AEG, AIT_ID } from '../lib/constants.mjs';
import {
  devAccounts,
  singleEvent,
  submitAndLocate,
  submitExpectingFailure,
} from '../lib/chain.mjs';
import { devNodeSuite } from '../lib/suite.mjs';

const TEST_TIMEOUT_MS = 180_000;
const AIT = AEG; // 12 decimals, like AEG
const DEV_ENDOWMENT = 1_000n * AIT;
const WELL_KNOWN_ACCOUNTS = 12n;

describe('incentive token (dev node)', () => {
  const dev = devNodeSuite();
  let api;
  let alice;
  let bob;
  let charlie;

  before(async () => {
    ({ api } = dev);
    ({ alice, bob, charlie } = await devAccounts());
  });

  async function balanceOf(who) {
    const viaApi = (await api.call.erc20Api.balanceOf(who.address)).toBigInt();
    const account = await api.query.assets.account(AIT_ID, who.address);
    assert.equal(
      viaApi,
      account.isSome ? account.unwrap().balance.toBigInt() : 0n,
      'API = storage',
    );
    return viaApi;
  }

  /** `Erc20Api.name()` / `.symbol()` through polkadot.js's `api.call`: `Option<String>`. */
  const erc20Text = async (method) => (await api.call.erc20Api[method]()).unwrap().toString();

  const allowance = async (owner, spender) =>
    (await api.call.erc20Api.allowance(owner.address, spender.address)).toBigInt();

  it('exists from genesis with its ERC-20 metadata', { timeout: TEST_TIMEOUT_MS }, async () => {
    const details = (await api.query.assets.asset(AIT_ID)).unwrap();
    assert.equal(details.isSufficient.isTrue, true);
    assert.notEqual(details.owner.toString(), alice.address, 'no dev key owns it');
    const metadata = await api.query.assets.metadata(AIT_ID);
    assert.equal(metadata.name.toUtf8(), 'Aegis Incentive Token');
    assert.equal(metadata.symbol.toUtf8(), 'AIT');
    assert.equal(metadata.decimals.toNumber(), 12);
    assert.equal(await erc20Text('name'), 'Aegis Incentive Token');
    assert.equal(await erc20Text('symbol'), 'AIT');
    assert.equal((await api.call.erc20Api.decimals()).toNumber(), 12);
    const supply = (await api.call.erc20Api.totalSupply()).toBigInt();
    const pool = (await api.call.erc20Api.balanceOf(details.owner)).toBigInt();
    assert.ok(pool > 0n, 'the incentives minted their pool');
    assert.equal(supply, WELL_KNOWN_ACCOUNTS * DEV_ENDOWMENT + pool);
    assert.equal(supply, details.supply.toBigInt());
  });

  it('approves, transfers from and cancels like ERC-20', { timeout: TEST_TIMEOUT_MS }, async () => {
    const [aliceBefore, charlieBefore] = [await balanceOf(alice), await balanceOf(charlie)];

    let { events } = await submitAndLocate(
      api,
      api.tx.assets.approveTransfer(AIT_ID, bob.address, 100n * AIT),
      alice,
    );
    singleEvent(events, api.events.assets.ApprovedTransfer);
    assert.equal(await allowance(alice, bob), 100n * AIT);

    ({ events } = await submitAndLocate(
      api,
      api.tx.assets.transferApproved(AIT_ID, alice.address, charlie.address, 60n * AIT),
      bob,
    ));
    // pallet-assets reports a spent allowance as a plain `Transferred` from the owner (its
    // `TransferredApproved` event is declared but never emitted).
    const moved = singleEvent(events, api.events.assets.Transferred);
    assert.equal(moved.data.from.toString(), alice.address);
    assert.equal(moved.data.to.toString(), charlie.address);
    assert.equal(moved.data.amount.toBigInt(), 60n * AIT);
    assert.equal(await balanceOf(alice), aliceBefore - 60n * AIT);
    assert.equal(await balanceOf(charlie), charlieBefore + 60n * AIT);
    assert.equal(await allowance(alice, bob), 40n * AIT);

    const { error } = await submitExpectingFailure(
      api,
      api.tx.assets.transferApproved(AIT_ID, alice.address, charlie.address, 41n * AIT),
      bob,
    );
    assert.equal(error, 'assets.Unapproved');
    assert.equal(await balanceOf(alice), aliceBefore - 60n * AIT, 'nothing moved');

    await submitAndLocate(api, api.tx.assets.cancelApproval(AIT_ID, bob.address), alice);
    assert.equal(await allowance(alice, bob), 0n);

    ({ events } = await submitAndLocate(
      api,
      api.tx.assets.transfer(AIT_ID, bob.address, 5n * AIT),
      alice,
    ));
    singleEvent(events, api.events.assets.Transferred);
    assert.equal(await balanceOf(alice), aliceBefore - 65n * AIT);
  });

  it(
    'cannot be minted or joined by new assets from a signed account',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      const supply = (await api.call.erc20Api.totalSupply()).toBigInt();
      const { error } = await submitExpectingFailure(
        api,
        api.tx.assets.mint(AIT_ID, alice.address, AIT),
        alice,
      );
      assert.equal(error, 'assets.NoPermission');
      const created = await submitExpectingFailure(
        api,
        api.tx.assets.create(7, alice.address, 1),
        alice,
      );
      assert.match(created.error, /badOrigin/i);
      assert.equal((await api.call.erc20Api.totalSupply()).toBigInt(), supply);
    },
  );
});
