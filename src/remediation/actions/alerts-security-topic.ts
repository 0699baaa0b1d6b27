import {
  CreateTopicCommand,
  DeleteTopicCommand,
  ListSubscriptionsByTopicCommand,
  ListTopicsCommand,
  SNSClient,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import type { ActionContext } from '../types.js';
import { defineAction } from '../types.js';
import { regionOfArn, ignoreNotFound, str } from './util.js';

export const TOPIC_NAME = 'rampart-security-alerts';

interface State {
  topicArn: string | null;
  email: string | null;
  subscribed: boolean;
}

/** The Rampart security topic's ARN in this region, or null. */
export async function findTopic(ctx: Pick<ActionContext, 'pool'>, region?: string): Promise<string | null> {
  const sns = ctx.pool.client(SNSClient, region);
  let token: string | undefined;
  do {
    const out = await sns.send(new ListTopicsCommand({ ...(token ? { NextToken: token } : {}) }));
    const hit = (out.Topics ?? []).find((t) => t.TopicArn?.endsWith(`:${TOPIC_NAME}`));
    if (hit?.TopicArn) return hit.TopicArn;
    token = out.NextToken;
  } while (token);
  return null;
}

export default defineAction<State>({
  id: 'alerts-security-topic',
  title: 'An SNS topic for security alerts, subscribed to the security distribution list',
  fixes: ['root-usage-alarm'],
  changeKinds: ['topic-created', 'subscribed'],
  permissions: [
    'sns:ListTopics',
    'sns:ListSubscriptionsByTopic',
    'sns:CreateTopic',
    // The topic is created tagged (created-by: rampart): tagging on create is authorized separately.
    'sns:TagResource',
    'sns:Subscribe',
    'sns:Unsubscribe',
    'sns:DeleteTopic',
  ],
  cost: 'Free at this volume (the first 1,000 email notifications a month are free).',
  userImpact:
    'The security list receives one email asking to confirm the subscription; someone must click the link.',
  async read(ctx) {
    const email = ctx.inputs.securityEmail ?? null;
    const topicArn = await findTopic(ctx);
    if (!topicArn || !email) return { topicArn, email, subscribed: false };
    const sns = ctx.pool.client(SNSClient);
    let subscribed = false;
    let token: string | undefined;
    do {
      const out = await sns.send(
        new ListSubscriptionsByTopicCommand({ TopicArn: topicArn, ...(token ? { NextToken: token } : {}) }),
      );
      subscribed ||= (out.Subscriptions ?? []).some(
        (s) => s.Protocol === 'email' && s.Endpoint?.toLowerCase() === email.toLowerCase(),
      );
      token = out.NextToken;
    } while (token);
    return { topicArn, email, subscribed };
  },
  satisfied: (s) => s.topicArn !== null && s.subscribed,
  blocked: (s) =>
    s.email ? undefined : { reason: 'needs --security-email ADDR (your security distribution list)' },
  describe(s) {
    return {
      before: [
        s.topicArn
          ? `Topic ${s.topicArn} exists without a subscription for ${s.email ?? 'the security list'}.`
          : 'No security alerts topic.',
      ],
      after: [
        ...(s.topicArn ? [] : [`Create the SNS topic ${TOPIC_NAME}.`]),
        `Subscribe ${s.email ?? '(--security-email)'} by email (the list must confirm the subscription).`,
      ],
    };
  },
  async apply(ctx, s) {
    const email = s.email;
    if (!email) throw new Error('needs --security-email ADDR');
    const sns = ctx.pool.client(SNSClient);
    let topicArn = s.topicArn;
    if (!topicArn) {
      const out = await sns.send(
        new CreateTopicCommand({ Name: TOPIC_NAME, Tags: [{ Key: 'created-by', Value: 'rampart' }] }),
      );
      topicArn = out.TopicArn ?? '';
      await ctx.record({ kind: 'topic-created', topicArn });
    }
    if (!s.subscribed) {
      const sub = await sns.send(
        new SubscribeCommand({
          TopicArn: topicArn,
          Protocol: 'email',
          Endpoint: email,
          ReturnSubscriptionArn: true,
        }),
      );
      await ctx.record({ kind: 'subscribed', topicArn, subscriptionArn: sub.SubscriptionArn ?? '' });
      ctx.say(
        `${email} will get an email from AWS Notifications: someone must click "Confirm subscription".`,
      );
    }
  },
  async undo(ctx, change) {
    const sns = ctx.pool.client(SNSClient, regionOfArn(str(change.topicArn)));
    if (change.kind === 'subscribed') {
      const arn = str(change.subscriptionArn);
      if (arn.startsWith('arn:'))
        await ignoreNotFound(() => sns.send(new UnsubscribeCommand({ SubscriptionArn: arn })));
    } else if (change.kind === 'topic-created') {
      await ignoreNotFound(() => sns.send(new DeleteTopicCommand({ TopicArn: str(change.topicArn) })));
    } else {
      throw new Error(`unknown change ${change.kind}`);
    }
  },
});
