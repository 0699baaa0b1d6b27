import {
  DeleteRuleCommand,
  DescribeRuleCommand,
  EventBridgeClient,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import {
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
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
import action, {
  FORWARD_ROLE,
  FORWARD_TARGET_ID,
  matchesRoot,
  restoreRuleInput,
  ROOT_ACTIVITY_PATTERN,
  ruleNeedsUpdate,
  RULE_NAME,
} from './alerts-root-activity.js';

const events = mockClient(EventBridgeClient);
const sns = mockClient(SNSClient);
const iam = mockClient(IAMClient);
afterEach(() => {
  events.reset();
  sns.reset();
  iam.reset();
});
const BUS = 'arn:aws:events:eu-west-1:123456789012:event-bus/default';
const ROLE_ARN = `arn:aws:iam::123456789012:role/${FORWARD_ROLE}`;
/** Which region an EventBridge call went to. */
const regionOf = async (i: number): Promise<string> =>
  (events.call(i).thisValue as EventBridgeClient).config.region();
const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:rampart-security-alerts';
const ALLOWING_POLICY = JSON.stringify({
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'sns:Publish',
      Resource: TOPIC,
    },
  ],
});
const DEFAULT_POLICY = JSON.stringify({
  Version: '2008-10-17',
  Statement: [
    { Sid: '__default', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'SNS:Subscribe', Resource: TOPIC },
  ],
});

