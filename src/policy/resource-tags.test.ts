import { describe, expect, it } from 'vitest';
import type { AuthorizationDetails } from '../snapshot/aws-shapes.js';
import { analyzeAdmins } from './admins.js';
import { ACCOUNT, allow, arn, doc, managed, role, user } from './testing.js';

// The tags of an IAM user or role are known from the export, and a request on that user or role carries them:
// "Resource – Control access to user or role resources based on their tags. To do this, use the
// aws:ResourceTag/key-name condition key to specify which tag key-value pair must be attached to the resource."
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_iam-tags.html). A guardrail that denies changing
// protected admins decides the request; it is no condition left open, unless the caller may untag the target
// first (iam:UntagRole, iam:UntagUser).

const protectedTag = [{ Key: 'protected', Value: 'true' }];
const denyProtected = (actions: string | string[] = 'iam:*') => ({
  Effect: 'Deny',
  Action: actions,
  Resource: '*',
  Condition: { StringEquals: { 'aws:ResourceTag/protected': 'true' } },
});
const lambdaTrust = {
  Effect: 'Allow',
  Principal: { Service: 'lambda.amazonaws.com' },
  Action: 'sts:AssumeRole',
};
const takeOver = ['iam:UpdateAssumeRolePolicy', 'iam:CreateAccessKey', 'iam:CreateLoginProfile'];

const details = {
  Policies: [],
  GroupDetailList: [],
  RoleDetailList: [
    { ...role('admin-role', { inline: { p: doc(allow('*')) }, trust: lambdaTrust }), Tags: protectedTag },
  ],
  UserDetailList: [
    { ...user('admin-user', { inline: { p: doc(allow('*')) } }), Tags: protectedTag },
    user('operator', { inline: { p: doc(allow(takeOver), denyProtected()) } }),
    user('may-untag', {
      inline: { p: doc(allow([...takeOver, 'iam:UntagRole']), denyProtected(takeOver)) },
    }),
  ],
} as unknown as AuthorizationDetails;

describe('resource tags of the account users and roles', () => {
  const report = analyzeAdmins({ authorizationDetails: details, accountId: ACCOUNT, now: new Date() });
  const entry = (name: string) => report.admins.find((a) => a.name === name);

  it('a Deny on protected resources stops every path to the protected admins', () => {
    expect(entry('operator')).toBeUndefined();
  });

  it('a caller that may untag the role first still rewrites its trust policy', () => {
    const paths = entry('may-untag')?.paths ?? [];
    const rewrite = paths.find((p) => p.method === 'update-assume-role-policy');
    expect(rewrite?.via).toEqual([arn('role', 'admin-role')]);
    expect(rewrite?.access).toBe('unconditional');
    // Untagging a user is not allowed: no path through the protected user.
    expect(paths.some((p) => p.via.includes(arn('user', 'admin-user')))).toBe(false);
  });
});

describe('an Allow on the roles of one team, shared by two users', () => {
  const teamRole = (name: string, team: string) => ({
    ...role(name, { inline: { p: doc(allow('*')) }, trust: lambdaTrust }),
    Tags: [{ Key: 'team', Value: team }],
  });
  const attached = [{ PolicyName: 'team-a-ops', PolicyArn: arn('policy', 'team-a-ops') }];
  const details = {
    Policies: [
      managed(
        'team-a-ops',
        doc(
          allow('iam:UpdateAssumeRolePolicy', '*', {
            Condition: { StringEquals: { 'aws:ResourceTag/team': 'a' } },
          }),
        ),
      ),
    ],
    GroupDetailList: [],
    RoleDetailList: [teamRole('team-a-admin', 'a'), teamRole('team-b-admin', 'b')],
    UserDetailList: [
      { ...user('ops-1', {}), AttachedManagedPolicies: attached },
      { ...user('ops-2', {}), AttachedManagedPolicies: attached },
    ],
  } as unknown as AuthorizationDetails;
  const input = { authorizationDetails: details, accountId: ACCOUNT, now: new Date('2026-11-23T12:00:00Z') };
  const report = analyzeAdmins(input);

  it("rewrites the trust of its team's admin role only, without conditions", () => {
    for (const name of ['ops-1', 'ops-2']) {
      const paths = report.admins.find((a) => a.name === name)?.paths ?? [];
      expect(paths.map((p) => [p.method, p.access, p.via])).toEqual([
        ['update-assume-role-policy', 'unconditional', [arn('role', 'team-a-admin')]],
      ]);
    }
  });

  it('the same answers with nothing shared between principals or targets', () => {
    expect(analyzeAdmins({ ...input, shareAnswers: false }).admins).toEqual(report.admins);
  });
});

// The same ABAC pattern for sts:AssumeRole, which also carries the role's tags ("aws:ResourceTag/key-name ...
// must be attached to the resource", access_iam-tags.html above): a user may assume the admin roles of its own
// team, not the others'.
describe('assuming the roles tagged with the caller team (ABAC)', () => {
  const accountTrust = {
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
    Action: 'sts:AssumeRole',
  };
  const teamRole = (name: string, team: string) => ({
    ...role(name, { inline: { p: doc(allow('*')) }, trust: accountTrust }),
    Tags: [{ Key: 'team', Value: team }],
  });
  const sameTeam = doc(
    allow('sts:AssumeRole', '*', {
      Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } },
    }),
  );
  const details = {
    Policies: [managed('same-team', sameTeam)],
    GroupDetailList: [],
    RoleDetailList: [teamRole('red-admin', 'red')],
    UserDetailList: [
      { ...user('red-dev', {}), Tags: [{ Key: 'team', Value: 'red' }] },
      { ...user('blue-dev', {}), Tags: [{ Key: 'team', Value: 'blue' }] },
    ].map((u) => ({
      ...u,
      AttachedManagedPolicies: [{ PolicyName: 'same-team', PolicyArn: arn('policy', 'same-team') }],
    })),
  } as unknown as AuthorizationDetails;
  const input = { authorizationDetails: details, accountId: ACCOUNT, now: new Date('2026-11-23T12:00:00Z') };
  const report = analyzeAdmins(input);
  const entry = (name: string) => report.admins.find((a) => a.name === name);

  it("a member of the role's team assumes it without conditions", () => {
    expect(entry('red-dev')).toMatchObject({ tier: 'via-role', access: 'unconditional' });
  });

  it('a member of another team cannot', () => {
    expect(entry('blue-dev')).toBeUndefined();
  });

  it('the same answers with nothing shared', () => {
    expect(analyzeAdmins({ ...input, shareAnswers: false }).admins).toEqual(report.admins);
  });
});
