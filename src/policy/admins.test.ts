import { describe, expect, it } from 'vitest';
import type { AuthorizationDetails } from '../snapshot/aws-shapes.js';
import { analyzeAdmins } from './admins.js';

// The analysis shares one evaluation between principals whose policies that can apply to a request are the
// same (policies whose statements name other resources are left out of that comparison). These cases
// ask the same request (CreateRole on the role arn:...:role/rampart-probe every principal is asked about)
// with policies that differ only in what they say about that resource.

const ACCOUNT = '111122223333';
const CREATE_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:policy/create-roles`;

const denyCreateRole = (element: 'Resource' | 'NotResource', value: string) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Deny', Action: 'iam:CreateRole', [element]: value }],
});

/** A managed policy of the export with one (default) version. */
const managedPolicy = (name: string, document: unknown, arn = `arn:aws:iam::${ACCOUNT}:policy/${name}`) => ({
  PolicyName: name,
  Arn: arn,
  DefaultVersionId: 'v1',
  PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: document }],
});

function user(name: string, inline?: unknown): AuthorizationDetails['UserDetailList'][number] {
  return {
    UserName: name,
    UserId: `AIDA${name
      .toUpperCase()
      .replace(/[^A-Z]/g, 'X')
      .padEnd(17, 'X')
      .slice(0, 17)}`,
    Arn: `arn:aws:iam::${ACCOUNT}:user/${name}`,
    Path: '/',
    GroupList: [],
    AttachedManagedPolicies: [{ PolicyName: 'create-roles', PolicyArn: CREATE_ROLE_ARN }],
    UserPolicyList: inline ? [{ PolicyName: 'deny', PolicyDocument: inline }] : [],
  };
}

const details: AuthorizationDetails = {
  Policies: [
    managedPolicy('create-roles', {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['iam:CreateRole', 'iam:PutRolePolicy'], Resource: '*' }],
    }),
  ],
  UserDetailList: [
    user('alice'),
    // A Deny on the probe role: the same request, a different answer.
    user('bob', denyCreateRole('Resource', `arn:aws:iam::${ACCOUNT}:role/rampart-*`)),
    // A Deny on other roles only: it cannot apply, so carol shares alice's answer.
    user('carol', denyCreateRole('Resource', `arn:aws:iam::${ACCOUNT}:role/other-*`)),
    // NotResource: denies every role but one, the probe role included.
    user('dave', denyCreateRole('NotResource', `arn:aws:iam::${ACCOUNT}:role/other`)),
    // A policy variable: applies only to the user whose name is the role's; the same document twice.
    user('erin', denyCreateRole('Resource', `arn:aws:iam::${ACCOUNT}:role/\${aws:username}`)),
    user('rampart-probe', denyCreateRole('Resource', `arn:aws:iam::${ACCOUNT}:role/\${aws:username}`)),
  ],
  GroupDetailList: [],
  RoleDetailList: [],
};

describe('answers shared between principals', () => {
  const report = analyzeAdmins({ authorizationDetails: details, accountId: ACCOUNT, now: new Date() });
  const methods = (name: string) =>
    report.admins.find((a) => a.name === name)?.paths.map((p) => p.method) ?? [];

  it('a user allowed to create and change roles can make itself admin', () => {
    expect(methods('alice')).toContain('create-role-put-policy');
  });

  it('a Deny that applies to the request changes the answer; one on other resources does not', () => {
    expect(methods('bob')).not.toContain('create-role-put-policy');
    expect(methods('carol')).toEqual(methods('alice'));
    expect(methods('dave')).not.toContain('create-role-put-policy');
  });

  it('a policy variable in a resource keeps answers apart for principals with the same policies', () => {
    expect(methods('erin')).toContain('create-role-put-policy');
    expect(methods('rampart-probe')).not.toContain('create-role-put-policy');
  });
});

// Requests on a principal's own ARN: answered once for every resource only when no statement that decides
// them names a resource (otherwise each resource gets its own answer).
describe('answers on resources named by the policies', () => {
  const putUserPolicy = (element: 'Resource' | 'NotResource', name: string) => ({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: 'iam:PutUserPolicy', [element]: `arn:aws:iam::${ACCOUNT}:user/${name}` },
    ],
  });
  const member = (name: string, policyName: string) => ({
    ...user(name),
    AttachedManagedPolicies: [
      { PolicyName: policyName, PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/${policyName}` },
    ],
  });
  const report = analyzeAdmins({
    authorizationDetails: {
      Policies: [
        managedPolicy('only-alice', putUserPolicy('Resource', 'alice')),
        managedPolicy('all-but-dave', putUserPolicy('NotResource', 'dave')),
      ],
      UserDetailList: [
        member('alice', 'only-alice'),
        member('bob', 'only-alice'),
        member('carol', 'all-but-dave'),
        member('dave', 'all-but-dave'),
      ],
      GroupDetailList: [],
      RoleDetailList: [],
    },
    accountId: ACCOUNT,
    now: new Date(),
  });
  // Self-escalation only: "potential" paths reuse the method ids for other principals.
  const methods = (name: string) =>
    report.admins
      .find((a) => a.name === name)
      ?.paths.filter((p) => p.tier === 'iam-admin')
      .map((p) => p.method) ?? [];

  it('Resource: the same policy allows the request on the principal it names, not on another', () => {
    expect(methods('alice')).toContain('put-user-policy');
    expect(methods('bob')).not.toContain('put-user-policy');
  });

  it('NotResource: every principal but the one it names', () => {
    expect(methods('carol')).toContain('put-user-policy');
    expect(methods('dave')).not.toContain('put-user-policy');
  });
});

