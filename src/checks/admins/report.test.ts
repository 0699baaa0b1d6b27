import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../snapshot/schema.js';
import { snapshot, TEST_ACCOUNT, TEST_NOW } from '../../snapshot/testing/builder.js';
import { runChecks } from '../run.js';
import { runOne } from '../testing.js';
import { ADMIN_DOC, addManaged, addRole, details, trustOf } from './fixtures.js';
import { adminsChecks } from './index.js';
import { organizationPathOf, scpsOf, snapshotAdmins } from './report.js';

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

describe('an export that lacks what decides who is admin', () => {
  const TEAM = `arn:aws:iam::${TEST_ACCOUNT}:policy/team`;
  /** alice is admin through AdministratorAccess; carol through the customer policy `team`. */
  function whole(): Snapshot {
    const snap = snapshot()
      .group('admins', { attached: ['AdministratorAccess'] })
      .user('alice', { console: true, mfa: true, groups: ['admins'] })
      .user('carol', { console: true, mfa: true, attached: [TEAM] })
      .build();
    snap.slices.organization = { status: 'ok', data: { Organization: null, Account: null } };
    addManaged(snap, 'AdministratorAccess', ADMIN_DOC);
    return addManaged(snap, TEAM, ADMIN_DOC);
  }
  /** As exported with `--filter User Role Group`: no managed policy at all. */
  function withoutPolicies(): Snapshot {
    const snap = whole();
    details(snap).Policies = [];
    return snap;
  }

  it.each(adminsChecks.map((c) => [c.id, c] as const))(
    '%s ends in error naming the missing policies, never pass',
    (_id, check) => {
      expect(runOne(check, whole()).some((f) => f.status === 'error')).toBe(false);
      const findings = runOne(check, withoutPolicies());
      expect(findings.map((f) => f.status)).toEqual(['error']);
      expect(findings[0]?.message).toContain(TEAM);
      expect(findings[0]?.message).toContain('get-account-authorization-details without --filter');
    },
  );

  it('a group users are in but the export lacks is missing data too', () => {
    const snap = whole();
    details(snap).GroupDetailList = [];
    const [inventory] = adminsChecks;
    if (!inventory) throw new Error('no admin checks');
    const [f] = runOne(inventory, snap);
    expect(f?.status).toBe('error');
    expect(f?.message).toContain('1 group (admins)');
  });

  it('iam-no-full-admin-policies needs only the customer policies', () => {
    const check = adminsChecks.find((c) => c.id === 'iam-no-full-admin-policies');
    if (!check) throw new Error('no iam-no-full-admin-policies');
    const snap = whole();
    details(snap).Policies = details(snap).Policies.filter((p) => p.Arn === TEAM);
    expect(runOne(check, snap).map((f) => f.status)).toEqual(['fail']);
  });

  it("a service-linked role's missing policy is a warning, not an error: only its service assumes it", () => {
    const snap = whole();
    addRole(snap, 'AWSServiceRoleForSupport', trustOf({ Service: 'support.amazonaws.com' }), {
      attached: ['aws-service-role/AWSSupportServiceRolePolicy'],
    });
    const role = details(snap).RoleDetailList.at(-1);
    if (role) role.Path = '/aws-service-role/support.amazonaws.com/';
    const warnings: string[] = [];
    const findings = runChecks(snap, adminsChecks, { now: TEST_NOW, onWarning: (w) => warnings.push(w) });
    expect(findings.some((f) => f.status === 'error')).toBe(false);
    expect(warnings).toEqual([
      'Policy arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy is attached but not in the export; it is treated as granting nothing.',
    ]);
  });

  it("the analysis' warnings reach the run once each, SCPs not read (a member account) first, as warnings only", () => {
    const snap = withoutPolicies();
    snap.slices.organization = {
      status: 'ok',
      data: { Organization: { Id: 'o-1', MasterAccountId: '999999999999' }, Account: null },
    };
    const warnings: string[] = [];
    runChecks(snap, adminsChecks, { now: TEST_NOW, onWarning: (w) => warnings.push(w) });
    expect(warnings[0]).toContain('Organizations SCPs are not in this snapshot');
    expect(
      warnings.filter((w) => w.includes('AdministratorAccess is attached but not in the export')),
    ).toHaveLength(1);
    expect(new Set(warnings).size).toBe(warnings.length);
    // With every policy, SCPs not read stays a warning: no check ends in error for it.
    const member = whole();
    member.slices.organization = snap.slices.organization;
    const seen: string[] = [];
    const findings = runChecks(member, adminsChecks, { now: TEST_NOW, onWarning: (w) => seen.push(w) });
    expect(seen).toHaveLength(1);
    expect(findings.some((f) => f.status === 'error')).toBe(false);
  });
});

