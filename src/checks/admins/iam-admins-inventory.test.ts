import { describe, expect, it } from 'vitest';
import { snapshot } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import check from './iam-admins-inventory.js';
import { ADMIN_DOC, READ_ONLY_DOC, addManaged } from './fixtures.js';

function account(adminUsers: number) {
  const b = snapshot().group('admins', { attached: ['AdministratorAccess'] });
  for (let i = 0; i < adminUsers; i++) b.user(`admin${i}`, { console: true, mfa: true, groups: ['admins'] });
  b.user('reader', { console: true, attached: ['ReadOnlyAccess'] });
  const snap = b.build();
  addManaged(snap, 'AdministratorAccess', ADMIN_DOC);
  addManaged(snap, 'ReadOnlyAccess', READ_ONLY_DOC);
  return snap;
}

describe('iam-admins-inventory', () => {
  it('lists each admin and passes within the maximum', () => {
    const findings = runOne(check, account(2));
    expect(findings[0]?.status).toBe('pass');
    expect(findings[0]?.message).toContain('2 IAM user(s) are admins');
    const listed = findings.slice(1).map((f) => f.resource);
    expect(listed).toContain('arn:aws:iam::123456789012:user/admin0');
    expect(listed).toContain('arn:aws:iam::123456789012:group/admins');
    expect(listed).not.toContain('arn:aws:iam::123456789012:user/reader');
    expect(findings.slice(1).every((f) => f.severity === 'info')).toBe(true);
  });

  it('fails with more admin users than the default maximum of 3', () => {
    const [summary] = runOne(check, account(4));
    expect(summary?.status).toBe('fail');
    expect(summary?.message).toBe('4 IAM users are admins; the maximum is 3.');
  });

  it('reads the maximum from the options', () => {
    expect(runOne(check, account(4), { maxAdminUsers: 5 })[0]?.status).toBe('pass');
    expect(runOne(check, account(2), { maxAdminUsers: 1 })[0]?.status).toBe('fail');
  });

  it('ends in error when the authorization details could not be collected', () => {
    const snap = snapshot().denied('authorizationDetails', 'iam:GetAccountAuthorizationDetails').build();
    expect(runOne(check, snap).map((f) => f.status)).toEqual(['error']);
  });
});
