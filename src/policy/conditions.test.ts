import { describe, expect, it } from 'vitest';
import { parseDate } from './conditions.js';

// Date condition values: W3C ISO 8601 or epoch seconds; a date without an offset is UTC, whatever the
// machine's time zone. Expected values are written out in epoch milliseconds, not computed with Date.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date
describe('parseDate', () => {
  it.each([
    ['2026-01-01T00:00:00Z', 1767225600000],
    ['2026-01-01T00:00:00', 1767225600000],
    ['2026-01-01', 1767225600000],
    ['2026-01', 1767225600000],
    ['2026-01-01T00:00', 1767225600000],
    ['2026-06-01T12:30:00', 1780317000000],
    ['2026-06-01T12:30:00.250', 1780317000250],
    ['2026-06-01T14:30:00+02:00', 1780317000000],
    ['2026-06-01T07:00:00-05:30', 1780317000000],
    ['2026-06-01t12:30:00z', 1780317000000],
    ['1767225600', 1767225600000],
    ['1767225600.5', 1767225600500],
    [' 2026-01-01T00:00:00Z ', 1767225600000],
  ])('%s is %d', (text, ms) => {
    expect(parseDate(text)).toBe(ms);
  });

  it.each([
    '',
    'yesterday',
    '01/01/2030',
    'Jan 1 2030',
    '2026-02-30',
    '2026-13-01',
    '2026-01-01T24:30:00Z',
    '2026-01-01T00:00:00+25:00',
    '2026-01-01 00:00:00',
    '-1767225600',
  ])('%j is not a date', (text) => {
    expect(parseDate(text)).toBeNaN();
  });
});
