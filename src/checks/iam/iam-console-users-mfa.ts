import { hasConsolePassword, isTrue, reportAgeNote, userRows } from '../lib/credential-report.js';
import { defineCheck } from '../types.js';
import { accountRoot } from '../lib/outcomes.js';

export default defineCheck({
  id: 'iam-console-users-mfa',
  title: 'Every IAM user with a console password has MFA',
  area: 'iam',
  severity: 'high',
  rationale:
    'A console password alone is one phishing email away from an account takeover. MFA on every console user ' +
    'stops a stolen password from being enough. (The root user is checked by root-mfa-enabled.)',
  controls: { cisV5: ['1.9'], cisV6: ['2.9'], securityHub: ['IAM.5'] },
  needs: ['credentialReport'],
  remediation: {
    action: 'iam-enable-user-mfa',
    manual: [
      'IAM > Users > (user) > Security credentials > Multi-factor authentication > Assign MFA device (passkey/security key preferred).',
      'Or have each user do it themselves; a policy can deny everything but MFA setup until MFA is present.',
    ],
  },
  run({ credentialReport }, ctx) {
    // Root is not an IAM user (prowler #3519); users without a console password cannot sign in there (cloudsploit #825).
    const consoleUsers = userRows(credentialReport.rows).filter(hasConsolePassword);
    if (consoleUsers.length === 0) {
      return [
        {
          status: 'pass',
          resource: accountRoot(ctx),
          message: 'No IAM user has a console password.',
        },
      ];
    }
    const note = reportAgeNote(credentialReport.GeneratedTime, ctx.now);
    return consoleUsers.map((row) =>
      isTrue(row.mfa_active)
        ? { status: 'pass', resource: row.arn, message: `${row.user} signs in to the console with MFA.` }
        : {
            status: 'fail',
            resource: row.arn,
            message: `${row.user} has a console password and no MFA${note}.`,
          },
    );
  },
});
