import { describe, expect, it } from 'vitest';
import { FULL_SIZE, generateSnapshot } from '../../bench/generate.js';
import type { AuthorizationDetails } from '../snapshot/aws-shapes.js';
import { standingStrength } from './admin-changes.js';
import { analyzeAdmins, type AdminEntry } from './admins.js';

// Two invariants of any correct analysis, checked on small synthetic accounts: giving one principal an
// extra Allow never makes anyone weaker (a path only adds), and an extra Deny never makes anyone stronger.
// Strength: the tier (full strongest), then the access (unconditional, MFA only, other conditions).

const NOW = new Date('2026-11-23T12:00:00Z');
/** Not admin: weaker than any admin. */
const NOT_ADMIN = Number.MAX_SAFE_INTEGER;
const strength = (a: AdminEntry | undefined): number => (a ? standingStrength(a) : NOT_ADMIN);

const STATEMENTS = [
  { Action: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' },
  { Action: 'sts:AssumeRole', Resource: '*' },
  { Action: ['iam:AttachUserPolicy', 'iam:AttachRolePolicy'], Resource: '*' },
  { Action: 'iam:CreateAccessKey', Resource: '*' },
  { Action: ['ec2:*', 'iam:PassRole'], Resource: '*' },
  { Action: 'iam:UpdateAssumeRolePolicy', Resource: '*' },
  { Action: 'iam:*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } },
  { Action: ['iam:PutRolePolicy', 'iam:PutUserPolicy'], Resource: '*' },
];

/** The account with one statement added, as an inline policy, to the user or role `arn`. */
function withStatement(d: AuthorizationDetails, arn: string, statement: Record<string, unknown>): AuthorizationDetails {
  const copy = structuredClone(d);
  const doc = { PolicyName: 'added', PolicyDocument: { Version: '2012-10-17', Statement: [statement] } };
  const u = copy.UserDetailList.find((x) => x.Arn === arn);
  if (u) u.UserPolicyList = [...(u.UserPolicyList ?? []), doc];
  const r = copy.RoleDetailList.find((x) => x.Arn === arn);
  if (r) r.RolePolicyList = [...(r.RolePolicyList ?? []), doc];
  return copy;
} // prettier-ignore

const analyze = (d: AuthorizationDetails) =>
  new Map(analyzeAdmins({ authorizationDetails: d, accountId: '111122223333', now: NOW }).admins.map((a) => [a.principal, a])); // prettier-ignore

describe.each([1, 2, 3])('synthetic account, seed %i', (seed) => {
  const snapshot = generateSnapshot({ ...FULL_SIZE, seed, users: 120, roles: 100, policies: 250, groups: 8 });
  const slice = snapshot.slices.authorizationDetails;
  if (slice.status !== 'ok') throw new Error('no authorization details');
  const details = slice.data;
  const before = analyze(details);

  // Allow: to principals that are not admin (an admin's Allow could change nothing); Deny: to admins.
  const principals = [
    ...details.UserDetailList.map((u) => u.Arn),
    ...details.RoleDetailList.map((r) => r.Arn),
  ];
  const pick = (admins: boolean, k: number): string => {
    const list = principals.filter((arn) => before.has(arn) === admins);
    return list[(k * 17 + seed) % list.length] ?? '';
  };
  let changed = 0;
  const differs = (after: Map<string, AdminEntry>) =>
    [...new Set([...before.keys(), ...after.keys()])].some(
      (arn) => strength(after.get(arn)) !== strength(before.get(arn)),
    );

  it('an added Allow makes nobody weaker', () => {
    for (let k = 0; k < STATEMENTS.length; k++) {
      const after = analyze(withStatement(details, pick(false, k), { Effect: 'Allow', ...STATEMENTS[k] }));
      const weaker = [...before]
        .filter(([arn, a]) => strength(after.get(arn)) > strength(a))
        .map(([arn]) => arn);
      expect(weaker, JSON.stringify(STATEMENTS[k])).toEqual([]);
      if (differs(after)) changed++;
    }
  });

  it('an added Deny makes nobody stronger', () => {
    for (let k = 0; k < STATEMENTS.length; k++) {
      const after = analyze(withStatement(details, pick(true, k), { Effect: 'Deny', ...STATEMENTS[k] }));
      const stronger = [...after]
        .filter(([arn, a]) => strength(a) < strength(before.get(arn)))
        .map(([arn]) => arn);
      expect(stronger, JSON.stringify(STATEMENTS[k])).toEqual([]);
      if (differs(after)) changed++;
    }
  });

  // At least half: some additions rightly change no one (an Allow that needs MFA, added to a role only a
  // service assumes).
  it('many added statements change someone (else the invariants are tested on nothing)', () => {
    expect(changed).toBeGreaterThanOrEqual(STATEMENTS.length);
  });
});
