// What the zombienet js-scripts share: submitting a transaction and waiting for its finality,
// reading an event, waiting. CommonJS, as zombienet `require`s the scripts.

/** Resolves with the block hash once `tx`, signed by `signer`, is finalised; rejects if it fails. */
function finalized(api, tx, signer) {
  return new Promise((resolve, reject) => {
    tx.signAndSend(signer, ({ status, dispatchError }) => {
      if (dispatchError) {
        const detail = dispatchError.isModule
          ? (({ section, name }) => `${section}.${name}`)(
              api.registry.findMetaError(dispatchError.asModule),
            )
          : dispatchError.toString();
        reject(new Error(`${tx.method.section}.${tx.method.method} failed: ${detail}`));
      } else if (status.isFinalized) {
        resolve(status.asFinalized);
      } else if (['Invalid', 'Dropped', 'Usurped', 'FinalityTimeout'].includes(status.type)) {
        reject(new Error(`${tx.method.section}.${tx.method.method} was ${status.type}`));
      }
    }).catch(reject);
  });
}

/** The first event `section.method` in the block `blockHash`. */
async function eventIn(api, blockHash, section, method) {
  const events = await (await api.at(blockHash)).query.system.events();
  const found = events.find(({ event }) => event.section === section && event.method === method);
  if (!found) throw new Error(`no ${section}.${method} in ${blockHash.toHex()}`);
  return found.event;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

module.exports = { eventIn, finalized, sleep };
