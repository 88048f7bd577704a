// The sTPS workload, as polkadot-stps defines it: one `balances.transferKeepAlive` per sender,
// every sender endowed at genesis (so at nonce 0, with no funding phase), sender i paying
// sender i+1 (both exist, so no transfer creates an account).

import { Keyring } from '@polkadot/keyring';
import { bnToU8a, stringToU8a, u8aConcat } from '@polkadot/util';
import { blake2AsU8a, cryptoWaitReady } from '@polkadot/util-crypto';

import { AEG } from '../../lib/constants.mjs';
import { endow } from '../genesis.mjs';

/** Each sender's genesis balance: far above any fee, so no transfer can fail for funds. */
const SENDER_ENDOWMENT = 100n * AEG;
const TRANSFER_AMOUNT = AEG;

/** `count` sr25519 key pairs from the seeds blake2-256(`label` ‖ u32 LE i). */
export async function benchKeyPairs(label, count) {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const prefix = stringToU8a(label);
  const pairs = [];
  for (let i = 0; i < count; i++) {
    const seed = blake2AsU8a(u8aConcat(prefix, bnToU8a(i, { bitLength: 32 })), 256);
    pairs.push(keyring.addFromSeed(seed));
  }
  return pairs;
}

export async function transfersWorkload(count) {
  const senders = await benchKeyPairs('aegis/bench-tps', count);
  return {
    name: 'transfers',
    title: 'sTPS',
    rateName: 'sTPS',
    unit: 'transfers',
    item: 'transfer',
    count,
    kbytesPerItem: 0.2,
    patchGenesis(patch) {
      endow(
        patch,
        senders.map((pair) => pair.address),
        SENDER_ENDOWMENT,
      );
    },
    /** One transfer per sender, nonce 0, immortal. */
    async sign(api) {
      const signed = [];
      for (const [i, sender] of senders.entries()) {
        const dest = senders[(i + 1) % senders.length].address;
        const tx = await api.tx.balances
          .transferKeepAlive(dest, TRANSFER_AMOUNT)
          .signAsync(sender, { nonce: 0, era: 0 });
        signed.push({ hex: tx.toHex(), hash: tx.hash.toHex() });
      }
      return signed;
    },
  };
}
