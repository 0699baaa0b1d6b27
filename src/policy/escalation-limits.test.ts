import { describe, expect, it } from 'vitest';
import type { AuthorizationDetails } from '../snapshot/aws-shapes.js';
import { analyzeAdmins } from './admins.js';
import { ACCOUNT, allow, arn, doc, id, managed, role, user } from './testing.js';

// A policy a principal gives itself is still limited by its permissions boundary and by every Deny it cannot
// remove: "the effective permissions are the intersection of the identity-based policies and the boundary"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html) and an explicit Deny in
// any policy wins (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).

const putSelf = allow(['iam:PutUserPolicy', 'iam:AttachUserPolicy'], arn('user', '${aws:username}'));
const details = {
  Policies: [
    // Lets the user change its own policies, and S3: never more.
    managed('cap', doc(allow(['iam:PutUserPolicy', 'iam:AttachUserPolicy', 'iam:PutRolePolicy', 's3:*']))),
    managed(
      'cap-mfa',
      doc(allow('*', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })),
    ),
    managed('cap-create', doc(allow(['iam:CreateRole', 'iam:PutRolePolicy', 'sts:AssumeRole']))),
    managed('deny-rest', doc({ Effect: 'Deny', NotAction: 'iam:PutUserPolicy', Resource: '*' })),
  ],
  UserDetailList: [
    user('free', { inline: { self: doc(putSelf) } }),
    user('capped', { inline: { all: doc(allow('*')) }, boundary: 'cap' }),
    user('group-deny', { inline: { self: doc(putSelf) }, groups: ['deny-rest'] }),
    // Its own inline Deny: PutUserPolicy can overwrite it (same name), so the Deny does not hold.
    user('own-deny', {
      inline: {
        self: doc(putSelf),
        deny: doc({ Effect: 'Deny', NotAction: 'iam:PutUserPolicy', Resource: '*' }),
      },
    }),
    user('capped-mfa', { inline: { self: doc(putSelf) }, boundary: 'cap-mfa' }),
    // A new role has none of its creator's limits.
    // Can change a role it can assume, then assume it: that role's boundary still holds.
    user('changer', {
      inline: { change: doc(allow(['iam:PutRolePolicy', 'sts:AssumeRole'], arn('role', '*-assumable'))) },
    }),
    user('slr-changer', {
      inline: {
        change: doc(
          allow(
            ['iam:UpdateAssumeRolePolicy', 'iam:PutRolePolicy', 'iam:AttachRolePolicy'],
            arn('role', 'aws-service-role/*'),
          ),
        ),
      },
    }),
    user('creator', {
      inline: { create: doc(allow(['iam:CreateRole', 'iam:PutRolePolicy'])) },
      boundary: 'cap-create',
    }),
  ],
  GroupDetailList: [
    {
      GroupName: 'deny-rest',
      GroupId: `AGPA${id('deny-rest')}`,
      Arn: arn('group', 'deny-rest'),
      Path: '/',
      GroupPolicyList: [],
      AttachedManagedPolicies: [{ PolicyName: 'deny-rest', PolicyArn: arn('policy', 'deny-rest') }],
    },
  ],
  RoleDetailList: [
    role('capped-role', { inline: { all: doc(allow('*')) }, boundary: 'cap' }),
    role('capped-assumable', { boundary: 'cap', trustAccount: true }),
    role('open-assumable', { trustAccount: true }),
    // A service-linked role: IAM refuses to change its trust or permission policies (UnmodifiableEntity).
    role('AWSServiceRoleForX', {
      inline: { all: doc(allow('*')) },
      path: '/aws-service-role/x.amazonaws.com/',
      trustAccount: true,
    }),
    role('free-role', { inline: { self: doc(allow('iam:PutRolePolicy', arn('role', 'free-role'))) } }),
  ],
} as unknown as AuthorizationDetails;

