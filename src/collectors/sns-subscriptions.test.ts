import { ListSubscriptionsByTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { snsSubscriptionsSchema } from '../snapshot/aws-shapes.js';
import type { SliceData } from '../snapshot/schema.js';
import { snsSubscriptionsCollector } from './sns-subscriptions.js';
import { awsError, testContext } from './testing.js';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:security';
const prior: Partial<SliceData> = {
  metricAlarms: {
    Metrics: [
      {
        Region: 'eu-west-1',
        Namespace: 'CIS',
        MetricName: 'RootUsage',
        MetricAlarms: [
          { AlarmName: 'root', AlarmActions: [TOPIC, 'arn:aws:autoscaling:eu-west-1:1:scalingPolicy:x'] },
        ],
        errors: [],
      },
    ],
  },
  eventRules: {
    Regions: [
      { Region: 'us-east-1', Rules: [{ Rule: { Name: 'r' }, Targets: [{ Arn: TOPIC }], errors: [] }] },
    ],
  },
};

// SNS speaks XML (query protocol): SDK-level mocks.
describe('snsSubscriptions collector', () => {
  const sns = mockClient(SNSClient);
  afterEach(() => {
    sns.reset();
  });
  afterAll(() => {
    sns.restore();
  });

  it('reads each distinct SNS topic named by an alarm or rule once, in the topic’s region', async () => {
    const regions: string[] = [];
    sns.on(ListSubscriptionsByTopicCommand).callsFake(async (_input, getClient: () => SNSClient) => {
      regions.push(await getClient().config.region());
      return {
        Subscriptions: [
          { SubscriptionArn: 'PendingConfirmation', Protocol: 'email', Endpoint: 'sec@example.com' },
        ],
      };
    });
    const out = snsSubscriptionsSchema.parse(await snsSubscriptionsCollector.collect(testContext(), prior));
    expect(sns.commandCalls(ListSubscriptionsByTopicCommand).map((c) => c.args[0].input)).toEqual([
      { TopicArn: TOPIC },
    ]);
    expect(regions).toEqual(['eu-west-1']);
    expect(out.Topics[0]?.Subscriptions[0]?.SubscriptionArn).toBe('PendingConfirmation');
  });

  it('keeps a topic it cannot read (e.g. another account’s), with the action', async () => {
    sns.on(ListSubscriptionsByTopicCommand).rejects(
      Object.assign(awsError('AuthorizationError', 'not authorized', 403), {
        rampartAction: 'sns:ListSubscriptionsByTopic',
      }),
    );
    const out = snsSubscriptionsSchema.parse(await snsSubscriptionsCollector.collect(testContext(), prior));
    expect(out.Topics[0]?.errors[0]).toMatchObject({ action: 'sns:ListSubscriptionsByTopic' });
  });
});
