// The page's view of an Aegis node, through polkadot-api. The page reads the metadata of
// whatever runtime the node runs (`getUnsafeApi`) rather than descriptors generated at build
// time, so one build of the page works against every Aegis node and runtime upgrade.

import { type PolkadotClient, createClient } from 'polkadot-api';
import { getWsProvider } from 'polkadot-api/ws';

import { type MerkleProof, toHex } from './integrity';

/** How long the page waits for a node to answer before it says the URL is wrong. */
export const CONNECT_TIMEOUT_MS = 10_000;

export type ModelStatus = 'Active' | 'Deprecated' | 'Revoked';

export interface VersionView {
  model: number;
  number: number;
  parent?: number;
  contentHash: string;
  merkleRoot: string;
  shardCount: number;
  byteSize: bigint;
  submitter: string;
  /**
   * Evidence the update carried: the post-quantum keys that signed it (none if the policy
   * named none), the Groth16 key, the proposal.
   */
  signedBy: number[];
  zkVerifyingKey?: number;
  proposal?: number;
  /** The block that included the update. */
  block: number;
  timestampMs: bigint;
  /** The block in which governance revoked this version (alone or with its whole model). */
  revokedAt?: number;
}

export interface ModelView {
  id: number;
  name: string;
  framework: string;
  uri: string;
  owner: string;
  status: ModelStatus;
  /** The keys whose signatures updates need, `threshold` of them; none if undefined. */
  signing?: { keys: number[]; threshold: number };
  zkVerifyingKey?: number;
  contributors: string[];
  currentVersion?: number;
  revokedByGovernanceAt?: number;
  versions: VersionView[];
}

export interface Heads {
  best: number;
  finalized: number;
}

export interface ShardVerdict {
  /** `ModelRegistryApi.verify_shard`: ok, or the chain's reason. */
  registry: { ok: true } | { ok: false; reason: string };
  /** `ProofVerifierApi.check_statement` on the Merkle inclusion statement. */
  statement: { ok: true; statementHash: string } | { ok: false; reason: string };
  /** The attestation of that statement, if someone recorded it on chain. */
  attestation?: AttestationView;
}

export interface AttestationView {
  statementHash: string;
  submitter: string;
  kind: string;
  verifiedAt: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

/**
 * Bidirectional-text controls (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C): in a name they
 * could reorder how the sentence around it reads ("…revoked" shown as "…standing").
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/** Owner-supplied bytes as text: UTF-8, with bidirectional controls removed. */
export function ownerText(bytes: Uint8Array): string {
  return utf8.decode(bytes).replace(BIDI_CONTROLS, '');
}

/** A refusal from the runtime (a `Result`'s error enum) as one readable word or two. */
function reason(error: unknown): string {
  if (error && typeof error === 'object' && 'type' in error) {
    const { type, value } = error as { type: string; value?: unknown };
    return value && typeof value === 'object' && 'type' in value
      ? `${type}.${reason(value)}`
      : type;
  }
  return String(error);
}

export function validateNodeUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new Error(
      `"${url}" is not a URL: give the node's WebSocket endpoint, e.g. ws://127.0.0.1:9944`,
    );
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
    throw new Error(`"${url}" is not a WebSocket URL: it must start with ws:// or wss://`);
  }
  return parsed.toString();
}

export class Chain {
  private constructor(
    private readonly client: PolkadotClient,
    readonly url: string,
    readonly name: string,
    readonly genesisHash: string,
  ) {}

