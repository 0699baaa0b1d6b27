import type { SliceData } from '../../snapshot/schema.js';
import { rootEventPatternCoverage } from '../lib/event-pattern.js';
import { describeFailure } from '../lib/failure.js';
import { judgeRootUsagePattern } from '../lib/filter-pattern.js';
import { optionalSlice } from '../lib/slices.js';
import { defineCheck } from '../types.js';
import { accountRoot } from '../lib/outcomes.js';

type Alarm = SliceData['metricAlarms']['Metrics'][number]['MetricAlarms'][number];
type Rule = SliceData['eventRules']['Regions'][number]['Rules'][number];

/** Root console sign-ins are delivered to EventBridge in us-east-1 only. */
const SIGN_IN_REGION = 'us-east-1';
const SNS_ARN = /^arn:[^:]+:sns:[^:]+:\d{12}:[^:]+$/;
const BUS_ARN = /^arn:[^:]+:events:([^:]+):(\d{12}):event-bus\/(.+)$/;

/** Does the alarm go off on a single matching event (CIS: >= 1)? Unknown operator/threshold: assume it does. */
function firesOnOneEvent(a: Alarm): boolean {
  if (a.ComparisonOperator === undefined || a.Threshold === undefined) return true;
  if (a.ComparisonOperator === 'GreaterThanOrEqualToThreshold') return a.Threshold <= 1;
  if (a.ComparisonOperator === 'GreaterThanThreshold') return a.Threshold < 1;
  return false;
}

