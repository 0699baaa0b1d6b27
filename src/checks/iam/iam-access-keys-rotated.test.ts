import { describe, expect, it } from 'vitest';
import { snapshot } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import check from './iam-access-keys-rotated.js';

describe('iam-access-keys-rotated', () => {
  it('fails an active key older than 90 days, passes a young one, ignores inactive keys', () => {
    const findings = runOne(
      check,
      snapshot()
        .user('alice', {
          accessKeys: [
            { lastRotated: '2026-10-01T00:00:00+00:00' },
            { lastRotated: '2026-01-01T00:00:00+00:00', active: false },
          ],
        })
        .user('bob', { accessKeys: [{ lastRotated: '2026-05-01T00:00:00+00:00' }] })
        .build(),
    );
    expect(findings.map((f) => [f.resource.split('/').pop(), f.status])).toEqual([
      ['alice#access-key-1', 'pass'],
      ['bob#access-key-1', 'fail'],
    ]);
    expect(findings[1]?.message).toContain('created 2026-05-01, 206 days ago (limit 90)');
  });

  it('honours accessKeyMaxAgeDays', () => {
    const snap = snapshot()
      .user('bob', { accessKeys: [{ lastRotated: '2026-05-01T00:00:00+00:00' }] })
      .build();
    expect(runOne(check, snap, { accessKeyMaxAgeDays: 365 })[0]?.status).toBe('pass');
  });

  it('passes when no user has an active key', () => {
    expect(runOne(check, snapshot().user('alice', { console: true }).build())[0]?.message).toBe(
      'No IAM user has an active access key.',
    );
  });
});
