import { outsideTrust, type OutsideGrant } from '../../policy/outside-trust.js';
import type { CheckOutcome, Severity } from '../types.js';
import { defineCheck } from '../types.js';
import { adminReport } from './report.js';

const PUBLIC_NAMES: Record<string, string> = {
  'token.actions.githubusercontent.com': 'GitHub Actions workflow of any repository',
  'cognito-identity.amazonaws.com': 'Cognito identity of any identity pool',
  'accounts.google.com': 'Google user of any app',
  'graph.facebook.com': 'Facebook user of any app',
  'www.amazon.com': 'Login with Amazon user of any app',
};

/** Who gets in, in words. */
function who(g: OutsideGrant): string {
  switch (g.kind) {
    case 'anyone':
      return 'anyone with an AWS account';
    case 'account':
      return g.principal.endsWith(':root') || /^\d{12}$/.test(g.principal)
        ? `account ${g.account ?? g.principal}`
        : `${g.principal} (account ${g.account ?? '?'})`;
    case 'saml':
      return `SAML provider ${g.principal.split('/').pop() ?? g.principal}`;
    case 'oidc': {
      const host = g.host ?? g.principal;
      return g.publicProvider ? `any ${PUBLIC_NAMES[host] ?? host}` : `any identity ${host} issues`;
    }
  }
}

/** What lets an outsider in (open grants) or keeps it out. */
function how(g: OutsideGrant): string {
  const on = g.conditions.length > 0 ? `conditions on ${g.conditions.join(', ')}` : '';
  if (!g.open) {
    if (g.kind === 'saml') return 'the identity provider decides who signs in';
    return `only with ${on}`;
  }
  if (g.kind === 'oidc') {
    const host = g.host ?? g.principal;
    const claim = host === 'cognito-identity.amazonaws.com' ? 'aud' : 'sub';
    return `no condition on ${host}:${claim} limits it${g.access === 'conditional' ? `; ${on}` : ''}`;
  }
  if (g.access === 'mfa') return 'MFA on a user of its own account is all it asks';
  const missing = g.kind === 'account' ? 'no ExternalId or MFA condition' : 'no condition limits it';
  return g.access === 'conditional' ? `${missing}; only ${on}, which an outsider can meet` : missing;
}

/** Anyone, or a public identity provider: the whole internet. Another account or the company's IdP: less. */
function severityOf(open: OutsideGrant[], tier: string): Severity {
  const internet = open.some((g) => g.kind === 'anyone' || (g.kind === 'oidc' && g.publicProvider));
  // A role that can only become admin is one step further from it.
  if (tier === 'potential') return internet ? 'high' : 'medium';
  return internet ? 'critical' : 'high';
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
    const adminRoles = new Map(report.admins.filter((a) => a.type === 'role').map((a) => [a.principal, a]));
    const outcomes: CheckOutcome[] = [];
    for (const role of authorizationDetails.RoleDetailList) {
      const admin = adminRoles.get(role.Arn);
      if (!admin || role.AssumeRolePolicyDocument === undefined) continue;
      const grants = outsideTrust(role.AssumeRolePolicyDocument, {
        accountId: ctx.accountId,
        partition: ctx.partition,
        roleArn: role.Arn,
      });
      if (grants.length === 0) continue;
      const open = grants.filter((g) => g.open);
      const list = (gs: OutsideGrant[]) => gs.map((g) => `${who(g)} (${how(g)})`).join('; ');
      const what = admin.tier === 'potential' ? 'can become admin' : 'is admin';
      outcomes.push(
        open.length > 0
          ? {
              status: 'fail',
              severity: severityOf(open, admin.tier),
              resource: role.Arn,
              message: `Role ${role.RoleName} ${what} (tier ${admin.tier}) and can be assumed from outside the account by ${list(open)}.`,
              details: { tier: admin.tier, outside: grants },
            }
          : {
              status: 'pass',
              resource: role.Arn,
              message: `Role ${role.RoleName} ${what} (tier ${admin.tier}); outside the account only ${list(grants)}.`,
              details: { tier: admin.tier, outside: grants },
            },
      );
    }
    if (outcomes.length === 0) {
      return [
        {
          status: 'pass',
          resource: `arn:${ctx.partition}:iam::${ctx.accountId}:root`,
          message: 'No admin role trusts anyone outside the account.',
        },
      ];
    }
    return outcomes;
  },
});
