// Starting and stopping the real `aegis-node` binary for the e2e tests.
//
// Every node gets a fresh temporary directory (base path + log file) and free loopback
// ports. Every process started here is killed when the test process exits or is
// interrupted, whether or not the tests passed.

import { spawn } from 'node:child_process';
import {
  accessSync,
  closeSync,
  constants as fsConstants,
  existsSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { KEEP_TMP } from './constants.mjs';
import { LOOPBACK, rpcCall } from './rpc.mjs';
import { lastLines, settlesWithin } from './util.mjs';

/** Node startup compiles the runtime wasm; on a busy 2-core machine that takes a while. */
export const READY_TIMEOUT_MS = 180_000;
const STOP_GRACE_MS = 10_000;
const KILL_WAIT_MS = 5_000;
const LOG_TAIL_LINES = 60;

// ---------------------------------------------------------------------------------------
// The binary

export function nodeBinary() {
  const configured = process.env.AEGIS_NODE_BIN;
  if (!configured) {
    throw new Error(
      'AEGIS_NODE_BIN is not set: point it at the aegis-node binary, ' +
        'e.g. AEGIS_NODE_BIN=$HOME/.cache/aegis/target/debug/aegis-node npm test',
    );
  }
  const binary = path.resolve(configured);
  try {
    accessSync(binary, fsConstants.X_OK);
  } catch (error) {
    throw new Error(`AEGIS_NODE_BIN=${configured} is not an executable file (${error.code})`);
  }
  if (!statSync(binary).isFile()) {
    throw new Error(`AEGIS_NODE_BIN=${configured} is not a file`);
  }
  return binary;
}

// ---------------------------------------------------------------------------------------
// Cleanup of everything we started, even on failure or interruption

/** Entries { child, dir } for every process started and not yet cleaned up. */
const started = new Set();
let exitHandlersInstalled = false;

function isRunning(child) {
  return child.pid !== undefined && child.exitCode === null && child.signalCode === null;
}

function removeDir(dir) {
  if (KEEP_TMP || !dir) return;
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // Best effort: the directory lives under the OS temp dir.
  }
}

function killAllNow() {
  for (const { child, dir } of started) {
    if (isRunning(child)) child.kill('SIGKILL');
    removeDir(dir);
  }
  started.clear();
}

function track(entry) {
  if (!exitHandlersInstalled) {
    exitHandlersInstalled = true;
    process.on('exit', killAllNow);
    for (const [signal, exitCode] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
      ['SIGHUP', 129],
    ]) {
      process.once(signal, () => {
        killAllNow();
        process.exit(exitCode);
      });
    }
  }
  started.add(entry);
}

/** Resolves with { code, signal, error } once the child is gone (or failed to spawn). */
function exitOf(child, event = 'exit') {
  return new Promise((resolve) => {
    // `on`, not `once`: a later 'error' (e.g. a failed kill) must not go unhandled.
    child.on('error', (error) => {
      if (!isRunning(child)) resolve({ code: null, signal: null, error });
    });
    child.once(event, (code, signal) => resolve({ code, signal, error: null }));
  });
}

export function describeExit({ code, signal, error }) {
  if (error) return `failed to start: ${error.message}`;
  if (signal) return `killed by ${signal}`;
  return `exit code ${code}`;
}

// ---------------------------------------------------------------------------------------
// Ports and arguments

const portsHandedOut = new Set();
/** How a node says that a port it was given is taken (RPC, p2p or Prometheus). */
const PORT_IN_USE = /address already in use|os error 98/i;
/** What a node logs once its RPC server listens (`sc-rpc-server`). */
const RPC_SERVER_RUNNING = 'Running JSON-RPC server';
const PORT_ATTEMPTS = 3;

