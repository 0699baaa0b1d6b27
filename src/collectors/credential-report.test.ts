import { GenerateCredentialReportCommand, GetCredentialReportCommand, IAMClient } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { CREDENTIAL_REPORT_COLUMNS } from '../snapshot/credential-report.js';
import { CREDENTIAL_REPORT_BACKOFF_MS, credentialReportCollector } from './credential-report.js';
import { awsError, testContext } from './testing.js';

const iam = mockClient(IAMClient);
afterEach(() => iam.reset());

const csv = [
  CREDENTIAL_REPORT_COLUMNS.join(','),
  '<root_account>,arn:aws:iam::123456789012:root,2024-01-10T09:00:00+00:00,not_supported,no_information,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
].join('\n');
const report = {
  Content: new TextEncoder().encode(csv),
  ReportFormat: 'text/csv' as const,
  GeneratedTime: new Date('2026-11-20T08:00:00Z'),
};

describe('credentialReport collector', () => {
  it('generates, reads and decodes the report, keeping GeneratedTime', async () => {
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
    iam.on(GetCredentialReportCommand).resolves(report);
    const ctx = testContext();
    const out = await credentialReportCollector.collect(ctx, {});
    expect(out).toEqual({
      GeneratedTime: '2026-11-20T08:00:00.000Z',
      rows: [expect.objectContaining({ user: '<root_account>', mfa_active: 'true' })],
    });
    expect(iam.commandCalls(GenerateCredentialReportCommand)).toHaveLength(1);
    expect(iam.commandCalls(GetCredentialReportCommand)).toHaveLength(1);
    expect(ctx.sleeps).toEqual([]);
  });

  it('polls with backoff while the report is being generated', async () => {
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'STARTED' });
    iam
      .on(GetCredentialReportCommand)
      .rejectsOnce(awsError('ReportInProgress'))
      .rejectsOnce(awsError('ReportInProgress'))
      .resolves(report);
    const ctx = testContext();
    await credentialReportCollector.collect(ctx, {});
    // STARTED: wait before the first Get; then one wait per ReportInProgress. Generate is called once.
    expect(ctx.sleeps).toEqual([500, 1000, 2000]);
    expect(iam.commandCalls(GenerateCredentialReportCommand)).toHaveLength(1);
    expect(iam.commandCalls(GetCredentialReportCommand)).toHaveLength(3);
  });

  it('waits out LimitExceeded (a generation already running) and throttling', async () => {
    iam.on(GenerateCredentialReportCommand).rejects(awsError('LimitExceeded'));
    iam.on(GetCredentialReportCommand).rejectsOnce(awsError('Throttling', 'Rate exceeded')).resolves(report);
    const ctx = testContext();
    const out = (await credentialReportCollector.collect(ctx, {})) as { rows: unknown[] };
    expect(out.rows).toHaveLength(1);
    expect(ctx.sleeps).toEqual([500, 1000]);
  });

  it('generates again when the cached report expired', async () => {
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
    iam.on(GetCredentialReportCommand).rejectsOnce(awsError('ReportExpired')).resolves(report);
    await credentialReportCollector.collect(testContext(), {});
    expect(iam.commandCalls(GenerateCredentialReportCommand)).toHaveLength(2);
  });

  it('gives up after about two minutes instead of polling forever', async () => {
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'INPROGRESS' });
    iam.on(GetCredentialReportCommand).rejects(awsError('ReportInProgress'));
    const ctx = testContext();
    await expect(credentialReportCollector.collect(ctx, {})).rejects.toThrow(
      /still not ready after about two minutes/,
    );
    const waited = ctx.sleeps.reduce((a, b) => a + b, 0);
    expect(waited).toBe(CREDENTIAL_REPORT_BACKOFF_MS.reduce((a, b) => a + b, 0));
    expect(waited).toBeGreaterThan(100_000);
    expect(waited).toBeLessThan(150_000);
  });

  it('lets AccessDenied through (the orchestrator turns it into an error slice)', async () => {
    iam.on(GenerateCredentialReportCommand).rejects(awsError('AccessDenied', 'not authorized to perform'));
    await expect(credentialReportCollector.collect(testContext(), {})).rejects.toThrow('not authorized');
  });

  it('reports a truncated report with the line at fault', async () => {
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
    iam
      .on(GetCredentialReportCommand)
      .resolves({ ...report, Content: new TextEncoder().encode(csv.slice(0, -40)) });
    await expect(credentialReportCollector.collect(testContext(), {})).rejects.toThrow(
      /^GetCredentialReport: line 2 has \d+ columns, expected 22/,
    );
  });
});
