import { optionalSlice } from '../lib/slices.js';
import { defineCheck } from '../types.js';
import { accountRoot } from '../lib/outcomes.js';

export default defineCheck({
  id: 'billing-cost-and-usage-report',
  title: 'A Cost and Usage Report or Data Exports export is delivered to S3',
  area: 'billing',
  severity: 'low',
  rationale:
    'The detailed billing data (every resource, every hour) is how unexpected spend — a leaked key mining ' +
    'crypto, a forgotten instance — is found and explained. AWS keeps it only if you ask for a report in S3.',
  controls: {},
  needs: [],
  uses: ['costAndUsageReports', 'dataExports'],
  remediation: {
    action: 'billing-create-cur',
    manual: [
      'Billing and Cost Management console > Data Exports > Create: "Standard data export" (CUR 2.0), hourly, Parquet, to an S3 bucket only admins can read.',
      'Or the legacy Cost and Usage Report: aws cur put-report-definition --region us-east-1 --report-definition file://cur.json',
    ],
  },
  run(_data, ctx) {
    const resource = accountRoot(ctx);
    const cur = optionalSlice(ctx.snapshot, 'costAndUsageReports');
    const exports = optionalSlice(ctx.snapshot, 'dataExports');
    const delivered: string[] = [];
    if (cur.ok) {
      for (const r of cur.data.ReportDefinitions) {
        if (r.S3Bucket) delivered.push(`Cost and Usage Report '${r.ReportName}' to s3://${r.S3Bucket}`);
      }
    }
    if (exports.ok) {
      for (const e of exports.data.Exports) {
        const bucket = e.Export?.DestinationConfigurations?.S3Destination?.S3Bucket;
        const status = e.ExportStatus?.StatusCode;
        if (bucket) {
          delivered.push(
            `Data Exports export '${e.ExportName ?? e.Export?.Name ?? e.ExportArn}' to s3://${bucket}${
              status && status !== 'HEALTHY' ? ` (status ${status})` : ''
            }`,
          );
        }
      }
    }
    if (delivered.length > 0) {
      return [
        { status: 'pass', resource, message: `Billing data is delivered to S3: ${delivered.join('; ')}.` },
      ];
    }
    const unreadable = exports.ok ? exports.data.Exports.filter((e) => e.Export === null) : [];
    const problems = [
      ...(cur.ok ? [] : [cur.problem]),
      ...(exports.ok ? [] : [exports.problem]),
      ...unreadable.map(
        (e) =>
          `export ${e.ExportName ?? e.ExportArn} could not be read (${e.errors.map((x) => x.message).join('; ')})`,
      ),
    ];
    if (problems.length > 0) {
      return [
        {
          status: 'error',
          resource,
          message: `No billing report to S3 was found, but not everything could be read: ${problems.join('; ')}.`,
        },
      ];
    }
    return [
      {
        status: 'fail',
        resource,
        message: 'No Cost and Usage Report and no Data Exports export delivers billing data to S3.',
      },
    ];
  },
});
