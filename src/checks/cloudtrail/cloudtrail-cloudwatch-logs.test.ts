import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
} from '@aws-sdk/client-cloudtrail';
import { AccountClient, ListRegionsCommand } from '@aws-sdk/client-account';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { testContext } from '../../collectors/testing.js';
import { trailsCollector } from '../../collectors/trails.js';
import { trailsSchema, type TrailRecord } from '../../snapshot/aws-shapes.js';
import { snapshot } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import check from './cloudtrail-cloudwatch-logs.js';

const trail = (t: Partial<TrailRecord['Trail']>): TrailRecord => ({
  Trail: {
    Name: 'main',
    TrailARN: 'arn:aws:cloudtrail:us-east-1:123456789012:trail/main',
    HomeRegion: 'us-east-1',
    IsMultiRegionTrail: true,
    ...t,
  },
  Status: { IsLogging: true },
  Selectors: { EventSelectors: [] },
  errors: [],
});
const run = (...Trails: TrailRecord[]) =>
  runOne(check, snapshot().slice('trails', { status: 'ok', data: { Trails } }).build());

describe('cloudtrail-cloudwatch-logs', () => {
  it('passes a trail with the setting and fails one without', () => {
    const findings = run(
      trail({ CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:ct' }),
      trail({ Name: 'other', CloudWatchLogsLogGroupArn: undefined }),
    );
    expect(findings.map((f) => f.status)).toEqual(['pass', 'fail']);
    expect(findings[1]?.message).toContain('does not deliver');
  });

  it('fails when there is no trail, pointing at cloudtrail-multi-region-enabled', () => {
    const [f] = run();
    expect(f?.status).toBe('fail');
    expect(f?.message).toContain('cloudtrail-multi-region-enabled');
  });

  // moto 5.2's GetTrailStatus has no LatestCloudWatchLogsDeliveryTime / LatestCloudWatchLogsDeliveryError and it
  // never delivers to the group, so test/integration/trail-cloudwatch-logs.test.ts can only show the pass. What
  // CloudTrail reports when delivery fails (e.g. the role may not write to the group) is mocked here, through the
  // trails collector and the snapshot schema to the check.
  it('fails a trail whose CloudWatch Logs delivery fails, as GetTrailStatus reports it (SDK mock: moto has no such field)', async () => {
    const ct = mockClient(CloudTrailClient);
    // The session region (eu-west-1) is the account's only enabled region.
    const account = mockClient(AccountClient);
    account
      .on(ListRegionsCommand)
      .resolves({ Regions: [{ RegionName: 'eu-west-1', RegionOptStatus: 'ENABLED_BY_DEFAULT' }] });
    try {
      const arn = 'arn:aws:cloudtrail:us-east-1:123456789012:trail/rampart-trail';
      const group = 'arn:aws:logs:us-east-1:123456789012:log-group:/rampart/cloudtrail:*';
      ct.on(DescribeTrailsCommand).resolves({
        trailList: [
          {
            Name: 'rampart-trail',
            TrailARN: arn,
            HomeRegion: 'us-east-1',
            IsMultiRegionTrail: true,
            CloudWatchLogsLogGroupArn: group,
            CloudWatchLogsRoleArn: 'arn:aws:iam::123456789012:role/rampart-cloudtrail-to-logs',
          },
        ],
      });
      ct.on(GetTrailStatusCommand).resolves({
        IsLogging: true,
        LatestCloudWatchLogsDeliveryTime: new Date('2026-11-22T10:00:00Z'),
        LatestCloudWatchLogsDeliveryError: 'AccessDeniedException',
      });
      ct.on(GetEventSelectorsCommand).resolves({ EventSelectors: [] });
      const data = trailsSchema.parse(
        JSON.parse(JSON.stringify(await trailsCollector.collect(testContext(), {}))),
      );
      const [f] = runOne(check, snapshot().slice('trails', { status: 'ok', data }).build());
      expect(f?.status).toBe('fail');
      expect(f?.message).toBe(
        `Trail rampart-trail is set to deliver to ${group} but delivery fails: AccessDeniedException.`,
      );

      // The same trail once delivery works again: no error, a delivery time.
      ct.on(GetTrailStatusCommand).resolves({
        IsLogging: true,
        LatestCloudWatchLogsDeliveryTime: new Date('2026-11-22T10:05:00Z'),
      });
      const ok = trailsSchema.parse(
        JSON.parse(JSON.stringify(await trailsCollector.collect(testContext(), {}))),
      );
      expect(runOne(check, snapshot().slice('trails', { status: 'ok', data: ok }).build())[0]?.status).toBe(
        'pass',
      );
    } finally {
      ct.restore();
      account.restore();
    }
  });
});
