import { defineCheck } from '../types.js';

export default defineCheck({
  id: 'iam-password-policy',
  title:
    'An IAM password policy requires 14+ characters, all four character classes and prevents reuse of the last 24',
  area: 'iam',
  severity: 'medium',
  securityStatus: 5,
  rationale:
    'Without a policy IAM accepts short, simple passwords. CIS asks for at least 14 characters and reuse prevention ' +
    'of 24; Security Hub also checks each character class.',
  controls: {
    cisV5: ['1.7', '1.8'],
    cisV6: ['2.7', '2.8'],
    securityHub: ['IAM.7', 'IAM.11', 'IAM.12', 'IAM.13', 'IAM.14', 'IAM.15', 'IAM.16'],
  },
  needs: ['passwordPolicy'],
  remediation: {
    action: 'iam-set-password-policy',
    manual: [
      'IAM > Account settings > Password policy > Edit: minimum length 14, require uppercase, lowercase, numbers and ' +
        'symbols, prevent password reuse (24), allow users to change their own password.',
      'CLI: aws iam update-account-password-policy --minimum-password-length 14 --require-symbols --require-numbers ' +
        '--require-uppercase-characters --require-lowercase-characters --password-reuse-prevention 24 --allow-users-to-change-password',
    ],
  },
  run({ passwordPolicy }, ctx) {
    const resource = `arn:${ctx.partition}:iam::${ctx.accountId}:account-password-policy`;
    const policy = passwordPolicy.PasswordPolicy;
    if (!policy) {
      return [{ status: 'fail', resource, message: 'The account has no IAM password policy.' }];
    }
    const { passwordMinLength, passwordReusePrevention } = ctx.options;
    const problems: string[] = [];
    const length = policy.MinimumPasswordLength ?? 0;
    if (length < passwordMinLength) problems.push(`minimum length is ${length} (needs ${passwordMinLength})`);
    const reuse = policy.PasswordReusePrevention ?? 0;
    if (reuse < passwordReusePrevention) {
      problems.push(
        reuse === 0
          ? 'password reuse is not prevented'
          : `reuse prevention is ${reuse} (needs ${passwordReusePrevention})`,
      );
    }
    const classes: [boolean | undefined, string][] = [
      [policy.RequireUppercaseCharacters, 'uppercase letters'],
      [policy.RequireLowercaseCharacters, 'lowercase letters'],
      [policy.RequireNumbers, 'numbers'],
      [policy.RequireSymbols, 'symbols'],
    ];
    const missing = classes.filter(([required]) => required !== true).map(([, name]) => name);
    if (missing.length > 0) problems.push(`does not require ${missing.join(', ')}`);
    if (problems.length > 0) {
      return [
        {
          status: 'fail',
          resource,
          message: `The password policy is too weak: ${problems.join('; ')}.`,
          details: { problems },
        },
      ];
    }
    return [
      {
        status: 'pass',
        resource,
        message: `The password policy requires ${length}+ characters, all four character classes and prevents reuse of the last ${reuse}.`,
      },
    ];
  },
});
