import { describe, expect, it } from 'vitest';
import type { AuthorizationDetails } from '../snapshot/aws-shapes.js';
import { analyzeAdmins } from './admins.js';
import { ACCOUNT, allow, arn, doc, managed, role, user } from './testing.js';

// A policy scoped to some names or one region still allows the request on resources of those names: the
// resource element is matched against the request's resource ARN
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html), so a path
// must not hang on the analysis' own probe name (`rampart-probe`, us-east-1).

const fn = (region: string, name: string) => `arn:aws:lambda:${region}:${ACCOUNT}:function:${name}`;
const lambdaTrust = {
  Effect: 'Allow',
  Principal: { Service: 'lambda.amazonaws.com' },
  Action: 'sts:AssumeRole',
};
const passAdmin = allow('iam:PassRole', arn('role', 'lambda-admin'));

const details = {
  Policies: [
    managed('AdministratorAccess', doc(allow('*'))),
    // Lambda only on app-* functions in eu-west-1, with PassRole: the boundary, not the identity policy, scopes it.
    managed('app-lambda', doc(allow(['lambda:*', 'iam:PassRole'], fn('eu-west-1', 'app-*')), passAdmin)),
  ],
  UserDetailList: [
    user('regional', {
      inline: {
        p: doc(allow(['lambda:CreateFunction', 'lambda:InvokeFunction'], fn('eu-west-1', '*')), passAdmin),
      },
    }),
    user('named', {
      inline: {
        p: doc(
          allow(['lambda:CreateFunction', 'lambda:InvokeFunction'], fn('us-east-1', 'app-*')),
          passAdmin,
        ),
      },
    }),
    // The scoped names are denied: no name is left.
    user('denied', {
      inline: {
        p: doc(allow(['lambda:CreateFunction', 'lambda:InvokeFunction'], fn('*', 'app-*')), passAdmin),
        d: doc({ Effect: 'Deny', Action: 'lambda:*', Resource: fn('*', 'app-*') }),
      },
    }),
    user('bounded', { inline: { p: doc(allow('*')) }, boundary: 'app-lambda' }),
    user('role-maker', {
      inline: { p: doc(allow(['iam:CreateRole', 'iam:AttachRolePolicy'], arn('role', 'app/*'))) },
    }),
    user('role-changer', { inline: { p: doc(allow('iam:PutRolePolicy', arn('role', 'app-*'))) } }),
    // Only service-linked roles: IAM refuses to create or change them.
    user('slr-maker', {
      inline: { p: doc(allow(['iam:CreateRole', 'iam:PutRolePolicy'], arn('role', 'aws-service-role/*'))) },
    }),
  ],
  GroupDetailList: [],
  RoleDetailList: [role('lambda-admin', { inline: { all: doc(allow('*')) }, trust: lambdaTrust })],
} as unknown as AuthorizationDetails;

describe('paths on the names and regions a scoped policy allows', () => {
  const report = analyzeAdmins({ authorizationDetails: details, accountId: ACCOUNT, now: new Date() });
  const paths = (name: string) => report.admins.find((a) => a.name === name)?.paths ?? [];
  const methods = (name: string) => paths(name).map((p) => p.method);

  it('another region: passing the admin role to a new function there', () => {
    const path = paths('regional').find((p) => p.method === 'passrole-lambda-invoke');
    expect(path?.via).toEqual([arn('role', 'lambda-admin')]);
    expect(path?.description).toContain(`such as ${fn('eu-west-1', 'rampart-probe')}`);
  });

  it('other names: a function named as the policy allows', () => {
    expect(paths('named').find((p) => p.method === 'passrole-lambda-invoke')?.description).toContain(
      fn('us-east-1', 'app-rampart-probe'),
    );
  });

  it('a Deny on those names leaves no path', () => {
    expect(methods('denied')).not.toContain('passrole-lambda-invoke');
  });

  it("the boundary's names count as the identity policy's do", () => {
    expect(methods('bounded')).toContain('passrole-lambda-invoke');
  });

  it('a role created under the allowed path, with an admin policy attached', () => {
    const path = paths('role-maker').find((p) => p.method === 'create-role-attach-policy');
    expect(path?.tier).toBe('iam-admin');
    expect(path?.description).toContain(arn('role', 'app/rampart-probe'));
  });

  it('changing the roles of some names', () => {
    const path = paths('role-changer').find((p) => p.method === 'put-role-policy');
    expect(path?.description).toContain(`some roles (such as ${arn('role', 'app-rampart-probe')})`);
  });

  it('service-linked role names are no path', () => {
    expect(paths('slr-maker')).toEqual([]);
  });
});

// A request allowed on the probe only under a condition (or MFA) may be allowed outright on the names another
// statement scopes: the path takes the name where it is easiest, as AWS would allow it there.
describe('a conditional allow on the probe, an unconditional one on some names', () => {
  const tagged = { Condition: { StringEquals: { 'aws:RequestTag/team': 'blue' } } };
  const mfa = { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } };
  const invoke = ['lambda:CreateFunction', 'lambda:InvokeFunction'];
  const details = {
    Policies: [managed('AdministratorAccess', doc(allow('*')))],
    UserDetailList: [
      user('tag-or-name', {
        inline: { p: doc(allow(invoke, '*', tagged), allow(invoke, fn('us-east-1', 'app-*')), passAdmin) },
      }),
      user('mfa-or-name', {
        inline: { p: doc(allow(invoke, '*', mfa), allow(invoke, fn('us-east-1', 'app-*')), passAdmin) },
      }),
      // Only conditional everywhere: stays conditional, named after the probe.
      user('tag-only', { inline: { p: doc(allow(invoke, '*', tagged), passAdmin) } }),
    ],
    GroupDetailList: [],
    RoleDetailList: [role('lambda-admin', { inline: { all: doc(allow('*')) }, trust: lambdaTrust })],
  } as unknown as AuthorizationDetails;
  const report = analyzeAdmins({ authorizationDetails: details, accountId: ACCOUNT, now: new Date() });
  const path = (name: string) =>
    report.admins.find((a) => a.name === name)?.paths.find((p) => p.method === 'passrole-lambda-invoke');

  it('a tag condition on *, none on app-*: unconditional on an app-* function', () => {
    expect(path('tag-or-name')?.access).toBe('unconditional');
    expect(path('tag-or-name')?.description).toContain(fn('us-east-1', 'app-rampart-probe'));
  });

  it('MFA on *, none on app-*: unconditional on an app-* function', () => {
    expect(path('mfa-or-name')?.access).toBe('unconditional');
  });

  it('conditional everywhere: conditional, on the probe', () => {
    expect(path('tag-only')?.access).toBe('conditional');
    expect(path('tag-only')?.description).not.toContain('such as');
  });
});
