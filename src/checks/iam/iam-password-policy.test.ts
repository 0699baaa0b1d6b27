import { describe, expect, it } from 'vitest';
import { CIS_PASSWORD_POLICY, snapshot } from '../../snapshot/testing/builder.js';
import { runOne, statuses } from '../testing.js';
import check from './iam-password-policy.js';

describe('iam-password-policy', () => {
  it('fails when there is no password policy', () => {
    const [f] = runOne(check, snapshot().passwordPolicy(null).build());
    expect(f?.status).toBe('fail');
    expect(f?.message).toContain('no IAM password policy');
  });

  it('passes on the CIS policy', () => {
    expect(statuses(runOne(check, snapshot().passwordPolicy(CIS_PASSWORD_POLICY).build()))).toEqual(['pass']);
  });

  it.each([
    [{ MinimumPasswordLength: 13 }, 'minimum length is 13 (needs 14)'],
    [{ PasswordReusePrevention: 23 }, 'reuse prevention is 23 (needs 24)'],
    [{ PasswordReusePrevention: undefined }, 'password reuse is not prevented'],
    [{ RequireSymbols: false }, 'does not require symbols'],
    [
      { RequireUppercaseCharacters: false, RequireNumbers: false },
      'does not require uppercase letters, numbers',
    ],
  ])('fails on %o', (change, expected) => {
    const [f] = runOne(
      check,
      snapshot()
        .passwordPolicy({ ...CIS_PASSWORD_POLICY, ...change })
        .build(),
    );
    expect(f?.status).toBe('fail');
    expect(f?.message).toContain(expected);
  });

  it('honours configured thresholds', () => {
    const policy = { ...CIS_PASSWORD_POLICY, MinimumPasswordLength: 16 };
    expect(
      statuses(runOne(check, snapshot().passwordPolicy(policy).build(), { passwordMinLength: 20 })),
    ).toEqual(['fail']);
  });
});
