import { describe, expect, it } from 'vitest';
import type { AuthorizationDetails } from '../snapshot/aws-shapes.js';
import { analyzeAdmins } from './admins.js';
import { ACCOUNT, allow, arn, doc, managed, user } from './testing.js';

// CreatePolicyVersion with --set-as-default replaces the policy's document: a Deny in the old default version
// no longer applies ("only the default version is in effect",
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html). PutGroupPolicy
// "adds or updates an inline policy" (https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutGroupPolicy.html):
// the same name overwrites the group's inline policy, Deny and all.
const guard = { Effect: 'Deny', Action: 'organizations:*', Resource: '*' };

const details = {
  Policies: [
    managed('self-managed', doc(allow('iam:CreatePolicyVersion', arn('policy', 'self-managed')), guard)),
  ],
  UserDetailList: [
    {
      ...user('versioner', {}),
      AttachedManagedPolicies: [{ PolicyName: 'self-managed', PolicyArn: arn('policy', 'self-managed') }],
    },
    user('grouped', { groups: ['devs'] }),
  ],
  GroupDetailList: [
    {
      GroupName: 'devs',
      GroupId: 'AGPADEVSXXXXXXXXXXXXX',
      Arn: arn('group', 'devs'),
      Path: '/',
      AttachedManagedPolicies: [],
      GroupPolicyList: [
        { PolicyName: 'devs', PolicyDocument: doc(allow('iam:PutGroupPolicy', arn('group', 'devs')), guard) },
      ],
    },
  ],
  RoleDetailList: [],
} as unknown as AuthorizationDetails;

describe('a Deny in the very policy the principal can rewrite does not hold', () => {
  const report = analyzeAdmins({ authorizationDetails: details, accountId: ACCOUNT, now: new Date() });
  const methods = (name: string) =>
    (report.admins.find((a) => a.name === name)?.paths ?? []).map((p) => p.method);

  it('create-policy-version replaces the Deny of the policy it rewrites', () => {
    expect(methods('versioner')).toContain('create-policy-version');
  });
  it("put-group-policy overwrites its own group's inline policy that holds the Deny: self-escalation", () => {
    const entry = report.admins.find((a) => a.name === 'grouped');
    expect(entry?.tier).toBe('iam-admin');
  });
});
