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

describe('CreateAccessKey on a user who already has two access keys', () => {
  // IAM quota "Access keys assigned to an IAM user: 2"
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html); CreateAccessKey beyond it
  // fails with LimitExceeded (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccessKey.html).
  // An inactive key counts too. Without iam:DeleteAccessKey on that user no new key can be made (PMapper
  // requires DeleteAccessKey in this case, see reference §1.3).
  const keys = (k1: 'true' | 'false', k2: 'true' | 'false') => ({
    access_key_1_active: k1,
    access_key_1_last_rotated: '2025-01-01T00:00:00+00:00',
    access_key_2_active: k2,
    access_key_2_last_rotated: '2025-06-01T00:00:00+00:00',
  });
  const users = [
    user('boss', { inline: { admin: doc(allow('*')) } }),
    user('keymaker', { inline: { p: doc(allow('iam:CreateAccessKey', arn('user', 'boss'))) } }),
    user('keymaker-del', {
      inline: { p: doc(allow(['iam:CreateAccessKey', 'iam:DeleteAccessKey'], arn('user', 'boss'))) },
    }),
    // May delete keys, but only another user's.
    user('keymaker-del-other', {
      inline: {
        p: doc(
          allow('iam:CreateAccessKey', arn('user', 'boss')),
          allow('iam:DeleteAccessKey', arn('user', 'other')),
        ),
      },
    }),
  ];
  const credentialReport = [reportRow('boss', keys('true', 'true'))];

  it('CreateAccessKey alone is no path when the target has two keys', () => {
    expect(analyze(users, { credentialReport }).entry('keymaker')).toBeUndefined();
  });

  it('an inactive key counts: two keys, one inactive, is still no path', () => {
    const r = analyze(users, { credentialReport: [reportRow('boss', keys('true', 'false'))] });
    expect(r.entry('keymaker')).toBeUndefined();
  });

  it('DeleteAccessKey on another user does not help', () => {
    expect(analyze(users, { credentialReport }).entry('keymaker-del-other')).toBeUndefined();
  });

  it('with DeleteAccessKey on the target as well it is a path, which lists that action', () => {
    const path = analyze(users, { credentialReport }).path('keymaker-del', 'create-access-key');
    expect(path?.access).toBe('unconditional');
    expect(path?.actions).toEqual(['iam:CreateAccessKey', 'iam:DeleteAccessKey']);
    expect(path?.description).toContain('one is deleted first: boss');
  });

  it('control: with one key, CreateAccessKey alone is a path (and DeleteAccessKey is not listed)', () => {
    const oneKey = [
      reportRow('boss', {
        access_key_1_active: 'true',
        access_key_1_last_rotated: '2025-01-01T00:00:00+00:00',
      }),
    ];
    const r = analyze(users, { credentialReport: oneKey });
    expect(r.methods('keymaker')).toEqual(['create-access-key']);
    expect(r.path('keymaker-del', 'create-access-key')?.actions).toEqual(['iam:CreateAccessKey']);
  });

  it('control: without a credential report the keys are unknown and CreateAccessKey alone is a path', () => {
    expect(analyze(users).methods('keymaker')).toEqual(['create-access-key']);
  });
});
