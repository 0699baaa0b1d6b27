import {
  CloudWatchLogsClient,
  paginateDescribeMetricFilters,
  type MetricFilter,
} from '@aws-sdk/client-cloudwatch-logs';
import type { SliceData } from '../snapshot/schema.js';
import { defineCollector } from './types.js';
import { errorName, partError, type PartError } from './util.js';

/** arn:aws:logs:REGION:ACCOUNT:log-group:NAME[:*] → region, account and name. */
export function parseLogGroupArn(arn: string): { region: string; account: string; name: string } | undefined {
  const m = /^arn:[^:]+:logs:([^:]+):([^:]*):log-group:(.+?)(?::\*)?$/.exec(arn);
  return m?.[1] && m[3] ? { region: m[1], account: m[2] ?? '', name: m[3] } : undefined;
}

export interface TrailLogGroup {
  arn: string;
  region: string;
  account: string;
  name: string;
  /** The trails that deliver to it. */
  trails: string[];
}

/** The log groups the trails deliver to, each once (by region and name), with the trails that use it. */
export function trailLogGroups(trails: SliceData['trails'] | undefined): Map<string, TrailLogGroup> {
  const groups = new Map<string, TrailLogGroup>();
  for (const t of trails?.Trails ?? []) {
    const arn = t.Trail.CloudWatchLogsLogGroupArn;
    const parsed = arn ? parseLogGroupArn(arn) : undefined;
    if (!arn || !parsed) continue;
    const key = `${parsed.region}/${parsed.name}`;
    const entry = groups.get(key) ?? { arn, ...parsed, trails: [] };
    entry.trails.push(t.Trail.Name);
    groups.set(key, entry);
  }
  return groups;
}

/**
 * CloudWatch Logs metric filters of the log groups CloudTrail trails deliver to (CloudWatchLogsLogGroupArn),
 * read in each log group's own region. A log group that cannot be read keeps its error beside it; one that no
 * longer exists is marked Missing (a trail still pointing at it delivers nothing).
 */
export const metricFiltersCollector = defineCollector({
  slice: 'metricFilters',
  actions: ['logs:DescribeMetricFilters'],
  dependsOn: ['trails'],
  async collect({ pool, accountId }, prior) {
    const groups = trailLogGroups(prior.trails);
    const LogGroups = await Promise.all(
      [...groups.values()].map(async (g) => {
        const errors: PartError[] = [];
        const MetricFilters: MetricFilter[] = [];
        let Missing = false;
        if (g.account && g.account !== accountId) {
          // An organization trail delivering to another account's log group: its filters live there.
          errors.push({
            part: 'DescribeMetricFilters',
            message: `the log group is in account ${g.account}; its metric filters cannot be read from this account`,
            kind: 'other',
          });
        } else {
          try {
            const client = pool.client(CloudWatchLogsClient, g.region);
            for await (const page of paginateDescribeMetricFilters(
              { client, stopOnSameToken: true },
              { logGroupName: g.name },
            )) {
              MetricFilters.push(...(page.metricFilters ?? []));
            }
          } catch (err) {
            if (errorName(err) === 'ResourceNotFoundException') Missing = true;
            else errors.push(partError('DescribeMetricFilters', err, 'logs:DescribeMetricFilters'));
          }
        }
        return {
          LogGroupArn: g.arn,
          LogGroupName: g.name,
          Region: g.region,
          Trails: g.trails,
          ...(Missing ? { Missing } : {}),
          MetricFilters,
          errors,
        };
      }),
    );
    return { LogGroups };
  },
});
