import { describe, expect, it } from 'vitest';
import { snapshot } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import check from './iam-no-shared-users.js';

const names = (fs: { resource: string; status: string }[]) =>
  fs.map((f) => [f.resource.split('/').pop(), f.status]);

describe('iam-no-shared-users', () => {
  it('flags role-like names split on camelCase, _, -, . and passes personal names', () => {
    const snap = [
      'networkAdmin',
      'DbaAdmin',
      'AccountsAdmin',
      'admin',
      'devops',
      'ops_team',
      'test',
      'jsmith',
      'Jane_Doe',
    ]
      .reduce((b, n) => b.user(n), snapshot())
      .build();
    expect(names(runOne(check, snap))).toEqual([
      ['networkAdmin', 'fail'],
      ['DbaAdmin', 'fail'],
      ['AccountsAdmin', 'fail'],
      ['admin', 'fail'],
      ['devops', 'fail'],
      ['ops_team', 'fail'],
      ['test', 'fail'],
      ['jsmith', 'pass'],
      ['Jane_Doe', 'pass'],
    ]);
  });

  it('honours a configured word list', () => {
    const snap = snapshot().user('warehouse-bot').build();
    expect(runOne(check, snap)[0]?.status).toBe('pass');
    expect(runOne(check, snap, { sharedUserWords: ['bot'] })[0]?.message).toContain('bot');
  });

  it('flags console users outside the naming standard, not API-only ones or exemptions', () => {
    const snap = snapshot()
      .user('jsmith', { console: true })
      .user('pipeline', { accessKeys: [{}] })
      .user('breakglass', { console: true })
      .build();
    const findings = runOne(check, snap, {
      sharedUserWords: [],
      namingStandard: { preset: 'initials-id', exemptions: ['break*'] },
    });
    expect(names(findings)).toEqual([
      ['jsmith', 'fail'],
      ['pipeline', 'pass'],
      ['breakglass', 'pass'],
    ]);
    expect(findings[0]?.message).toContain('does not follow the naming standard');
  });

  it('is an error, never a pass, for a user outside the naming standard when the credential report is unreadable', () => {
    const snap = snapshot()
      .user('jsmith', { console: true })
      .user('admin')
      .user('breakglass', { console: true })
      .denied('credentialReport', 'iam:GetCredentialReport')
      .build();
    const findings = runOne(check, snap, {
      namingStandard: { preset: 'initials-id', exemptions: ['break*'] },
    });
    expect(names(findings)).toEqual([
      ['jsmith', 'error'],
      ['admin', 'fail'],
      ['breakglass', 'pass'],
    ]);
    expect(findings[0]?.message).toContain('access denied (missing permission iam:GetCredentialReport)');
  });
});
