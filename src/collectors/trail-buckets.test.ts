import {
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyCommand,
  GetPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { trailBucketsSchema, type TrailRecord } from '../snapshot/aws-shapes.js';
import { bucketRegion, trailBucketsCollector } from './trail-buckets.js';
import { awsError, testContext } from './testing.js';

const s3 = mockClient(S3Client);
afterEach(() => s3.reset());

const trail = (name: string, bucket?: string): TrailRecord => ({
  Trail: { Name: name, TrailARN: `arn:aws:cloudtrail:eu-west-1:123456789012:trail/${name}`, HomeRegion: 'eu-west-1', ...(bucket ? { S3BucketName: bucket } : {}) }, // prettier-ignore
  Status: null,
  Selectors: null,
  errors: [],
});
const policy = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }],
};
const collect = async (trails: TrailRecord[]) =>
  trailBucketsSchema.parse(
    JSON.parse(
      JSON.stringify(await trailBucketsCollector.collect(testContext(), { trails: { Trails: trails } })),
    ),
  );

describe('trailBuckets collector', () => {
  it('reads each distinct trail bucket once, in the bucket’s own region', async () => {
    const regions: string[] = [];
    s3.on(GetBucketLocationCommand).resolves({ LocationConstraint: 'eu-central-1' });
    s3.on(GetBucketPolicyCommand).callsFake(async (_input, getClient) => {
      regions.push(await getClient().config.region());
      return { Policy: JSON.stringify(policy) };
    });
    s3.on(GetPublicAccessBlockCommand).resolves({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true }, // prettier-ignore
    });
    s3.on(GetBucketEncryptionCommand).resolves({
      ServerSideEncryptionConfiguration: {
        Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }],
      },
    });
    s3.on(GetBucketLoggingCommand).resolves({
      LoggingEnabled: { TargetBucket: 'access-logs', TargetPrefix: 'ct/' },
    });

    const out = await collect([trail('a', 'logs'), trail('b', 'logs'), trail('c')]);
    expect(s3.commandCalls(GetBucketPolicyCommand)).toHaveLength(1);
    expect(regions).toEqual(['eu-central-1']);
    expect(out.Buckets).toEqual([
      {
        Name: 'logs',
        Policy: policy,
        PublicAccessBlock: { PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } }, // prettier-ignore
        Encryption: { ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] } }, // prettier-ignore
        Logging: { LoggingEnabled: { TargetBucket: 'access-logs', TargetPrefix: 'ct/' } },
        errors: [],
      },
    ]);
  });

  it('an absent policy, public access block or encryption is null, not an error; no logging is {}', async () => {
    s3.on(GetBucketLocationCommand).resolves({});
    s3.on(GetBucketPolicyCommand).rejects(
      awsError('NoSuchBucketPolicy', 'The bucket policy does not exist', 404),
    );
    s3.on(GetPublicAccessBlockCommand).rejects(awsError('NoSuchPublicAccessBlockConfiguration', 'none', 404));
    s3.on(GetBucketEncryptionCommand).rejects(
      awsError('ServerSideEncryptionConfigurationNotFoundError', 'none', 404),
    );
    s3.on(GetBucketLoggingCommand).resolves({});
    const out = await collect([trail('a', 'logs')]);
    expect(out.Buckets[0]).toEqual({ Name: 'logs', Policy: null, PublicAccessBlock: null, Encryption: null, Logging: {}, errors: [] }); // prettier-ignore
  });

  it('keeps each part’s failure, with its IAM action, beside the parts that worked', async () => {
    s3.on(GetBucketLocationCommand).resolves({ LocationConstraint: 'EU' });
    s3.on(GetBucketPolicyCommand).rejects(awsError('AccessDenied', 'Access Denied', 403));
    s3.on(GetPublicAccessBlockCommand).rejects(awsError('AccessDenied', 'Access Denied', 403));
    s3.on(GetBucketEncryptionCommand).resolves({ ServerSideEncryptionConfiguration: { Rules: [] } });
    s3.on(GetBucketLoggingCommand).resolves({});
    const out = await collect([trail('a', 'central-logs')]);
    expect(out.Buckets[0]?.Encryption).toEqual({ ServerSideEncryptionConfiguration: { Rules: [] } });
    expect(out.Buckets[0]?.errors).toEqual([
      {
        part: 'GetBucketPolicy',
        message: 'AccessDenied: Access Denied',
        action: 's3:GetBucketPolicy',
        kind: 'access-denied',
      },
      {
        part: 'GetPublicAccessBlock',
        message: 'AccessDenied: Access Denied',
        action: 's3:GetBucketPublicAccessBlock',
        kind: 'access-denied',
      },
    ]);
  });

  it('a trail pointing at a deleted bucket yields one NoSuchBucket error, not five', async () => {
    s3.on(GetBucketLocationCommand).rejects(
      awsError('NoSuchBucket', 'The specified bucket does not exist', 404),
    );
    const out = await collect([trail('a', 'gone')]);
    expect(out.Buckets[0]?.errors).toEqual([
      {
        part: 'GetBucketLocation',
        message: 'NoSuchBucket: The specified bucket does not exist',
        action: 's3:GetBucketLocation',
        kind: 'not-found',
      },
    ]);
    expect(s3.commandCalls(GetBucketPolicyCommand)).toHaveLength(0);
  });

  it('maps GetBucketLocation answers to regions', () => {
    expect(bucketRegion(undefined)).toBe('us-east-1');
    expect(bucketRegion('')).toBe('us-east-1');
    expect(bucketRegion('EU')).toBe('eu-west-1');
    expect(bucketRegion('ap-south-2')).toBe('ap-south-2');
  });
});
