import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import rootUsageAlarm from '../checks/root/root-usage-alarm.js';
import { runOne, statuses } from '../checks/testing.js';
import { importSnapshot } from './import.js';
import { EXPORT_FIXTURE, exportDirs, importError, sliceData } from './testing/export-dir.js';

const { exportDir } = exportDirs();
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:root-activity';
const LOG_GROUP = 'arn:aws:logs:us-east-1:123456789012:log-group:CloudTrail/DefaultLogGroup:*';

/** The fixture's trail, delivering to CloudWatch Logs (the CIS path). */
const trailsToLogs = () => {
  const trails = JSON.parse(readFileSync(join(EXPORT_FIXTURE, 'describe-trails.json'), 'utf8')) as {
    trailList: Record<string, unknown>[];
  };
  for (const t of trails.trailList) t.CloudWatchLogsLogGroupArn = LOG_GROUP;
  return trails;
};
// As aws-cli 1.45 printed them against moto 5.2 (aws logs describe-metric-filters, aws cloudwatch describe-alarms).
const METRIC_FILTERS = {
  metricFilters: [
    {
      filterName: 'RootUsage',
      filterPattern:
        '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
      metricTransformations: [
        { metricName: 'RootUsageCount', metricNamespace: 'CISBenchmark', metricValue: '1' },
      ],
      logGroupName: 'CloudTrail/DefaultLogGroup',
    },
    {
      filterName: 'Errors',
      filterPattern: 'ERROR',
      metricTransformations: [{ metricName: 'AppErrors', metricNamespace: 'App', metricValue: '1' }],
      logGroupName: 'app/web',
    },
  ],
};
const alarm = (name: string, namespace: string, metric: string, threshold: number) => ({
  AlarmName: name,
  AlarmArn: `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${name}`,
  AlarmConfigurationUpdatedTimestamp: 1795456021.312,
  ActionsEnabled: true,
  AlarmActions: [TOPIC],
  StateValue: 'OK',
  StateUpdatedTimestamp: 1795456021.312,
  MetricName: metric,
  Namespace: namespace,
  Statistic: 'Sum',
  Dimensions: [],
  Period: 300,
  EvaluationPeriods: 1,
  Threshold: threshold,
  ComparisonOperator: 'GreaterThanOrEqualToThreshold',
});
const ALARMS = {
  MetricAlarms: [
    alarm('root-usage', 'CISBenchmark', 'RootUsageCount', 1.0),
    alarm('cpu', 'AWS/EC2', 'CPUUtilization', 90),
  ],
  CompositeAlarms: [],
};
const subscription = (arn: string) => ({
  Subscriptions: [
    {
      SubscriptionArn: arn,
      Owner: '123456789012',
      Protocol: 'email',
      Endpoint: 'security@example.com',
      TopicArn: TOPIC,
    },
  ],
});
const CONFIRMED = subscription(`${TOPIC}:28dfb33d-d94f-40f5-ab8d-e15cedfda096`);

/** The CIS path: trail -> log group -> metric filter -> alarm -> SNS topic. */
const cisExports = (extra: Record<string, string | object> = {}) =>
  exportDir(['get-caller-identity.json'], {
    'describe-trails.json': trailsToLogs(),
    'describe-metric-filters.us-east-1.json': METRIC_FILTERS,
    'describe-alarms.us-east-1.json': ALARMS,
    'list-subscriptions.us-east-1.json': CONFIRMED,
    ...extra,
  });
/** The EventBridge path of the bundled fixture. */
const EVENTBRIDGE = [
  'get-caller-identity.json',
  'describe-trails.json',
  'list-rules.us-east-1.json',
  'list-targets-by-rule-root-activity.us-east-1.json',
  'list-subscriptions.us-east-1.json',
];