  /** Connects, or throws a readable error within `timeoutMs` if the node cannot be reached. */
  static async connect(url: string, timeoutMs = CONNECT_TIMEOUT_MS): Promise<Chain> {
    const endpoint = validateNodeUrl(url);
    const client = createClient(getWsProvider(endpoint, { timeout: timeoutMs }));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(new Error(`no Aegis node answered at ${endpoint} within ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
    });
    try {
      const spec = await Promise.race([client.getChainSpecData(), timeout]);
      const chain = new Chain(client, endpoint, spec.name, spec.genesisHash);
      // A node of another chain has no model registry: say so now, not on the first read.
      await Promise.race([chain.api.query.ModelRegistry.NextModelId.getValue(), timeout]).catch(
        (error: Error) => {
          throw error.message.startsWith('no Aegis node')
            ? error
            : new Error(`${spec.name} at ${endpoint} has no model registry (${error.message})`);
        },
      );
      return chain;
    } catch (error) {
      client.destroy();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  // The unsafe API is typed by the metadata at run time, not by TypeScript.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private get api(): any {
    return this.client.getUnsafeApi();
  }

  /** Calls `onHeads` with the best and finalized block numbers now and on every change. */
  watchHeads(onHeads: (heads: Heads) => void, onError: (error: Error) => void): () => void {
    const heads: Heads = { best: 0, finalized: 0 };
    const best = this.client.bestBlocks$.subscribe({
      next: (blocks) => {
        heads.best = blocks[0]?.number ?? heads.best;
        onHeads({ ...heads });
      },
      error: onError,
    });
    const finalized = this.client.finalizedBlock$.subscribe({
      next: (block) => {
        heads.finalized = block.number;
        onHeads({ ...heads });
      },
      error: onError,
    });
    return () => {
      best.unsubscribe();
      finalized.unsubscribe();
    };
  }

  /**
   * Calls `onChange` when a `ModelUpdated` event arrives, and after every finalized block whose
   * events include any of the model registry's (revocations, transfers, policies…).
   */
  watchRegistry(onChange: (events: string[]) => void): () => void {
    const subscription = this.api.event.ModelRegistry.ModelUpdated.watch().subscribe({
      next: () => onChange(['ModelUpdated']),
      error: () => undefined,
    });
    const others = this.client.finalizedBlock$.subscribe({
      next: async (block) => {
        const events = await this.api.query.System.Events.getValue({ at: block.hash }).catch(
          () => [],
        );
        const registry = events
          .filter((record: { event: { type: string } }) => record.event.type === 'ModelRegistry')
          .map((record: { event: { value: { type: string } } }) => record.event.value.type);
        if (registry.length > 0) onChange(registry);
      },
      error: () => undefined,
    });
    return () => {
      subscription.unsubscribe();
      others.unsubscribe();
    };
  }

  /** Every model with every version, as of the best block. */
  async registry(): Promise<ModelView[]> {
    const at = { at: 'best' };
    const registry = this.api.query.ModelRegistry;
    const [models, versions, revoked, modelsRevoked] = await Promise.all([
      registry.Models.getEntries(at),
      registry.Versions.getEntries(at),
      registry.RevokedVersions.getEntries(at),
      registry.ModelsRevokedByGovernance.getEntries(at),
    ]);
    const revokedAt = new Map<string, number>(
      revoked.map(
        ({ keyArgs: [model, number], value }: { keyArgs: [number, number]; value: number }) => [
          `${model}/${number}`,
          value,
        ],
      ),
    );
    const modelRevokedAt = new Map<number, number>(
      modelsRevoked.map(({ keyArgs: [model], value }: { keyArgs: [number]; value: number }) => [
        model,
        value,
      ]),
    );
    const byModel = new Map<number, VersionView[]>();
    for (const { keyArgs, value } of versions) {
      const [model, number] = keyArgs as [number, number];
      const version: VersionView = {
        model,
        number,
        parent: value.parent,
        contentHash: value.declaration.content_hash,
        merkleRoot: value.declaration.merkle_root,
        shardCount: value.declaration.shard_count,
        byteSize: value.declaration.byte_size,
        submitter: value.submitter,
        signedBy: value.evidence.signed_by,
        zkVerifyingKey: value.evidence.zk_verifying_key,
        proposal: value.evidence.proposal,
        block: value.block,
        timestampMs: value.timestamp_ms,
        revokedAt: revokedAt.get(`${model}/${number}`) ?? modelRevokedAt.get(model),
      };
      byModel.set(model, [...(byModel.get(model) ?? []), version]);
    }
    return models
      .map(({ keyArgs: [id], value }: { keyArgs: [number]; value: any }): ModelView => ({
        id,
        name: ownerText(value.metadata.name),
        framework: ownerText(value.metadata.framework),
        uri: ownerText(value.metadata.uri),
        owner: value.owner,
        status: value.status.type,
        signing: value.policy.signing,
        zkVerifyingKey: value.policy.zk_verifying_key,
        contributors: value.policy.contributors,
        currentVersion: value.current_version,
        revokedByGovernanceAt: modelRevokedAt.get(id),
        versions: (byModel.get(id) ?? []).sort((a, b) => b.number - a.number),
      }))
      .sort((a: ModelView, b: ModelView) => a.id - b.id);
  }

  /** The chain's verdicts on a shard of `version`, all free runtime calls at the best block. */
  async checkShard(
    version: VersionView,
    leafHash: Uint8Array,
    proof: MerkleProof,
  ): Promise<ShardVerdict> {
    const scaleProof = {
      leaf_index: proof.leafIndex,
      leaf_count: proof.leafCount,
      siblings: proof.siblings.map(toHex),
    };
    const [registry, statement] = await Promise.all([
      this.api.apis.ModelRegistryApi.verify_shard(
        version.model,
        version.number,
        toHex(leafHash),
        scaleProof,
      ),
      this.api.apis.ProofVerifierApi.check_statement({
        type: 'MerkleInclusion',
        value: { root: version.merkleRoot, leaf_hash: toHex(leafHash), proof: scaleProof },
      }),
    ]);
    const verdict: ShardVerdict = {
      registry: registry.success ? { ok: true } : { ok: false, reason: reason(registry.value) },
      statement: statement.success
        ? { ok: true, statementHash: statement.value }
        : { ok: false, reason: reason(statement.value) },
    };
    if (statement.success) verdict.attestation = await this.attestation(statement.value);
    return verdict;
  }

  /** The on-chain record of a verified statement, by its hash. */
  async attestation(statementHash: string): Promise<AttestationView | undefined> {
    const record = await this.api.query.ProofVerifier.Attestations.getValue(statementHash, {
      at: 'best',
    });
    if (record === undefined) return undefined;
    return {
      statementHash,
      submitter: record.submitter,
      kind: record.kind.type,
      verifiedAt: record.verified_at,
    };
  }

  disconnect(): void {
    this.client.destroy();
  }
}
