import { describe, expect, it } from 'vitest';
import type { AuthorizationDetails } from '../snapshot/aws-shapes.js';
import { analyzeAdmins } from './admins.js';
import { ACCOUNT, allow, arn, doc, role, user } from './testing.js';

// A path through another principal is only as strong as that principal's own admin access.
// - A role session a service (Lambda) makes carries no MFA: aws:MultiFactorAuthPresent is "present ... and set
//   to false" for temporary credentials not validated with MFA, and a Bool "true" condition fails
//   (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent).
// - An access key is a long-term credential: "the key is not present" in its requests, so Bool "true" fails too.
// - A role whose admin grant needs aws:SourceIp gives a conditional path, not an unconditional one.
const needMfa = { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } };
const lambdaTrust = {
  Effect: 'Allow',
  Principal: { Service: 'lambda.amazonaws.com' },
  Action: 'sts:AssumeRole',
};
const accountTrust = {
  Effect: 'Allow',
  Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
  Action: 'sts:AssumeRole',
};

const details = {
  Policies: [],
  UserDetailList: [
    user('mfa-admin', { inline: { p: doc(allow('*', '*', needMfa)) } }),
    user('key-maker', { inline: { p: doc(allow('iam:CreateAccessKey', arn('user', 'mfa-admin'))) } }),
    user('dev-mfa', {
      inline: {
        p: doc(
          allow(['lambda:CreateFunction', 'lambda:InvokeFunction']),
          allow('iam:PassRole', arn('role', 'mixed')),
        ),
      },
    }),
    user('dev-ip', {
      inline: {
        p: doc(
          allow(['lambda:CreateFunction', 'lambda:InvokeFunction']),
          allow('iam:PassRole', arn('role', 'ipbound')),
        ),
      },
    }),
  ],
  GroupDetailList: [],
  RoleDetailList: [
    {
      ...role('mixed', { inline: { p: doc(allow('*', '*', needMfa)) } }),
      AssumeRolePolicyDocument: doc(accountTrust, lambdaTrust),
    },
    role('ipbound', {
      inline: { p: doc(allow('*', '*', { Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } })) },
      trust: lambdaTrust,
    }),
  ],
} as unknown as AuthorizationDetails;

describe("paths through another principal keep that principal's conditions", () => {
  const report = analyzeAdmins({ authorizationDetails: details, accountId: ACCOUNT, now: new Date() });
  const entry = (name: string) => report.admins.find((a) => a.name === name);

  it('passing a role that is admin only with MFA to Lambda is no path (a Lambda session has no MFA)', () => {
    expect(entry('dev-mfa')).toBeUndefined();
  });
  it('passing a role that is admin only from 10.0.0.0/8 is at most conditional', () => {
    expect(entry('dev-ip')?.access).not.toBe('unconditional');
  });
  it('a new access key for a user who is admin only with MFA is no path', () => {
    expect(entry('key-maker')).toBeUndefined();
  });
});

describe('login profiles as the credential report shows them', () => {
  // CreateLoginProfile fails with EntityAlreadyExists for a user that has a password; UpdateLoginProfile fails
  // with NoSuchEntity for one that has none
  // (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateLoginProfile.html, API_UpdateLoginProfile.html).
  const d = {
    Policies: [],
    UserDetailList: [
      user('with-password', { inline: { p: doc(allow('*')) } }),
      user('without-password', { inline: { p: doc(allow('*')) } }),
      user('helpdesk', {
        inline: { p: doc(allow(['iam:CreateLoginProfile', 'iam:UpdateLoginProfile'], arn('user', '*'))) },
      }),
    ],
    GroupDetailList: [],
    RoleDetailList: [],
  } as unknown as AuthorizationDetails;
  const row = (name: string, password: string) =>
    ({ user: name, arn: arn('user', name), password_enabled: password, mfa_active: 'false' }) as never;
  const paths = (rows?: never[]) =>
    analyzeAdmins({ authorizationDetails: d, accountId: ACCOUNT, now: new Date(), credentialReport: rows })
      .admins.find((a) => a.name === 'helpdesk')
      ?.paths.map((p) => [p.method, p.via.map((v) => v.split('/').pop())]);

  it('a new password only for the user without one, a changed one only for the user with one', () => {
    expect(paths([row('with-password', 'true'), row('without-password', 'false')])).toEqual([
      ['create-login-profile', ['without-password']],
      ['update-login-profile', ['with-password']],
    ]);
  });

  it('without a credential report both are possible for both', () => {
    expect(paths()).toEqual([
      ['create-login-profile', ['with-password', 'without-password']],
      ['update-login-profile', ['with-password', 'without-password']],
    ]);
  });
});
