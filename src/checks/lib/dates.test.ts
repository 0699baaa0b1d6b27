import { describe, expect, it } from 'vitest';
import type { Attestation } from '../types.js';
import { activeAttestation, isIsoDate, isPastDay } from './dates.js';

describe('isIsoDate', () => {
  it.each(['2026-01-31', '2028-02-29', '1999-12-01'])('accepts %s', (d) => {
    expect(isIsoDate(d)).toBe(true);
  });
  it.each([
    '2026-02-30',
    '2027-02-29',
    '2026-13-01',
    '2026-1-01',
    '26-01-01',
    '2026-01-01T00:00:00Z',
    'soon',
    '',
  ])('rejects %s', (d) => {
    expect(isIsoDate(d)).toBe(false);
  });
});

describe('isPastDay', () => {
  it('counts the expiry day itself as still valid (UTC)', () => {
    expect(isPastDay('2026-11-23', new Date('2026-11-23T23:59:59Z'))).toBe(false);
    expect(isPastDay('2026-11-23', new Date('2026-11-24T00:00:00Z'))).toBe(true);
    expect(isPastDay('2026-11-22', new Date('2026-11-23T00:00:00Z'))).toBe(true);
  });
  it('treats an invalid date as past', () => {
    expect(isPastDay('2026-02-30', new Date('2020-01-01T00:00:00Z'))).toBe(true);
  });
});

describe('activeAttestation', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  const a = (date: string, expires?: string, checkId = 'root-credentials-stored-safely'): Attestation => ({
    checkId,
    by: 'Jane',
    date,
    note: 'in the safe',
    ...(expires ? { expires } : {}),
  });
  it('returns the newest unexpired attestation of that check', () => {
    const list = [a('2026-01-01'), a('2026-06-01', '2026-11-23'), a('2026-09-01', '2026-10-01')];
    expect(activeAttestation(list, 'root-credentials-stored-safely', now)?.date).toBe('2026-06-01');
  });
  it('ignores other checks and expired ones', () => {
    expect(activeAttestation([a('2026-01-01', '2026-11-22')], 'root-credentials-stored-safely', now)).toBe(
      undefined,
    );
    expect(
      activeAttestation([a('2026-01-01', undefined, 'other')], 'root-credentials-stored-safely', now),
    ).toBe(undefined);
  });
});
