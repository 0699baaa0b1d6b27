import { describe, expect, it } from 'vitest';
import type { AuthorizationDetails } from '../snapshot/aws-shapes.js';
import { analyzeAdmins } from './admins.js';
import { ACCOUNT, allow, arn, doc, role, user } from './testing.js';

// Session tags (ABAC): a caller passes tags when it assumes a role, if the role's trust policy and the
// caller's identity policies allow sts:TagSession. They become the session's aws:PrincipalTag/* and
// override the role's own tags with the same key.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html#id_session-tags_permissions-required
// aws:RequestTag/<key> and aws:TagKeys in the trust limit which tags may be passed:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html#id_session-tags_permissions-required_trust-policy

const adminWhenTagged = doc(
  allow('*', '*', { Condition: { StringEquals: { 'aws:PrincipalTag/access': 'admin' } } }),
);
const trust = (actions: string[], extra: object = {}) => ({
  Effect: 'Allow',
  Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
  Action: actions,
  ...extra,
});
const both = ['sts:AssumeRole', 'sts:TagSession'];

function analyze(opts: {
  trust: object;
  alice?: string[];
  roleTags?: { Key: string; Value: string }[];
  policy?: unknown;
  hop?: boolean;
}) {
  const details = {
    Policies: [],
    UserDetailList: [
      user('alice', { inline: opts.alice?.length === 0 ? {} : { p: doc(allow(opts.alice ?? both, '*')) } }),
    ],
    GroupDetailList: [],
    RoleDetailList: [
      {
        ...role('abac', { inline: { p: opts.policy ?? adminWhenTagged }, trust: opts.trust }),
        ...(opts.roleTags ? { Tags: opts.roleTags } : {}),
      },
      // A role between: alice assumes it, it assumes abac with session tags.
      ...(opts.hop
        ? [
            role('hop', {
              inline: { p: doc(allow(both, arn('role', 'abac'))) },
              trust: { Effect: 'Allow', Principal: { AWS: arn('user', 'alice') }, Action: 'sts:AssumeRole' },
            }),
          ]
        : []),
    ],
  } as unknown as AuthorizationDetails;
  const run = (shareAnswers: boolean) =>
    analyzeAdmins({ authorizationDetails: details, accountId: ACCOUNT, now: new Date(0), shareAnswers });
  const report = run(true);
  expect(run(false).admins).toEqual(report.admins);
  const entry = (name: string) => report.admins.find((a) => a.name === name);
  return { alice: entry('alice'), abac: entry('abac'), hop: entry('hop') };
}

describe('session tags reach a role whose admin rights need a principal tag', () => {
  it('trust and identity allow sts:TagSession: via-role, the path says it sets session tags', () => {
    const { alice } = analyze({ trust: trust(both) });
    expect(alice).toMatchObject({ tier: 'via-role', access: 'unconditional' });
    const path = alice?.paths.find((p) => p.tier === 'via-role');
    expect(path?.via).toEqual([arn('role', 'abac')]);
    expect(path?.description).toMatch(/session tag/);
    expect(path?.description).toContain('access=admin');
    expect(path?.actions).toEqual(['sts:AssumeRole', 'sts:TagSession']);
  });

  it('the trust does not allow sts:TagSession: not admin', () => {
    expect(analyze({ trust: trust(['sts:AssumeRole']) }).alice).toBeUndefined();
  });

  it("the caller's identity policies do not allow sts:TagSession: not admin", () => {
    expect(analyze({ trust: trust(both), alice: ['sts:AssumeRole'] }).alice).toBeUndefined();
  });

  it("the role's own tag is already access=admin: via-role as before, no session tags needed", () => {
    const { alice, abac } = analyze({
      trust: trust(['sts:AssumeRole']),
      roleTags: [{ Key: 'access', Value: 'admin' }],
      alice: ['sts:AssumeRole'],
    });
    expect(abac?.tier).toBe('full');
    expect(alice).toMatchObject({ tier: 'via-role', access: 'unconditional' });
    expect(alice?.paths[0]?.description).not.toMatch(/session tag/);
  });

  it('a session tag overrides the role tag with the same key', () => {
    const { alice, abac } = analyze({ trust: trust(both), roleTags: [{ Key: 'access', Value: 'dev' }] });
    expect(abac).toBeUndefined();
    expect(alice).toMatchObject({ tier: 'via-role', access: 'unconditional' });
  });

  it('the trust lets aws:RequestTag/access be only dev: no path', () => {
    const limited = trust(both, { Condition: { StringEquals: { 'aws:RequestTag/access': 'dev' } } });
    expect(analyze({ trust: limited }).alice).toBeUndefined();
  });

  it('the trust lets only other tag keys be passed (aws:TagKeys): no path', () => {
    const limited = trust(both, { Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } } });
    expect(analyze({ trust: limited }).alice).toBeUndefined();
  });

  it('the trust requires aws:RequestTag/access admin: the path is unconditional', () => {
    const limited = trust(both, { Condition: { StringEquals: { 'aws:RequestTag/access': 'admin' } } });
    expect(analyze({ trust: limited }).alice).toMatchObject({ tier: 'via-role', access: 'unconditional' });
  });

  it('a trust that names the caller needs no identity Allow for either action', () => {
    const named = { ...trust(both), Principal: { AWS: arn('user', 'alice') } };
    expect(analyze({ trust: named, alice: [] }).alice).toMatchObject({
      tier: 'via-role',
      access: 'unconditional',
    });
  });

  it('through a chain: the role that passes the tags is admin via-role, and so is who assumes it', () => {
    const { alice, hop } = analyze({ trust: trust(both), alice: ['sts:AssumeRole'], hop: true });
    expect(hop?.paths[0]?.description).toMatch(/session tags access=admin/);
    expect(alice).toMatchObject({ tier: 'via-role', access: 'unconditional' });
    expect(alice?.paths[0]?.via).toEqual([arn('role', 'hop'), arn('role', 'abac')]);
  });

  it('a tag condition that cannot be decided: conditional, naming the keys', () => {
    const policy = doc(
      allow('*', '*', { Condition: { NumericGreaterThan: { 'aws:PrincipalTag/level': '5' } } }),
    );
    const limited = trust(both, { Condition: { NumericLessThan: { 'aws:RequestTag/level': '9' } } });
    const { alice } = analyze({ trust: limited, policy });
    expect(alice).toMatchObject({ tier: 'via-role', access: 'conditional' });
    expect(alice?.conditions).toEqual(expect.arrayContaining(['aws:PrincipalTag/level']));
  });
});