/** `count` distinct free TCP ports on 127.0.0.1, never repeating one handed out before. */
export async function freeLoopbackPorts(count) {
  const servers = [];
  const ports = [];
  try {
    while (ports.length < count) {
      const server = net.createServer();
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, LOOPBACK, resolve);
      });
      servers.push(server);
      const { port } = server.address();
      if (!portsHandedOut.has(port)) {
        portsHandedOut.add(port);
        ports.push(port);
      }
    }
    return ports;
  } finally {
    await Promise.all(
      servers.map((server) => new Promise((resolve) => server.close(() => resolve()))),
    );
  }
}

/** Arguments every node gets: its own base path, loopback-only ports, no outside contact. */
export function standardArgs({ basePath, ports }) {
  return [
    '--base-path',
    basePath,
    '--rpc-port',
    String(ports.rpc),
    '--prometheus-port',
    String(ports.prometheus),
    // sc-cli rejects `--port` together with `--listen-addr`; the p2p port is given here.
    '--listen-addr',
    `/ip4/${LOOPBACK}/tcp/${ports.p2p}`,
    '--rpc-cors',
    'all',
    // Keep the test nodes from discovering (or being found by) other nodes on this machine.
    '--no-mdns',
    '--no-telemetry',
  ];
}

/**
 * A fresh directory and ports for a node, and what to run: by default the node binary with
 * `args` and the standard arguments; with `command` (e.g. a README command with its ports and
 * base path substituted), whatever `command({ binary, basePath, ports })` returns as
 * `{ program, argv, cwd, env }` (`env`: variables added to this process's environment).
 */
async function prepareRun({ name, args, command, rpcPort, reuse }) {
  const binary = nodeBinary();
  let dir;
  let ports;
  if (reuse) {
    ({ dir, ports } = reuse);
  } else {
    dir = await mkdtemp(path.join(os.tmpdir(), `aegis-e2e-${name}-`));
    const [rpc, p2p, prometheus] = await freeLoopbackPorts(3);
    ports = { rpc: rpcPort ?? rpc, p2p, prometheus };
  }
  const basePath = path.join(dir, 'data');
  const run = command
    ? command({ binary, basePath, ports })
    : { program: binary, argv: [...args, ...standardArgs({ basePath, ports })] };
  return { dir, ports, ...run };
}

// ---------------------------------------------------------------------------------------
// Long-running nodes

export class AegisNode {
  #child;
  #entry;
  #exited;
  #exitStatus = null;
  #stopped = null;
  #ownsDir = true;

