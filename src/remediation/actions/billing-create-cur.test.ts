import {
  CostAndUsageReportServiceClient,
  DeleteReportDefinitionCommand,
  DescribeReportDefinitionsCommand,
  PutReportDefinitionCommand,
} from '@aws-sdk/client-cost-and-usage-report-service';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  ListObjectVersionsCommand,
  PutBucketPolicyCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { actionContext, TEST_INPUTS } from '../testing.js';
import action, { REPORT_NAME } from './billing-create-cur.js';

// moto has no CUR API: this action is covered here with SDK-level stubs (and end to end by a fake in
// test/integration/fake-billing.ts). aws-sdk-client-mock is typed against today's @smithy/types, which the
// 3.332 CUR client predates: its send() is stubbed directly, as in the collector's test.
const s3 = mockClient(S3Client);
interface CurCall {
  name: string;
  input: Record<string, unknown>;
  region: string;
}
function stubCur(answer: (name: string, call: number) => Record<string, unknown>): CurCall[] {
  const calls: CurCall[] = [];
  vi.spyOn(CostAndUsageReportServiceClient.prototype, 'send').mockImplementation(async function (
    this: CostAndUsageReportServiceClient,
    command: { constructor: { name: string }; input: Record<string, unknown> },
  ) {
    const name = command.constructor.name;
    calls.push({ name, input: { ...command.input }, region: await this.config.region() });
    return { $metadata: {}, ...answer(name, calls.filter((c) => c.name === name).length) };
  } as never);
  return calls;
}
afterEach(() => {
  vi.restoreAllMocks();
  s3.reset();
});

describe('billing-create-cur (SDK stubs: moto lacks the CUR API)', () => {
  it('reads every page of report definitions from us-east-1', async () => {
    const calls = stubCur((_name, n) =>
      n === 1
        ? { ReportDefinitions: [], NextToken: 't' }
        : { ReportDefinitions: [{ ReportName: 'r', S3Bucket: 'b' }] },
    );
    const state = await action.read(actionContext());
    expect(state).toEqual({ reports: [{ name: 'r', bucket: 'b' }] });
    expect(action.satisfied(state, TEST_INPUTS)).toBe(true);
    expect(calls.map((c) => [c.name, c.region, c.input.NextToken])).toEqual([
      [DescribeReportDefinitionsCommand.name, 'us-east-1', undefined],
      [DescribeReportDefinitionsCommand.name, 'us-east-1', 't'],
    ]);
  });

  it('creates its own bucket with the billing services policy, then the daily report', async () => {
    s3.onAnyCommand().resolves({});
    const calls = stubCur(() => ({}));
    const ctx = actionContext();
    await action.apply(ctx, { reports: [] });
    const bucket = s3.commandCalls(CreateBucketCommand)[0]?.args[0].input.Bucket ?? '';
    expect(bucket).toMatch(/^rampart-cur-123456789012-[0-9a-f]{8}$/);
    const policy = s3.commandCalls(PutBucketPolicyCommand)[0]?.args[0].input.Policy ?? '';
    expect(policy).toContain('billingreports.amazonaws.com');
    expect(policy).toContain('bcm-data-exports.amazonaws.com');
    expect(policy).toContain('arn:aws:cur:us-east-1:123456789012:definition/*');
    expect(policy).toContain('aws:SecureTransport');
    expect(calls[0]?.name).toBe(PutReportDefinitionCommand.name);
    expect(calls[0]?.region).toBe('us-east-1');
    expect(calls[0]?.input.ReportDefinition).toMatchObject({
      ReportName: REPORT_NAME,
      TimeUnit: 'DAILY',
      S3Bucket: bucket,
      S3Region: 'eu-west-1',
    });
    expect(ctx.changes.map((c) => c.kind)).toEqual(['bucket-created', 'report-created']);
  });

  it('undo deletes the report definition', async () => {
    const calls = stubCur(() => ({}));
    await action.undo(actionContext(), { kind: 'report-created', name: REPORT_NAME });
    expect(calls.map((c) => [c.name, c.input])).toEqual([
      [DeleteReportDefinitionCommand.name, { ReportName: REPORT_NAME }],
    ]);
  });

  it('undo keeps a report bucket that holds objects (billing data), like the trail bucket', async () => {
    s3.on(ListObjectVersionsCommand).resolves({
      Versions: [
        { Key: 'cur/rampart-cur/20261101-20261201/rampart-cur-00001.snappy.parquet', VersionId: 'null' },
      ],
    });
    const note = await action.undo(actionContext(), {
      kind: 'bucket-created',
      bucket: 'rampart-cur-123456789012-00010203',
      region: 'eu-west-1',
    });
    expect(note).toMatch(
      /^kept: 1 object in s3:\/\/rampart-cur-123456789012-00010203 \(billing reports are account data; /,
    );
    expect(s3.commandCalls(DeleteBucketCommand)).toHaveLength(0);
  });

  it('undo deletes an empty report bucket', async () => {
    s3.on(ListObjectVersionsCommand).resolves({});
    s3.on(DeleteBucketCommand).resolves({});
    const note = await action.undo(actionContext(), {
      kind: 'bucket-created',
      bucket: 'b',
      region: 'eu-west-1',
    });
    expect(note).toBeUndefined();
    expect(s3.commandCalls(DeleteBucketCommand)[0]?.args[0].input).toEqual({ Bucket: 'b' });
  });
});
