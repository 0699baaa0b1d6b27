import { describe, expect, it } from 'vitest';
import { snapshot } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import check from './iam-console-users-mfa.js';

describe('iam-console-users-mfa', () => {
  it('fails console users without MFA and passes those with it', () => {
    const findings = runOne(
      check,
      snapshot().user('alice', { console: true, mfa: true }).user('bob', { console: true }).build(),
    );
    expect(findings.map((f) => [f.resource.split('/').pop(), f.status])).toEqual([
      ['alice', 'pass'],
      ['bob', 'fail'],
    ]);
    expect(findings[1]?.message).toContain('bob has a console password and no MFA');
    expect(findings[1]?.message).toContain('credential report generated');
  });

  it('ignores the root user and users without a console password', () => {
    const findings = runOne(
      check,
      snapshot()
        .root({ mfa: false })
        .user('ci', { accessKeys: [{}] })
        .build(),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ status: 'pass', message: 'No IAM user has a console password.' });
  });

  it('is an error when the credential report is missing', () => {
    const snap = snapshot().denied('credentialReport', 'iam:GetCredentialReport').build();
    const [f] = runOne(check, snap);
    expect(f?.status).toBe('error');
    expect(f?.message).toContain('iam:GetCredentialReport');
  });
});
