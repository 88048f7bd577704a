// Chain specs with more validators than the built-in `--chain local` (Alice, Bob, Charlie).
//
// `aegis-node export-chain-spec --chain local` writes the local spec with its genesis as a
// patch (genesis.runtimeGenesis.patch); addDevValidators adds dev validators (e.g. Dave) to
// that patch: session keys, stakers, invulnerables and the validator counts.

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

import { KEEP_TMP } from './constants.mjs';
import { nodeBinary } from './node.mjs';

const execFileAsync = promisify(execFile);
const EXPORT_TIMEOUT_MS = 120_000;
const SS58_FORMAT = 42;

/** The dev seeds sc-cli knows a `--<name>` shortcut for. */
export const DEV_NAMES = ['alice', 'bob', 'charlie', 'dave', 'eve', 'ferdie'];

function seedOf(name) {
  if (!DEV_NAMES.includes(name)) throw new Error(`${name} is not a dev account name`);
  return `//${name[0].toUpperCase()}${name.slice(1)}`;
}

/**
 * The keys `--<name>` puts in the keystore, as SS58 (format 42): { stash, babe, grandpa }.
 * The stash (and controller) is the sr25519 dev account, BABE uses the same sr25519 key and
 * GRANDPA the ed25519 key of the same seed.
 */
export async function devValidatorKeys(name) {
  await cryptoWaitReady();
  const seed = seedOf(name);
  const sr25519 = new Keyring({ type: 'sr25519', ss58Format: SS58_FORMAT }).addFromUri(seed);
  const ed25519 = new Keyring({ type: 'ed25519', ss58Format: SS58_FORMAT }).addFromUri(seed);
  return { stash: sr25519.address, babe: sr25519.address, grandpa: ed25519.address };
}

// ---------------------------------------------------------------------------------------
// Big integers: balances and stakes (e.g. 10^18) exceed Number.MAX_SAFE_INTEGER, and
// JSON.parse would silently round some of them. Integer literals of 16 digits or more
// (outside strings) are turned into marked strings before parsing and back into literals
// after serialising.

const BIG_MARK = 'bigint:';
const MIN_BIG_DIGITS = 16;
const NUMBER_LITERAL = /-?\d+(\.\d+)?([eE][+-]?\d+)?/y;
const MARKED_BIG = new RegExp(`"${BIG_MARK}(-?\\d+)"`, 'g');

/** `text` with every big integer literal outside strings replaced by a marked string. */
function markBigIntegers(text) {
  let out = '';
  let copiedUpTo = 0;
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === '"') {
      // Skip the string, escapes included.
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      i++;
    } else if (char === '-' || (char >= '0' && char <= '9')) {
      NUMBER_LITERAL.lastIndex = i;
      const match = NUMBER_LITERAL.exec(text);
      if (!match) throw new SyntaxError(`malformed number at position ${i} of the JSON`);
      const [literal, fraction, exponent] = match;
      const digits = literal.replace('-', '');
      if (!fraction && !exponent && digits.length >= MIN_BIG_DIGITS) {
        out += `${text.slice(copiedUpTo, i)}"${BIG_MARK}${literal}"`;
        copiedUpTo = i + literal.length;
      }
      i += literal.length;
    } else {
      i++;
    }
  }
  return out + text.slice(copiedUpTo);
}

export function parseJsonKeepingBigIntegers(text) {
  return JSON.parse(markBigIntegers(text));
}

export function stringifyJsonKeepingBigIntegers(value) {
  return JSON.stringify(value, null, 2).replace(MARKED_BIG, '$1');
}

/** An integer of JSON parsed by `parseJsonKeepingBigIntegers` (a number or a marked string),
 *  as a BigInt. */
export function bigIntFromJson(value) {
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  const marked = typeof value === 'string' && value.startsWith(BIG_MARK);
  if (marked && /^-?\d+$/.test(value.slice(BIG_MARK.length))) {
    return BigInt(value.slice(BIG_MARK.length));
  }
  throw new TypeError(`${JSON.stringify(value)} is not a JSON integer`);
}

/** A BigInt as `stringifyJsonKeepingBigIntegers` writes it: a plain JSON integer, any size. */
export function bigIntToJson(value) {
  return `${BIG_MARK}${BigInt(value)}`;
}

// ---------------------------------------------------------------------------------------
// Adding validators to the genesis patch

