import { defineCheck } from '../types.js';

const NIST_NOTE =
  'NIST SP 800-63B no longer recommends forced periodic rotation (change passwords on evidence of compromise ' +
  'instead); CIS v1.2 and Security Hub IAM.17 still ask for expiry within 90 days, so this fails at low severity.';

export default defineCheck({
  id: 'iam-password-policy-max-age',
  title: 'IAM user passwords expire within the configured maximum age (default 90 days)',
  area: 'iam',
  severity: 'low',
  rationale:
    'Expiring passwords limits how long a leaked password stays useful. CIS v1.2 and Security Hub IAM.17 ask for ' +
    '90 days or less; NIST SP 800-63B now prefers long unique passwords with MFA over forced rotation, hence the low severity.',
  controls: { securityHub: ['IAM.17'] },
  needs: ['passwordPolicy'],
  remediation: {
    action: 'iam-set-password-policy',
    manual: [
      'IAM > Account settings > Password policy > Edit: turn on "Enable password expiration" and set 90 days.',
      'CLI: aws iam update-account-password-policy --max-password-age 90 (repeat the other settings: the call replaces the whole policy).',
    ],
  },
  run({ passwordPolicy }, ctx) {
    const resource = `arn:${ctx.partition}:iam::${ctx.accountId}:account-password-policy`;
    const max = ctx.options.passwordMaxAgeDays;
    const policy = passwordPolicy.PasswordPolicy;
    if (!policy) {
      return [
        {
          status: 'fail',
          resource,
          message: `The account has no IAM password policy, so passwords never expire (wanted: ${max} days or less). ${NIST_NOTE}`,
        },
      ];
    }
    const age = policy.MaxPasswordAge;
    if (policy.ExpirePasswords !== true || age === undefined || age <= 0) {
      return [
        {
          status: 'fail',
          resource,
          message: `Passwords never expire (wanted: ${max} days or less). ${NIST_NOTE}`,
          details: { maxPasswordAge: null, wanted: max },
        },
      ];
    }
    if (age > max) {
      return [
        {
          status: 'fail',
          resource,
          message: `Passwords expire after ${age} days (wanted: ${max} days or less).`,
          details: { maxPasswordAge: age, wanted: max },
        },
      ];
    }
    return [
      {
        status: 'pass',
        resource,
        message: `Passwords expire after ${age} days (${max} or less).`,
        details: { maxPasswordAge: age, wanted: max },
      },
    ];
  },
});
