import { describe, expect, it } from 'vitest';
import { snapshot, TEST_ACCOUNT } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import check from './iam-privileged-roles-require-mfa.js';
import { ADMIN_DOC, MFA, READ_ONLY_DOC, addManaged, addRole, trustAccount } from './fixtures.js';

function base() {
  const snap = snapshot().build();
  addManaged(snap, 'AdministratorAccess', ADMIN_DOC);
  addManaged(snap, 'ReadOnlyAccess', READ_ONLY_DOC);
  return snap;
}

describe('iam-privileged-roles-require-mfa', () => {
  it('fails an admin role that trusts the account without MFA, passes one that requires MFA', () => {
    const snap = base();
    addRole(snap, 'open-admin', trustAccount(), { attached: ['AdministratorAccess'] });
    addRole(snap, 'mfa-admin', trustAccount(MFA), { attached: ['AdministratorAccess'] });
    addRole(snap, 'open-reader', trustAccount(), { attached: ['ReadOnlyAccess'] });
    const byRole = Object.fromEntries(
      runOne(check, snap).map((f) => [f.resource.split('/').pop(), f.status]),
    );
    expect(byRole).toEqual({ 'open-admin': 'fail', 'mfa-admin': 'pass' });
  });

  it('fails an admin role that names an IAM user without MFA', () => {
    const snap = base();
    addRole(
      snap,
      'named',
      {
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${TEST_ACCOUNT}:user/bob` },
            Action: 'sts:AssumeRole',
          },
        ],
      },
      { inline: { all: ADMIN_DOC } },
    );
    const [f] = runOne(check, snap);
    expect(f?.status).toBe('fail');
    expect(f?.message).toContain('user/bob');
  });

  it('ignores admin roles only services or identity providers assume', () => {
    const snap = base();
    addRole(
      snap,
      'ec2-admin',
      {
        Statement: [
          { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
        ],
      },
      {
        attached: ['AdministratorAccess'],
      },
    );
    expect(runOne(check, snap).map((f) => f.status)).toEqual(['pass']);
  });
});
