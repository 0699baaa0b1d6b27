import { describe, expect, it } from 'vitest';
import { snapshot } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import check from './iam-no-access-keys-at-setup.js';

const created = '2026-03-01T10:00:00+00:00';

describe('iam-no-access-keys-at-setup', () => {
  it('fails an unused key created with a console user', () => {
    const [f] = runOne(
      check,
      snapshot()
        .user('alice', { console: true, created, accessKeys: [{ lastRotated: '2026-03-01T10:00:04+00:00' }] })
        .build(),
    );
    expect(f).toMatchObject({ status: 'fail', severity: 'medium' });
    expect(f?.message).toContain(
      'access key 1 was created with the user (a console user) and has never been used',
    );
  });

  it('flags an API-only user at low severity', () => {
    const [f] = runOne(
      check,
      snapshot()
        .user('svc', { created, accessKeys: [{ lastRotated: created }] })
        .build(),
    );
    expect(f).toMatchObject({ status: 'fail', severity: 'low' });
  });

  it('passes a setup key that has been used, and a key created later', () => {
    const findings = runOne(
      check,
      snapshot()
        .user('bob', {
          created,
          accessKeys: [{ lastRotated: created, lastUsed: '2026-11-01T00:00:00+00:00' }],
        })
        .user('carol', { created, accessKeys: [{ lastRotated: '2026-05-01T00:00:00+00:00' }] })
        .build(),
    );
    expect(findings.map((f) => f.status)).toEqual(['pass', 'pass']);
  });

  it('ignores an inactive setup key', () => {
    const findings = runOne(
      check,
      snapshot()
        .user('dave', { created, accessKeys: [{ lastRotated: created, active: false }] })
        .build(),
    );
    expect(findings).toMatchObject([{ status: 'pass', message: 'No IAM user has an active access key.' }]);
  });
});
