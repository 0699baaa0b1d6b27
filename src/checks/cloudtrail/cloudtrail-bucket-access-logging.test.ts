import { describe, expect, it } from 'vitest';
import type { TrailBucket } from '../../snapshot/aws-shapes.js';
import { snapshot } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import check from './cloudtrail-bucket-access-logging.js';

const run = (b: Partial<TrailBucket>) =>
  runOne(
    check,
    snapshot()
      .slice('trails', {
        status: 'ok',
        data: {
          Trails: [
            {
              Trail: { Name: 'main', TrailARN: 'arn:t', HomeRegion: 'us-east-1', S3BucketName: 'logs' },
              Status: null,
              Selectors: null,
              errors: [],
            },
          ],
        },
      })
      .slice('trailBuckets', {
        status: 'ok',
        data: {
          Buckets: [
            {
              Name: 'logs',
              Policy: null,
              PublicAccessBlock: null,
              Encryption: null,
              Logging: null,
              errors: [],
              ...b,
            },
          ],
        },
      })
      .build(),
  );

describe('cloudtrail-bucket-access-logging', () => {
  it('passes with LoggingEnabled and fails without', () => {
    expect(run({ Logging: { LoggingEnabled: { TargetBucket: 'access-logs' } } })[0]?.message).toContain(
      'access-logs',
    );
    expect(run({ Logging: {} })[0]?.status).toBe('fail');
  });
  it('is an error naming s3:GetBucketLogging when it could not be read', () => {
    const [f] = run({
      errors: [{ part: 'GetBucketLogging', message: 'Access Denied', action: 's3:GetBucketLogging' }],
    });
    expect(f?.status).toBe('error');
    expect(f?.message).toContain('s3:GetBucketLogging');
  });
});
