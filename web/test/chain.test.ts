import { describe, expect, it } from 'vitest';

import { ownerText, validateNodeUrl } from '../src/chain';

describe('what the page takes from owners and users', () => {
  it('shows owner-supplied names without bidirectional controls', () => {
    const spoof = new TextEncoder().encode('model\u202Edesab-\u2066x\u2069');
    expect(ownerText(spoof)).toBe('modeldesab-x');
    expect(ownerText(new TextEncoder().encode('<b>résumé</b>'))).toBe('<b>résumé</b>');
  });

  it('takes WebSocket URLs only, with a clear reason otherwise', () => {
    expect(validateNodeUrl(' ws://127.0.0.1:9944 ')).toBe('ws://127.0.0.1:9944/');
    expect(validateNodeUrl('wss://rpc.example.org')).toBe('wss://rpc.example.org/');
    expect(() => validateNodeUrl('localhost:9944')).toThrow(/not a WebSocket URL/);
    expect(() => validateNodeUrl('127.0.0.1:9944')).toThrow(/is not a URL/);
    expect(() => validateNodeUrl('http://127.0.0.1:9944')).toThrow(
      /must start with ws:\/\/ or wss:\/\//,
    );
    expect(() => validateNodeUrl('not a url')).toThrow(/is not a URL/);
  });
});
