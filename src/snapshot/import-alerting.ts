import { mentionsRoot } from '../collectors/event-rules.js';
import { filterMetrics } from '../collectors/metric-alarms.js';
import { trailLogGroups } from '../collectors/metric-filters.js';
import { EXPORT_FILES } from './import-files.js';
import { isoTimes, missingPart, type Built, type ExportReader } from './import-reader.js';
import type { SliceData } from './schema.js';

// The root-activity alerting slices, built from whole-region listings (one file per region) rather than the
// per-resource calls of the live collectors: the CLI commands need no names, and the importer keeps only the
// resources the collector would have read. Every regional file is `<command>.<region>.json`.

interface Part {
  part: string;
  message: string;
}
const SNS_ARN = /^arn:[^:]+:sns:([^:]+):\d{12}:([^:]+)$/;

/**
 * Metric filters of the log groups the trails deliver to, from `describe-metric-filters.<region>.json`
 * (all filters of the region; each names its logGroupName). Whether a log group still exists is not in that
 * output, so `Missing` is never set: a deleted log group reads as one without a root-usage filter (a gap).
 */
export async function importMetricFilters(
  reader: ExportReader,
  trails: SliceData['trails'] | undefined,
  accountId: string | undefined,
): Promise<Built> {
  const { command, file } = EXPORT_FILES.metricFilters;
  reader.regions(command); // rejects a file without its region
  if (!trails) return { status: 'skipped', reason: `needs describe-trails.json in ${reader.dir}` };
  const groups = trailLogGroups(trails);
  const needed = [...new Set([...groups.values()].map((g) => file(g.region)))].sort();
  if (needed.length > 0 && !needed.some((f) => reader.has(f))) {
    return { status: 'skipped', reason: reader.missing(...needed) };
  }
  const LogGroups = [];
  for (const g of groups.values()) {
    const errors: Part[] = [];
    const MetricFilters = [];
    if (g.account && accountId && g.account !== accountId) {
      errors.push({
        part: 'DescribeMetricFilters',
        message: `the log group is in account ${g.account}; its metric filters cannot be read from this account`,
      });
    } else if (!reader.has(file(g.region))) {
      errors.push(missingPart(reader, 'DescribeMetricFilters', file(g.region)));
    } else {
      const all = await reader.list(file(g.region), 'metricFilters');
      MetricFilters.push(...all.filter((f) => f.logGroupName === g.name));
    }
    LogGroups.push({
      LogGroupArn: g.arn,
      LogGroupName: g.name,
      Region: g.region,
      Trails: g.trails,
      MetricFilters,
      errors,
    });
  }
  return { status: 'ok', data: { LogGroups }, file: reader.path('describe-metric-filters.*.json') };
}

/**
 * Alarms on the metrics those filters publish, from `describe-alarms.<region>.json` (every metric alarm of
 * the region), keeping those on the same namespace and metric name, as DescribeAlarmsForMetric answers.
 */
export async function importMetricAlarms(
  reader: ExportReader,
  filters: SliceData['metricFilters'] | undefined,
  /** Why the metric filters were not imported, when they were not. */
  filtersSkipped = '',
): Promise<Built> {
  const { command, file } = EXPORT_FILES.alarms;
  reader.regions(command);
  if (!filters) {
    return { status: 'skipped', reason: `needs the metric filters, not imported: ${filtersSkipped}` };
  }
  const metrics = filterMetrics(filters);
  const needed = [...new Set([...metrics.values()].map((m) => file(m.Region)))].sort();
  if (needed.length > 0 && !needed.some((f) => reader.has(f))) {
    return { status: 'skipped', reason: reader.missing(...needed) };
  }
  const Metrics = [];
  for (const m of metrics.values()) {
    const errors: Part[] = [];
    let MetricAlarms: Record<string, unknown>[] = [];
    if (reader.has(file(m.Region))) {
      MetricAlarms = (await reader.list(file(m.Region), 'MetricAlarms')).filter(
        (a) => a.Namespace === m.Namespace && a.MetricName === m.MetricName,
      );
    } else {
      errors.push(missingPart(reader, 'DescribeAlarmsForMetric', file(m.Region)));
    }
    Metrics.push({ ...m, MetricAlarms, errors });
  }
  return {
    status: 'ok',
    data: isoTimes({ Metrics }, /Timestamp$/),
    file: reader.path('describe-alarms.*.json'),
  };
}

