import { describe, expect, it } from 'vitest';
import { FULL_SIZE, generateSnapshot } from '../../bench/generate.js';
import { iamVulnerableDetails } from '../../test/fixtures/iam-vulnerable.js';
import { readSnapshotFile } from '../../test/fixtures/reports.js';
import { snapshotAdminInput } from '../checks/admins/report.js';
import type { Snapshot } from '../snapshot/schema.js';
import { analyzeAdmins, type AdminAnalysisInput } from './admins.js';

// The analysis shares answers between principals whose applicable policies are the same, and between
// targets no resource-scoped statement tells apart: that is what makes 15,000 principals fast. A shared
// answer that should have differed is a wrong tier (an SCP keyed on aws:PrincipalArn once did exactly
// that). Here every account is analyzed twice, the second time with nothing shared (every request
// evaluated for its own principal and target): the answers must be identical.

const NOW = new Date('2026-11-23T12:00:00Z');

function inputOf(snapshot: Snapshot): AdminAnalysisInput {
  const slice = snapshot.slices.authorizationDetails;
  if (slice.status !== 'ok') throw new Error('fixture without authorization details');
  return snapshotAdminInput(slice.data, snapshot, snapshot.meta.accountId, snapshot.meta.partition, NOW);
}

/** A small synthetic account (bench/generate.ts), optionally behind a break-glass SCP. */
function synthetic(seed: number, breakGlass: boolean): AdminAnalysisInput {
  const snapshot = generateSnapshot({
    ...FULL_SIZE,
    seed,
    users: 300,
    roles: 260,
    policies: 600,
    groups: 12,
  });
  const input = inputOf(snapshot);
  if (!breakGlass) return input;
  // The break-glass role: the first that holds AdministratorAccess without a boundary.
  const exempt = input.authorizationDetails.RoleDetailList.find(
    (r) => !r.PermissionsBoundary && r.AttachedManagedPolicies?.some((p) => p.PolicyArn.endsWith(':policy/AdministratorAccess')),
  )?.Arn; // prettier-ignore
  const scp = (statements: unknown[]) => ({ Version: '2012-10-17', Statement: statements });
  return {
    ...input,
    scps: {
      levels: [
        [scp([{ Effect: 'Allow', Action: '*', Resource: '*' }])],
        [
          scp([{ Effect: 'Allow', Action: '*', Resource: '*' }]),
          scp([{ Effect: 'Deny', Action: ['iam:*', 'organizations:*'], Resource: '*', Condition: { ArnNotLike: { 'aws:PrincipalArn': exempt } } }]), // prettier-ignore
        ],
      ],
    },
  };
}

/**
 * A small synthetic account whose policies also say who may act (the shapes that make answers differ
 * between principals with the same policies): policy variables naming the caller, conditions on the
 * caller's tags and ARN, and AdministratorAccess inside a boundary keyed on the caller's name.
 */
function principalDependent(seed: number): AdminAnalysisInput {
  const input = synthetic(seed, false);
  const d = input.authorizationDetails;
  const account = input.accountId;
  const extra = [
    { Effect: 'Allow', Action: ['iam:AttachUserPolicy', 'iam:PutUserPolicy', 'iam:CreateAccessKey'], Resource: `arn:aws:iam::${account}:user/\${aws:username}` },
    { Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalTag/team': 'team3' } } },
    { Effect: 'Allow', Action: ['iam:PassRole', 'ec2:RunInstances'], Resource: '*', Condition: { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${account}:user/team1*` } } },
    { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${account}:role/\${aws:PrincipalTag/team}-*` },
  ]; // prettier-ignore
  const policies = d.Policies.map((p, i) => {
    const statement = extra[i % 9];
    if (!statement || p.Arn.includes(':aws:policy/')) return p;
    return {
      ...p,
      PolicyVersionList: p.PolicyVersionList.map((v) => {
        const doc = v.Document as { Statement: unknown[] };
        return v.IsDefaultVersion
          ? { ...v, Document: { ...doc, Statement: [...doc.Statement, statement] } }
          : v;
      }),
    };
  });
  // Every fifth user: AdministratorAccess alone (the same policies), inside a boundary that allows everything
  // only to team1 users.
  const boundaryArn = `arn:aws:iam::${account}:policy/team1-only`;
  const boundary = {
    PolicyName: 'team1-only',
    Arn: boundaryArn,
    DefaultVersionId: 'v1',
    PolicyVersionList: [
      {
        VersionId: 'v1',
        IsDefaultVersion: true,
        Document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: '*',
              Resource: '*',
              Condition: { StringLike: { 'aws:username': 'team1*' } },
            },
          ],
        },
      },
    ],
  };
  const users = d.UserDetailList.map((u, i) =>
    i % 5 === 0
      ? { ...u, GroupList: [], UserPolicyList: [], AttachedManagedPolicies: [{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }], PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: boundaryArn } }
      : u,
  ); // prettier-ignore
  return {
    ...input,
    authorizationDetails: { ...d, Policies: [...policies, boundary], UserDetailList: users },
  };
}

