import { describe, expect, it } from 'vitest';
import { closest, editDistance } from './suggest.js';

const IDS = [
  'root-access-keys-absent',
  'root-mfa-enabled',
  'root-hardware-mfa',
  'iam-password-policy',
  'iam-password-policy-max-age',
  'iam-individual-users',
];

describe('editDistance', () => {
  it('counts edits', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});

describe('closest', () => {
  it('suggests a near miss first', () => {
    expect(closest('iam-pasword-policy', IDS)[0]).toBe('iam-password-policy');
  });
  it('suggests ids that contain the input', () => {
    expect(closest('root-mfa', IDS)).toEqual(['root-mfa-enabled', 'root-hardware-mfa']);
  });
  it('suggests nothing for unrelated input', () => {
    expect(closest('xyzzy', IDS)).toEqual([]);
  });
  it('suggests a field name for a typo', () => {
    expect(closest('unusedCredentialDay', ['unusedCredentialDays', 'rootUnusedDays'])).toEqual([
      'unusedCredentialDays',
    ]);
  });
});
