import { describe, expect, it } from 'vitest';
import type { TrailBucket, TrailRecord } from '../../snapshot/aws-shapes.js';
import type { SliceData } from '../../snapshot/schema.js';
import { snapshot, TEST_NOW } from '../../snapshot/testing/builder.js';
import bucketAccessLogging from '../cloudtrail/cloudtrail-bucket-access-logging.js';
import bucketAdminsOnly from '../cloudtrail/cloudtrail-bucket-admins-only.js';
import bucketNotPublic from '../cloudtrail/cloudtrail-bucket-not-public.js';
import cloudwatchLogs from '../cloudtrail/cloudtrail-cloudwatch-logs.js';
import kmsEncryption from '../cloudtrail/cloudtrail-kms-encryption.js';
import logFileValidation from '../cloudtrail/cloudtrail-log-file-validation.js';
import multiRegion from '../cloudtrail/cloudtrail-multi-region-enabled.js';
import { runChecks } from '../run.js';
import { runOne } from '../testing.js';

// The trails slice lists trails from every enabled region (AWS CloudTrail API reference, DescribeTrails,
// https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_DescribeTrails.html: one region's answer holds
// its own trails and the shadows of multi-region and organization trails, never another region's single-region
// trail). A single-region trail homed elsewhere is judged like any other; a region that could not be listed is an
// error in every per-trail check, never a pass.

const euOnly: TrailRecord = {
  Trail: {
    Name: 'eu-only',
    TrailARN: 'arn:aws:cloudtrail:eu-west-1:123456789012:trail/eu-only',
    HomeRegion: 'eu-west-1',
    IsMultiRegionTrail: false,
    S3BucketName: 'eu-logs',
  },
  Status: { IsLogging: true },
  Selectors: { EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] },
  errors: [],
};
const bucket: TrailBucket = {
  Name: 'eu-logs',
  Policy: null,
  PublicAccessBlock: {
    PublicAccessBlockConfiguration: {
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    },
  },
  Encryption: null,
  Logging: { LoggingEnabled: { TargetBucket: 'access-logs' } },
  errors: [],
};
const run = (check: Parameters<typeof runOne>[0], trails: SliceData['trails']) =>
  runOne(
    check,
    snapshot()
      .slice('trails', { status: 'ok', data: trails })
      .slice('trailBuckets', { status: 'ok', data: { Buckets: [bucket] } })
      .build(),
  );
const perTrail = [
  logFileValidation,
  kmsEncryption,
  cloudwatchLogs,
  bucketNotPublic,
  bucketAccessLogging,
  bucketAdminsOnly,
];

describe('per-trail CloudTrail checks: trails of every region', () => {
  it('judge a single-region trail homed in another region like any other', () => {
    const trails = { Trails: [euOnly], Regions: ['eu-west-1', 'us-east-1'], Unread: [] };
    expect(run(logFileValidation, trails)).toMatchObject([
      {
        status: 'fail',
        resource: euOnly.Trail.TrailARN,
        message: 'Trail eu-only does not validate its log files.',
      },
    ]);
    expect(run(kmsEncryption, trails)).toMatchObject([{ status: 'fail', resource: euOnly.Trail.TrailARN }]);
    expect(run(cloudwatchLogs, trails)).toMatchObject([{ status: 'fail', resource: euOnly.Trail.TrailARN }]);
    expect(run(bucketAccessLogging, trails)).toMatchObject([
      { status: 'pass', resource: 'arn:aws:s3:::eu-logs' },
    ]);
    // It is no multi-region trail: that check still fails, naming it.
    expect(run(multiRegion, trails)).toMatchObject([
      { status: 'fail', message: expect.stringContaining('eu-only: single-region') },
    ]);
  });

  it('report a region whose trails could not be listed as an error naming the region and permission', () => {
    const trails: SliceData['trails'] = {
      Trails: [euOnly],
      Regions: ['eu-west-1', 'us-east-1'],
      Unread: [
        {
          Region: 'ap-south-2',
          Message: 'AccessDeniedException: not authorized',
          Action: 'cloudtrail:DescribeTrails',
          Kind: 'access-denied',
        },
      ],
    };
    for (const check of perTrail) {
      const findings = run(check, trails);
      expect(
        findings.filter((f) => f.status === 'error'),
        check.id,
      ).toEqual([
        expect.objectContaining({
          status: 'error',
          resource: 'arn:aws:cloudtrail:ap-south-2:123456789012:trail',
          message:
            'ap-south-2: trails could not be listed: access denied (missing permission cloudtrail:DescribeTrails); a single-region trail homed there is not judged.',
        }),
      ]);
      // The trail that was seen is still judged.
      expect(findings.filter((f) => f.status !== 'error').length, check.id).toBe(1);
    }
    // A multi-region trail is listed in every region as a shadow trail: one region unread hides none.
    expect(run(multiRegion, trails).map((f) => f.status)).toEqual(['fail']);
  });

  // AWS's AccessDenied names a service control policy when one denies the request
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html): a region the organization
  // closed stays closed whatever the caller may do, so it is said once as a warning, not an error on every run.
  it('name a region a service control policy closes in a warning, not an error', () => {
    const trails: SliceData['trails'] = {
      Trails: [euOnly],
      Regions: ['eu-west-1', 'us-east-1'],
      Unread: [
        {
          Region: 'me-south-1',
          Message:
            'AccessDeniedException: User: arn:aws:iam::123456789012:user/audit is not authorized to perform: cloudtrail:DescribeTrails with an explicit deny in a service control policy',
          Action: 'cloudtrail:DescribeTrails',
          Kind: 'access-denied',
        },
      ],
    };
    for (const check of perTrail) {
      const warnings: string[] = [];
      const findings = runChecks(
        snapshot()
          .slice('trails', { status: 'ok', data: trails })
          .slice('trailBuckets', { status: 'ok', data: { Buckets: [bucket] } })
          .build(),
        [check],
        { now: TEST_NOW, onWarning: (w) => warnings.push(w) },
      );
      expect(
        findings.filter((f) => f.status === 'error'),
        check.id,
      ).toEqual([]);
      expect(warnings.join(' '), check.id).toMatch(
        /not listed in me-south-1: a service control policy denies it/,
      );
    }
  });

  it('report the account as an error when its regions could not be listed (account:ListRegions)', () => {
    const trails: SliceData['trails'] = {
      Trails: [],
      Regions: ['us-east-1'],
      Unread: [],
      RegionListError: {
        Message: 'AccessDeniedException: not authorized',
        Action: 'account:ListRegions',
        Kind: 'access-denied',
      },
    };
    for (const check of perTrail) {
      const error = run(check, trails).find((f) => f.status === 'error');
      expect(error, check.id).toMatchObject({
        resource: 'arn:aws:cloudtrail::123456789012:trail',
        message:
          "The account's enabled regions could not be listed: access denied (missing permission account:ListRegions); only the trails seen from us-east-1 are judged, and a single-region trail homed in another region is not.",
      });
    }
  });

  it('snapshots from before every region was listed are judged as they were', () => {
    for (const check of perTrail) {
      expect(
        run(check, { Trails: [euOnly] }).some((f) => f.status === 'error'),
        check.id,
      ).toBe(false);
    }
  });
});