// RCPs cover AWS STS (orgs_manage_policies_rcps.html): the snapshot's RCPs limit assuming the account's roles
// from inside it too; its principals carry the organization's ID (aws:PrincipalOrgID), so the usual data
// perimeter (deny callers outside the organization) leaves their paths as they are.
describe('RCPs in the admin analysis', () => {
  const withRole = () => {
    const snap = snapshot()
      .user('carol', {
        inline: { p: { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] } },
      })
      .build();
    addManaged(snap, 'AdministratorAccess', ADMIN_DOC);
    addRole(snap, 'ops', trustOf({ AWS: `arn:aws:iam::${TEST_ACCOUNT}:root` }), {
      attached: ['AdministratorAccess'],
    });
    snap.slices.organization = {
      status: 'ok',
      data: { Organization: { Id: 'o-1', MasterAccountId: '999999999999' }, Account: null },
    };
    return snap;
  };
  const rcps = (snap: Snapshot, ...root: string[]) => {
    snap.slices.resourceControlPolicies = {
      status: 'ok',
      data: {
        NotApplicable: null,
        Levels: [level('r-1', 'ROOT', FULL, ...root), level(TEST_ACCOUNT, 'ACCOUNT', FULL)],
      },
    };
    return snap;
  };
  const deny = (condition: object) =>
    JSON.stringify({
      Statement: [
        { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole', Resource: '*', Condition: condition },
      ],
    });
  const carolsAssume = (snap: Snapshot) =>
    snapshotAdmins(snap, TEST_NOW)
      ?.find((a) => a.name === 'carol')
      ?.paths.find((p) => p.method === 'assume-role');

  it('the organization perimeter keeps the path open for principals of the account', () => {
    const perimeter = deny({ StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-1' } });
    expect(carolsAssume(rcps(withRole(), perimeter))).toMatchObject({
      access: 'unconditional',
      conditions: [],
    });
  });

  // aws:PrincipalOrgPaths is o-id/root/each OU/ (reference_policies_condition-keys.html#condition-keys-principalorgpaths):
  // the levels the collector walked up from the account give it.
  it("an OU-path perimeter is judged against the account's OUs from the snapshot's levels", () => {
    const inOu = (pattern: string) => {
      const snap = withRole();
      const perimeter = deny({ 'ForAllValues:StringNotLike': { 'aws:PrincipalOrgPaths': [pattern] } });
      snap.slices.resourceControlPolicies = {
        status: 'ok',
        data: {
          NotApplicable: null,
          Levels: [
            level('r-1', 'ROOT', FULL, perimeter),
            level('ou-1-aaaa', 'ORGANIZATIONAL_UNIT', FULL),
            level(TEST_ACCOUNT, 'ACCOUNT', FULL),
          ],
        },
      };
      expect(organizationPathOf(snap)).toBe('o-1/r-1/ou-1-aaaa/');
      return carolsAssume(snap);
    };
    expect(inOu('o-1/r-1/ou-1-aaaa/*')).toMatchObject({ access: 'unconditional', conditions: [] });
    expect(inOu('o-1/r-1/ou-1-bbbb/*')).toBeUndefined();
  });

  it('an RCP denying sts:AssumeRole without MFA makes the path MFA-only', () => {
    const noMfa = deny({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } });
    expect(carolsAssume(withRole())?.access).toBe('unconditional');
    expect(carolsAssume(rcps(withRole(), noMfa))?.access).toBe('mfa-only');
  });
});
