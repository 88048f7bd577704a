// The README's shell commands, as a new user pastes them. The tests that start the dev node
// and the three-validator network take their commands from the README's blocks and change
// only what must differ on a shared machine (ports, base paths, the path of the node binary),
// so the README cannot drift from what works.

import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root directory. */
export const REPOSITORY_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const README_PATH = path.join(REPOSITORY_ROOT, 'README.md');

/** The README's heading of the quick start (its first block starts the dev node). */
export const QUICK_START_HEADING = 'Quick start';
/** The README's heading of the three-validator network. */
export const NETWORK_HEADING = 'A local three-validator network';

/** Where a build puts the node by default (the README's commands run it from there). */
const DEFAULT_NODE_PATH = '$HOME/.cache/aegis/target/debug/aegis-node';

/**
 * The ````language` blocks of a markdown text, in order: { heading, lines }, where `heading`
 * is the text of the nearest heading above the block.
 */
export function codeBlocks(markdown, language) {
  const blocks = [];
  let heading = null;
  let block = null;
  for (const line of markdown.split('\n')) {
    if (block) {
      if (line.trim() === '```') {
        blocks.push(block);
        block = null;
      } else {
        block.lines.push(line);
      }
    } else if (line.trim() === `\`\`\`${language}`) {
      block = { heading, lines: [] };
    } else {
      const title = /^#{1,6}\s+(.*)$/.exec(line);
      if (title) heading = title[1].trim();
    }
  }
  if (block) throw new Error(`a ${language} block under "${block.heading}" is never closed`);
  return blocks;
}

/** The ```sh blocks of a markdown text (see `codeBlocks`). */
export function shellBlocks(markdown) {
  return codeBlocks(markdown, 'sh');
}

/** The text of the one ````language` block under `heading` in docs/`name` (the first if several). */
export function docsBlock(name, heading, language) {
  const file = path.join(REPOSITORY_ROOT, 'docs', name);
  const block = codeBlocks(readFileSync(file, 'utf8'), language).find(
    (candidate) => candidate.heading === heading,
  );
  if (!block) throw new Error(`docs/${name} has no ${language} block under "${heading}"`);
  return `${block.lines.join('\n')}\n`;
}

/** The one shell block under `heading` in the README (the first if several). */
export function readmeBlock(heading, markdown = readFileSync(README_PATH, 'utf8')) {
  const block = shellBlocks(markdown).find((candidate) => candidate.heading === heading);
  if (!block) throw new Error(`README.md has no shell block under the heading "${heading}"`);
  return block;
}

/**
 * The words of one shell command line, as the shell splits them: blanks separate words,
 * '…' is literal, "…" and bare words expand $NAME and ${NAME} from `variables`, a backslash
 * escapes the next character, and a word starting with # begins a comment. Anything a README
 * command should not need (pipes, lists, redirections, command substitution) is an error, so
 * that a command is never run differently from how the shell would run it.
 */
