import { accessKeys, orNoActiveKeys, reportAgeNote, userRows } from '../lib/credential-report.js';
import { defineCheck, type CheckOutcome } from '../types.js';

export default defineCheck({
  id: 'iam-one-active-access-key',
  title: 'No IAM user has more than one active access key',
  area: 'iam',
  severity: 'medium',
  rationale:
    'A second active key is either a rotation left half-done or a key shared with another system; either way one ' +
    'of them is probably forgotten. One active key per user keeps ownership clear.',
  controls: { cisV5: ['1.12'], cisV6: ['2.12'] },
  needs: ['credentialReport'],
  remediation: {
    manual: [
      'Find which key is in use (access_key_N_last_used_date in the credential report), deactivate the other (aws iam update-access-key --status Inactive), delete it once nothing broke.',
    ],
  },
  run({ credentialReport }, ctx) {
    const note = reportAgeNote(credentialReport.GeneratedTime, ctx.now);
    const findings = userRows(credentialReport.rows).flatMap((row): CheckOutcome[] => {
      const active = accessKeys(row).filter((k) => k.active);
      if (active.length === 0) return [];
      if (active.length > 1) {
        return [
          {
            status: 'fail' as const,
            resource: row.arn,
            message: `${row.user} has ${active.length} active access keys${note}.`,
            details: { activeKeySlots: active.map((k) => k.slot) },
          },
        ];
      }
      return [
        { status: 'pass' as const, resource: row.arn, message: `${row.user} has one active access key.` },
      ];
    });
    return orNoActiveKeys(findings, ctx);
  },
});
