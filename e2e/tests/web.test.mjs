// The registry page (web/) in a real browser: Debian's Chromium, headless, driven by
// puppeteer-core, against a dev node started by the README's command, which also serves the
// page (`scripts/run-dev-node.sh` prints its URL). Alice seeds the chain through polkadot.js:
// model "web-vision" with version 1 (5 000 bytes in 4 KiB shards) and version 2 (2.5 MiB in
// 1 MiB shards), version 1 revoked by governance (sudo); model "web-audio" with version 1.
// Files are hashed by the `aegis` CLI for the declarations, and its proof file is the one the
// page checks.
//
// - The page shows the chain's name and its best and finalized blocks, live.
// - It lists both models, their versions with the hashes the CLI computed, version 1 revoked;
//   search narrows the list by content-hash prefix.
// - A file picked in the page: version 2 is recognised ("finalized at block B"), with the
//   CLI's content hash and Merkle root; the same file with one byte changed is "no version";
//   version 1's file is flagged as revoked (its 4 KiB shards need the page's second pass).
// - A shard with its `aegis model proof` file: verified by the chain (`verify_shard` and
//   `check_statement`), with the attestation Alice recorded of it; a changed shard is refused.
// - The attestation looked up by its statement hash; an unknown hash, a malformed one.
// - A version published while the page is open appears without a reload.
// - A node URL nothing answers at, and one that is not a URL, give a clear error.
// - Every input has a label; at a phone's width nothing scrolls sideways.
// - A node the user typed is remembered for the next visit; one named by a `?rpc=` link is not.
// - Hashing a 64 MiB file in the page: progress shows while workers hash, the result is the
//   CLI's, nothing is sent anywhere; the page's and `aegis model hash`'s throughputs are
//   reported.
// - A model named with markup is shown as text; a revocation made while the page is open
//   shows without a reload.
//
// Screenshots of each state: e2e/artifacts/web/*.png.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import puppeteer from 'puppeteer-core';

import {
  devAccounts,
  singleEvent,
  submitAndLocate,
  waitForFinalizedNumber,
} from '../lib/chain.mjs';
import { aegisOk, fixedBytes } from '../lib/cli.mjs';
import { submitAsRoot } from '../lib/governance.mjs';
import { freeLoopbackPorts } from '../lib/node.mjs';
import { readmeDevNodeCommand } from '../lib/readme.mjs';
import { devNodeSuite } from '../lib/suite.mjs';
import { waitFor } from '../lib/util.mjs';

const TEST_TIMEOUT_MS = 180_000;
const CHROMIUM = process.env.AEGIS_CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = new URL('../artifacts/web/', import.meta.url).pathname;
const MIB = 1 << 20;
const NO_VERSION = 'No version on this chain has this content.';
/** A model name that would run script if the page inserted it as markup. */
const MARKUP_NAME = '<img src=x onerror="window.injected=1">web-<b>markup</b>';

const [webPort] = await freeLoopbackPorts(1);

