import { describe, expect, it } from 'vitest';
import type { SliceData } from '../../snapshot/schema.js';
import type { Slice } from '../../snapshot/slice.js';
import { deniedSlice, snapshot } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import check from './billing-cost-and-usage-report.js';

const noCur: Slice<SliceData['costAndUsageReports']> = { status: 'ok', data: { ReportDefinitions: [] } };
const noExports: Slice<SliceData['dataExports']> = { status: 'ok', data: { Exports: [] } };
const exportTo = (bucket: string, status = 'HEALTHY'): Slice<SliceData['dataExports']> => ({
  status: 'ok',
  data: {
    Exports: [
      {
        ExportArn: 'arn:aws:bcm-data-exports:us-east-1:123456789012:export/cur2-1',
        ExportName: 'cur2',
        ExportStatus: { StatusCode: status },
        Export: { Name: 'cur2', DestinationConfigurations: { S3Destination: { S3Bucket: bucket } } },
        errors: [],
      },
    ],
  },
});

describe('billing-cost-and-usage-report', () => {
  it('fails when neither a CUR nor an export exists', () => {
    const snap = snapshot().slice('costAndUsageReports', noCur).slice('dataExports', noExports).build();
    expect(runOne(check, snap)[0]?.status).toBe('fail');
  });

  it('passes on a CUR definition delivering to S3', () => {
    const snap = snapshot()
      .slice('costAndUsageReports', {
        status: 'ok',
        data: { ReportDefinitions: [{ ReportName: 'hourly', S3Bucket: 'billing', S3Region: 'eu-west-1' }] },
      })
      .slice('dataExports', noExports)
      .build();
    const [f] = runOne(check, snap);
    expect(f?.status).toBe('pass');
    expect(f?.message).toContain("Cost and Usage Report 'hourly' to s3://billing");
  });

  it('passes on a Data Exports export to S3 even when the CUR API was denied', () => {
    const snap = snapshot()
      .slice('costAndUsageReports', deniedSlice('cur:DescribeReportDefinitions'))
      .slice('dataExports', exportTo('billing-exports', 'UNHEALTHY'))
      .build();
    const [f] = runOne(check, snap);
    expect(f?.status).toBe('pass');
    expect(f?.message).toContain("export 'cur2' to s3://billing-exports (status UNHEALTHY)");
  });

  it('is an error naming the permission, never a fail, when nothing was found and a source was denied', () => {
    const snap = snapshot()
      .slice('costAndUsageReports', noCur)
      .slice('dataExports', deniedSlice('bcm-data-exports:ListExports'))
      .build();
    const [f] = runOne(check, snap);
    expect(f?.status).toBe('error');
    expect(f?.message).toContain('bcm-data-exports:ListExports');
  });

  it('is an error when an export exists but its definition could not be read', () => {
    const slice: Slice<SliceData['dataExports']> = {
      status: 'ok',
      data: {
        Exports: [
          {
            ExportArn: 'arn:x',
            ExportName: 'cur2',
            Export: null,
            errors: [{ part: 'GetExport', message: 'AccessDenied', action: 'bcm-data-exports:GetExport' }],
          },
        ],
      },
    };
    const snap = snapshot().slice('costAndUsageReports', noCur).slice('dataExports', slice).build();
    const [f] = runOne(check, snap);
    expect(f?.status).toBe('error');
    expect(f?.message).toContain('export cur2 could not be read');
  });
});
