// Raw JSON-RPC over HTTP against a node's RPC port on 127.0.0.1.
//
// Used where the exact JSON-RPC error object matters (code / message / data) and for
// readiness polling before a websocket API is connected.

export const LOOPBACK = '127.0.0.1';

/** A JSON-RPC error response, e.g. { code: 1010, message: 'Invalid Transaction', data: '...' }. */
export class JsonRpcError extends Error {
  constructor(method, { code, message, data }) {
    super(
      `${method} failed: ${code}: ${message}${data === undefined ? '' : `: ${JSON.stringify(data)}`}`,
    );
    this.name = 'JsonRpcError';
    this.method = method;
    this.code = code;
    this.rpcMessage = message;
    this.data = data;
  }
}

let nextId = 1;

export async function rpcCall(port, method, params = [], { timeoutMs = 10_000 } = {}) {
  const response = await fetch(`http://${LOOPBACK}:${port}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) {
    throw new Error(`${method}: HTTP ${response.status} ${response.statusText}`);
  }
  const body = await response.json();
  if (body.error) throw new JsonRpcError(method, body.error);
  return body.result;
}

/** Calls `method` expecting a JSON-RPC error; returns it, or throws if the call succeeded. */
export async function rpcCallExpectingError(port, method, params = []) {
  let result;
  try {
    result = await rpcCall(port, method, params);
  } catch (error) {
    if (error instanceof JsonRpcError) return error;
    throw error;
  }
  throw new Error(`${method} was expected to fail but returned ${JSON.stringify(result)}`);
}
