// Authoring-to-finality latency: bookkeeping and summary statistics.

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Records, per block number, when it was first seen as a new best head (an approximation
 * of its authoring time on loopback) and when a finalized head first covered it
 * (finalizing #N finalizes every block <= N). Feed it notifications from any number of
 * nodes: the earliest observation wins.
 *
 * Nothing is recorded until `start(afterBlock)`, and only blocks above `afterBlock` count.
 * A block first seen as best only after it was already finalized is left out, as its
 * "seen" time would not approximate its authoring time.
 */
export class FinalityLatencyTracker {
  #afterBlock = null;
  #finalizedUpTo = 0;
  #seenAt = new Map();
  #finalizedAt = new Map();

  start(afterBlock) {
    this.#afterBlock = afterBlock;
    this.#finalizedUpTo = Math.max(this.#finalizedUpTo, afterBlock);
  }

  get started() {
    return this.#afterBlock !== null;
  }

  recordBestHead(number, atMs) {
    if (!this.started || number <= this.#finalizedUpTo || this.#seenAt.has(number)) return;
    this.#seenAt.set(number, atMs);
  }

  recordFinalizedHead(number, atMs) {
    if (!this.started) return;
    for (let n = this.#finalizedUpTo + 1; n <= number; n++) this.#finalizedAt.set(n, atMs);
    this.#finalizedUpTo = Math.max(this.#finalizedUpTo, number);
  }

  /** [{ number, latencyMs }] for blocks with both observations, in block order. */
  samples() {
    return [...this.#finalizedAt.keys()]
      .filter((number) => this.#seenAt.has(number))
      .sort((a, b) => a - b)
      .map((number) => ({
        number,
        latencyMs: this.#finalizedAt.get(number) - this.#seenAt.get(number),
      }));
  }
}

/** Nearest-rank percentile (p in (0, 100]) of an ascending array. */
export function percentile(sortedValues, p) {
  if (sortedValues.length === 0) throw new Error('percentile of an empty list');
  const rank = Math.ceil((p / 100) * sortedValues.length);
  return sortedValues[Math.min(Math.max(rank, 1), sortedValues.length) - 1];
}

export function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    min: sorted[0],
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted.at(-1),
    mean: sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
  };
}

export function formatLatencyLine(summary) {
  const ms = (value) => `${Math.round(value)}ms`;
  return (
    `finality latency over ${summary.count} blocks: ` +
    `p50=${ms(summary.p50)} p95=${ms(summary.p95)} max=${ms(summary.max)}`
  );
}

/** Writes `report` as JSON to the path in AEGIS_E2E_REPORT, if set; returns the path. */
export async function writeReportIfRequested(report) {
  const target = process.env.AEGIS_E2E_REPORT;
  if (!target) return null;
  const file = path.resolve(target);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
