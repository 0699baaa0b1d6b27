import type { CredentialReportRow } from '../../snapshot/aws-shapes.js';
import type { CheckContext, CheckOutcome } from '../types.js';
import { accountRoot } from './outcomes.js';

/** The credential report names the root user this way. */
export const ROOT_USER = '<root_account>';

export const rootRow = (rows: readonly CredentialReportRow[]): CredentialReportRow | undefined =>
  rows.find((r) => r.user === ROOT_USER);

export const userRows = (rows: readonly CredentialReportRow[]): CredentialReportRow[] =>
  rows.filter((r) => r.user !== ROOT_USER);

export const isTrue = (value: string | undefined): boolean => value?.toLowerCase() === 'true';

/** A credential-report date column: an ISO date, or one of N/A, no_information, not_supported. */
export function reportDate(value: string | undefined): Date | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}T/.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export const daysBetween = (from: Date, to: Date): number =>
  Math.floor((to.getTime() - from.getTime()) / 86_400_000);

export interface AccessKeyColumns {
  slot: 1 | 2;
  active: boolean;
  lastRotated: Date | undefined;
  lastUsed: Date | undefined;
}

export function accessKeys(row: CredentialReportRow): AccessKeyColumns[] {
  return ([1, 2] as const).map((slot) => ({
    slot,
    active: isTrue(row[`access_key_${slot}_active`]),
    lastRotated: reportDate(row[`access_key_${slot}_last_rotated`]),
    lastUsed: reportDate(row[`access_key_${slot}_last_used_date`]),
  }));
}

/** The user can sign in to the console (root's column says not_supported and is never true). */
export const hasConsolePassword = (row: CredentialReportRow): boolean => isTrue(row.password_enabled);

/**
 * A sentence for failing findings built on the credential report: AWS regenerates it at most every 4 hours,
 * so a fix made after GeneratedTime shows only in the next report.
 */
export function reportAgeNote(generatedTime: string, now: Date): string {
  const generated = new Date(generatedTime);
  if (Number.isNaN(generated.getTime())) return '';
  const hours = Math.max(0, Math.round((now.getTime() - generated.getTime()) / 3_600_000));
  return ` (credential report generated ${generatedTime}, ${hours} h ago; AWS refreshes it at most every 4 hours, so a fix made since then shows in the next report)`;
}

/** The per-key checks' findings, or their one account-wide pass when no user has an active access key. */
export function orNoActiveKeys(
  findings: CheckOutcome[],
  ctx: Pick<CheckContext, 'partition' | 'accountId'>,
): CheckOutcome[] {
  if (findings.length > 0) return findings;
  const resource = accountRoot(ctx);
  return [{ status: 'pass', resource, message: 'No IAM user has an active access key.' }];
}

/**
 * A warning when the snapshot's credential report was generated more than `maxHours` before the snapshot
 * (thresholds.credentialReportMaxAgeHours): every finding built on it describes the account as it was then.
 * AWS serves a cached report for up to 4 hours, so only a report kept from an older collection or export
 * goes past the default.
 */
export function staleReportWarning(
  generatedTime: string,
  snapshotTime: string,
  maxHours: number,
): string | undefined {
  const age = (Date.parse(snapshotTime) - Date.parse(generatedTime)) / 3_600_000;
  if (!Number.isFinite(age) || age <= maxHours) return undefined;
  return `The credential report was generated ${generatedTime}, ${Math.floor(age)} h before the snapshot (more than thresholds.credentialReportMaxAgeHours, ${maxHours} h): the checks built on it see the account as it was then; collect again for a fresh one.`;
}
