import {
  accessKeys,
  hasConsolePassword,
  orNoActiveKeys,
  reportDate,
  userRows,
} from '../lib/credential-report.js';
import { defineCheck, type CheckOutcome } from '../types.js';

/** A key created this close to the user counts as created "at setup" (the console wizard takes seconds). */
export const SETUP_WINDOW_MS = 60 * 60 * 1000;

export default defineCheck({
  id: 'iam-no-access-keys-at-setup',
  title: 'No access key was created with its IAM user and left unused',
  area: 'iam',
  severity: 'medium',
  rationale:
    'Ticking "access key" while creating a user hands out a long-lived credential nobody asked for. A key created ' +
    'with the user and never used is exactly that: delete it, and create keys only when a need appears.',
  controls: { cisV5: ['1.10'], cisV6: ['2.10'] },
  needs: ['credentialReport'],
  remediation: {
    manual: [
      'Delete the unused key: aws iam delete-access-key --user-name USER --access-key-id KEY (IAM > Users > (user) > Security credentials).',
      'Create access keys only when a program needs one, and prefer roles.',
    ],
  },
  run({ credentialReport }, ctx) {
    const findings = userRows(credentialReport.rows).flatMap((row): CheckOutcome[] => {
      const created = reportDate(row.user_creation_time);
      const atSetup = accessKeys(row).filter(
        (k) =>
          k.active &&
          k.lastUsed === undefined &&
          created !== undefined &&
          k.lastRotated !== undefined &&
          Math.abs(k.lastRotated.getTime() - created.getTime()) <= SETUP_WINDOW_MS,
      );
      if (atSetup.length === 0) {
        return accessKeys(row).some((k) => k.active)
          ? [
              {
                status: 'pass' as const,
                resource: row.arn,
                message: `${row.user}: no unused access key from user creation.`,
              },
            ]
          : [];
      }
      const console = hasConsolePassword(row);
      return [
        {
          status: 'fail' as const,
          resource: row.arn,
          // CIS scopes this to console users; an API-only user's unused setup key is still an idle credential.
          severity: console ? ('medium' as const) : ('low' as const),
          message: `${row.user}: ${atSetup.length > 1 ? 'access keys' : 'access key'} ${atSetup.map((k) => k.slot).join(' and ')} ${atSetup.length > 1 ? 'were' : 'was'} created with the user${console ? ' (a console user)' : ''} and ${atSetup.length > 1 ? 'have' : 'has'} never been used.`,
          details: { keySlots: atSetup.map((k) => k.slot) },
        },
      ];
    });
    return orNoActiveKeys(findings, ctx);
  },
});
