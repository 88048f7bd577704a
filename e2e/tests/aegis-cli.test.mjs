// The `aegis` command (cli/) checked against independent implementations and a real node.
//
// Offline, against @noble:
// - ML-DSA-65: a key `aegis key generate` writes derives, from its seed, the public key
//   @noble/post-quantum derives; noble verifies `aegis update sign`'s signature over the payload
//   SCALE-encoded here by hand; `aegis update verify` accepts noble's signature and refuses it
//   altered (exit code 3).
// - X-Wing (ML-KEM-768 + X25519): aegis and noble's `ml_kem768_x25519` derive the same public
//   key from a seed; a vault file written here from the format in docs/aegis-cli.md (noble's
//   X-Wing encapsulation, SHA3-256 key derivation, ChaCha20-Poly1305 STREAM chunks) decrypts
//   with `aegis vault decrypt`, and a vault `aegis vault encrypt` wrote decrypts here.
//
// On a `--dev` node, as a model owner would use it:
// - `aegis submit register-key` registers an ML-DSA key (proof of possession made by aegis),
//   `register-model` a model whose policy demands that key, `update` publishes a model file:
//   the version on chain carries exactly the hashes @noble/hashes computes from the file.
// - A shard proof from `aegis model proof` verifies through `ModelRegistryApi_verify_shard`
//   and offline against the root read from the chain; `submit attest-shard` records it.
// - Two signers: a model whose policy needs two keys takes an update each signed apart with
//   `aegis update sign` and joined by `aegis update combine` (which refuses a key twice);
//   `submit update` with one of them is refused before sending (the policy's threshold), and
//   the same signatures cannot publish twice (the nonce moved on). A new policy for it is
//   authorised the same way (`aegis action sign` by each, `action combine`, `submit
//   set-policy --signatures`): one signer's file is refused, so is a file for another policy
//   or an older nonce.
// - Owner actions on that model need the ML-DSA key: `submit set-policy` and
//   `submit deprecate-model` without `--key` fail before sending, naming the policy's
//   threshold; with it, aegis signs the action (purpose `aegis/model-action`, the nonce read
//   from the node) and the policy changes, the model is deprecated.
// - `--print-call` prints call data polkadot.js decodes to the intended call.
// - Failures are clear and non-zero: the same file again (`DuplicateContentHash`), an account
//   without stake (the pool's stake gate).

