import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../snapshot/schema.js';
import { snapshot } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import check from './iam-admins-have-mfa.js';
import { ADMIN_DOC, MFA, addManaged } from './fixtures.js';

describe('iam-admins-have-mfa', () => {
  it('fails for an admin user without MFA and passes for one with MFA', () => {
    const snap = snapshot()
      .group('admins', { attached: ['AdministratorAccess'] })
      .user('alice', { console: true, mfa: true, groups: ['admins'] })
      .user('bob', { console: true, mfa: false, groups: ['admins'] })
      .user('carol', { console: true, mfa: false })
      .build();
    addManaged(snap, 'AdministratorAccess', ADMIN_DOC);
    const byUser = Object.fromEntries(
      runOne(check, snap).map((f) => [f.resource.split('/').pop(), f.status]),
    );
    expect(byUser).toEqual({ alice: 'pass', bob: 'fail' });
  });

  it('passes an admin without MFA whose admin rights require MFA anyway', () => {
    const snap = snapshot()
      .user('dave', {
        console: true,
        inline: {
          mfaAdmin: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: MFA }] },
        },
      })
      .build();
    const [f] = runOne(check, snap);
    expect(f?.status).toBe('pass');
    expect(f?.message).toContain('require MFA');
  });

  it('passes when no user is an admin', () => {
    expect(runOne(check, snapshot().user('erin').build()).map((f) => f.status)).toEqual(['pass']);
  });

  it('needs the credential report', () => {
    const snap = snapshot().slice('credentialReport', { status: 'skipped', reason: 'not collected' }).build();
    expect(runOne(check, snap).map((f) => f.status)).toEqual(['error']);
  });

  const statusByUser = (snap: Snapshot): Record<string, string> =>
    Object.fromEntries(runOne(check, snap).map((f) => [f.resource.split('/').pop() ?? '', f.status]));

  // Long-term access keys send no MFA: an MFA device protects them only where a policy requires MFA.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html
  it('fails an admin with an MFA device whose active access key makes admin requests without MFA', () => {
    const snap = snapshot()
      .group('admins', { attached: ['AdministratorAccess'] })
      .user('console-key', { console: true, mfa: true, groups: ['admins'], accessKeys: [{}] })
      .user('key-only', { console: false, mfa: true, groups: ['admins'], accessKeys: [{}] })
      .user('console-only', { console: true, mfa: true, groups: ['admins'] })
      .user('inactive-key', { console: true, mfa: true, groups: ['admins'], accessKeys: [{ active: false }] })
      .build();
    addManaged(snap, 'AdministratorAccess', ADMIN_DOC);
    expect(statusByUser(snap)).toEqual({
      'console-key': 'fail',
      'key-only': 'fail',
      'console-only': 'pass',
      'inactive-key': 'pass',
    });
  });

  it('reads the yes/no columns whatever their case (an imported report a spreadsheet wrote TRUE in)', () => {
    const snap = snapshot()
      .group('admins', { attached: ['AdministratorAccess'] })
      .user('shouty', { console: true, groups: ['admins'] })
      .build();
    addManaged(snap, 'AdministratorAccess', ADMIN_DOC);
    const cr = snap.slices.credentialReport;
    if (cr.status !== 'ok') throw new Error('fixture has a credential report');
    for (const r of cr.data.rows) if (r.user === 'shouty') r.password_enabled = 'TRUE';
    expect(runOne(check, snap)[0]?.status).toBe('fail');
  });

  it('passes an admin user with no password and no active access key: no credential for MFA to protect', () => {
    const snap = snapshot()
      .group('admins', { attached: ['AdministratorAccess'] })
      .user('dormant', { groups: ['admins'] })
      .build();
    addManaged(snap, 'AdministratorAccess', ADMIN_DOC);
    const [f] = runOne(check, snap);
    expect(f?.status).toBe('pass');
    expect(f?.message).toContain('no console password and no active access key');
  });

  it('fails an MFA-only admin without a device that may enroll one itself without MFA', () => {
    // AWS's self-manage-MFA example allows creating and enabling one's own virtual device without MFA:
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_iam_mfa-selfmanage.html
    const enroll = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'iam:CreateVirtualMFADevice', Resource: 'arn:aws:iam::*:mfa/*' },
        { Effect: 'Allow', Action: 'iam:EnableMFADevice', Resource: 'arn:aws:iam::*:user/${aws:username}' },
      ],
    };
    const mfaAdmin = { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: MFA }] };
    const snap = snapshot().user('frank', { console: true, inline: { mfaAdmin, enroll } }).build();
    const [f] = runOne(check, snap);
    expect(f?.status).toBe('fail');
    expect(f?.message).toContain('enroll');
  });
});
