import { describe, expect, it } from 'vitest';
import type { AuthorizationDetails } from '../snapshot/aws-shapes.js';
import { iamVulnerableDetails } from '../../test/fixtures/iam-vulnerable.js';
import { analyzeAdmins, type AdminReport } from './admins.js';

// Acceptance: the BishopFox iam-vulnerable lab as exported in Cloudsplaining's example (BSD-3, see the
// fixture's LICENSE). Names carry the ground truth: privesc* and fn* can reach admin, fp* must not.

const details = iamVulnerableDetails();

/**
 * Labelled privesc principals that hold no permission at all in this export, so no evaluator can find a
 * path from them: the lab's start user gets its sts:AssumeRole from the starting role's trust, which this
 * export replaced with an SSO session; the permissive-trust role is a target (anyone in the account may
 * assume it), not an escalator, and has no policies; the privesc8/privesc11 groups are the groups their
 * users escalate through and hold no policy themselves.
 */
const UNREACHABLE = [
  'privesc-AssumeRole-start-user',
  'privesc-permissive-role-trust',
  'privesc8-AttachGroupPolicy-group',
  'privesc11-PutGroupPolicy-group',
];

export function score(report: AdminReport, all: { name: string }[]) {
  const flagged = new Set(report.admins.map((a) => a.name));
  const positives = all.filter((p) => /^(privesc|fn)/.test(p.name));
  const negatives = all.filter((p) => p.name.startsWith('fp'));
  const tp = positives.filter((p) => flagged.has(p.name)).length;
  const fp = negatives.filter((p) => flagged.has(p.name)).length;
  return {
    tp,
    fp,
    fn: positives.length - tp,
    precision: tp / (tp + fp),
    recall: tp / positives.length,
    missed: positives.filter((p) => !flagged.has(p.name)).map((p) => p.name),
  };
}

describe('iam-vulnerable (Cloudsplaining example export)', () => {
  const report = analyzeAdmins({
    authorizationDetails: details,
    accountId: '200611803367',
    now: new Date('2026-11-23T12:00:00Z'),
  });
  const principals = [
    ...details.UserDetailList.map((u) => ({ name: u.UserName })),
    ...details.GroupDetailList.map((g) => ({ name: g.GroupName })),
    ...details.RoleDetailList.map((r) => ({ name: r.RoleName })),
  ];
  const byName = new Map(report.admins.map((a) => [a.name, a]));

  it('reports every reachable privesc* and fn* principal as admin or escalation', () => {
    const s = score(report, principals);
    expect(s.missed.sort()).toEqual([...UNREACHABLE].sort());
  });

  it('reports no fp* principal', () => {
    expect(report.admins.filter((a) => a.name.startsWith('fp')).map((a) => a.name)).toEqual([]);
    expect(score(report, principals).precision).toBe(1);
  });

  it('classifies the lab paths into the expected tiers', () => {
    expect(byName.get('obama')?.tier).toBe('full');
    expect(byName.get('OrganizationAccountAccessRole')?.tier).toBe('full');
    expect(byName.get('AWSReservedSSO_AdministratorAccess_dc6414f7f2ab04fc')?.tier).toBe('full');
    for (const n of [
      'privesc1-CreateNewPolicyVersion-user',
      'privesc7-AttachUserPolicy-user',
      'privesc10-PutUserPolicy-user',
      'privesc11-PutGroupPolicy-user',
      'privesc13-AddUserToGroup-user',
      'privesc8-AttachGroupPolicy-user',
      'fn2-exploitableResourceConstraint-user',
      'fn4-exploitableNotAction-user',
      'privesc-sre-user',
    ]) {
      expect(byName.get(n)?.tier, n).toBe('iam-admin');
    }
    expect(byName.get('privesc-AssumeRole-starting-role')?.tier).toBe('via-role');
    expect(
      byName.get('privesc-AssumeRole-starting-role')?.paths[0]?.via.map((a) => a.split('/').pop()),
    ).toEqual(['privesc-AssumeRole-intermediate-role', 'privesc-AssumeRole-ending-role']);
    for (const n of [
      'privesc4-CreateAccessKey-user',
      'privesc14-UpdatingAssumeRolePolicy-user',
      'privesc3-CreateEC2WithExistingInstanceProfile-user',
      'fn1-privesc3-partial-user',
      'privesc2-SetExistingDefaultPolicyVersion-user',
    ]) {
      expect(byName.get(n)?.tier, n).toBe('potential');
    }
  });

  it('evaluates the date condition: fn3 (token issued after 2020) is admin, fp5 (before 2020) is not', () => {
    expect(byName.get('fn3-exploitableConditionConstraint-user')?.tier).toBe('iam-admin');
    expect(byName.has('fp5-nonExploitableConditionConstraint-user')).toBe(false);
  });

  it('does not call read-only principals admins', () => {
    expect(byName.has('AWSReservedSSO_ViewOnlyAccess_0ace44bbc7092ea8')).toBe(false);
  });

  it('is deterministic and independent of input order', () => {
    const reversed: AuthorizationDetails = {
      UserDetailList: [...details.UserDetailList].reverse(),
      GroupDetailList: [...details.GroupDetailList].reverse(),
      RoleDetailList: [...details.RoleDetailList].reverse(),
      Policies: [...details.Policies].reverse(),
    };
    const again = analyzeAdmins({
      authorizationDetails: reversed,
      accountId: '200611803367',
      now: new Date('2026-11-23T12:00:00Z'),
    });
    expect(JSON.stringify(again.admins)).toBe(JSON.stringify(report.admins));
  });
});
