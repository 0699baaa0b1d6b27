import { describe, expect, it } from 'vitest';
import type { TrailBucket } from '../../snapshot/aws-shapes.js';
import { snapshot } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import check from './cloudtrail-bucket-not-public.js';

const PAB = {
  PublicAccessBlockConfiguration: {
    BlockPublicAcls: true,
    IgnorePublicAcls: true,
    BlockPublicPolicy: true,
    RestrictPublicBuckets: true,
  },
};
const bucket = (b: Partial<TrailBucket>): TrailBucket => ({
  Name: 'logs',
  Policy: {
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: '*',
      },
    ],
  },
  PublicAccessBlock: PAB,
  Encryption: null,
  Logging: null,
  errors: [],
  ...b,
});
const run = (b: TrailBucket | null) =>
  runOne(
    check,
    snapshot()
      .slice('trails', {
        status: 'ok',
        data: {
          Trails:
            b === null
              ? []
              : [
                  {
                    Trail: { Name: 'main', TrailARN: 'arn:t', HomeRegion: 'us-east-1', S3BucketName: 'logs' },
                    Status: null,
                    Selectors: null,
                    errors: [],
                  },
                ],
        },
      })
      .slice('trailBuckets', { status: 'ok', data: { Buckets: b ? [b] : [] } })
      .build(),
  );

describe('cloudtrail-bucket-not-public', () => {
  it('passes a private bucket with all four public-access-block settings', () => {
    expect(run(bucket({}))[0]?.status).toBe('pass');
  });

  it.each([
    ['*', undefined],
    [{ AWS: '*' }, undefined],
    [{ AWS: ['*'] }, { Bool: { 'aws:SecureTransport': 'true' } }],
  ])('fails Principal %j without a restricting condition', (Principal, Condition) => {
    const policy = {
      Statement: [
        { Sid: 'Public', Effect: 'Allow', Principal, Action: 's3:GetObject', Resource: '*', Condition },
      ],
    };
    const [f] = run(bucket({ Policy: policy }));
    expect(f?.status).toBe('fail');
    expect(f?.message).toContain('statement Public allows everyone s3:GetObject');
  });

  it('accepts Principal * restricted by aws:SourceArn or aws:PrincipalOrgID, and ignores Deny', () => {
    const policy = {
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: '*',
          Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } },
        },
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: '*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ],
    };
    expect(run(bucket({ Policy: policy }))[0]?.status).toBe('pass');
  });

  it('fails a missing or partial public access block', () => {
    expect(run(bucket({ PublicAccessBlock: null }))[0]?.message).toContain('no public access block');
    const partial = {
      PublicAccessBlockConfiguration: { ...PAB.PublicAccessBlockConfiguration, RestrictPublicBuckets: false },
    };
    expect(run(bucket({ PublicAccessBlock: partial }))[0]?.message).toContain('RestrictPublicBuckets');
  });

  it('is an error naming the permission when the bucket could not be read', () => {
    const [f] = run(
      bucket({
        Policy: null,
        errors: [{ part: 'GetBucketPolicy', message: 'Access Denied', action: 's3:GetBucketPolicy' }],
      }),
    );
    expect(f?.status).toBe('error');
    expect(f?.message).toContain('s3:GetBucketPolicy');
  });

  it('is not_applicable without trails, pointing at cloudtrail-multi-region-enabled', () => {
    expect(run(null)[0]).toMatchObject({ status: 'not_applicable' });
    expect(run(null)[0]?.message).toContain('cloudtrail-multi-region-enabled');
  });
});
