import { defineCheck } from '../types.js';
import { accountRoot } from '../lib/outcomes.js';

export default defineCheck({
  id: 'iam-groups-grant-permissions',
  title: 'IAM users get their permissions only through groups',
  area: 'iam',
  severity: 'medium',
  securityStatus: 4,
  rationale:
    'Policies attached to individual users are hard to review and drift as people change roles. ' +
    'Granting permissions through groups keeps access consistent and makes removal a single step.',
  controls: { cisV5: ['1.14'], cisV6: ['2.14'], securityHub: ['IAM.2'] },
  needs: ['authorizationDetails'],
  remediation: {
    manual: [
      'For each listed user, add the user to a group that carries the permissions it needs (IAM > User groups).',
      'Then detach the managed policies from the user and delete its inline policies (IAM > Users > user > Permissions).',
    ],
  },
  run({ authorizationDetails }, ctx) {
    if (authorizationDetails.UserDetailList.length === 0) {
      return [
        {
          status: 'not_applicable',
          resource: accountRoot(ctx),
          message: 'The account has no IAM users yet.',
        },
      ];
    }
    return authorizationDetails.UserDetailList.map((user) => {
      const attached = (user.AttachedManagedPolicies ?? []).map((p) => p.PolicyName);
      const inline = (user.UserPolicyList ?? []).map((p) => p.PolicyName);
      if (attached.length === 0 && inline.length === 0) {
        return {
          status: 'pass',
          resource: user.Arn,
          message: `${user.UserName} has no policies of its own.`,
        };
      }
      const parts = [
        attached.length > 0 ? `attached: ${attached.join(', ')}` : '',
        inline.length > 0 ? `inline: ${inline.join(', ')}` : '',
      ].filter(Boolean);
      return {
        status: 'fail',
        resource: user.Arn,
        message: `${user.UserName} has policies of its own (${parts.join('; ')}).`,
        details: { attached, inline },
      };
    });
  },
});
