import { describe, expect, it } from 'vitest';
import { snapshot } from '../../snapshot/testing/builder.js';
import { runOne, statuses } from '../testing.js';
import check from './root-mfa-enabled.js';

describe('root-mfa-enabled', () => {
  it('passes when the account summary shows root MFA', () => {
    expect(statuses(runOne(check, snapshot().root({ mfa: true }).build()))).toEqual(['pass']);
  });

  it('fails without root MFA', () => {
    const [f] = runOne(check, snapshot().root({ mfa: false }).build());
    expect(f?.status).toBe('fail');
    expect(f?.message).toBe('The root user has no MFA device.');
  });

  it('still runs when only the optional credential report is missing', () => {
    const snap = snapshot()
      .root({ mfa: true })
      .slice('credentialReport', { status: 'skipped', reason: 'x' })
      .build();
    expect(statuses(runOne(check, snap))).toEqual(['pass']);
  });

  it('is an error when the account summary is missing', () => {
    const snap = snapshot().denied('accountSummary', 'iam:GetAccountSummary').build();
    expect(runOne(check, snap)[0]?.message).toMatch(/missing permission iam:GetAccountSummary/);
  });
});
