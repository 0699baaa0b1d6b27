import { compileLevels } from '../../policy/admins.js';
import { normalizePolicy } from '../../policy/normalize.js';
import { describeOutside, outsideTrust, type OutsideGrant } from '../../policy/outside-trust.js';
import type { AuthorizationDetails } from '../../snapshot/aws-shapes.js';
import { rcpsOf, rcpsUnreadNote } from '../admins/report.js';
import { orAccountPass } from '../lib/outcomes.js';
import { defineCheck, type CheckOutcome } from '../types.js';

type Role = AuthorizationDetails['RoleDetailList'][number];

/** Grants the whole internet can use: `*` (anyone with an AWS account) or any identity of a public provider. */
const internetWide = (g: OutsideGrant): boolean =>
  g.kind === 'anyone' || (g.kind === 'oidc' && g.publicProvider === true);

/**
 * Does an Allow statement name `*` (or use NotPrincipal) or an OIDC provider? Only such trust policies can let
 * the internet in; reading the Principal elements is far cheaper than compiling every role's trust policy.
 */
function mayTrustTheInternet(doc: unknown): boolean {
  return normalizePolicy(doc).statements.some(
    (st) =>
      st.effect === 'Allow' &&
      (st.notPrincipal !== undefined ||
        st.principal?.any === true ||
        (st.principal?.aws ?? []).includes('*') ||
        (st.principal?.federated ?? []).some((f) => !f.includes(':saml-provider/'))),
  );
}

const policyNames = (role: Role): string[] => [
  ...(role.AttachedManagedPolicies ?? []).map((p) => p.PolicyName),
  ...(role.RolePolicyList ?? []).map((p) => `${p.PolicyName} (inline)`),
];

/** What the role holds, by policy name: the first three, then a count. */
function holdings(role: Role): string {
  const names = policyNames(role);
  if (names.length === 0) return 'it has no permission policy today';
  const more = names.length > 3 ? ` and ${names.length - 3} more` : '';
  return `it holds ${names.slice(0, 3).join(', ')}${more}`;
}

export default defineCheck({
  id: 'iam-roles-closed-to-the-internet',
  title:
    'No role can be assumed by anyone on the internet (Principal "*", any GitHub repository, any Cognito pool)',
  area: 'iam',
  severity: 'critical',
  rationale:
    'A role whose trust policy lets in "*" without a condition an outsider cannot meet, or any identity of a ' +
    'public identity provider (a GitHub Actions trust without a condition on the repository, a Cognito trust ' +
    'without the identity pool), hands its permissions to anyone on the internet, whatever those permissions ' +
    'are: read access to data is enough for a breach.',
  controls: {},
  needs: ['authorizationDetails'],
  uses: ['organization', 'resourceControlPolicies'],
  remediation: {
    manual: [
      'IAM > Roles > (role) > Trust relationships > Edit trust policy.',
      'Principal "*": name the accounts that need the role instead, or add "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-..."}}.',
      'GitHub Actions: add "StringEquals" (or "StringLike") on "token.actions.githubusercontent.com:sub": "repo:ORG/REPO:ref:refs/heads/main".',
      'Cognito: add "StringEquals" on "cognito-identity.amazonaws.com:aud": "<identity pool id>"; Google, Facebook, Login with Amazon: a condition on your app id.',
      'If nobody uses the role any more, delete it.',
    ],
  },
  run({ authorizationDetails }, ctx) {
    const rcps = compileLevels(rcpsOf(ctx.snapshot), 'RCP');
    const unread = rcpsUnreadNote(ctx);
    const outcomes: CheckOutcome[] = [];
    for (const role of authorizationDetails.RoleDetailList) {
      if (!mayTrustTheInternet(role.AssumeRolePolicyDocument)) continue;
      const grants = outsideTrust(role.AssumeRolePolicyDocument, {
        accountId: ctx.accountId,
        partition: ctx.partition,
        roleArn: role.Arn,
        rcps,
      }).filter(internetWide);
      if (grants.length === 0) continue;
      const open = grants.filter((g) => g.open);
      const list = (gs: OutsideGrant[]) => gs.map((g) => describeOutside(g)).join('; ');
      outcomes.push(
        open.length > 0
          ? {
              status: 'fail',
              // Nothing to take today (one attached policy away from it): medium, not critical.
              severity: policyNames(role).length > 0 ? 'critical' : 'medium',
              resource: role.Arn,
              message: `Role ${role.RoleName} can be assumed by ${list(open)}; ${holdings(role)}.${unread}`,
              details: { outside: grants },
            }
          : {
              status: 'pass',
              resource: role.Arn,
              message: `Role ${role.RoleName} trusts ${list(grants)}.`,
              details: { outside: grants },
            },
      );
    }
    return orAccountPass(outcomes, ctx, 'No role trusts "*" or a public identity provider.');
  },
});
