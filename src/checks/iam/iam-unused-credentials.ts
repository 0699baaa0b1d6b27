import {
  accessKeys,
  daysBetween,
  hasConsolePassword,
  reportAgeNote,
  reportDate,
  userRows,
} from '../lib/credential-report.js';
import { isoDay } from '../lib/slices.js';
import { defineCheck, type CheckOutcome } from '../types.js';
import { orAccountPass } from '../lib/outcomes.js';

export default defineCheck({
  id: 'iam-unused-credentials',
  title: 'No IAM user password or active access key has gone unused for 45 days or more',
  area: 'iam',
  severity: 'medium',
  rationale:
    'Credentials nobody uses are credentials nobody would notice being misused: people who left, keys of retired ' +
    'scripts. Disabling what is unused for 45 days shrinks what can leak.',
  controls: { cisV5: ['1.11'], cisV6: ['2.11'], securityHub: ['IAM.22', 'IAM.8'] },
  needs: ['credentialReport'],
  remediation: {
    manual: [
      'Password: IAM > Users > (user) > Security credentials > Console sign-in > Disable console access (aws iam delete-login-profile --user-name USER).',
      'Access key: deactivate it first (aws iam update-access-key --user-name USER --access-key-id KEY --status Inactive), delete it once nothing broke.',
      'Delete the user altogether when its owner has left.',
    ],
  },
  run({ credentialReport }, ctx) {
    const window = ctx.options.unusedCredentialDays;
    const users = userRows(credentialReport.rows);
    const note = reportAgeNote(credentialReport.GeneratedTime, ctx.now);
    const findings = users.flatMap((row): CheckOutcome[] => {
      const problems: string[] = [];
      const created = reportDate(row.user_creation_time);
      if (hasConsolePassword(row)) {
        const used = reportDate(row.password_last_used);
        // no_information / N/A: never used (since IAM started tracking in 2014). Count from when it was set.
        const since = used ?? reportDate(row.password_last_changed) ?? created;
        if (since && daysBetween(since, ctx.now) >= window) {
          problems.push(
            used
              ? `password last used ${isoDay(used)} (${daysBetween(used, ctx.now)} days ago)`
              : `password never used, set ${daysBetween(since, ctx.now)} days ago`,
          );
        }
      }
      for (const key of accessKeys(row).filter((k) => k.active)) {
        const since = key.lastUsed ?? key.lastRotated ?? created;
        if (since && daysBetween(since, ctx.now) >= window) {
          problems.push(
            key.lastUsed
              ? `access key ${key.slot} last used ${isoDay(key.lastUsed)} (${daysBetween(key.lastUsed, ctx.now)} days ago)`
              : `access key ${key.slot} never used, created ${daysBetween(since, ctx.now)} days ago`,
          );
        }
      }
      const hasCredentials = hasConsolePassword(row) || accessKeys(row).some((k) => k.active);
      if (!hasCredentials) return [];
      if (problems.length > 0) {
        return [
          {
            status: 'fail' as const,
            resource: row.arn,
            message: `${row.user}: ${problems.join('; ')} (limit ${window} days)${note}.`,
            details: { problems, windowDays: window },
          },
        ];
      }
      return [
        {
          status: 'pass' as const,
          resource: row.arn,
          message: `${row.user}: no credential has gone unused for ${window} days or more.`,
        },
      ];
    });
    return orAccountPass(findings, ctx, 'No IAM user has a console password or an active access key.');
  },
});
