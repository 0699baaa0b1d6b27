import { CloudWatchClient, DescribeAlarmsForMetricCommand } from '@aws-sdk/client-cloudwatch';
import type { SliceData } from '../snapshot/schema.js';
import { defineCollector } from './types.js';
import { partError, type PartError } from './util.js';

export interface FilterMetric {
  Region: string;
  Namespace: string;
  MetricName: string;
}

/** The metrics the log groups' metric filters publish, each once (by region, namespace and name). */
export function filterMetrics(filters: SliceData['metricFilters'] | undefined): Map<string, FilterMetric> {
  const metrics = new Map<string, FilterMetric>();
  for (const g of filters?.LogGroups ?? []) {
    for (const f of g.MetricFilters) {
      for (const t of f.metricTransformations ?? []) {
        if (!t.metricNamespace || !t.metricName) continue;
        metrics.set(`${g.Region}|${t.metricNamespace}|${t.metricName}`, {
          Region: g.Region,
          Namespace: t.metricNamespace,
          MetricName: t.metricName,
        });
      }
    }
  }
  return metrics;
}

/**
 * CloudWatch alarms on the metrics the trails' metric filters publish (DescribeAlarmsForMetric per metric,
 * in the log group's region): only the alarms that can watch CloudTrail events, not every alarm in the account.
 */
export const metricAlarmsCollector = defineCollector({
  slice: 'metricAlarms',
  actions: ['cloudwatch:DescribeAlarmsForMetric'],
  dependsOn: ['metricFilters'],
  async collect({ pool }, prior) {
    const metrics = filterMetrics(prior.metricFilters);
    const Metrics = await Promise.all(
      [...metrics.values()].map(async (m) => {
        const errors: PartError[] = [];
        const MetricAlarms = await pool
          .client(CloudWatchClient, m.Region)
          .send(new DescribeAlarmsForMetricCommand({ Namespace: m.Namespace, MetricName: m.MetricName }))
          .then(
            (out) => out.MetricAlarms ?? [],
            (err: unknown) => {
              errors.push(partError('DescribeAlarmsForMetric', err, 'cloudwatch:DescribeAlarmsForMetric'));
              return [];
            },
          );
        return { ...m, MetricAlarms, errors };
      }),
    );
    return { Metrics };
  },
});