function requireField(object, field, where) {
  if (object?.[field] === undefined) throw new Error(`the chain spec has no ${where}.${field}`);
  return object[field];
}

/**
 * Adds dev validators `names` (e.g. ['dave']) to the chain spec JSON `specText` (as printed
 * by `export-chain-spec`, genesis as a patch), each with the stake of the existing
 * validators, and sets the validator counts to the new total. Every validator already in
 * the spec must be a dev account whose session keys match devValidatorKeys (checked, as
 * that is what the keystore shortcuts `--alice` ... insert), and the new ones must already
 * be endowed. Returns { specText, validators } (validators: names, in genesis order).
 */
export async function addDevValidators(specText, names) {
  const spec = parseJsonKeepingBigIntegers(specText);
  const patch = requireField(
    requireField(requireField(spec, 'genesis', 'spec'), 'runtimeGenesis', 'genesis'),
    'patch',
    'genesis.runtimeGenesis',
  );
  const session = requireField(patch, 'session', 'patch');
  const staking = requireField(patch, 'staking', 'patch');
  const balances = requireField(requireField(patch, 'balances', 'patch'), 'balances', 'balances');
  const sessionKeys = requireField(session, 'keys', 'session');
  const stakers = requireField(staking, 'stakers', 'staking');
  const invulnerables = requireField(staking, 'invulnerables', 'staking');

  const keysByStash = new Map();
  for (const name of DEV_NAMES) {
    const keys = await devValidatorKeys(name);
    keysByStash.set(keys.stash, { name, ...keys });
  }
  const existing = sessionKeys.map(([stash, , keys]) => {
    const dev = keysByStash.get(stash);
    if (!dev) throw new Error(`validator ${stash} of the chain spec is not a dev account`);
    if (keys.babe !== dev.babe || keys.grandpa !== dev.grandpa) {
      throw new Error(
        `the session keys of ${dev.name} in the chain spec (${JSON.stringify(keys)}) are not ` +
          `the dev keys (babe ${dev.babe}, grandpa ${dev.grandpa})`,
      );
    }
    return dev.name;
  });
  if (stakers.length === 0) throw new Error('the chain spec has no stakers');
  const stake = stakers[0][2];
  if (stakers.some((staker) => staker[2] !== stake || staker[3] !== 'Validator')) {
    throw new Error(`the stakers of the chain spec differ: ${JSON.stringify(stakers)}`);
  }

  for (const name of names) {
    if (existing.includes(name)) throw new Error(`${name} is already a validator`);
    const { stash, babe, grandpa } = await devValidatorKeys(name);
    if (!balances.some(([account]) => account === stash)) {
      throw new Error(`${name} (${stash}) is not endowed in the chain spec`);
    }
    sessionKeys.push([stash, stash, { babe, grandpa }]);
    stakers.push([stash, stash, stake, 'Validator']);
    invulnerables.push(stash);
  }
  const validators = [...existing, ...names];
  staking.validatorCount = validators.length;
  staking.minimumValidatorCount = validators.length;
  return { specText: `${stringifyJsonKeepingBigIntegers(spec)}\n`, validators };
}

// ---------------------------------------------------------------------------------------
// Writing a spec for the node

/**
 * Exports `--chain local`, adds the dev validators `extraValidators` (e.g. ['dave']) and
 * writes the spec to a new temporary directory. Returns { path, validators, remove }
 * (remove() deletes the directory, unless AEGIS_E2E_KEEP_TMP=1).
 */
export async function writeLocalSpecWithValidators(extraValidators) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'aegis-e2e-spec-'));
  const remove = async () => {
    if (!KEEP_TMP) await rm(dir, { recursive: true, force: true });
  };
  try {
    const exported = path.join(dir, 'local.json');
    try {
      await execFileAsync(
        nodeBinary(),
        ['export-chain-spec', '--chain', 'local', '--output', exported],
        { timeout: EXPORT_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
      );
    } catch (error) {
      const stderr = error.stderr ? `\n${error.stderr}` : '';
      throw new Error(`export-chain-spec --chain local failed: ${error.message}${stderr}`);
    }
    const { specText, validators } = await addDevValidators(
      await readFile(exported, 'utf8'),
      extraValidators,
    );
    const specPath = path.join(dir, `local-${validators.length}-validators.json`);
    await writeFile(specPath, specText);
    return { path: specPath, validators, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}
