import { defineCheck } from '../types.js';
import { accountRoot } from '../lib/outcomes.js';

export default defineCheck({
  id: 'iam-individual-users',
  title: 'People sign in with their own IAM users or federated identities, not as root',
  area: 'iam',
  severity: 'high',
  securityStatus: 3,
  rationale:
    'Daily work as the root user cannot be limited or audited per person. Each person needs an identity of their own: ' +
    'an IAM user, or federation through IAM Identity Center or an identity provider.',
  controls: { cisV5: ['1.20'], cisV6: ['2.20'] },
  needs: ['authorizationDetails'],
  uses: ['accountSummary'],
  remediation: {
    action: 'iam-create-admin-user',
    manual: [
      'Create an IAM user for yourself (IAM > Users > Create user) with console access, in an administrators group.',
      'Or set up IAM Identity Center and sign in through its portal.',
      'Sign out of the root user and sign in with the new identity.',
    ],
  },
  run({ authorizationDetails }, ctx) {
    const resource = accountRoot(ctx);
    const users = authorizationDetails.UserDetailList.length;
    if (users > 0) {
      return [
        { status: 'pass', resource, message: `The account has ${users} IAM user(s).`, details: { users } },
      ];
    }
    const summary = ctx.snapshot.slices.accountSummary;
    const providers = summary.status === 'ok' ? (summary.data.SummaryMap.Providers ?? 0) : 0;
    // IAM Identity Center provisions roles under this path; their presence means people sign in through it.
    const ssoRoles = authorizationDetails.RoleDetailList.filter((r) =>
      (r.Path ?? '').startsWith('/aws-reserved/sso.amazonaws.com/'),
    ).length;
    if (providers > 0 || ssoRoles > 0) {
      return [
        {
          status: 'pass',
          resource,
          message:
            ssoRoles > 0
              ? `No IAM users, but IAM Identity Center is in use (${ssoRoles} permission-set role(s)).`
              : `No IAM users, but ${providers} identity provider(s) are configured for federation.`,
          details: { users, providers, ssoRoles },
        },
      ];
    }
    return [
      {
        status: 'fail',
        resource,
        message:
          'The account has no IAM users and no identity federation: everyone who signs in uses the root user.',
      },
    ];
  },
});
