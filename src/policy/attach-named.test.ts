import { describe, expect, it } from 'vitest';
import type { AuthorizationDetails } from '../snapshot/aws-shapes.js';
import { analyzeAdmins } from './admins.js';
import { ACCOUNT, allow, arn, doc, managed, role, user } from './testing.js';

// Attaching only listed policies (a Condition on iam:PolicyARN,
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PolicyARN)
// is a path when one of the listed policies is admin, whatever its name; not when none is.

const onlyPolicies = (...names: string[]) => ({
  Condition: { ArnEquals: { 'iam:PolicyARN': names.map((n) => arn('policy', n)) } },
});

const details = {
  Policies: [
    managed('team-admin', doc(allow('*'))),
    managed('team-read', doc(allow(['s3:Get*', 'ec2:Describe*']))),
  ],
  UserDetailList: [
    user('attach-listed-admin', {
      inline: {
        p: doc(
          allow(
            'iam:AttachUserPolicy',
            arn('user', 'attach-listed-admin'),
            onlyPolicies('team-read', 'team-admin'),
          ),
        ),
      },
    }),
    user('attach-listed-read', {
      inline: {
        p: doc(allow('iam:AttachUserPolicy', arn('user', 'attach-listed-read'), onlyPolicies('team-read'))),
      },
    }),
    user('attach-to-assumable', {
      inline: {
        p: doc(
          allow('iam:AttachRolePolicy', arn('role', 'worker'), {
            Condition: { ArnLike: { 'iam:PolicyARN': arn('policy', 'team-*') } },
          }),
          allow('sts:AssumeRole', arn('role', 'worker')),
        ),
      },
    }),
  ],
  GroupDetailList: [],
  RoleDetailList: [role('worker', { trustAccount: true })],
} as unknown as AuthorizationDetails;

describe('attaching a listed policy that is admin', () => {
  const report = analyzeAdmins({ authorizationDetails: details, accountId: ACCOUNT, now: new Date() });
  const methods = (name: string) =>
    (report.admins.find((a) => a.name === name)?.paths ?? []).map((p) => p.method);

  it('to itself, when the list holds an admin policy', () => {
    expect(methods('attach-listed-admin')).toContain('attach-user-policy');
    expect(report.admins.find((a) => a.name === 'attach-listed-admin')?.tier).toBe('iam-admin');
  });

  it('no path when the list holds none', () => {
    expect(methods('attach-listed-read')).toEqual([]);
  });

  it('to a role it can assume, by an ARN pattern', () => {
    expect(methods('attach-to-assumable')).toContain('attach-role-policy');
  });

  it('to a role it can assume: the path names the policy it attaches, not AdministratorAccess', () => {
    const path = report.admins
      .find((a) => a.name === 'attach-to-assumable')
      ?.paths.find((p) => p.method === 'attach-role-policy');
    expect(path?.description).toBe(
      'Can attach team-admin to a role it is or can assume: worker, then assume it.',
    );
  });
});

// Attaching any policy but some: the negated ARN operators match every other ARN ("ArnNotEquals, ArnNotLike:
// Negated matching for ARN",
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN),
// and a Deny naming AdministratorAccess denies only that ARN: another admin policy of the account can still be
// attached ("iam:PolicyARN: Filters access by the ARN of an AWS managed or customer managed policy",
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PolicyARN).
describe('attaching an admin policy other than the one excluded', () => {
  const adminAccess = 'arn:aws:iam::aws:policy/AdministratorAccess';
  const holder = {
    ...user('holder', {}),
    AttachedManagedPolicies: [{ PolicyName: 'team-admin', PolicyArn: arn('policy', 'team-admin') }],
  };
  const attachSelf = (name: string, extra: object = {}) =>
    allow('iam:AttachUserPolicy', arn('user', name), extra);
  const details = {
    Policies: [managed('team-admin', doc(allow('*')))],
    UserDetailList: [
      holder,
      user('all-but-admin-access', {
        inline: {
          p: doc(
            attachSelf('all-but-admin-access', {
              Condition: { ArnNotEquals: { 'iam:PolicyARN': adminAccess } },
            }),
          ),
        },
      }),
      user('deny-admin-access', {
        inline: {
          p: doc(attachSelf('deny-admin-access'), {
            Effect: 'Deny',
            Action: 'iam:AttachUserPolicy',
            Resource: '*',
            Condition: { ArnEquals: { 'iam:PolicyARN': adminAccess } },
          }),
        },
      }),
      user('all-but-admins', {
        inline: {
          p: doc(
            attachSelf('all-but-admins', {
              Condition: { ArnNotLike: { 'iam:PolicyARN': [adminAccess, arn('policy', 'team-*')] } },
            }),
          ),
        },
      }),
    ],
    GroupDetailList: [],
    RoleDetailList: [],
  } as unknown as AuthorizationDetails;
  const report = analyzeAdmins({ authorizationDetails: details, accountId: ACCOUNT, now: new Date() });
  const entry = (name: string) => report.admins.find((a) => a.name === name);

  it('ArnNotEquals AdministratorAccess: the account holds another admin policy to attach', () => {
    expect(entry('all-but-admin-access')).toMatchObject({ tier: 'iam-admin', access: 'unconditional' });
    expect(entry('all-but-admin-access')?.paths.map((p) => p.method)).toContain('attach-user-policy');
  });

  it('the path names the policy it attaches, not AdministratorAccess', () => {
    const path = entry('all-but-admin-access')?.paths.find((p) => p.method === 'attach-user-policy');
    expect(path?.description).toBe(
      `Can attach team-admin to itself (${arn('user', 'all-but-admin-access')}).`,
    );
  });

  it('a Deny of AdministratorAccess alone: the other admin policy is not denied', () => {
    expect(entry('deny-admin-access')).toMatchObject({ tier: 'iam-admin', access: 'unconditional' });
  });

  it('no path when every admin policy of the account is excluded', () => {
    expect(entry('all-but-admins')).toBeUndefined();
  });
});
