import { CloudWatchClient, DescribeAlarmsForMetricCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { metricAlarmsSchema } from '../snapshot/aws-shapes.js';
import type { SliceData } from '../snapshot/schema.js';
import { metricAlarmsCollector } from './metric-alarms.js';
import { awsError, testContext } from './testing.js';

const prior: Partial<SliceData> = {
  metricFilters: {
    LogGroups: [
      {
        LogGroupArn: 'arn:aws:logs:eu-west-1:123456789012:log-group:ct:*',
        LogGroupName: 'ct',
        Region: 'eu-west-1',
        Trails: ['main'],
        MetricFilters: [
          { filterName: 'a', metricTransformations: [{ metricName: 'RootUsage', metricNamespace: 'CIS' }] },
          { filterName: 'b', metricTransformations: [{ metricName: 'RootUsage', metricNamespace: 'CIS' }] },
        ],
        errors: [],
      },
    ],
  },
};

// CloudWatch's protocol is not the JSON one fakeJsonTransport speaks: SDK-level mocks only.
describe('metricAlarms collector', () => {
  const cw = mockClient(CloudWatchClient);
  afterEach(() => {
    cw.reset();
  });
  afterAll(() => {
    cw.restore();
  });

  it('asks once per distinct metric, in the log group’s region', async () => {
    const regions: string[] = [];
    cw.on(DescribeAlarmsForMetricCommand).callsFake(async (_input, getClient: () => CloudWatchClient) => {
      regions.push(await getClient().config.region());
      return {
        MetricAlarms: [
          {
            AlarmName: 'root',
            ActionsEnabled: true,
            AlarmActions: ['arn:aws:sns:eu-west-1:123456789012:sec'],
          },
        ],
      };
    });
    const out = metricAlarmsSchema.parse(
      JSON.parse(JSON.stringify(await metricAlarmsCollector.collect(testContext(), prior))),
    );
    expect(cw.commandCalls(DescribeAlarmsForMetricCommand).map((c) => c.args[0].input)).toEqual([
      { Namespace: 'CIS', MetricName: 'RootUsage' },
    ]);
    expect(regions).toEqual(['eu-west-1']);
    expect(out.Metrics[0]?.MetricAlarms[0]?.AlarmName).toBe('root');
  });

  it('keeps a metric whose alarms cannot be read, with the action', async () => {
    cw.on(DescribeAlarmsForMetricCommand).rejects(
      Object.assign(awsError('AccessDenied', 'not authorized', 403), {
        rampartAction: 'cloudwatch:DescribeAlarmsForMetric',
      }),
    );
    const out = metricAlarmsSchema.parse(await metricAlarmsCollector.collect(testContext(), prior));
    expect(out.Metrics[0]?.errors[0]).toMatchObject({ action: 'cloudwatch:DescribeAlarmsForMetric' });
  });
});
