import { describe, expect, it } from 'vitest';
import { snapshot } from '../../snapshot/testing/builder.js';
import { runOne, statuses } from '../testing.js';
import check from './root-access-keys-absent.js';

describe('root-access-keys-absent', () => {
  it('passes when root has no keys', () => {
    expect(statuses(runOne(check, snapshot().build()))).toEqual(['pass']);
  });

  it('fails with the last-use date when root has an active key', () => {
    const [f] = runOne(
      check,
      snapshot()
        .root({ accessKeys: [{ lastUsed: '2026-11-01T10:00:00+00:00' }] })
        .build(),
    );
    expect(f?.status).toBe('fail');
    expect(f?.message).toContain('2026-11-01');
    expect(f?.resource).toBe('arn:aws:iam::123456789012:root');
  });

  it('fails on the live account summary even when the cached credential report does not show the key yet', () => {
    const snap = snapshot().build();
    snap.slices.accountSummary = { status: 'ok', data: { SummaryMap: { AccountAccessKeysPresent: 1 } } };
    expect(statuses(runOne(check, snap))).toEqual(['fail']);
  });

  it('is an error, never a pass, when the credential report was denied', () => {
    const snap = snapshot()
      .slice('credentialReport', {
        status: 'error',
        error: { kind: 'access-denied', message: 'AccessDenied', action: 'iam:GenerateCredentialReport' },
      })
      .build();
    const [f] = runOne(check, snap);
    expect(f?.status).toBe('error');
    expect(f?.message).toContain('iam:GenerateCredentialReport');
  });
});
