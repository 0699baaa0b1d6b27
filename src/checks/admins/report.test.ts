import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../snapshot/schema.js';
import { snapshot, TEST_NOW } from '../../snapshot/testing/builder.js';
import { ADMIN_DOC, addManaged } from './fixtures.js';
import { scpsOf, snapshotAdmins } from './report.js';

const FULL = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
const DENY_IAM = JSON.stringify({ Statement: [{ Effect: 'Deny', Action: 'iam:*', Resource: '*' }] });

function account(): Snapshot {
  const snap = snapshot()
    .group('admins', { attached: ['AdministratorAccess'] })
    .user('alice', { console: true, mfa: true, groups: ['admins'] })
    .user('bob', {
      inline: { p: { Statement: [{ Effect: 'Allow', Action: 'iam:PutUserPolicy', Resource: '*' }] } },
    })
    .build();
  addManaged(snap, 'AdministratorAccess', ADMIN_DOC);
  snap.slices.organization = {
    status: 'ok',
    data: { Organization: { Id: 'o-1', MasterAccountId: '999999999999' }, Account: null },
  };
  return snap;
}

const level = (TargetId: string, Type: string, ...docs: string[]) => ({
  TargetId,
  Type,
  Policies: docs.map((Content, i) => ({ Id: `p-${TargetId}-${i}`, Content })),
});

const tiers = (snap: Snapshot) =>
  Object.fromEntries((snapshotAdmins(snap, TEST_NOW) ?? []).map((a) => [a.name, a.tier]));

describe('SCPs in the admin analysis', () => {
  it('an SCP that denies iam:* at an OU takes away full admin and self-escalation', () => {
    const open = account();
    expect(tiers(open)).toEqual({ admins: 'full', alice: 'full', bob: 'iam-admin' });
    const limited = account();
    limited.slices.serviceControlPolicies = {
      status: 'ok',
      data: {
        NotApplicable: null,
        Levels: [
          level('r-1', 'ROOT', FULL),
          level('ou-1', 'ORGANIZATIONAL_UNIT', FULL, DENY_IAM),
          level(limited.meta.accountId, 'ACCOUNT', FULL),
        ],
      },
    };
    expect(tiers(limited)).toEqual({});
  });

  it('every level must allow: FullAWSAccess missing at the account level denies everything', () => {
    const snap = account();
    snap.slices.serviceControlPolicies = {
      status: 'ok',
      data: {
        NotApplicable: null,
        Levels: [level('r-1', 'ROOT', FULL), level(snap.meta.accountId, 'ACCOUNT')],
      },
    };
    expect(tiers(snap)).toEqual({});
  });

  it('SCPs that do not apply (the management account) change nothing and need no warning', () => {
    const snap = account();
    snap.slices.serviceControlPolicies = {
      status: 'ok',
      data: { NotApplicable: 'this is the management account', Levels: [] },
    };
    expect(scpsOf(snap)).toEqual({});
    expect(tiers(snap)).toEqual({ admins: 'full', alice: 'full', bob: 'iam-admin' });
  });

  it('SCPs that could not be read: IAM alone decides, and the report says so', () => {
    const snap = account();
    snap.slices.serviceControlPolicies = {
      status: 'error',
      error: { kind: 'access-denied', message: 'AccessDenied on organizations:ListRoots' },
    };
    const { scps, warning } = scpsOf(snap);
    expect(scps).toBeUndefined();
    expect(warning).toContain('Organizations SCPs were not read (AccessDenied on organizations:ListRoots)');
    expect(tiers(snap)).toEqual({ admins: 'full', alice: 'full', bob: 'iam-admin' });
  });

  it('a member account whose snapshot has no SCPs is warned about; a standalone account is not', () => {
    expect(scpsOf(account()).warning).toContain('not in this snapshot');
    const alone = account();
    alone.slices.organization = { status: 'ok', data: { Organization: null, Account: null } };
    expect(scpsOf(alone)).toEqual({});
  });
});
