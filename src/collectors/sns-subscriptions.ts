import { paginateListSubscriptionsByTopic, SNSClient, type Subscription } from '@aws-sdk/client-sns';
import { defineCollector } from './types.js';
import { partError, type PartError } from './util.js';

const SNS_ARN = /^arn:[^:]+:sns:([^:]+):\d{12}:[^:]+$/;

/**
 * Subscriptions of the SNS topics that the trails' metric alarms and the root-activity EventBridge rules notify,
 * read in each topic's region. An unconfirmed subscription has SubscriptionArn "PendingConfirmation".
 */
export const snsSubscriptionsCollector = defineCollector({
  slice: 'snsSubscriptions',
  actions: ['sns:ListSubscriptionsByTopic'],
  dependsOn: ['metricAlarms', 'eventRules'],
  async collect({ pool }, prior) {
    const topics = new Set<string>();
    for (const m of prior.metricAlarms?.Metrics ?? []) {
      for (const a of m.MetricAlarms) for (const action of a.AlarmActions ?? []) topics.add(action);
    }
    for (const r of prior.eventRules?.Regions ?? []) {
      for (const rule of r.Rules) for (const t of rule.Targets ?? []) topics.add(t.Arn);
    }
    const Topics = await Promise.all(
      [...topics]
        .filter((arn) => SNS_ARN.test(arn))
        .sort()
        .map(async (TopicArn) => {
          const region = SNS_ARN.exec(TopicArn)?.[1] ?? 'us-east-1';
          const errors: PartError[] = [];
          const Subscriptions: Subscription[] = [];
          try {
            const client = pool.client(SNSClient, region);
            for await (const page of paginateListSubscriptionsByTopic(
              { client, stopOnSameToken: true },
              { TopicArn },
            )) {
              Subscriptions.push(...(page.Subscriptions ?? []));
            }
          } catch (err) {
            errors.push(partError('ListSubscriptionsByTopic', err, 'sns:ListSubscriptionsByTopic'));
          }
          return { TopicArn, Subscriptions, errors };
        }),
    );
    return { Topics };
  },
});
