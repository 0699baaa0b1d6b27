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

describe("an admin whose MFA requirement is AWS's self-manage-MFA example policy", () => {
  // AWS example "IAM: Allows IAM users to self-manage an MFA device"
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_iam_mfa-selfmanage.html):
  // without MFA the user may still iam:CreateVirtualMFADevice and iam:EnableMFADevice on its own user (they are
  // in the Deny's NotAction and allowed on user/${aws:username}). GetSessionToken needs no permission and
  // "You cannot use policies to control authentication operations"
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_getsessiontoken.html).
  // So whoever creates an access key for this user enrolls its own virtual MFA device on the user, calls
  // GetSessionToken with it and holds an MFA session of an admin. The MFA is the attacker's own new device:
  // the path needs no MFA of the attacker's, so it is as easy as the attacker's CreateAccessKey.
  const notWithoutMfa = [
    'iam:CreateVirtualMFADevice',
    'iam:EnableMFADevice',
    'iam:ListMFADevices',
    'iam:ListUsers',
    'iam:ListVirtualMFADevices',
    'iam:ResyncMFADevice',
  ];
  const selfManageMfa = (enableNeedsMfa = false) => ({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowListActions',
        Effect: 'Allow',
        Action: ['iam:ListUsers', 'iam:ListVirtualMFADevices'],
        Resource: '*',
      },
      {
        Sid: 'AllowUserToCreateVirtualMFADevice',
        Effect: 'Allow',
        Action: ['iam:CreateVirtualMFADevice'],
        Resource: 'arn:aws:iam::*:mfa/*',
      },
      {
        Sid: 'AllowUserToManageTheirOwnMFA',
        Effect: 'Allow',
        Action: ['iam:EnableMFADevice', 'iam:GetMFADevice', 'iam:ListMFADevices', 'iam:ResyncMFADevice'],
        Resource: 'arn:aws:iam::*:user/${aws:username}',
      },
      {
        Sid: 'AllowUserToDeactivateTheirOwnMFAOnlyWhenUsingMFA',
        Effect: 'Allow',
        Action: ['iam:DeactivateMFADevice'],
        Resource: ['arn:aws:iam::*:user/${aws:username}'],
        Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
      },
      {
        Sid: 'BlockMostAccessUnlessSignedInWithMFA',
        Effect: 'Deny',
        NotAction: enableNeedsMfa ? notWithoutMfa.filter((a) => a !== 'iam:EnableMFADevice') : notWithoutMfa,
        Resource: '*',
        Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
      },
    ],
  });
  const users = [
    user('boss', { inline: { admin: doc(allow('*')), mfa: selfManageMfa() } }),
    // The same, but EnableMFADevice is denied without MFA too: no way to enroll a first device.
    user('boss-locked', { inline: { admin: doc(allow('*')), mfa: selfManageMfa(true) } }),
    user('keymaker', { inline: { p: doc(allow('iam:CreateAccessKey', arn('user', 'boss'))) } }),
    user('keymaker-locked', { inline: { p: doc(allow('iam:CreateAccessKey', arn('user', 'boss-locked'))) } }),
    user('keymaker-mfa', {
      inline: {
        p: doc(
          allow('iam:CreateAccessKey', arn('user', 'boss'), {
            Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
          }),
        ),
      },
    }),
    user('helpdesk', {
      inline: { p: doc(allow(['iam:CreateLoginProfile', 'iam:UpdateLoginProfile'], arn('user', 'boss'))) },
    }),
  ];
  // The user has no MFA device yet (so no question of how many devices a user may have).
  const credentialReport = [reportRow('boss', { mfa_active: 'false' })];

  it('control: the admin itself is MFA-only', () => {
    expect(analyze(users, { credentialReport }).entry('boss')?.access).toBe('mfa-only');
  });

  it('creating its access key is an unconditional path: the key holder enrolls an MFA device for it', () => {
    const path = analyze(users, { credentialReport }).path('keymaker', 'create-access-key');
    expect(path?.access).toBe('unconditional');
    expect(path?.description).toContain('enrolls an MFA device of its own');
    expect(path?.actions).toEqual([
      'iam:CreateAccessKey',
      'iam:CreateVirtualMFADevice',
      'iam:EnableMFADevice',
      'sts:GetSessionToken',
    ]);
    expect(path?.grantedBy).toEqual(['p (inline)']);
  });

  it('an attacker that needs MFA for CreateAccessKey has an MFA-only path', () => {
    expect(analyze(users, { credentialReport }).entry('keymaker-mfa')?.access).toBe('mfa-only');
  });

  it('it stays a path when the admin already has an MFA device (a user may have several)', () => {
    const r = analyze(users, { credentialReport: [reportRow('boss', { mfa_active: 'true' })] });
    expect(r.methods('keymaker')).toEqual(['create-access-key']);
  });

  it('no path when enabling a device needs MFA as well', () => {
    expect(analyze(users, { credentialReport }).entry('keymaker-locked')).toBeUndefined();
  });

  it('a new password is a path while the admin has no MFA device: sign in, enroll, sign in again', () => {
    const r = analyze(users, { credentialReport });
    const path = r.path('helpdesk', 'create-login-profile');
    expect(path?.access).toBe('unconditional');
    expect(path?.description).toContain('signs in again with that device');
    expect(path?.actions).toEqual([
      'iam:CreateLoginProfile',
      'iam:CreateVirtualMFADevice',
      'iam:EnableMFADevice',
    ]);
    expect(r.methods('helpdesk')).toEqual(['create-login-profile']);
  });

  it('a new password is no path once the admin has an MFA device (every sign-in needs it)', () => {
    const r = analyze(users, {
      credentialReport: [reportRow('boss', { mfa_active: 'true', password_enabled: 'true' })],
    });
    expect(r.entry('helpdesk')).toBeUndefined();
  });
});
