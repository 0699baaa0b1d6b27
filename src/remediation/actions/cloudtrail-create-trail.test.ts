import {
  CloudTrailClient,
  CreateTrailCommand,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  PutEventSelectorsCommand,
  StartLoggingCommand,
} from '@aws-sdk/client-cloudtrail';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  ListObjectVersionsCommand,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { actionContext, TEST_INPUTS } from '../testing.js';
import action, { adminReaders, recordsAllManagementEvents, TRAIL_NAME } from './cloudtrail-create-trail.js';

const ct = mockClient(CloudTrailClient);
const s3 = mockClient(S3Client);
afterEach(() => {
  ct.reset();
  s3.reset();
});

describe('cloudtrail-create-trail', () => {
  it('is satisfied only by a multi-region, validated, logging trail recording all management events', async () => {
    ct.on(DescribeTrailsCommand).resolves({
      trailList: [
        {
          Name: 'old',
          TrailARN: 'arn:t',
          HomeRegion: 'eu-west-1',
          IsMultiRegionTrail: false,
          LogFileValidationEnabled: true,
        },
      ],
    });
    ct.on(GetTrailStatusCommand).resolves({ IsLogging: true });
    ct.on(GetEventSelectorsCommand).resolves({
      EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }],
    });
    const state = await action.read(actionContext());
    expect(action.satisfied(state, TEST_INPUTS)).toBe(false);
    const t = state.trails[0]!;
    expect(action.satisfied({ trails: [{ ...t, multiRegion: true, globalEvents: true }] }, TEST_INPUTS)).toBe(
      true,
    );
    expect(recordsAllManagementEvents({ EventSelectors: [{ ReadWriteType: 'WriteOnly' }] })).toBe(false);
    expect(
      recordsAllManagementEvents({
        AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] }],
      }),
    ).toBe(true);
  });

  it('creates a locked-down bucket, a multi-region validated trail, selects management events and starts logging', async () => {
    s3.onAnyCommand().resolves({});
    ct.on(CreateTrailCommand).resolves({
      TrailARN: `arn:aws:cloudtrail:eu-west-1:123456789012:trail/${TRAIL_NAME}`,
    });
    ct.on(PutEventSelectorsCommand).resolves({});
    ct.on(StartLoggingCommand).resolves({});
    const ctx = actionContext();
    await action.apply(ctx, { trails: [] });
    const bucket = s3.commandCalls(CreateBucketCommand)[0]?.args[0].input;
    expect(bucket?.Bucket).toMatch(/^rampart-trail-123456789012-eu-west-1-[0-9a-f]{8}$/);
    expect(bucket?.CreateBucketConfiguration).toEqual({ LocationConstraint: 'eu-west-1' });
    expect(
      s3.commandCalls(PutPublicAccessBlockCommand)[0]?.args[0].input.PublicAccessBlockConfiguration,
    ).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
    expect(s3.commandCalls(PutBucketVersioningCommand)[0]?.args[0].input.VersioningConfiguration).toEqual({
      Status: 'Enabled',
    });
    expect(s3.commandCalls(PutBucketEncryptionCommand)).toHaveLength(1);
    const policy = JSON.parse(s3.commandCalls(PutBucketPolicyCommand)[0]?.args[0].input.Policy ?? '{}') as {
      Statement: { Sid: string; Condition: Record<string, Record<string, unknown>> }[];
    };
    const bySid = Object.fromEntries(policy.Statement.map((s) => [s.Sid, s]));
    const trailArn = `arn:aws:cloudtrail:eu-west-1:123456789012:trail/${TRAIL_NAME}`;
    expect(bySid.AWSCloudTrailWrite?.Condition.StringEquals?.['aws:SourceArn']).toBe(trailArn);
    expect(bySid.AWSCloudTrailAclCheck?.Condition.StringEquals?.['aws:SourceArn']).toBe(trailArn);
    expect(bySid.DenyInsecureTransport?.Condition.Bool).toEqual({ 'aws:SecureTransport': 'false' });
    expect(bySid.DenyLogReadsExceptAdmins?.Condition.ArnNotEquals?.['aws:PrincipalArn']).toEqual([
      'arn:aws:iam::123456789012:root',
      'arn:aws:iam::123456789012:user/JSmith',
      'arn:aws:iam::123456789012:user/setup',
    ]);
    expect(ct.commandCalls(CreateTrailCommand)[0]?.args[0].input).toMatchObject({
      Name: TRAIL_NAME,
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
    });
    expect(ct.commandCalls(StartLoggingCommand)).toHaveLength(1);
    expect(ctx.changes.map((c) => c.kind)).toEqual(['bucket-created', 'trail-created', 'logging-started']);
  });

  it('a resumed run reuses the bucket the interrupted run created', async () => {
    s3.onAnyCommand().resolves({});
    ct.onAnyCommand().resolves({});
    const ctx = actionContext({
      prior: [{ kind: 'bucket-created', bucket: 'rampart-trail-x', region: 'eu-west-1' }],
    });
    await action.apply(ctx, { trails: [] });
    expect(s3.commandCalls(CreateBucketCommand)).toHaveLength(0);
    expect(ct.commandCalls(CreateTrailCommand)[0]?.args[0].input.S3BucketName).toBe('rampart-trail-x');
  });

  it('admins: an assumed role reads as its role ARN', () => {
    expect(
      adminReaders({
        partition: 'aws',
        accountId: '123456789012',
        callerArn: 'arn:aws:sts::123456789012:assumed-role/Admin/jane',
        inputs: { ...TEST_INPUTS, adminUser: undefined },
      }),
    ).toEqual(['arn:aws:iam::123456789012:role/Admin', 'arn:aws:iam::123456789012:root']);
  });

  it('undo keeps a log bucket that holds objects (evidence) and says how many', async () => {
    s3.on(ListObjectVersionsCommand)
      .resolvesOnce({
        Versions: [
          { Key: 'a', VersionId: '1' },
          { Key: 'b', VersionId: '1' },
        ],
        IsTruncated: true,
        NextKeyMarker: 'b',
        NextVersionIdMarker: '1',
      })
      .resolves({ Versions: [{ Key: 'c', VersionId: '1' }], DeleteMarkers: [{ Key: 'a', VersionId: '2' }] });
    const note = await action.undo(actionContext(), {
      kind: 'bucket-created',
      bucket: 'b',
      region: 'eu-west-1',
    });
    expect(note).toMatch(/^kept: 3 objects in s3:\/\/b \(audit logs are evidence/);
    expect(s3.commandCalls(ListObjectVersionsCommand)[1]?.args[0].input).toMatchObject({
      KeyMarker: 'b',
      VersionIdMarker: '1',
    });
    expect(s3.commandCalls(DeleteObjectsCommand)).toHaveLength(0);
    expect(s3.commandCalls(DeleteBucketCommand)).toHaveLength(0);
  });

  it('undo deletes an empty log bucket, delete markers first', async () => {
    s3.on(ListObjectVersionsCommand).resolves({ DeleteMarkers: [{ Key: 'a', VersionId: '2' }] });
    s3.on(DeleteObjectsCommand).resolves({});
    s3.on(DeleteBucketCommand).resolves({});
    const note = await action.undo(actionContext(), {
      kind: 'bucket-created',
      bucket: 'b',
      region: 'eu-west-1',
    });
    expect(note).toBeUndefined();
    expect(s3.commandCalls(DeleteObjectsCommand)[0]?.args[0].input.Delete?.Objects).toEqual([
      { Key: 'a', VersionId: '2' },
    ]);
    expect(s3.commandCalls(DeleteBucketCommand)).toHaveLength(1);
  });
});
