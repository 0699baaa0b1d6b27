import type { Attestation } from '../types.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** True for a real calendar date written `YYYY-MM-DD` (2026-02-30 is not one). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * True once `now` is past the whole UTC day `date` (`YYYY-MM-DD`): an expiry date is the last day something
 * still counts. Anything that is not a valid date counts as past, so a bad value never extends a grace period.
 */
export function isPastDay(date: string, now: Date): boolean {
  if (!isIsoDate(date)) return true;
  return now.getTime() >= Date.parse(`${date}T00:00:00Z`) + DAY_MS;
}

/** The most recent attestation for a check that has not expired at `now`, if any. */
export function activeAttestation(
  attestations: readonly Attestation[],
  checkId: string,
  now: Date,
): Attestation | undefined {
  return attestations
    .filter((a) => a.checkId === checkId && !(a.expires !== undefined && isPastDay(a.expires, now)))
    .sort((a, b) => b.date.localeCompare(a.date))[0];
}
