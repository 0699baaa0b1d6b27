import type { Attestation, CheckOptions } from '../types.js';
import { isPastDay } from './dates.js';

/** An attestation counts from its date (not in the future) through its expiry day, when it has one. */
export function attestationValidAt(a: Attestation, now: Date): boolean {
  const from = new Date(a.date);
  if (Number.isNaN(from.getTime()) || from.getTime() > now.getTime()) return false;
  // The expiry date is the last day the attestation counts (as for suppressions).
  return a.expires === undefined || !isPastDay(a.expires, now);
}

/** The newest valid attestation for `checkId`, and any expired one (to say it needs renewing). */
export function findAttestation(
  options: CheckOptions,
  checkId: string,
  now: Date,
): { valid: Attestation | undefined; expired: Attestation | undefined } {
  const mine = options.attestations.filter((a) => a.checkId === checkId);
  const valid = mine
    .filter((a) => attestationValidAt(a, now))
    .sort((a, b) => b.date.localeCompare(a.date))[0];
  const expired = mine.find((a) => a.expires !== undefined && !attestationValidAt(a, now));
  return { valid, expired };
}

/** Who confirmed it, when, until when and their note: "jane@example.com on 2026-11-01 (until 2027-11-01): vault B2". */
export const attestationText = (a: Attestation): string =>
  `${a.by} on ${a.date}${a.expires ? ` (until ${a.expires})` : ''}: ${a.note}`;
