// A node whose database is damaged, or whose disk fills, stops with a clear error instead of
// serving wrong state (docs/reliability.md):
//
// - damaged files: the database's metadata overwritten, bytes of the state's tables flipped,
//   bytes of every table flipped: the node refuses to start, says why, exits non-zero;
// - a disk about to fill: the storage monitor (`--db-storage-threshold`, MiB) stops the node
//   cleanly before writes fail half way; with room again it starts on the same database and
//   goes on from where it stopped. Needs a tmpfs, so root: skipped (and said) otherwise.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, describe, it } from 'node:test';

import { bestNumber, connectApi, disconnectApis, waitForBestNumber } from '../lib/chain.mjs';
import { NodeGroup, describeExit, spawnNode, standardArgs } from '../lib/node.mjs';
import { settlesWithin } from '../lib/util.mjs';

const EXIT_TIMEOUT_MS = 90_000;
const CLEAN_STOP_TIMEOUT_MS = 120_000;
/** The dev chain's ParityDB directory under a base path. */
const DATABASE = path.join('chains', 'aegis_dev', 'paritydb', 'full');

/** Flips `count` non-zero bytes (deterministically spread) in each file of `files`. */
function flipBytes(files, count) {
  for (const file of files) {
    const bytes = readFileSync(file);
    const used = [];
    for (let i = 0; i < bytes.length; i += 1) if (bytes[i] !== 0) used.push(i);
    for (let k = 0; k < Math.min(count, used.length); k += 1) {
      bytes[used[Math.floor(((k + 0.5) * used.length) / count)]] ^= 0xff;
    }
    writeFileSync(file, bytes);
  }
}

/** The paths of the ParityDB files in `dir` whose names start with `prefix`. */
function tables(dir, prefix) {
  return readdirSync(dir)
    .filter((name) => name.startsWith(prefix))
    .map((name) => path.join(dir, name));
}

/** Starts a node on `reuse`'s directory and waits for it to exit: { status, log }. */
async function runUntilExit(name, args, reuse) {
  const node = await spawnNode({ name, args, reuse });
  const status = await settlesWithin(node.exited(), EXIT_TIMEOUT_MS);
  if (!status) {
    await node.kill();
    assert.fail(`${name} did not stop within ${EXIT_TIMEOUT_MS / 1000} s:\n${node.logTail()}`);
  }
  return { status: node.exitStatus, log: node.readLog() };
}

