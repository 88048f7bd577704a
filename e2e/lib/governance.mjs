// Governance as the tests drive it: on a development chain, root through the sudo key.

import { describeDispatchError, singleEvent, submitAndLocate } from './chain.mjs';

/**
 * Submits `call` as root through `sudo.sudo`, signed by the sudo key `signer`, and checks that
 * the call itself succeeded (a failing call still includes the extrinsic, with
 * `sudo.Sudid(Err)`). Returns the inclusion like `submitAndLocate`.
 */
export async function submitAsRoot(api, call, signer) {
  const inclusion = await submitAndLocate(api, api.tx.sudo.sudo(call), signer);
  const { sudoResult } = singleEvent(inclusion.events, api.events.sudo.Sudid).data;
  if (sudoResult.isErr) {
    throw new Error(
      `${call.method.section}.${call.method.method} as root failed: ` +
        describeDispatchError(api, sudoResult.asErr),
    );
  }
  return inclusion;
}
