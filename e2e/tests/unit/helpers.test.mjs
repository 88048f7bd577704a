// Unit tests of the pure helpers the e2e tests rely on (no node needed).

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { describe, it } from 'node:test';

import { TypeRegistry } from '@polkadot/types';

import {
  addDevValidators,
  devValidatorKeys,
  parseJsonKeepingBigIntegers,
  stringifyJsonKeepingBigIntegers,
} from '../../lib/chainspec.mjs';
import { SNARKJS_DIR } from '../../lib/constants.mjs';
import {
  FinalityLatencyTracker,
  formatLatencyLine,
  percentile,
  summarize,
} from '../../lib/finality.mjs';
import {
  fetchMetrics,
  formatPowMetrics,
  metricsByName,
  metricValue,
  parsePrometheusText,
  readPowMetrics,
  requireMetric,
} from '../../lib/metrics.mjs';
import { freeLoopbackPorts, standardArgs } from '../../lib/node.mjs';
import {
  contentHash,
  DTYPE,
  encodeF32Vector,
  encodeMerkleStatement,
  encodeModelActionPayload,
  encodeModelUpdatePayload,
  encodeVector,
  fieldBytes,
  g1FromSnarkjs,
  g2FromSnarkjs,
  ML_DSA_65,
  merkleLeafHash,
  merkleProof,
  merkleRoot,
  merkleRootFromProof,
  mlDsa65Value,
  mlDsaKeypair,
  mlDsaSign,
  mlDsaSigner,
  mlDsaVerify,
  PURPOSE,
  pqValue,
  proofOfPossession,
  signingMessage,
  signModelAction,
  signModelUpdate,
  statementHash,
  verifyingKeyFromSnarkjs,
} from '../../lib/proofs.mjs';
import {
  assertPowThenBabeSeals,
  authorOf,
  blockRate,
  decodeBabePreDigest,
  decodeSeals,
  formatBlockRate,
} from '../../lib/seal.mjs';
import {
  blockCommands,
  readmeDevNodeCommand,
  readmeNetworkCommands,
  codeBlocks,
  shellBlocks,
  shellWords,
  substituteMachineArgs,
} from '../../lib/readme.mjs';
import { lastLines, positiveIntegerFromEnv, waitFor } from '../../lib/util.mjs';

describe('percentile / summarize', () => {
  it('uses the nearest rank', () => {
    const values = Array.from({ length: 20 }, (_, i) => i + 1); // 1..20
    assert.equal(percentile(values, 50), 10);
    assert.equal(percentile(values, 95), 19);
    assert.equal(percentile(values, 100), 20);
    assert.equal(percentile([7], 95), 7);
    assert.throws(() => percentile([], 50));
  });

  it('summarizes unsorted values and formats the report line', () => {
    const summary = summarize([3000, 1000, 2000, 4000]);
    assert.deepEqual(summary, { count: 4, min: 1000, p50: 2000, p95: 4000, max: 4000, mean: 2500 });
    assert.equal(
      formatLatencyLine(summary),
      'finality latency over 4 blocks: p50=2000ms p95=4000ms max=4000ms',
    );
  });
});

describe('FinalityLatencyTracker', () => {
  it('ignores everything before start and blocks up to the start block', () => {
    const tracker = new FinalityLatencyTracker();
    tracker.recordBestHead(11, 0);
    tracker.recordFinalizedHead(11, 10);
    tracker.start(10);
    tracker.recordBestHead(10, 100);
    tracker.recordFinalizedHead(10, 200);
    assert.deepEqual(tracker.samples(), []);
  });

  it('lets one finalized head cover all earlier blocks and keeps the earliest times', () => {
    const tracker = new FinalityLatencyTracker();
    tracker.start(10);
    tracker.recordBestHead(11, 1000);
    tracker.recordBestHead(11, 1100); // seen again on another node: ignored
    tracker.recordBestHead(12, 3000);
    tracker.recordBestHead(14, 7000); // #13 was never a best head
    tracker.recordFinalizedHead(12, 5000);
    tracker.recordFinalizedHead(12, 5500); // same finality on another node: ignored
    tracker.recordFinalizedHead(14, 9000);
    assert.deepEqual(tracker.samples(), [
      { number: 11, latencyMs: 4000 },
      { number: 12, latencyMs: 2000 },
      { number: 14, latencyMs: 2000 },
    ]);
  });

  it('skips blocks first seen as best only after they were finalized', () => {
    const tracker = new FinalityLatencyTracker();
    tracker.start(0);
    tracker.recordFinalizedHead(3, 500);
    tracker.recordBestHead(3, 600);
    tracker.recordBestHead(4, 700);
    tracker.recordFinalizedHead(4, 900);
    assert.deepEqual(tracker.samples(), [{ number: 4, latencyMs: 200 }]);
  });
});

