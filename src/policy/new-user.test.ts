import { describe, expect, it } from 'vitest';
import type { AuthorizationDetails } from '../snapshot/aws-shapes.js';
import { analyzeAdmins } from './admins.js';
import { ACCOUNT, allow, arn, doc, managed, role, user } from './testing.js';

// A new admin user: CreateUser, then an admin policy on it (AttachUserPolicy, PutUserPolicy, or AddUserToGroup
// into an admin group) and credentials for it (CreateAccessKey, CreateLoginProfile); whoever holds those
// credentials is that admin (Rhino Security Labs' CreateAccessKey / CreateLoginProfile methods, on a user of
// one's own making). Each request is authorized on the new user's ARN, which holds its path
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns: user/division_abc/subdivision_xyz/Bob),
// so a policy limited to `user/team/*` allows it on a user created under that path. CreateUser allowed only with a
// given permissions boundary (iam:PermissionsBoundary, the delegated-admin pattern,
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html#access_policies_boundaries-delegate)
// caps the new user: "the effective permissions for an entity are the intersection of its identity-based policies
// and its permissions boundary"; iam:PermissionsBoundary on AttachUserPolicy / PutUserPolicy is that user's boundary
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PermissionsBoundary).

const team = arn('user', 'team/*');
const adminGroup = {
  GroupName: 'admins',
  GroupId: 'AGPAADMINSXXXXXXXXX',
  Arn: arn('group', 'admins'),
  Path: '/',
  AttachedManagedPolicies: [],
  GroupPolicyList: [{ PolicyName: 'all', PolicyDocument: doc(allow('*')) }],
};
const withBoundary = (name: string) => ({
  Condition: { StringEquals: { 'iam:PermissionsBoundary': arn('policy', name) } },
});
const delegate = (boundary: string, attachCondition: object = {}) =>
  doc(
    allow('iam:CreateUser', team, withBoundary(boundary)),
    allow('iam:AttachUserPolicy', team, attachCondition),
    allow('iam:CreateAccessKey', team),
  );

const details = {
  Policies: [
    managed('dev-boundary', doc(allow(['s3:*', 'logs:*']))),
    managed('wide-boundary', doc(allow('*'))),
  ],
  UserDetailList: [
    user('onboarder', {
      inline: { p: doc(allow(['iam:CreateUser', 'iam:AttachUserPolicy', 'iam:CreateAccessKey'], team)) },
    }),
    user('password-setter', {
      inline: { p: doc(allow(['iam:CreateUser', 'iam:PutUserPolicy', 'iam:CreateLoginProfile'], team)) },
    }),
    // CreateUser under team/, credentials only under ops/: no user is both.
    user('split-paths', {
      inline: {
        p: doc(
          allow(['iam:CreateUser', 'iam:AttachUserPolicy'], team),
          allow('iam:CreateAccessKey', arn('user', 'ops/*')),
        ),
      },
    }),
    user('no-credentials', {
      inline: { p: doc(allow(['iam:CreateUser', 'iam:AttachUserPolicy'], team)) },
    }),
    user('delegate-dev', { inline: { p: delegate('dev-boundary') } }),
    user('delegate-wide', { inline: { p: delegate('wide-boundary') } }),
    // AWS's delegated-admin example: attach only to users that have the boundary.
    user('delegate-strict', { inline: { p: delegate('wide-boundary', withBoundary('wide-boundary')) } }),
    // Already iam-admin: it may add itself to the admin group.
    user('joiner', {
      inline: {
        p: doc(
          allow(['iam:CreateUser', 'iam:CreateAccessKey'], team),
          allow('iam:AddUserToGroup', arn('group', 'admins')),
        ),
      },
    }),
  ],
  GroupDetailList: [adminGroup],
  RoleDetailList: [
    // A role is in no group: a user it creates and adds to the admin group is its way in.
    role('provisioner', {
      inline: {
        p: doc(
          allow(['iam:CreateUser', 'iam:CreateAccessKey'], team),
          allow('iam:AddUserToGroup', arn('group', 'admins')),
        ),
      },
    }),
  ],
} as unknown as AuthorizationDetails;

describe('a principal that creates a user, makes it admin and gives it credentials', () => {
  const report = analyzeAdmins({ authorizationDetails: details, accountId: ACCOUNT, now: new Date() });
  const entry = (name: string) => report.admins.find((a) => a.name === name);
  const path = (name: string) => entry(name)?.paths.find((p) => p.method === 'create-user');
  const onTeam = ` Its policies allow this only on some names or regions, such as ${arn('user', 'team/rampart-probe')}.`;

  it('attach AdministratorAccess and an access key, on a user under the path its policies allow', () => {
    expect(entry('onboarder')).toMatchObject({ tier: 'potential', access: 'unconditional' });
    expect(path('onboarder')).toMatchObject({
      tier: 'potential',
      access: 'unconditional',
      description: `Can create user rampart-probe, attach AdministratorAccess to it and create an access key for it.${onTeam}`,
      actions: ['iam:CreateUser', 'iam:AttachUserPolicy', 'iam:CreateAccessKey'],
    });
  });

  it('an inline policy and a console password', () => {
    expect(path('password-setter')?.description).toBe(
      `Can create user rampart-probe, put an admin inline policy on it and set a console password for it.${onTeam}`,
    );
  });

  it('no path when no one user may be both created and given credentials', () => {
    // (Their AttachUserPolicy on team/ users is still the path through existing users it always was.)
    expect(path('split-paths')).toBeUndefined();
    expect(path('no-credentials')).toBeUndefined();
  });

  it('a required permissions boundary caps the new user: none with a boundary that is not admin', () => {
    expect(path('delegate-dev')).toBeUndefined();
    expect(path('delegate-wide')).toMatchObject({
      access: 'unconditional',
      description: `Can create user rampart-probe with permissions boundary wide-boundary, attach AdministratorAccess to it and create an access key for it.${onTeam}`,
    });
  });

  it('attaching only to users with that boundary: the new user has it', () => {
    expect(path('delegate-strict')).toMatchObject({ access: 'unconditional' });
  });

  it('an admin group: a role (in no group) adds the new user to it', () => {
    expect(path('provisioner')).toMatchObject({
      access: 'unconditional',
      description: `Can create user rampart-probe, add it to admin group admins and create an access key for it.${onTeam}`,
      actions: ['iam:CreateUser', 'iam:AddUserToGroup', 'iam:CreateAccessKey'],
      via: [arn('group', 'admins')],
    });
  });

  it('a principal of a higher tier keeps it', () => {
    expect(entry('joiner')?.tier).toBe('iam-admin');
    expect(path('joiner')).toBeUndefined();
  });
});
