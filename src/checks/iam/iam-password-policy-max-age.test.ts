import { describe, expect, it } from 'vitest';
import { CIS_PASSWORD_POLICY, snapshot } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import check from './iam-password-policy-max-age.js';

const withPolicy = (change: object) =>
  snapshot()
    .passwordPolicy({ ...CIS_PASSWORD_POLICY, ...change })
    .build();

describe('iam-password-policy-max-age', () => {
  it('passes when passwords expire within 90 days', () => {
    const [f] = runOne(check, withPolicy({ ExpirePasswords: true, MaxPasswordAge: 90 }));
    expect(f?.status).toBe('pass');
    expect(f?.message).toContain('90 days');
  });

  it('fails at low severity with the NIST note when passwords never expire', () => {
    const [f] = runOne(check, withPolicy({ ExpirePasswords: false, MaxPasswordAge: undefined }));
    expect(f?.status).toBe('fail');
    expect(f?.severity).toBe('low');
    expect(f?.message).toContain('never expire');
    expect(f?.message).toContain('NIST SP 800-63B');
  });

  it('fails without a password policy', () => {
    const [f] = runOne(check, snapshot().passwordPolicy(null).build());
    expect(f?.status).toBe('fail');
    expect(f?.message).toContain('no IAM password policy');
  });

  it('fails when the maximum age is above the threshold, and honours passwordMaxAgeDays', () => {
    const snap = withPolicy({ ExpirePasswords: true, MaxPasswordAge: 180 });
    expect(runOne(check, snap)[0]?.message).toContain('after 180 days (wanted: 90 days or less)');
    expect(runOne(check, snap, { passwordMaxAgeDays: 365 })[0]?.status).toBe('pass');
  });
});