import assert from 'node:assert/strict';
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { sha3_256, sha3_512, shake256 } from '@noble/hashes/sha3.js';
import { ml_kem768_x25519 } from '@noble/post-quantum/hybrid.js';
import { ml_dsa44, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { slh_dsa_sha2_128f, slh_dsa_sha2_128s } from '@noble/post-quantum/slh-dsa.js';
import { hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';

import {
  encodeModelUpdatePayload,
  merkleLeafHash,
  merkleRoot,
  mlDsaKeypair,
  mlDsaSign,
  mlDsaVerify,
  PURPOSE,
  signingMessage,
} from '../lib/proofs.mjs';
import { aegis, aegisOk, fixedBytes } from '../lib/cli.mjs';
import { devNodeSuite } from '../lib/suite.mjs';

const TEST_TIMEOUT_MS = 300_000;
const EXIT_CHECK_FAILED = 3;

/** Fresh random bytes (node's CSPRNG; noble's helper stops at 64 KiB). */
function randomBytes(length) {
  return new Uint8Array(nodeRandomBytes(length));
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** An aegis key file without a passphrase, for a seed chosen here. */
function writeKeyFiles(dir, name, algorithm, seed, publicKey) {
  const pub = { aegis_key_file: 1, algorithm, public_key: u8aToHex(publicKey) };
  writeFileSync(join(dir, `${name}.pub`), JSON.stringify(pub));
  writeFileSync(
    join(dir, name),
    JSON.stringify({ ...pub, protection: 'none', seed: u8aToHex(seed) }),
    { mode: 0o600 },
  );
}

// ---------------------------------------------------------------------------------------
// The vault format (docs/aegis-cli.md), written from the documentation

const VAULT_MAGIC = new TextEncoder().encode('AEGISVLT');
const VAULT_KEY_DOMAIN = new TextEncoder().encode('aegis/vault/v1/payload-key');
const XWING_CIPHERTEXT_BYTES = 1120;
const VAULT_HEADER_BYTES = 12 + 32 + XWING_CIPHERTEXT_BYTES;
const TAG_BYTES = 16;

function vaultNonce(index, last) {
  const nonce = new Uint8Array(12);
  new DataView(nonce.buffer).setBigUint64(3, BigInt(index));
  nonce[11] = last ? 1 : 0;
  return nonce;
}

function vaultEncrypt(publicKey, plaintext, exponent) {
  const { cipherText, sharedSecret } = ml_kem768_x25519.encapsulate(publicKey);
  const header = new Uint8Array(VAULT_HEADER_BYTES);
  header.set(VAULT_MAGIC, 0);
  header[8] = 1;
  header[9] = exponent;
  header.set(sha3_256(publicKey), 12);
  header.set(cipherText, 44);
  const key = sha3_256(u8aConcat(VAULT_KEY_DOMAIN, sharedSecret, header));
  const chunkBytes = 1 << exponent;
  const count = Math.max(1, Math.ceil(plaintext.length / chunkBytes));
  const chunks = [];
  for (let index = 0; index < count; index++) {
    const chunk = plaintext.subarray(index * chunkBytes, (index + 1) * chunkBytes);
    chunks.push(chacha20poly1305(key, vaultNonce(index, index === count - 1)).encrypt(chunk));
  }
  return u8aConcat(header, ...chunks);
}

function vaultDecrypt(secretKey, publicKey, vault) {
  const header = vault.subarray(0, VAULT_HEADER_BYTES);
  assert.deepEqual(header.subarray(0, 8), VAULT_MAGIC);
  assert.equal(header[8], 1);
  assert.deepEqual(header.subarray(12, 44), sha3_256(publicKey), 'recipient id');
  const sharedSecret = ml_kem768_x25519.decapsulate(header.subarray(44), secretKey);
  const key = sha3_256(u8aConcat(VAULT_KEY_DOMAIN, sharedSecret, header));
  const sealedBytes = (1 << header[9]) + TAG_BYTES;
  const body = vault.subarray(VAULT_HEADER_BYTES);
  const parts = [];
  for (let index = 0, offset = 0; offset < body.length; index++, offset += sealedBytes) {
    const last = offset + sealedBytes >= body.length;
    const sealed = body.subarray(offset, offset + sealedBytes);
    parts.push(chacha20poly1305(key, vaultNonce(index, last)).decrypt(sealed));
  }
  return u8aConcat(...parts);
}

// ---------------------------------------------------------------------------------------

describe('aegis command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aegis-cli-e2e-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('makes and checks ML-DSA-65 signatures noble agrees with', async () => {
    await aegisOk(dir, ['key', 'generate', '--algorithm', 'ml-dsa-65', '--out', 'signer', '--no-passphrase']);
    const secretFile = readJson(join(dir, 'signer'));
    const { publicKey, secretKey } = mlDsaKeypair(hexToU8a(secretFile.seed));
    assert.equal(u8aToHex(publicKey), secretFile.public_key, 'same key from the same seed');

    const genesisHash = fixedBytes(32, 'a genesis hash');
    const fields = {
      model: 4,
      version: 2,
      parent: 1,
      contentHash: fixedBytes(64, 'content'),
      merkleRoot: fixedBytes(64, 'root'),
      shardCount: 9,
      byteSize: 8_500_000,
      nonce: 1,
    };
    const signed = JSON.parse(
      await aegisOk(dir, [
        'update', 'sign', '--key', 'signer', '--genesis', u8aToHex(genesisHash),
        '--model', '4', '--version', '2', '--nonce', '1',
        '--content-hash', u8aToHex(fields.contentHash), '--merkle-root', u8aToHex(fields.merkleRoot),
        '--shard-count', '9', '--byte-size', '8500000',
      ]),
    );
    const payload = encodeModelUpdatePayload(fields);
    assert.equal(signed.payload, u8aToHex(payload), 'the payload aegis signed, SCALE written by hand');
    const message = { genesisHash, purpose: PURPOSE.MODEL_UPDATE, payload };
    assert.equal(signed.signatures.length, 1);
    assert.equal(signed.signatures[0].public_key, secretFile.public_key, 'the signer named');
    assert.ok(mlDsaVerify(publicKey, message, hexToU8a(signed.signatures[0].signature)), 'noble verifies aegis');

    const nobleKey = mlDsaKeypair(fixedBytes(32, 'a noble signer'));
    writeKeyFiles(dir, 'noble-signer', 'ml-dsa-65', fixedBytes(32, 'a noble signer'), nobleKey.publicKey);
    const nobleSignature = mlDsaSign(nobleKey.secretKey, message);
    const verify = (signature) =>
      aegis(dir, [
        'update', 'verify', '--key', 'noble-signer.pub', '--genesis', u8aToHex(genesisHash),
        '--payload', u8aToHex(payload), '--signature', u8aToHex(signature),
      ]);
    assert.equal((await verify(nobleSignature)).code, 0, 'aegis verifies noble');
    const altered = nobleSignature.slice();
    altered[100] ^= 1;
    assert.equal((await verify(altered)).code, EXIT_CHECK_FAILED, 'an altered signature fails');
    assert.equal((await verify(mlDsaSign(secretKey, message))).code, EXIT_CHECK_FAILED, 'another key');
    // aegis derives noble's key from the seed (its key check re-derives the public key).
    await aegisOk(dir, ['key', 'inspect', 'noble-signer', '--check']);
  });

  it('signs with ML-DSA-44/87 and SLH-DSA-SHA2-128s/f keys from which noble derives the same key and whose signatures it verifies', async () => {
    // aegis's seed is ML-DSA's ξ; for SLH-DSA it expands to SK.seed ‖ SK.prf ‖ PK.seed as
    // SHAKE256("aegis/slh-dsa-keygen/v1" ‖ seed), 48 bytes (aegis_integrity::pq::signing).
    const slhSeed = (seed) =>
      shake256(u8aConcat(new TextEncoder().encode('aegis/slh-dsa-keygen/v1'), seed), { dkLen: 48 });
    const schemes = [
      ['ml-dsa-44', ml_dsa44, (seed) => seed],
      ['ml-dsa-87', ml_dsa87, (seed) => seed],
      ['slh-dsa-sha2-128s', slh_dsa_sha2_128s, slhSeed],
      ['slh-dsa-sha2-128f', slh_dsa_sha2_128f, slhSeed],
    ];
    const genesisHash = fixedBytes(32, 'a genesis hash');
    for (const [name, scheme, nobleSeed] of schemes) {
      await aegisOk(dir, ['key', 'generate', '--algorithm', name, '--out', name, '--no-passphrase']);
      const secretFile = readJson(join(dir, name));
      assert.equal(secretFile.algorithm, name);
      const { publicKey } = scheme.keygen(nobleSeed(hexToU8a(secretFile.seed)));
      assert.equal(u8aToHex(publicKey), secretFile.public_key, `${name}: same key from the same seed`);
      const signed = JSON.parse(
        await aegisOk(dir, [
          'update', 'sign', '--key', name, '--genesis', u8aToHex(genesisHash),
          '--model', '4', '--version', '1', '--nonce', '0',
          '--content-hash', u8aToHex(fixedBytes(64, 'content')), '--merkle-root', u8aToHex(fixedBytes(64, 'root')),
          '--shard-count', '1', '--byte-size', '10',
        ]),
      );
      assert.equal(signed.signatures[0].algorithm, name);
      const message = signingMessage(genesisHash, PURPOSE.MODEL_UPDATE, hexToU8a(signed.payload));
      const signature = hexToU8a(signed.signatures[0].signature);
      assert.ok(
        scheme.verify(signature, message, publicKey, { context: new TextEncoder().encode('aegis/v1') }),
        `${name}: noble verifies aegis`,
      );
      signature[10] ^= 1;
      assert.ok(
        !scheme.verify(signature, message, publicKey, { context: new TextEncoder().encode('aegis/v1') }),
        `${name}: not once altered`,
      );
    }
  });

  it('encrypts and decrypts vaults that noble reads and writes', async () => {
    await aegisOk(dir, ['key', 'generate', '--algorithm', 'x-wing', '--out', 'box', '--no-passphrase']);
    const boxFile = readJson(join(dir, 'box'));
    const { publicKey, secretKey } = ml_kem768_x25519.keygen(hexToU8a(boxFile.seed));
    assert.equal(u8aToHex(publicKey), boxFile.public_key, 'same X-Wing key from the same seed');

    for (const length of [0, 1, 4096, 3 * 4096 + 77, 200_000]) {
      const plaintext = randomBytes(length);
      writeFileSync(join(dir, 'from-noble.aegis'), vaultEncrypt(publicKey, plaintext, 12));
      const expected = u8aToHex(sha3_512(plaintext));
      await aegisOk(dir, ['vault', 'decrypt', 'from-noble.aegis', '--key', 'box', '--out', 'plain', '--expect-content-hash', expected, '--force']);
      assert.deepEqual(new Uint8Array(readFileSync(join(dir, 'plain'))), plaintext, `noble -> aegis, ${length} bytes`);

      writeFileSync(join(dir, 'plain'), plaintext);
      await aegisOk(dir, ['vault', 'encrypt', 'plain', '--recipient', 'box.pub', '--out', 'from-aegis.aegis', '--force']);
      const vault = new Uint8Array(readFileSync(join(dir, 'from-aegis.aegis')));
      assert.deepEqual(vaultDecrypt(secretKey, publicKey, vault), plaintext, `aegis -> noble, ${length} bytes`);
    }
    // Chunks in the wrong order: noble-made, aegis-refused.
    const twoChunks = vaultEncrypt(publicKey, randomBytes(2 * 4096), 12);
    const sealed = 4096 + TAG_BYTES;
    const swapped = u8aConcat(
      twoChunks.subarray(0, VAULT_HEADER_BYTES),
      twoChunks.subarray(VAULT_HEADER_BYTES + sealed),
      twoChunks.subarray(VAULT_HEADER_BYTES, VAULT_HEADER_BYTES + sealed),
    );
    writeFileSync(join(dir, 'swapped.aegis'), swapped);
    const run = await aegis(dir, ['vault', 'decrypt', 'swapped.aegis', '--key', 'box', '--out', 'never', '--no-verify']);
    assert.equal(run.code, EXIT_CHECK_FAILED, run.stderr);
    assert.match(run.stderr, /chunk 0 failed authentication/);
  });

  describe('against a dev node', () => {
    const dev = devNodeSuite();
    let node;
    let api;
    let url;
    let keyId;
    let model;
    const modelBytes = fixedBytes(2_600_000, 'an aegis-cli e2e model');

    before(async () => {
      ({ node, api } = dev);
      url = node.wsUrl;
      writeFileSync(join(dir, 'model.bin'), modelBytes);
      writeFileSync(join(dir, 'passphrase'), 'an e2e passphrase\n');
    });

    const submit = (args) => aegis(dir, ['submit', '--url', url, '--suri', '//Alice', ...args]);

    /** The first field `name` of event `pallet.event` in aegis's output. */
    function eventField(stdout, event, name) {
      const line = stdout.split('\n').find((l) => l.startsWith(`event ${event} `));
      assert.ok(line, `${event} in:\n${stdout}`);
      const match = line.match(new RegExp(`${name}: (\\w+)`));
      assert.ok(match, `${name} in ${line}`);
      return match[1];
    }

    it('registers a key and a model and publishes a signed version', { timeout: TEST_TIMEOUT_MS }, async () => {
      await aegisOk(dir, ['key', 'generate', '--algorithm', 'ml-dsa-65', '--out', 'owner', '--passphrase-file', 'passphrase']);
      let run = await submit(['register-key', '--key', 'owner', '--passphrase-file', 'passphrase']);
      assert.equal(run.code, 0, run.stderr);
      keyId = Number(eventField(run.stdout, 'ProofVerifier.SigningKeyRegistered', 'key'));
      const stored = await api.query.proofVerifier.signingKeys(keyId);
      assert.equal(stored.unwrap().publicKey.asMlDsa65.toHex(), readJson(join(dir, 'owner.pub')).public_key);

      run = await submit([
        'register-model', '--name', 'e2e model', '--framework', 'onnx', '--uri', 'ipfs://bafy-e2e',
        '--signing-key', String(keyId),
      ]);
      assert.equal(run.code, 0, run.stderr);
      model = Number(eventField(run.stdout, 'ModelRegistry.ModelRegistered', 'model'));

      run = await submit(['update', '--model', String(model), '--file', 'model.bin', '--key', 'owner', '--passphrase-file', 'passphrase']);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(eventField(run.stdout, 'ModelRegistry.ModelUpdated', 'version'), '1');

      const version = (await api.query.modelRegistry.versions(model, 1)).unwrap();
      const leaves = [];
      for (let offset = 0; offset < modelBytes.length; offset += 1 << 20) {
        leaves.push(merkleLeafHash(modelBytes.subarray(offset, offset + (1 << 20))));
      }
      assert.equal(version.declaration.contentHash.toHex(), u8aToHex(sha3_512(modelBytes)), 'content hash');
      assert.equal(version.declaration.merkleRoot.toHex(), u8aToHex(merkleRoot(leaves)), 'Merkle root');
      assert.equal(version.declaration.shardCount.toNumber(), 3);
      assert.equal(version.declaration.byteSize.toNumber(), modelBytes.length);
      assert.deepEqual(version.evidence.signedBy.map((key) => key.toNumber()), [keyId]);
    });

    it('proves shards on chain and offline against the root on chain', { timeout: TEST_TIMEOUT_MS }, async () => {
      assert.ok(model !== undefined, 'the previous case registered a model');
      const root = (await api.query.modelRegistry.versions(model, 1)).unwrap().declaration.merkleRoot.toHex();
      for (const shard of [0, 1, 2]) {
        await aegisOk(dir, ['model', 'proof', 'model.bin', '--shard', String(shard), '--out', 'proof.json', '--force']);
        const proof = readJson(join(dir, 'proof.json'));
        const result = await api.call.modelRegistryApi.verifyShard(model, 1, proof.leaf_hash, proof.proof_scale);
        assert.ok(result.isOk, `shard ${shard} on chain`);
        await aegisOk(dir, ['model', 'verify-shard', 'model.bin', '--in-model', '--proof', 'proof.json', '--root', root]);
      }
      const run = await submit(['attest-shard', '--file', 'model.bin', '--shard', '2', '--wait', 'in-block']);
      assert.equal(run.code, 0, run.stderr);
      const statementHash = eventField(run.stdout, 'ProofVerifier.ProofVerified', 'statement_hash');
      assert.ok((await api.query.proofVerifier.attestations(statementHash)).isSome, 'attestation stored');
    });

    it('prints call data polkadot.js decodes', { timeout: TEST_TIMEOUT_MS }, async () => {
      const data = (await aegisOk(dir, [
        'submit', '--url', url, '--print-call', 'register-model', '--name', 'pasted', '--framework', 'gguf', '--uri', 'https://example.invalid/m',
      ])).trim();
      const call = api.createType('Call', data);
      assert.equal(`${call.section}.${call.method}`, 'modelRegistry.registerModel');
      assert.equal(call.args[0].name.toUtf8(), 'pasted');
      assert.equal(call.args[1].signing.isNone, true);
    });

    it('fails clearly: a repeated version, an account without stake', { timeout: TEST_TIMEOUT_MS }, async () => {
      assert.ok(model !== undefined, 'the first case registered a model');
      let run = await submit(['update', '--model', String(model), '--file', 'model.bin', '--key', 'owner', '--passphrase-file', 'passphrase', '--wait', 'in-block']);
      assert.equal(run.code, 1, run.stdout);
      assert.match(run.stderr, /ModelRegistry::DuplicateContentHash/);
      run = await aegis(dir, ['submit', '--url', url, '--suri', '//Bob', 'register-model', '--name', 'x', '--framework', 'y', '--uri', 'z']);
      assert.equal(run.code, 1, run.stdout);
      assert.match(run.stderr, /bonded stake is below the model registry's minimum/);
      run = await submit(['update', '--model', '999', '--file', 'model.bin']);
      assert.equal(run.code, 1, run.stdout);
      assert.match(run.stderr, /model 999 does not exist/);
    });
    it('publishes an update an ML-DSA-65 and an SLH-DSA key signed apart and `update combine` joined', { timeout: TEST_TIMEOUT_MS }, async () => {
      // The co-signer's SLH-DSA-SHA2-128s key, written by an earlier case.
      let run = await submit(['register-key', '--key', 'slh-dsa-sha2-128s', '--wait', 'in-block']);
      assert.equal(run.code, 0, run.stderr);
      const cosignerId = Number(eventField(run.stdout, 'ProofVerifier.SigningKeyRegistered', 'key'));
      const stored = (await api.query.proofVerifier.signingKeys(cosignerId)).unwrap();
      assert.equal(stored.publicKey.type, 'SlhDsaSha2_128s');
      run = await submit([
        'register-model', '--name', 'two signers', '--framework', 'onnx', '--uri', 'ipfs://two',
        '--signing-key', String(keyId), '--signing-key', String(cosignerId), '--wait', 'in-block',
      ]);
      assert.equal(run.code, 0, run.stderr);
      const shared = Number(eventField(run.stdout, 'ModelRegistry.ModelRegistered', 'model'));
      assert.deepEqual(
        (await api.query.modelRegistry.models(shared)).unwrap().policy.signing.unwrap().toJSON(),
        { keys: [keyId, cosignerId], threshold: 2 },
        'all the keys given must sign unless --threshold says otherwise',
      );
      // Each signer signs the next update on their own machine.
      const sign = (key, out, passphrase = []) =>
        aegisOk(dir, [
          'update', 'sign', '--key', key, ...passphrase, '--genesis', api.genesisHash.toHex(),
          '--model', String(shared), '--version', '1', '--nonce', '0', '--file', 'model.bin', '--out', out, '--force',
        ]);
      await sign('owner', 'owner-signed.json', ['--passphrase-file', 'passphrase']);
      await sign('slh-dsa-sha2-128s', 'cosigner-signed.json');
      run = await aegis(dir, ['update', 'combine', 'owner-signed.json', 'owner-signed.json']);
      assert.equal(run.code, 1, run.stdout);
      assert.match(run.stderr, /signed twice/);
      run = await submit(['update', '--model', String(shared), '--file', 'model.bin', '--signatures', 'owner-signed.json']);
      assert.equal(run.code, 1, run.stdout);
      assert.match(run.stderr, /policy needs signatures by 2 of its 2 signing keys; 1 given/);
      await aegisOk(dir, ['update', 'combine', 'owner-signed.json', 'cosigner-signed.json', '--out', 'both.json', '--force']);
      assert.equal(readJson(join(dir, 'both.json')).signatures.length, 2);
      run = await submit(['update', '--model', String(shared), '--file', 'model.bin', '--signatures', 'both.json', '--wait', 'in-block']);
      assert.equal(run.code, 0, run.stderr);
      const version = (await api.query.modelRegistry.versions(shared, 1)).unwrap();
      assert.deepEqual(version.evidence.signedBy.map((key) => key.toNumber()), [keyId, cosignerId]);
      // The same signatures cannot publish again: the nonce moved on.
      run = await submit(['update', '--model', String(shared), '--file', 'model.bin', '--signatures', 'both.json']);
      assert.equal(run.code, 1, run.stdout);
      assert.match(run.stderr, /version 1 \(nonce 0\), but this update is model \d+ version 2 \(nonce 1\): sign again/);

      // An owner action signed apart: each signer authorises the same new policy (either key
      // alone from now on) with `aegis action sign`, `action combine` joins them.
      const nonce = (await api.query.modelRegistry.models(shared)).unwrap().nonce.toNumber();
      const policy = ['--signing-key', String(keyId), '--signing-key', String(cosignerId), '--threshold', '1'];
      const signAction = (key, out, passphrase = []) =>
        aegisOk(dir, [
          'action', 'sign', '--key', key, ...passphrase, '--genesis', api.genesisHash.toHex(),
          '--model', String(shared), '--nonce', String(nonce), '--out', out, '--force', 'set-policy', ...policy,
        ]);
      await signAction('owner', 'owner-action.json', ['--passphrase-file', 'passphrase']);
      await signAction('slh-dsa-sha2-128s', 'cosigner-action.json');
      const setPolicy = ['set-policy', '--model', String(shared), ...policy];
      run = await submit([...setPolicy, '--signatures', 'owner-action.json']);
      assert.equal(run.code, 1, run.stdout);
      assert.match(run.stderr, /policy needs signatures by 2 of its 2 signing keys; 1 given/);
      run = await submit([
        'set-policy', '--model', String(shared), '--signing-key', String(keyId),
        '--signatures', 'owner-action.json', '--signatures', 'cosigner-action.json',
      ]);
      assert.equal(run.code, 1, run.stdout);
      assert.match(run.stderr, new RegExp(`but this action is set-policy: 1 of signing keys \\[${keyId}\\].*: sign again`));
      await aegisOk(dir, ['action', 'combine', 'owner-action.json', 'cosigner-action.json', '--out', 'action.json', '--force']);
      run = await submit([...setPolicy, '--signatures', 'action.json', '--wait', 'in-block']);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /event ModelRegistry.PolicyUpdated/);
      assert.deepEqual(
        (await api.query.modelRegistry.models(shared)).unwrap().policy.signing.unwrap().toJSON(),
        { keys: [keyId, cosignerId], threshold: 1 },
      );
      // Spent: the nonce moved on.
      run = await submit([...setPolicy, '--signatures', 'action.json']);
      assert.equal(run.code, 1, run.stdout);
      assert.match(run.stderr, new RegExp(`\\(nonce ${nonce}\\), but this action is .*\\(nonce ${nonce + 1}\\): sign again`));
    });

    it('authorises owner actions with the ML-DSA key, and only with it', { timeout: TEST_TIMEOUT_MS }, async () => {
      assert.ok(model !== undefined, 'the first case registered a model');
      const bob = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
      const setPolicy = ['set-policy', '--model', String(model), '--signing-key', String(keyId), '--contributor', bob, '--wait', 'in-block'];
      let run = await submit(setPolicy);
      assert.equal(run.code, 1, run.stdout);
      assert.match(run.stderr, /policy needs signatures by 1 of its 1 signing keys; 0 given/);
      const nonce = (await api.query.modelRegistry.models(model)).unwrap().nonce.toNumber();
      run = await submit([...setPolicy, '--key', 'owner', '--passphrase-file', 'passphrase']);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /event ModelRegistry.PolicyUpdated/);
      let record = (await api.query.modelRegistry.models(model)).unwrap();
      assert.deepEqual(record.policy.contributors.map(String), [bob]);
      assert.equal(record.nonce.toNumber(), nonce + 1, 'the authorisation is spent');

      run = await submit(['deprecate-model', '--model', String(model), '--wait', 'in-block']);
      assert.equal(run.code, 1, run.stdout);
      assert.match(run.stderr, /policy needs signatures by 1 of its 1 signing keys; 0 given/);
      run = await submit(['deprecate-model', '--model', String(model), '--key', 'owner', '--passphrase-file', 'passphrase', '--wait', 'in-block']);
      assert.equal(run.code, 0, run.stderr);
      record = (await api.query.modelRegistry.models(model)).unwrap();
      assert.ok(record.status.isDeprecated, `status ${record.status}`);
    });
  });
});
