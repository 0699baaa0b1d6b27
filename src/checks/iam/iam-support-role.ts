import { attachmentsOf } from '../lib/iam.js';
import { defineCheck } from '../types.js';

export default defineCheck({
  id: 'iam-support-role',
  title: 'A role, group or user has AWSSupportAccess so incidents can be raised with AWS Support',
  area: 'iam',
  severity: 'low',
  rationale:
    'When something goes wrong, someone must be able to open an AWS Support case without using root or an admin ' +
    'user. CIS asks for a dedicated role with the AWSSupportAccess managed policy.',
  controls: { cisV5: ['1.16'], cisV6: ['2.16'], securityHub: ['IAM.18'] },
  needs: ['authorizationDetails'],
  remediation: {
    manual: [
      'Create a role people can assume (trust this account, require MFA) and attach AWSSupportAccess:',
      'aws iam create-role --role-name SupportCaseManager --assume-role-policy-document file://trust.json',
      'aws iam attach-role-policy --role-name SupportCaseManager --policy-arn arn:aws:iam::aws:policy/AWSSupportAccess',
    ],
  },
  run({ authorizationDetails }, ctx) {
    const resource = `arn:${ctx.partition}:iam::${ctx.accountId}:policy/AWSSupportAccess`;
    const holders = attachmentsOf(authorizationDetails, 'AWSSupportAccess');
    if (holders.length === 0) {
      return [
        { status: 'fail', resource, message: 'AWSSupportAccess is attached to no role, group or user.' },
      ];
    }
    return [
      {
        status: 'pass',
        resource,
        message: `AWSSupportAccess is attached to ${holders.map((h) => `${h.kind} ${h.name}`).join(', ')}.`,
        details: { attachedTo: holders.map((h) => h.arn) },
      },
    ];
  },
});
