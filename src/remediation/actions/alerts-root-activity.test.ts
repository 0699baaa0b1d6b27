import {
  DescribeRuleCommand,
  EventBridgeClient,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import {
  GetTopicAttributesCommand,
  ListTopicsCommand,
  SetTopicAttributesCommand,
  SNSClient,
} from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { awsError } from '../../collectors/testing.js';
import { actionContext, TEST_INPUTS } from '../testing.js';
import action, { matchesRoot, ROOT_ACTIVITY_PATTERN, RULE_NAME } from './alerts-root-activity.js';

const events = mockClient(EventBridgeClient);
const sns = mockClient(SNSClient);
afterEach(() => {
  events.reset();
  sns.reset();
});
const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:rampart-security-alerts';
const DEFAULT_POLICY = JSON.stringify({
  Version: '2008-10-17',
  Statement: [
    { Sid: '__default', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'SNS:Subscribe', Resource: TOPIC },
  ],
});

describe('alerts-root-activity', () => {
  it('adds an events.amazonaws.com publish statement (keeping the old ones), the rule and the target', async () => {
    sns.on(ListTopicsCommand).resolves({ Topics: [{ TopicArn: TOPIC }] });
    sns.on(GetTopicAttributesCommand).resolves({ Attributes: { Policy: DEFAULT_POLICY } });
    sns.on(SetTopicAttributesCommand).resolves({});
    events.on(DescribeRuleCommand).rejects(awsError('ResourceNotFoundException', 'no rule', 400));
    events.on(PutRuleCommand).resolves({});
    events.on(PutTargetsCommand).resolves({});
    const ctx = actionContext();
    const state = await action.read(ctx);
    expect(state).toEqual({ topicArn: TOPIC, rule: null, topicAllowsEvents: false });
    await action.apply(ctx, state);
    const policy = JSON.parse(
      sns.commandCalls(SetTopicAttributesCommand)[0]?.args[0].input.AttributeValue ?? '{}',
    ) as {
      Statement: { Sid: string; Principal: unknown; Condition?: unknown }[];
    };
    expect(policy.Statement.map((s) => s.Sid)).toEqual(['__default', 'AllowEventBridgeRootActivity']);
    expect(policy.Statement[1]?.Condition).toEqual({
      ArnEquals: { 'aws:SourceArn': `arn:aws:events:eu-west-1:123456789012:rule/${RULE_NAME}` },
    });
    expect(JSON.parse(events.commandCalls(PutRuleCommand)[0]?.args[0].input.EventPattern ?? '{}')).toEqual(
      ROOT_ACTIVITY_PATTERN,
    );
    expect(events.commandCalls(PutTargetsCommand)[0]?.args[0].input.Targets).toEqual([
      { Id: 'rampart-security-alerts', Arn: TOPIC },
    ]);
    expect(ctx.changes.map((c) => c.kind)).toEqual(['topic-policy-changed', 'rule-created', 'target-added']);
    expect(ctx.changes[0]?.previous).toBe(DEFAULT_POLICY);
  });

  it('is satisfied by an enabled root rule targeting the topic, which may publish', async () => {
    sns.on(ListTopicsCommand).resolves({ Topics: [{ TopicArn: TOPIC }] });
    sns.on(GetTopicAttributesCommand).resolves({
      Attributes: {
        Policy: JSON.stringify({
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'events.amazonaws.com' },
              Action: 'sns:Publish',
              Resource: TOPIC,
            },
          ],
        }),
      },
    });
    events
      .on(DescribeRuleCommand)
      .resolves({ State: 'ENABLED', EventPattern: JSON.stringify(ROOT_ACTIVITY_PATTERN) });
    events.on(ListTargetsByRuleCommand).resolves({ Targets: [{ Id: 'x', Arn: TOPIC }] });
    expect(action.satisfied(await action.read(actionContext()), TEST_INPUTS)).toBe(true);
    expect(matchesRoot('{"detail":{"userIdentity":{"type":["IAMUser"]}}}')).toBe(false);
    expect(matchesRoot('not json')).toBe(false);
  });

  it('undo restores the topic policy it changed', async () => {
    sns.on(SetTopicAttributesCommand).resolves({});
    await action.undo(actionContext(), {
      kind: 'topic-policy-changed',
      topicArn: TOPIC,
      previous: DEFAULT_POLICY,
    });
    expect(sns.commandCalls(SetTopicAttributesCommand)[0]?.args[0].input).toEqual({
      TopicArn: TOPIC,
      AttributeName: 'Policy',
      AttributeValue: DEFAULT_POLICY,
    });
  });
});
