import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../snapshot/schema.js';
import { snapshot, TEST_NOW } from '../../snapshot/testing/builder.js';
import type { Finding } from '../types.js';
import { runChecks } from '../run.js';
import { runOne } from '../testing.js';
import check from './iam-admin-via-mfa-role.js';
import {
  ADMIN_DOC,
  ASSUME_ANY_ROLE_DOC,
  MFA,
  READ_ONLY_DOC,
  addManaged,
  addRole,
  trustAccount,
  trustOf,
} from './fixtures.js';

function account(roleTrust: unknown, daily: Record<string, unknown> = {}) {
  const snap = snapshot()
    .group('daily', { attached: ['ReadOnlyAccess'], inline: { assume: ASSUME_ANY_ROLE_DOC, ...daily } })
    .group('admins', { attached: ['AdministratorAccess'] })
    .user('alice', { console: true, mfa: true, groups: ['daily'] })
    .user('root-like', { console: true, mfa: true, groups: ['admins'] })
    .user('ci', { console: false, groups: ['admins'] })
    .build();
  addManaged(snap, 'AdministratorAccess', ADMIN_DOC);
  addManaged(snap, 'ReadOnlyAccess', READ_ONLY_DOC);
  addRole(snap, 'admin', roleTrust, { attached: ['AdministratorAccess'] });
  return snap;
}

