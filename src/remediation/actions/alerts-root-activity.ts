import {
  DeleteRuleCommand,
  DescribeRuleCommand,
  EventBridgeClient,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { GetTopicAttributesCommand, SetTopicAttributesCommand, SNSClient } from '@aws-sdk/client-sns';
import { defineAction } from '../types.js';
import { findTopic } from './alerts-security-topic.js';
import { regionOfArn, ignoreNotFound, isNotFound, statementsOf, str } from './util.js';

export const RULE_NAME = 'rampart-root-activity';
export const TARGET_ID = 'rampart-security-alerts';
const SID = 'AllowEventBridgeRootActivity';

/** Any root sign-in or API call, as CloudTrail delivers it to EventBridge. */
export const ROOT_ACTIVITY_PATTERN = {
  'detail-type': ['AWS API Call via CloudTrail', 'AWS Console Sign In via CloudTrail'],
  detail: { userIdentity: { type: ['Root'] } },
};

interface State {
  topicArn: string | null;
  rule: { enabled: boolean; rootPattern: boolean; targetsTopic: boolean } | null;
  topicAllowsEvents: boolean;
}

/** Does the pattern match root activity (detail.userIdentity.type Root)? */
export function matchesRoot(patternText: string | undefined): boolean {
  if (!patternText) return false;
  try {
    const p = JSON.parse(patternText) as { detail?: { userIdentity?: { type?: unknown } } };
    const type = p.detail?.userIdentity?.type;
    return Array.isArray(type) && type.includes('Root');
  } catch {
    return false;
  }
}

function policyAllowsEvents(policyText: string | undefined, topicArn: string): boolean {
  if (!policyText) return false;
  let doc: unknown;
  try {
    doc = JSON.parse(policyText);
  } catch {
    return false;
  }
  return statementsOf(doc).some((s) => {
    const principal = s.Principal as { Service?: unknown } | undefined;
    const services = principal?.Service;
    const isEvents =
      services === 'events.amazonaws.com' ||
      (Array.isArray(services) && services.includes('events.amazonaws.com'));
    const actions = Array.isArray(s.Action) ? s.Action : [s.Action];
    return (
      s.Effect === 'Allow' &&
      isEvents &&
      actions.some((a) => a === 'sns:Publish' || a === 'sns:*') &&
      (s.Resource === topicArn || s.Resource === '*')
    );
  });
}

export default defineAction<State>({
  id: 'alerts-root-activity',
  title: 'An alert to the security topic whenever the root user signs in or makes an API call',
  fixes: ['root-usage-alarm'],
  after: ['alerts-security-topic'],
  permissions: [
    'events:DescribeRule',
    'events:ListTargetsByRule',
    'events:PutRule',
    'events:PutTargets',
    'events:RemoveTargets',
    'events:DeleteRule',
    'sns:ListTopics',
    'sns:GetTopicAttributes',
    'sns:SetTopicAttributes',
  ],
  cost: 'Free: EventBridge rules on AWS service events cost nothing; a few SNS emails a month are free.',
  userImpact: 'The security list gets an email each time someone uses the root user.',
  async read(ctx) {
    const topicArn = await findTopic(ctx);
    const events = ctx.pool.client(EventBridgeClient);
    let rule: State['rule'] = null;
    try {
      const r = await events.send(new DescribeRuleCommand({ Name: RULE_NAME }));
      const targets = await events.send(new ListTargetsByRuleCommand({ Rule: RULE_NAME }));
      rule = {
        enabled: r.State === 'ENABLED',
        rootPattern: matchesRoot(r.EventPattern),
        targetsTopic: topicArn !== null && (targets.Targets ?? []).some((t) => t.Arn === topicArn),
      };
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    let topicAllowsEvents = false;
    if (topicArn) {
      const attrs = await ctx.pool
        .client(SNSClient)
        .send(new GetTopicAttributesCommand({ TopicArn: topicArn }));
      topicAllowsEvents = policyAllowsEvents(attrs.Attributes?.Policy, topicArn);
    }
    return { topicArn, rule, topicAllowsEvents };
  },
  satisfied: (s) =>
    s.topicArn !== null &&
    s.rule !== null &&
    s.rule.enabled &&
    s.rule.rootPattern &&
    s.rule.targetsTopic &&
    s.topicAllowsEvents,
  blocked: (_s, inputs) =>
    inputs.securityEmail ? undefined : { reason: 'needs --security-email ADDR (for the topic)' },
  describe(s) {
    return {
      before: [s.rule ? `Rule ${RULE_NAME} exists but is not complete.` : 'Nothing alerts on root activity.'],
      after: [
        `Create the EventBridge rule ${RULE_NAME} matching root sign-ins and API calls (detail.userIdentity.type = Root), ` +
          'sending to the security topic, and let EventBridge publish to the topic.',
        'Root activity in other regions reaches EventBridge in the region where it happens; console sign-ins and IAM calls arrive in us-east-1.',
      ],
    };
  },
  async apply(ctx) {
    // The topic is created by alerts-security-topic just before; read it again now.
    const topicArn = await findTopic(ctx);
    if (!topicArn)
      throw new Error(`the SNS topic for security alerts does not exist (step alerts-security-topic)`);
    const sns = ctx.pool.client(SNSClient);
    const events = ctx.pool.client(EventBridgeClient);
    const ruleArn = `arn:${ctx.partition}:events:${ctx.region}:${ctx.accountId}:rule/${RULE_NAME}`;
    const attrs = await sns.send(new GetTopicAttributesCommand({ TopicArn: topicArn }));
    const previous = attrs.Attributes?.Policy ?? '';
    if (!policyAllowsEvents(previous, topicArn)) {
      const doc = previous ? (JSON.parse(previous) as { Statement?: unknown }) : { Version: '2012-10-17' };
      const statements = statementsOf(doc).filter((st) => st.Sid !== SID);
      statements.push({
        Sid: SID,
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: topicArn,
        Condition: { ArnEquals: { 'aws:SourceArn': ruleArn } },
      });
      await sns.send(
        new SetTopicAttributesCommand({
          TopicArn: topicArn,
          AttributeName: 'Policy',
          AttributeValue: JSON.stringify({ ...doc, Statement: statements }),
        }),
      );
      await ctx.record({ kind: 'topic-policy-changed', topicArn, previous });
    }
    await events.send(
      new PutRuleCommand({
        Name: RULE_NAME,
        Description: 'Rampart: any root user sign-in or API call',
        EventPattern: JSON.stringify(ROOT_ACTIVITY_PATTERN),
        State: 'ENABLED',
      }),
    );
    await ctx.record({ kind: 'rule-created', name: RULE_NAME, region: ctx.region });
    await events.send(
      new PutTargetsCommand({ Rule: RULE_NAME, Targets: [{ Id: TARGET_ID, Arn: topicArn }] }),
    );
    await ctx.record({ kind: 'target-added', rule: RULE_NAME, id: TARGET_ID, region: ctx.region });
  },
  async undo(ctx, change) {
    const region = str(change.region) || ctx.region;
    const events = ctx.pool.client(EventBridgeClient, region);
    switch (change.kind) {
      case 'target-added':
        await ignoreNotFound(() =>
          events.send(new RemoveTargetsCommand({ Rule: str(change.rule), Ids: [str(change.id)] })),
        );
        return;
      case 'rule-created':
        await ignoreNotFound(() => events.send(new DeleteRuleCommand({ Name: str(change.name) })));
        return;
      case 'topic-policy-changed': {
        const topicArn = str(change.topicArn);
        const previous = str(change.previous);
        const sns = ctx.pool.client(SNSClient, regionOfArn(topicArn));
        // An empty previous policy means the topic had AWS's default policy: setting an empty one restores it.
        await ignoreNotFound(() =>
          sns.send(
            new SetTopicAttributesCommand({
              TopicArn: topicArn,
              AttributeName: 'Policy',
              AttributeValue: previous,
            }),
          ),
        );
        return;
      }
      default:
        throw new Error(`unknown change ${change.kind}`);
    }
  },
});
