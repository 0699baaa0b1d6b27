import { describe, expect, it } from 'vitest';
import { snapshot, TEST_ACCOUNT } from '../../snapshot/testing/builder.js';
import {
  ADMIN_DOC,
  READ_ONLY_DOC,
  addManaged,
  addRcpPerimeter,
  addRole,
  joinOrganization,
  trustAccount,
  trustOf as trust,
} from '../admins/fixtures.js';
import { runOne } from '../testing.js';
import check from './iam-roles-closed-to-the-internet.js';

const GITHUB = `arn:aws:iam::${TEST_ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const web = 'sts:AssumeRoleWithWebIdentity';

/** A standalone account (no organization, so no RCPs to read), unless a test joins one. */
function base() {
  const snap = snapshot().build();
  snap.slices.organization = { status: 'ok', data: { Organization: null, Account: null } };
  addManaged(snap, 'AdministratorAccess', ADMIN_DOC);
  addManaged(snap, 'ReadOnlyAccess', READ_ONLY_DOC);
  return snap;
}

const byRole = (snap: ReturnType<typeof base>): Record<string, string> =>
  Object.fromEntries(runOne(check, snap).map((f) => [f.resource.split('/').pop() ?? f.resource, f.status]));

describe('iam-roles-closed-to-the-internet', () => {
  it('fails any role, admin or not, that "*" or any GitHub repository may assume', () => {
    const snap = base();
    const reader = { attached: ['ReadOnlyAccess'] };
    addRole(snap, 'public-reader', trust('*'), reader);
    addRole(
      snap,
      'ci',
      trust({ Federated: GITHUB }, web, {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
      }),
      reader,
    );
    addRole(
      snap,
      'ci-ok',
      trust({ Federated: GITHUB }, web, {
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:my-org/infra:*' },
      }),
      reader,
    );
    addRole(
      snap,
      'org-only',
      trust('*', 'sts:AssumeRole', { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } }),
    );
    // Another account, this account, a service: not the whole internet (iam-admin-roles-closed-to-outsiders
    // judges other accounts for admin roles).
    addRole(snap, 'vendor', trust({ AWS: '444455556666' }), reader);
    addRole(snap, 'inside', trustAccount(), reader);
    addRole(snap, 'lambda', trust({ Service: 'lambda.amazonaws.com' }), reader);
    expect(byRole(snap)).toEqual({
      'public-reader': 'fail',
      ci: 'fail',
      'ci-ok': 'pass',
      'org-only': 'pass',
    });
  });

  it('says who gets in and what the role holds', () => {
    const snap = base();
    addRole(snap, 'public-reader', trust('*'), {
      attached: ['ReadOnlyAccess', 'AdministratorAccess'],
      inline: { extra: ADMIN_DOC, more: ADMIN_DOC },
    });
    addRole(snap, 'empty', trust({ Federated: GITHUB }, web));
    const found = runOne(check, snap);
    expect(found.map((f) => f.severity)).toEqual(['critical', 'medium']);
    const msgs = found.map((f) => f.message);
    expect(msgs).toEqual([
      'Role public-reader can be assumed by anyone with an AWS account (no condition limits it); it holds ReadOnlyAccess, AdministratorAccess, extra (inline) and 1 more.',
      'Role empty can be assumed by any GitHub Actions workflow of any repository (no condition on token.actions.githubusercontent.com:sub limits it); it has no permission policy today.',
    ]);
  });

  it('names the condition that closes a role it passes', () => {
    const snap = base();
    addRole(
      snap,
      'org-only',
      trust('*', 'sts:AssumeRole', { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } }),
    );
    expect(runOne(check, snap)[0]?.message).toBe(
      'Role org-only trusts anyone with an AWS account (only with conditions on aws:PrincipalOrgID).',
    );
  });

  it("applies the organization's RCPs, and says when a member account's RCPs were not read", () => {
    const member = () => {
      const snap = joinOrganization(base());
      addRole(snap, 'public-reader', trust('*'), { attached: ['ReadOnlyAccess'] });
      return snap;
    };
    const [unread] = runOne(check, member());
    expect(unread?.status).toBe('fail');
    expect(unread?.message).toContain('RCPs were not read');
    const [closed] = runOne(check, addRcpPerimeter(member()));
    expect(closed?.status).toBe('pass');
    expect(closed?.message).toContain('only with conditions on aws:PrincipalOrgID');
  });

  it('passes with one outcome when no role trusts the internet', () => {
    const snap = base();
    addRole(snap, 'inside', trustAccount(), { attached: ['AdministratorAccess'] });
    expect(runOne(check, snap).map((f) => `${f.status} ${f.message}`)).toEqual([
      'pass No role trusts "*" or a public identity provider.',
    ]);
  });
});
