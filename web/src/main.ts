// The registry page: connects to a node, lists its models and versions live, and checks files
// and shards the user picks against them. Everything the chain says is inserted as text, never
// as markup: model names and URIs are whatever their owners registered.
//
// Every asynchronous task (connecting, reading the registry, hashing, rendering a verdict,
// checking a shard) carries the number of its run and gives up its result when a newer run of
// the same task has started, so an old answer never overwrites a newer one.

import './style.css';

import { Chain, type Heads, type ModelView, type VersionView } from './chain';
import { type FileDigest, digestFile, leafHashOf, merkleRootOf } from './digest';
import {
  DEFAULT_SHARD_SIZE,
  fromHex,
  merkleRootFromProof,
  parseProofFile,
  toHex,
} from './integrity';
import {
  NO_VERSION,
  describeEvidence,
  describeMatch,
  describeModel,
  describePolicy,
  formatBytes,
  matchState,
  modelMatchesSearch,
  versionShardSize,
  versionsWithContent,
  versionsWithRoot,
} from './verdict';

const DEFAULT_NODE_URL = 'ws://127.0.0.1:9944';
const NODE_URL_KEY = 'aegis.nodeUrl';
/** A proof file of 32 siblings is about 9 KiB; anything much larger is not one. */
const MAX_PROOF_FILE_BYTES = 64 << 10;

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element as T;
}

type Child = Node | string | undefined | false;

/** An element with attributes and children; strings become text nodes. */
function el(
  tag: string,
  attributes: Record<string, string> = {},
  ...children: Child[]
): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) if (child) element.append(child);
  return element;
}

/** A hash, shown shortened by CSS; the text (for copying and screen readers) is whole. */
function hashCell(hash: string): HTMLElement {
  return el('code', { class: 'hash', title: hash }, hash);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const ui = {
  connectForm: byId<HTMLFormElement>('connect-form'),
  nodeUrl: byId<HTMLInputElement>('node-url'),
  connection: byId('connection'),
  heads: byId('heads'),
  dropZone: byId('drop-zone'),
  modelFile: byId<HTMLInputElement>('model-file'),
  fileProgress: byId<HTMLProgressElement>('file-progress'),
  fileRate: byId('file-rate'),
  fileVerdict: byId('file-verdict'),
  fileDigest: byId('file-digest'),
  shardForm: byId<HTMLFormElement>('shard-form'),
  shardFile: byId<HTMLInputElement>('shard-file'),
  proofFile: byId<HTMLInputElement>('proof-file'),
  shardVerdict: byId('shard-verdict'),
  shardDetails: byId('shard-details'),
  attestationForm: byId<HTMLFormElement>('attestation-form'),
  statementHash: byId<HTMLInputElement>('statement-hash'),
  attestationVerdict: byId('attestation-verdict'),
  search: byId<HTMLInputElement>('search'),
  registryStatus: byId('registry-status'),
  models: byId('models'),
};

const state: {
  chain?: Chain;
  heads: Heads;
  models: ModelView[];
  /** How many versions were finalized when the list was last drawn. */
  finalizedVersions: number;
  checked?: { file: File; digest: FileDigest };
  stop: Array<() => void>;
} = { heads: { best: 0, finalized: 0 }, models: [], finalizedVersions: 0, stop: [] };

/** The latest run of each task. */
const runs = { connect: 0, hash: 0, verdict: 0, shard: 0, attestation: 0 };

function setVerdict(target: HTMLElement, verdict: string, text: string): void {
  target.dataset.verdict = verdict;
  target.textContent = text;
}

function setDetails(target: HTMLElement, rows: Array<[string, Node | string]>): void {
  target.replaceChildren(
    ...rows.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]),
  );
}

// ---- connection ----

/** The connection's state, announced to screen readers; block numbers are shown apart. */
function showConnection(text: string, connectionState: string): void {
  ui.connection.dataset.state = connectionState;
  ui.connection.textContent = text;
  if (connectionState !== 'connected') ui.heads.textContent = '';
}

function finalizedVersionCount(): number {
  return state.models.reduce(
    (count, model) =>
      count + model.versions.filter((version) => version.block <= state.heads.finalized).length,
    0,
  );
}

