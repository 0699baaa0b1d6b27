import { describe, expect, it } from 'vitest';
import { snapshot } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import check from './iam-admins-inventory.js';
import {
  ADMIN_DOC,
  ASSUME_ANY_ROLE_DOC,
  MFA,
  READ_ONLY_DOC,
  addManaged,
  addRole,
  trustAccount,
} from './fixtures.js';

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
    expect(findings[0]?.message).toContain(
      '2 IAM user(s) hold admin rights or reach an admin role without MFA (maximum 3); 3 admin principal(s) in all.',
    );
    const listed = findings.slice(1).map((f) => f.resource);
    expect(listed).toContain('arn:aws:iam::123456789012:user/admin0');
    expect(listed).toContain('arn:aws:iam::123456789012:group/admins');
    expect(listed).not.toContain('arn:aws:iam::123456789012:user/reader');
    expect(findings.slice(1).every((f) => f.severity === 'info')).toBe(true);
  });

  it('fails with more admin users than the default maximum of 3', () => {
    const [summary] = runOne(check, account(4));
    expect(summary?.status).toBe('fail');
    expect(summary?.message).toBe(
      '4 IAM users hold admin rights or reach an admin role without MFA; the maximum is 3.',
    );
  });

  // The read-only daily user pattern: people assume an admin role whose trust requires MFA
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html). A stolen
  // password or key of such a user cannot use the role: it is no standing key, and following this check's own
  // fix must not make it fail.
  function withDailyUsers(roleTrust: unknown, daily: number) {
    const snap = snapshot()
      .group('admins', { attached: ['AdministratorAccess'] })
      .group('daily', { attached: ['ReadOnlyAccess'], inline: { assume: ASSUME_ANY_ROLE_DOC } })
      .user('breakglass', { console: true, mfa: true, groups: ['admins'] });
    for (let i = 0; i < daily; i++) snap.user(`person${i}`, { console: true, mfa: true, groups: ['daily'] });
    const built = snap.build();
    addManaged(built, 'AdministratorAccess', ADMIN_DOC);
    addManaged(built, 'ReadOnlyAccess', READ_ONLY_DOC);
    addRole(built, 'admin', roleTrust, { attached: ['AdministratorAccess'] });
    return built;
  }

  it('does not count users who reach admin only through a role that requires MFA; says how many', () => {
    const findings = runOne(check, withDailyUsers(trustAccount(MFA), 4));
    const [summary] = findings;
    expect(summary?.status).toBe('pass');
    expect(summary?.message).toBe(
      '1 IAM user(s) hold admin rights or reach an admin role without MFA (maximum 3); 4 more reach admin only ' +
        'through a role that requires MFA (not counted); 8 admin principal(s) in all.',
    );
    expect(summary?.details).toMatchObject({
      adminUsers: ['arn:aws:iam::123456789012:user/breakglass'],
      adminUsersViaMfaRole: [0, 1, 2, 3].map((i) => `arn:aws:iam::123456789012:user/person${i}`),
    });
    // Still listed: every admin is known.
    expect(findings.map((f) => f.resource)).toContain('arn:aws:iam::123456789012:user/person0');
  });

  it('counts users who can assume the admin role without MFA: each is a standing key', () => {
    const [summary] = runOne(check, withDailyUsers(trustAccount(), 4));
    expect(summary?.status).toBe('fail');
    expect(summary?.message).toBe(
      '5 IAM users hold admin rights or reach an admin role without MFA; the maximum is 3.',
    );
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
