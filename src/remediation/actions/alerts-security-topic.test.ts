import {
  CreateTopicCommand,
  DeleteTopicCommand,
  ListSubscriptionsByTopicCommand,
  ListTopicsCommand,
  SNSClient,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { actionContext, TEST_INPUTS } from '../testing.js';
import action from './alerts-security-topic.js';

const sns = mockClient(SNSClient);
afterEach(() => sns.reset());
const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:rampart-security-alerts';

describe('alerts-security-topic', () => {
  it('creates the topic and subscribes the security list', async () => {
    sns
      .on(ListTopicsCommand)
      .resolves({ Topics: [{ TopicArn: 'arn:aws:sns:eu-west-1:123456789012:other' }] });
    sns.on(CreateTopicCommand).resolves({ TopicArn: TOPIC });
    sns.on(SubscribeCommand).resolves({ SubscriptionArn: `${TOPIC}:sub` });
    const ctx = actionContext();
    const state = await action.read(ctx);
    expect(state).toEqual({ topicArn: null, email: 'security@example.com', subscribed: false });
    await action.apply(ctx, state);
    expect(sns.commandCalls(SubscribeCommand)[0]?.args[0].input).toMatchObject({
      TopicArn: TOPIC,
      Protocol: 'email',
      Endpoint: 'security@example.com',
    });
    expect(ctx.changes.map((c) => c.kind)).toEqual(['topic-created', 'subscribed']);
  });

  it('finds the topic on a later page and counts a subscription case-insensitively', async () => {
    sns
      .on(ListTopicsCommand)
      .resolvesOnce({ Topics: [], NextToken: 'n' })
      .resolves({ Topics: [{ TopicArn: TOPIC }] });
    sns
      .on(ListSubscriptionsByTopicCommand)
      .resolves({ Subscriptions: [{ Protocol: 'email', Endpoint: 'Security@Example.com' }] });
    expect(action.satisfied(await action.read(actionContext()), TEST_INPUTS)).toBe(true);
  });

  it('is blocked without --security-email; undo deletes the topic', async () => {
    expect(
      action.blocked?.({ topicArn: null, email: null, subscribed: false }, TEST_INPUTS, {
        isRoot: false,
        interactive: false,
      })?.reason,
    ).toContain('--security-email');
    sns.on(DeleteTopicCommand).resolves({});
    await action.undo(actionContext(), { kind: 'topic-created', topicArn: TOPIC });
    expect(sns.commandCalls(DeleteTopicCommand)[0]?.args[0].input).toEqual({ TopicArn: TOPIC });
  });
});
