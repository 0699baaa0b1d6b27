import {
  accessKeys,
  daysBetween,
  orNoActiveKeys,
  reportAgeNote,
  userRows,
} from '../lib/credential-report.js';
import { isoDay } from '../lib/slices.js';
import { defineCheck, type CheckOutcome } from '../types.js';

export default defineCheck({
  id: 'iam-access-keys-rotated',
  title: 'Active IAM access keys are rotated at least every 90 days',
  area: 'iam',
  severity: 'medium',
  rationale:
    'Access keys end up in laptops, CI settings and old repositories. Rotating them every 90 days caps how long a ' +
    'copied key keeps working.',
  controls: { cisV5: ['1.13'], cisV6: ['2.13'], securityHub: ['IAM.3'] },
  needs: ['credentialReport'],
  remediation: {
    manual: [
      'Create a second key (aws iam create-access-key --user-name USER), move every consumer to it, deactivate the old key, delete it when nothing broke.',
      'Better: replace long-lived keys with roles (IAM Identity Center, OIDC for CI, instance profiles).',
    ],
  },
  run({ credentialReport }, ctx) {
    const max = ctx.options.accessKeyMaxAgeDays;
    const note = reportAgeNote(credentialReport.GeneratedTime, ctx.now);
    const findings = userRows(credentialReport.rows).flatMap((row): CheckOutcome[] =>
      accessKeys(row)
        .filter((k) => k.active)
        .map((k) => {
          const resource = `${row.arn}#access-key-${k.slot}`;
          if (!k.lastRotated) {
            return {
              status: 'fail' as const,
              resource,
              message: `${row.user}: access key ${k.slot} is active but its creation date is unknown (${row[`access_key_${k.slot}_last_rotated`]}).`,
            };
          }
          const days = daysBetween(k.lastRotated, ctx.now);
          return days > max
            ? {
                status: 'fail' as const,
                resource,
                message: `${row.user}: access key ${k.slot} was created ${isoDay(k.lastRotated)}, ${days} days ago (limit ${max})${note}.`,
                details: { ageDays: days, maxDays: max },
              }
            : {
                status: 'pass' as const,
                resource,
                message: `${row.user}: access key ${k.slot} is ${days} days old (limit ${max}).`,
                details: { ageDays: days, maxDays: max },
              };
        }),
    );
    return orNoActiveKeys(findings, ctx);
  },
});
