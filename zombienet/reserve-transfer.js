// zombienet js-script, run against a relay-chain validator: Alice reserve-transfers the relay
// chain's token to her account on the Aegis parachain, as a holder of DOT does from a wallet
// (`xcmPallet.transferAssetsUsingTypeAndThen`, naming the relay chain as the reserve: since the
// Asset Hub migration began relay chains refuse to guess the reserve of their own token in
// `transferAssets`, and weigh `limitedReserveTransferAssets` as more than a block), and
// the script follows it to the parachain, where it is minted in `foreignAssets` under the
// token's location (`Parent`) once the collators have processed the downward message.
//
// A relay chain sends to a para only in an XCM version it knows the para speaks: relay chains
// set a safe default (`xcmPallet.safeXcmVersion`; rococo-local under zombienet has one). Should one
// have none, a transfer that fails for it leaves no trace of the para to discover, so its root
// (Alice, sudo on local relay chains) then records the version the parachain advertises
// (`polkadotXcm.safeXcmVersion`, set in its genesis), as version discovery would.
//
// `args`: the para id, and the name of a collator whose RPC the parachain is read through.
// Returns how much of what was sent arrived, in thousandths (the rest paid the parachain's
// XCM execution in the relay token): the `.zndsl` asserts at least 990 (the fee is far below
// 1 %). Anything else — the transfer failing on the relay chain, the token arriving in another
// amount than sent minus a fee, or never — throws.
//
// zombienet injects the global `zombie` ({ ApiPromise, Keyring, WsProvider, connect, … }).

const { eventIn, finalized, sleep } = require('./chain.js');

/** What Alice sends: 10 ROC (12 decimals on rococo-local). */
const AMOUNT = 10n * 10n ** 12n;
/** How often the parachain is read while the transfer travels. */
const POLL_MS = 3_000;

/** The relay token `account` holds on the parachain (none: 0). */
async function relayTokenOn(para, account) {
  const held = await para.query.foreignAssets.account({ parents: 1, interior: 'Here' }, account);
  return held.isSome ? held.unwrap().balance.toBigInt() : 0n;
}

async function run(nodeName, networkInfo, args) {
  const [paraIdArg, collatorName] = args;
  const paraId = Number(paraIdArg);
  const collator = networkInfo.nodesByName[collatorName];
  if (!Number.isInteger(paraId) || !collator) {
    throw new Error(`reserve-transfer.js: expected "<para id>,<collator>", got ${args}`);
  }
  const relayNode = networkInfo.nodesByName[nodeName];
  const relay = await zombie.connect(relayNode.wsUri, relayNode.userDefinedTypes);
  const para = await zombie.connect(collator.wsUri, collator.userDefinedTypes);
  try {
    const alice = new zombie.Keyring({ type: 'sr25519' }).addFromUri('//Alice');
    const before = await relayTokenOn(para, alice.address);
    const sovereignBefore = (
      await relay.query.system.account(paraSovereignAccount(relay, paraId))
    ).data.free.toBigInt();

    await ensureRelayKnowsVersion(relay, para, paraId, alice);

    const started = Date.now();
    const here = { parents: 0, interior: 'Here' };
    const tx = relay.tx.xcmPallet.transferAssetsUsingTypeAndThen(
      { V4: { parents: 0, interior: { X1: [{ Parachain: paraId }] } } },
      { V4: [{ id: here, fun: { Fungible: AMOUNT } }] },
      'LocalReserve',
      { V4: here },
      'LocalReserve',
      {
        V4: [
          {
            DepositAsset: {
              assets: { Wild: { AllCounted: 1 } },
              beneficiary: {
                parents: 0,
                interior: { X1: [{ AccountId32: { network: null, id: alice.publicKey } }] },
              },
            },
          },
        ],
      },
      'Unlimited',
    );
    const block = await finalized(relay, tx, alice);
    const attempted = await eventIn(relay, block, 'xcmPallet', 'Attempted');
    if (!attempted.data[0].isComplete) {
      throw new Error(`the relay chain's XCM was not complete: ${attempted.toString()}`);
    }
    const sovereignAfter = (
      await (await relay.at(block)).query.system.account(paraSovereignAccount(relay, paraId))
    ).data.free.toBigInt();
    if (sovereignAfter - sovereignBefore !== AMOUNT) {
      throw new Error(
        `the para's sovereign account on the relay chain gained ${sovereignAfter - sovereignBefore}, not ${AMOUNT}`,
      );
    }
    console.log(
      `reserve transfer: ${AMOUNT} sent, finalised on the relay chain in ${Date.now() - started} ms; the para's sovereign account holds it`,
    );

    for (;;) {
      const now = await relayTokenOn(para, alice.address);
      if (now > before) {
        const arrived = now - before;
        if (arrived > AMOUNT) throw new Error(`${arrived} arrived, more than the ${AMOUNT} sent`);
        console.log(
          `reserve transfer: ${arrived} arrived on the parachain (fee ${AMOUNT - arrived}) ${Date.now() - started} ms after sending`,
        );
        return Number((arrived * 1000n) / AMOUNT);
      }
      await sleep(POLL_MS);
    }
  } finally {
    await Promise.all([relay.disconnect(), para.disconnect()]);
  }
}

/** Records the parachain's XCM version on the relay chain if it knows no version to use. */
async function ensureRelayKnowsVersion(relay, para, paraId, root) {
  const location = { parents: 0, interior: { X1: [{ Parachain: paraId }] } };
  if ((await relay.query.xcmPallet.safeXcmVersion()).isSome) return;
  const advertised = await para.query.polkadotXcm.safeXcmVersion();
  if (advertised.isNone) throw new Error('the parachain advertises no XCM version');
  const version = advertised.unwrap().toNumber();
  const block = await finalized(
    relay,
    relay.tx.sudo.sudo(relay.tx.xcmPallet.forceXcmVersion(location, version)),
    root,
  );
  const sudid = await eventIn(relay, block, 'sudo', 'Sudid');
  if (!sudid.data[0].isOk) {
    throw new Error(`xcmPallet.forceXcmVersion failed: ${sudid.toString()}`);
  }
  console.log(`reserve transfer: the relay chain records para ${paraId}'s XCM version ${version}`);
}

/** The account a para's sovereign funds are held in on the relay chain: "para" ‖ id (u32 LE),
 *  zero-padded to 32 bytes. */
function paraSovereignAccount(relay, paraId) {
  const bytes = new Uint8Array(32);
  bytes.set([0x70, 0x61, 0x72, 0x61]);
  new DataView(bytes.buffer).setUint32(4, paraId, true);
  return relay.createType('AccountId32', bytes).toString();
}

module.exports = { run };
