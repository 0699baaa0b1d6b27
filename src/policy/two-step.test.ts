import { describe, expect, it } from 'vitest';
import type { AuthorizationDetails } from '../snapshot/aws-shapes.js';
import { analyzeAdmins } from './admins.js';
import { ACCOUNT, allow, arn, doc, managed, role, user } from './testing.js';

// Escalations in two steps that the principal takes on its own, so iam-admin, not potential.

describe('a policy put on itself inside its permissions boundary, then a new role', () => {
  // "The effective permissions are the intersection of the identity-based policies and the boundary"
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html): a boundary of iam:*
  // leaves a principal that may write its own policies every IAM action, CreateRole and AttachRolePolicy
  // included, and a role it creates has no boundary unless one is set
  // (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html, PermissionsBoundary).
  const details = {
    Policies: [
      managed('iam-only', doc(allow('iam:*'))),
      managed('self-and-s3', doc(allow(['iam:PutUserPolicy', 'iam:PutRolePolicy', 's3:*']))),
    ],
    UserDetailList: [
      user('inside', {
        inline: { self: doc(allow('iam:PutUserPolicy', arn('user', 'inside'))) },
        boundary: 'iam-only',
      }),
      // The same under a boundary that leaves no IAM action but writing its own policies: no second step.
      user('boxed', {
        inline: { self: doc(allow('iam:PutUserPolicy', arn('user', 'boxed'))) },
        boundary: 'self-and-s3',
      }),
    ],
    GroupDetailList: [],
    RoleDetailList: [
      role('r-inside', {
        inline: { self: doc(allow('iam:PutRolePolicy', arn('role', 'r-inside'))) },
        boundary: 'iam-only',
      }),
    ],
  } as unknown as AuthorizationDetails;
  const report = analyzeAdmins({ authorizationDetails: details, accountId: ACCOUNT, now: new Date() });
  const entry = (name: string) => report.admins.find((a) => a.name === name);

  const selfPath = (r: typeof report, name: string) =>
    r.admins
      .find((a) => a.name === name)
      ?.paths.find((p) => p.tier === 'iam-admin' && p.method === 'put-user-policy');

  it('a user: iam-admin, the path names both steps and their actions', () => {
    expect(entry('inside')?.tier).toBe('iam-admin');
    // Within iam:* it may also delete its own boundary: the first second step found is named.
    const path = selfPath(report, 'inside');
    expect(path?.access).toBe('unconditional');
    expect(path?.actions).toEqual(['iam:PutUserPolicy', 'iam:DeleteUserPermissionsBoundary']);
    expect(path?.description).toMatch(/With it, it can then delete its own permissions boundary/);
    // With boundary changes denied by an SCP, the new role is the way.
    const deny = { Effect: 'Deny', Action: 'iam:*PermissionsBoundary', Resource: '*' };
    const scps = { levels: [[doc(allow('*'), deny)]] };
    const kept = analyzeAdmins({ authorizationDetails: details, accountId: ACCOUNT, now: new Date(), scps });
    const viaRole = selfPath(kept, 'inside');
    expect(viaRole?.actions).toEqual(['iam:PutUserPolicy', 'iam:CreateRole', 'iam:AttachRolePolicy']);
    expect(viaRole?.description).toMatch(/With it, it can then create a role that trusts it/);
  });

  it('a role: the same', () => {
    expect(entry('r-inside')?.tier).toBe('iam-admin');
    expect(entry('r-inside')?.paths.map((p) => p.method)).toContain('put-role-policy');
  });

  it('no second step when the boundary or a Deny it cannot remove leaves none', () => {
    expect(entry('boxed')?.tier).not.toBe('iam-admin');
    // An SCP (which no policy in the account overrides) denying new roles and boundary changes.
    const deny = {
      Effect: 'Deny',
      Action: ['iam:CreateRole', 'iam:*PermissionsBoundary'],
      Resource: '*',
    };
    const scps = { levels: [[doc(allow('*'), deny)]] };
    const capped = analyzeAdmins({
      authorizationDetails: details,
      accountId: ACCOUNT,
      now: new Date(),
      scps,
    });
    expect(capped.admins.find((a) => a.name === 'inside')?.tier).not.toBe('iam-admin');
  });
});

