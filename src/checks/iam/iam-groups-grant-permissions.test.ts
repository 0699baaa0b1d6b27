import { describe, expect, it } from 'vitest';
import { snapshot } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import check from './iam-groups-grant-permissions.js';

describe('iam-groups-grant-permissions', () => {
  it('reports one finding per user: pass for group-only, fail for attached or inline policies', () => {
    const snap = snapshot()
      .user('alice', { groups: ['Administrators'] })
      .user('bob', { attached: ['ReadOnlyAccess'] })
      .user('carol', { inline: { s3: { Version: '2012-10-17', Statement: [] } } })
      .build();
    const findings = runOne(check, snap);
    expect(findings.map((f) => [f.resource.split('/').pop(), f.status])).toEqual([
      ['alice', 'pass'],
      ['bob', 'fail'],
      ['carol', 'fail'],
    ]);
    expect(findings[1]?.message).toContain('attached: ReadOnlyAccess');
    expect(findings[2]?.message).toContain('inline: s3');
  });

  it('is not applicable on an account without users', () => {
    const findings = runOne(check, snapshot().build());
    expect(findings.map((f) => [f.status, f.message])).toEqual([
      ['not_applicable', 'The account has no IAM users yet.'],
    ]);
  });
});