/** Connects to `url`; `remember` keeps it for the next visit (a URL the user typed). */
async function connect(url: string, remember: boolean): Promise<void> {
  const run = ++runs.connect;
  for (const stop of state.stop.splice(0)) stop();
  state.chain?.disconnect();
  state.chain = undefined;
  state.models = [];
  state.heads = { best: 0, finalized: 0 };
  renderModels();
  showConnection(`Connecting to ${url}…`, 'connecting');
  let chain: Chain;
  try {
    chain = await Chain.connect(url);
  } catch (error) {
    if (run === runs.connect) showConnection(`Cannot connect: ${message(error)}`, 'error');
    return;
  }
  if (run !== runs.connect) {
    chain.disconnect();
    return;
  }
  state.chain = chain;
  if (remember) localStorage.setItem(NODE_URL_KEY, url);
  showConnection(`Connected to ${chain.name}`, 'connected');
  state.stop.push(
    chain.watchHeads(
      (heads) => {
        state.heads = heads;
        ui.heads.textContent = `best #${heads.best} · finalized #${heads.finalized}`;
        // Redraw only when a version became final: redrawing closes what the user opened.
        const finalized = finalizedVersionCount();
        if (finalized !== state.finalizedVersions) {
          renderModels();
          void renderCheckedFile();
        }
      },
      (error) => showConnection(`Lost ${chain.url}: ${error.message}`, 'error'),
    ),
    chain.watchRegistry(() => void refreshRegistry()),
  );
  await refreshRegistry();
}

// ---- registry ----

let refreshing: Promise<void> | undefined;
let refreshAgain = false;

/** Reloads the registry of the connected node; calls during a reload coalesce into one more. */
function refreshRegistry(): Promise<void> {
  if (refreshing) {
    refreshAgain = true;
    return refreshing;
  }
  refreshing = (async () => {
    do {
      refreshAgain = false;
      const chain = state.chain;
      if (!chain) break;
      try {
        const models = await chain.registry();
        if (chain !== state.chain) continue;
        state.models = models;
        renderModels();
      } catch (error) {
        if (chain === state.chain) {
          ui.registryStatus.textContent = `Cannot read the registry: ${message(error)}`;
        }
        continue;
      }
      void renderCheckedFile();
    } while (refreshAgain);
  })().finally(() => {
    refreshing = undefined;
  });
  return refreshing;
}

function versionRow(model: ModelView, version: VersionView): HTMLElement {
  const finalized = version.block <= state.heads.finalized;
  const revoked = version.revokedAt !== undefined;
  return el(
    'tr',
    { 'data-version': String(version.number), 'data-revoked': String(revoked) },
    el(
      'th',
      { scope: 'row' },
      String(version.number),
      version.number === model.currentVersion && ' (current)',
    ),
    el('td', {}, hashCell(version.contentHash)),
    el('td', {}, hashCell(version.merkleRoot)),
    el('td', {}, String(version.shardCount)),
    el('td', {}, formatBytes(version.byteSize)),
    el('td', {}, describeEvidence(version)),
    el('td', {}, `#${version.block}${finalized ? '' : ' (not final)'}`),
    el(
      'td',
      { class: revoked ? 'bad' : 'good' },
      revoked ? `revoked at #${version.revokedAt}` : 'standing',
    ),
  );
}

