import { describe, expect, it } from 'vitest';
import type { SliceData } from '../../snapshot/schema.js';
import { deniedSlice, snapshot } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import check from './root-usage-alarm.js';

const CIS =
  '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}';
const LOG_GROUP = 'arn:aws:logs:us-east-1:123456789012:log-group:CloudTrail/logs:*';
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:security-alerts';
const EU_TOPIC = 'arn:aws:sns:eu-west-1:123456789012:security-alerts';

type Rules = SliceData['eventRules'];

const trails = (logs: boolean, multiRegion = true): SliceData['trails'] => ({
  Trails: [
    {
      Trail: {
        Name: 'main',
        TrailARN: 'arn:aws:cloudtrail:us-east-1:123456789012:trail/main',
        HomeRegion: 'us-east-1',
        IsMultiRegionTrail: multiRegion,
        ...(logs ? { CloudWatchLogsLogGroupArn: LOG_GROUP } : {}),
      },
      Status: { IsLogging: true },
      Selectors: null,
      errors: [],
    },
  ],
});
const filters = (pattern: string): SliceData['metricFilters'] => ({
  LogGroups: [
    {
      LogGroupArn: LOG_GROUP,
      LogGroupName: 'CloudTrail/logs',
      Region: 'us-east-1',
      Trails: ['main'],
      MetricFilters: [
        {
          filterName: 'root-usage',
          filterPattern: pattern,
          metricTransformations: [{ metricName: 'RootUsage', metricNamespace: 'CIS' }],
        },
      ],
      errors: [],
    },
  ],
});
const alarms = (actions: string[], extra: Record<string, unknown> = {}): SliceData['metricAlarms'] => ({
  Metrics: [
    {
      Region: 'us-east-1',
      Namespace: 'CIS',
      MetricName: 'RootUsage',
      MetricAlarms: [
        {
          AlarmName: 'root-usage',
          ActionsEnabled: true,
          AlarmActions: actions,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          Threshold: 1,
          ...extra,
        },
      ],
      errors: [],
    },
  ],
});
const subs = (arn: string, topics = [TOPIC, EU_TOPIC]): SliceData['snsSubscriptions'] => ({
  Topics: topics.map((TopicArn) => ({
    TopicArn,
    Subscriptions: [{ SubscriptionArn: arn === 'PendingConfirmation' ? arn : `${TopicArn}:${arn}` }],
    errors: [],
  })),
});
const noRules: Rules = { Regions: [{ Region: 'us-east-1', Rules: [] }] };
const ok = <T>(data: T) => ({ status: 'ok' as const, data });

function build(parts: {
  logs?: boolean;
  multiRegion?: boolean;
  pattern?: string;
  actions?: string[];
  alarm?: Record<string, unknown>;
  subscription?: string;
  rules?: Rules;
}) {
  return snapshot()
    .slice('trails', ok(trails(parts.logs ?? true, parts.multiRegion)))
    .slice('metricFilters', ok(filters(parts.pattern ?? CIS)))
    .slice('metricAlarms', ok(alarms(parts.actions ?? [TOPIC], parts.alarm)))
    .slice('snsSubscriptions', ok(subs(parts.subscription ?? '1a2b')))
    .slice('eventRules', ok(parts.rules ?? noRules))
    .build();
}

const ROOT_RULE = JSON.stringify({
  'detail-type': ['AWS Console Sign In via CloudTrail', 'AWS API Call via CloudTrail'],
  detail: { userIdentity: { type: ['Root'] } },
});
const SIGN_IN_ONLY = JSON.stringify({
  'detail-type': ['AWS Console Sign In via CloudTrail'],
  detail: { userIdentity: { type: ['Root'] } },
});
const rule = (name: string, pattern: string, targets: string[] | null, state = 'ENABLED') => ({
  Rule: { Name: name, EventPattern: pattern, State: state },
  Targets: targets?.map((Arn, i) => ({ Id: String(i), Arn })) ?? null,
  errors: [],
});
const inUsEast1 = (...rules: ReturnType<typeof rule>[]): Rules => ({
  Regions: [{ Region: 'us-east-1', Rules: rules }],
});

