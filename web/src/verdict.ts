// What the page tells a user about a file: plain decisions over the registry, kept apart from
// the DOM so that they are unit-tested (test/verdict.test.ts).

import type { ModelView, VersionView } from './chain';
import { shardSizeOf } from './integrity';

export interface Match {
  model: ModelView;
  version: VersionView;
}

export type MatchState =
  /** Published and standing: finalized, or in the best chain and not finalized yet. */
  | { kind: 'published'; finalized: boolean }
  /** Governance revoked this version (or its whole model) at `block`. */
  | { kind: 'revoked'; block: number }
  /** The owner withdrew the model (status Revoked). */
  | { kind: 'withdrawn' };

/** Every version, of any model, whose `field` is the hash `hash` (in any letter case). */
function versionsWhere(
  models: ModelView[],
  field: 'contentHash' | 'merkleRoot',
  hash: string,
): Match[] {
  const wanted = hash.toLowerCase();
  return models.flatMap((model) =>
    model.versions
      .filter((version) => version[field].toLowerCase() === wanted)
      .map((version) => ({ model, version })),
  );
}

/** Every version, of any model, whose content hash is `contentHash`. */
export function versionsWithContent(models: ModelView[], contentHash: string): Match[] {
  return versionsWhere(models, 'contentHash', contentHash);
}

/** Every version whose Merkle root is `merkleRoot` (the root a shard's proof leads to). */
export function versionsWithRoot(models: ModelView[], merkleRoot: string): Match[] {
  return versionsWhere(models, 'merkleRoot', merkleRoot);
}

export function matchState({ model, version }: Match, finalizedNumber: number): MatchState {
  if (version.revokedAt !== undefined) return { kind: 'revoked', block: version.revokedAt };
  if (model.status === 'Revoked') return { kind: 'withdrawn' };
  return { kind: 'published', finalized: version.block <= finalizedNumber };
}

/** The shard size `version` was cut with (see `shardSizeOf`). */
export function versionShardSize(version: VersionView): number | undefined {
  return shardSizeOf(version.byteSize, version.shardCount);
}

export function describeModel(model: ModelView): string {
  return `model #${model.id} “${model.name}”`;
}

/** One sentence a user can act on. */
export function describeMatch(match: Match, state: MatchState): string {
  const what = `version ${match.version.number} of ${describeModel(match.model)}`;
  switch (state.kind) {
    case 'published':
      return state.finalized
        ? `This is ${what}, finalized at block ${match.version.block}.`
        : `This is ${what}, included at block ${match.version.block} and not finalized yet.`;
    case 'revoked':
      return `This matches ${what}, which governance revoked at block ${state.block}. Do not use it.`;
    case 'withdrawn':
      return `This matches ${what}, but the owner revoked the model. Do not use it.`;
  }
}

export const NO_VERSION = 'No version on this chain has this content.';

/** The evidence each update of `model` needs, in words. */
export function describePolicy(model: ModelView): string {
  const needs: string[] = [];
  const signing = model.signing;
  if (signing !== undefined) {
    const keys = signing.keys.map((key) => `#${key}`).join(', ');
    needs.push(
      signing.keys.length === 1
        ? `a post-quantum signature by key ${keys}`
        : `post-quantum signatures by ${signing.threshold} of keys ${keys}`,
    );
  }
  if (model.zkVerifyingKey !== undefined)
    needs.push(`a Groth16 proof under verifying key #${model.zkVerifyingKey}`);
  const owner = needs.length === 0 ? 'the owner’s account alone' : needs.join(' and ');
  return model.contributors.length === 0
    ? owner
    : `${owner}; ${model.contributors.length} contributor(s) may propose updates for the owner to accept`;
}

export function describeEvidence(version: VersionView): string {
  const parts: string[] = [];
  if (version.signedBy.length > 0) {
    const keys = version.signedBy.map((key) => `#${key}`).join(', ');
    parts.push(`${version.signedBy.length === 1 ? 'signing key' : 'signing keys'} ${keys}`);
  }
  if (version.zkVerifyingKey !== undefined) parts.push(`Groth16 key #${version.zkVerifyingKey}`);
  if (version.proposal !== undefined) parts.push(`proposal #${version.proposal}`);
  return parts.length === 0 ? 'owner’s account' : parts.join(', ');
}

/** Human bytes: 1.5 MiB. */
export function formatBytes(bytes: number | bigint): string {
  let value = Number(bytes);
  for (const unit of ['B', 'KiB', 'MiB', 'GiB']) {
    if (value < 1024 || unit === 'GiB')
      return unit === 'B' ? `${value} B` : `${value.toFixed(1)} ${unit}`;
    value /= 1024;
  }
  return `${value} B`;
}

/** Matches a search box entry against a model: its name, owner, or a version's hash prefix. */
export function modelMatchesSearch(model: ModelView, query: string): boolean {
  const needle = query.trim().toLowerCase();
  if (needle === '') return true;
  const hex = needle.startsWith('0x') ? needle : `0x${needle}`;
  return (
    model.name.toLowerCase().includes(needle) ||
    (needle.length >= 6 && model.owner.toLowerCase().startsWith(needle)) ||
    String(model.id) === needle.replace(/^#/, '') ||
    (hex.length >= 10 &&
      model.versions.some((version) => version.contentHash.toLowerCase().startsWith(hex)))
  );
}
