import { describe, expect, it } from 'vitest';

import type { ModelView, VersionView } from '../src/chain';
import {
  NO_VERSION,
  describeEvidence,
  describeMatch,
  describePolicy,
  matchState,
  modelMatchesSearch,
  versionsWithContent,
  versionsWithRoot,
} from '../src/verdict';

const hash = (byte: string) => `0x${byte.repeat(64)}`;

function version(number: number, overrides: Partial<VersionView> = {}): VersionView {
  return {
    model: 0,
    number,
    contentHash: hash(String(number).padStart(2, '0')),
    merkleRoot: hash('ee'),
    shardCount: 1,
    byteSize: 10n,
    submitter: '5Grw',
    signedBy: [],
    block: 10 * number,
    timestampMs: 0n,
    ...overrides,
  };
}

function model(overrides: Partial<ModelView> = {}): ModelView {
  return {
    id: 0,
    name: 'resnet',
    framework: 'onnx',
    uri: 'ipfs://x',
    owner: '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY',
    status: 'Active',
    contributors: [],
    versions: [version(2), version(1, { revokedAt: 25 })],
    ...overrides,
  };
}

describe('file verdicts', () => {
  it('name the version, and whether it is final', () => {
    const models = [model()];
    const [match] = versionsWithContent(models, hash('02').toUpperCase().replace('0X', '0x'));
    expect(match.version.number).toBe(2);
    expect(describeMatch(match, matchState(match, 20))).toBe(
      'This is version 2 of model #0 “resnet”, finalized at block 20.',
    );
    expect(matchState(match, 19)).toEqual({ kind: 'published', finalized: false });
  });

  it('flag a revoked version, and every version of a model its owner revoked', () => {
    const [revoked] = versionsWithContent([model()], hash('01'));
    expect(matchState(revoked, 100)).toEqual({ kind: 'revoked', block: 25 });
    expect(describeMatch(revoked, matchState(revoked, 100))).toMatch(
      /governance revoked at block 25\. Do not use it/,
    );
    const [withdrawn] = versionsWithContent([model({ status: 'Revoked' })], hash('02'));
    expect(matchState(withdrawn, 100)).toEqual({ kind: 'withdrawn' });
    expect(describeMatch(withdrawn, matchState(withdrawn, 100))).toBe(
      'This matches version 2 of model #0 “resnet”, but the owner revoked the model. Do not use it.',
    );
  });

  it('find nothing for other content', () => {
    expect(versionsWithContent([model()], hash('03'))).toEqual([]);
    expect(versionsWithRoot([model()], hash('EE')).map(({ version }) => version.number)).toEqual([
      2, 1,
    ]);
    expect(versionsWithRoot([model()], hash('02'))).toEqual([]);
    expect(NO_VERSION).toBe('No version on this chain has this content.');
  });
});

describe('registry search and policy', () => {
  it('matches by name, id, owner prefix and content-hash prefix', () => {
    const m = model();
    for (const query of ['', 'RES', '#0', '5Grwva', '0x0202020202', '0202020202'])
      expect(modelMatchesSearch(m, query)).toBe(true);
    for (const query of ['bert', '#1', '5Grw', '0x0303030303'])
      expect(modelMatchesSearch(m, query)).toBe(false);
  });

  it('says what an update needs', () => {
    expect(describePolicy(model())).toBe('the owner’s account alone');
    expect(
      describePolicy(
        model({ signing: { keys: [3], threshold: 1 }, zkVerifyingKey: 1, contributors: ['5F'] }),
      ),
    ).toBe(
      'a post-quantum signature by key #3 and a Groth16 proof under verifying key #1; 1 contributor(s) may propose updates for the owner to accept',
    );
    expect(describePolicy(model({ signing: { keys: [3, 4, 9], threshold: 2 } }))).toBe(
      'post-quantum signatures by 2 of keys #3, #4, #9',
    );
  });

  it('says which evidence a version came with', () => {
    expect(describeEvidence(version(1))).toBe('owner’s account');
    expect(describeEvidence(version(1, { signedBy: [4] }))).toBe('signing key #4');
    expect(describeEvidence(version(1, { signedBy: [9, 3], zkVerifyingKey: 1 }))).toBe(
      'signing keys #9, #3, Groth16 key #1',
    );
  });
});
