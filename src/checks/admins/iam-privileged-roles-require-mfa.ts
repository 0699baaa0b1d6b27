import { trustGrants } from '../../policy/single.js';
import { defineCheck } from '../types.js';
import { adminReport, exportGapOutcome } from './report.js';
import { orAccountPass } from '../lib/outcomes.js';

export default defineCheck({
  id: 'iam-privileged-roles-require-mfa',
  title: 'Admin roles that IAM users may assume require MFA',
  area: 'admins',
  severity: 'high',
  rationale:
    'A role that grants admin and trusts the account or named IAM users without an MFA condition turns any of their ' +
    'leaked access keys into admin. The trust policy should require aws:MultiFactorAuthPresent.',
  controls: {},
  needs: ['authorizationDetails'],
  remediation: {
    manual: [
      'Add to each Allow statement of the role\'s trust policy: "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}.',
      'IAM > Roles > (role) > Trust relationships > Edit trust policy.',
    ],
  },
  run({ authorizationDetails }, ctx) {
    const report = adminReport(authorizationDetails, ctx);
    const gap = exportGapOutcome(authorizationDetails, ctx);
    if (gap) return gap;
    const adminRoles = new Map(
      report.admins
        // via-role: a role that reaches an admin role is a door to admin too (its trust is the one to close).
        .filter((a) => a.type === 'role' && a.tier !== 'potential')
        .map((a) => [a.principal, a]),
    );
    const what = (a: { tier: string; paths: { tier: string; via: string[] }[] }, name: string) => {
      if (a.tier !== 'via-role') return `Admin role ${name}`;
      const end = a.paths
        .find((p) => p.tier === 'via-role')
        ?.via.at(-1)
        ?.split('/')
        .pop();
      return `Role ${name} (it can assume admin role ${end ?? '?'})`;
    };
    const outcomes = [];
    for (const role of authorizationDetails.RoleDetailList) {
      const admin = adminRoles.get(role.Arn);
      if (!admin || role.AssumeRolePolicyDocument === undefined) continue;
      const grants = trustGrants(role.AssumeRolePolicyDocument, {
        accountId: ctx.accountId,
        partition: ctx.partition,
        roleArn: role.Arn,
      }).filter((g) => g.kind !== 'role');
      // Only services, federation, other accounts, or roles of the account: a role's sessions are no IAM user's,
      // and a role that reaches this one is judged on its own trust (it is via-role). An MFA condition for a
      // role that only a service assumes could never be met.
      if (grants.length === 0) continue;
      const open = grants.filter((g) => g.level !== 'mfa');
      outcomes.push(
        open.length === 0
          ? {
              status: 'pass' as const,
              resource: role.Arn,
              message: `${what(admin, role.RoleName)} requires MFA to assume.`,
            }
          : {
              status: 'fail' as const,
              resource: role.Arn,
              message: `${what(admin, role.RoleName)} can be assumed without MFA by ${open
                .map((g) =>
                  g.kind === 'account'
                    ? 'any IAM principal of the account'
                    : g.kind === 'any'
                      ? 'anyone'
                      : g.principal,
                )
                .join(
                  ', ',
                )}${open.some((g) => g.level === 'conditional') ? ' (under other conditions)' : ''}.`,
              details: { trust: open },
            },
      );
    }
    return orAccountPass(outcomes, ctx, 'No admin role trusts IAM users or the account.');
  },
});