describe('self-escalation stays within what the principal cannot remove', () => {
  const report = analyzeAdmins({ authorizationDetails: details, accountId: ACCOUNT, now: new Date() });
  const entry = (name: string) => report.admins.find((a) => a.name === name);
  const selfMethods = (name: string) =>
    (entry(name)?.paths ?? []).filter((p) => p.tier === 'iam-admin').map((p) => p.method);

  it('without limits, putting a policy on itself is iam-admin', () => {
    expect(entry('free')?.tier).toBe('iam-admin');
    expect(selfMethods('free')).toEqual(expect.arrayContaining(['put-user-policy', 'attach-user-policy']));
    expect(entry('free-role')?.tier).toBe('iam-admin');
  });

  it('a permissions boundary caps what a principal can give itself: not iam-admin', () => {
    expect(selfMethods('capped')).toEqual([]);
    expect(selfMethods('capped-role')).toEqual([]);
    expect(entry('capped')?.tier).not.toBe('full');
  });

  it("a group's Deny stays whatever policy the user puts on itself", () => {
    expect(selfMethods('group-deny')).toEqual([]);
  });

  it('its own inline Deny does not hold against put-user-policy (it can overwrite it), but does against attach', () => {
    expect(selfMethods('own-deny')).toEqual(['put-user-policy']);
  });

  it('a boundary that allows everything only with MFA makes the path MFA-only', () => {
    const path = entry('capped-mfa')?.paths.find((p) => p.method === 'put-user-policy');
    expect(path?.access).toBe('mfa-only');
    expect(entry('capped-mfa')?.access).toBe('mfa-only');
  });

  it('changing a role it can assume counts only for the role whose boundary lets it become admin', () => {
    const paths = (entry('changer')?.paths ?? []).filter((p) => p.method === 'put-role-policy');
    expect(paths.map((p) => p.via)).toEqual([[arn('role', 'open-assumable')]]);
  });

  it("changing a service-linked role's policies is no path: IAM refuses it", () => {
    expect(entry('AWSServiceRoleForX')?.tier).toBe('full');
    expect(entry('slr-changer')).toBeUndefined();
  });

  it("a role it creates is not limited by the creator's boundary", () => {
    expect(selfMethods('creator')).toContain('create-role-put-policy');
  });
});

describe('EC2 runs a role only through an instance profile', () => {
  const launch = allow(['iam:PassRole', 'ec2:RunInstances']);
  const ec2 = {
    Policies: [],
    UserDetailList: [
      user('launcher', { inline: { launch: doc(launch) } }),
      user('profile-maker', {
        inline: { launch: doc(launch, allow(['iam:CreateInstanceProfile', 'iam:AddRoleToInstanceProfile'])) },
      }),
    ],
    GroupDetailList: [],
    RoleDetailList: [role('ec2-admin', { inline: { all: doc(allow('*')) } })],
  } as unknown as AuthorizationDetails;
  const analyze = (d: AuthorizationDetails) =>
    analyzeAdmins({ authorizationDetails: d, accountId: ACCOUNT, now: new Date() });
  const methods = (r: ReturnType<typeof analyze>, name: string) =>
    r.admins.find((a) => a.name === name)?.paths.map((p) => [p.method, p.actions.join(' ')]);

  it('passing an admin role that is in no instance profile to EC2 is no path, unless it can make one', () => {
    const r = analyze(ec2);
    expect(methods(r, 'launcher')).toBeUndefined();
    expect(methods(r, 'profile-maker')).toEqual([
      [
        'passrole-ec2',
        'iam:PassRole iam:CreateInstanceProfile iam:AddRoleToInstanceProfile ec2:RunInstances',
      ],
    ]);
  });

  it('with the role in an instance profile, passing it is a path', () => {
    const withProfile = {
      ...ec2,
      RoleDetailList: [role('ec2-admin', { inline: { all: doc(allow('*')) }, profile: true })],
    } as unknown as AuthorizationDetails;
    expect(methods(analyze(withProfile), 'launcher')).toEqual([
      ['passrole-ec2', 'iam:PassRole ec2:RunInstances'],
    ]);
  });
});

