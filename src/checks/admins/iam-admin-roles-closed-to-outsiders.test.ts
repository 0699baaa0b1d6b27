import { describe, expect, it } from 'vitest';
import { snapshot, TEST_ACCOUNT } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import check from './iam-admin-roles-closed-to-outsiders.js';
import {
  ADMIN_DOC,
  MFA,
  READ_ONLY_DOC,
  addManaged,
  addRcpPerimeter,
  addRole,
  joinOrganization,
  trustAccount,
  trustOf as trust,
} from './fixtures.js';

const GITHUB = `arn:aws:iam::${TEST_ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;

function base() {
  const snap = snapshot().build();
  addManaged(snap, 'AdministratorAccess', ADMIN_DOC);
  addManaged(snap, 'ReadOnlyAccess', READ_ONLY_DOC);
  return snap;
}

const byRole = (snap: ReturnType<typeof base>): Record<string, string> =>
  Object.fromEntries(
    runOne(check, snap).map((f): [string, string] => [
      f.resource.split('/').pop() ?? f.resource,
      f.status === 'fail' ? `fail/${f.severity ?? ''}` : f.status,
    ]),
  );

describe('iam-admin-roles-closed-to-outsiders', () => {
  it('fails admin roles open to anyone, another account without ExternalId, or any GitHub repository', () => {
    const snap = base();
    const admin = { attached: ['AdministratorAccess'] };
    addRole(snap, 'public', trust('*'), admin);
    addRole(snap, 'vendor', trust({ AWS: 'arn:aws:iam::444455556666:root' }), admin);
    addRole(
      snap,
      'vendor-ok',
      trust({ AWS: '444455556666' }, 'sts:AssumeRole', { StringEquals: { 'sts:ExternalId': 'e-1' } }),
      admin,
    );
    addRole(
      snap,
      'ci',
      trust({ Federated: GITHUB }, 'sts:AssumeRoleWithWebIdentity', {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
      }),
      admin,
    );
    addRole(
      snap,
      'ci-ok',
      trust({ Federated: GITHUB }, 'sts:AssumeRoleWithWebIdentity', {
        StringEquals: { 'token.actions.githubusercontent.com:sub': 'repo:my-org/infra:ref:refs/heads/main' },
      }),
      admin,
    );
    // Admin, trusting only this account: the MFA check's business.
    addRole(snap, 'inside', trustAccount(MFA), admin);
    const got = byRole(snap);
    expect(got).toEqual({
      public: 'fail/critical',
      vendor: 'fail/high',
      'vendor-ok': 'pass',
      ci: 'fail/critical',
      'ci-ok': 'pass',
    });
  });

  it('leaves a role that is not admin out, however open (alone: next to an admin role open to anyone it could assume that one)', () => {
    const snap = base();
    addRole(snap, 'public-reader', trust('*'), { attached: ['ReadOnlyAccess'] });
    expect(byRole(snap)['public-reader']).toBeUndefined();
  });

  it('says who gets in and what is missing', () => {
    const snap = base();
    addRole(snap, 'vendor', trust({ AWS: 'arn:aws:iam::444455556666:root' }), {
      attached: ['AdministratorAccess'],
    });
    addRole(snap, 'ci', trust({ Federated: GITHUB }, 'sts:AssumeRoleWithWebIdentity'), {
      attached: ['AdministratorAccess'],
    });
    const msgs = runOne(check, snap).map((f) => f.message);
    expect(msgs.find((m) => m.startsWith('Role vendor '))).toContain(
      'Role vendor is admin (tier full) and can be assumed from outside the account by account 444455556666 (no ExternalId or MFA condition).',
    );
    expect(msgs.find((m) => m.startsWith('Role ci '))).toContain(
      'any GitHub Actions workflow of any repository (no condition on token.actions.githubusercontent.com:sub limits it)',
    );
  });

  it('passes an admin role that only a SAML provider assumes, naming it', () => {
    const snap = base();
    addRole(
      snap,
      'sso-admin',
      trust({ Federated: `arn:aws:iam::${TEST_ACCOUNT}:saml-provider/corp` }, 'sts:AssumeRoleWithSAML'),
      { attached: ['AdministratorAccess'] },
    );
    const [f] = runOne(check, snap);
    expect(f?.status).toBe('pass');
    expect(f?.message).toContain('SAML provider corp (the identity provider decides who signs in)');
  });

  it('rates a role that can only become admin one step lower', () => {
    const snap = base();
    addManaged(snap, `arn:aws:iam::${TEST_ACCOUNT}:policy/passrole-lambda`, {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'],
          Resource: '*',
        },
      ],
    });
    addRole(snap, 'lambda-admin', trust({ Service: 'lambda.amazonaws.com' }), {
      attached: ['AdministratorAccess'],
    });
    addRole(snap, 'deployer', trust('*'), {
      attached: [`arn:aws:iam::${TEST_ACCOUNT}:policy/passrole-lambda`],
    });
    expect(byRole(snap)).toEqual({ deployer: 'fail/high' });
  });

  it("rates the organization's management account lower, and names it", () => {
    const snap = joinOrganization(base());
    const admin = { attached: ['AdministratorAccess'] };
    addRole(snap, 'OrganizationAccountAccessRole', trust({ AWS: 'arn:aws:iam::777788889999:root' }), admin);
    addRole(snap, 'vendor', trust({ AWS: 'arn:aws:iam::444455556666:root' }), admin);
    expect(byRole(snap)).toEqual({ OrganizationAccountAccessRole: 'fail/medium', vendor: 'fail/high' });
    expect(runOne(check, snap)[0]?.message).toContain(
      "account 777788889999, the organization's management account (no ExternalId or MFA condition)",
    );
  });

  it("applies the organization's RCPs: a data perimeter closes a role open to anyone", () => {
    const member = () => {
      const snap = joinOrganization(base());
      addRole(snap, 'public', trust('*'), { attached: ['AdministratorAccess'] });
      return snap;
    };
    // Not read: the failure says an RCP may close it.
    expect(runOne(check, member())[0]?.message).toContain('RCPs were not read');
    const [f] = runOne(check, addRcpPerimeter(member()));
    expect(f?.status).toBe('pass');
    expect(f?.message).toContain('anyone with an AWS account (only with conditions on aws:PrincipalOrgID)');
  });

  it('says nothing of RCPs for an account outside any organization', () => {
    const snap = base();
    addRole(snap, 'public', trust('*'), { attached: ['AdministratorAccess'] });
    snap.slices.organization = { status: 'ok', data: { Organization: null, Account: null } };
    expect(runOne(check, snap)[0]?.message).not.toContain('RCP');
  });

  it('passes with one outcome when no admin role trusts outside the account', () => {
    const snap = base();
    addRole(snap, 'inside', trustAccount(), { attached: ['AdministratorAccess'] });
    expect(runOne(check, snap).map((f) => `${f.status} ${f.message}`)).toEqual([
      'pass No admin role trusts anyone outside the account.',
    ]);
  });
});