// A potential path lists a few of its targets, the easiest grant first, then by ARN; the rest are counted.
describe('targets a potential path lists', () => {
  const admins = Array.from({ length: 12 }, (_, i) => `admin-${String.fromCharCode(108 - i)}`);
  const adminPolicy = 'arn:aws:iam::aws:policy/AdministratorAccess';
  // A user with one inline policy of these statements and nothing attached.
  const keyUser = (name: string, statements: unknown[]) => ({
    ...user(name, { Version: '2012-10-17', Statement: statements }),
    AttachedManagedPolicies: [],
  });
  const report = analyzeAdmins({
    authorizationDetails: {
      Policies: [
        managedPolicy(
          'AdministratorAccess',
          { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
          adminPolicy,
        ),
      ],
      UserDetailList: [
        ...admins.map((name) => ({
          ...user(name),
          AttachedManagedPolicies: [{ PolicyName: 'AdministratorAccess', PolicyArn: adminPolicy }],
        })),
        keyUser('helpdesk', [
          {
            Effect: 'Allow',
            Action: 'iam:CreateAccessKey',
            Resource: '*',
            Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
          },
          // Without MFA only on two of them, which come first although later by name.
          {
            Effect: 'Allow',
            Action: 'iam:CreateAccessKey',
            Resource: [`arn:aws:iam::${ACCOUNT}:user/admin-k`, `arn:aws:iam::${ACCOUNT}:user/admin-l`],
          },
        ]),
        keyUser('helpdesk2', [
          { Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: '*' },
          { Effect: 'Deny', Action: 'iam:CreateAccessKey', Resource: `arn:aws:iam::${ACCOUNT}:user/admin-a` },
        ]),
      ],
      GroupDetailList: [],
      RoleDetailList: [],
    },
    accountId: ACCOUNT,
    now: new Date(),
  });

  it('a Deny on one target leaves it out of the list and the count', () => {
    const path = report.admins
      .find((a) => a.name === 'helpdesk2')
      ?.paths.find((p) => p.method === 'create-access-key');
    expect(path?.via[0]).toBe(`arn:aws:iam::${ACCOUNT}:user/admin-b`);
    expect(path?.description).toContain('(admin-b, admin-c, admin-d and 8 more)');
  });

  it('lists ten: the unconditional ones first, then by ARN, and counts the rest', () => {
    const path = report.admins
      .find((a) => a.name === 'helpdesk')
      ?.paths.find((p) => p.method === 'create-access-key');
    const arn = (name: string) => `arn:aws:iam::${ACCOUNT}:user/${name}`;
    expect(path?.access).toBe('unconditional');
    expect(path?.via).toEqual(
      [
        'admin-k',
        'admin-l',
        'admin-a',
        'admin-b',
        'admin-c',
        'admin-d',
        'admin-e',
        'admin-f',
        'admin-g',
        'admin-h',
      ].map(arn),
    );
    expect(path?.description).toContain('(admin-k, admin-l, admin-a and 9 more)');
  });
});

describe('an SCP that keeps iam:* for a break-glass role alone', () => {
  // The common shape (AWS's SCP examples): Deny iam:* unless aws:PrincipalArn is the break-glass role. Each
  // principal's own ARN decides, so principals with the same policies get different answers.
  const admin = `arn:aws:iam::aws:policy/AdministratorAccess`;
  const attached = [{ PolicyName: 'AdministratorAccess', PolicyArn: admin }];
  const role = (name: string): AuthorizationDetails['RoleDetailList'][number] => ({
    RoleName: name,
    RoleId: `AROA${name.toUpperCase().padEnd(17, 'X').slice(0, 17)}`,
    Arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
    Path: '/',
    AssumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    },
    RolePolicyList: [],
    AttachedManagedPolicies: attached,
    // EC2 runs a role only through an instance profile.
    InstanceProfileList: [{ InstanceProfileName: name }],
  });
  const report = analyzeAdmins({
    authorizationDetails: {
      Policies: [managedPolicy('AdministratorAccess', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, admin)], // prettier-ignore
      UserDetailList: [{ ...user('alice'), AttachedManagedPolicies: attached }],
      GroupDetailList: [],
      RoleDetailList: [role('BreakGlass'), role('app')],
    },
    accountId: ACCOUNT,
    now: new Date('2026-11-23T12:00:00Z'),
    scps: {
      levels: [
        [
          {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Action: '*', Resource: '*' },
              { Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/BreakGlass' } } }, // prettier-ignore
            ],
          },
        ],
      ],
    },
  });
  const tier = (name: string) => report.admins.find((a) => a.name === name)?.tier;

  it('the break-glass role stays full admin; AdministratorAccess elsewhere is not admin through IAM', () => {
    expect(tier('BreakGlass')).toBe('full');
    // Not full: every iam action is denied to them (no self-escalation through IAM either).
    expect(tier('alice')).not.toBe('full');
    expect(tier('app')).not.toBe('full');
    expect(tier('alice')).not.toBe('iam-admin');
    expect(tier('app')).not.toBe('iam-admin');
    // What is left to them: reaching a workload that runs as the break-glass role (EC2 trusts it), or making
    // an Auto Scaling group's launch template name its profile ($Latest or $Default; EC2 actions only, no
    // PassRole), no IAM.
    for (const name of ['alice', 'app']) {
      const admin = report.admins.find((a) => a.name === name);
      expect(admin?.tier, name).toBe('potential');
      expect(admin?.paths.map((p) => p.method).sort(), name).toEqual([
        'ec2-instance-connect',
        'ec2-launch-template-latest-version',
        'ec2-launch-template-version',
        'ec2-user-data',
        'ssm-send-command',
        'ssm-start-session',
      ]);
      for (const p of admin?.paths ?? []) expect(p.description, name).toContain('(BreakGlass)');
    }
  });

  it('gives each principal its own answer when an SCP depends on who asks', () => {
    // alice is analyzed first; before the fix her denied answers were shared with the roles of the same
    // policies (and the break-glass role lost its full admin).
    expect(report.admins.map((a) => `${a.name}:${a.tier}`).sort()).toEqual([
      'BreakGlass:full',
      'alice:potential',
      'app:potential',
    ]);
  });
});

