import { describe, expect, it } from 'vitest';
import { CIS_PASSWORD_POLICY, snapshot } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import check from './iam-unique-passwords.js';

const snap = snapshot().passwordPolicy(CIS_PASSWORD_POLICY).build();

describe('iam-unique-passwords', () => {
  it('is manual without an attestation and shows the reuse-prevention proxy', () => {
    const [f] = runOne(check, snap);
    expect(f?.status).toBe('manual');
    expect(f?.message).toContain('password reuse prevention is 24');
  });

  it('passes with a valid attestation for this check only', () => {
    const attestation = {
      checkId: 'iam-unique-passwords',
      by: 'cto@acme.example',
      date: '2026-10-01',
      note: '1Password',
    };
    expect(runOne(check, snap, { attestations: [attestation] })[0]?.status).toBe('pass');
    expect(
      runOne(check, snap, {
        attestations: [{ ...attestation, checkId: 'root-credentials-stored-safely' }],
      })[0]?.status,
    ).toBe('manual');
    expect(
      runOne(check, snap, { attestations: [{ ...attestation, expires: '2026-11-01' }] })[0]?.message,
    ).toContain('expired');
  });

  it('says when reuse prevention is off', () => {
    expect(runOne(check, snapshot().passwordPolicy(null).build())[0]?.message).toContain(
      'reuse prevention is off',
    );
  });
});