describe('importSnapshot: root-activity alerting', () => {
  it('EventBridge: list-rules + list-targets-by-rule + list-subscriptions make root-usage-alarm pass', async () => {
    const snapshot = await importSnapshot(await exportDir(EVENTBRIDGE));
    const rules = sliceData(snapshot, 'eventRules').Regions;
    expect(rules.map((r) => r.Region)).toEqual(['us-east-1']);
    // Targets are read for the rule whose pattern names root only, as the live collector does.
    expect(rules[0]?.Rules.map((r) => [r.Rule.Name, r.Targets?.length ?? null])).toEqual([
      ['root-activity', 1],
      ['nightly', null],
    ]);
    expect(sliceData(snapshot, 'snsSubscriptions').Topics).toEqual([
      { TopicArn: TOPIC, Subscriptions: [expect.objectContaining({ Protocol: 'email' })], errors: [] },
    ]);
    // The trail delivers to no log group: nothing to read, and the slices say so with empty lists.
    expect(sliceData(snapshot, 'metricFilters')).toEqual({ LogGroups: [] });
    expect(sliceData(snapshot, 'metricAlarms')).toEqual({ Metrics: [] });
    expect(statuses(runOne(rootUsageAlarm, snapshot))).toEqual(['pass']);
  });

  it('CIS: describe-metric-filters + describe-alarms (whole regions) keep only what the collector reads', async () => {
    const snapshot = await importSnapshot(await cisExports());
    expect(sliceData(snapshot, 'metricFilters').LogGroups).toEqual([
      {
        LogGroupArn: LOG_GROUP,
        LogGroupName: 'CloudTrail/DefaultLogGroup',
        Region: 'us-east-1',
        Trails: ['management-events'],
        MetricFilters: [expect.objectContaining({ filterName: 'RootUsage' })],
        errors: [],
      },
    ]);
    const metrics = sliceData(snapshot, 'metricAlarms').Metrics;
    expect(metrics).toMatchObject([
      { Region: 'us-east-1', Namespace: 'CISBenchmark', MetricName: 'RootUsageCount', errors: [] },
    ]);
    expect(metrics[0]?.MetricAlarms.map((a) => a.AlarmName)).toEqual(['root-usage']);
    // aws-cli v1 prints CloudWatch times as epoch seconds; the snapshot holds ISO.
    expect(metrics[0]?.MetricAlarms[0]).toMatchObject({ StateUpdatedTimestamp: '2026-11-23T17:47:01.312Z' });
    expect(snapshot.slices.eventRules).toMatchObject({ status: 'skipped' });
    const findings = runOne(rootUsageAlarm, snapshot);
    expect(statuses(findings)).toEqual(['pass']);
    expect(findings[0]?.message).toContain('alarm root-usage');
  });

  it('an unconfirmed subscription is a fail, not a pass', async () => {
    const dir = await cisExports({
      'list-subscriptions.us-east-1.json': subscription('PendingConfirmation'),
      'list-rules.us-east-1.json': { Rules: [] },
    });
    const findings = runOne(rootUsageAlarm, await importSnapshot(dir));
    expect(statuses(findings)).toEqual(['fail']);
    expect(findings[0]?.message).toContain('has no confirmed subscription (pending confirmation)');
    expect(findings[0]?.message).toContain(
      'no enabled EventBridge rule alerts on root API calls or console sign-ins in us-east-1',
    );
  });

  it('a subscriptions file per topic (list-subscriptions-by-topic) is used when present', async () => {
    const dir = await cisExports({
      'list-subscriptions.us-east-1.json': { Subscriptions: [] },
      'list-subscriptions-by-topic-root-activity.us-east-1.json': CONFIRMED,
    });
    expect(statuses(runOne(rootUsageAlarm, await importSnapshot(dir)))).toEqual(['pass']);
  });

  it('a missing export is named by the slice or the part, and the check reports error, never pass', async () => {
    const noAlarms = await cisExports({});
    const { rm } = await import('node:fs/promises');
    await rm(join(noAlarms, 'describe-alarms.us-east-1.json'));
    const snapshot = await importSnapshot(noAlarms);
    expect(snapshot.slices.metricAlarms).toEqual({
      status: 'skipped',
      reason: `no describe-alarms.us-east-1.json in ${noAlarms}`,
    });
    const findings = runOne(rootUsageAlarm, snapshot);
    expect(statuses(findings)).toEqual(['error']);
    expect(findings[0]?.message).toContain(`no describe-alarms.us-east-1.json in ${noAlarms}`);

    // A root rule without its targets file: Targets null, the file named.
    const noTargets = await exportDir(EVENTBRIDGE.filter((f) => !f.startsWith('list-targets-by-rule')));
    const rules = await importSnapshot(noTargets);
    expect(sliceData(rules, 'eventRules').Regions[0]?.Rules[0]).toMatchObject({
      Targets: null,
      errors: [
        {
          part: 'ListTargetsByRule',
          message: `no list-targets-by-rule-root-activity.us-east-1.json in ${noTargets}`,
        },
      ],
    });
    expect(statuses(runOne(rootUsageAlarm, rules))).toEqual(['error']);
  });

  it('EventBridge rules without us-east-1 (where root sign-ins arrive) are skipped, not judged on the other regions', async () => {
    const dir = await exportDir(['get-caller-identity.json'], {
      'list-rules.eu-west-1.json': readFileSync(join(EXPORT_FIXTURE, 'list-rules.us-east-1.json'), 'utf8'),
    });
    const snapshot = await importSnapshot(dir);
    expect(snapshot.slices.eventRules).toEqual({
      status: 'skipped',
      reason: `no list-rules.us-east-1.json in ${dir}: root console sign-ins reach EventBridge only in us-east-1 (found list-rules.eu-west-1.json)`,
    });
    expect(statuses(runOne(rootUsageAlarm, snapshot))).toEqual(['error']);
  });

  it('a regional export without its region in the name, or of the wrong shape, is one line naming the file', async () => {
    const unregioned = await exportDir(['get-caller-identity.json'], { 'list-rules.json': { Rules: [] } });
    expect(await importError(unregioned)).toBe(
      `${unregioned}/list-rules.json: \`aws events list-rules --region REGION\` answers for one region: name the file list-rules.<region>.json (e.g. list-rules.us-east-1.json)`,
    );
    const wrong = await cisExports({ 'describe-alarms.us-east-1.json': { Alarms: [] } });
    expect(await importError(wrong)).toBe(
      `${wrong}/describe-alarms.us-east-1.json: no MetricAlarms field; expected the output of \`aws cloudwatch describe-alarms --region us-east-1\``,
    );
    const notJson = await exportDir(EVENTBRIDGE, {
      'list-targets-by-rule-root-activity.us-east-1.json': 'An error occurred (AccessDeniedException)',
    });
    expect(await importError(notJson)).toMatch(
      /list-targets-by-rule-root-activity\.us-east-1\.json: not valid JSON: .+; expected the output of `aws events list-targets-by-rule --region us-east-1 --rule NAME`$/,
    );
    const badItem = await cisExports({ 'list-subscriptions.us-east-1.json': { Subscriptions: ['x'] } });
    expect(await importError(badItem)).toBe(
      `${badItem}/list-subscriptions.us-east-1.json: unexpected content at Subscriptions.0: Invalid input: expected object, received string`,
    );
  });
});
