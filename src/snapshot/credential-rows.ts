import type { CredentialReportRow } from './aws-shapes.js';

/**
 * The first row of each ARN (as a scan from the top finds it): one lookup per user, not a scan per user. AWS
 * writes one row per user; a hand-edited report with two keeps the first, for every reader alike.
 */
export function credentialRowsByArn(
  rows: readonly CredentialReportRow[] | undefined,
): Map<string, CredentialReportRow> {
  const out = new Map<string, CredentialReportRow>();
  for (const r of rows ?? []) if (!out.has(r.arn)) out.set(r.arn, r);
  return out;
}