/**
 * EventBridge rules of the default bus from `list-rules.<region>.json`, and for each rule whose pattern
 * mentions root, its targets from `list-targets-by-rule-<rule>.<region>.json`. us-east-1 is required (root
 * console sign-ins reach EventBridge only there): without it the check could pass on the other regions alone.
 */
export async function importEventRules(reader: ExportReader): Promise<Built> {
  const { rules, ruleTargets } = EXPORT_FILES;
  const regions = reader.regions(rules.command);
  if (!regions.includes('us-east-1')) {
    const found = regions.length > 0 ? ` (found ${regions.map(rules.file).join(', ')})` : '';
    return {
      status: 'skipped',
      reason: `${reader.missing(rules.file('us-east-1'))}: root console sign-ins reach EventBridge only in us-east-1${found}`,
    };
  }
  const Regions = [];
  for (const Region of regions) {
    const Rules = [];
    for (const Rule of await reader.list(rules.file(Region), 'Rules')) {
      const errors: Part[] = [];
      let Targets: Record<string, unknown>[] | null = null;
      const name = typeof Rule.Name === 'string' ? Rule.Name : undefined;
      if (name && mentionsRoot(typeof Rule.EventPattern === 'string' ? Rule.EventPattern : undefined)) {
        const file = ruleTargets.file(name, Region);
        if (reader.has(file)) Targets = await reader.list(file, 'Targets');
        else errors.push(missingPart(reader, 'ListTargetsByRule', file));
      }
      Rules.push({ Rule, Targets, errors });
    }
    Regions.push({ Region, Rules });
  }
  return { status: 'ok', data: { Regions }, file: reader.path('list-rules.*.json') };
}

/**
 * Subscriptions of the SNS topics the alarms and root rules notify: `list-subscriptions-by-topic-<topic>.<region>.json`
 * when present (exact), else the topic's entries in `list-subscriptions.<region>.json` (the account's own
 * subscriptions in that region). A topic with neither keeps an error naming both files.
 */
export async function importSnsSubscriptions(
  reader: ExportReader,
  alarms: SliceData['metricAlarms'] | undefined,
  rules: SliceData['eventRules'] | undefined,
): Promise<Built> {
  const { subscriptions, topicSubscriptions } = EXPORT_FILES;
  reader.regions(subscriptions.command);
  if (!alarms && !rules) {
    return {
      status: 'skipped',
      reason:
        'needs the alarms (describe-alarms.<region>.json) or the EventBridge rules (list-rules.us-east-1.json)',
    };
  }
  const topics = new Set<string>();
  for (const m of alarms?.Metrics ?? []) {
    for (const a of m.MetricAlarms) for (const action of a.AlarmActions ?? []) topics.add(action);
  }
  for (const r of rules?.Regions ?? []) {
    for (const rule of r.Rules) for (const t of rule.Targets ?? []) topics.add(t.Arn);
  }
  const wanted = [...topics].flatMap((TopicArn) => {
    const m = SNS_ARN.exec(TopicArn);
    return m?.[1] && m[2]
      ? [
          {
            TopicArn,
            all: subscriptions.file(m[1]),
            byTopic: topicSubscriptions.file(m[2], m[1]),
          },
        ]
      : [];
  });
  wanted.sort((a, b) => a.TopicArn.localeCompare(b.TopicArn));
  if (wanted.length > 0 && !wanted.some((w) => reader.has(w.all) || reader.has(w.byTopic))) {
    return { status: 'skipped', reason: reader.missing(...new Set(wanted.map((w) => w.all))) };
  }
  const Topics = [];
  for (const w of wanted) {
    const errors: Part[] = [];
    let Subscriptions: Record<string, unknown>[] = [];
    if (reader.has(w.byTopic)) Subscriptions = await reader.list(w.byTopic, 'Subscriptions');
    else if (reader.has(w.all))
      Subscriptions = (await reader.list(w.all, 'Subscriptions')).filter((s) => s.TopicArn === w.TopicArn);
    else errors.push(missingPart(reader, 'ListSubscriptionsByTopic', w.all, w.byTopic));
    Topics.push({ TopicArn: w.TopicArn, Subscriptions, errors });
  }
  return { status: 'ok', data: { Topics }, file: reader.path('list-subscriptions*.json') };
}