describe('root-usage-alarm: CIS metric filter chain', () => {
  it('passes on filter → alarm → SNS topic with a confirmed subscription', () => {
    const [f] = runOne(check, build({}));
    expect(f?.status).toBe('pass');
    expect(f?.message).toContain('metric filter root-usage (CIS/RootUsage) → alarm root-usage → ' + TOPIC);
  });

  it('accepts an equivalent filter pattern, not only the CIS text', () => {
    expect(runOne(check, build({ pattern: '{ ($.userIdentity.type = Root) }' }))[0]?.status).toBe('pass');
  });

  it('fails when the filter does not require the Root identity, saying why', () => {
    const [f] = runOne(
      check,
      build({ pattern: '{ $.userIdentity.type = "Root" && $.eventName = "ConsoleLogin" }' }),
    );
    expect(f?.status).toBe('fail');
    expect(f?.message).toContain('no metric filter on CloudTrail/logs matches root usage');
    expect(f?.message).toContain('filter root-usage narrows root usage to some events only');
  });

  it('fails when the filter exists but no alarm watches its metric', () => {
    const snap = build({});
    snap.slices.metricAlarms = ok({ Metrics: [{ ...alarms([]).Metrics[0]!, MetricAlarms: [] }] });
    const [f] = runOne(check, snap);
    expect(f?.status).toBe('fail');
    expect(f?.message).toContain(
      'metric filter root-usage (CIS/RootUsage) has no alarm with actions enabled',
    );
  });

  it('fails when the alarm’s actions are disabled or it needs more than one event', () => {
    expect(runOne(check, build({ alarm: { ActionsEnabled: false } }))[0]?.message).toContain(
      'has no alarm with actions enabled',
    );
    const [f] = runOne(check, build({ alarm: { Threshold: 5 } }));
    expect(f?.status).toBe('fail');
    expect(f?.message).toContain(
      'need more than one event to go off (root-usage: GreaterThanOrEqualToThreshold 5)',
    );
  });

  it('fails when the topic’s only subscription is pending confirmation', () => {
    const [f] = runOne(check, build({ subscription: 'PendingConfirmation' }));
    expect(f?.status).toBe('fail');
    expect(f?.message).toContain(
      `SNS topic ${TOPIC} (alarm root-usage) has no confirmed subscription (pending confirmation)`,
    );
  });

  it('fails when the alarm notifies no SNS topic', () => {
    const [f] = runOne(check, build({ actions: [] }));
    expect(f?.status).toBe('fail');
    expect(f?.message).toContain('alarm root-usage notifies no SNS topic');
  });

  it('fails when the log group gets no multi-region trail', () => {
    const [f] = runOne(check, build({ multiRegion: false }));
    expect(f?.status).toBe('fail');
    expect(f?.message).toContain('log group CloudTrail/logs gets no multi-region trail');
  });

  it('fails when no trail sends to CloudWatch Logs and no rule exists', () => {
    const [f] = runOne(check, build({ logs: false }));
    expect(f?.status).toBe('fail');
    expect(f?.message).toContain('no logging trail delivers to CloudWatch Logs');
    expect(f?.message).toContain(
      'no enabled EventBridge rule alerts on root API calls or console sign-ins in us-east-1',
    );
  });
});

