import { describe, expect, it } from 'vitest';
import type { AuthorizationDetails } from '../snapshot/aws-shapes.js';
import { analyzeAdmins, type AdminAnalysisInput } from './admins.js';
import { ACCOUNT, allow, arn, doc, reportRow, user } from './testing.js';

// Paths through another admin user's credentials (TARGET_METHODS create-access-key / *-login-profile), as
// the credential report shows that user: MFA device, access keys.

function analyze(users: unknown[], extra: Partial<AdminAnalysisInput> = {}) {
  const authorizationDetails = {
    Policies: [],
    UserDetailList: users,
    GroupDetailList: [],
    RoleDetailList: [],
  } as unknown as AuthorizationDetails;
  const report = analyzeAdmins({
    authorizationDetails,
    accountId: ACCOUNT,
    now: new Date('2026-01-01T00:00:00Z'),
    ...extra,
  });
  const entry = (name: string) => report.admins.find((e) => e.name === name);
  const path = (name: string, method: string) => entry(name)?.paths.find((p) => p.method === method);
  const methods = (name: string) => entry(name)?.paths.map((p) => p.method) ?? [];
  return { report, entry, path, methods };
}

describe('a new console password is no way in for an admin user with an MFA device', () => {
  // "When enabled, the MFA device is required for every subsequent login by the IAM user associated with the
  // device." (https://docs.aws.amazon.com/IAM/latest/APIReference/API_EnableMFADevice.html). Whoever sets a new
  // password (UpdateLoginProfile) or a first one (CreateLoginProfile) for such a user still cannot sign in
  // without that user's device. The credential report says which users have one (mfa_active).
  const users = [
    user('boss', { inline: { admin: doc(allow('*')) } }),
    user('boss-nopw', { inline: { admin: doc(allow('*')) } }),
    user('helpdesk', {
      inline: {
        p: doc(
          allow(['iam:UpdateLoginProfile', 'iam:CreateLoginProfile'], [
            arn('user', 'boss'),
            arn('user', 'boss-nopw'),
          ] as never),
        ),
      },
    }),
  ];
  const credentialReport = [
    reportRow('boss', { password_enabled: 'true', mfa_active: 'true' }),
    reportRow('boss-nopw', { password_enabled: 'false', mfa_active: 'true' }),
  ];

  it('helpdesk, which can only set passwords of users that have MFA devices, is not an admin path', () => {
    expect(analyze(users, { credentialReport }).entry('helpdesk')).toBeUndefined();
  });

  it('control: the same users without MFA devices are its way in', () => {
    const { methods } = analyze(users, {
      credentialReport: [
        reportRow('boss', { password_enabled: 'true' }),
        reportRow('boss-nopw', { password_enabled: 'false' }),
      ],
    });
    expect(methods('helpdesk')).toEqual(['create-login-profile', 'update-login-profile']);
  });

  it('control: without a credential report both stay possible', () => {
    expect(analyze(users).methods('helpdesk')).toEqual(['create-login-profile', 'update-login-profile']);
  });

  it('an access key still is a way in (a key needs no MFA where the admin policy asks none)', () => {
    const keyUsers = [
      users[0],
      user('keymaker', { inline: { p: doc(allow('iam:CreateAccessKey', arn('user', 'boss'))) } }),
    ];
    expect(analyze(keyUsers, { credentialReport }).methods('keymaker')).toEqual(['create-access-key']);
  });
});
