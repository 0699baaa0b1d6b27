import { describe, expect, it } from 'vitest';
import { snapshot } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import check from './iam-users-mfa.js';

describe('iam-users-mfa', () => {
  it('fails every IAM user without MFA, API-only users at low severity', () => {
    const findings = runOne(
      check,
      snapshot()
        .root({ mfa: false })
        .user('alice', { console: true, mfa: true })
        .user('bob', { console: true })
        .user('ci', { accessKeys: [{}] })
        .build(),
    );
    expect(findings.map((f) => [f.resource.split('/').pop(), f.status, f.severity])).toEqual([
      ['alice', 'pass', 'medium'],
      ['bob', 'fail', 'medium'],
      ['ci', 'fail', 'low'],
    ]);
    expect(findings[2]?.message).toContain('no console password');
  });

  it('passes an account without IAM users (root is checked elsewhere)', () => {
    const findings = runOne(check, snapshot().root({ mfa: false }).build());
    expect(findings).toMatchObject([{ status: 'pass', message: 'The account has no IAM users.' }]);
  });
});