describe('a permissions boundary that depends on who asks', () => {
  // Two users with the same policies and the same boundary, which allows everything to alice alone: their
  // answers must not be shared (the full-admin probes once were, so the first user's answer went to both).
  const admin = 'arn:aws:iam::aws:policy/AdministratorAccess';
  const boundaryArn = `arn:aws:iam::${ACCOUNT}:policy/only-alice`;
  const bounded = (name: string) => ({
    ...user(name),
    AttachedManagedPolicies: [{ PolicyName: 'AdministratorAccess', PolicyArn: admin }],
    PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: boundaryArn },
  });
  const details = (names: string[]): AuthorizationDetails => ({
    Policies: [
      managedPolicy('AdministratorAccess', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, admin),
      managedPolicy('only-alice', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:username': 'alice' } } }] }, boundaryArn),
    ],
    UserDetailList: names.map(bounded),
    GroupDetailList: [],
    RoleDetailList: [],
  }); // prettier-ignore

  it.each([[['alice', 'bob']], [['bob', 'alice']]])(
    'users in the order %j: alice is full admin, bob nothing',
    (names) => {
      const report = analyzeAdmins({
        authorizationDetails: details(names),
        accountId: ACCOUNT,
        now: new Date(),
      });
      expect(report.admins.map((a) => `${a.name}:${a.tier}`)).toEqual(['alice:full']);
    },
  );
});
