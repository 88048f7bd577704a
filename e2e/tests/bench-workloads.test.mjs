// Unit tests of the throughput benchmark's genesis patches (`bench/`), no node needed: what
// `scripts/bench-tps.sh` puts in a chain spec is what its runs rely on (every sender endowed,
// every publisher bonded with the minimum publisher stake, integers exact at any size).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { endow, genesisList } from '../bench/genesis.mjs';
import { poolArgsFor } from '../bench/harness.mjs';
import { modelUpdatesWorkload } from '../bench/workloads/model-updates.mjs';
import { benchKeyPairs, transfersWorkload } from '../bench/workloads/transfers.mjs';
import { AEG } from '../lib/chain.mjs';
import {
  bigIntFromJson,
  bigIntToJson,
  parseJsonKeepingBigIntegers,
  stringifyJsonKeepingBigIntegers,
} from '../lib/chainspec.mjs';

/** A genesis patch as `export-chain-spec` writes it, reduced to what the workloads touch. */
function patchText({ minimumStake = '1000000000000000' } = {}) {
  return `{
    "balances": { "balances": [["5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY", 1000000000000000000000]] },
    "staking": { "stakers": [] },
    "modelRegistry": { "minimumStake": ${minimumStake} }
  }`;
}

describe('JSON integers of any size (lib/chainspec.mjs)', () => {
  it('reads a plain or a marked integer as a BigInt, and writes one back exactly', () => {
    const value = parseJsonKeepingBigIntegers('{"small": 7, "big": 123456789012345678901}');
    assert.equal(bigIntFromJson(value.small), 7n);
    assert.equal(bigIntFromJson(value.big), 123456789012345678901n);
    value.written = bigIntToJson(10n ** 30n);
    assert.match(stringifyJsonKeepingBigIntegers(value), /"written": 10{30}\n/);
  });

  it('refuses what is not an integer', () => {
    for (const bad of [1.5, '12', null, undefined, 'bigint:']) {
      assert.throws(() => bigIntFromJson(bad), /not a JSON integer/);
    }
  });
});

describe('the throughput workloads patch the genesis (bench/)', () => {
  it('endows each new account once and refuses one already endowed', () => {
    const patch = parseJsonKeepingBigIntegers(patchText());
    const [existing] = genesisList(patch, 'balances', 'balances')[0];
    endow(patch, ['5A', '5B'], 10n ** 20n);
    const balances = genesisList(patch, 'balances', 'balances');
    assert.equal(balances.length, 3);
    assert.match(stringifyJsonKeepingBigIntegers(patch), /"5B",\s+100000000000000000000\s/);
    assert.throws(() => endow(patch, [existing], 1n), /already endowed/);
    assert.throws(() => genesisList(patch, 'assets', 'accounts'), /no assets\.accounts/);
  });

  it('endows one sender per transfer, none twice, with distinct deterministic keys', async () => {
    const workload = await transfersWorkload(5);
    const patch = parseJsonKeepingBigIntegers(patchText());
    workload.patchGenesis(patch);
    const added = genesisList(patch, 'balances', 'balances').slice(1);
    assert.equal(added.length, 5);
    assert.equal(new Set(added.map(([address]) => address)).size, 5);
    for (const [, amount] of added) assert.equal(bigIntFromJson(amount), 100n * AEG);
    const again = await benchKeyPairs('aegis/bench-tps', 5);
    assert.deepEqual(
      added.map(([address]) => address),
      again.map((pair) => pair.address),
    );
  });

  it('bonds each publisher with the minimum publisher stake the spec names, and endows more', async () => {
    const workload = await modelUpdatesWorkload(3);
    const stake = 2_500n * AEG;
    const patch = parseJsonKeepingBigIntegers(patchText({ minimumStake: String(stake) }));
    workload.patchGenesis(patch);
    const stakers = genesisList(patch, 'staking', 'stakers');
    const endowed = new Map(genesisList(patch, 'balances', 'balances').slice(1));
    assert.equal(stakers.length, 3);
    for (const [stash, controller, bonded, status] of stakers) {
      assert.equal(controller, stash);
      assert.equal(status, 'Idle');
      assert.equal(bigIntFromJson(bonded), stake);
      assert.ok(bigIntFromJson(endowed.get(stash)) > stake, 'more than the stake is endowed');
    }
  });

  it('signs model updates only after its setup has registered the models', async () => {
    const workload = await modelUpdatesWorkload(1);
    await assert.rejects(workload.sign(null), /after its setup/);
  });
});

describe('the pool the throughput runs start the nodes with (bench/harness.mjs)', () => {
  it("keeps the node's own limits while the flood fits in them, and raises them when not", () => {
    assert.deepEqual(poolArgsFor({ count: 16_000, kbytesPerItem: 0.2 }), []);
    assert.deepEqual(poolArgsFor({ count: 2_000, kbytesPerItem: 4 }), []);
    assert.deepEqual(poolArgsFor({ count: 100_000, kbytesPerItem: 0.2 }), [
      '--pool-limit',
      '125000',
      '--pool-kbytes',
      '25000',
    ]);
    assert.deepEqual(poolArgsFor({ count: 6_000, kbytesPerItem: 4 }), [
      '--pool-limit',
      '80000',
      '--pool-kbytes',
      '30000',
    ]);
  });
});