function modelCard(model: ModelView, nodeUrl: string): HTMLElement {
  const versions = el(
    'table',
    {},
    el('caption', {}, `Versions of ${describeModel(model)}`),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...[
          'Version',
          'Content hash',
          'Merkle root',
          'Shards',
          'Size',
          'Evidence',
          'Block',
          'Status',
        ].map((title) => el('th', { scope: 'col' }, title)),
      ),
    ),
    el('tbody', {}, ...model.versions.map((version) => versionRow(model, version))),
  );
  const signers = model.signing?.threshold ?? 0;
  const keyArg =
    signers === 1
      ? ' --key SIGNING-KEY.json'
      : Array.from({ length: signers }, (_, i) => ` --key SIGNING-KEY-${i + 1}.json`).join('');
  const publish = `aegis submit update --url ${nodeUrl} --model ${model.id} --file MODEL-FILE${keyArg} --suri-file OWNER-SURI`;
  const apps = `https://polkadot.js.org/apps/?rpc=${encodeURIComponent(nodeUrl)}#/chainstate`;
  return el(
    'article',
    { class: 'model', 'data-model-id': String(model.id), 'aria-labelledby': `model-${model.id}` },
    el('h3', { id: `model-${model.id}` }, `#${model.id} `, el('bdi', {}, model.name)),
    el(
      'dl',
      {},
      el('dt', {}, 'Owner'),
      el('dd', {}, el('code', {}, model.owner)),
      el('dt', {}, 'Status'),
      el(
        'dd',
        { class: model.status === 'Active' ? 'good' : 'bad' },
        model.revokedByGovernanceAt === undefined
          ? model.status
          : `Revoked by governance at #${model.revokedByGovernanceAt}`,
      ),
      el('dt', {}, 'Framework'),
      el('dd', {}, el('bdi', {}, model.framework)),
      el('dt', {}, 'Published at'),
      el('dd', {}, el('bdi', {}, model.uri)),
      el('dt', {}, 'Each update needs'),
      el('dd', {}, describePolicy(model)),
    ),
    model.versions.length === 0
      ? el('p', { class: 'hint' }, 'No version yet.')
      : el(
          'div',
          {
            class: 'table-scroll',
            tabindex: '0',
            role: 'region',
            'aria-label': `Versions of ${describeModel(model)}, scrollable`,
          },
          versions,
        ),
    el(
      'details',
      {},
      el('summary', {}, 'Publish or inspect'),
      el('p', {}, 'Publish the next version from a shell (the owner signs):'),
      el('pre', {}, el('code', {}, publish)),
      el(
        'p',
        {},
        el(
          'a',
          { href: apps, target: '_blank', rel: 'noopener' },
          'Open this chain in polkadot.js apps',
        ),
      ),
    ),
  );
}

function renderModels(): void {
  const query = ui.search.value;
  const shown = state.models.filter((model) => modelMatchesSearch(model, query));
  const nodeUrl = state.chain?.url ?? ui.nodeUrl.value;
  state.finalizedVersions = finalizedVersionCount();
  ui.models.replaceChildren(...shown.map((model) => modelCard(model, nodeUrl)));
  ui.registryStatus.textContent = !state.chain
    ? ''
    : state.models.length === 0
      ? 'No model is registered on this chain yet.'
      : `${shown.length} of ${state.models.length} model(s) shown.`;
}

// ---- checking a file ----

let hashing: AbortController | undefined;

function showProgress(done: number, total: number, started: number): void {
  ui.fileProgress.hidden = false;
  ui.fileProgress.value = total === 0 ? 1 : done / total;
  const seconds = (performance.now() - started) / 1000;
  if (seconds > 0.2) ui.fileRate.textContent = `${((done / seconds) * 1e-6).toFixed(0)} MB/s`;
}

async function checkFile(file: File): Promise<void> {
  const run = ++runs.hash;
  hashing?.abort();
  hashing = new AbortController();
  const { signal } = hashing;
  state.checked = undefined;
  setDetails(ui.fileDigest, []);
  ui.fileRate.textContent = '';
  delete ui.fileRate.dataset.mbPerSecond;
  setVerdict(ui.fileVerdict, 'hashing', `Hashing ${file.name} (${formatBytes(file.size)})…`);
  try {
    const started = performance.now();
    const digest = await digestFile(
      file,
      DEFAULT_SHARD_SIZE,
      (done, total) => showProgress(done / 2, total / 2, started),
      signal,
    );
    const seconds = Math.max(digest.elapsedMs / 1000, 1e-3);
    const mbPerSecond = (digest.byteSize / seconds / 1e6).toFixed(1);
    ui.fileRate.textContent = `${formatBytes(digest.byteSize)} hashed in ${seconds.toFixed(2)} s (${mbPerSecond} MB/s)`;
    ui.fileRate.dataset.mbPerSecond = mbPerSecond;
    state.checked = { file, digest };
    await renderCheckedFile();
  } catch (error) {
    if (run === runs.hash) {
      setVerdict(ui.fileVerdict, 'error', `Cannot hash ${file.name}: ${message(error)}`);
    }
  } finally {
    if (run === runs.hash) ui.fileProgress.hidden = true;
  }
}

/** Merkle roots of checked files cut in other shard sizes, by file and size: one pass each. */
const rootsBySize = new Map<string, Promise<string>>();

