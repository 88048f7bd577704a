// Prometheus metrics of a node: fetching and parsing the text exposition format that the
// node serves on 127.0.0.1:<prometheus port>/metrics.

import { LOOPBACK } from './rpc.mjs';

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const LABEL_ESCAPES = { '\\': '\\', '"': '"', n: '\n' };

/** Substrate prefixes the metrics of its registry with `substrate_`. */
const SUBSTRATE_PREFIX = 'substrate_';

function parseSampleValue(token, line) {
  switch (token) {
    case '+Inf':
    case 'Inf':
      return Infinity;
    case '-Inf':
      return -Infinity;
    case 'NaN':
      return NaN;
    default: {
      const value = Number(token);
      if (token === undefined || token === '' || Number.isNaN(value)) {
        throw new Error(`malformed Prometheus sample value in line: ${line}`);
      }
      return value;
    }
  }
}

/** Parses `{a="x",b="y\"z"}` at the start of `text`; returns { labels, rest }. */
function parseLabels(text, line) {
  const labels = {};
  let rest = text.slice(1).trimStart(); // skip '{'
  for (;;) {
    if (rest.startsWith('}')) return { labels, rest: rest.slice(1) };
    const name = LABEL_NAME.exec(rest)?.[0];
    if (!name) throw new Error(`malformed Prometheus label in line: ${line}`);
    rest = rest.slice(name.length).trimStart();
    if (!/^=\s*"/.test(rest)) {
      throw new Error(`malformed Prometheus label ${name} in line: ${line}`);
    }
    rest = rest.slice(rest.indexOf('"') + 1);
    let value = '';
    let i = 0;
    for (; i < rest.length && rest[i] !== '"'; i++) {
      if (rest[i] === '\\' && i + 1 < rest.length) {
        i++;
        value += LABEL_ESCAPES[rest[i]] ?? `\\${rest[i]}`;
      } else {
        value += rest[i];
      }
    }
    if (i >= rest.length) throw new Error(`unterminated Prometheus label value in line: ${line}`);
    labels[name] = value;
    rest = rest.slice(i + 1).trimStart();
    if (rest.startsWith(',')) rest = rest.slice(1).trimStart();
    else if (!rest.startsWith('}')) {
      throw new Error(`malformed Prometheus label list in line: ${line}`);
    }
  }
}

/**
 * Parses the Prometheus text format into samples [{ name, labels, value }]. Comment lines
 * (`# HELP`, `# TYPE`) and blank lines are skipped; a sample's optional timestamp is ignored.
 */
export function parsePrometheusText(text) {
  const samples = [];
  for (const rawLine of text.split('\n')) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const name = METRIC_NAME.exec(line)?.[0];
    if (!name) throw new Error(`malformed Prometheus line: ${line}`);
    let rest = line.slice(name.length).trimStart();
    let labels = {};
    if (rest.startsWith('{')) ({ labels, rest } = parseLabels(rest, line));
    const [valueToken] = rest.trim().split(/\s+/);
    samples.push({ name, labels, value: parseSampleValue(valueToken, line) });
  }
  return samples;
}

/**
 * Map name -> value, summed over label sets (e.g. `chain="local_testnet"`). Histogram
 * buckets (`<name>_bucket{le=...}`) are left out, as a sum over `le` means nothing; their
 * `<name>_sum` and `<name>_count` are kept.
 */
export function metricsByName(samples) {
  const metrics = new Map();
  for (const { name, labels, value } of samples) {
    if (name.endsWith('_bucket') && 'le' in labels) continue;
    metrics.set(name, (metrics.get(name) ?? 0) + value);
  }
  return metrics;
}

export function metricsUrl(node) {
  return `http://${LOOPBACK}:${node.prometheusPort}/metrics`;
}

/** GETs the node's /metrics and returns metricsByName of it. */
export async function fetchMetrics(node, { timeoutMs = 10_000 } = {}) {
  const url = metricsUrl(node);
  let response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new Error(`${node.name}: could not fetch ${url}: ${error.message}`);
  }
  if (!response.ok) {
    throw new Error(`${node.name}: GET ${url}: HTTP ${response.status} ${response.statusText}`);
  }
  return metricsByName(parsePrometheusText(await response.text()));
}

/**
 * The value of metric `name` (as exported, or with Substrate's `substrate_` prefix), or
 * undefined if the node does not export it.
 */
export function metricValue(metrics, name) {
  for (const candidate of [name, `${SUBSTRATE_PREFIX}${name}`]) {
    if (metrics.has(candidate)) return metrics.get(candidate);
  }
  return undefined;
}

/** Like metricValue, but throws a clear error if the metric is missing. */
export function requireMetric(metrics, name, nodeName) {
  const value = metricValue(metrics, name);
  if (value === undefined) {
    const related = [...metrics.keys()].filter((key) => key.includes('pow')).join(', ');
    throw new Error(
      `${nodeName}: metric ${name} (or ${SUBSTRATE_PREFIX}${name}) is not exported ` +
        `(exported metrics mentioning "pow": ${related || 'none'})`,
    );
  }
  return value;
}

/** Reads one metric of a node (summed over label sets); throws if it is not exported. */
export async function readMetric(node, name) {
  return requireMetric(await fetchMetrics(node), name, node.name);
}

// ---------------------------------------------------------------------------------------
// The node's proof-of-work sealing metrics

export const POW_METRICS = {
  hashRate: 'aegis_pow_hash_rate',
  sealingSeconds: 'aegis_pow_sealing_seconds',
  sealedBlocks: 'aegis_pow_sealed_blocks_total',
  sealingTimeouts: 'aegis_pow_sealing_timeouts_total',
  rejectedSeals: 'aegis_pow_rejected_seals_total',
};

/**
 * The node's sealing metrics: { sealedBlocks, sealingTimeouts, rejectedSeals, hashRate,
 * sealings, meanSealingMs } (meanSealingMs is null before the first sealing).
 */
export async function readPowMetrics(node) {
  const metrics = await fetchMetrics(node);
  const read = (name) => requireMetric(metrics, name, node.name);
  const sealingSum = read(`${POW_METRICS.sealingSeconds}_sum`);
  const sealings = read(`${POW_METRICS.sealingSeconds}_count`);
  return {
    sealedBlocks: read(POW_METRICS.sealedBlocks),
    sealingTimeouts: read(POW_METRICS.sealingTimeouts),
    rejectedSeals: read(POW_METRICS.rejectedSeals),
    hashRate: read(POW_METRICS.hashRate),
    sealings,
    meanSealingMs: sealings > 0 ? (sealingSum / sealings) * 1000 : null,
  };
}

export function formatPowMetrics(name, pow) {
  const mean = pow.meanSealingMs === null ? 'n/a' : `${pow.meanSealingMs.toFixed(1)} ms`;
  return (
    `${name}: sealed ${pow.sealedBlocks} blocks, mean sealing time ${mean} ` +
    `(${pow.sealings} sealings), last hash rate ${Math.round(pow.hashRate)} H/s, ` +
    `sealing timeouts ${pow.sealingTimeouts}, rejected seals ${pow.rejectedSeals}`
  );
}