export default defineCheck({
  id: 'root-usage-alarm',
  title: 'Root activity raises an alarm someone receives',
  area: 'root',
  severity: 'medium',
  rationale:
    'Root use should be rare and always explained. An alarm on root activity that reaches a person turns an ' +
    'unnoticed root sign-in — by a colleague or an attacker — into a same-day question.',
  controls: { cisV5: ['4.3'], cisV6: ['5.3'], securityHub: ['CloudWatch.1'] },
  // Either path may pass on its own: no slice is required, a missing one only matters when nothing passes.
  needs: [],
  uses: ['trails', 'metricFilters', 'metricAlarms', 'snsSubscriptions', 'eventRules'],
  remediation: {
    action: 'alerts-root-activity',
    manual: [
      'EventBridge (simplest): on the default bus in us-east-1 (console sign-ins arrive only there) and in each region you use, a rule with pattern {"detail-type":["AWS Console Sign In via CloudTrail","AWS API Call via CloudTrail"],"detail":{"userIdentity":{"type":["Root"]}}} targeting an SNS topic with a confirmed email subscription (a team list).',
      'Or CIS style: send a multi-region trail to CloudWatch Logs, add a metric filter {$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}, an alarm on its metric (>= 1 in 5 minutes) and an SNS topic with a confirmed subscription as the alarm action.',
      'Confirm the subscription from the email AWS sends; an unconfirmed subscription delivers nothing.',
    ],
  },
  run(_data, ctx) {
    const resource = accountRoot(ctx);
    const trails = optionalSlice(ctx.snapshot, 'trails');
    const filters = optionalSlice(ctx.snapshot, 'metricFilters');
    const alarms = optionalSlice(ctx.snapshot, 'metricAlarms');
    const sns = optionalSlice(ctx.snapshot, 'snsSubscriptions');
    const rules = optionalSlice(ctx.snapshot, 'eventRules');
    const problems: string[] = [];
    const gaps: string[] = [];
    const alerting: string[] = [];

    /** Does this SNS topic reach someone? Records the gap or the read problem when it does not (or is unknown). */
    const topicReaches = (topic: string, via: string): boolean => {
      if (!sns.ok) {
        problems.push(sns.problem);
        return false;
      }
      const t = sns.data.Topics.find((x) => x.TopicArn === topic);
      if (!t) {
        problems.push(`the subscriptions of ${topic} were not read`);
        return false;
      }
      if (t.errors.length > 0) {
        problems.push(...t.errors.map((e) => `SNS topic ${topic}: ${describeFailure(e)}`));
        return false;
      }
      // "PendingConfirmation" (and "Deleted") are not ARNs: such a subscription delivers nothing.
      if (t.Subscriptions.some((s) => s.SubscriptionArn?.startsWith('arn:'))) return true;
      gaps.push(
        `SNS topic ${topic} (${via}) has no confirmed subscription${
          t.Subscriptions.length > 0 ? ' (pending confirmation)' : ''
        }`,
      );
      return false;
    };

    // Path 1 (CIS): multi-region trail → CloudWatch Logs → metric filter → alarm → SNS topic someone receives.
    if (!trails.ok) {
      problems.push(trails.problem);
    } else {
      const live = trails.data.Trails.filter(
        (t) => t.Trail.CloudWatchLogsLogGroupArn && t.Status?.IsLogging !== false,
      );
      const fed = new Set(live.filter((t) => t.Trail.IsMultiRegionTrail).map((t) => t.Trail.Name));
      if (live.length === 0) {
        gaps.push('no logging trail delivers to CloudWatch Logs, so no metric filter sees root activity');
      } else if (!filters.ok) {
        problems.push(filters.problem);
      } else {
        for (const group of filters.data.LogGroups) {
          problems.push(...group.errors.map((e) => `log group ${group.LogGroupName}: ${describeFailure(e)}`));
          if (group.errors.length > 0) continue;
          if (group.Missing) {
            gaps.push(`log group ${group.LogGroupName} (trail ${group.Trails.join(', ')}) does not exist`);
            continue;
          }
          if (!group.Trails.some((name) => fed.has(name))) {
            gaps.push(
              `log group ${group.LogGroupName} gets no multi-region trail, so root activity in other regions never reaches it`,
            );
            continue;
          }
          const rootFilters = group.MetricFilters.filter(
            (f) => judgeRootUsagePattern(f.filterPattern ?? '').matches,
          );
          if (rootFilters.length === 0) {
            const near = group.MetricFilters.find((f) => f.filterPattern?.includes('Root'));
            const why = near ? judgeRootUsagePattern(near.filterPattern ?? '') : undefined;
            gaps.push(
              `no metric filter on ${group.LogGroupName} matches root usage${
                near && why && !why.matches ? ` (filter ${near.filterName ?? ''} ${why.reason})` : ''
              }`,
            );
          }
          for (const f of rootFilters) {
            for (const t of f.metricTransformations ?? []) {
              const label = `metric filter ${f.filterName ?? ''} (${t.metricNamespace ?? ''}/${t.metricName ?? ''})`;
              if (!alarms.ok) {
                problems.push(alarms.problem);
                continue;
              }
              const metric = alarms.data.Metrics.find(
                (m) =>
                  m.Region === group.Region &&
                  m.Namespace === t.metricNamespace &&
                  m.MetricName === t.metricName,
              );
              if (!metric) {
                problems.push(`the alarms on ${label} were not read`);
                continue;
              }
              problems.push(...metric.errors.map((e) => describeFailure(e)));
              if (metric.errors.length > 0) continue;
              const enabled = metric.MetricAlarms.filter((a) => a.ActionsEnabled !== false);
              const firing = enabled.filter(firesOnOneEvent);
              if (enabled.length === 0) gaps.push(`${label} has no alarm with actions enabled`);
              else if (firing.length === 0)
                gaps.push(
                  `the alarms on ${label} need more than one event to go off (${enabled
                    .map((a) => `${a.AlarmName ?? ''}: ${a.ComparisonOperator ?? ''} ${a.Threshold ?? ''}`)
                    .join(', ')})`,
                );
              for (const a of firing) {
                const topics = (a.AlarmActions ?? []).filter((x) => SNS_ARN.test(x));
                if (topics.length === 0) gaps.push(`alarm ${a.AlarmName ?? ''} notifies no SNS topic`);
                for (const topic of topics) {
                  if (topicReaches(topic, `alarm ${a.AlarmName ?? ''}`))
                    alerting.push(`${label} → alarm ${a.AlarmName ?? ''} → ${topic}`);
                }
              }
            }
          }
        }
      }
    }

    // Path 2: EventBridge. Sign-ins arrive in us-east-1, API calls in the region of the call: every collected
    // region needs a rule on root API calls, us-east-1 one on root sign-ins too.
    if (!rules.ok) {
      problems.push(rules.problem);
    } else {
      const regions = rules.data.Regions;
      /** The rules of `region` that alert (a target someone receives) on sign-ins / API calls. */
      const covering = (region: string, kind: 'signIn' | 'apiCall', seen: Set<string>): string[] => {
        const out: string[] = [];
        const r = regions.find((x) => x.Region === region);
        if (!r || seen.has(`${region}/${kind}`)) return out;
        seen.add(`${region}/${kind}`);
        for (const rule of r.Rules) {
          if (rule.Rule.State === 'DISABLED') continue;
          if (!rootEventPatternCoverage(rule.Rule.EventPattern)[kind]) continue;
          const reached = reachedTargets(rule, region, kind, seen);
          if (reached.length > 0)
            out.push(`rule ${rule.Rule.Name ?? ''} (${region}) → ${reached.join(', ')}`);
        }
        return out;
      };
      const reachedTargets = (rule: Rule, region: string, kind: 'signIn' | 'apiCall', seen: Set<string>) => {
        const via = `rule ${rule.Rule.Name ?? ''} in ${region}`;
        problems.push(...rule.errors.map((e) => `${via}: ${describeFailure(e)}`));
        if (rule.Targets === null) {
          if (rule.errors.length === 0) problems.push(`the targets of ${via} were not read`);
          return [];
        }
        if (rule.Targets.length === 0)
          gaps.push(`EventBridge ${via} matches root activity but has no target`);
        const out: string[] = [];
        for (const { Arn } of rule.Targets) {
          const bus = BUS_ARN.exec(Arn);
          if (SNS_ARN.test(Arn)) {
            if (topicReaches(Arn, `EventBridge ${via}`)) out.push(Arn);
          } else if (bus?.[1] && bus[2] === ctx.accountId && bus[3] === 'default' && bus[1] !== region) {
            // Forwarded to this account's default bus in another region: it alerts if a rule there does.
            const there = covering(bus[1], kind, seen);
            if (there.length > 0) out.push(`${Arn} → ${there.join('; ')}`);
          } else if (!Arn.includes(':logs:')) {
            // Lambda, SQS, another account's bus...: delivery to a person cannot be seen from here.
            out.push(`${Arn} (not an SNS topic: not verified further)`);
          }
        }
        return out;
      };
      const found: string[] = [];
      const missing: string[] = [];
      for (const { Region } of regions) {
        // API calls arrive in every region; console sign-ins only in us-east-1.
        const kinds = Region === SIGN_IN_REGION ? (['apiCall', 'signIn'] as const) : (['apiCall'] as const);
        const lacking: string[] = [];
        for (const kind of kinds) {
          const rulesFor = covering(Region, kind, new Set());
          if (rulesFor.length > 0) found.push(...rulesFor);
          else lacking.push(kind === 'apiCall' ? 'API calls' : 'console sign-ins');
        }
        if (lacking.length > 0) missing.push(`root ${lacking.join(' or ')} in ${Region}`);
      }
      if (missing.length === 0) alerting.push(...new Set(found.map((f) => `EventBridge ${f}`)));
      else
        gaps.push(
          `no enabled EventBridge rule alerts on ${missing.join(', ')}${
            found.length > 0 ? ` (found: ${[...new Set(found)].join('; ')})` : ''
          }`,
        );
    }

    const unique = (xs: string[]) => [...new Set(xs)];
    if (alerting.length > 0) {
      return [
        {
          status: 'pass',
          resource,
          message: `Root activity raises an alert: ${unique(alerting).join('; ')}.`,
        },
      ];
    }
    if (problems.length > 0) {
      return [
        {
          status: 'error',
          resource,
          message: `No root-activity alert found, but not everything could be read: ${unique(problems).join('; ')}.${
            gaps.length > 0 ? ` Gaps seen: ${unique(gaps).join('; ')}.` : ''
          }`,
        },
      ];
    }
    return [
      {
        status: 'fail',
        resource,
        message: `Nothing alerts on root activity: ${unique(gaps).join('; ')}.`,
      },
    ];
  },
});