describe('the MFA key as AWS sends it', () => {
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent
  // Long-term access keys send no aws:MultiFactorAuthPresent; a session without MFA (console, GetSessionToken,
  // any role session) sends it as false.
  const mfaIs = (op: string, value: string) => ({
    Condition: { [op]: { 'aws:MultiFactorAuthPresent': value } },
  });
  const mfa = {
    Policies: [],
    UserDetailList: [
      user('when-false', { inline: { p: doc(allow('*', '*', mfaIs('Bool', 'false'))) } }),
      user('when-absent', { inline: { p: doc(allow('*', '*', mfaIs('Null', 'true'))) } }),
    ],
    GroupDetailList: [],
    RoleDetailList: [
      // Roles the account assumes: a role only services assume never has MFA (mfa-reach.test.ts).
      role('role-when-absent', {
        inline: { p: doc(allow('*', '*', mfaIs('Null', 'true'))) },
        trustAccount: true,
      }),
      role('role-deny-without', {
        trustAccount: true,
        inline: {
          p: doc(allow('*'), { Effect: 'Deny', Action: '*', Resource: '*', ...mfaIs('Bool', 'false') }),
        },
      }),
    ],
  } as unknown as AuthorizationDetails;
  const report = analyzeAdmins({ authorizationDetails: mfa, accountId: ACCOUNT, now: new Date() });
  const access = (name: string) => {
    const a = report.admins.find((x) => x.name === name);
    return a && `${a.tier} ${a.access}`;
  };

  it('a user reaches an Allow on MFA false without MFA (a console session), and one on a missing key with keys', () => {
    expect(access('when-false')).toBe('full unconditional');
    expect(access('when-absent')).toBe('full unconditional');
  });

  it('a role session always carries the key: no Allow on its absence, and a Deny on false holds without MFA', () => {
    expect(access('role-when-absent')).toBeUndefined();
    expect(access('role-deny-without')).toBe('full mfa-only');
  });
});

describe('a trust policy that names everyone', () => {
  // A same-account principal the trust policy grants needs no identity policy: "Principal": "*" names it too.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
  const star = {
    Policies: [],
    UserDetailList: [user('chosen', {}), user('other', {})],
    GroupDetailList: [],
    RoleDetailList: [
      role('open-admin', {
        inline: { all: doc(allow('*')) },
        trust: {
          Effect: 'Allow',
          Principal: '*',
          Action: 'sts:AssumeRole',
          Condition: { ArnEquals: { 'aws:PrincipalArn': arn('user', 'chosen') } },
        },
      }),
    ],
  } as unknown as AuthorizationDetails;
  const report = analyzeAdmins({ authorizationDetails: star, accountId: ACCOUNT, now: new Date() });

  it('the principal its condition names can assume the admin role without any policy of its own', () => {
    const chosen = report.admins.find((a) => a.name === 'chosen');
    expect(chosen?.tier).toBe('via-role');
    expect(chosen?.paths[0]?.via).toEqual([arn('role', 'open-admin')]);
    expect(report.admins.find((a) => a.name === 'other')).toBeUndefined();
  });
});

describe('PassRole to EC2 through a Spot request', () => {
  // RequestSpotInstances launches an instance with the instance profile its launch specification names, as
  // RunInstances does (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RequestSpotLaunchSpecification.html);
  // iam:PassRole is the check (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html).
  const ec2Trust = { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' };
  const d = {
    Policies: [],
    UserDetailList: [
      user('spot', {
        inline: {
          p: doc(allow('ec2:RequestSpotInstances'), allow('iam:PassRole', arn('role', 'ec2-admin'))),
        },
      }),
    ],
    GroupDetailList: [],
    RoleDetailList: [role('ec2-admin', { inline: { p: doc(allow('*')) }, trust: ec2Trust, profile: true })],
  } as unknown as AuthorizationDetails;

  it('RequestSpotInstances and PassRole on an admin role in an instance profile is a path', () => {
    const r = analyzeAdmins({ authorizationDetails: d, accountId: ACCOUNT, now: new Date() });
    expect(
      r.admins.find((a) => a.name === 'spot')?.paths.map((p) => [p.method, p.actions.join(' ')]),
    ).toEqual([['passrole-ec2-spot', 'iam:PassRole ec2:RequestSpotInstances']]);
  });
});
