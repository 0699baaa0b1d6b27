import {
  CostAndUsageReportServiceClient,
  type DescribeReportDefinitionsCommand,
  type DescribeReportDefinitionsCommandInput,
  type DescribeReportDefinitionsCommandOutput,
} from '@aws-sdk/client-cost-and-usage-report-service';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClientPool } from '../aws/clients.js';
import { costAndUsageReportsSchema } from '../snapshot/aws-shapes.js';
import { costAndUsageReportsCollector } from './cost-and-usage-reports.js';
import { awsError, testContext } from './testing.js';

// aws-sdk-client-mock is typed against today's @smithy/types, which the 3.332 CUR client predates:
// stub its send() directly instead. (moto has no CUR API: these mocks are this collector's only coverage.)
type Page = Omit<DescribeReportDefinitionsCommandOutput, '$metadata'>;
function stubCur(pages: (Page | Error)[]) {
  const calls: { input: DescribeReportDefinitionsCommandInput; region: string }[] = [];
  vi.spyOn(CostAndUsageReportServiceClient.prototype, 'send').mockImplementation(async function (
    this: CostAndUsageReportServiceClient,
    command: DescribeReportDefinitionsCommand,
  ) {
    calls.push({ input: { ...command.input }, region: await this.config.region() });
    const page = pages[Math.min(calls.length, pages.length) - 1];
    if (page instanceof Error) throw page;
    return { $metadata: {}, ...page };
  } as never);
  return calls;
}
afterEach(() => vi.restoreAllMocks());

const report = (name: string) => ({
  ReportName: name,
  TimeUnit: 'HOURLY' as const,
  Format: 'Parquet' as const,
  Compression: 'Parquet' as const,
  AdditionalSchemaElements: ['RESOURCES' as const],
  S3Bucket: 'billing-reports',
  S3Prefix: 'cur',
  S3Region: 'eu-west-1' as const,
});

describe('costAndUsageReports collector', () => {
  it('reads every page of report definitions from us-east-1', async () => {
    const calls = stubCur([
      { ReportDefinitions: [report('hourly')], NextToken: 't1' },
      { ReportDefinitions: [report('daily')] },
    ]);
    const out = costAndUsageReportsSchema.parse(
      await costAndUsageReportsCollector.collect(testContext(), {}),
    );
    expect(calls).toEqual([
      { input: {}, region: 'us-east-1' },
      { input: { NextToken: 't1' }, region: 'us-east-1' },
    ]);
    expect(out.ReportDefinitions.map((r) => r.ReportName)).toEqual(['hourly', 'daily']);
  });

  it('stops on a repeated page token instead of looping', async () => {
    const calls = stubCur([{ ReportDefinitions: [], NextToken: 'same' }]);
    await costAndUsageReportsCollector.collect(testContext(), {});
    expect(calls).toHaveLength(2);
  });

  it('lets AccessDenied through', async () => {
    stubCur([awsError('AccessDeniedException', 'not authorized')]);
    await expect(costAndUsageReportsCollector.collect(testContext(), {})).rejects.toThrow('not authorized');
  });

  it('gets the endpoint from settings, because this client ignores AWS_ENDPOINT_URL', async () => {
    const pool = new ClientPool(
      {
        region: 'eu-west-1',
        regionSource: '--region',
        curEndpointUrl: 'http://127.0.0.1:4999',
        warnings: [],
      },
      () => Promise.resolve({ accessKeyId: 'a', secretAccessKey: 'b' }),
    );
    const client = pool.client(CostAndUsageReportServiceClient, 'us-east-1');
    const endpoint = await client.config.endpoint?.();
    expect(endpoint?.hostname).toBe('127.0.0.1');
    expect(await client.config.region()).toBe('us-east-1');
  });
});
