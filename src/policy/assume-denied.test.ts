import { describe, expect, it } from 'vitest';
import type { AuthorizationDetails } from '../snapshot/aws-shapes.js';
import { analyzeAdmins } from './admins.js';
import { ACCOUNT, allow, doc, role, user } from './testing.js';

// A role p creates, or an admin role whose trust p rewrites, is reached only by calling sts:AssumeRole.
// A trust policy naming p is enough without an identity Allow, but "an explicit deny in any policy overrides
// any allows" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html),
// so an identity-policy Deny on sts:AssumeRole leaves p no way to use the role (no iam:PassRole either).
// Rhino method 14 lists both iam:UpdateAssumeRolePolicy and sts:AssumeRole (iam-evaluation.md section 2.1).
const noAssume = { Effect: 'Deny', Action: 'sts:AssumeRole', Resource: '*' };
const details = {
  Policies: [],
  UserDetailList: [
    user('creator', {
      inline: { p: doc(allow(['iam:CreateRole', 'iam:AttachRolePolicy', 'iam:PutRolePolicy']), noAssume) },
    }),
    user('trust-rewriter', { inline: { p: doc(allow('iam:UpdateAssumeRolePolicy'), noAssume) } }),
  ],
  GroupDetailList: [],
  RoleDetailList: [role('admin', { inline: { p: doc(allow('*')) }, trustAccount: true })],
} as unknown as AuthorizationDetails;

describe('paths that end in sts:AssumeRole need it not denied', () => {
  const report = analyzeAdmins({ authorizationDetails: details, accountId: ACCOUNT, now: new Date() });
  const entry = (name: string) => report.admins.find((a) => a.name === name);
  it('create a role and give it admin, but never assume it: not self-escalation', () => {
    expect(entry('creator')?.tier).not.toBe('iam-admin');
  });
  it("rewrite an admin role's trust, but never assume it: no path", () => {
    expect(entry('trust-rewriter')?.paths.map((p) => p.method) ?? []).not.toContain(
      'update-assume-role-policy',
    );
  });
});
