import {
  DeleteRuleCommand,
  DescribeRuleCommand,
  EventBridgeClient,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  type DescribeRuleCommandOutput,
  type PutRuleCommandInput,
  type Target,
} from '@aws-sdk/client-eventbridge';
import { GetRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { GetTopicAttributesCommand, SetTopicAttributesCommand, SNSClient } from '@aws-sdk/client-sns';
import { rootEventPatternCoverage } from '../../checks/lib/event-pattern.js';
import { stableJson } from '../plan.js';
import { defineAction, type ActionContext } from '../types.js';
import { findTopic } from './alerts-security-topic.js';
import {
  ignoreNotFound,
  isNotFound,
  regionOfArn,
  rolePolicy,
  serviceRole,
  statementsOf,
  str,
  undoServiceRole,
} from './util.js';

export const RULE_NAME = 'rampart-root-activity';
export const TARGET_ID = 'rampart-security-alerts';
const SID = 'AllowEventBridgeRootActivity';
/** Root console sign-ins reach EventBridge only here. */
export const SIGN_IN_REGION = 'us-east-1';
/** Lets the us-east-1 rule put events on the session region's default bus (cross-region targets need a role). */
export const FORWARD_ROLE = 'rampart-events-forward';
const FORWARD_POLICY = 'put-events-to-session-region';
export const FORWARD_TARGET_ID = 'rampart-session-region-bus';

/** Any root sign-in or API call, as CloudTrail delivers it to EventBridge. */
export const ROOT_ACTIVITY_PATTERN = {
  'detail-type': ['AWS API Call via CloudTrail', 'AWS Console Sign In via CloudTrail'],
  detail: { userIdentity: { type: ['Root'] } },
};

interface State {
  topicArn: string | null;
  /** The rule in the session region, publishing to the topic. */
  rule: { enabled: boolean; rootPattern: boolean; targetsTopic: boolean } | null;
  topicAllowsEvents: boolean;
  /**
   * Outside us-east-1: the us-east-1 rule forwarding root activity (sign-ins arrive only there) to the session
   * region's default bus, and the role it does it with. null when the session region is us-east-1.
   */
  forward: {
    rule: { enabled: boolean; rootPattern: boolean; forwards: boolean } | null;
    role: boolean;
  } | null;
}

/** Does the pattern match all root activity (sign-ins and API calls, detail.userIdentity.type Root)? */
export function matchesRoot(patternText: string | undefined): boolean {
  const c = rootEventPatternCoverage(patternText);
  return c.signIn && c.apiCall;
}

const busArn = (ctx: Pick<ActionContext, 'partition' | 'region' | 'accountId'>): string =>
  `arn:${ctx.partition}:events:${ctx.region}:${ctx.accountId}:event-bus/default`;

/** The rule RULE_NAME in `region`, or null; `targetOk` judges its targets. */
async function readRule(
  ctx: Pick<ActionContext, 'pool'>,
  region: string | undefined,
  targetOk: (t: { Arn?: string | undefined; RoleArn?: string | undefined }) => boolean,
): Promise<{ enabled: boolean; rootPattern: boolean; targeted: boolean } | null> {
  const events = ctx.pool.client(EventBridgeClient, region);
  try {
    const r = await events.send(new DescribeRuleCommand({ Name: RULE_NAME }));
    const targets = await events.send(new ListTargetsByRuleCommand({ Rule: RULE_NAME }));
    return {
      enabled: r.State === 'ENABLED',
      rootPattern: matchesRoot(r.EventPattern),
      targeted: (targets.Targets ?? []).some(targetOk),
    };
  } catch (err) {
    if (!isNotFound(err)) throw err;
    return null;
  }
}

/** The rule settings PutRule replaces, as journaled before Rampart changes an existing rule. */
export interface RuleSettings {
  state: string;
  eventPattern?: string;
  scheduleExpression?: string;
  description?: string;
  roleArn?: string;
}

async function describeRule(events: EventBridgeClient): Promise<DescribeRuleCommandOutput | null> {
  try {
    return await events.send(new DescribeRuleCommand({ Name: RULE_NAME }));
  } catch (err) {
    if (!isNotFound(err)) throw err;
    return null;
  }
}

/** What an existing rule needs to alert on root activity: nothing, or its settings before the update. */
export function ruleNeedsUpdate(
  rule: Pick<
    DescribeRuleCommandOutput,
    'State' | 'EventPattern' | 'ScheduleExpression' | 'Description' | 'RoleArn'
  >,
): RuleSettings | null {
  if (rule.State === 'ENABLED' && matchesRoot(rule.EventPattern)) return null;
  return {
    state: rule.State ?? 'DISABLED',
    ...(rule.EventPattern ? { eventPattern: rule.EventPattern } : {}),
    ...(rule.ScheduleExpression ? { scheduleExpression: rule.ScheduleExpression } : {}),
    ...(rule.Description ? { description: rule.Description } : {}),
    ...(rule.RoleArn ? { roleArn: rule.RoleArn } : {}),
  };
}

/** The PutRule input that puts a journaled rule back as it was. */
export function restoreRuleInput(name: string, previous: unknown): PutRuleCommandInput {
  const p = (typeof previous === 'object' && previous !== null ? previous : {}) as Record<string, unknown>;
  const opt = (key: string, field: keyof PutRuleCommandInput): Partial<PutRuleCommandInput> =>
    typeof p[key] === 'string' ? { [field]: p[key] } : {};
  return {
    Name: name,
    State: (str(p.state) || 'DISABLED') as PutRuleCommandInput['State'],
    ...opt('eventPattern', 'EventPattern'),
    ...opt('scheduleExpression', 'ScheduleExpression'),
    ...opt('description', 'Description'),
    ...opt('roleArn', 'RoleArn'),
  };
}

/** A target of ours that is missing: 'add' it, or 'replace' the one holding its id (journaled to restore it). */
export function targetChange(
  targets: readonly Target[],
  wanted: Target,
): { kind: 'none' } | { kind: 'add' } | { kind: 'replace'; previous: Target } {
  const same = (t: Target): boolean =>
    t.Arn === wanted.Arn && (wanted.RoleArn === undefined || t.RoleArn === wanted.RoleArn);
  if (targets.some(same)) return { kind: 'none' };
  const holder = targets.find((t) => t.Id === wanted.Id);
  return holder ? { kind: 'replace', previous: holder } : { kind: 'add' };
}

/**
 * Makes RULE_NAME in `region` an enabled root-activity rule with `target`, journaling only what it changes:
 * a new rule as created; an existing one (disabled, another pattern) as updated with its previous settings;
 * a target it adds, or the one it overwrites with the same id.
 */
async function ensureRule(
  ctx: ActionContext,
  region: string,
  description: string,
  target: Target & { Id: string; Arn: string },
): Promise<void> {
  const events = ctx.pool.client(EventBridgeClient, region);
  const rule = await describeRule(events);
  const put = (): Promise<unknown> =>
    events.send(
      new PutRuleCommand({
        Name: RULE_NAME,
        Description: description,
        EventPattern: JSON.stringify(ROOT_ACTIVITY_PATTERN),
        State: 'ENABLED',
      }),
    );
  let targets: Target[] = [];
  if (rule === null) {
    await put();
    await ctx.record({ kind: 'rule-created', name: RULE_NAME, region });
  } else {
    const previous = ruleNeedsUpdate(rule);
    if (previous) {
      await put();
      await ctx.record({ kind: 'rule-updated', name: RULE_NAME, region, previous });
    }
    targets = (await events.send(new ListTargetsByRuleCommand({ Rule: RULE_NAME }))).Targets ?? [];
  }
  const change = targetChange(targets, target);
  if (change.kind === 'none') return;
  await events.send(new PutTargetsCommand({ Rule: RULE_NAME, Targets: [target] }));
  await ctx.record(
    change.kind === 'add'
      ? { kind: 'target-added', rule: RULE_NAME, id: target.Id, region }
      : { kind: 'target-replaced', rule: RULE_NAME, id: target.Id, region, previous: change.previous },
  );
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
  changeKinds: [
    'topic-policy-changed',
    'rule-created',
    'rule-updated',
    'target-added',
    'target-replaced',
    'role-created',
    'role-policy-put',
    'role-policy-replaced',
  ],
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
    // Outside us-east-1 only: the role the us-east-1 rule forwards with.
    'iam:GetRole',
    'iam:GetRolePolicy',
    'iam:CreateRole',
    'iam:PutRolePolicy',
    'iam:PassRole',
    'iam:DeleteRolePolicy',
    'iam:DeleteRole',
  ],
  cost: 'Free: EventBridge rules on AWS service events cost nothing; a few SNS emails a month are free.',
  userImpact: 'The security list gets an email each time someone uses the root user.',
  async read(ctx) {
    const topicArn = await findTopic(ctx);
    const here = await readRule(ctx, undefined, (t) => topicArn !== null && t.Arn === topicArn);
    const rule = here
      ? { enabled: here.enabled, rootPattern: here.rootPattern, targetsTopic: here.targeted }
      : null;
    let topicAllowsEvents = false;
    if (topicArn) {
      const attrs = await ctx.pool
        .client(SNSClient)
        .send(new GetTopicAttributesCommand({ TopicArn: topicArn }));
      topicAllowsEvents = policyAllowsEvents(attrs.Attributes?.Policy, topicArn);
    }
    let forward: State['forward'] = null;
    if (ctx.region !== SIGN_IN_REGION) {
      const east = await readRule(ctx, SIGN_IN_REGION, (t) => t.Arn === busArn(ctx) && !!t.RoleArn);
      let role = true;
      try {
        await ctx.pool.client(IAMClient).send(new GetRoleCommand({ RoleName: FORWARD_ROLE }));
      } catch (err) {
        if (!isNotFound(err)) throw err;
        role = false;
      }
      forward = {
        rule: east ? { enabled: east.enabled, rootPattern: east.rootPattern, forwards: east.targeted } : null,
        role,
      };
    }
    return { topicArn, rule, topicAllowsEvents, forward };
  },
  satisfied: (s) =>
    s.topicArn !== null &&
    s.rule !== null &&
    s.rule.enabled &&
    s.rule.rootPattern &&
    s.rule.targetsTopic &&
    s.topicAllowsEvents &&
    (s.forward === null ||
      (s.forward.role &&
        s.forward.rule !== null &&
        s.forward.rule.enabled &&
        s.forward.rule.rootPattern &&
        s.forward.rule.forwards)),
  blocked: (_s, inputs) =>
    inputs.securityEmail ? undefined : { reason: 'needs --security-email ADDR (for the topic)' },
  describe(s, _inputs, { region }) {
    return {
      before: [
        s.rule || s.forward?.rule
          ? `Rule ${RULE_NAME} exists but is not complete.`
          : 'Nothing alerts on root activity.',
      ],
      after: [
        (s.rule
          ? `Update the existing EventBridge rule ${RULE_NAME} in ${region} where needed (enabled, matching root sign-ins and API calls), keeping its other targets; rollback restores its previous settings. `
          : `Create the EventBridge rule ${RULE_NAME} matching root sign-ins and API calls (detail.userIdentity.type = Root) in ${region}. `) +
          'Send it to the security topic and let EventBridge publish to the topic.',
        ...(s.forward
          ? [
              `Root console sign-ins (and IAM calls) reach EventBridge only in us-east-1: create the same rule there, ` +
                `forwarding to the default event bus of the session region through the role ${FORWARD_ROLE} ` +
                '(events:PutEvents on that bus only).',
            ]
          : []),
        'Root API calls in other regions reach EventBridge in the region where they happen: run harden there too, or alarm on the multi-region trail (CIS metric filter).',
      ],
    };
  },
  async apply(ctx, state) {
    // The topic is created by alerts-security-topic just before; read it again now.
    const topicArn = await findTopic(ctx);
    if (!topicArn)
      throw new Error(`the SNS topic for security alerts does not exist (step alerts-security-topic)`);
    const sns = ctx.pool.client(SNSClient);
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
    // Only what this run changes is journaled: an existing rule (disabled, another pattern, other targets) is
    // updated, never recorded as created, so rollback restores it instead of deleting it.
    await ensureRule(ctx, ctx.region, 'Rampart: any root user sign-in or API call', {
      Id: TARGET_ID,
      Arn: topicArn,
    });
    const f = state.forward;
    if (f && !(f.role && f.rule?.enabled && f.rule.rootPattern && f.rule.forwards)) await forwardSignIns(ctx);
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
      case 'target-replaced':
        await events.send(
          new PutTargetsCommand({ Rule: str(change.rule), Targets: [change.previous as Target] }),
        );
        return;
      case 'rule-created':
        await ignoreNotFound(() => events.send(new DeleteRuleCommand({ Name: str(change.name) })));
        return;
      case 'rule-updated': {
        // A rule deleted since has nothing to restore (PutRule would create it again).
        if ((await describeRule(events)) === null) return;
        await events.send(new PutRuleCommand(restoreRuleInput(str(change.name), change.previous)));
        return;
      }
      case 'role-policy-put':
      case 'role-created':
      case 'role-policy-replaced':
        // role-policy-replaced: the role's policy of that name before Rampart replaced it is put back.
        await undoServiceRole(ctx, change);
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

/**
 * The us-east-1 half: EventBridge targets must be in the rule's region except event buses, so the us-east-1 rule
 * forwards root activity to the session region's default bus (same account: the role's permission is enough, no
 * bus policy), where the session-region rule publishes it to the topic.
 */
async function forwardSignIns(ctx: ActionContext): Promise<void> {
  const iam = ctx.pool.client(IAMClient);
  const bus = busArn(ctx);
  const { arn: roleArn, existed: exists } = await serviceRole(ctx, {
    role: FORWARD_ROLE,
    service: 'events.amazonaws.com',
    description: `Lets the us-east-1 rule ${RULE_NAME} forward root activity to ${ctx.region}`,
  });
  const policy = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'events:PutEvents', Resource: bus }],
  };
  // A role that already existed may hold a policy of this name that is not ours: rollback must put it back.
  const previous = exists ? await rolePolicy(iam, FORWARD_ROLE, FORWARD_POLICY) : undefined;
  if (previous === undefined || !samePolicy(previous, policy)) {
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: FORWARD_ROLE,
        PolicyName: FORWARD_POLICY,
        PolicyDocument: JSON.stringify(policy),
      }),
    );
    await ctx.record(
      previous === undefined
        ? { kind: 'role-policy-put', role: FORWARD_ROLE, policy: FORWARD_POLICY }
        : { kind: 'role-policy-replaced', role: FORWARD_ROLE, policy: FORWARD_POLICY, previous },
    );
  }
  await ensureRule(
    ctx,
    SIGN_IN_REGION,
    `Rampart: any root user sign-in or API call, forwarded to ${ctx.region}`,
    {
      Id: FORWARD_TARGET_ID,
      Arn: bus,
      RoleArn: roleArn,
    },
  );
}

/** Whether a policy document says the same as `wanted` (key order and spacing aside). */
function samePolicy(document: string, wanted: unknown): boolean {
  try {
    return stableJson(JSON.parse(document)) === stableJson(wanted);
  } catch {
    return false;
  }
}