describe('iam-admin-via-mfa-role', () => {
  it('passes a read-only daily user who reaches admin only through an MFA role', () => {
    const byUser = Object.fromEntries(
      runOne(check, account(trustAccount(MFA))).map((f) => [f.resource.split('/').pop(), f]),
    );
    expect(byUser.alice?.status).toBe('pass');
    expect(byUser.alice?.message).toContain('only with MFA');
  });

  it('fails a user with standing admin rights; ignores users without console access', () => {
    const byUser = Object.fromEntries(
      runOne(check, account(trustAccount(MFA))).map((f) => [f.resource.split('/').pop(), f]),
    );
    expect(byUser['root-like']?.status).toBe('fail');
    expect(byUser.ci).toBeUndefined();
  });

  it('fails a daily user who can assume the admin role without MFA', () => {
    const byUser = Object.fromEntries(
      runOne(check, account(trustAccount())).map((f) => [f.resource.split('/').pop(), f]),
    );
    expect(byUser.alice?.status).toBe('fail');
    expect(byUser.alice?.message).toContain('without MFA');
  });

  const byUserOf = (snap: Snapshot): Record<string, Finding | undefined> =>
    Object.fromEntries(runOne(check, snap).map((f) => [f.resource.split('/').pop() ?? '', f]));
  const allow = (Action: unknown, Resource: unknown = '*', Condition?: unknown) => ({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action, Resource, ...(Condition ? { Condition } : {}) }],
  });

  // The pattern: the daily user cannot change the account; changes go through the MFA role.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-console.html
  it('fails a daily user with a standing write permission (s3:PutObject), naming it', () => {
    const alice = byUserOf(account(trustAccount(MFA), { put: allow('s3:PutObject') })).alice;
    expect(alice?.status).toBe('fail');
    expect(alice?.message).toContain('s3:PutObject');
    expect(alice?.message).toContain('allowed by put');
  });

  // Reports print the title and rationale beside each finding: a user failed for an s3:PutObject must not read
  // "holds no standing admin rights" as what it broke.
  it('says in its title, rationale and fix that a standing write permission fails it, not only admin rights', () => {
    const alice = byUserOf(account(trustAccount(MFA), { put: allow('s3:PutObject') })).alice;
    expect(alice?.status).toBe('fail');
    expect(alice?.message).not.toMatch(/admin/);
    expect(check.title).toMatch(/no standing admin or write permissions/);
    expect(check.rationale).toMatch(/cannot change the account without MFA/);
    expect(check.remediation.manual.join(' ')).toMatch(/write permissions/);
  });

  it('fails a daily user with writes through Allow + NotAction (PowerUserAccess style), or s3:* on one bucket', () => {
    const power = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' }],
    };
    expect(byUserOf(account(trustAccount(MFA), { power })).alice?.status).toBe('fail');
    const bucket = allow('s3:*', 'arn:aws:s3:::team-data/*');
    const alice = byUserOf(account(trustAccount(MFA), { bucket })).alice;
    expect(alice?.status).toBe('fail');
    expect(alice?.message).toContain('arn:aws:s3:::team-data/');
  });

  it("passes AWS's manage-your-own-credentials policy: a user's own password, keys and MFA are no standing write", () => {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_my-sec-creds-self-manage.html
    const own = 'arn:aws:iam::*:user/${aws:username}';
    const self = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['iam:ChangePassword', 'iam:GetUser'], Resource: own },
        {
          Effect: 'Allow',
          Action: ['iam:CreateAccessKey', 'iam:DeleteAccessKey', 'iam:UpdateAccessKey'],
          Resource: own,
        },
        { Effect: 'Allow', Action: 'iam:CreateVirtualMFADevice', Resource: 'arn:aws:iam::*:mfa/*' },
        {
          Effect: 'Allow',
          Action: ['iam:EnableMFADevice', 'iam:ResyncMFADevice', 'iam:DeactivateMFADevice'],
          Resource: own,
        },
      ],
    };
    expect(byUserOf(account(trustAccount(MFA), { self })).alice?.status).toBe('pass');
    // The same actions on every user are not the user's own credentials: keys for anyone is a change.
    const anyone = allow(['iam:CreateAccessKey'], 'arn:aws:iam::*:user/*');
    expect(byUserOf(account(trustAccount(MFA), { anyone })).alice?.status).toBe('fail');
  });

  it('passes writes that need MFA (MFA-protected API access): a stolen key cannot use them', () => {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html
    const put = allow('s3:PutObject', '*', MFA);
    expect(byUserOf(account(trustAccount(MFA), { put })).alice?.status).toBe('pass');
    // BoolIfExists is met by a long-term access key, which sends no MFA key at all: no protection.
    const ifExists = allow('s3:PutObject', '*', { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } });
    expect(byUserOf(account(trustAccount(MFA), { ifExists })).alice?.status).toBe('fail');
  });

  it("fails a user whose MFA requirement is in its own policy while the role's trust requires none", () => {
    const assume = allow('sts:AssumeRole', 'arn:aws:iam::123456789012:role/*', MFA);
    const alice = byUserOf(account(trustAccount(), { assume })).alice;
    expect(alice?.status).toBe('fail');
    expect(alice?.message).toContain("the role's trust policy does not require MFA");
  });

  // A role session carries aws:MultiFactorAuthPresent only when its AssumeRole call had MFA
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html), so a trust
  // that requires MFA of the hop into it anywhere along the chain makes the whole chain need MFA.
  it('judges the trust of every hop of a chain: one that requires MFA is enough, none fails', () => {
    const assume = allow('sts:AssumeRole', 'arn:aws:iam::123456789012:role/hop', MFA);
    const chain = (adminTrustCondition?: unknown) => {
      const hop = 'arn:aws:iam::123456789012:role/hop';
      const snap = account(trustOf({ AWS: hop }, 'sts:AssumeRole', adminTrustCondition), { assume });
      addRole(snap, 'hop', trustAccount(), {
        inline: { next: allow('sts:AssumeRole', 'arn:aws:iam::123456789012:role/admin') },
      });
      return byUserOf(snap).alice;
    };
    expect(chain(MFA)?.status).toBe('pass');
    const open = chain();
    expect(open?.status).toBe('fail');
    expect(open?.message).toContain('no trust policy along the chain requires MFA');
  });

  it('fails a trust that requires MFA only with BoolIfExists (long-term keys send no MFA key)', () => {
    const trust = trustAccount({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } });
    expect(byUserOf(account(trust)).alice?.status).toBe('fail');
  });

  it('reads password_enabled whatever its case (an imported report a spreadsheet wrote TRUE in)', () => {
    const snap = account(trustAccount());
    const cr = snap.slices.credentialReport;
    if (cr.status !== 'ok') throw new Error('fixture has a credential report');
    for (const r of cr.data.rows) if (r.user === 'alice') r.password_enabled = 'TRUE';
    expect(byUserOf(snap).alice?.status).toBe('fail');
  });

  it('without the credential report judges every user as a person, and says so in a warning', () => {
    const snap = account(trustAccount(MFA));
    const warnings: string[] = [];
    const run = (s: Snapshot) =>
      runChecks(s, [check], { now: TEST_NOW, onWarning: (w) => warnings.push(w) }).map((f) =>
        f.resource.split('/').pop(),
      );
    // With the report, ci (no console password) is a workload and not judged.
    expect(run(snap)).not.toContain('ci');
    expect(warnings).toEqual([]);
    const without: Snapshot = {
      ...snap,
      slices: { ...snap.slices, credentialReport: { status: 'skipped', reason: 'not selected' } },
    };
    expect(run(without)).toContain('ci');
    expect(warnings.filter((w) => w.startsWith('iam-admin-via-mfa-role:'))).toEqual([
      'iam-admin-via-mfa-role: without the credential report every IAM user is judged as a person who signs in (users with only access keys, such as workloads, cannot be told apart).',
    ]);
  });
});
