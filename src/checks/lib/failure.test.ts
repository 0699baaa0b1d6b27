import { describe, expect, it } from 'vitest';
import { describeFailure } from './failure.js';

describe('describeFailure', () => {
  it('names a missing permission only for a refusal', () => {
    expect(
      describeFailure({ kind: 'access-denied', message: 'AccessDenied: x', action: 'iam:ListUsers' }),
    ).toBe('access denied (missing permission iam:ListUsers)');
    expect(describeFailure({ kind: 'throttled', message: 'Rate exceeded', action: 'iam:ListUsers' })).toBe(
      'throttled by AWS calling iam:ListUsers; run again later (Rate exceeded)',
    );
    expect(
      describeFailure({ kind: 'not-found', message: 'NoSuchBucket: gone', action: 's3:GetBucketPolicy' }),
    ).toBe('NoSuchBucket: gone (calling s3:GetBucketPolicy)');
  });

  it('falls back to the part when no action was recorded, and to the message alone without either', () => {
    expect(describeFailure({ kind: 'other', message: 'boom' }, 'cloudtrail:GetTrailStatus')).toBe(
      'boom (calling cloudtrail:GetTrailStatus)',
    );
    expect(describeFailure({ kind: 'other', message: 'the log group is in account 1' })).toBe(
      'the log group is in account 1',
    );
  });

  it('a snapshot written before kinds were recorded keeps the old wording', () => {
    expect(describeFailure({ message: 'AccessDenied: x', action: 'sns:GetTopicAttributes' })).toBe(
      'AccessDenied: x (missing permission sns:GetTopicAttributes)',
    );
  });
});
