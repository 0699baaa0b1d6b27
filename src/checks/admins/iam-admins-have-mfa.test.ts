import { describe, expect, it } from 'vitest';
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
});