/** The Merkle root of the checked file cut as `version` was; a second pass if sizes differ. */
function checkedRootFor(version: VersionView): Promise<string> | undefined {
  const checked = state.checked;
  const size = versionShardSize(version);
  if (!checked || size === undefined) return undefined;
  const { digest, file } = checked;
  if (size === digest.shardSize || (version.shardCount === 1 && digest.shardCount === 1)) {
    return Promise.resolve(digest.merkleRoot);
  }
  const key = `${digest.contentHash}/${size}`;
  let root = rootsBySize.get(key);
  if (!root) {
    const started = performance.now();
    setVerdict(
      ui.fileVerdict,
      'hashing',
      `Hashing again in ${formatBytes(size)} shards, as version ${version.number} was cut…`,
    );
    root = merkleRootOf(
      file,
      size,
      (done, total) => showProgress(done, total, started),
      hashing?.signal,
    );
    root.catch(() => rootsBySize.delete(key)).finally(() => (ui.fileProgress.hidden = true));
    rootsBySize.set(key, root);
  }
  return root;
}

/** The verdict on the checked file against the registry as it stands now. */
async function renderCheckedFile(): Promise<void> {
  const checked = state.checked;
  if (!checked) return;
  const run = ++runs.verdict;
  const { digest } = checked;
  setDetails(ui.fileDigest, [
    ['File', checked.file.name],
    ['Size', `${formatBytes(digest.byteSize)} (${digest.byteSize} bytes)`],
    ['SHA3-512 content hash', el('code', { class: 'hash-full' }, digest.contentHash)],
    [
      `Merkle root (${formatBytes(digest.shardSize)} shards)`,
      el('code', { class: 'hash-full' }, digest.merkleRoot),
    ],
    ['Shards', String(digest.shardCount)],
  ]);
  if (!state.chain) {
    setVerdict(ui.fileVerdict, 'offline', 'Hashed. Connect to a node to look it up.');
    return;
  }
  const matches = versionsWithContent(state.models, digest.contentHash);
  if (matches.length === 0) {
    setVerdict(ui.fileVerdict, 'unknown', NO_VERSION);
    return;
  }
  const sentences: string[] = [];
  let verdict = 'published';
  const inconsistent = (number: number, model: ModelView) => {
    verdict = 'inconsistent';
    sentences.push(
      `The content hash matches version ${number} of ${describeModel(model)}, but its declared ` +
        'Merkle root or size does not: do not trust this version.',
    );
  };
  try {
    for (const match of matches) {
      // The size first: a declaration whose size differs is refused without another pass.
      if (BigInt(digest.byteSize) !== match.version.byteSize) {
        inconsistent(match.version.number, match.model);
        continue;
      }
      const root = await checkedRootFor(match.version);
      if (run !== runs.verdict) return;
      if (root !== match.version.merkleRoot) {
        inconsistent(match.version.number, match.model);
        continue;
      }
      const now = matchState(match, state.heads.finalized);
      if (now.kind !== 'published' && verdict === 'published') verdict = now.kind;
      sentences.push(describeMatch(match, now));
    }
  } catch (error) {
    if (run === runs.verdict) {
      setVerdict(ui.fileVerdict, 'error', `Cannot compare with the chain: ${message(error)}`);
    }
    return;
  }
  if (run === runs.verdict) setVerdict(ui.fileVerdict, verdict, sentences.join(' '));
}

// ---- checking a shard ----

