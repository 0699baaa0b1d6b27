import { describe, expect, it } from 'vitest';
import { snapshot } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import check from './iam-cloudshell-full-access.js';

describe('iam-cloudshell-full-access', () => {
  it('fails each user or group with AWSCloudShellFullAccess attached', () => {
    const findings = runOne(
      check,
      snapshot()
        .user('a', { attached: ['AWSCloudShellFullAccess'] })
        .group('Developers', { attached: ['AWSCloudShellFullAccess'] })
        .build(),
    );
    expect(findings.map((f) => [f.status, f.message])).toEqual([
      ['fail', 'AWSCloudShellFullAccess is attached to user a.'],
      ['fail', 'AWSCloudShellFullAccess is attached to group Developers.'],
    ]);
  });

  it('passes when attached to nobody', () => {
    expect(
      runOne(
        check,
        snapshot()
          .user('a', { attached: ['ReadOnlyAccess'] })
          .build(),
      )[0]?.status,
    ).toBe('pass');
  });
});
