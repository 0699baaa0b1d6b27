import { BCMDataExportsClient, GetExportCommand, ListExportsCommand } from '@aws-sdk/client-bcm-data-exports';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ClientPool } from '../aws/clients.js';
import { dataExportsSchema } from '../snapshot/aws-shapes.js';
import { runCollector } from './collect.js';
import { dataExportsCollector } from './data-exports.js';
import { awsError, fakeJsonTransport, testContext } from './testing.js';

const arn = (name: string) => `arn:aws:bcm-data-exports:us-east-1:123456789012:export/${name}-abc`;
const exportDef = (name: string) => ({
  ExportArn: arn(name),
  Name: name,
  DataQuery: { QueryStatement: 'SELECT line_item_usage_amount FROM COST_AND_USAGE_REPORT' },
  DestinationConfigurations: {
    S3Destination: {
      S3Bucket: 'billing-exports',
      S3Prefix: 'cur2',
      S3Region: 'eu-west-1',
      S3OutputConfigurations: {
        OutputType: 'CUSTOM' as const,
        Format: 'PARQUET' as const,
        Compression: 'PARQUET' as const,
        Overwrite: 'OVERWRITE_REPORT' as const,
      },
    },
  },
  RefreshCadence: { Frequency: 'SYNCHRONOUS' as const },
});

// moto has no Data Exports API: these SDK-level mocks are this collector's coverage.
describe('dataExports collector', () => {
  const bcm = mockClient(BCMDataExportsClient);
  afterEach(() => bcm.reset());
  afterAll(() => {
    bcm.restore();
  });

  it('lists every export page in us-east-1 and reads each definition with its S3 destination', async () => {
    bcm
      .on(ListExportsCommand, { NextToken: undefined })
      .resolves({
        Exports: [{ ExportArn: arn('cur2'), ExportName: 'cur2', ExportStatus: { StatusCode: 'HEALTHY' } }],
        NextToken: 'p2',
      })
      .on(ListExportsCommand, { NextToken: 'p2' })
      .resolves({ Exports: [{ ExportArn: arn('focus'), ExportName: 'focus', ExportStatus: {} }] })
      .on(GetExportCommand, { ExportArn: arn('cur2') })
      .resolves({ Export: exportDef('cur2'), ExportStatus: { StatusCode: 'HEALTHY' } })
      .on(GetExportCommand, { ExportArn: arn('focus') })
      .rejects(awsError('ResourceNotFoundException', 'gone', 404));
    const ctx = testContext();
    const out = dataExportsSchema.parse(
      JSON.parse(JSON.stringify(await dataExportsCollector.collect(ctx, {}))),
    );
    expect(out.Exports.map((e) => e.ExportName)).toEqual(['cur2', 'focus']);
    expect(out.Exports[0]?.Export?.DestinationConfigurations?.S3Destination?.S3Bucket).toBe(
      'billing-exports',
    );
    expect(out.Exports[1]).toMatchObject({ Export: null, errors: [{ part: 'GetExport' }] });
    expect(await ctx.pool.client(BCMDataExportsClient, 'us-east-1').config.region()).toBe('us-east-1');
  });

  it('an account without exports is data, not an error', async () => {
    bcm.on(ListExportsCommand).resolves({ Exports: [] });
    expect(await dataExportsCollector.collect(testContext(), {})).toEqual({ Exports: [] });
  });
});

describe('dataExports collector over the SDK’s HTTP layer', () => {
  it('AccessDenied on ListExports becomes an error slice naming bcm-data-exports:ListExports', async () => {
    const ctx = testContext();
    fakeJsonTransport(ctx.pool.client(BCMDataExportsClient, 'us-east-1'), () => ({
      status: 400,
      body: {
        __type: 'AccessDeniedException',
        Message: 'not authorized to perform: bcm-data-exports:ListExports',
      },
    }));
    expect(await runCollector(dataExportsCollector, ctx, {})).toMatchObject({
      status: 'error',
      error: { kind: 'access-denied', action: 'bcm-data-exports:ListExports' },
    });
  });

  it('AccessDenied on GetExport is kept beside that export, naming bcm-data-exports:GetExport', async () => {
    const ctx = testContext();
    const { calls } = fakeJsonTransport(ctx.pool.client(BCMDataExportsClient, 'us-east-1'), (name) =>
      name === 'ListExports'
        ? { status: 200, body: { Exports: [{ ExportArn: arn('cur2'), ExportName: 'cur2' }] } }
        : { status: 400, body: { __type: 'AccessDeniedException', Message: 'denied' } },
    );
    const slice = await runCollector(dataExportsCollector, ctx, {});
    expect(calls).toEqual(['ListExports', 'GetExport']);
    expect(slice).toMatchObject({
      status: 'ok',
      data: {
        Exports: [{ Export: null, errors: [{ part: 'GetExport', action: 'bcm-data-exports:GetExport' }] }],
      },
    });
  });

  it('sends to --endpoint-url when one is set', async () => {
    const pool = new ClientPool(
      { region: 'eu-west-1', regionSource: '--region', endpointUrl: 'http://127.0.0.1:4999', warnings: [] },
      () => Promise.resolve({ accessKeyId: 'a', secretAccessKey: 'b' }),
    );
    const endpoint = await pool.client(BCMDataExportsClient, 'us-east-1').config.endpoint?.();
    expect(endpoint?.hostname).toBe('127.0.0.1');
  });
});
