import {
  CostAndUsageReportServiceClient,
  DeleteReportDefinitionCommand,
  DescribeReportDefinitionsCommand,
  PutReportDefinitionCommand,
} from '@aws-sdk/client-cost-and-usage-report-service';
import { PutBucketEncryptionCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { defineAction } from '../types.js';
import { deleteBucketIfEmpty, hex, ignoreNotFound, privateBucket, str } from './util.js';

export const REPORT_NAME = 'rampart-cur';
/** The CUR API lives in us-east-1 only. */
const CUR_REGION = 'us-east-1';

interface State {
  reports: { name: string; bucket: string }[];
}

/** What billingreports.amazonaws.com (CUR) and bcm-data-exports.amazonaws.com need, TLS only. */
export function curBucketPolicy(
  bucket: string,
  partition: string,
  accountId: string,
): Record<string, unknown> {
  const bucketArn = `arn:${partition}:s3:::${bucket}`;
  const condition = {
    StringLike: {
      'aws:SourceArn': [
        `arn:${partition}:cur:${CUR_REGION}:${accountId}:definition/*`,
        `arn:${partition}:bcm-data-exports:${CUR_REGION}:${accountId}:export/*`,
      ],
    },
    StringEquals: { 'aws:SourceAccount': accountId },
  };
  const services = { Service: ['billingreports.amazonaws.com', 'bcm-data-exports.amazonaws.com'] };
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'BillingReportsRead',
        Effect: 'Allow',
        Principal: services,
        Action: ['s3:GetBucketAcl', 's3:GetBucketPolicy'],
        Resource: bucketArn,
        Condition: condition,
      },
      {
        Sid: 'BillingReportsWrite',
        Effect: 'Allow',
        Principal: services,
        Action: 's3:PutObject',
        Resource: `${bucketArn}/*`,
        Condition: condition,
      },
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  };
}

export default defineAction<State>({
  id: 'billing-create-cur',
  title: 'A Cost and Usage Report delivered daily to its own S3 bucket',
  fixes: ['billing-cost-and-usage-report'],
  changeKinds: ['bucket-created', 'report-created'],
  permissions: [
    'cur:DescribeReportDefinitions',
    'cur:PutReportDefinition',
    'cur:DeleteReportDefinition',
    's3:CreateBucket',
    's3:PutBucketPublicAccessBlock',
    's3:PutEncryptionConfiguration',
    's3:PutBucketPolicy',
    's3:ListBucketVersions',
    's3:DeleteObjectVersion',
    's3:DeleteBucket',
  ],
  cost: 'The report itself is free; you pay S3 storage for the report files (usually cents a month for a new account).',
  userImpact: 'No one notices. The first report arrives within 24 hours.',
  async read(ctx) {
    const cur = ctx.pool.client(CostAndUsageReportServiceClient, CUR_REGION);
    const reports: State['reports'] = [];
    let token: string | undefined;
    do {
      const out = await cur.send(
        new DescribeReportDefinitionsCommand({ ...(token ? { NextToken: token } : {}) }),
      );
      for (const r of out.ReportDefinitions ?? [])
        reports.push({ name: r.ReportName ?? '', bucket: r.S3Bucket ?? '' });
      token = out.NextToken;
    } while (token);
    return { reports: reports.sort((a, b) => a.name.localeCompare(b.name)) };
  },
  satisfied: (s) => s.reports.length > 0,
  describe(_s, _inputs, ids) {
    return {
      before: ['No Cost and Usage Report is defined.'],
      after: [
        `Create the S3 bucket rampart-cur-${ids.accountId}-<random> in ${ids.region} (public access blocked, TLS only, encrypted) ` +
          'with the bucket policy the billing service needs.',
        `Define the Cost and Usage Report ${REPORT_NAME}: daily, Parquet, with resource ids, delivered to that bucket.`,
      ],
    };
  },
  async apply(ctx) {
    const { partition, accountId, region } = ctx;
    const s3 = ctx.pool.client(S3Client);
    const bucket = await privateBucket(ctx, () => `rampart-cur-${accountId}-${hex(ctx.randomBytes(4))}`);
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: bucket,
        ServerSideEncryptionConfiguration: {
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
      }),
    );
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: bucket,
        Policy: JSON.stringify(curBucketPolicy(bucket, partition, accountId)),
      }),
    );
    await ctx.pool.client(CostAndUsageReportServiceClient, CUR_REGION).send(
      new PutReportDefinitionCommand({
        ReportDefinition: {
          ReportName: REPORT_NAME,
          TimeUnit: 'DAILY',
          Format: 'Parquet',
          Compression: 'Parquet',
          AdditionalSchemaElements: ['RESOURCES'],
          S3Bucket: bucket,
          S3Prefix: 'cur',
          S3Region: region,
          AdditionalArtifacts: [],
          RefreshClosedReports: true,
          ReportVersioning: 'OVERWRITE_REPORT',
        },
      }),
    );
    await ctx.record({ kind: 'report-created', name: REPORT_NAME });
    ctx.say(
      `Cost and Usage Report ${REPORT_NAME} goes to s3://${bucket}/cur (first delivery within 24 hours).`,
    );
  },
  async undo(ctx, change) {
    if (change.kind === 'report-created') {
      await ignoreNotFound(() =>
        ctx.pool
          .client(CostAndUsageReportServiceClient, CUR_REGION)
          .send(new DeleteReportDefinitionCommand({ ReportName: str(change.name) })),
      );
      return undefined;
    }
    if (change.kind === 'bucket-created') {
      // Reports already delivered are the account's billing data: a bucket that holds any is kept (like the trail's).
      return deleteBucketIfEmpty(
        ctx,
        str(change.bucket),
        str(change.region) || ctx.region,
        'billing reports are account data',
      );
    }
    throw new Error(`unknown change ${change.kind}`);
  },
});
