import { describe, expect, it } from 'vitest';
import { accountRoot, orAccountPass } from './outcomes.js';

const ctx = { partition: 'aws-us-gov', accountId: '111122223333' };

describe('outcomes', () => {
  it('names the account by its root ARN, in its partition', () => {
    expect(accountRoot(ctx)).toBe('arn:aws-us-gov:iam::111122223333:root');
  });

  it('keeps the outcomes, or passes the account once when there are none', () => {
    const fail = { status: 'fail' as const, resource: 'arn:aws:iam::111122223333:user/a', message: 'm' };
    expect(orAccountPass([fail], ctx, 'all good')).toEqual([fail]);
    expect(orAccountPass([], ctx, 'all good')).toEqual([
      { status: 'pass', resource: 'arn:aws-us-gov:iam::111122223333:root', message: 'all good' },
    ]);
  });
});
