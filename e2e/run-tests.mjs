// Runs the end-to-end suite in two lanes side by side:
//
// - the files that measure block timing (`tests/network/`: block rate and finality latency of
//   a validator network), one at a time, so that no two of them share the machine;
// - the other files (`tests/`), `AEGIS_E2E_CONCURRENCY` at a time (default 3): they check
//   what a chain does (the four-validator proof-of-work test counts whose blocks are
//   accepted), not how fast it does it.
//
// The timing files spend most of their time waiting for slots, so the other lane fits beside
// them. Every line of output is prefixed with its lane; the exit status is non-zero if any
// test failed.
//
// The harness's own unit tests (`tests/unit/`) need no node: `npm run test:unit` runs them,
// and `scripts/test.sh` does before it builds anything.

import { readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { run } from 'node:test';
import { tap } from 'node:test/reporters';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));

function testFiles(dir) {
  return readdirSync(join(root, dir))
    .filter((name) => name.endsWith('.test.mjs'))
    .sort()
    .map((name) => join(root, dir, name));
}

function concurrencyFromEnv() {
  const raw = process.env.AEGIS_E2E_CONCURRENCY ?? '3';
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`AEGIS_E2E_CONCURRENCY must be a positive integer, not '${raw}'`);
    process.exit(2);
  }
  return value;
}

/** Writes each complete line of `chunk` with `prefix`, keeping a partial last line for later. */
function linePrefixer(prefix) {
  let pending = '';
  return {
    write(chunk) {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop();
      for (const line of lines) process.stdout.write(`${prefix}${line}\n`);
    },
    flush() {
      if (pending) process.stdout.write(`${prefix}${pending}\n`);
      pending = '';
    },
  };
}

/** Runs `files` with `concurrency`; resolves to the number of failed tests (suites included). */
function runLane(name, files, concurrency) {
  const out = linePrefixer(`[${name}] `);
  out.write(
    `${files.length} files, ${concurrency} at a time: ` +
      `${files.map((file) => relative(root, file)).join(', ')}\n`,
  );
  let failures = 0;
  const stream = run({ files, concurrency });
  stream.on('test:fail', () => {
    failures += 1;
  });
  return new Promise((resolve, reject) => {
    stream
      .compose(tap)
      .on('data', (chunk) => out.write(String(chunk)))
      .on('error', reject)
      .on('end', () => {
        out.flush();
        resolve(failures);
      });
  });
}

const concurrency = concurrencyFromEnv();
const started = Date.now();
const failures = await Promise.all([
  runLane('timing', testFiles('tests/network'), 1),
  runLane('tests', testFiles('tests'), concurrency),
]);
const total = failures.reduce((sum, count) => sum + count, 0);
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
console.log(
  `end-to-end: ${total === 0 ? 'all passed' : `${total} failed`} in ${minutes} min ` +
    `(timing lane ${failures[0]} failed, other lane ${failures[1]} failed)`,
);
process.exitCode = total === 0 ? 0 : 1;
