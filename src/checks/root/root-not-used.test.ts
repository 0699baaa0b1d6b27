import { describe, expect, it } from 'vitest';
import { snapshot } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import check from './root-not-used.js';

// TEST_NOW is 2026-11-23T12:00Z; the builder's credential report was generated at 11:00Z.
describe('root-not-used', () => {
  it('passes when root never signed in and has no keys, and says how old the report is', () => {
    const [f] = runOne(check, snapshot().build());
    expect(f?.status).toBe('pass');
    expect(f?.message).toContain('no recorded use');
    expect(f?.message).toContain('generated 1 h ago');
  });

  it('fails on a console sign-in inside the window, with the date', () => {
    const [f] = runOne(check, snapshot().root({ passwordLastUsed: '2026-11-20T08:41:09+00:00' }).build());
    expect(f?.status).toBe('fail');
    expect(f?.message).toContain('password (console sign-in) on 2026-11-20');
    expect(f?.message).toContain('last 90 days');
  });

  it.each([1, 2])('fails when access key %i was used inside the window', (slot) => {
    const keys = [{ lastUsed: '2026-01-01T00:00:00+00:00' }, { lastUsed: '2026-01-01T00:00:00+00:00' }];
    keys[slot - 1] = { lastUsed: '2026-11-01T10:00:00+00:00' };
    const [f] = runOne(check, snapshot().root({ accessKeys: keys }).build());
    expect(f?.status).toBe('fail');
    expect(f?.message).toContain(`access key ${slot} on 2026-11-01`);
    expect(f?.message).not.toContain('2026-01-01');
  });

  it('passes when the last use is older than the window, naming it', () => {
    const [f] = runOne(check, snapshot().root({ passwordLastUsed: '2026-08-01T00:00:00+00:00' }).build());
    expect(f?.status).toBe('pass');
    expect(f?.message).toContain('last use: password (console sign-in) on 2026-08-01');
  });

  it('honours rootUnusedDays', () => {
    const snap = snapshot().root({ passwordLastUsed: '2026-11-13T00:00:00+00:00' }).build();
    expect(runOne(check, snap, { rootUnusedDays: 7 })[0]?.status).toBe('pass');
    expect(runOne(check, snap, { rootUnusedDays: 30 })[0]?.status).toBe('fail');
  });

  it('is an error when the credential report has no root row', () => {
    const snap = snapshot()
      .slice('credentialReport', { status: 'ok', data: { GeneratedTime: '2026-11-23T11:00:00Z', rows: [] } })
      .build();
    // AWS writes the root user's row as <root_account>:
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
    const [f] = runOne(check, snap);
    expect(f?.status).toBe('error');
    expect(f?.message).toBe(
      'The credential report, generated 1 h ago (2026-11-23T11:00:00.000Z; AWS reuses a report for up to 4 h), has no <root_account> row, so when the root user was last used is unknown.',
    );
  });

  it('is an error, never a pass, when the credential report was denied', () => {
    const snap = snapshot().denied('credentialReport', 'iam:GetCredentialReport').build();
    const [f] = runOne(check, snap);
    expect(f?.status).toBe('error');
    expect(f?.message).toContain('iam:GetCredentialReport');
  });
});
