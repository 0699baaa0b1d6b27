import { describe, expect, it } from 'vitest';
import { snapshot } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import check from './iam-unused-credentials.js';

// TEST_NOW is 2026-11-23T12:00:00Z.
describe('iam-unused-credentials', () => {
  it('passes credentials used within 45 days', () => {
    const findings = runOne(
      check,
      snapshot()
        .user('alice', {
          console: true,
          passwordLastUsed: '2026-11-20T00:00:00+00:00',
          accessKeys: [{ lastRotated: '2026-01-01T00:00:00+00:00', lastUsed: '2026-11-01T00:00:00+00:00' }],
        })
        .build(),
    );
    expect(findings.map((f) => f.status)).toEqual(['pass']);
  });

  it('fails a password and a key last used more than 45 days ago', () => {
    const [f] = runOne(
      check,
      snapshot()
        .user('bob', {
          console: true,
          passwordLastUsed: '2026-09-01T00:00:00+00:00',
          accessKeys: [{ lastRotated: '2026-01-01T00:00:00+00:00', lastUsed: '2026-08-01T00:00:00+00:00' }],
        })
        .build(),
    );
    expect(f?.status).toBe('fail');
    expect(f?.message).toContain('password last used 2026-09-01 (83 days ago)');
    expect(f?.message).toContain('access key 1 last used 2026-08-01');
  });

  it('counts a never-used credential older than the window as unused (no_information / N/A)', () => {
    const [f] = runOne(
      check,
      snapshot()
        .user('carol', {
          console: true,
          passwordLastUsed: 'no_information',
          accessKeys: [{ lastRotated: '2026-03-01T00:00:00+00:00' }],
        })
        .build(),
    );
    expect(f?.status).toBe('fail');
    expect(f?.message).toContain('password never used, set 326 days ago');
    expect(f?.message).toContain('access key 1 never used, created 267 days ago');
  });

  it('does not flag a never-used credential younger than the window, nor inactive keys or root', () => {
    const findings = runOne(
      check,
      snapshot()
        .root({ accessKeys: [{ lastRotated: '2020-01-01T00:00:00+00:00' }] })
        .user('dave', {
          accessKeys: [
            { lastRotated: '2026-11-01T00:00:00+00:00' },
            { active: false, lastRotated: '2020-01-01T00:00:00+00:00' },
          ],
        })
        .build(),
    );
    expect(findings.map((f) => [f.resource.split('/').pop(), f.status])).toEqual([['dave', 'pass']]);
  });

  it('honours unusedCredentialDays', () => {
    const snap = snapshot()
      .user('erin', { console: true, passwordLastUsed: '2026-10-20T00:00:00+00:00' })
      .build();
    expect(runOne(check, snap)[0]?.status).toBe('pass');
    expect(runOne(check, snap, { unusedCredentialDays: 30 })[0]?.status).toBe('fail');
  });
});
