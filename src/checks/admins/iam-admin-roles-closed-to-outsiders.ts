import { describeOutside, type OutsideGrant } from '../../policy/outside-trust.js';
import type { CheckOutcome, Severity } from '../types.js';
import { managementAccountOf } from '../../snapshot/org-policies.js';
import { defineCheck } from '../types.js';
import { adminReport, exportGapOutcome, rcpsUnreadNote } from './report.js';
import { orAccountPass } from '../lib/outcomes.js';

const RANKS: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

/**
 * Anyone, or a public identity provider: the whole internet (critical). Another account or the company's IdP:
 * high. Only the organization's management account: medium (the path Organizations itself creates, but
 * still one that needs no MFA). A role that can only become admin: one step lower.
 */
function severityOf(open: OutsideGrant[], tier: string, management: string | undefined): Severity {
  const internet = open.some((g) => g.kind === 'anyone' || (g.kind === 'oidc' && g.publicProvider));
  const onlyManagement = open.every((g) => g.kind === 'account' && g.account === management);
  const rank = (internet ? 0 : onlyManagement ? 2 : 1) + (tier === 'potential' ? 1 : 0);
  return RANKS[rank] ?? 'low';
}

export default defineCheck({
  id: 'iam-admin-roles-closed-to-outsiders',
  title:
    'Admin roles cannot be assumed from outside the account without ExternalId, MFA or a subject condition',
  area: 'admins',
  severity: 'critical',
  rationale:
    'A role that is admin (or can become admin) and that anyone, another account, or any identity of an OIDC ' +
    'provider may assume hands the account to outsiders: Principal "*", a vendor account without ExternalId ' +
    '(the confused deputy), a GitHub Actions trust without a condition on the repository (any repository on ' +
    'GitHub can then assume it).',
  controls: {},
  needs: ['authorizationDetails'],
  uses: ['organization', 'resourceControlPolicies'],
  remediation: {
    manual: [
      'IAM > Roles > (role) > Trust relationships > Edit trust policy.',
      'Another account that is a vendor: add "Condition": {"StringEquals": {"sts:ExternalId": "<id the vendor gave you>"}}.',
      'Another account of your own: add "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}, or name its role ARN.',
      'Principal "*": name the accounts instead, or add "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-..."}}.',
      'GitHub Actions: add "StringEquals" (or "StringLike") on "token.actions.githubusercontent.com:sub": "repo:ORG/REPO:ref:refs/heads/main".',
      'Cognito: add "StringEquals" on "cognito-identity.amazonaws.com:aud": "<identity pool id>"; other OIDC providers: a condition on PROVIDER:sub.',
    ],
  },
  run({ authorizationDetails }, ctx) {
    const report = adminReport(authorizationDetails, ctx);
    const gap = exportGapOutcome(authorizationDetails, ctx);
    if (gap) return gap;
    const management = managementAccountOf(ctx.snapshot);
    // Without the RCPs, an organization's data perimeter (an RCP denying outsiders) is not seen: said so.
    const unread = rcpsUnreadNote(ctx);
    const outcomes: CheckOutcome[] = [];
    for (const admin of report.admins) {
      const grants = admin.outside ?? [];
      if (grants.length === 0) continue;
      const open = grants.filter((g) => g.open);
      const list = (gs: OutsideGrant[]) => gs.map((g) => describeOutside(g, management)).join('; ');
      const what = admin.tier === 'potential' ? 'can become admin' : 'is admin';
      const details = { tier: admin.tier, outside: grants };
      outcomes.push(
        open.length > 0
          ? {
              status: 'fail',
              severity: severityOf(open, admin.tier, management),
              resource: admin.principal,
              message: `Role ${admin.name} ${what} (tier ${admin.tier}) and can be assumed from outside the account by ${list(open)}.${unread}`,
              details,
            }
          : {
              status: 'pass',
              resource: admin.principal,
              message: `Role ${admin.name} ${what} (tier ${admin.tier}); outside the account only ${list(grants)}.`,
              details,
            },
      );
    }
    return orAccountPass(outcomes, ctx, 'No admin role trusts anyone outside the account.');
  },
});
