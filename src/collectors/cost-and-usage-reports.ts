import {
  CostAndUsageReportServiceClient,
  DescribeReportDefinitionsCommand,
} from '@aws-sdk/client-cost-and-usage-report-service';
import { defineCollector } from './types.js';

/**
 * Cost and Usage Report definitions. The CUR API lives in us-east-1 only, whatever the session region.
 * The client (3.332, the only one published) ignores AWS_ENDPOINT_URL: the pool passes the endpoint
 * resolved in settings (curEndpointUrl) explicitly.
 */
export const costAndUsageReportsCollector = defineCollector({
  slice: 'costAndUsageReports',
  actions: ['cur:DescribeReportDefinitions'],
  async collect({ pool }) {
    const cur = pool.client(CostAndUsageReportServiceClient, 'us-east-1');
    const ReportDefinitions: unknown[] = [];
    let NextToken: string | undefined;
    const seen = new Set<string>();
    do {
      const out = await cur.send(new DescribeReportDefinitionsCommand(NextToken ? { NextToken } : {}));
      ReportDefinitions.push(...(out.ReportDefinitions ?? []));
      NextToken = out.NextToken;
      // A service that hands back the same token would loop forever; stop instead.
      if (NextToken !== undefined && seen.has(NextToken)) break;
      if (NextToken !== undefined) seen.add(NextToken);
    } while (NextToken);
    return { ReportDefinitions };
  },
});
