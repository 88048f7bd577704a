// Serves the built page (web/dist) with Vite's preview server for as long as the process with
// pid --node-pid runs: `scripts/run-dev-node.sh` starts it and then becomes the node (exec), so
// the page goes away with the node however the node is stopped.
//
//   node web/serve.mjs --port 9955 --node-pid PID --rpc ws://127.0.0.1:9944

import { parseArgs } from 'node:util';

import { preview } from 'vite';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '9955' },
    'node-pid': { type: 'string' },
    rpc: { type: 'string', default: 'ws://127.0.0.1:9944' },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port <= 0 || port > 65_535) {
  console.error(`registry page: --port must be a TCP port, not "${values.port}"`);
  process.exit(2);
}

let server;
try {
  server = await preview({
    root: new URL('.', import.meta.url).pathname,
    configFile: false,
    base: './',
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port, strictPort: true },
  });
} catch (error) {
  console.error(`registry page not served: ${error.message} (AEGIS_WEB_PORT picks another port)`);
  process.exit(1);
}
console.log(`==> registry page: http://127.0.0.1:${port}/?rpc=${encodeURIComponent(values.rpc)}`);

const nodePid = Number(values['node-pid']);
if (Number.isInteger(nodePid) && nodePid > 0) {
  setInterval(() => {
    try {
      process.kill(nodePid, 0);
    } catch {
      server.httpServer.close();
      process.exit(0);
    }
  }, 1_000);
}
