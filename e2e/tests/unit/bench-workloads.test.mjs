// Unit tests of the throughput benchmark's genesis patches (`bench/`), no node needed: what
// `scripts/bench-tps.sh` puts in a chain spec is what its runs rely on (every sender endowed,
// every publisher bonded with the minimum publisher stake, integers exact at any size).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { AEG } from '../../lib/constants.mjs';
import { endow, genesisList } from '../../bench/genesis.mjs';
import { poolArgsFor } from '../../bench/harness.mjs';
import {
  parseMachineTable,
  projectToReference,
  singleCoreFactor,
  TARGET_PER_SECOND,
} from '../../bench/machine.mjs';
import { modelUpdatesWorkload } from '../../bench/workloads/model-updates.mjs';
import { benchKeyPairs, transfersWorkload } from '../../bench/workloads/transfers.mjs';

import {
  bigIntFromJson,
  bigIntToJson,
  parseJsonKeepingBigIntegers,
  stringifyJsonKeepingBigIntegers,
} from '../../lib/chainspec.mjs';

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

/** `benchmark machine`'s table as the node logs it (2026-12-04, this project's VM). */
const MACHINE_TABLE = `2026-12-04 17:15:08
+----------+-----------------------+-------------+--------------+-------------------+
| Category | Function              | Score       | Minimum      | Result            |
+===================================================================================+
| CPU      | BLAKE2-256            | 1.03 GiBs   | 1000.00 MiBs | ✅ Pass (105.5 %) |
|----------+-----------------------+-------------+--------------+-------------------|
| CPU      | BLAKE2-256-Parallel-8 | 260.10 MiBs | 1000.00 MiBs | ❌ Fail ( 26.0 %) |
|----------+-----------------------+-------------+--------------+-------------------|
| CPU      | SR25519-Verify        | 801.61 KiBs | 637.62 KiBs  | ✅ Pass (125.7 %) |
|----------+-----------------------+-------------+--------------+-------------------|
| Memory   | Copy                  | 8.80 GiBs   | 11.49 GiBs   | ❌ Fail ( 76.6 %) |
+----------+-----------------------+-------------+--------------+-------------------+
From 4 benchmarks in total, 2 passed and 2 failed (10% fault tolerance).`;

describe('this machine against the reference hardware (bench/machine.mjs)', () => {
  it("reads every metric of benchmark machine's table, and nothing else", () => {
    const rows = parseMachineTable(MACHINE_TABLE);
    assert.deepEqual(
      rows.map((row) => [row.category, row.name, row.percent]),
      [
        ['CPU', 'BLAKE2-256', 105.5],
        ['CPU', 'BLAKE2-256-Parallel-8', 26],
        ['CPU', 'SR25519-Verify', 125.7],
        ['Memory', 'Copy', 76.6],
      ],
    );
    assert.equal(rows[2].score, '801.61 KiBs');
    assert.deepEqual(parseMachineTable('no table here'), []);
  });

  it('takes one core as the geometric mean of hashing and signature checks', () => {
    const factor = singleCoreFactor(parseMachineTable(MACHINE_TABLE));
    assert.ok(Math.abs(factor - Math.sqrt(1.055 * 1.257)) < 1e-12);
    assert.equal(singleCoreFactor([{ name: 'BLAKE2-256', percent: 100 }]), null);
  });

  it('projects the cost of an extrinsic, and the ceiling, onto the slower reference core', () => {
    // 800 µs here on a core 25 % faster than the reference's: 1 000 µs there; 18.75 % of
    // every second for normal transactions → 187.5 a second.
    const p = projectToReference({ usPerExtrinsic: 800, normalShareOfSlot: 0.1875 }, 1.25);
    assert.equal(p.usPerExtrinsic, 1000);
    assert.equal(p.ceilingPerSecond, 187.5);
    assert.equal(p.wholeSlotPerSecond, 1000);
    assert.equal(p.usPerExtrinsicForTarget, 18.75);
    assert.equal(p.shortOfTarget, Number((TARGET_PER_SECOND / 187.5).toFixed(1)));
    assert.equal(
      projectToReference({ usPerExtrinsic: 800, normalShareOfSlot: 0.1875 }, null),
      null,
    );
    assert.equal(projectToReference(null, 1.25), null);
  });
});
