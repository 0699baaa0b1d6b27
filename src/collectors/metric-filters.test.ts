import { CloudWatchLogsClient, DescribeMetricFiltersCommand } from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { metricFiltersSchema } from '../snapshot/aws-shapes.js';
import type { SliceData } from '../snapshot/schema.js';
import { runCollector } from './collect.js';
import { metricFiltersCollector, parseLogGroupArn } from './metric-filters.js';
import { awsError, fakeJsonTransport, testContext } from './testing.js';

const trail = (name: string, logGroupArn?: string) => ({
  Trail: {
    Name: name,
    TrailARN: `arn:aws:cloudtrail:us-east-1:123456789012:trail/${name}`,
    HomeRegion: 'us-east-1',
    ...(logGroupArn ? { CloudWatchLogsLogGroupArn: logGroupArn } : {}),
  },
  Status: null,
  Selectors: null,
  errors: [],
});
const prior = (...trails: ReturnType<typeof trail>[]): Partial<SliceData> => ({ trails: { Trails: trails } });
const GROUP = 'arn:aws:logs:eu-west-1:123456789012:log-group:CloudTrail/main:*';

describe('metricFilters collector', () => {
  const logs = mockClient(CloudWatchLogsClient);
  afterEach(() => {
    logs.reset();
  });
  afterAll(() => {
    logs.restore();
  });

  it('parses log group ARNs with and without the :* suffix', () => {
    expect(parseLogGroupArn(GROUP)).toEqual({
      region: 'eu-west-1',
      account: '123456789012',
      name: 'CloudTrail/main',
    });
    expect(parseLogGroupArn('arn:aws:logs:us-east-1:1:log-group:a:b')).toEqual({
      region: 'us-east-1',
      account: '1',
      name: 'a:b',
    });
    expect(parseLogGroupArn('not-an-arn')).toBeUndefined();
  });

  it('reads the filters of each trail log group once, in the group’s region; trails without one are skipped', async () => {
    const regions: string[] = [];
    logs.on(DescribeMetricFiltersCommand).callsFake(async (_input, getClient: () => CloudWatchLogsClient) => {
      regions.push(await getClient().config.region());
      return { metricFilters: [{ filterName: 'root', filterPattern: '{ $.userIdentity.type = "Root" }' }] };
    });
    const out = metricFiltersSchema.parse(
      await metricFiltersCollector.collect(
        testContext(),
        prior(trail('main', GROUP), trail('copy', GROUP), trail('s3-only')),
      ),
    );
    expect(logs.commandCalls(DescribeMetricFiltersCommand).map((c) => c.args[0].input)).toEqual([
      { logGroupName: 'CloudTrail/main' },
    ]);
    expect(regions).toEqual(['eu-west-1']);
    expect(out.LogGroups).toEqual([
      expect.objectContaining({
        Trails: ['main', 'copy'],
        MetricFilters: [expect.objectContaining({ filterName: 'root' })],
      }),
    ]);
  });

  it('keeps a log group it cannot read, with the error and action beside it', async () => {
    logs.on(DescribeMetricFiltersCommand).rejects(awsError('ThrottlingException', 'slow down', 400));
    const out = metricFiltersSchema.parse(
      await metricFiltersCollector.collect(testContext(), prior(trail('main', GROUP))),
    );
    expect(out.LogGroups[0]?.errors[0]).toMatchObject({
      part: 'DescribeMetricFilters',
      action: 'logs:DescribeMetricFilters',
    });
  });

  it('marks a log group that no longer exists as Missing, not as an error', async () => {
    logs.on(DescribeMetricFiltersCommand).rejects(awsError('ResourceNotFoundException', 'gone', 400));
    const out = metricFiltersSchema.parse(
      await metricFiltersCollector.collect(testContext(), prior(trail('main', GROUP))),
    );
    expect(out.LogGroups[0]).toMatchObject({ Missing: true, errors: [] });
  });

  it('does not call for another account’s log group (an organization trail), saying why', async () => {
    const other = 'arn:aws:logs:us-east-1:999999999999:log-group:org-trail:*';
    const out = metricFiltersSchema.parse(
      await metricFiltersCollector.collect(testContext(), prior(trail('org', other))),
    );
    expect(logs.commandCalls(DescribeMetricFiltersCommand)).toHaveLength(0);
    expect(out.LogGroups[0]?.errors[0]?.message).toContain('in account 999999999999');
  });
});

describe('metricFilters collector over the SDK’s HTTP layer', () => {
  it('AccessDenied is kept beside the log group, naming logs:DescribeMetricFilters', async () => {
    const ctx = testContext();
    fakeJsonTransport(ctx.pool.client(CloudWatchLogsClient, 'eu-west-1'), () => ({
      status: 400,
      body: {
        __type: 'AccessDeniedException',
        message: 'not authorized to perform: logs:DescribeMetricFilters',
      },
    }));
    const slice = await runCollector(metricFiltersCollector, ctx, prior(trail('main', GROUP)));
    expect(slice).toMatchObject({
      status: 'ok',
      data: { LogGroups: [{ errors: [{ action: 'logs:DescribeMetricFilters' }] }] },
    });
  });
});
