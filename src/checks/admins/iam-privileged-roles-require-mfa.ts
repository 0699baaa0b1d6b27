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
        .filter((a) => a.type === 'role' && (a.tier === 'full' || a.tier === 'iam-admin'))
        .map((a) => [a.principal, a]),
    );
    const outcomes = [];
    for (const role of authorizationDetails.RoleDetailList) {
      const admin = adminRoles.get(role.Arn);
      if (!admin || role.AssumeRolePolicyDocument === undefined) continue;
      const grants = trustGrants(role.AssumeRolePolicyDocument, {
        accountId: ctx.accountId,
        partition: ctx.partition,
        roleArn: role.Arn,
      });
      if (grants.length === 0) continue; // only services, federation or other accounts
      const open = grants.filter((g) => g.level !== 'mfa');
      outcomes.push(
        open.length === 0
          ? {
              status: 'pass' as const,
              resource: role.Arn,
              message: `Admin role ${role.RoleName} requires MFA to assume.`,
            }
          : {
              status: 'fail' as const,
              resource: role.Arn,
              message: `Admin role ${role.RoleName} can be assumed without MFA by ${open
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
