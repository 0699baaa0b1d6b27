import { attachmentsOf } from '../lib/iam.js';
import { defineCheck } from '../types.js';

export default defineCheck({
  id: 'iam-cloudshell-full-access',
  title: 'AWSCloudShellFullAccess is attached to nobody',
  area: 'iam',
  severity: 'medium',
  rationale:
    'AWSCloudShellFullAccess lets a user upload and download files to and from CloudShell and reach the internet ' +
    'from it: an easy way to move data out of the account around every other control.',
  controls: { cisV5: ['1.21'], cisV6: ['2.21'], securityHub: ['IAM.27'] },
  needs: ['authorizationDetails'],
  remediation: {
    manual: [
      'Detach the policy (aws iam detach-group-policy / detach-user-policy / detach-role-policy --policy-arn arn:aws:iam::aws:policy/AWSCloudShellFullAccess).',
      'Grant a narrower CloudShell policy that denies cloudshell:PutFileUpload and cloudshell:GetFileDownload where CloudShell is needed.',
    ],
  },
  run({ authorizationDetails }, ctx) {
    const holders = attachmentsOf(authorizationDetails, 'AWSCloudShellFullAccess');
    if (holders.length === 0) {
      return [
        {
          status: 'pass',
          resource: `arn:${ctx.partition}:iam::aws:policy/AWSCloudShellFullAccess`,
          message: 'AWSCloudShellFullAccess is attached to no user, group or role.',
        },
      ];
    }
    return holders.map((h) => ({
      status: 'fail' as const,
      resource: h.arn,
      message: `AWSCloudShellFullAccess is attached to ${h.kind} ${h.name}.`,
    }));
  },
});