  constructor({ name, child, entry, dir, logPath, ports, argv, args }) {
    this.name = name;
    this.dir = dir;
    this.logPath = logPath;
    this.ports = ports;
    this.argv = argv;
    /** The arguments it was started with, but for the standard ones (for a restart). */
    this.args = args;
    this.#child = child;
    this.#entry = entry;
    this.#exited = exitOf(child).then((status) => {
      this.#exitStatus = status;
      return status;
    });
  }

  get rpcPort() {
    return this.ports.rpc;
  }

  get p2pPort() {
    return this.ports.p2p;
  }

  /** The loopback port of the node's Prometheus endpoint (`/metrics`). */
  get prometheusPort() {
    return this.ports.prometheus;
  }

  get wsUrl() {
    return `ws://${LOOPBACK}:${this.ports.rpc}`;
  }

  /** null while the process runs, then { code, signal, error }. */
  get exitStatus() {
    return this.#exitStatus;
  }

  /** The node's whole log so far (stdout and stderr). */
  readLog() {
    return readFileSync(this.logPath, 'utf8');
  }

  logTail(lines = LOG_TAIL_LINES) {
    try {
      return lastLines(this.readLog(), lines);
    } catch (error) {
      return `<log unavailable: ${error.message}>`;
    }
  }

  formattedLogTail(lines = LOG_TAIL_LINES) {
    return [
      `----- ${this.name}: last ${lines} log lines (${this.logPath}) -----`,
      this.logTail(lines),
      `----- end of ${this.name} log -----`,
    ].join('\n');
  }

  /**
   * Polls `system_health` over HTTP until the RPC answers; fails early if the node exits. An
   * answer counts only once the node's log says its own RPC server runs: until then the port
   * may answer for another process that took it (test files run in parallel), while this
   * node fails to bind it.
   */
  async waitUntilReady({ timeoutMs = READY_TIMEOUT_MS } = {}) {
    const deadline = Date.now() + timeoutMs;
    let lastError;
    while (Date.now() < deadline) {
      if (this.#exitStatus) {
        throw new Error(
          `${this.name} stopped (${describeExit(this.#exitStatus)}) before its RPC ` +
            `answered on ${LOOPBACK}:${this.rpcPort}\n${this.formattedLogTail()}`,
        );
      }
      if (!this.readLog().includes(RPC_SERVER_RUNNING)) {
        lastError = new Error('its RPC server has not started');
        await sleep(500);
        continue;
      }
      try {
        await rpcCall(this.rpcPort, 'system_health', [], { timeoutMs: 5_000 });
        return this;
      } catch (error) {
        lastError = error;
      }
      await sleep(500);
    }
    throw new Error(
      `${this.name}: RPC on ${LOOPBACK}:${this.rpcPort} did not answer within ` +
        `${timeoutMs / 1000}s (last error: ${lastError?.message})\n${this.formattedLogTail()}`,
    );
  }

  /** The process id while it runs. */
  get pid() {
    return isRunning(this.#child) ? this.#child.pid : null;
  }

  /**
   * Ends the process with `signal` (SIGKILL: as a power cut would) and waits until it is
   * gone, keeping its directory: its database is there for a restart (`NodeGroup.restart`).
   * A process still running after `graceMs` is killed with SIGKILL.
   */
  async kill(signal = 'SIGKILL', { graceMs = STOP_GRACE_MS } = {}) {
    if (isRunning(this.#child)) this.#child.kill(signal);
    if (!(await settlesWithin(this.#exited, graceMs))) {
      this.#child.kill('SIGKILL');
      await settlesWithin(this.#exited, KILL_WAIT_MS);
    }
    return this.#exitStatus;
  }

  /** Hands the directory to the node restarted on it: stopping this one leaves it. */
  handOverDirectory() {
    this.#ownsDir = false;
    this.#entry.dir = null;
  }

  /** Resolves with the exit status once the process is gone. */
  exited() {
    return this.#exited;
  }

  /** SIGINT, then SIGKILL if the node is still running after a grace period. Idempotent. */
  stop() {
    this.#stopped ??= (async () => {
      if (isRunning(this.#child)) {
        this.#child.kill('SIGINT');
        if (!(await settlesWithin(this.#exited, STOP_GRACE_MS))) {
          this.#child.kill('SIGKILL');
          await settlesWithin(this.#exited, KILL_WAIT_MS);
        }
      }
      started.delete(this.#entry);
      if (this.#ownsDir && !KEEP_TMP) await rm(this.dir, { recursive: true, force: true });
    })();
    return this.#stopped;
  }
}

/**
 * Spawns a node (stdout and stderr to `<tmp dir>/node.log`) without waiting for it: the
 * binary with `args`, or what `command` says (see `prepareRun`).
 */
export async function spawnNode({ name, args, command, reuse }) {
  const { dir, ports, program, argv, cwd, env } = await prepareRun({ name, args, command, reuse });
  // A restarted node logs to a file of its own: a log's lines are one run's.
  let logPath = path.join(dir, 'node.log');
  for (let run = 2; existsSync(logPath); run += 1) logPath = path.join(dir, `node-${run}.log`);
  const fd = openSync(logPath, 'a');
  let child;
  try {
    writeSync(fd, `$ ${[program, ...argv].join(' ')}\n`);
    child = spawn(program, argv, {
      cwd,
      env: env && { ...process.env, ...env },
      stdio: ['ignore', fd, fd],
    });
  } catch (error) {
    removeDir(dir);
    throw error;
  } finally {
    closeSync(fd);
  }
  // A node left running must not keep the test process alive: the exit handler kills it.
  child.unref();
  const entry = { child, dir };
  track(entry);
  return new AegisNode({ name, child, entry, dir, logPath, ports, argv, args });
}

/**
 * The nodes of one test file: starts them, prints their logs when a test fails, and stops
 * them all at the end.
 */
export class NodeGroup {
  #nodes = [];

  get nodes() {
    return [...this.#nodes];
  }

  /**
   * Spawns a node (`args` or `command`, as `spawnNode` takes them) and waits until its RPC
   * answers. Test files run in parallel processes that each pick free ports on their own, so
   * another file's node may bind a port between the pick and this node's start: a node that
   * stops for a port in use is started again on fresh ports.
   */
  async start({ name, args, command, readyTimeoutMs = READY_TIMEOUT_MS }) {
    for (let attempt = 1; ; attempt += 1) {
      const node = await spawnNode({ name, args, command });
      this.#nodes.push(node);
      try {
        return await node.waitUntilReady({ timeoutMs: readyTimeoutMs });
      } catch (error) {
        const portTaken = node.exitStatus !== null && PORT_IN_USE.test(node.readLog());
        if (!portTaken || attempt >= PORT_ATTEMPTS) throw error;
        console.error(`${name}: a port was taken by another process; starting again`);
        this.#nodes.pop();
        await node.stop();
      }
    }
  }

  /**
   * Starts `node` again, after `node.kill()`, on its own database and ports, with its
   * arguments or `args`, and waits until its RPC answers. Returns the new node.
   */
  async restart(node, { args = node.args, readyTimeoutMs = READY_TIMEOUT_MS } = {}) {
    if (node.pid !== null) throw new Error(`${node.name} still runs: kill it first`);
    node.handOverDirectory();
    const restarted = await spawnNode({
      name: node.name,
      args,
      reuse: { dir: node.dir, ports: node.ports },
    });
    this.#nodes.push(restarted);
    return restarted.waitUntilReady({ timeoutMs: readyTimeoutMs });
  }

  /** For `afterEach`: prints each node's log tail unless the test passed. */
  printLogsIfFailed(testContext) {
    // `passed` is undefined on Node versions that lack it: print rather than hide.
    if (testContext.passed === true) return;
    for (const node of this.#nodes) console.error(node.formattedLogTail());
  }

  async stopAll() {
    await Promise.all(this.#nodes.map((node) => node.stop()));
  }
}

// ---------------------------------------------------------------------------------------
// Short runs that are expected to exit (command-line edge cases)

/**
 * Runs the binary with `args` (plus the standard per-node arguments) until it exits.
 * `rpcPort` overrides the allocated RPC port. If the output matches `abortOn` (a regex
 * without the g flag) the process is killed early and `abortedOn` says why.
 */
export async function runNodeUntilExit({ name, args, rpcPort, timeoutMs = 90_000, abortOn }) {
  const { dir, ports, program, argv } = await prepareRun({ name, args, rpcPort });
  const child = spawn(program, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  const entry = { child, dir };
  track(entry);

  let stdout = '';
  let stderr = '';
  let abortedOn = null;
  let timedOut = false;
  const checkAbort = () => {
    if (abortOn && abortedOn === null && abortOn.test(stdout + stderr)) {
      abortedOn = abortOn.toString();
      child.kill('SIGKILL');
    }
  };
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    stdout += chunk;
    checkAbort();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk) => {
    stderr += chunk;
    checkAbort();
  });
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);

  try {
    const status = await exitOf(child, 'close');
    return { ...status, stdout, stderr, output: stdout + stderr, timedOut, abortedOn, ports, argv };
  } finally {
    clearTimeout(timer);
    started.delete(entry);
    removeDir(dir);
  }
}
