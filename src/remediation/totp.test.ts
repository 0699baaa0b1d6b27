import { describe, expect, it } from 'vitest';
import { base32Decode, consecutiveCodes, totp } from './totp.js';

// RFC 6238 appendix B: SHA-1 with the ASCII key "12345678901234567890", 8 digits.
const KEY = Buffer.from('12345678901234567890', 'ascii');
const SEED = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // the same key in base32

describe('totp (RFC 6238)', () => {
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
  ])('at %i s gives %s', (seconds, code) => {
    expect(totp(KEY, Math.floor(seconds / 30), 8)).toBe(code);
  });

  it('decodes base32 seeds', () => {
    expect(base32Decode(SEED)).toEqual(KEY);
    expect(() => base32Decode('not base32!')).toThrow();
  });

  it('accepts two consecutive recent codes and nothing else', () => {
    const now = new Date(1_234_567_890_000);
    const c = Math.floor(1_234_567_890 / 30);
    const at = (n: number) => totp(KEY, n);
    expect(consecutiveCodes(SEED, at(c - 1), at(c), now)).toBe(true);
    expect(consecutiveCodes(SEED, at(c), at(c + 1), now)).toBe(true);
    expect(consecutiveCodes(SEED, at(c), at(c - 1), now)).toBe(false); // wrong order
    expect(consecutiveCodes(SEED, at(c - 1), at(c + 1), now)).toBe(false); // not consecutive
    expect(consecutiveCodes(SEED, at(c - 20), at(c - 19), now)).toBe(false); // too old
  });
});
