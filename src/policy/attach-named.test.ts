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
});
