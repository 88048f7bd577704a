// Values the chain defines once — in the runtime, `aegis-primitives` or `aegis-integrity` —
// and the end-to-end tests check against, each with where it is defined; and the harness's own
// settings. One place, so that a change to the chain is mirrored here once.

import process from 'node:process';

/** One AEG in planck (the chain has 12 decimals). */
export const AEG = 10n ** 12n;

/** The incentive token's asset id (`aegis_primitives::incentives::INCENTIVE_ASSET_ID`). */
export const AIT_ID = 1;

/**
 * The block author's share of a transaction fee, in percent
 * (`aegis_runtime_common::monetary::AUTHOR_FEE_SHARE`); the rest of the fee is burnt. Tips
 * go to the author whole.
 */
export const AUTHOR_FEE_PERCENT = 20n;

/** The JSON-RPC error code of `author_submitExtrinsic` for an invalid transaction. */
export const INVALID_TRANSACTION = 1010;

/**
 * `aegis_integrity::update::STAKE_TOO_LOW`: the `InvalidTransaction::Custom` code of the stake
 * gate, which the runtime, the CLI and these tests share.
 */
export const STAKE_TOO_LOW = 0xa5;

/** The snarkjs circuit, keys and proofs the proof verifier's tests share. */
export const SNARKJS_DIR = new URL(
  '../../pallets/proof-verifier/test-data/snarkjs/',
  import.meta.url,
);

/**
 * `AEGIS_E2E_KEEP_TMP=1` keeps what the tests write — nodes' base paths and logs, chain specs —
 * for inspection afterwards.
 */
export const KEEP_TMP = process.env.AEGIS_E2E_KEEP_TMP === '1';