async function checkShard(): Promise<void> {
  const run = ++runs.shard;
  const shard = ui.shardFile.files?.[0];
  const proofFile = ui.proofFile.files?.[0];
  setDetails(ui.shardDetails, []);
  if (!shard || !proofFile) {
    setVerdict(ui.shardVerdict, 'error', 'Choose the shard file and its proof file.');
    return;
  }
  const chain = state.chain;
  if (!chain) {
    setVerdict(ui.shardVerdict, 'error', 'Connect to a node first.');
    return;
  }
  setVerdict(ui.shardVerdict, 'checking', `Checking ${shard.name}…`);
  const show = (verdict: string, text: string) => {
    if (run === runs.shard) setVerdict(ui.shardVerdict, verdict, text);
  };
  try {
    if (proofFile.size > MAX_PROOF_FILE_BYTES) {
      throw new Error('the proof file is larger than 64 KiB: not a proof file');
    }
    const { proof } = parseProofFile(await proofFile.text());
    const leafHash = fromHex(await leafHashOf(shard, () => undefined), 'leaf hash');
    // The root this shard and its proof lead to; the file's own `merkle_root` is not trusted.
    const root = toHex(merkleRootFromProof(leafHash, proof));
    if (run !== runs.shard) return;
    setDetails(ui.shardDetails, [
      ['Shard', `${proof.leafIndex} of ${proof.leafCount}`],
      ['Leaf hash', el('code', { class: 'hash-full' }, toHex(leafHash))],
      ['Root the proof leads to', el('code', { class: 'hash-full' }, root)],
    ]);
    const candidates = versionsWithRoot(state.models, root);
    if (candidates.length === 0) {
      show(
        'refused',
        'No version on this chain has the Merkle root this shard and its proof lead to.',
      );
      return;
    }
    const sentences: string[] = [];
    let verdict = 'verified';
    for (const { model, version } of candidates) {
      const answer = await chain.checkShard(version, leafHash, proof);
      const what = `shard ${proof.leafIndex} of version ${version.number} of ${describeModel(model)}`;
      if (answer.registry.ok && answer.statement.ok) {
        const revoked = version.revokedAt !== undefined;
        if (revoked) verdict = 'revoked';
        sentences.push(
          `The chain verified this as ${what}.` +
            (revoked ? ` But governance revoked that version at block ${version.revokedAt}.` : '') +
            (answer.attestation
              ? ` An attestation of this statement was recorded at block ${answer.attestation.verifiedAt}.`
              : ''),
        );
        if (run === runs.shard) {
          ui.shardDetails.append(
            el('dt', {}, 'Statement hash'),
            el('dd', {}, el('code', { class: 'hash-full' }, answer.statement.statementHash)),
          );
        }
      } else {
        verdict = 'refused';
        const why = !answer.registry.ok
          ? answer.registry.reason
          : (answer.statement as { reason: string }).reason;
        sentences.push(`The chain refused this as ${what}: ${why}.`);
      }
    }
    show(verdict, sentences.join(' '));
  } catch (error) {
    show('error', `Cannot check the shard: ${message(error)}`);
  }
}

// ---- looking up an attestation ----

async function lookUpAttestation(): Promise<void> {
  const run = ++runs.attestation;
  const show = (verdict: string, text: string) => {
    if (run === runs.attestation) setVerdict(ui.attestationVerdict, verdict, text);
  };
  const chain = state.chain;
  if (!chain) {
    show('error', 'Connect to a node first.');
    return;
  }
  try {
    const hash = toHex(fromHex(ui.statementHash.value, 'a statement hash', 32));
    const found = await chain.attestation(hash);
    if (!found) {
      show('unknown', 'No statement with this hash is attested on this chain.');
      return;
    }
    show(
      'verified',
      `The chain verified this ${found.kind} statement at block ${found.verifiedAt}, ` +
        `submitted by ${found.submitter}.`,
    );
  } catch (error) {
    show('error', `Cannot look it up: ${message(error)}`);
  }
}

// ---- wiring ----

ui.connectForm.addEventListener('submit', (event) => {
  event.preventDefault();
  void connect(ui.nodeUrl.value.trim(), true);
});
ui.modelFile.addEventListener('change', () => {
  const file = ui.modelFile.files?.[0];
  if (file) void checkFile(file);
});
for (const type of ['dragenter', 'dragover'] as const) {
  ui.dropZone.addEventListener(type, (event) => {
    event.preventDefault();
    ui.dropZone.classList.add('dragging');
  });
}
ui.dropZone.addEventListener('dragleave', () => ui.dropZone.classList.remove('dragging'));
ui.dropZone.addEventListener('drop', (event) => {
  event.preventDefault();
  ui.dropZone.classList.remove('dragging');
  const file = event.dataTransfer?.files[0];
  if (file) void checkFile(file);
});
ui.shardForm.addEventListener('submit', (event) => {
  event.preventDefault();
  void checkShard();
});
ui.attestationForm.addEventListener('submit', (event) => {
  event.preventDefault();
  void lookUpAttestation();
});
ui.search.addEventListener('input', renderModels);

// A node named in the link (`?rpc=`) is used for this visit only; a node the user typed is
// remembered.
const requested = new URLSearchParams(location.search).get('rpc');
ui.nodeUrl.value = requested ?? localStorage.getItem(NODE_URL_KEY) ?? DEFAULT_NODE_URL;
void connect(ui.nodeUrl.value, false);