describe('a node on a damaged database', () => {
  const group = new NodeGroup();
  let healthy;
  let pristine;

  after(async () => {
    await group.stopAll();
    if (pristine) rmSync(pristine, { recursive: true, force: true });
  });
  afterEach((t) => group.printLogsIfFailed(t));

  /** A dev node's database after a few blocks, kept as a pristine copy. */
  async function database() {
    if (!healthy) {
      const node = await group.start({ name: 'dev', args: ['--dev'] });
      const api = await connectApi(node);
      // ParityDB writes commits to its write-ahead log first and into the tables later, and
      // replays the log on start: the damage must be to what the tables already hold, the
      // genesis state (the runtime's code among it) and the first blocks; only the last
      // blocks may still be in the log (a clean stop does not empty it).
      await waitForBestNumber(api, 10, { timeoutMs: 90_000 });
      await disconnectApis([api]);
      // A clean stop, however long a loaded machine makes it.
      const stopped = await node.kill('SIGINT', { graceMs: CLEAN_STOP_TIMEOUT_MS });
      assert.equal(stopped.code, 0, `the healthy node stops cleanly (${describeExit(stopped)})`);
      // ParityDB moves its log into the tables in the background, or when it next opens: a
      // node stopped ten blocks in may hold everything in `log0`, without a single table
      // file. Opened once more (it replays the log into the tables), for a block.
      const reopened = await group.restart(node);
      const reopenedApi = await connectApi(reopened);
      await waitForBestNumber(reopenedApi, (await bestNumber(reopenedApi)) + 1, {
        timeoutMs: 90_000,
      });
      await disconnectApis([reopenedApi]);
      const restopped = await reopened.kill('SIGINT', { graceMs: CLEAN_STOP_TIMEOUT_MS });
      assert.equal(restopped.code, 0, `the node stops cleanly (${describeExit(restopped)})`);
      const files = readdirSync(path.join(reopened.dir, 'data', DATABASE));
      assert.ok(
        files.some((name) => name.startsWith('table_01_')),
        `the state is in ParityDB's tables, not only its log: ${files.join(' ')}`,
      );
      pristine = mkdtempSync(path.join(os.tmpdir(), 'aegis-e2e-pristine-'));
      cpSync(path.join(reopened.dir, 'data'), path.join(pristine, 'data'), { recursive: true });
      healthy = reopened;
    }
    const databaseDir = path.join(healthy.dir, 'data', DATABASE);
    rmSync(path.join(healthy.dir, 'data'), { recursive: true, force: true });
    cpSync(path.join(pristine, 'data'), path.join(healthy.dir, 'data'), { recursive: true });
    return databaseDir;
  }

  for (const { damage, harm, expect } of [
    {
      damage: 'its metadata overwritten',
      harm: (dir) => writeFileSync(path.join(dir, 'metadata'), Buffer.alloc(1142, 0xa5)),
      expect: /the database at .* cannot be read .* it may be damaged/,
    },
    {
      damage: "bytes of the state's tables flipped",
      harm: (dir) => flipBytes(tables(dir, 'table_01_'), 4),
      // The state is read through the trie: the damage shows as whatever it broke first
      // (the runtime's code, a decompression, a trie node).
      expect: /^Error: .+/m,
    },
    {
      damage: 'bytes of every table flipped',
      harm: (dir) => flipBytes(tables(dir, 'table_'), 64),
      expect: /^Error: .+/m,
    },
  ]) {
    it(`refuses to start with ${damage}`, { timeout: 300_000 }, async () => {
      const dir = await database();
      harm(dir);
      const { status, log } = await runUntilExit('damaged', healthy.args, {
        dir: healthy.dir,
        ports: healthy.ports,
      });
      assert.notEqual(status.code, 0, `the node exits non-zero (${describeExit(status)})`);
      assert.match(log, expect, 'the node says what is wrong');
      console.log(`${damage}: ${/^Error: .+/m.exec(log)?.[0]}`);
      assert.doesNotMatch(log, /Idle|Imported #\d+/, 'the node served nothing');
    });
  }
});

describe('a node whose disk fills', () => {
  const group = new NodeGroup();
  const mountPoint = mkdtempSync(path.join(os.tmpdir(), 'aegis-e2e-disk-'));
  let mounted = false;

  after(async () => {
    await group.stopAll();
    if (mounted) execFileSync('umount', [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });
  afterEach((t) => group.printLogsIfFailed(t));

  it(
    'stops with a clear error before it is full, and starts again with room',
    { timeout: 300_000 },
    async (t) => {
      try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=160m', 'tmpfs', mountPoint], {
          stdio: 'pipe',
        });
        mounted = true;
      } catch (error) {
        t.skip(
          `cannot mount a tmpfs for the disk (needs root): ${String(error.stderr ?? error.message).trim()}`,
        );
        return;
      }
      const basePath = path.join(mountPoint, 'data');
      const args = ['--dev', '--db-storage-threshold', '48', '--db-storage-polling-period', '1'];
      const command = ({ binary, ports }) => ({
        program: binary,
        argv: [...args, ...standardArgs({ basePath, ports })],
      });
      const node = await group.start({ name: 'disk', command });
      const api = await connectApi(node);
      await waitForBestNumber(api, 2, { timeoutMs: 60_000 });
      const before = (await api.rpc.chain.getHeader()).number.toNumber();
      await disconnectApis([api]);

      // Leave less than the threshold free.
      const free = Number(
        execFileSync('df', ['--output=avail', '-B1', mountPoint]).toString().split('\n')[1],
      );
      const filler = path.join(mountPoint, 'filler');
      execFileSync('fallocate', ['-l', String(free - 32 * 2 ** 20), filler]);
      const status = await settlesWithin(node.exited(), 30_000);
      assert.ok(status, 'the node stopped once the disk was nearly full');
      assert.notEqual(
        node.exitStatus.code,
        0,
        `it exits non-zero (${describeExit(node.exitStatus)})`,
      );
      assert.match(node.readLog(), /dropped below threshold|Out of storage space/, 'it says why');

      rmSync(filler);
      assert.ok(existsSync(path.join(basePath, DATABASE)), 'the database is still there');
      const again = await group.start({ name: 'disk-again', command });
      const apiAgain = await connectApi(again);
      await waitForBestNumber(apiAgain, before + 2, { timeoutMs: 60_000 });
      await disconnectApis([apiAgain]);
    },
  );
});
