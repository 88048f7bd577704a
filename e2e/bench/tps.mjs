#!/usr/bin/env node
// The standard sustained-throughput runs for Aegis, measured on chain:
//   - sTPS, as polkadot-stps defines it: `balances.transferKeepAlive` between accounts that
//     exist at genesis, each sender used once, so no transfer waits for another and nothing
//     but the chain limits how many fit a block (`workloads/transfers.mjs`);
//   - signed model updates: one `modelRegistry.updateModel` per publisher, each to a model of
//     its own, with the ML-DSA-65 signature its policy demands (`workloads/model-updates.mjs`).
//
//   node bench/tps.mjs [--quick] [--network dev|local|both] [--workload transfers|model-updates|all]
//                      [--senders N] [--updates N] [--report FILE]
//
// (`scripts/bench-tps.sh` builds the node and runs this.) For each workload on each network
// (`harness.mjs` does it):
//   1. exports the chain spec (`--chain dev`, or `--chain local` for Alice, Bob and Charlie)
//      and lets the workload endow (and stake) its accounts in the genesis: no funding phase;
//   2. starts the validators with a pool sized for the load, and runs the workload's setup
//      (the model updates': keys and models), finalised before the load;
//   3. signs every extrinsic before submitting any (signing is the client's cost, reported
//      apart), then submits them over several websockets, a bounded number in flight, spread
//      over the validators' RPC endpoints;
//   4. measures on chain, not in the client: extrinsics per block, included per second over
//      the steady-state window (block timestamps), block build and seal time (the author's
//      log), import time under load on the validators that did not author the block (their
//      Prometheus histogram), block-to-finality latency, what the pool refused or dropped;
//   5. once the load is finalised, starts a fresh full node that syncs the chain with the
//      machine otherwise idle: the extrinsics it imports per second of import (less its import
//      of the setup, measured by another fresh node that synced only that far) is what one
//      core executes, and times the share of the slot the chain gives normal transactions it
//      is the execution ceiling; steady rate / ceiling says how much of what the machine could
//      carry within the chain's budget the chain does carry.
//   6. with `--machine-node` (a node built with `--features runtime-benchmarks`, as
//      `scripts/benchmark-weights.sh` leaves one), scores this machine against Substrate's
//      reference hardware (`benchmark machine`) before the load, and projects each run's
//      ceiling to that hardware (`machine.mjs`).
// Nothing is asserted but that every accepted extrinsic is included once and succeeds (the
// suite's `tests/network/load.test.mjs` is the short, asserting version). The figures are the
// machine's: run it on an otherwise idle machine.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { nodeBinary } from '../lib/node.mjs';
import { log, runWorkload } from './harness.mjs';
import {
  benchmarkMachine,
  projectToReference,
  singleCoreFactor,
  TARGET_PER_SECOND,
} from './machine.mjs';
import { modelUpdatesWorkload } from './workloads/model-updates.mjs';
import { transfersWorkload } from './workloads/transfers.mjs';

// ---------------------------------------------------------------------------------------
// Configuration

const USAGE = `usage: node bench/tps.mjs [--quick] [--network dev|local|both]
                         [--workload transfers|model-updates|all] [--senders N] [--updates N]
                         [--connections N] [--in-flight N] [--node-arg ARG]...
                         [--machine-node BIN] [--report FILE]
  --quick         3 000 transfers and 600 model updates (a few full blocks each): a
                  developer's check in a few minutes
  --network       dev: one --dev validator; local: Alice, Bob and Charlie; both (the
                  default): one after the other
  --workload      transfers (sTPS), model-updates, or all (the default)
  --senders       transfers in the run, one per sender (default 16 000)
  --updates       model updates in the run, one per publisher and model (default 2 000)
  --connections   websockets submitting (default 4)
  --in-flight     author_submitExtrinsic calls in flight per websocket (default 64)
  --node-arg      one more argument for every validator (repeatable), e.g.
                  --node-arg=--pool-type --node-arg=fork-aware
  --machine-node  a node built with --features runtime-benchmarks: scores this machine
                  against the reference hardware and projects the ceiling onto it
  --report        write the JSON report there`;

/** A command-line mistake: reported without a stack trace. */
class UsageError extends Error {}

