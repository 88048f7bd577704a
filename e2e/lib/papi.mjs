// polkadot-api (PAPI) against a node under test: typed descriptors generated from the node's
// own metadata, a client over a loopback websocket, and signers for the dev key pairs.
//
// PAPI types a chain from its metadata at build time (`papi generate`). The descriptors are
// generated from the node under test, not from a file kept in the repository, so a runtime
// change that a dapp would notice (a renamed call, a changed type) shows up here as the
// test's own failure rather than as stale descriptors.

import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

import { compactFromU8a, hexToU8a } from '@polkadot/util';
import { createClient } from 'polkadot-api';
import { getPolkadotSigner } from 'polkadot-api/signer';
import { getWsProvider } from 'polkadot-api/ws';
import WebSocket from 'ws';

import { docsBlock } from './readme.mjs';
import { rpcCall } from './rpc.mjs';

const E2E_DIR = fileURLToPath(new URL('..', import.meta.url));
const PAPI_DIR = new URL('../.papi/', import.meta.url);
/** Where `.papi/polkadot-api.json` tells `papi generate` to read the `aegis` metadata. */
const METADATA_FILE = new URL('metadata/aegis.scale', PAPI_DIR);
const DESCRIPTORS_DIR = new URL('descriptors/', PAPI_DIR);
/** Where the docs' code is written to be imported: inside e2e/, so its imports resolve here. */
const SNIPPETS_DIR = new URL('snippets/', PAPI_DIR);
const PAPI_BIN = fileURLToPath(new URL('../node_modules/.bin/papi', import.meta.url));

/** The metadata version PAPI reads: v16 (what `polkadot-api` 2.x prefers). */
const METADATA_VERSION = 16;
const GENERATE_TIMEOUT_MS = 180_000;

const execFileAsync = promisify(execFile);

/**
 * The node's metadata at `METADATA_VERSION`, as `Metadata_metadata_at_version` returns it
 * (`Option<OpaqueMetadata>`): the bytes inside, which begin with the magic `meta`.
 */
export async function metadataAtVersion(node, version = METADATA_VERSION) {
  const versionLe = Buffer.alloc(4);
  versionLe.writeUInt32LE(version);
  const output = hexToU8a(
    await rpcCall(node.rpcPort, 'state_call', [
      'Metadata_metadata_at_version',
      `0x${versionLe.toString('hex')}`,
    ]),
  );
  if (output[0] !== 1) throw new Error(`the node has no metadata v${version}`);
  const [offset, length] = compactFromU8a(output.subarray(1));
  const start = 1 + offset;
  const end = start + length.toNumber();
  if (end !== output.length) {
    throw new Error(`metadata v${version}: ${output.length - end} bytes after the declared length`);
  }
  const metadata = output.subarray(start, end);
  if (new TextDecoder().decode(metadata.subarray(0, 4)) !== 'meta') {
    throw new Error(`metadata v${version} does not start with the magic "meta"`);
  }
  return metadata;
}

/**
 * Generates PAPI descriptors from `node`'s metadata (`papi generate` in e2e/, as a dapp's
 * build would) and imports them: returns the `aegis` chain definition for
 * `client.getTypedApi`. The generated files are not kept in the repository (.gitignore).
 */
export async function generateDescriptors(node) {
  const metadata = await metadataAtVersion(node);
  await rm(DESCRIPTORS_DIR, { recursive: true, force: true });
  await mkdir(new URL('.', METADATA_FILE), { recursive: true });
  await writeFile(METADATA_FILE, metadata);
  try {
    await execFileAsync(PAPI_BIN, ['generate'], {
      cwd: E2E_DIR,
      timeout: GENERATE_TIMEOUT_MS,
      env: { ...process.env, NO_COLOR: '1' },
    });
  } catch (error) {
    throw new Error(`papi generate failed: ${error.message}\n${error.stdout}\n${error.stderr}`);
  }
  const index = pathToFileURL(fileURLToPath(new URL('dist/index.js', DESCRIPTORS_DIR)));
  const { aegis } = await import(index.href);
  if (aegis === undefined) throw new Error('the generated descriptors have no `aegis` entry');
  return aegis;
}

/** A PAPI client for `node` over its loopback websocket (Node 20 has no global WebSocket). */
export function connectPapi(node) {
  return createClient(getWsProvider(node.wsUrl, { websocketClass: WebSocket }));
}

/** A PAPI signer backed by a polkadot.js sr25519 key pair (a dev account). */
export function papiSigner(pair) {
  return getPolkadotSigner(pair.publicKey, 'Sr25519', (message) => pair.sign(message));
}

/**
 * Imports the ```js block under `heading` in docs/`name` as a module, exactly as written, so
 * that a dapp copying it gets code the suite has run.
 */
export async function importDocsSnippet(name, heading) {
  const source = docsBlock(name, heading, 'js');
  await mkdir(SNIPPETS_DIR, { recursive: true });
  const file = new URL(
    `${name.replace(/\.md$/, '')}-${heading.replace(/\W+/g, '-')}.mjs`,
    SNIPPETS_DIR,
  );
  await writeFile(file, source);
  return import(file.href);
}
