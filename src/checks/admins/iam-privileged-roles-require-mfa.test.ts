import { describe, expect, it } from 'vitest';
import { snapshot, TEST_ACCOUNT } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import check from './iam-privileged-roles-require-mfa.js';
import { ADMIN_DOC, MFA, READ_ONLY_DOC, addManaged, addRole, trustAccount, trustOf } from './fixtures.js';

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

  it('judges the role a chain starts from, and never asks MFA of a trust that only names another role', () => {
    // hop: any IAM principal of the account assumes it without MFA, and it may assume admin (which trusts only hop).
    // deploy: admin, trusted only by lambda-exec, a role only Lambda assumes (a Lambda session never has MFA).
    const snap = snapshot().build();
    addManaged(snap, 'AdministratorAccess', ADMIN_DOC);
    const toAdmin = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${TEST_ACCOUNT}:role/admin` },
      ],
    };
    addRole(snap, 'hop', trustAccount(), { inline: { toAdmin } });
    addRole(snap, 'admin', trustOf({ AWS: `arn:aws:iam::${TEST_ACCOUNT}:role/hop` }), {
      attached: ['AdministratorAccess'],
    });
    addRole(snap, 'lambda-exec', trustOf({ Service: 'lambda.amazonaws.com' }));
    addRole(snap, 'deploy', trustOf({ AWS: `arn:aws:iam::${TEST_ACCOUNT}:role/lambda-exec` }), {
      attached: ['AdministratorAccess'],
    });
    const failed = runOne(check, snap).filter((f) => f.status === 'fail');
    expect(failed.map((f) => f.resource.split('/').pop())).toEqual(['hop']);
    expect(failed[0]?.message).toContain('any IAM principal of the account');
    expect(failed[0]?.message).toContain('can assume admin role admin');
  });
});