function readConfig(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        quick: { type: 'boolean', default: false },
        network: { type: 'string', default: 'both' },
        workload: { type: 'string', default: 'all' },
        senders: { type: 'string' },
        updates: { type: 'string' },
        connections: { type: 'string', default: '4' },
        'in-flight': { type: 'string', default: '64' },
        'node-arg': { type: 'string', multiple: true, default: [] },
        'machine-node': { type: 'string' },
        report: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    });
  } catch (error) {
    throw new UsageError(`${error.message}\n${USAGE}`);
  }
  const { values } = parsed;
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const positive = (name, raw) => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value <= 0) {
      throw new UsageError(
        `--${name} must be a positive integer, got ${JSON.stringify(raw)}\n${USAGE}`,
      );
    }
    return value;
  };
  const networks = { dev: ['dev'], local: ['local'], both: ['dev', 'local'] }[values.network];
  if (!networks) throw new UsageError(`--network must be dev, local or both\n${USAGE}`);
  const workloads = {
    transfers: ['transfers'],
    'model-updates': ['model-updates'],
    all: ['transfers', 'model-updates'],
  }[values.workload];
  if (!workloads) {
    throw new UsageError(`--workload must be transfers, model-updates or all\n${USAGE}`);
  }
  return {
    quick: values.quick,
    networks,
    workloads,
    senders: positive('senders', values.senders ?? (values.quick ? '3000' : '16000')),
    updates: positive('updates', values.updates ?? (values.quick ? '600' : '2000')),
    connections: positive('connections', values.connections),
    inFlight: positive('in-flight', values['in-flight']),
    nodeArgs: values['node-arg'],
    machineNode: values['machine-node'] ?? null,
    reportPath: values.report ?? null,
  };
}

/** The workload `name`, its accounts derived. */
function makeWorkload(name, config) {
  log(`deriving the accounts of the ${name} workload`);
  return name === 'transfers'
    ? transfersWorkload(config.senders)
    : modelUpdatesWorkload(config.updates);
}

/** This machine against the reference hardware, one line a metric. */
function printMachine(rows, factor) {
  console.log('\n== this machine against the reference hardware (benchmark machine)');
  for (const row of rows) {
    console.log(`${row.name.padEnd(22)}  ${row.score} (${row.percent} % of ${row.minimum})`);
  }
  if (factor) console.log(`one core: ${(factor * 100).toFixed(0)} % of the reference's speed`);
}

/** What the run's ceiling comes to on the reference hardware, and how far that is from 10 000. */
function printProjection(workload, p) {
  console.log(
    `on reference hardware: ${p.usPerExtrinsic} µs a ${workload.item} → ceiling ${p.ceilingPerSecond} ${workload.unit}/s ` +
      `(${p.wholeSlotPerSecond}/s with the whole slot for execution); ${TARGET_PER_SECOND} a second ` +
      `needs ${p.usPerExtrinsicForTarget} µs a ${workload.item}: ${p.shortOfTarget}× short`,
  );
}

// ---------------------------------------------------------------------------------------
// Main

async function main() {
  const config = readConfig(process.argv.slice(2));
  const report = {
    startedAt: new Date().toISOString(),
    command: `node bench/tps.mjs ${process.argv.slice(2).join(' ')}`.trim(),
    binary: nodeBinary(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      loadAvgAtStart: os.loadavg(),
    },
    config,
    runs: [],
  };
  if (os.loadavg()[0] > os.cpus().length * 0.5) {
    log(
      `WARNING: load average ${os.loadavg()[0].toFixed(2)} on ${os.cpus().length} CPUs: other work skews the figures`,
    );
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'aegis-bench-tps-'));
  try {
    let factor = null;
    if (config.machineNode) {
      log('scoring this machine against the reference hardware (benchmark machine)');
      report.machine.reference = await benchmarkMachine(config.machineNode);
      factor = singleCoreFactor(report.machine.reference);
      report.machine.singleCoreFactor = factor;
      printMachine(report.machine.reference, factor);
    }
    for (const name of config.workloads) {
      const workload = await makeWorkload(name, config);
      for (const kind of config.networks) {
        const run = await runWorkload(kind, workload, config, dir);
        run.projection = projectToReference(run.figures.execution, factor);
        if (run.projection) printProjection(workload, run.projection);
        report.runs.push(run);
      }
    }
  } finally {
    report.finishedAt = new Date().toISOString();
    report.machine.loadAvgAtEnd = os.loadavg();
    if (config.reportPath) {
      await writeFile(
        config.reportPath,
        `${JSON.stringify(report, (_, v) => (typeof v === 'bigint' ? v.toString() : v instanceof Set ? [...v] : v), 2)}\n`,
      );
      log(`report written to ${config.reportPath}`);
    }
    await rm(dir, { recursive: true, force: true });
  }
  const incomplete = report.runs.filter(
    (run) => run.figures.included !== run.figures.accepted || run.figures.failed > 0,
  );
  return incomplete.length === 0;
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (error) => {
    if (error instanceof UsageError) {
      console.error(error.message);
      process.exit(2);
    }
    console.error(`bench-tps failed: ${error?.stack ?? error}`);
    process.exit(1);
  },
);