describe('node arguments and ports', () => {
  it('keeps every node on loopback with its own base path and ports', () => {
    const args = standardArgs({
      basePath: '/tmp/x/data',
      ports: { rpc: 1001, p2p: 1002, prometheus: 1003 },
    });
    const value = (flag) => args[args.indexOf(flag) + 1];
    assert.equal(value('--base-path'), '/tmp/x/data');
    assert.equal(value('--rpc-port'), '1001');
    assert.equal(value('--prometheus-port'), '1003');
    assert.equal(value('--listen-addr'), '/ip4/127.0.0.1/tcp/1002');
    assert.equal(value('--rpc-cors'), 'all');
    assert.ok(!args.includes('--port'), 'sc-cli rejects --port together with --listen-addr');
    assert.ok(!args.some((arg) => /external/.test(arg)), 'nothing is exposed beyond loopback');
  });

  it('hands out distinct ports that can be bound on 127.0.0.1', async () => {
    const first = await freeLoopbackPorts(3);
    const second = await freeLoopbackPorts(3);
    const all = [...first, ...second];
    assert.equal(new Set(all).size, all.length);
    for (const port of all) {
      const server = net.createServer();
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', resolve);
      });
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("the README's commands (lib/readme.mjs)", () => {
  it('splits command lines into words as the shell does', () => {
    assert.deepEqual(shellWords(`a "b $X c" 'd $X' e\\ f \${X}g # a comment`, { X: 'y' }), [
      'a',
      'b y c',
      'd $X',
      'e f',
      'yg',
    ]);
    assert.deepEqual(shellWords('   # only a comment'), []);
    for (const line of ['a | b', 'a && b', 'a; b', 'a > f', 'a $(b)', 'a `b`', "a 'b", 'a $Z']) {
      assert.throws(() => shellWords(line), `${line} is refused`);
    }
  });

  it('finds the shell blocks under their headings and joins continued lines', () => {
    const markdown = [
      '# Title',
      '```sh',
      'B=/opt/node',
      '$B --one \\',
      '   --two   # first',
      '',
      '```',
      '## Other',
      '```js',
      'ignored()',
      '```',
      '```sh',
      'echo "$HOME"',
      '```',
    ].join('\n');
    const blocks = shellBlocks(markdown);
    assert.deepEqual(
      blocks.map(({ heading }) => heading),
      ['Title', 'Other'],
    );
    assert.deepEqual(
      blockCommands(blocks[0]).map(({ words }) => words),
      [['/opt/node', '--one', '--two']],
    );
    assert.deepEqual(blockCommands(blocks[1], { home: '/h' })[0].words, ['echo', '/h']);
    assert.throws(() => shellBlocks('```sh\nnever closed'), /never closed/);
    assert.deepEqual(
      codeBlocks(markdown, 'js'),
      [{ heading: 'Other', lines: ['ignored()'] }],
      'another language: only its blocks',
    );
  });

  it('replaces only ports, base paths and bootnode ports, and adds the ports not given', () => {
    const ports = { rpc: 41001, p2p: 41002, prometheus: 41003 };
    const args = substituteMachineArgs(
      ['--chain', 'local', '--base-path', '/tmp/a', '--port', '30333', '--rpc-port', '9944'],
      { basePath: '/x/data', ports },
    );
    assert.deepEqual(args, [
      '--chain',
      'local',
      '--base-path',
      '/x/data',
      '--port',
      '41002',
      '--rpc-port',
      '41001',
      '--prometheus-port',
      '41003',
    ]);
    const peer = '12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp';
    const bootnodes = new Map([['30333', '41777']]);
    const withBootnode = substituteMachineArgs(
      ['--bootnodes', `/ip4/127.0.0.1/tcp/30333/p2p/${peer}`],
      { basePath: '/x', ports, bootnodes },
    );
    assert.equal(withBootnode[1], `/ip4/127.0.0.1/tcp/41777/p2p/${peer}`);
    assert.throws(
      () =>
        substituteMachineArgs(['--bootnodes', `/ip4/127.0.0.1/tcp/30999/p2p/${peer}`], {
          basePath: '/x',
          ports,
          bootnodes,
        }),
      /not the address of a node started before/,
    );
  });

  it("reads the README's dev node and three validators", () => {
    const ports = { rpc: 41001, p2p: 41002, prometheus: 41003 };
    const dev = readmeDevNodeCommand()({ basePath: '/x/data', ports });
    assert.match(dev.program, /scripts\/run-dev-node\.sh$/);
    assert.deepEqual(dev.env, { AEGIS_WEB: '0' }, 'the page is served only where a test asks');
    const withPage = readmeDevNodeCommand({ webPort: 41004 })({ basePath: '/x/data', ports });
    assert.deepEqual(withPage.env, { AEGIS_WEB_PORT: '41004' });

    const network = readmeNetworkCommands();
    assert.deepEqual(
      network.map(({ name }) => name),
      ['alice', 'bob', 'charlie'],
    );
    const argvs = network.map(({ command }, i) =>
      command({
        binary: '/bin/aegis-node',
        basePath: `/x/${i}`,
        ports: { ...ports, p2p: 42000 + i },
      }),
    );
    for (const { program, argv } of argvs) {
      assert.equal(program, '/bin/aegis-node');
      const value = (flag) => argv[argv.indexOf(flag) + 1];
      assert.equal(value('--chain'), 'local');
      assert.ok(argv.includes('--validator'));
      assert.match(value('--node-key') ?? '', /^[0-9a-f]{64}$/, 'every validator has a node key');
    }
    // Bob and Charlie find Alice where the tests started her.
    for (const { argv } of argvs.slice(1)) {
      assert.match(argv[argv.indexOf('--bootnodes') + 1], /\/tcp\/42000\/p2p\//);
    }
  });
});

describe('util', () => {
  it('reads positive integers from the environment', () => {
    const name = 'AEGIS_E2E_HELPERS_TEST_VALUE';
    delete process.env[name];
    assert.equal(positiveIntegerFromEnv(name, 30), 30);
    process.env[name] = '100';
    assert.equal(positiveIntegerFromEnv(name, 30), 100);
    for (const bad of ['0', '-3', '2.5', 'many']) {
      process.env[name] = bad;
      assert.throws(() => positiveIntegerFromEnv(name, 30), new RegExp(name));
    }
    delete process.env[name];
  });

  it('returns the last lines of a text', () => {
    assert.equal(lastLines('a\nb\nc\n', 2), 'b\nc');
    assert.equal(lastLines('a', 5), 'a');
  });

  it('waits for a value, treating 0 as a value and throwing on timeout', async () => {
    let calls = 0;
    assert.equal(
      await waitFor('zero', () => (++calls < 3 ? undefined : 0), {
        timeoutMs: 2000,
        intervalMs: 1,
      }),
      0,
    );
    await assert.rejects(
      waitFor(
        'never',
        () => {
          throw new Error('boom');
        },
        { timeoutMs: 50, intervalMs: 10 },
      ),
      /timed out after 0.05s waiting for never \(last error: boom\)/,
    );
  });
});

// ---------------------------------------------------------------------------------------
// Prometheus metrics

/** What the node's registry exports: Substrate's `substrate_` prefix and a chain label. */
const SAMPLE_METRICS = `# HELP substrate_aegis_pow_hash_rate Hashes per second of the last sealing
# TYPE substrate_aegis_pow_hash_rate gauge
substrate_aegis_pow_hash_rate{chain="local_testnet"} 1523412.5
# HELP substrate_aegis_pow_sealing_seconds Time spent mining the proof-of-work seal
# TYPE substrate_aegis_pow_sealing_seconds histogram
substrate_aegis_pow_sealing_seconds_bucket{chain="local_testnet",le="0.001"} 0
substrate_aegis_pow_sealing_seconds_bucket{chain="local_testnet",le="0.05"} 3
substrate_aegis_pow_sealing_seconds_bucket{chain="local_testnet",le="+Inf"} 4
substrate_aegis_pow_sealing_seconds_sum{chain="local_testnet"} 0.1
substrate_aegis_pow_sealing_seconds_count{chain="local_testnet"} 4
# TYPE substrate_aegis_pow_sealed_blocks_total counter
substrate_aegis_pow_sealed_blocks_total{chain="local_testnet"} 4
substrate_aegis_pow_sealing_timeouts_total{chain="local_testnet"} 0
substrate_aegis_pow_rejected_seals_total{chain="local_testnet"} 0
substrate_block_height{status="best",chain="local_testnet"} 12
substrate_block_height{status="finalized",chain="local_testnet"} 10
`;

describe('Prometheus metrics', () => {
  it('parses samples with labels, escapes, special values and timestamps', () => {
    const samples = parsePrometheusText(
      [
        '# HELP x_total A counter',
        '',
        'x_total 3',
        'y{a="1", b="with \\"quotes\\", commas, } and \\\\"} 2.5 1700000000000',
        'z{le="+Inf"} +Inf',
        'w { } NaN',
        'v -Inf',
        'u 1e-3',
      ].join('\n'),
    );
    assert.deepEqual(samples.slice(0, 2), [
      { name: 'x_total', labels: {}, value: 3 },
      { name: 'y', labels: { a: '1', b: 'with "quotes", commas, } and \\' }, value: 2.5 },
    ]);
    assert.deepEqual(samples.slice(2, 4), [
      { name: 'z', labels: { le: '+Inf' }, value: Infinity },
      { name: 'w', labels: {}, value: NaN },
    ]);
    assert.equal(samples[4].value, -Infinity);
    assert.equal(samples[5].value, 0.001);
    assert.throws(() => parsePrometheusText('broken{a="1" 2'), /malformed/);
    assert.throws(() => parsePrometheusText('novalue'), /malformed/);
  });

  it('sums over label sets, drops histogram buckets, and accepts the substrate_ prefix', () => {
    const metrics = metricsByName(parsePrometheusText(SAMPLE_METRICS));
    assert.equal(metricValue(metrics, 'substrate_block_height'), 22);
    assert.equal(metricValue(metrics, 'aegis_pow_sealed_blocks_total'), 4);
    assert.equal(metricValue(metrics, 'aegis_pow_sealing_seconds_sum'), 0.1);
    assert.equal(metricValue(metrics, 'aegis_pow_sealing_seconds_count'), 4);
    assert.equal(metricValue(metrics, 'aegis_pow_sealing_seconds_bucket'), undefined);
    assert.equal(metricValue(metrics, 'aegis_pow_missing_total'), undefined);

    const unprefixed = metricsByName(parsePrometheusText('aegis_pow_hash_rate 7\n'));
    assert.equal(requireMetric(unprefixed, 'aegis_pow_hash_rate', 'alice'), 7);
    assert.throws(
      () => requireMetric(unprefixed, 'aegis_pow_sealed_blocks_total', 'alice'),
      /alice: metric aegis_pow_sealed_blocks_total .* is not exported .*aegis_pow_hash_rate/,
    );
  });

  it("fetches a node's /metrics from its Prometheus port", async () => {
    const server = http.createServer((request, response) => {
      response.writeHead(request.url === '/metrics' ? 200 : 404, {
        'content-type': 'text/plain; version=0.0.4',
      });
      response.end(request.url === '/metrics' ? SAMPLE_METRICS : '');
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const node = { name: 'fake', prometheusPort: server.address().port };
    try {
      const metrics = await fetchMetrics(node);
      assert.equal(metricValue(metrics, 'aegis_pow_hash_rate'), 1523412.5);
      const pow = await readPowMetrics(node);
      assert.deepEqual(pow, {
        sealedBlocks: 4,
        sealingTimeouts: 0,
        rejectedSeals: 0,
        hashRate: 1523412.5,
        sealings: 4,
        meanSealingMs: 25,
      });
      assert.equal(
        formatPowMetrics('fake', pow),
        'fake: sealed 4 blocks, mean sealing time 25.0 ms (4 sealings), ' +
          'last hash rate 1523413 H/s, sealing timeouts 0, rejected seals 0',
      );
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

// ---------------------------------------------------------------------------------------
// Seals

describe('block seals', () => {
  const registry = new TypeRegistry();
  const vrf = { vrfOutput: `0x${'07'.repeat(32)}`, vrfProof: `0x${'09'.repeat(64)}` };
  const preDigest = (value) => registry.createType('RawBabePreDigest', value).toHex();
  const nonceHex = (nonce) => {
    const bytes = Buffer.alloc(8);
    bytes.writeBigUInt64LE(nonce);
    return `0x${bytes.toString('hex')}`;
  };
  const header = (logs) => registry.createType('Header', { number: 7, digest: { logs } });
  const secondaryPlain = { SecondaryPlain: { authorityIndex: 2, slotNumber: 881_234_567 } };
  const babePreRuntime = { PreRuntime: ['BABE', preDigest(secondaryPlain)] };
  const powSeal = { Seal: ['aPoW', nonceHex(0xfedcba9876543210n)] };
  const babeSeal = { Seal: ['BABE', `0x${'11'.repeat(64)}`] };

  it("decodes BABE's pre-digest as polkadot.js encodes it", () => {
    for (const [variant, fields] of [
      ['Primary', vrf],
      ['SecondaryPlain', {}],
      ['SecondaryVRF', vrf],
    ]) {
      const bytes = registry
        .createType('RawBabePreDigest', {
          [variant]: { authorityIndex: 1, slotNumber: 2n ** 40n + 3n, ...fields },
        })
        .toU8a();
      assert.deepEqual(decodeBabePreDigest(bytes), {
        variant,
        authorityIndex: 1,
        slot: 2n ** 40n + 3n,
      });
    }
    assert.throws(() => decodeBabePreDigest(new Uint8Array([0])), /unknown BABE pre-digest/);
    assert.throws(() => decodeBabePreDigest(new Uint8Array([2, 0, 0])), /too short/);
  });

  it("finds the proof-of-work seal second to last and BABE's seal last", () => {
    const grandpa = { Consensus: ['FRNK', '0x0102'] };
    const seals = decodeSeals(header([babePreRuntime, grandpa, powSeal, babeSeal]));
    assert.deepEqual(seals, {
      powNonce: 0xfedcba9876543210n,
      powIndex: 2,
      powSealCount: 1,
      babeSealIndex: 3,
      babeSlot: 881_234_567n,
      authorityIndex: 2,
      logCount: 4,
      layout:
        'PreRuntime(BABE, 13 bytes), Consensus(FRNK, 2 bytes), Seal(aPoW, 8 bytes), ' +
        'Seal(BABE, 64 bytes)',
    });
    assertPowThenBabeSeals(seals, 'block #7');
    assert.equal(authorOf(['alice', 'bob', 'charlie'], seals), 'charlie');
    assert.throws(() => authorOf(['alice'], seals), /out of range/);
  });

  it('rejects missing, misplaced and malformed proof-of-work seals', () => {
    const cases = [
      [[babePreRuntime, babeSeal], /exactly one aPoW seal/],
      [[babePreRuntime, babeSeal, powSeal], /BABE's seal must be last/],
      [[babePreRuntime, powSeal, powSeal, babeSeal], /exactly one aPoW seal/],
      [[powSeal, babePreRuntime, babeSeal], /second to last/],
      [[babePreRuntime, { Seal: ['aPoW', '0x01020304'] }, babeSeal], /must hold a u64/],
      [[powSeal, babeSeal], /no BABE pre-digest/],
    ];
    for (const [logs, message] of cases) {
      const seals = decodeSeals(header(logs));
      assert.throws(() => assertPowThenBabeSeals(seals, 'block #7'), message, seals.layout);
    }
    assert.equal(decodeSeals(header([babePreRuntime, babeSeal])).powNonce, null);
  });

  it('computes the block rate from the first and last BABE slots', () => {
    const rate = blockRate({ firstNumber: 11, lastNumber: 110, firstSlot: 1000n, lastSlot: 1102n });
    assert.deepEqual({ blocks: rate.blocks, slots: rate.slots }, { blocks: 100, slots: 103 });
    assert.equal(formatBlockRate(rate), 'block rate: 100 blocks in 103 slots (97.1 %)');
    assert.equal(
      blockRate({ firstNumber: 5, lastNumber: 5, firstSlot: 9n, lastSlot: 9n }).ratio,
      1,
    );
  });
});

describe('chain spec with more validators', () => {
  const STAKE = '100000000000000001'; // above 2^53: JSON.parse would round it
  const ENDOWMENT = '1000000000000000001';

  /** A spec like `export-chain-spec --chain local` prints, with the big integers as literals. */
  async function localSpecText({ endowed = ['alice', 'bob', 'charlie', 'dave'] } = {}) {
    const keys = {};
    for (const name of ['alice', 'bob', 'charlie', 'dave']) {
      keys[name] = await devValidatorKeys(name);
    }
    const validators = ['alice', 'bob', 'charlie'];
    const patch = {
      balances: { balances: endowed.map((name) => [keys[name].stash, `big:${ENDOWMENT}`]) },
      session: {
        keys: validators.map((name) => {
          const { stash, babe, grandpa } = keys[name];
          return [stash, stash, { babe, grandpa }];
        }),
      },
      staking: {
        invulnerables: validators.map((name) => keys[name].stash),
        minimumValidatorCount: 3,
        slashRewardFraction: 100000000,
        stakers: validators.map((name) => [
          keys[name].stash,
          keys[name].stash,
          `big:${STAKE}`,
          'Validator',
        ]),
        validatorCount: 3,
      },
    };
    const spec = { name: 'Local', genesis: { runtimeGenesis: { code: '0x00', patch } } };
    return { keys, text: JSON.stringify(spec, null, 2).replace(/"big:(\d+)"/g, '$1') };
  }

  it('derives the dev keys that --alice ... --dave insert', async () => {
    assert.deepEqual(await devValidatorKeys('dave'), {
      stash: '5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy',
      babe: '5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy',
      grandpa: '5ECTwv6cZ5nJQPk6tWfaTrEk8YH2L7X1VT4EL5Tx2ikfFwb7',
    });
    assert.equal(
      (await devValidatorKeys('alice')).grandpa,
      '5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu',
    );
  });

  it('keeps integers above 2^53 exact through parse and stringify', () => {
    const text = `{"a": [1, ${STAKE}, "x: 12345678901234567890,"], "b": -${ENDOWMENT}}`;
    const value = parseJsonKeepingBigIntegers(text);
    assert.equal(value.a[2], 'x: 12345678901234567890,');
    assert.equal(value.a[0], 1);
    assert.deepEqual(JSON.parse(stringifyJsonKeepingBigIntegers(value)), {
      a: [1, Number(STAKE), 'x: 12345678901234567890,'],
      b: -Number(ENDOWMENT),
    });
    assert.match(stringifyJsonKeepingBigIntegers(value), new RegExp(`${STAKE},`));
    assert.match(stringifyJsonKeepingBigIntegers(value), new RegExp(`-${ENDOWMENT}\\n`));
  });

  it('adds dave as a validator with the same stake', async () => {
    const { keys, text } = await localSpecText();
    const { specText, validators } = await addDevValidators(text, ['dave']);
    assert.deepEqual(validators, ['alice', 'bob', 'charlie', 'dave']);
    const { session, staking, balances } =
      parseJsonKeepingBigIntegers(specText).genesis.runtimeGenesis.patch;
    const dave = keys.dave;
    assert.deepEqual(session.keys.at(-1), [
      dave.stash,
      dave.stash,
      { babe: dave.babe, grandpa: dave.grandpa },
    ]);
    assert.equal(session.keys.length, 4);
    assert.deepEqual(staking.stakers.at(-1), [
      dave.stash,
      dave.stash,
      `bigint:${STAKE}`,
      'Validator',
    ]);
    assert.deepEqual(staking.invulnerables.at(-1), dave.stash);
    assert.equal(staking.validatorCount, 4);
    assert.equal(staking.minimumValidatorCount, 4);
    assert.equal(staking.slashRewardFraction, 100000000);
    assert.equal(balances.balances.length, 4);
    assert.ok(specText.includes(`${STAKE},`), 'the stake is written as an exact literal');
    assert.ok(specText.includes(`${ENDOWMENT}\n`), 'the balances are written as exact literals');
  });

  it('refuses validators that are not endowed or already present', async () => {
    const { text } = await localSpecText({ endowed: ['alice', 'bob', 'charlie'] });
    await assert.rejects(addDevValidators(text, ['dave']), /dave .* is not endowed/);
    await assert.rejects(addDevValidators(text, ['bob']), /bob is already a validator/);
    await assert.rejects(addDevValidators(text, ['zoe']), /zoe is not a dev account name/);
  });
});

// ---------------------------------------------------------------------------------------
// lib/proofs.mjs

/** Reference vectors written by primitives/integrity/test-vectors/generate.py (Python). */
async function integrityVectors() {
  const url = new URL('../../../primitives/integrity/test-vectors/vectors.json', import.meta.url);
  return JSON.parse(await readFile(url, 'utf8'));
}

const hex = (bytes) => Buffer.from(bytes).toString('hex');
const unhex = (text) => Uint8Array.from(Buffer.from(text, 'hex'));

describe('Merkle tree (lib/proofs.mjs)', () => {
  it('matches the Python reference vectors the Rust tests check', async () => {
    const { merkle_trees: trees } = await integrityVectors();
    assert.ok(trees.length >= 8, 'the vectors hold trees of several sizes');
    for (const tree of trees) {
      const what = `tree of ${tree.shards_hex.length}`;
      const leaves = tree.shards_hex.map((shard) => merkleLeafHash(unhex(shard)));
      assert.deepEqual(leaves.map(hex), tree.leaf_hashes, `${what}: leaf hashes`);
      const root = merkleRoot(leaves);
      assert.equal(hex(root), tree.root, `${what}: root`);
      tree.proofs.forEach((siblings, index) => {
        const proof = merkleProof(leaves, index);
        assert.deepEqual(proof.siblings.map(hex), siblings, `${what}: proof of leaf ${index}`);
        assert.equal(hex(merkleRootFromProof(leaves[index], proof)), tree.root);
      });
    }
  });

  it('rejects proofs of the wrong length, index or leaf', () => {
    const leaves = [0, 1, 2, 3, 4, 5, 6].map((i) => merkleLeafHash(`shard ${i}`));
    const root = hex(merkleRoot(leaves));
    const proof = merkleProof(leaves, 3);
    assert.equal(
      merkleRootFromProof(leaves[3], { ...proof, siblings: proof.siblings.slice(1) }),
      null,
    );
    assert.equal(
      merkleRootFromProof(leaves[3], { ...proof, siblings: [...proof.siblings, leaves[0]] }),
      null,
    );
    assert.equal(merkleRootFromProof(leaves[3], { ...proof, leafIndex: 7 }), null);
    assert.notEqual(hex(merkleRootFromProof(leaves[4], proof)), root);
    assert.notEqual(hex(merkleRootFromProof(leaves[3], { ...proof, leafCount: 8 })), root);
    assert.throws(() => merkleRoot([]), /at least one leaf/);
    assert.throws(() => merkleProof(leaves, 7), /not one of 7/);
  });

  it('encodes a Merkle statement as polkadot.js does for the same types', () => {
    const registry = new TypeRegistry();
    registry.register({
      DemoMerkleProof: { leafIndex: 'u32', leafCount: 'u32', siblings: 'Vec<[u8;64]>' },
      DemoStatement: {
        _enum: {
          MerkleInclusion: { root: '[u8;64]', leafHash: '[u8;64]', proof: 'DemoMerkleProof' },
          Other: 'u8',
        },
      },
    });
    const leaves = ['a', 'b', 'c'].map(merkleLeafHash);
    const statement = {
      root: merkleRoot(leaves),
      leafHash: leaves[2],
      proof: merkleProof(leaves, 2),
    };
    const encoded = encodeMerkleStatement(statement);
    assert.equal(
      hex(encoded),
      hex(registry.createType('DemoStatement', { MerkleInclusion: statement }).toU8a()),
    );
    assert.equal(encoded.length, 1 + 64 + 64 + 4 + 4 + 1 + 64);
  });
});

describe('ML-DSA-65 messages and signatures (lib/proofs.mjs)', () => {
  it('builds the signing messages of the reference vectors', async () => {
    const { signing_messages: messages } = await integrityVectors();
    assert.ok(messages.length > 0);
    for (const vector of messages) {
      const message = signingMessage(
        unhex(vector.genesis_hex),
        unhex(vector.purpose_hex),
        unhex(vector.payload_hex),
      );
      assert.equal(hex(message), vector.message_hex);
    }
    assert.throws(() => signingMessage(new Uint8Array(32), 'p'.repeat(65), ''), /at most 64/);
  });

  it('signs with the context "aegis/v1" and verifies only the message signed', () => {
    const { publicKey, secretKey } = mlDsaKeypair(new Uint8Array(32).fill(3));
    assert.equal(hex(mlDsaKeypair(new Uint8Array(32).fill(3)).publicKey), hex(publicKey));
    assert.equal(publicKey.length, ML_DSA_65.publicKeyBytes);
    const message = { genesisHash: new Uint8Array(32).fill(7), purpose: 'app', payload: 'v2' };
    const signature = mlDsaSign(secretKey, message);
    assert.equal(signature.length, ML_DSA_65.signatureBytes);
    assert.ok(mlDsaVerify(publicKey, message, signature));
    assert.ok(!mlDsaVerify(publicKey, { ...message, payload: 'v3' }, signature));
    assert.ok(!mlDsaVerify(publicKey, { ...message, purpose: PURPOSE.MODEL_UPDATE }, signature));
    assert.ok(!mlDsaVerify(publicKey, message, mlDsaSign(secretKey, message, { context: null })));
    const deterministic = mlDsaSign(secretKey, message, { deterministic: true });
    assert.equal(hex(mlDsaSign(secretKey, message, { deterministic: true })), hex(deterministic));
    assert.ok(mlDsaVerify(publicKey, message, deterministic));

    const account = new Uint8Array(32).fill(0xaa);
    const possession = proofOfPossession(secretKey, message.genesisHash, account);
    const signed = { genesisHash: message.genesisHash, purpose: PURPOSE.KEY_POSSESSION };
    assert.ok(mlDsaVerify(publicKey, { ...signed, payload: account }, possession));
    assert.throws(() => mlDsaKeypair(new Uint8Array(31)), /32 bytes/);
  });

  it('signs with every ML-DSA parameter set, and shapes keys and signatures as the chain takes them', () => {
    const seed = new Uint8Array(32).fill(4);
    const message = { genesisHash: new Uint8Array(32).fill(7), purpose: 'app', payload: 'v2' };
    const lengths = { MlDsa44: [1312, 2420], MlDsa65: [1952, 3309], MlDsa87: [2592, 4627] };
    for (const [variant, [keyBytes, signatureBytes]] of Object.entries(lengths)) {
      const signer = mlDsaSigner(variant, seed);
      const signature = signer.sign(message);
      assert.deepEqual([signer.publicKey.length, signature.length], [keyBytes, signatureBytes]);
      assert.equal(hex(signer.sign(message)), hex(signature), `${variant} signs deterministically`);
      assert.deepEqual(pqValue(variant, signature), { [variant]: `0x${hex(signature)}` });
    }
    // The ML-DSA-65 signer is mlDsaSign's deterministic variant with the same key.
    const { publicKey, secretKey } = mlDsaKeypair(seed);
    const signer = mlDsaSigner('MlDsa65', seed);
    assert.equal(hex(signer.publicKey), hex(publicKey));
    assert.equal(
      hex(signer.sign(message)),
      hex(mlDsaSign(secretKey, message, { deterministic: true })),
    );
    assert.deepEqual(mlDsa65Value(publicKey), { MlDsa65: `0x${hex(publicKey)}` });
    assert.throws(() => mlDsaSigner('SlhDsaSha2_128s', seed), /not an ML-DSA parameter set/);
  });

  it('hashes statements with the domain "aegis/statement/v1"', () => {
    // Python: hashlib.sha3_256(b'aegis/statement/v1' + bytes([0, 1, 2])).hexdigest()
    assert.equal(
      hex(statementHash(Uint8Array.from([0, 1, 2]))),
      '5de30529d219afcd4f1fe0448402a0d81a6fb098f27bd8b6834a9250eaab5b19',
    );
  });
});

describe('snarkjs Groth16 JSON (lib/proofs.mjs)', () => {
  it('writes decimals as 32 big-endian bytes and keeps snarkjs coordinate order', async () => {
    assert.equal(hex(fieldBytes('33')), `${'00'.repeat(31)}21`);
    assert.equal(hex(fieldBytes(((1n << 256n) - 1n).toString())), 'ff'.repeat(32));
    assert.throws(() => fieldBytes((1n << 256n).toString()), /more than 32 bytes/);
    assert.throws(() => fieldBytes('0x21'), /decimal string/);
    assert.throws(() => g1FromSnarkjs(['1', '2', '0']), /affine/);
    assert.throws(
      () =>
        g2FromSnarkjs([
          ['1', '2'],
          ['3', '4'],
          ['0', '0'],
        ]),
      /affine/,
    );
    const g2 = g2FromSnarkjs([
      ['1', '2'],
      ['3', '4'],
      ['1', '0'],
    ]);
    assert.deepEqual(
      [...g2.x, ...g2.y].map((bytes) => bytes[31]),
      [1, 2, 3, 4],
    );

    const url = new URL('verification_key.json', SNARKJS_DIR);
    const vk = JSON.parse(await readFile(url, 'utf8'));
    const converted = verifyingKeyFromSnarkjs(vk);
    assert.equal(converted.ic.length, vk.nPublic + 1);
    const asDecimal = (bytes) => BigInt(`0x${hex(bytes)}`).toString();
    assert.equal(asDecimal(converted.alpha.y), vk.vk_alpha_1[1]);
    assert.equal(asDecimal(converted.beta.x[1]), vk.vk_beta_2[0][1]);
    assert.equal(asDecimal(converted.delta.y[0]), vk.vk_delta_2[1][0]);
    assert.equal(asDecimal(converted.ic[2].x), vk.IC[2][0]);
  });
});

describe('model content and updates (lib/proofs.mjs)', () => {
  it('encodes vectors as the Python reference vectors do', async () => {
    const { vectors } = await integrityVectors();
    assert.ok(vectors.length >= 2, 'the reference holds vectors');
    const byCode = new Map(Object.values(DTYPE).map((dtype) => [dtype.code, dtype]));
    for (const vector of vectors) {
      const what = `dtype ${vector.dtype}, shape [${vector.shape}]`;
      const encoded = encodeVector(byCode.get(vector.dtype), vector.shape, unhex(vector.data_hex));
      assert.equal(hex(encoded), vector.encoding_hex, `${what}: encoding`);
      assert.equal(hex(contentHash(encoded)), vector.content_hash, `${what}: content hash`);
    }
  });

  it('writes the header, f32 values little-endian, and checks the shape', () => {
    const encoded = encodeF32Vector([2, 1], [1.5, -2]);
    assert.equal(
      hex(encoded),
      // "AEGISVEC", version 1, f32 (0), rank 2, reserved 0, dims 2 and 1 (u64 LE), 1.5, -2.0
      `${hex(Buffer.from('AEGISVEC'))}01000200${'0200000000000000'}${'0100000000000000'}` +
        '0000c03f000000c0',
    );
    assert.throws(() => encodeVector(DTYPE.F32, [], new Uint8Array()), /1 to 8 dimensions/);
    assert.throws(() => encodeVector(DTYPE.I8, [2, 0], new Uint8Array()), /dimension is zero/);
    assert.throws(() => encodeVector(DTYPE.F16, [3], new Uint8Array(4)), /needs 6 bytes/);
    assert.equal(
      hex(contentHash('abc')),
      // Python: hashlib.sha3_512(b'abc').hexdigest()
      'b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e' +
        '10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0',
    );
  });

  const payload = {
    model: 1,
    version: 2,
    parent: 1,
    contentHash: new Uint8Array(64).fill(3),
    merkleRoot: new Uint8Array(64).fill(4),
    shardCount: 5,
    byteSize: 6,
    nonce: 7,
  };

  it('encodes the update payload field by field, as the Rust unit test expects', () => {
    const encoded = encodeModelUpdatePayload(payload);
    assert.equal(encoded.length, 4 + 4 + 5 + 64 + 64 + 4 + 8 + 8);
    assert.deepEqual([...encoded.subarray(0, 13)], [1, 0, 0, 0, 2, 0, 0, 0, 1, 1, 0, 0, 0]);
    assert.deepEqual([...encoded.subarray(-8)], [7, 0, 0, 0, 0, 0, 0, 0]);
    const first = encodeModelUpdatePayload({ ...payload, version: 1, parent: null });
    assert.equal(first.length, encoded.length - 4);
    assert.deepEqual([...first.subarray(0, 9)], [1, 0, 0, 0, 1, 0, 0, 0, 0]);
    assert.throws(
      () => encodeModelUpdatePayload({ ...payload, merkleRoot: new Uint8Array(32) }),
      /merkleRoot must be 64 bytes/,
    );

    const registry = new TypeRegistry();
    registry.register({
      DemoUpdatePayload: {
        model: 'u32',
        version: 'u32',
        parent: 'Option<u32>',
        contentHash: '[u8;64]',
        merkleRoot: '[u8;64]',
        shardCount: 'u32',
        byteSize: 'u64',
        nonce: 'u64',
      },
    });
    const large = { ...payload, byteSize: 2n ** 40n + 5n, nonce: 2n ** 63n };
    for (const value of [payload, { ...payload, parent: null }, large]) {
      assert.equal(
        hex(encodeModelUpdatePayload(value)),
        hex(registry.createType('DemoUpdatePayload', value).toU8a()),
      );
    }
  });

  it('signs updates for the purpose "aegis/model-update"', () => {
    const { publicKey, secretKey } = mlDsaKeypair(new Uint8Array(32).fill(9));
    const genesisHash = new Uint8Array(32).fill(1);
    const signature = signModelUpdate(secretKey, genesisHash, payload);
    const signed = { genesisHash, purpose: PURPOSE.MODEL_UPDATE };
    const encoded = encodeModelUpdatePayload(payload);
    assert.ok(mlDsaVerify(publicKey, { ...signed, payload: encoded }, signature));
    const otherNonce = encodeModelUpdatePayload({ ...payload, nonce: 8 });
    assert.ok(!mlDsaVerify(publicKey, { ...signed, payload: otherNonce }, signature));
  });

  it('encodes owner actions as SCALE of ModelActionPayload, and signs them for their purpose', () => {
    const account = new Uint8Array(32).fill(5);
    const registry = new TypeRegistry();
    registry.register({
      DemoSigning: { keys: 'Vec<u32>', threshold: 'u32' },
      DemoPolicy: {
        signing: 'Option<DemoSigning>',
        zkVerifyingKey: 'Option<u32>',
        contributors: 'Vec<[u8;32]>',
      },
      DemoAction: {
        _enum: {
          SetPolicy: 'DemoPolicy',
          TransferOwnership: '[u8;32]',
          Deprecate: 'Null',
          Revoke: 'Null',
        },
      },
      DemoActionPayload: { model: 'u32', nonce: 'u64', action: 'DemoAction' },
    });
    const policy = {
      signing: { keys: [3, 70_000], threshold: 1 },
      zkVerifyingKey: null,
      contributors: [account, account],
    };
    const open = { signing: null, zkVerifyingKey: 4, contributors: [] };
    const cases = [
      [{ setPolicy: policy }, { SetPolicy: policy }],
      [{ setPolicy: open }, { SetPolicy: open }],
      [{ transferOwnership: account }, { TransferOwnership: account }],
      ['deprecate', 'Deprecate'],
      ['revoke', 'Revoke'],
    ];
    for (const [action, typed] of cases) {
      const value = { model: 3, nonce: 2n ** 40n + 9n, action };
      assert.equal(
        hex(encodeModelActionPayload(value)),
        hex(registry.createType('DemoActionPayload', { ...value, action: typed }).toU8a()),
        JSON.stringify(typed),
      );
    }
    // As the Rust unit test has it: model, nonce, variant index, the account.
    const transfer = encodeModelActionPayload({
      model: 3,
      nonce: 9,
      action: { transferOwnership: account },
    });
    assert.deepEqual([...transfer.subarray(0, 13)], [3, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 1]);
    assert.throws(
      () => encodeModelActionPayload({ model: 0, nonce: 0, action: 'pause' }),
      /unknown/,
    );

    const { publicKey, secretKey } = mlDsaKeypair(new Uint8Array(32).fill(9));
    const genesisHash = new Uint8Array(32).fill(1);
    const deprecate = { model: 3, nonce: 9, action: 'deprecate' };
    const signature = signModelAction(secretKey, genesisHash, deprecate);
    const encoded = encodeModelActionPayload(deprecate);
    assert.ok(
      mlDsaVerify(
        publicKey,
        { genesisHash, purpose: PURPOSE.MODEL_ACTION, payload: encoded },
        signature,
      ),
    );
    assert.ok(
      !mlDsaVerify(
        publicKey,
        { genesisHash, purpose: PURPOSE.MODEL_UPDATE, payload: encoded },
        signature,
      ),
      'an action signature is no update signature',
    );
  });
});
