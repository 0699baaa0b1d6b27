import { describe, expect, it } from 'vitest';
import type { AuthorizationDetails } from '../snapshot/aws-shapes.js';
import { analyzeAdmins } from './admins.js';
import { ACCOUNT, allow, arn, doc, managed, role, user } from './testing.js';

// "Deleting the permissions boundary for a role might increase its permissions. For example, it might allow
// anyone who assumes the role to perform all the actions granted in its permissions policies."
// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRolePermissionsBoundary.html; the same for
// users). The delegation example denies these actions for that reason
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html#access_policies_boundaries-delegate).
const removable = ['s3:*', 'iam:DeleteUserPermissionsBoundary', 'iam:DeleteRolePermissionsBoundary'];
const replaceable = ['s3:*', 'iam:PutUserPermissionsBoundary'];
const details = {
  Policies: [
    managed('AdministratorAccess', doc(allow('*'))),
    managed('removable', doc(allow(removable))),
    managed('replaceable', doc(allow(replaceable))),
    managed('fixed', doc(allow('s3:*'))),
    // Replacing only with a named, non-admin boundary.
    managed(
      'replace-with-s3-only',
      doc(
        allow('s3:*'),
        allow('iam:PutUserPermissionsBoundary', arn('user', '*'), {
          Condition: { StringEquals: { 'iam:PermissionsBoundary': `arn:aws:iam::${ACCOUNT}:policy/fixed` } },
        }),
      ),
    ),
  ],
  UserDetailList: [
    user('unbound', { inline: { p: doc(allow('*')) }, boundary: 'removable' }),
    user('reboxed', { inline: { p: doc(allow('*')) }, boundary: 'replaceable' }),
    user('boxed', { inline: { p: doc(allow('*')) }, boundary: 'fixed' }),
    user('narrow-choice', { inline: { p: doc(allow('*')) }, boundary: 'replace-with-s3-only' }),
    // May delete its boundary, but its own policies are not admin.
    user('reader', { inline: { p: doc(allow(['s3:Get*', ...removable])) }, boundary: 'removable' }),
  ],
  GroupDetailList: [],
  RoleDetailList: [
    role('r-unbound', { inline: { p: doc(allow('*')) }, boundary: 'removable', trustAccount: true }),
  ],
} as unknown as AuthorizationDetails;

describe('a principal that may remove or replace its own permissions boundary', () => {
  const report = analyzeAdmins({ authorizationDetails: details, accountId: ACCOUNT, now: new Date() });
  const methods = (name: string) => report.admins.find((a) => a.name === name)?.paths.map((p) => p.method);

  it('a user whose policies are admin and that may delete its boundary is iam-admin', () => {
    expect(report.admins.find((a) => a.name === 'unbound')?.tier).toBe('iam-admin');
    expect(methods('unbound')).toContain('delete-user-permissions-boundary');
  });

  it('a role: the same', () => {
    expect(methods('r-unbound')).toContain('delete-role-permissions-boundary');
  });

  it('a user that may make AdministratorAccess its boundary', () => {
    expect(methods('reboxed')).toContain('put-user-permissions-boundary');
  });

  it('no path when the boundary stays, or may only be replaced with a non-admin one', () => {
    expect(methods('boxed') ?? []).not.toContain('delete-user-permissions-boundary');
    expect(methods('narrow-choice') ?? []).not.toContain('put-user-permissions-boundary');
  });

  it('no path when its own policies are not admin without the boundary', () => {
    expect(methods('reader')).toBeUndefined();
  });
});
