// zombienet js-script: registers a model through the node it runs against and returns how
// many models the chain has once the registration is finalised (zombienet compares it).
//
// `args[0]` is the chain: `parachain` (Alice is bonded as a publisher in the parachain's
// genesis) or `sovereign` (zombienet bonds only the validators' stashes, with a token amount:
// Alice funds her stash, which bonds the publishers' stake and then registers).
//
// zombienet injects the global `zombie` ({ ApiPromise, Keyring, WsProvider, util, connect }).

const AEG = 10n ** 12n;
/** `MINIMUM_PUBLISHER_STAKE` of the genesis presets. */
const MINIMUM_PUBLISHER_STAKE = 1_000n * AEG;

/** Resolves once `tx`, signed by `signer`, is finalised; rejects if it fails. */
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
        resolve();
      } else if (['Invalid', 'Dropped', 'Usurped', 'FinalityTimeout'].includes(status.type)) {
        reject(new Error(`${tx.method.section}.${tx.method.method} was ${status.type}`));
      }
    }).catch(reject);
  });
}

async function run(nodeName, networkInfo, args) {
  const chain = args[0];
  if (chain !== 'parachain' && chain !== 'sovereign') {
    throw new Error(`register-model.js: expected "parachain" or "sovereign", got ${chain}`);
  }
  const { wsUri, userDefinedTypes } = networkInfo.nodesByName[nodeName];
  const api = await zombie.connect(wsUri, userDefinedTypes);
  try {
    const keyring = new zombie.Keyring({ type: 'sr25519' });
    const alice = keyring.addFromUri('//Alice');
    let publisher = alice;
    if (chain === 'sovereign') {
      publisher = keyring.addFromUri('//Alice//stash');
      const funding = 2n * MINIMUM_PUBLISHER_STAKE;
      await finalized(api, api.tx.balances.transferKeepAlive(publisher.address, funding), alice);
      await finalized(api, api.tx.staking.bondExtra(MINIMUM_PUBLISHER_STAKE), publisher);
    }
    const metadata = { name: `zombienet ${chain}`, framework: 'onnx', uri: 'ipfs://zombienet' };
    const policy = { signingKey: null, zkVerifyingKey: null, contributors: [] };
    await finalized(api, api.tx.modelRegistry.registerModel(metadata, policy), publisher);
    return (await api.query.modelRegistry.nextModelId()).toNumber();
  } finally {
    await api.disconnect();
  }
}

module.exports = { run };
