import { describe, expect, it } from 'vitest';
import { inAnotherRegion, probeVariant, probeVariants } from './probe-variants.js';

const ACCOUNT = '111122223333';
const FUNCTION = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:rampart-probe`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/rampart-probe`;

describe('probeVariant: an ARN of the probe kind that a scoped pattern matches', () => {
  it.each([
    // Other names: the wildcard is filled, the kind kept.
    [
      `arn:aws:lambda:us-east-1:${ACCOUNT}:function:app-*`,
      FUNCTION,
      `arn:aws:lambda:us-east-1:${ACCOUNT}:function:app-rampart-probe`,
    ],
    // Another region: the probe's name in that region.
    [
      `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:*`,
      FUNCTION,
      `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:rampart-probe`,
    ],
    [`arn:aws:lambda:eu-west-1:*:*`, FUNCTION, `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:rampart-probe`],
    // A region wildcard that leaves out the probe's region: a published region it matches.
    [
      `arn:aws:lambda:eu-*:${ACCOUNT}:function:x?`,
      FUNCTION,
      `arn:aws:lambda:eu-central-1:${ACCOUNT}:function:xx`,
    ],
    [`arn:aws:iam::${ACCOUNT}:role/team/*`, ROLE, `arn:aws:iam::${ACCOUNT}:role/team/rampart-probe`],
    [`arn:aws:iam::*:role/app-?`, ROLE, `arn:aws:iam::${ACCOUNT}:role/app-x`],
  ])('%s', (pattern, probe, variant) => {
    expect(probeVariant(pattern, probe, ACCOUNT)).toBe(variant);
  });

  it.each([
    // Already matches the probe: nothing new to ask.
    [`arn:aws:lambda:*:${ACCOUNT}:function:*`, FUNCTION],
    ['*', FUNCTION],
    // Another service, kind or account.
    [`arn:aws:s3:::bucket/*`, FUNCTION],
    [`arn:aws:lambda:us-east-1:${ACCOUNT}:layer:*`, FUNCTION],
    [`arn:aws:lambda:us-east-1:444455556666:function:*`, FUNCTION],
    [`arn:aws:iam::${ACCOUNT}:user/*`, ROLE],
    // Service-linked roles: IAM refuses to create or change them (UnmodifiableEntity).
    [`arn:aws:iam::${ACCOUNT}:role/aws-service-role/*`, ROLE],
    // A region in a global service's ARN never matches it.
    [`arn:aws:iam:us-east-1:${ACCOUNT}:role/*`, ROLE],
    // No published region matches.
    [`arn:aws:lambda:xx-*:${ACCOUNT}:function:*`, FUNCTION],
    // A probe that is not an ARN.
    [`arn:aws:lambda:eu-west-1:${ACCOUNT}:function:*`, '*'],
  ])('%s: none', (pattern, probe) => {
    expect(probeVariant(pattern, probe, ACCOUNT)).toBeUndefined();
  });

  it('probeVariants keeps the distinct ones in order, at most 8', () => {
    const patterns = [
      `arn:aws:iam::${ACCOUNT}:role/b-*`,
      `arn:aws:iam::${ACCOUNT}:user/*`,
      `arn:aws:iam::${ACCOUNT}:role/a-*`,
      `arn:aws:iam::${ACCOUNT}:role/b-*`,
      ...Array.from({ length: 20 }, (_, i) => `arn:aws:iam::${ACCOUNT}:role/n${i}`),
    ];
    const out = probeVariants(patterns, ROLE, ACCOUNT);
    expect(out.slice(0, 3)).toEqual([
      `arn:aws:iam::${ACCOUNT}:role/b-rampart-probe`,
      `arn:aws:iam::${ACCOUNT}:role/a-rampart-probe`,
      `arn:aws:iam::${ACCOUNT}:role/n0`,
    ]);
    expect(out).toHaveLength(8);
  });
});

describe('inAnotherRegion', () => {
  const probe = 'arn:aws:lambda:us-east-1:111122223333:function:rampart-probe';
  it('the probe in the first known region the list does not match', () => {
    const v = inAnotherRegion(probe, ['arn:aws:lambda:us-east-1:111122223333:function:*']);
    expect(v).toMatch(/^arn:aws:lambda:(?!us-east-1)[a-z0-9-]+:111122223333:function:rampart-probe$/);
  });
  it('none for a global probe, or when every region is listed', () => {
    expect(inAnotherRegion('arn:aws:iam::111122223333:role/rampart-probe', [])).toBeUndefined();
    expect(inAnotherRegion(probe, ['arn:aws:lambda:*:111122223333:function:*'])).toBeUndefined();
  });
});