describe('root-usage-alarm: EventBridge', () => {
  it('passes on an enabled rule in us-east-1 matching root activity with a subscribed SNS target', () => {
    const [f] = runOne(
      check,
      build({ logs: false, rules: inUsEast1(rule('root-activity', ROOT_RULE, [TOPIC])) }),
    );
    expect(f?.status).toBe('pass');
    expect(f?.message).toContain('EventBridge rule root-activity (us-east-1) → ' + TOPIC);
  });

  it('fails when the rule’s SNS topic has no confirmed subscription', () => {
    const [f] = runOne(
      check,
      build({
        logs: false,
        subscription: 'PendingConfirmation',
        rules: inUsEast1(rule('r', ROOT_RULE, [TOPIC])),
      }),
    );
    expect(f?.status).toBe('fail');
    expect(f?.message).toContain(
      `SNS topic ${TOPIC} (EventBridge rule r in us-east-1) has no confirmed subscription`,
    );
  });

  it('fails on a root rule without a target, or a disabled one', () => {
    expect(
      runOne(check, build({ logs: false, rules: inUsEast1(rule('r', ROOT_RULE, [])) }))[0]?.message,
    ).toContain('EventBridge rule r in us-east-1 matches root activity but has no target');
    expect(
      runOne(check, build({ logs: false, rules: inUsEast1(rule('r', ROOT_RULE, [TOPIC], 'DISABLED')) }))[0]
        ?.status,
    ).toBe('fail');
  });

  it('a sign-in-only rule misses root API calls', () => {
    const [f] = runOne(
      check,
      build({ logs: false, rules: inUsEast1(rule('signin', SIGN_IN_ONLY, [TOPIC])) }),
    );
    expect(f?.status).toBe('fail');
    expect(f?.message).toContain('no enabled EventBridge rule alerts on root API calls in us-east-1');
    expect(f?.message).toContain('found: rule signin (us-east-1)');
  });

  it('in another session region: needs API calls there and sign-ins in us-east-1', () => {
    const rules = (eu: ReturnType<typeof rule>[]): Rules => ({
      Regions: [
        { Region: 'us-east-1', Rules: [rule('root-activity', ROOT_RULE, [TOPIC])] },
        { Region: 'eu-west-1', Rules: eu },
      ],
    });
    const [missing] = runOne(check, build({ logs: false, rules: rules([]) }));
    expect(missing?.status).toBe('fail');
    expect(missing?.message).toContain('no enabled EventBridge rule alerts on root API calls in eu-west-1');
    const [both] = runOne(
      check,
      build({ logs: false, rules: rules([rule('root-activity', ROOT_RULE, [EU_TOPIC])]) }),
    );
    expect(both?.status).toBe('pass');
  });

  it('follows a us-east-1 rule forwarding to the session region’s default bus (as harden sets it up)', () => {
    const bus = 'arn:aws:events:eu-west-1:123456789012:event-bus/default';
    const rules = (euTargets: string[]): Rules => ({
      Regions: [
        { Region: 'us-east-1', Rules: [rule('root-activity', ROOT_RULE, [bus])] },
        { Region: 'eu-west-1', Rules: [rule('root-activity', ROOT_RULE, euTargets)] },
      ],
    });
    const [f] = runOne(check, build({ logs: false, rules: rules([EU_TOPIC]) }));
    expect(f?.status).toBe('pass');
    expect(f?.message).toContain(
      `rule root-activity (us-east-1) → ${bus} → rule root-activity (eu-west-1) → ${EU_TOPIC}`,
    );
    expect(runOne(check, build({ logs: false, rules: rules([]) }))[0]?.status).toBe('fail');
  });

  it('a Lambda target counts, said to be unverified; a log group target does not', () => {
    const lambda = 'arn:aws:lambda:us-east-1:123456789012:function:to-slack';
    const [f] = runOne(check, build({ logs: false, rules: inUsEast1(rule('r', ROOT_RULE, [lambda])) }));
    expect(f?.status).toBe('pass');
    expect(f?.message).toContain(`${lambda} (not an SNS topic: not verified further)`);
    const logs = 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/events/root';
    expect(
      runOne(check, build({ logs: false, rules: inUsEast1(rule('r', ROOT_RULE, [logs])) }))[0]?.status,
    ).toBe('fail');
  });
});

describe('root-usage-alarm: unreadable slices', () => {
  it('is an error naming the permission, never a fail, when a slice on the way could not be read', () => {
    const snap = build({});
    snap.slices.snsSubscriptions = deniedSlice('sns:ListSubscriptionsByTopic');
    const [f] = runOne(check, snap);
    expect(f?.status).toBe('error');
    expect(f?.message).toContain('sns:ListSubscriptionsByTopic');
  });

  it('an unreadable log group or alarm list is an error naming its action', () => {
    const snap = build({});
    snap.slices.metricFilters = ok({
      LogGroups: [
        {
          ...filters(CIS).LogGroups[0]!,
          MetricFilters: [],
          errors: [
            { part: 'DescribeMetricFilters', message: 'denied', action: 'logs:DescribeMetricFilters' },
          ],
        },
      ],
    });
    expect(runOne(check, snap)[0]?.message).toContain('missing permission logs:DescribeMetricFilters');
    const snap2 = build({});
    snap2.slices.eventRules = deniedSlice('events:ListRules');
    snap2.slices.metricAlarms = ok({
      Metrics: [
        {
          ...alarms([]).Metrics[0]!,
          MetricAlarms: [],
          errors: [
            {
              part: 'DescribeAlarmsForMetric',
              message: 'denied',
              action: 'cloudwatch:DescribeAlarmsForMetric',
            },
          ],
        },
      ],
    });
    const [f] = runOne(check, snap2);
    expect(f?.status).toBe('error');
    expect(f?.message).toContain('cloudwatch:DescribeAlarmsForMetric');
    expect(f?.message).toContain('events:ListRules');
  });

  it('passes on one path even when the other could not be read', () => {
    const snap = build({ logs: false, rules: inUsEast1(rule('r', ROOT_RULE, [TOPIC])) });
    snap.slices.trails = deniedSlice('cloudtrail:DescribeTrails');
    expect(runOne(check, snap)[0]?.status).toBe('pass');
  });
});

describe('root-usage-alarm: a trail pointing at a deleted log group', () => {
  it('fails naming the log group', () => {
    const snap = build({});
    snap.slices.metricFilters = ok({
      LogGroups: [{ ...filters(CIS).LogGroups[0]!, Missing: true, MetricFilters: [] }],
    });
    const [f] = runOne(check, snap);
    expect(f?.status).toBe('fail');
    expect(f?.message).toContain('log group CloudTrail/logs (trail main) does not exist');
  });
});
