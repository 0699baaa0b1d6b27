import { describe, expect, it } from 'vitest';
import { snapshot } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import check from './iam-support-role.js';

describe('iam-support-role', () => {
  it('passes when a group or user has AWSSupportAccess', () => {
    const [f] = runOne(
      check,
      snapshot()
        .group('Support', { attached: ['AWSSupportAccess'] })
        .build(),
    );
    expect(f?.status).toBe('pass');
    expect(f?.message).toContain('group Support');
  });

  it('fails when nothing has AWSSupportAccess (a customer policy of that name does not count)', () => {
    const [f] = runOne(
      check,
      snapshot()
        .user('a', { attached: ['arn:aws:iam::123456789012:policy/AWSSupportAccess'] })
        .build(),
    );
    expect(f?.status).toBe('fail');
  });
});
