// The zombienet js-scripts only run in the heavy networks outside CI (scripts/zombienet.sh);
// here each one the `.zndsl` files name must load and export `run`, so that a script that
// would only fail an hour into a parachain run fails here.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';

const ZOMBIENET = new URL('../../../zombienet/', import.meta.url);
const require = createRequire(ZOMBIENET);

async function scriptsNamedIn(zndsl) {
  const text = await readFile(new URL(zndsl, ZOMBIENET), 'utf8');
  return [...text.matchAll(/js-script (\.\/[\w-]+\.js)/g)].map((match) => match[1]);
}

describe('zombienet js-scripts', () => {
  for (const zndsl of ['parachain.zndsl', 'sovereign.zndsl']) {
    it(`every js-script of ${zndsl} loads and exports run(node, networkInfo, args)`, async () => {
      const scripts = await scriptsNamedIn(zndsl);
      assert.ok(scripts.length > 0, `${zndsl} names no js-script`);
      for (const script of scripts) {
        const { run } = require(script);
        assert.equal(typeof run, 'function', `${script} exports run`);
        assert.equal(run.length, 3, `${script}'s run takes (node, networkInfo, args)`);
      }
    });
  }
});