describe('alerts-root-activity', () => {
  it('adds an events.amazonaws.com publish statement (keeping the old ones), the rule and the target; forwards us-east-1 to the session region', async () => {
    sns.on(ListTopicsCommand).resolves({ Topics: [{ TopicArn: TOPIC }] });
    sns.on(GetTopicAttributesCommand).resolves({ Attributes: { Policy: DEFAULT_POLICY } });
    sns.on(SetTopicAttributesCommand).resolves({});
    events.on(DescribeRuleCommand).rejects(awsError('ResourceNotFoundException', 'no rule', 400));
    events.on(PutRuleCommand).resolves({});
    events.on(PutTargetsCommand).resolves({});
    iam.on(GetRoleCommand).rejects(awsError('NoSuchEntity', 'no role', 404));
    iam.on(CreateRoleCommand).resolves({ Role: { Arn: ROLE_ARN } as never });
    iam.on(PutRolePolicyCommand).resolves({});
    const ctx = actionContext();
    const state = await action.read(ctx);
    expect(state).toEqual({
      topicArn: TOPIC,
      rule: null,
      topicAllowsEvents: false,
      forward: { rule: null, role: false },
    });
    expect(
      action.describe(state, TEST_INPUTS, { accountId: '123456789012', region: 'eu-west-1' }).after[1],
    ).toContain('only in us-east-1');
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
    const puts = events.commandCalls(PutRuleCommand);
    expect(puts).toHaveLength(2);
    for (const p of puts)
      expect(JSON.parse(p.args[0].input.EventPattern ?? '{}')).toEqual(ROOT_ACTIVITY_PATTERN);
    const targets = events.commandCalls(PutTargetsCommand).map((c) => c.args[0].input.Targets);
    expect(targets).toEqual([
      [{ Id: 'rampart-security-alerts', Arn: TOPIC }],
      [{ Id: FORWARD_TARGET_ID, Arn: BUS, RoleArn: ROLE_ARN }],
    ]);
    // The session-region rule first, then the us-east-1 one.
    const regions: string[] = [];
    for (let i = 0; i < events.calls().length; i++) {
      if (events.call(i).args[0] instanceof PutRuleCommand) regions.push(await regionOf(i));
    }
    expect(regions).toEqual(['eu-west-1', 'us-east-1']);
    // The role may put events on the session region's default bus, nothing else; only EventBridge assumes it.
    const rolePolicy = JSON.parse(
      iam.commandCalls(PutRolePolicyCommand)[0]?.args[0].input.PolicyDocument ?? '{}',
    ) as unknown;
    expect(rolePolicy).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'events:PutEvents', Resource: BUS }],
    });
    expect(iam.commandCalls(CreateRoleCommand)[0]?.args[0].input.AssumeRolePolicyDocument).toContain(
      'events.amazonaws.com',
    );
    expect(ctx.changes).toEqual([
      { kind: 'topic-policy-changed', topicArn: TOPIC, previous: DEFAULT_POLICY },
      { kind: 'rule-created', name: RULE_NAME, region: 'eu-west-1' },
      { kind: 'target-added', rule: RULE_NAME, id: 'rampart-security-alerts', region: 'eu-west-1' },
      { kind: 'role-created', role: FORWARD_ROLE },
      { kind: 'role-policy-put', role: FORWARD_ROLE, policy: 'put-events-to-session-region' },
      { kind: 'rule-created', name: RULE_NAME, region: 'us-east-1' },
      { kind: 'target-added', rule: RULE_NAME, id: FORWARD_TARGET_ID, region: 'us-east-1' },
    ]);
  });

  it('in us-east-1 one rule does it all: no forwarding, no role', async () => {
    sns.on(ListTopicsCommand).resolves({ Topics: [{ TopicArn: TOPIC }] });
    sns.on(GetTopicAttributesCommand).resolves({ Attributes: { Policy: DEFAULT_POLICY } });
    sns.on(SetTopicAttributesCommand).resolves({});
    events.on(DescribeRuleCommand).rejects(awsError('ResourceNotFoundException', 'no rule', 400));
    events.on(PutRuleCommand).resolves({});
    events.on(PutTargetsCommand).resolves({});
    const ctx = actionContext({ region: 'us-east-1' });
    const state = await action.read(ctx);
    expect(state.forward).toBeNull();
    await action.apply(ctx, state);
    expect(events.commandCalls(PutRuleCommand)).toHaveLength(1);
    expect(iam.calls()).toHaveLength(0);
    expect(ctx.changes.map((c) => c.kind)).toEqual(['topic-policy-changed', 'rule-created', 'target-added']);
  });

  describe('the forwarding role already exists', () => {
    const OURS = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'events:PutEvents', Resource: BUS }],
    });
    const FOREIGN = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'events:PutEvents', Resource: '*' }],
    });
    /** Only the us-east-1 rule is missing; the role exists with `policy` (undefined: no such inline policy). */
    async function applyWithRolePolicy(policy: string | undefined) {
      sns.on(ListTopicsCommand).resolves({ Topics: [{ TopicArn: TOPIC }] });
      sns.on(GetTopicAttributesCommand).resolves({ Attributes: { Policy: ALLOWING_POLICY } });
      events.on(DescribeRuleCommand).callsFake(async (_i, getClient: () => EventBridgeClient) => {
        if ((await getClient().config.region()) === 'us-east-1')
          throw awsError('ResourceNotFoundException', 'no', 400);
        return { State: 'ENABLED', EventPattern: JSON.stringify(ROOT_ACTIVITY_PATTERN) };
      });
      events.on(ListTargetsByRuleCommand).resolves({ Targets: [{ Id: 'x', Arn: TOPIC }] });
      events.on(PutRuleCommand).resolves({});
      events.on(PutTargetsCommand).resolves({});
      iam.on(GetRoleCommand).resolves({ Role: { Arn: ROLE_ARN } as never });
      if (policy === undefined) iam.on(GetRolePolicyCommand).rejects(awsError('NoSuchEntity', 'none', 404));
      // IAM returns inline policy documents URL-encoded.
      else iam.on(GetRolePolicyCommand).resolves({ PolicyDocument: encodeURIComponent(policy) });
      iam.on(PutRolePolicyCommand).resolves({});
      const ctx = actionContext();
      await action.apply(ctx, await action.read(ctx));
      return ctx;
    }

    it('only the missing us-east-1 half is added; its policy, already ours, is left alone and not journaled', async () => {
      const ctx = await applyWithRolePolicy(OURS);
      // Only the missing us-east-1 rule and target: the role existed, so rollback must not delete it.
      expect(iam.commandCalls(PutRolePolicyCommand)).toHaveLength(0);
      expect(iam.commandCalls(CreateRoleCommand)).toHaveLength(0);
      expect(ctx.changes).toEqual([
        { kind: 'rule-created', name: RULE_NAME, region: 'us-east-1' },
        { kind: 'target-added', rule: RULE_NAME, id: FORWARD_TARGET_ID, region: 'us-east-1' },
      ]);
    });

    it('a policy of that name that differs is journaled with its document before it is replaced; undo puts it back', async () => {
      const ctx = await applyWithRolePolicy(FOREIGN);
      const replaced = {
        kind: 'role-policy-replaced',
        role: FORWARD_ROLE,
        policy: 'put-events-to-session-region',
        previous: FOREIGN,
      };
      expect(ctx.changes[0]).toEqual(replaced);
      iam.reset();
      iam.on(PutRolePolicyCommand).resolves({});
      await action.undo(ctx, replaced);
      expect(iam.commandCalls(PutRolePolicyCommand)[0]?.args[0].input).toEqual({
        RoleName: FORWARD_ROLE,
        PolicyName: 'put-events-to-session-region',
        PolicyDocument: FOREIGN,
      });
      expect(iam.commandCalls(DeleteRolePolicyCommand)).toHaveLength(0);
    });

    it('a missing policy is put and journaled (rollback deletes it), the role is not', async () => {
      const ctx = await applyWithRolePolicy(undefined);
      expect(ctx.changes[0]).toEqual({
        kind: 'role-policy-put',
        role: FORWARD_ROLE,
        policy: 'put-events-to-session-region',
      });
      expect(ctx.changes.map((c) => c.kind)).not.toContain('role-created');
    });
  });

  it('is satisfied by enabled root rules: the session one targeting the topic, the us-east-1 one forwarding', async () => {
    sns.on(ListTopicsCommand).resolves({ Topics: [{ TopicArn: TOPIC }] });
    sns.on(GetTopicAttributesCommand).resolves({ Attributes: { Policy: ALLOWING_POLICY } });
    events
      .on(DescribeRuleCommand)
      .resolves({ State: 'ENABLED', EventPattern: JSON.stringify(ROOT_ACTIVITY_PATTERN) });
    events
      .on(ListTargetsByRuleCommand)
      .callsFake(async (_i, getClient: () => EventBridgeClient) =>
        (await getClient().config.region()) === 'us-east-1'
          ? { Targets: [{ Id: FORWARD_TARGET_ID, Arn: BUS, RoleArn: ROLE_ARN }] }
          : { Targets: [{ Id: 'x', Arn: TOPIC }] },
      );
    iam.on(GetRoleCommand).resolves({ Role: { Arn: ROLE_ARN } as never });
    expect(action.satisfied(await action.read(actionContext()), TEST_INPUTS)).toBe(true);
    // A us-east-1 rule that does not forward leaves sign-ins unalerted.
    events.on(ListTargetsByRuleCommand).resolves({ Targets: [{ Id: 'x', Arn: TOPIC }] });
    expect(action.satisfied(await action.read(actionContext()), TEST_INPUTS)).toBe(false);
    expect(matchesRoot('{"detail":{"userIdentity":{"type":["IAMUser"]}}}')).toBe(false);
    expect(
      matchesRoot(
        '{"detail-type":["AWS Console Sign In via CloudTrail"],"detail":{"userIdentity":{"type":["Root"]}}}',
      ),
    ).toBe(false);
    expect(matchesRoot('not json')).toBe(false);
  });

  it('undo deletes the us-east-1 target and rule in us-east-1, then the role policy and the role', async () => {
    events.on(RemoveTargetsCommand).resolves({});
    events.on(DeleteRuleCommand).resolves({});
    iam.on(DeleteRolePolicyCommand).resolves({});
    iam.on(DeleteRoleCommand).rejects(awsError('NoSuchEntity', 'gone', 404)); // already gone: fine
    const ctx = actionContext();
    await action.undo(ctx, {
      kind: 'target-added',
      rule: RULE_NAME,
      id: FORWARD_TARGET_ID,
      region: 'us-east-1',
    });
    await action.undo(ctx, { kind: 'rule-created', name: RULE_NAME, region: 'us-east-1' });
    await action.undo(ctx, {
      kind: 'role-policy-put',
      role: FORWARD_ROLE,
      policy: 'put-events-to-session-region',
    });
    await action.undo(ctx, { kind: 'role-created', role: FORWARD_ROLE });
    expect(await regionOf(0)).toBe('us-east-1');
    expect(await regionOf(1)).toBe('us-east-1');
    expect(events.commandCalls(RemoveTargetsCommand)[0]?.args[0].input).toEqual({
      Rule: RULE_NAME,
      Ids: [FORWARD_TARGET_ID],
    });
    expect(iam.commandCalls(DeleteRolePolicyCommand)[0]?.args[0].input).toEqual({
      RoleName: FORWARD_ROLE,
      PolicyName: 'put-events-to-session-region',
    });
    expect(iam.commandCalls(DeleteRoleCommand)).toHaveLength(1);
  });

  it('an existing disabled rule with other targets is enabled and journaled as updated, never as created', async () => {
    const OTHER = { Id: 'ops-pager', Arn: 'arn:aws:sns:eu-west-1:123456789012:ops' };
    const OLD_PATTERN = JSON.stringify({ detail: { userIdentity: { type: ['Root'] } } });
    sns.on(ListTopicsCommand).resolves({ Topics: [{ TopicArn: TOPIC }] });
    sns.on(GetTopicAttributesCommand).resolves({ Attributes: { Policy: ALLOWING_POLICY } });
    events
      .on(DescribeRuleCommand)
      .resolves({ State: 'DISABLED', EventPattern: OLD_PATTERN, Description: 'ours, paused' });
    events.on(ListTargetsByRuleCommand).resolves({ Targets: [OTHER] });
    events.on(PutRuleCommand).resolves({});
    events.on(PutTargetsCommand).resolves({});
    const ctx = actionContext({ region: 'us-east-1' });
    const state = await action.read(ctx);
    expect(
      action.describe(state, TEST_INPUTS, { accountId: '123456789012', region: 'us-east-1' }).after[0],
    ).toContain('Update the existing EventBridge rule');
    await action.apply(ctx, state);
    expect(ctx.changes).toEqual([
      {
        kind: 'rule-updated',
        name: RULE_NAME,
        region: 'us-east-1',
        previous: { state: 'DISABLED', eventPattern: OLD_PATTERN, description: 'ours, paused' },
      },
      { kind: 'target-added', rule: RULE_NAME, id: 'rampart-security-alerts', region: 'us-east-1' },
    ]);
    // The other target is kept: only ours is put.
    expect(events.commandCalls(PutTargetsCommand)[0]?.args[0].input.Targets).toEqual([
      { Id: 'rampart-security-alerts', Arn: TOPIC },
    ]);

    // Rollback: our target removed, the rule put back as it was (disabled), never deleted.
    events.on(RemoveTargetsCommand).resolves({});
    for (const change of [...ctx.changes].reverse()) await action.undo(ctx, change);
    expect(events.commandCalls(DeleteRuleCommand)).toHaveLength(0);
    expect(events.commandCalls(PutRuleCommand)[1]?.args[0].input).toEqual({
      Name: RULE_NAME,
      State: 'DISABLED',
      EventPattern: OLD_PATTERN,
      Description: 'ours, paused',
    });
  });

  it('an enabled root rule that only lacks the topic gets the target alone; a target holding our id is restored on undo', async () => {
    const STALE = { Id: 'rampart-security-alerts', Arn: 'arn:aws:sns:us-east-1:123456789012:old' };
    sns.on(ListTopicsCommand).resolves({ Topics: [{ TopicArn: TOPIC }] });
    sns.on(GetTopicAttributesCommand).resolves({ Attributes: { Policy: ALLOWING_POLICY } });
    events
      .on(DescribeRuleCommand)
      .resolves({ State: 'ENABLED', EventPattern: JSON.stringify(ROOT_ACTIVITY_PATTERN) });
    events.on(ListTargetsByRuleCommand).resolves({ Targets: [STALE] });
    events.on(PutTargetsCommand).resolves({});
    const ctx = actionContext({ region: 'us-east-1' });
    await action.apply(ctx, await action.read(ctx));
    expect(events.commandCalls(PutRuleCommand)).toHaveLength(0);
    expect(ctx.changes).toEqual([
      {
        kind: 'target-replaced',
        rule: RULE_NAME,
        id: 'rampart-security-alerts',
        region: 'us-east-1',
        previous: STALE,
      },
    ]);
    await action.undo(ctx, ctx.changes[0] ?? { kind: '' });
    expect(events.commandCalls(PutTargetsCommand)[1]?.args[0].input).toEqual({
      Rule: RULE_NAME,
      Targets: [STALE],
    });
  });

  it('undo of a rule update leaves a rule deleted since alone', async () => {
    events.on(DescribeRuleCommand).rejects(awsError('ResourceNotFoundException', 'no rule', 400));
    await action.undo(actionContext(), {
      kind: 'rule-updated',
      name: RULE_NAME,
      region: 'eu-west-1',
      previous: { state: 'DISABLED' },
    });
    expect(events.commandCalls(PutRuleCommand)).toHaveLength(0);
  });

  it('ruleNeedsUpdate: nothing for an enabled root rule, else the settings to restore', () => {
    const pattern = JSON.stringify(ROOT_ACTIVITY_PATTERN);
    expect(ruleNeedsUpdate({ State: 'ENABLED', EventPattern: pattern })).toBeNull();
    expect(ruleNeedsUpdate({ State: 'DISABLED', EventPattern: pattern })).toEqual({
      state: 'DISABLED',
      eventPattern: pattern,
    });
    expect(ruleNeedsUpdate({ State: 'ENABLED', ScheduleExpression: 'rate(1 day)' })).toEqual({
      state: 'ENABLED',
      scheduleExpression: 'rate(1 day)',
    });
    expect(restoreRuleInput(RULE_NAME, { state: 'ENABLED', scheduleExpression: 'rate(1 day)' })).toEqual({
      Name: RULE_NAME,
      State: 'ENABLED',
      ScheduleExpression: 'rate(1 day)',
    });
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
