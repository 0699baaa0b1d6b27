import { describe, expect, it } from 'vitest';
import { snapshot } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import check from './root-credentials-stored-safely.js';

const base = { checkId: 'root-credentials-stored-safely', by: 'jane@example.com', note: 'safe B2' };

// TEST_NOW is 2026-11-23T12:00Z.
describe('root-credentials-stored-safely', () => {
  it('is manual, with instructions, without an attestation', () => {
    const [f] = runOne(check, snapshot().build());
    expect(f?.status).toBe('manual');
    expect(f?.message).toContain('attestation');
  });

  it('passes on a current attestation, showing who and when', () => {
    const [f] = runOne(check, snapshot().build(), {
      attestations: [{ ...base, date: '2026-06-01', expires: '2027-06-01' }],
    });
    expect(f?.status).toBe('pass');
    expect(f?.message).toContain('jane@example.com on 2026-06-01');
    expect(f?.message).toContain('safe B2');
  });

  it('is manual again once the attestation expired, saying so', () => {
    const [f] = runOne(check, snapshot().build(), {
      attestations: [{ ...base, date: '2025-06-01', expires: '2026-06-01' }],
    });
    expect(f?.status).toBe('manual');
    expect(f?.message).toContain('expired on 2026-06-01');
  });

  it('ignores attestations for other checks and ones dated in the future', () => {
    const [f] = runOne(check, snapshot().build(), {
      attestations: [
        { ...base, checkId: 'iam-unique-passwords', date: '2026-06-01' },
        { ...base, date: '2027-01-01' },
      ],
    });
    expect(f?.status).toBe('manual');
  });
});
