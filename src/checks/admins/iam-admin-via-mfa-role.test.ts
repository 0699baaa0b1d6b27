import { describe, expect, it } from 'vitest';
import { snapshot } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import check from './iam-admin-via-mfa-role.js';
import {
  ADMIN_DOC,
  ASSUME_ANY_ROLE_DOC,
  MFA,
  READ_ONLY_DOC,
  addManaged,
  addRole,
  trustAccount,
} from './fixtures.js';

function account(roleTrust: unknown) {
  const snap = snapshot()
    .group('daily', { attached: ['ReadOnlyAccess'], inline: { assume: ASSUME_ANY_ROLE_DOC } })
    .group('admins', { attached: ['AdministratorAccess'] })
    .user('alice', { console: true, mfa: true, groups: ['daily'] })
    .user('root-like', { console: true, mfa: true, groups: ['admins'] })
    .user('ci', { console: false, groups: ['admins'] })
    .build();
  addManaged(snap, 'AdministratorAccess', ADMIN_DOC);
  addManaged(snap, 'ReadOnlyAccess', READ_ONLY_DOC);
  addRole(snap, 'admin', roleTrust, { attached: ['AdministratorAccess'] });
  return snap;
}

describe('iam-admin-via-mfa-role', () => {
  it('passes a read-only daily user who reaches admin only through an MFA role', () => {
    const byUser = Object.fromEntries(
      runOne(check, account(trustAccount(MFA))).map((f) => [f.resource.split('/').pop(), f]),
    );
    expect(byUser.alice?.status).toBe('pass');
    expect(byUser.alice?.message).toContain('only with MFA');
  });

  it('fails a user with standing admin rights; ignores users without console access', () => {
    const byUser = Object.fromEntries(
      runOne(check, account(trustAccount(MFA))).map((f) => [f.resource.split('/').pop(), f]),
    );
    expect(byUser['root-like']?.status).toBe('fail');
    expect(byUser.ci).toBeUndefined();
  });

  it('fails a daily user who can assume the admin role without MFA', () => {
    const byUser = Object.fromEntries(
      runOne(check, account(trustAccount())).map((f) => [f.resource.split('/').pop(), f]),
    );
    expect(byUser.alice?.status).toBe('fail');
    expect(byUser.alice?.message).toContain('without MFA');
  });
});