export function shellWords(line, variables = {}) {
  const words = [];
  let word = null;
  const expand = (text, at) => {
    const match = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/.exec(text);
    if (!match) throw new Error(`unsupported $ at column ${at + 1} of: ${line}`);
    const name = match[1] ?? match[2];
    if (!(name in variables)) throw new Error(`$${name} is not set, in: ${line}`);
    return { value: variables[name], length: match[0].length };
  };
  for (let i = 0; i < line.length;) {
    const char = line[i];
    if (char === ' ' || char === '\t') {
      if (word !== null) words.push(word);
      word = null;
      i += 1;
    } else if (char === '#' && word === null) {
      break;
    } else if (char === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated ' in: ${line}`);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end + 1;
    } else if (char === '"') {
      let text = '';
      let j = i + 1;
      for (; j < line.length && line[j] !== '"';) {
        if (line[j] === '\\' && j + 1 < line.length && '$`"\\'.includes(line[j + 1])) {
          text += line[j + 1];
          j += 2;
        } else if (line[j] === '$') {
          const { value, length } = expand(line.slice(j), j);
          text += value;
          j += length;
        } else if (line[j] === '`') {
          throw new Error(`command substitution is not supported, in: ${line}`);
        } else {
          text += line[j];
          j += 1;
        }
      }
      if (j >= line.length) throw new Error(`unterminated " in: ${line}`);
      word = (word ?? '') + text;
      i = j + 1;
    } else if (char === '\\') {
      if (i + 1 >= line.length) throw new Error(`a trailing backslash in: ${line}`);
      word = (word ?? '') + line[i + 1];
      i += 2;
    } else if (char === '$') {
      const { value, length } = expand(line.slice(i), i);
      word = (word ?? '') + value;
      i += length;
    } else if ('|&;<>()`'.includes(char)) {
      throw new Error(`unsupported shell syntax '${char}' at column ${i + 1} of: ${line}`);
    } else {
      word = (word ?? '') + char;
      i += 1;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

/**
 * The commands of a shell block: lines continued with a backslash are joined, comments and
 * blank lines dropped, and assignments (`NAME=value`, alone on a line) set variables for the
 * commands after them, as they would in a terminal. $HOME is the user's home directory.
 * Returns [{ text, words }], `text` being the command as written.
 */
export function blockCommands(block, { home = os.homedir() } = {}) {
  const variables = { HOME: home };
  const commands = [];
  const joined = block.lines.join('\n').replace(/\\\n/g, ' ');
  for (const text of joined.split('\n')) {
    const words = shellWords(text, variables);
    if (words.length === 0) continue;
    const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(words[0]);
    if (assignment && words.length === 1) {
      variables[assignment[1]] = assignment[2];
      continue;
    }
    if (assignment) throw new Error(`an assignment before a command is not supported: ${text}`);
    commands.push({ text: text.trim().replace(/\s+/g, ' '), words });
  }
  return commands;
}

// ---------------------------------------------------------------------------------------
// Substituting what must differ on a shared machine

/** Options whose value names something of this machine, and what the tests give instead. */
const SUBSTITUTED = {
  '--base-path': ({ basePath }) => basePath,
  '--port': ({ ports }) => String(ports.p2p),
  '--rpc-port': ({ ports }) => String(ports.rpc),
  '--prometheus-port': ({ ports }) => String(ports.prometheus),
};

/**
 * `args` (a README command's arguments) with the base path and the p2p, RPC and Prometheus
 * ports replaced by the allotted ones, and every other word kept. Options the README does not
 * give are added, so that nothing falls back to a fixed default another test might hold.
 * `bootnodes` maps a README p2p port to the port the tests gave that node instead.
 */
export function substituteMachineArgs(args, { basePath, ports, bootnodes = new Map() }) {
  const allotted = { basePath, ports };
  const result = [];
  const seen = new Set();
  for (let i = 0; i < args.length; i += 1) {
    const option = args[i];
    if (option in SUBSTITUTED) {
      if (i + 1 >= args.length) throw new Error(`${option} without a value`);
      result.push(option, SUBSTITUTED[option](allotted));
      seen.add(option);
      i += 1;
    } else if (option === '--bootnodes') {
      const address = args[i + 1] ?? '';
      const match = /^(\/ip4\/127\.0\.0\.1\/tcp\/)(\d+)(\/p2p\/\w+)$/.exec(address);
      if (!match || !bootnodes.has(match[2])) {
        throw new Error(`--bootnodes ${address}: not the address of a node started before`);
      }
      result.push(option, `${match[1]}${bootnodes.get(match[2])}${match[3]}`);
      i += 1;
    } else {
      result.push(option);
    }
  }
  for (const option of Object.keys(SUBSTITUTED)) {
    if (!seen.has(option)) result.push(option, SUBSTITUTED[option](allotted));
  }
  return result;
}

/** The value of `option` in `args`, or undefined. */
export function optionValue(args, option) {
  const at = args.indexOf(option);
  return at < 0 ? undefined : args[at + 1];
}

// ---------------------------------------------------------------------------------------
// The README's blocks the tests run

/**
 * The quick start's dev node: `scripts/run-dev-node.sh`, the first command of the quick
 * start's block. Returns a `command` for `NodeGroup.start`. The script runs an already built
 * node when AEGIS_NODE_BIN is set, as it is in the tests. With `webPort`, the script serves
 * the registry page there; without, it does not (the page has its own test).
 */
export function readmeDevNodeCommand({ webPort } = {}) {
  const [first] = blockCommands(readmeBlock(QUICK_START_HEADING));
  if (first?.words[0] !== 'scripts/run-dev-node.sh') {
    throw new Error(`the quick start does not begin with scripts/run-dev-node.sh: ${first?.text}`);
  }
  const program = path.join(REPOSITORY_ROOT, first.words[0]);
  return ({ basePath, ports }) => ({
    program,
    argv: substituteMachineArgs(first.words.slice(1), { basePath, ports }),
    cwd: REPOSITORY_ROOT,
    env: webPort === undefined ? { AEGIS_WEB: '0' } : { AEGIS_WEB_PORT: String(webPort) },
  });
}

/**
 * The three-validator network's commands: [{ name, text, command }] in README order, `name`
 * being the dev validator the command starts (--alice, ...), `command` a `NodeGroup.start`
 * command that runs `binary` where the README runs the default build's node. Nodes must be
 * started in order: `bootnodes` (README p2p port to the port given instead) is filled as they
 * are.
 */
export function readmeNetworkCommands() {
  const home = os.homedir();
  const defaultNode = DEFAULT_NODE_PATH.replace('$HOME', home);
  const bootnodes = new Map();
  return blockCommands(readmeBlock(NETWORK_HEADING), { home }).map(({ text, words }) => {
    if (words[0] !== defaultNode) {
      throw new Error(`not the default build's node (${DEFAULT_NODE_PATH}): ${text}`);
    }
    const args = words.slice(1);
    const name = ['alice', 'bob', 'charlie'].find((who) => args.includes(`--${who}`));
    if (!name) throw new Error(`no --alice, --bob or --charlie in: ${text}`);
    const readmePort = optionValue(args, '--port');
    const command = ({ binary, basePath, ports }) => {
      const argv = substituteMachineArgs(args, { basePath, ports, bootnodes });
      if (readmePort !== undefined) bootnodes.set(readmePort, String(ports.p2p));
      return { program: binary, argv };
    };
    return { name, text, command };
  });
}