describe('a role created under a required permissions boundary, whose boundary it then deletes', () => {
  // The delegation example requires a boundary on CreateRole and denies DeleteRolePermissionsBoundary with
  // iam:PermissionsBoundary naming it: "Deleting the permissions boundary ... might increase its permissions"
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html#access_policies_boundaries-delegate,
  // https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRolePermissionsBoundary.html). Without that Deny,
  // the creator deletes the boundary of the role it made, and the role's admin policy applies in full.
  const requireBoundary = allow('iam:CreateRole', arn('role', '*'), {
    Condition: { StringEquals: { 'iam:PermissionsBoundary': arn('policy', 'dev-boundary') } },
  });
  const give = allow(['iam:AttachRolePolicy', 'iam:PutRolePolicy'], arn('role', '*'));
  const remove = allow('iam:DeleteRolePermissionsBoundary', arn('role', '*'));
  const denyRemove = {
    Effect: 'Deny',
    Action: 'iam:DeleteRolePermissionsBoundary',
    Resource: '*',
    Condition: { StringEquals: { 'iam:PermissionsBoundary': arn('policy', 'dev-boundary') } },
  };
  const details = {
    Policies: [managed('dev-boundary', doc(allow(['s3:*', 'logs:*'])))],
    UserDetailList: [
      user('creator', { inline: { p: doc(requireBoundary, give, remove) } }),
      user('kept', { inline: { p: doc(requireBoundary, give) } }),
      user('denied', { inline: { p: doc(requireBoundary, give, remove, denyRemove) } }),
    ],
    GroupDetailList: [],
    RoleDetailList: [],
  } as unknown as AuthorizationDetails;
  const report = analyzeAdmins({ authorizationDetails: details, accountId: ACCOUNT, now: new Date() });
  const entry = (name: string) => report.admins.find((a) => a.name === name);

  it('iam-admin, the path adds iam:DeleteRolePermissionsBoundary', () => {
    expect(entry('creator')?.tier).toBe('iam-admin');
    const path = entry('creator')?.paths.find((p) => p.method === 'create-role-attach-policy');
    expect(path?.access).toBe('unconditional');
    expect(path?.actions).toEqual([
      'iam:CreateRole',
      'iam:AttachRolePolicy',
      'iam:DeleteRolePermissionsBoundary',
    ]);
    expect(path?.description).toContain('dev-boundary');
  });

  it('not when it may not delete that boundary', () => {
    for (const name of ['kept', 'denied']) expect(entry(name)?.tier, name).not.toBe('iam-admin');
  });
});

describe('a role created under a required permissions boundary, whose boundary it then replaces', () => {
  // PutRolePermissionsBoundary "Adds or updates the policy that is specified as the IAM role's permissions
  // boundary" and its request carries the new boundary as iam:PermissionsBoundary
  // (https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePermissionsBoundary.html,
  // https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html).
  // The delegation example allows it only with the required boundary
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html#access_policies_boundaries-delegate);
  // allowed with any boundary, the creator makes AdministratorAccess the boundary of the role it made, and the
  // role's admin policy applies in full.
  const boundary = arn('policy', 'dev-boundary');
  const requireBoundary = allow('iam:CreateRole', arn('role', '*'), {
    Condition: { StringEquals: { 'iam:PermissionsBoundary': boundary } },
  });
  const give = allow(['iam:AttachRolePolicy', 'iam:PutRolePolicy'], arn('role', '*'));
  const replaceAny = allow('iam:PutRolePermissionsBoundary', arn('role', '*'));
  const replaceSame = allow('iam:PutRolePermissionsBoundary', arn('role', '*'), {
    Condition: { StringEquals: { 'iam:PermissionsBoundary': boundary } },
  });
  const details = {
    Policies: [managed('dev-boundary', doc(allow(['s3:*', 'logs:*'])))],
    UserDetailList: [
      user('replacer', { inline: { p: doc(requireBoundary, give, replaceAny) } }),
      user('same', { inline: { p: doc(requireBoundary, give, replaceSame) } }),
    ],
    GroupDetailList: [],
    RoleDetailList: [],
  } as unknown as AuthorizationDetails;
  const report = analyzeAdmins({ authorizationDetails: details, accountId: ACCOUNT, now: new Date() });
  const entry = (name: string) => report.admins.find((a) => a.name === name);

  it('iam-admin, the path adds iam:PutRolePermissionsBoundary and names both boundaries', () => {
    expect(entry('replacer')?.tier).toBe('iam-admin');
    const path = entry('replacer')?.paths.find((p) => p.method === 'create-role-attach-policy');
    expect(path?.access).toBe('unconditional');
    expect(path?.actions).toEqual([
      'iam:CreateRole',
      'iam:AttachRolePolicy',
      'iam:PutRolePermissionsBoundary',
    ]);
    expect(path?.description).toMatch(/dev-boundary.*AdministratorAccess/);
  });

  it('not when it may set only the required boundary', () => {
    expect(entry('same')?.tier).not.toBe('iam-admin');
  });
});
