// The registry page: connects to a node, lists its models and versions live, and checks files
// and shards the user picks against them. Everything the chain says is inserted as text, never
// as markup: model names and URIs are whatever their owners registered.

import './style.css';

import { Chain, type Heads, type ModelView, type VersionView } from './chain';
import { type FileDigest, digestFile, leafHashOf, merkleRootOf } from './digest';
import {
  DEFAULT_SHARD_SIZE,
  fromHex,
  merkleRootFromProof,
  parseProofFile,
  sameBytes,
  toHex,
} from './integrity';
import {
  type Match,
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

/** A hash shown short, with the whole value for copying and screen readers. */
function hashCell(hash: string): HTMLElement {
  return el('code', { class: 'hash', title: hash }, `${hash.slice(0, 10)}…${hash.slice(-8)}`);
}

const ui = {
  connectForm: byId<HTMLFormElement>('connect-form'),
  nodeUrl: byId<HTMLInputElement>('node-url'),
  connection: byId('connection'),
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
  search: byId<HTMLInputElement>('search'),
  registryStatus: byId('registry-status'),
  models: byId('models'),
};

const state: {
  chain?: Chain;
  heads: Heads;
  models: ModelView[];
  checked?: { file: File; digest: FileDigest };
  stop: Array<() => void>;
} = { heads: { best: 0, finalized: 0 }, models: [], stop: [] };

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

function showConnection(text: string, connectionState: string): void {
  ui.connection.dataset.state = connectionState;
  ui.connection.textContent = text;
}

function showHeads(): void {
  if (!state.chain) return;
  showConnection(
    `Connected to ${state.chain.name} · best #${state.heads.best} · finalized #${state.heads.finalized}`,
    'connected',
  );
}

async function connect(url: string): Promise<void> {
  for (const stop of state.stop.splice(0)) stop();
  state.chain?.disconnect();
  state.chain = undefined;
  state.models = [];
  renderModels();
  showConnection(`Connecting to ${url}…`, 'connecting');
  try {
    const chain = await Chain.connect(url);
    state.chain = chain;
    localStorage.setItem(NODE_URL_KEY, url);
    state.stop.push(
      chain.watchHeads(
        (heads) => {
          const finalityMoved = heads.finalized !== state.heads.finalized;
          state.heads = heads;
          showHeads();
          if (finalityMoved) {
            renderModels();
            void renderCheckedFile();
          }
        },
        (error) => showConnection(`Lost ${chain.url}: ${error.message}`, 'error'),
      ),
      chain.watchRegistry(() => void refreshRegistry()),
    );
    showHeads();
    await refreshRegistry();
  } catch (error) {
    showConnection(`Cannot connect: ${(error as Error).message}`, 'error');
  }
}

// ---- registry ----

let refreshing: Promise<void> | undefined;
let refreshAgain = false;

/** Reloads the registry; calls during a reload coalesce into one more. */
async function refreshRegistry(): Promise<void> {
  if (refreshing) {
    refreshAgain = true;
    return refreshing;
  }
  refreshing = (async () => {
    do {
      refreshAgain = false;
      const chain = state.chain;
      if (!chain) return;
      try {
        const models = await chain.registry();
        if (chain !== state.chain) return;
        state.models = models;
        renderModels();
        await renderCheckedFile();
      } catch (error) {
        ui.registryStatus.textContent = `Cannot read the registry: ${(error as Error).message}`;
      }
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
  const keyArg = model.signingKey === undefined ? '' : ' --key OWNER-KEY.json';
  const publish = `aegis submit update --url ${nodeUrl} --model ${model.id} --file MODEL-FILE${keyArg} --suri-file OWNER-SURI`;
  const apps = `https://polkadot.js.org/apps/?rpc=${encodeURIComponent(nodeUrl)}#/chainstate`;
  return el(
    'article',
    { class: 'model', 'data-model-id': String(model.id), 'aria-labelledby': `model-${model.id}` },
    el('h3', { id: `model-${model.id}` }, `#${model.id} ${model.name}`),
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
      el('dd', {}, model.framework),
      el('dt', {}, 'Published at'),
      el('dd', {}, model.uri),
      el('dt', {}, 'Each update needs'),
      el('dd', {}, describePolicy(model)),
    ),
    model.versions.length === 0
      ? el('p', { class: 'hint' }, 'No version yet.')
      : el('div', { class: 'table-scroll' }, versions),
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
  ui.models.replaceChildren(...shown.map((model) => modelCard(model, nodeUrl)));
  ui.registryStatus.textContent = !state.chain
    ? ''
    : state.models.length === 0
      ? 'No model is registered on this chain yet.'
      : `${shown.length} of ${state.models.length} model(s) shown.`;
}

// ---- checking a file ----

let checkRun = 0;

async function checkFile(file: File): Promise<void> {
  const run = ++checkRun;
  state.checked = undefined;
  setDetails(ui.fileDigest, []);
  ui.fileProgress.hidden = false;
  ui.fileProgress.value = 0;
  ui.fileRate.textContent = '';
  setVerdict(ui.fileVerdict, 'hashing', `Hashing ${file.name} (${formatBytes(file.size)})…`);
  try {
    const started = performance.now();
    const digest = await digestFile(file, DEFAULT_SHARD_SIZE, (done, total) => {
      if (run !== checkRun) return;
      ui.fileProgress.value = total === 0 ? 1 : done / total;
      const seconds = (performance.now() - started) / 1000;
      if (seconds > 0.2)
        ui.fileRate.textContent = `${((done / 2 / seconds) * 1e-6).toFixed(0)} MB/s`;
    });
    if (run !== checkRun) return;
    const seconds = digest.elapsedMs / 1000;
    ui.fileRate.textContent = `${formatBytes(digest.byteSize)} hashed in ${seconds.toFixed(2)} s (${(
      digest.byteSize /
      Math.max(seconds, 1e-3) /
      1e6
    ).toFixed(1)} MB/s)`;
    ui.fileRate.dataset.mbPerSecond = (digest.byteSize / Math.max(seconds, 1e-3) / 1e6).toFixed(1);
    state.checked = { file, digest };
    await renderCheckedFile();
  } catch (error) {
    if (run === checkRun)
      setVerdict(ui.fileVerdict, 'error', `Cannot hash ${file.name}: ${(error as Error).message}`);
  } finally {
    if (run === checkRun) ui.fileProgress.hidden = true;
  }
}

/** The Merkle root of the checked file cut as `version` was; a second pass if sizes differ. */
const rootsBySize = new Map<string, string>();
async function checkedRootFor(version: VersionView): Promise<string | undefined> {
  const checked = state.checked;
  const size = versionShardSize(version);
  if (!checked || size === undefined) return undefined;
  if (
    size === checked.digest.shardSize ||
    (version.shardCount === 1 && checked.digest.shardCount === 1)
  ) {
    return checked.digest.merkleRoot;
  }
  const key = `${checked.digest.contentHash}/${size}`;
  if (!rootsBySize.has(key))
    rootsBySize.set(key, await merkleRootOf(checked.file, size, () => undefined));
  return rootsBySize.get(key);
}

/** The verdict on the checked file against the registry as it stands now. */
async function renderCheckedFile(): Promise<void> {
  const checked = state.checked;
  if (!checked) return;
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
  for (const match of matches) {
    const root = await checkedRootFor(match.version);
    if (state.checked !== checked) return;
    if (root !== match.version.merkleRoot || BigInt(digest.byteSize) !== match.version.byteSize) {
      verdict = 'inconsistent';
      sentences.push(
        `The content hash matches version ${match.version.number} of ${describeModel(match.model)}, ` +
          'but its declared Merkle root or size does not: do not trust this version.',
      );
      continue;
    }
    const matchStateNow = matchState(match, state.heads.finalized);
    if (matchStateNow.kind !== 'published' && verdict === 'published') verdict = matchStateNow.kind;
    sentences.push(describeMatch(match, matchStateNow));
  }
  setVerdict(ui.fileVerdict, verdict, sentences.join(' '));
}

// ---- checking a shard ----

async function checkShard(): Promise<void> {
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
  try {
    if (proofFile.size > 64 << 10)
      throw new Error('the proof file is larger than 64 KiB: not a proof file');
    const proof = parseProofFile(await proofFile.text());
    const leafHash = fromHex(await leafHashOf(shard, () => undefined), 'leaf hash');
    const rootFromProof = merkleRootFromProof(leafHash, proof.proof);
    setDetails(ui.shardDetails, [
      ['Shard', `${proof.shard} of ${proof.proof.leafCount}`],
      ['Leaf hash', el('code', { class: 'hash-full' }, toHex(leafHash))],
      ['Root the proof leads to', el('code', { class: 'hash-full' }, toHex(rootFromProof))],
    ]);
    if (!sameBytes(leafHash, proof.leafHash)) {
      setVerdict(
        ui.shardVerdict,
        'refused',
        'This shard is not the one the proof file is for: their leaf hashes differ.',
      );
      return;
    }
    const candidates: Match[] = versionsWithRoot(state.models, toHex(proof.merkleRoot));
    if (candidates.length === 0) {
      setVerdict(
        ui.shardVerdict,
        'refused',
        'No version on this chain has the Merkle root this proof is for.',
      );
      return;
    }
    const { model, version } = candidates[0];
    const verdict = await chain.checkShard(version, leafHash, proof.proof);
    const what = `shard ${proof.proof.leafIndex} of version ${version.number} of ${describeModel(model)}`;
    if (verdict.registry.ok && verdict.statement.ok) {
      const attested = verdict.attestation
        ? ` An attestation of this statement was recorded at block ${verdict.attestation.verifiedAt}.`
        : '';
      const revoked =
        version.revokedAt === undefined
          ? ''
          : ` But governance revoked that version at block ${version.revokedAt}.`;
      setVerdict(
        ui.shardVerdict,
        version.revokedAt === undefined ? 'verified' : 'revoked',
        `The chain verified this as ${what}.${revoked}${attested}`,
      );
      ui.shardDetails.append(
        el('dt', {}, 'Statement hash'),
        el('dd', {}, el('code', { class: 'hash-full' }, verdict.statement.statementHash)),
      );
    } else {
      const why = !verdict.registry.ok
        ? verdict.registry.reason
        : (verdict.statement as { reason: string }).reason;
      setVerdict(ui.shardVerdict, 'refused', `The chain refused this as ${what}: ${why}.`);
    }
  } catch (error) {
    setVerdict(ui.shardVerdict, 'error', `Cannot check the shard: ${(error as Error).message}`);
  }
}

// ---- wiring ----

ui.connectForm.addEventListener('submit', (event) => {
  event.preventDefault();
  void connect(ui.nodeUrl.value.trim());
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
ui.search.addEventListener('input', renderModels);

const requested = new URLSearchParams(location.search).get('rpc');
ui.nodeUrl.value = requested ?? localStorage.getItem(NODE_URL_KEY) ?? DEFAULT_NODE_URL;
void connect(ui.nodeUrl.value);
