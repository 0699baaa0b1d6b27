import { describe, expect, it } from 'vitest';
import type { AuthorizationDetails } from '../snapshot/aws-shapes.js';
import { analyzeAdmins } from './admins.js';
import { ACCOUNT, allow, arn, doc, id, user } from './testing.js';

// AWS's self-service credentials example lets each user manage its own access keys and password on
// arn:aws:iam::*:user/${aws:username}
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_my-sec-creds-self-manage.html).
// "${aws:username}" is replaced by the name of the user making the request
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html). A group is asked as
// "any member", the member's name unknown: a grant that holds only when the member is the target user is the
// member acting on itself, which is no escalation through another principal.

const group = (name: string, inline: Record<string, unknown>) => ({
  GroupName: name,
  GroupId: `AGPA${id(name)}`,
  Arn: arn('group', name),
  Path: '/',
  GroupPolicyList: Object.entries(inline).map(([PolicyName, PolicyDocument]) => ({
    PolicyName,
    PolicyDocument,
  })),
  AttachedManagedPolicies: [],
});
const self = `arn:aws:iam::*:user/\${aws:username}`;
const credentials = ['iam:CreateAccessKey', 'iam:UpdateLoginProfile', 'iam:CreateLoginProfile'];
const admin = { admin: doc(allow('*')) };

/** alice (admin) and bob in one group with this policy; carol (admin) in no group. */
function analyze(statement: object, members: string[] = ['alice', 'bob']) {
  const details = {
    Policies: [],
    UserDetailList: [
      user('alice', { inline: admin, groups: members.includes('alice') ? ['g'] : [] }),
      user('bob', { groups: members.includes('bob') ? ['g'] : [] }),
      user('carol', { inline: admin }),
    ],
    GroupDetailList: [group('g', { p: doc(statement) })],
    RoleDetailList: [],
  } as unknown as AuthorizationDetails;
  const report = analyzeAdmins({
    authorizationDetails: details,
    accountId: ACCOUNT,
    now: new Date('2026-01-01'),
  });
  const entry = (name: string) => report.admins.find((e) => e.name === name);
  const path = (name: string, method: string) => entry(name)?.paths.find((p) => p.method === method);
  return { entry, path };
}

describe('a self-service credentials group that holds an admin', () => {
  const { entry } = analyze(allow(credentials, self));

  it('control: bob (a member) has no path to alice', () => {
    expect(entry('bob')).toBeUndefined();
  });

  it('the group is no escalation path to alice: the one member who reaches her is alice', () => {
    expect(entry('g')).toBeUndefined();
  });
});

describe('a group that lets members act on other users is still a path', () => {
  it('no variable (user/*): to alice and carol, unconditional', () => {
    const p = analyze(allow(credentials, arn('user', '*'))).path('g', 'create-access-key');
    expect(p?.access).toBe('unconditional');
    expect(p?.via).toEqual([arn('user', 'alice'), arn('user', 'carol')]);
  });

  it('a condition on another key: conditional on it', () => {
    const cond = { Condition: { StringEquals: { 'aws:PrincipalTag/team': 'ops' } } };
    const p = analyze(allow(credentials, arn('user', '*'), cond)).path('g', 'create-access-key');
    expect(p?.conditions).toEqual(['aws:PrincipalTag/team']);
  });

  it('a member named in a condition (bob) may act on alice: kept, conditional on who asks', () => {
    const cond = { Condition: { StringEquals: { 'aws:username': 'bob' } } };
    const p = analyze(allow(credentials, arn('user', 'alice'), cond)).path('g', 'create-access-key');
    expect(p?.via).toEqual([arn('user', 'alice')]);
    expect(p?.access).toBe('conditional');
  });

  it('every member but alice (StringNotEquals), even with alice the only member: a member added later', () => {
    const cond = { Condition: { StringNotEquals: { 'aws:username': 'alice' } } };
    const p = analyze(allow(credentials, arn('user', 'alice'), cond), ['alice']).path(
      'g',
      'create-access-key',
    );
    expect(p?.via).toEqual([arn('user', 'alice')]);
  });

  it('carol, an admin in no group, is reached by no member: no path', () => {
    expect(
      analyze(allow(credentials, self), ['alice', 'bob']).path('g', 'create-access-key'),
    ).toBeUndefined();
  });

  it('only alice may act (aws:username alice) on any user: none for alice herself, carol still', () => {
    const cond = { Condition: { StringEquals: { 'aws:username': 'alice' } } };
    const p = analyze(allow(credentials, arn('user', '*'), cond)).path('g', 'create-access-key');
    expect(p?.via).toEqual([arn('user', 'carol')]);
  });
});

describe('PutUserPolicy on user/${aws:username} in a group', () => {
  const { entry, path } = analyze(allow('iam:PutUserPolicy', self), ['bob']);

  it('guard: each member may put a policy on itself: iam-admin', () => {
    expect(entry('bob')?.tier).toBe('iam-admin');
    expect(path('bob', 'put-user-policy')?.via).toEqual([]);
  });

  it('the group says so: iam-admin, each member on its own user', () => {
    expect(entry('g')?.tier).toBe('iam-admin');
    expect(path('g', 'put-user-policy')?.description).toBe(
      `Can put an inline policy on itself, each member on its own user (${arn('group', 'g')}).`,
    );
  });

  it('the group does not claim it can give any user admin rights', () => {
    expect(entry('g')?.paths.filter((p) => p.description.includes('any user')) ?? []).toEqual([]);
  });

  it('control: PutUserPolicy on user/* is each member on itself too: iam-admin', () => {
    const p = analyze(allow('iam:PutUserPolicy', arn('user', '*')), ['bob']).path('g', 'put-user-policy');
    expect(p?.tier).toBe('iam-admin');
  });

  it('control: PutUserPolicy on other users (user/team-*) gives some users admin rights', () => {
    const { entry } = analyze(allow('iam:PutUserPolicy', arn('user', 'team-*')), ['bob']);
    expect(entry('g')?.tier).toBe('potential');
    expect(entry('g')?.paths[0]?.description).toContain('Can give some users');
  });

  it("control: PutUserPolicy for one named member only (aws:username bob) is bob's path, not the group's", () => {
    const cond = { Condition: { StringEquals: { 'aws:username': 'bob' } } };
    const { entry } = analyze(allow('iam:PutUserPolicy', arn('user', '*'), cond), ['bob']);
    expect(entry('bob')?.tier).toBe('iam-admin');
    expect(entry('g')?.paths.filter((p) => p.tier === 'iam-admin') ?? []).toEqual([]);
  });
});