/**
 * A small synthetic account behind an SCP that denies iam:* except on some roles (NotResource), to every
 * principal but those roles (who stay able to be admin, so changing one and assuming it is a path).
 */
function sparedRoles(seed: number): AdminAnalysisInput {
  const input = synthetic(seed, false);
  const scp = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:*', NotResource: 'arn:aws:iam::*:role/team1*', Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/team1*' } } }] }; // prettier-ignore
  return { ...input, scps: { levels: [[scp]] } };
}

const accounts: [string, () => AdminAnalysisInput][] = [
  ['messy', () => inputOf(readSnapshotFile('test/fixtures/snapshots/messy.json'))],
  ['hardened', () => inputOf(readSnapshotFile('test/fixtures/snapshots/hardened.json'))],
  ['iam-vulnerable', () => ({ authorizationDetails: iamVulnerableDetails(), accountId: '200611803367', now: NOW })],
  ['synthetic seed 1', () => synthetic(1, false)],
  ['synthetic seed 2', () => synthetic(2, false)],
  ['synthetic seed 3, break-glass SCP', () => synthetic(3, true)],
  ['synthetic seed 22, an SCP that spares some roles', () => sparedRoles(22)],
  ['synthetic seed 4, policies that name the caller', () => principalDependent(4)],
  ['synthetic seed 5, policies that name the caller', () => principalDependent(5)],
]; // prettier-ignore

describe('shared answers never change an answer', () => {
  it.each(accounts)(
    '%s: the same admins, tiers, paths and version risks with nothing shared',
    (_name, make) => {
      const input = make();
      const shared = analyzeAdmins(input);
      const alone = analyzeAdmins({ ...input, shareAnswers: false });
      expect(alone.admins.length).toBe(shared.admins.length);
      expect(JSON.stringify(alone.admins)).toBe(JSON.stringify(shared.admins));
      expect(alone.policyVersionRisks).toEqual(shared.policyVersionRisks);
      // Nothing shared: more evaluations (else the comparison proves nothing).
      expect(alone.stats.evaluations).toBeGreaterThan(shared.stats.evaluations);
    },
  );
});

describe('the order of the export never changes an answer', () => {
  // Shared answers are made by whichever principal asks first: reversing every list changes who that is.
  it.each(accounts)('%s: the same admins with every list of the export reversed', (_name, make) => {
    const input = make();
    const d = input.authorizationDetails;
    const reversed = {
      ...input,
      authorizationDetails: {
        UserDetailList: [...d.UserDetailList].reverse(),
        GroupDetailList: [...d.GroupDetailList].reverse(),
        RoleDetailList: [...d.RoleDetailList].reverse(),
        Policies: [...d.Policies].reverse(),
      },
    };
    expect(JSON.stringify(analyzeAdmins(reversed).admins)).toBe(JSON.stringify(analyzeAdmins(input).admins));
  });
});

describe('a role path names the trust policies of the roles it goes through', () => {
  // Roles with the same trust policy share one evaluation; the path must still name the role it assumes
  // (it once named the first role of the group: 1786 of the synthetic account's 1846 role paths).
  it.each(accounts)('%s: "trust policy of R" for exactly the roles R of `via`', (_name, make) => {
    const report = analyzeAdmins(make());
    let paths = 0;
    for (const admin of report.admins) {
      // Role chains, and changing a role one can assume then assuming it (not rewriting a trust: the trust
      // it assumes under is its own).
      const assuming = admin.paths.filter(
        (x) => x.actions.includes('sts:AssumeRole') && x.method !== 'update-assume-role-policy',
      );
      for (const p of assuming) {
        paths++;
        const trusts = p.grantedBy.filter((g) => g.startsWith('trust policy of ')).map((g) => g.slice(16));
        expect([...new Set(trusts)].sort(), admin.name).toEqual(
          [...new Set(p.via.map((v) => v.split('/').pop()))].sort(),
        );
      }
    }
    if (!_name.startsWith('hardened') && !_name.startsWith('messy')) expect(paths).toBeGreaterThan(0);
  });
});