describe('the registry page in Chromium', () => {
  const dev = devNodeSuite({ command: readmeDevNodeCommand({ webPort }) });
  let api;
  let alice;
  let dir;
  let browser;
  let page;
  let pageUrl;
  /** The Merkle inclusion statement of shard 1 that Alice attested: { hash, block }. */
  const attested = {};
  /** Files by name: { path, bytes, digest } (digest: `aegis model hash --json`). */
  const files = {};
  const models = {};

  async function writeModelFile(name, bytes, shardSize = MIB) {
    const path = join(dir, name);
    await writeFile(path, bytes);
    const args = ['model', 'hash', '--json', '--shard-size', String(shardSize), path];
    files[name] = { path, bytes, digest: JSON.parse(await aegisOk(dir, args)) };
    return files[name];
  }

  async function registerModel(name) {
    const metadata = { name, framework: 'onnx', uri: `ipfs://${name}` };
    const policy = { signing: null, zkVerifyingKey: null, contributors: [] };
    const { events } = await submitAndLocate(
      api,
      api.tx.modelRegistry.registerModel(metadata, policy),
      alice,
    );
    models[name] = singleEvent(
      events,
      api.events.modelRegistry.ModelRegistered,
    ).data.model.toNumber();
    return models[name];
  }

  async function publish(model, { digest }) {
    const declaration = {
      contentHash: digest.content_hash,
      merkleRoot: digest.merkle_root,
      shardCount: digest.shard_count,
      byteSize: digest.byte_size,
    };
    const update = api.tx.modelRegistry.updateModel(model, declaration, {
      signatures: [],
      zkProof: null,
    });
    return submitAndLocate(api, update, alice);
  }

  async function screenshot(name) {
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  }

  /** Waits until `selector`'s text satisfies `predicate`; returns the text. */
  async function textOf(selector, predicate, what) {
    let now = '<missing>';
    try {
      return await waitFor(
        what,
        async () => {
          now = await page.$eval(selector, (element) => element.textContent);
          return predicate(now) && now;
        },
        { timeoutMs: 60_000, intervalMs: 200 },
      );
    } catch (error) {
      throw new Error(`${error.message}; the page shows "${now}"`);
    }
  }

  async function pickFile(inputSelector, path) {
    const input = await page.$(inputSelector);
    await input.uploadFile(path);
  }

  before(
    async () => {
      assert.ok(
        existsSync(CHROMIUM),
        `no Chromium at ${CHROMIUM}: scripts/setup.sh --with-e2e installs it`,
      );
      api = dev.api;
      ({ alice } = await devAccounts());
      dir = await mkdtemp(join(tmpdir(), 'aegis-web-e2e-'));
      await mkdir(ARTIFACTS, { recursive: true });

      const printed = dev.node.readLog().match(/==> registry page: (http:\/\/\S+)/);
      assert.ok(printed, 'run-dev-node.sh prints the page’s URL');
      pageUrl = printed[1];

      const vision1 = await writeModelFile('vision-1.bin', fixedBytes(5_000, 'vision-1'), 4096);
      const vision2 = await writeModelFile('vision-2.bin', fixedBytes(2.5 * MIB, 'vision-2'));
      const changed = Uint8Array.from(vision2.bytes);
      changed[MIB + 7] ^= 0x01;
      await writeModelFile('vision-2-changed.bin', changed);
      const audio1 = await writeModelFile('audio-1.bin', fixedBytes(3_000, 'audio-1'));
      await writeModelFile('audio-2.bin', fixedBytes(7_000, 'audio-2'));
      await writeFile(join(dir, 'shard-1.bin'), vision2.bytes.subarray(MIB, 2 * MIB));
      const changedShard = Uint8Array.from(vision2.bytes.subarray(MIB, 2 * MIB));
      changedShard[0] ^= 0x80;
      await writeFile(join(dir, 'shard-1-changed.bin'), changedShard);
      await aegisOk(dir, [
        'model',
        'proof',
        vision2.path,
        '--shard',
        '1',
        '--out',
        join(dir, 'shard-1.proof.json'),
      ]);

      const vision = await registerModel('web-vision');
      await publish(vision, vision1);
      await publish(vision, vision2);
      await submitAsRoot(api, api.tx.modelRegistry.revokeVersion(vision, 1), alice);
      await publish(await registerModel('web-audio'), audio1);
      await registerModel(MARKUP_NAME);

      // Alice has the chain verify and record shard 1's statement, from the CLI's proof file.
      const proof = JSON.parse(await readFile(join(dir, 'shard-1.proof.json'), 'utf8'));
      const statement = {
        MerkleInclusion: {
          root: proof.merkle_root,
          leafHash: proof.leaf_hash,
          proof: {
            leafIndex: proof.leaf_index,
            leafCount: proof.leaf_count,
            siblings: proof.siblings,
          },
        },
      };
      const attest = await submitAndLocate(api, api.tx.proofVerifier.attest(statement), alice);
      attested.block = attest.blockNumber;
      attested.hash = singleEvent(
        attest.events,
        api.events.proofVerifier.ProofVerified,
      ).data.statementHash.toHex();

      browser = await puppeteer.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-dev-shm-usage'],
      });
      page = await browser.newPage();
      await page.setViewport({ width: 1200, height: 900 });
      await page.goto(pageUrl);
    },
    { timeout: TEST_TIMEOUT_MS },
  );

  after(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it(
    'connects to the node it was served with and follows its blocks',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      await textOf('#connection', (text) => text.startsWith('Connected'), 'connected');
      assert.equal(
        await page.$eval('#connection', (span) => span.textContent),
        'Connected to Aegis Development',
      );
      const first = await textOf('#heads', (text) => /best #\d+/.test(text), 'the heads');
      assert.match(first, /^best #\d+ · finalized #\d+$/);
      const best = (text) => Number(text.match(/best #(\d+)/)[1]);
      const later = await textOf('#heads', (text) => best(text) > best(first), 'a new best block');
      assert.ok(best(later) > best(first));
      await screenshot('connected');
    },
  );

  it(
    'lists the models and their versions, a revoked one marked',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      await page.waitForSelector(
        `article[data-model-id="${models['web-audio']}"] tr[data-version="1"]`,
        { timeout: 60_000 },
      );
      const vision = `article[data-model-id="${models['web-vision']}"]`;
      assert.equal(
        await page.$eval(`${vision} h3`, (h) => h.textContent),
        `#${models['web-vision']} web-vision`,
      );
      const rows = await page.$$eval(`${vision} tbody tr`, (trs) =>
        trs.map((tr) => ({
          version: tr.dataset.version,
          revoked: tr.dataset.revoked,
          contentHash: tr.querySelector('td code').textContent,
          status: tr.lastElementChild.textContent,
        })),
      );
      assert.deepEqual(
        rows.map(({ version, revoked, contentHash }) => ({ version, revoked, contentHash })),
        [
          {
            version: '2',
            revoked: 'false',
            contentHash: files['vision-2.bin'].digest.content_hash,
          },
          { version: '1', revoked: 'true', contentHash: files['vision-1.bin'].digest.content_hash },
        ],
      );
      assert.match(rows[1].status, /^revoked at #\d+$/);
      const markup = `article[data-model-id="${models[MARKUP_NAME]}"]`;
      assert.equal(
        await page.$eval(`${markup} h3`, (h) => h.textContent),
        `#${models[MARKUP_NAME]} ${MARKUP_NAME}`,
        'an owner-chosen name is shown as text',
      );
      assert.equal(await page.$$eval('#models img, #models b', (found) => found.length), 0);
      assert.equal(await page.evaluate(() => window.injected), undefined);
      assert.equal(
        await page.$eval(`${vision} dl dd:last-of-type`, (dd) => dd.textContent),
        'the owner’s account alone',
      );
      await screenshot('registry');

      await page.type('#search', files['audio-1.bin'].digest.content_hash.slice(0, 14));
      await page.waitForFunction(() => document.querySelectorAll('article.model').length === 1);
      assert.equal(
        await page.$eval('article.model', (a) => a.dataset.modelId),
        String(models['web-audio']),
      );
      await screenshot('search');
      await page.$eval('#search', (input) => {
        input.value = '';
        input.dispatchEvent(new Event('input'));
      });
    },
  );

  it(
    'recognises a published file as its version, with the CLI’s hashes',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      const { digest } = files['vision-2.bin'];
      await pickFile('#model-file', files['vision-2.bin'].path);
      const verdict = await textOf(
        '#file-verdict',
        (text) => /finalized at block/.test(text),
        'the verdict',
      );
      const block = (await api.query.modelRegistry.versions(models['web-vision'], 2))
        .unwrap()
        .block.toNumber();
      assert.equal(
        verdict,
        `This is version 2 of model #${models['web-vision']} “web-vision”, finalized at block ${block}.`,
      );
      assert.equal(await page.$eval('#file-verdict', (p) => p.dataset.verdict), 'published');
      const shown = await page.$$eval('#file-digest code', (codes) =>
        codes.map((code) => code.textContent),
      );
      assert.deepEqual(
        shown,
        [digest.content_hash, digest.merkle_root],
        'the page hashes as aegis-integrity does',
      );
      await screenshot('file-published');
    },
  );

  it(
    'finds no version for the same file with one byte changed',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      await pickFile('#model-file', files['vision-2-changed.bin'].path);
      assert.equal(
        await textOf('#file-verdict', (text) => text.startsWith('No version'), 'the verdict'),
        NO_VERSION,
      );
      assert.equal(await page.$eval('#file-verdict', (p) => p.dataset.verdict), 'unknown');
      await screenshot('file-unknown');
    },
  );

  it('flags the file of a revoked version', { timeout: TEST_TIMEOUT_MS }, async () => {
    await pickFile('#model-file', files['vision-1.bin'].path);
    const verdict = await textOf('#file-verdict', (text) => /revoked/.test(text), 'the verdict');
    assert.match(
      verdict,
      new RegExp(
        `^This matches version 1 of model #${models['web-vision']} “web-vision”, which governance revoked at block \\d+\\. Do not use it\\.$`,
      ),
    );
    assert.equal(await page.$eval('#file-verdict', (p) => p.dataset.verdict), 'revoked');
    await screenshot('file-revoked');
  });

  it(
    'verifies a shard with its proof file through the chain, and refuses a changed one',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      await pickFile('#shard-file', join(dir, 'shard-1.bin'));
      await pickFile('#proof-file', join(dir, 'shard-1.proof.json'));
      await page.click('#shard-form button[type="submit"]');
      const verified = await textOf(
        '#shard-verdict',
        (text) => /verified|refused|Cannot/.test(text),
        'the shard verdict',
      );
      assert.equal(
        verified,
        `The chain verified this as shard 1 of version 2 of model #${models['web-vision']} “web-vision”. ` +
          `An attestation of this statement was recorded at block ${attested.block}.`,
      );
      const details = await page.$$eval('#shard-details code', (codes) =>
        codes.map((code) => code.textContent),
      );
      assert.equal(details.at(-1), attested.hash, 'the statement hash the chain computed');
      await screenshot('shard-verified');

      await pickFile('#shard-file', join(dir, 'shard-1-changed.bin'));
      await page.click('#shard-form button[type="submit"]');
      const refused = await textOf(
        '#shard-verdict',
        (text) => text.startsWith('No version'),
        'the changed shard',
      );
      assert.equal(
        refused,
        'No version on this chain has the Merkle root this shard and its proof lead to.',
      );
      assert.equal(await page.$eval('#shard-verdict', (p) => p.dataset.verdict), 'refused');
      await screenshot('shard-refused');
    },
  );

  it('looks up an attestation by its statement hash', { timeout: TEST_TIMEOUT_MS }, async () => {
    const lookUp = async (hash) => {
      await page.$eval('#attestation-verdict', (p) => (p.textContent = ''));
      await page.$eval('#statement-hash', (input, value) => (input.value = value), hash);
      await page.click('#attestation-form button[type="submit"]');
      return textOf('#attestation-verdict', (text) => text !== '', 'the attestation');
    };
    assert.equal(
      await lookUp(attested.hash),
      `The chain verified this MerkleInclusion statement at block ${attested.block}, ` +
        `submitted by ${alice.address}.`,
    );
    await screenshot('attestation');
    assert.equal(
      await lookUp(`0x${'ab'.repeat(32)}`),
      'No statement with this hash is attested on this chain.',
    );
    assert.equal(
      await lookUp('0x1234'),
      'Cannot look it up: a statement hash must be 32 bytes, got 2',
    );
  });

  it(
    'shows versions published and revoked while it is open',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      const audio = `article[data-model-id="${models['web-audio']}"]`;
      const { blockNumber } = await publish(models['web-audio'], files['audio-2.bin']);
      await waitForFinalizedNumber(api, blockNumber, { timeoutMs: 60_000 });
      await page.waitForSelector(`${audio} tr[data-version="2"]`, { timeout: 60_000 });
      // A revocation is no `ModelUpdated`: the page reloads on any registry event.
      await submitAsRoot(api, api.tx.modelRegistry.revokeVersion(models['web-audio'], 1), alice);
      await page.waitForSelector(`${audio} tr[data-version="1"][data-revoked="true"]`, {
        timeout: 60_000,
      });
      await pickFile('#model-file', files['audio-2.bin'].path);
      await textOf(
        '#file-verdict',
        (text) => /This is version 2 of model #\d+ “web-audio”, finalized/.test(text),
        'the new version',
      );
    },
  );

  it('labels every input and fits a phone’s width', { timeout: TEST_TIMEOUT_MS }, async () => {
    const unlabelled = await page.$$eval('input, button', (elements) =>
      elements
        .filter((element) => element.tagName === 'INPUT' && element.labels.length === 0)
        .map((element) => element.id),
    );
    assert.deepEqual(unlabelled, []);
    // Not `isMobile`: puppeteer reloads the page for it, and the check is of this page's state.
    await page.setViewport({ width: 375, height: 740 });
    await page.waitForFunction(() => document.documentElement.clientWidth === 375);
    assert.ok((await page.$$('article.model tbody tr')).length >= 4, 'the registry is on the page');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.equal(overflow, 0, 'nothing scrolls sideways at 375 px');
    await screenshot('phone');
    await page.setViewport({ width: 1200, height: 900 });
  });

  it(
    'hashes a 64 MiB file in workers, showing progress, as the CLI does',
    { timeout: TEST_TIMEOUT_MS },
    async (t) => {
      const big = await writeModelFile('big-64mib.bin', fixedBytes(64 * MIB, 'big'));
      const started = performance.now();
      await aegisOk(dir, ['--quiet', 'model', 'hash', '--json', big.path]);
      const cliMbPerSecond = (64 * MIB) / ((performance.now() - started) / 1000) / 1e6;
      // The file never leaves the machine: while it is hashed, the page fetches nothing but
      // its own worker scripts, and sends no request with a body anywhere.
      const requests = [];
      const record = (request) => requests.push(request);
      page.on('request', record);
      await pickFile('#model-file', big.path);
      // Workers hash: the page answers while they run and shows progress on the way (hashing
      // on the page's thread would block these reads until the end).
      const seen = await waitFor(
        'a progress value between 0 and 1',
        async () => {
          const value = await page.$eval('#file-progress', (progress) => progress.value);
          return value > 0 && value < 1 && value;
        },
        { timeoutMs: 60_000, intervalMs: 50 },
      );
      assert.ok(seen > 0 && seen < 1);
      await textOf('#file-verdict', (text) => text === NO_VERSION, 'the verdict');
      page.off('request', record);
      const origin = new URL(pageUrl).origin;
      assert.deepEqual(
        requests
          .filter(
            (request) => request.method() !== 'GET' || new URL(request.url()).origin !== origin,
          )
          .map((request) => `${request.method()} ${request.url()}`),
        [],
      );
      const shown = await page.$$eval('#file-digest code', (codes) =>
        codes.map((code) => code.textContent),
      );
      assert.deepEqual(shown, [big.digest.content_hash, big.digest.merkle_root]);
      const pageMbPerSecond = Number(
        await page.$eval('#file-rate', (span) => span.dataset.mbPerSecond),
      );
      assert.ok(pageMbPerSecond > 0, 'the page reports its throughput');
      t.diagnostic(
        `64 MiB: the page ${pageMbPerSecond} MB/s, aegis model hash ${cliMbPerSecond.toFixed(1)} MB/s`,
      );
    },
  );

  it(
    'says clearly when no node answers, or the URL is not one',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      const [closedPort] = await freeLoopbackPorts(1);
      const connectTo = async (url) => {
        await page.$eval(
          '#node-url',
          (input, value) => {
            input.value = value;
          },
          url,
        );
        await page.click('#connect-form button');
      };
      await connectTo(`ws://127.0.0.1:${closedPort}`);
      const refused = await textOf(
        '#connection',
        (text) => text.startsWith('Cannot connect'),
        'the error',
      );
      assert.equal(
        refused,
        `Cannot connect: no Aegis node answered at ws://127.0.0.1:${closedPort}/ within 10 s`,
      );
      assert.equal(await page.$eval('#connection', (p) => p.dataset.state), 'error');
      await screenshot('bad-url');
      await connectTo('localhost:9944');
      assert.match(
        await textOf('#connection', (text) => /WebSocket URL|not a URL/.test(text), 'the error'),
        /^Cannot connect: "localhost:9944" is not a WebSocket URL: it must start with ws:\/\/ or wss:\/\/$/,
      );
    },
  );

  it(
    'remembers a node the user typed, not one a link named',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      const origin = new URL(pageUrl).origin;
      const nodeUrlOfFreshPage = async () => {
        const fresh = await browser.newPage();
        try {
          await fresh.goto(`${origin}/`);
          return await fresh.$eval('#node-url', (input) => input.value);
        } finally {
          await fresh.close();
        }
      };
      // The page was opened with ?rpc= and every URL typed since failed to connect.
      assert.equal(await nodeUrlOfFreshPage(), 'ws://127.0.0.1:9944', 'the default, not the link');
      await page.$eval('#node-url', (input, value) => (input.value = value), dev.node.wsUrl);
      await page.click('#connect-form button');
      await textOf('#connection', (text) => text.startsWith('Connected'), 'connected again');
      assert.equal(await nodeUrlOfFreshPage(), dev.node.wsUrl, 'the typed node');
    },
  );
});
