import { hasConsolePassword, isTrue, reportAgeNote, userRows } from '../lib/credential-report.js';
import { defineCheck } from '../types.js';
import { accountRoot } from '../lib/outcomes.js';

export default defineCheck({
  id: 'iam-users-mfa',
  title: 'Every IAM user has MFA',
  area: 'iam',
  severity: 'medium',
  rationale:
    'Security Hub IAM.19 asks for MFA on every IAM user, not only console users: policies can then require ' +
    'aws:MultiFactorAuthPresent for sensitive API calls, and a user given a password later is already protected.',
  controls: { securityHub: ['IAM.19'] },
  needs: ['credentialReport'],
  remediation: {
    action: 'iam-enable-user-mfa',
    manual: [
      'IAM > Users > (user) > Security credentials > Multi-factor authentication > Assign MFA device.',
    ],
  },
  run({ credentialReport }, ctx) {
    const users = userRows(credentialReport.rows);
    if (users.length === 0) {
      return [
        {
          status: 'pass',
          resource: accountRoot(ctx),
          message: 'The account has no IAM users.',
        },
      ];
    }
    const note = reportAgeNote(credentialReport.GeneratedTime, ctx.now);
    return users.map((row) => {
      if (isTrue(row.mfa_active)) {
        return { status: 'pass', resource: row.arn, message: `${row.user} has MFA.` };
      }
      const console = hasConsolePassword(row);
      return {
        status: 'fail',
        resource: row.arn,
        // An API-only user without MFA is a smaller risk: its keys do not need MFA unless a policy asks for it.
        severity: console ? 'medium' : 'low',
        message: console
          ? `${row.user} has no MFA (console user)${note}.`
          : `${row.user} has no MFA (no console password: it matters only where policies require MFA)${note}.`,
      };
    });
  },
});
