import {
  CloudTrailClient,
  CreateTrailCommand,
  DeleteTrailCommand,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  PutEventSelectorsCommand,
  StartLoggingCommand,
  StopLoggingCommand,
  type GetEventSelectorsCommandOutput,
} from '@aws-sdk/client-cloudtrail';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  DeleteLogGroupCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import {
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { classifyAwsError } from '../../aws/errors.js';
import { defineAction, type ActionContext } from '../types.js';
import { deleteBucketIfEmpty, hex, ignoreNotFound, privateBucket, str, undoServiceRole } from './util.js';

export const TRAIL_NAME = 'rampart-trail';
export const LOG_GROUP = '/rampart/cloudtrail';
export const LOGS_ROLE = 'rampart-cloudtrail-to-logs';

interface TrailState {
  name: string;
  homeRegion: string;
  bucket: string;
  multiRegion: boolean;
  globalEvents: boolean;
  validation: boolean;
  logging: boolean;
  managementEvents: boolean;
}
interface State {
  trails: TrailState[];
}

/** Read and write management events, with basic or advanced event selectors. */
export function recordsAllManagementEvents(
  sel: Pick<GetEventSelectorsCommandOutput, 'EventSelectors' | 'AdvancedEventSelectors'>,
): boolean {
  if (
    (sel.EventSelectors ?? []).some(
      (s) => (s.ReadWriteType ?? 'All') === 'All' && s.IncludeManagementEvents !== false,
    )
  ) {
    return true;
  }
  return (sel.AdvancedEventSelectors ?? []).some(
    (a) =>
      a.FieldSelectors?.some((f) => f.Field === 'eventCategory' && f.Equals?.includes('Management')) ===
        true && !a.FieldSelectors.some((f) => f.Field === 'readOnly'),
  );
}

const good = (t: TrailState): boolean =>
  t.multiRegion && t.globalEvents && t.validation && t.logging && t.managementEvents;

/** Principals allowed to read the logs: the admin user, the caller who ran Rampart, and the account root. */
export function adminReaders(
  ctx: Pick<ActionContext, 'partition' | 'accountId' | 'callerArn' | 'inputs'>,
): string[] {
  const readers = new Set<string>([`arn:${ctx.partition}:iam::${ctx.accountId}:root`]);
  if (ctx.inputs.adminUser)
    readers.add(`arn:${ctx.partition}:iam::${ctx.accountId}:user/${ctx.inputs.adminUser}`);
  const assumed = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\//.exec(ctx.callerArn);
  if (assumed) readers.add(`arn:${assumed[1] ?? ''}:iam::${assumed[2] ?? ''}:role/${assumed[3] ?? ''}`);
  else if (/:iam::\d{12}:(user|role)\//.test(ctx.callerArn)) readers.add(ctx.callerArn);
  return [...readers].sort();
}

/** CloudTrail may write only for this trail; TLS only; nobody but the admins reads the logs. */
export function trailBucketPolicy(args: {
  bucket: string;
  partition: string;
  accountId: string;
  trailArn: string;
  readers: string[];
}): Record<string, unknown> {
  const bucketArn = `arn:${args.partition}:s3:::${args.bucket}`;
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AWSCloudTrailAclCheck',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:GetBucketAcl',
        Resource: bucketArn,
        Condition: { StringEquals: { 'aws:SourceArn': args.trailArn } },
      },
      {
        Sid: 'AWSCloudTrailWrite',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: `${bucketArn}/AWSLogs/${args.accountId}/*`,
        Condition: {
          StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': args.trailArn },
        },
      },
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
      {
        Sid: 'DenyLogReadsExceptAdmins',
        Effect: 'Deny',
        Principal: '*',
        Action: ['s3:GetObject', 's3:GetObjectVersion'],
        Resource: `${bucketArn}/*`,
        Condition: { ArnNotEquals: { 'aws:PrincipalArn': args.readers } },
      },
    ],
  };
}

async function withRetry<T>(ctx: ActionContext, fn: () => Promise<T>): Promise<T> {
  // A new IAM role takes a few seconds to be usable by CloudTrail.
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const name = (err as { name?: string }).name ?? '';
      if (
        attempt >= 5 ||
        !name.includes('InvalidCloudWatchLogs') ||
        classifyAwsError(err) === 'access-denied'
      )
        throw err;
      await ctx.sleep(2000 * (attempt + 1));
    }
  }
}

export default defineAction<State>({
  id: 'cloudtrail-create-trail',
  title: 'A multi-region CloudTrail trail with log file validation, to a private, TLS-only S3 bucket',
  fixes: [
    'cloudtrail-multi-region-enabled',
    'cloudtrail-log-file-validation',
    'cloudtrail-bucket-not-public',
    'cloudtrail-bucket-admins-only',
  ],
  changeKinds: [
    'bucket-created',
    'log-group-created',
    'role-created',
    'role-policy-put',
    'trail-created',
    'logging-started',
  ],
  permissions: [
    'cloudtrail:DescribeTrails',
    'cloudtrail:GetTrailStatus',
    'cloudtrail:GetEventSelectors',
    'cloudtrail:CreateTrail',
    // The trail is created tagged (created-by: rampart): tagging on create is authorized separately.
    'cloudtrail:AddTags',
    'cloudtrail:PutEventSelectors',
    'cloudtrail:StartLogging',
    'cloudtrail:StopLogging',
    'cloudtrail:DeleteTrail',
    's3:CreateBucket',
    's3:PutBucketPublicAccessBlock',
    's3:PutBucketVersioning',
    's3:PutEncryptionConfiguration',
    's3:PutBucketPolicy',
    's3:ListBucketVersions',
    's3:DeleteObjectVersion',
    's3:DeleteBucket',
    'logs:CreateLogGroup',
    'logs:DeleteLogGroup',
    'iam:CreateRole',
    'iam:PutRolePolicy',
    'iam:DeleteRolePolicy',
    'iam:DeleteRole',
    'iam:PassRole',
  ],
  cost:
    'The first copy of management events is free; you pay S3 storage for the log files (typically cents to a few dollars a month for a new account). ' +
    'CloudWatch Logs delivery (--trail-cloudwatch-logs) adds ingestion and storage charges.',
  userImpact: 'No one notices.',
  async read(ctx) {
    const out = await ctx.pool
      .client(CloudTrailClient)
      .send(new DescribeTrailsCommand({ includeShadowTrails: true }));
    const trails: TrailState[] = [];
    for (const t of out.trailList ?? []) {
      const home = t.HomeRegion ?? ctx.region;
      const ct = ctx.pool.client(CloudTrailClient, home);
      const id = t.TrailARN ?? t.Name ?? '';
      const status = await ct.send(new GetTrailStatusCommand({ Name: id }));
      const selectors = await ct.send(new GetEventSelectorsCommand({ TrailName: id }));
      trails.push({
        name: t.Name ?? '',
        homeRegion: home,
        bucket: t.S3BucketName ?? '',
        multiRegion: t.IsMultiRegionTrail === true,
        globalEvents: t.IncludeGlobalServiceEvents === true,
        validation: t.LogFileValidationEnabled === true,
        logging: status.IsLogging === true,
        managementEvents: recordsAllManagementEvents(selectors),
      });
    }
    return { trails: trails.sort((a, b) => a.name.localeCompare(b.name)) };
  },
  satisfied: (s) => s.trails.some(good),
  blocked: (s) =>
    s.trails.some((t) => t.name === TRAIL_NAME)
      ? {
          reason: `a trail named ${TRAIL_NAME} exists but is not fully set up; fix or delete it, then run again`,
        }
      : undefined,
  describe(s, inputs, ids) {
    return {
      before:
        s.trails.length === 0
          ? ['No CloudTrail trail: only the 90-day event history exists.']
          : s.trails.map(
              (t) =>
                `Trail ${t.name} (${t.homeRegion}): ${t.multiRegion ? 'multi-region' : 'single-region'}, ` +
                `validation ${t.validation ? 'on' : 'off'}, ${t.logging ? 'logging' : 'not logging'}.`,
            ),
      after: [
        `Create the S3 bucket rampart-trail-${ids.accountId}-${ids.region}-<random>: public access blocked, TLS only, versioning, ` +
          `default encryption${inputs.trailKmsKeyId ? ` with KMS key ${inputs.trailKmsKeyId}` : ' (SSE-S3)'}, a policy letting CloudTrail write only for this trail and nobody but the admins read.`,
        `Create the multi-region trail ${TRAIL_NAME} with global service events and log file validation, and start logging.`,
        ...(inputs.trailCloudWatchLogs
          ? [`Deliver the trail to the CloudWatch Logs group ${LOG_GROUP} through the role ${LOGS_ROLE}.`]
          : []),
      ],
    };
  },
  async apply(ctx) {
    const { partition, accountId, region } = ctx;
    const s3 = ctx.pool.client(S3Client);
    const trailArn = `arn:${partition}:cloudtrail:${region}:${accountId}:trail/${TRAIL_NAME}`;
    // Resume: privateBucket reuses the bucket an interrupted run created.
    const bucket = await privateBucket(
      ctx,
      () => `rampart-trail-${accountId}-${region}-${hex(ctx.randomBytes(4))}`,
    );
    await s3.send(
      new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }),
    );
    const kms = ctx.inputs.trailKmsKeyId;
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: bucket,
        ServerSideEncryptionConfiguration: {
          Rules: [
            {
              ApplyServerSideEncryptionByDefault: kms
                ? { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: kms }
                : { SSEAlgorithm: 'AES256' },
              BucketKeyEnabled: Boolean(kms),
            },
          ],
        },
      }),
    );
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: bucket,
        Policy: JSON.stringify(
          trailBucketPolicy({ bucket, partition, accountId, trailArn, readers: adminReaders(ctx) }),
        ),
      }),
    );

    let logs: { CloudWatchLogsLogGroupArn: string; CloudWatchLogsRoleArn: string } | undefined;
    if (ctx.inputs.trailCloudWatchLogs) {
      logs = await setUpLogs(ctx);
    }
    const trail = await withRetry(ctx, () =>
      ctx.pool.client(CloudTrailClient).send(
        new CreateTrailCommand({
          Name: TRAIL_NAME,
          S3BucketName: bucket,
          IsMultiRegionTrail: true,
          IncludeGlobalServiceEvents: true,
          EnableLogFileValidation: true,
          ...(kms ? { KmsKeyId: kms } : {}),
          ...(logs ?? {}),
          TagsList: [{ Key: 'created-by', Value: 'rampart' }],
        }),
      ),
    );
    await ctx.record({ kind: 'trail-created', name: TRAIL_NAME, arn: trail.TrailARN ?? trailArn, region });
    // Explicit rather than the default: every read and write management event.
    await ctx.pool.client(CloudTrailClient).send(
      new PutEventSelectorsCommand({
        TrailName: TRAIL_NAME,
        EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }],
      }),
    );
    await ctx.pool.client(CloudTrailClient).send(new StartLoggingCommand({ Name: TRAIL_NAME }));
    await ctx.record({ kind: 'logging-started', name: TRAIL_NAME, region });
    ctx.say(`Trail ${TRAIL_NAME} logs every region to s3://${bucket}.`);
  },
  async undo(ctx, change) {
    const region = str(change.region) || ctx.region;
    switch (change.kind) {
      case 'logging-started':
        await ignoreNotFound(() =>
          ctx.pool.client(CloudTrailClient, region).send(new StopLoggingCommand({ Name: str(change.name) })),
        );
        return;
      case 'trail-created':
        await ignoreNotFound(() =>
          ctx.pool.client(CloudTrailClient, region).send(new DeleteTrailCommand({ Name: str(change.name) })),
        );
        return;
      case 'bucket-created':
        // The logs are evidence: a bucket that holds any is kept (the note says so in the output and journal).
        return deleteBucketIfEmpty(ctx, str(change.bucket), region);
      case 'log-group-created':
        await ignoreNotFound(() =>
          ctx.pool
            .client(CloudWatchLogsClient, region)
            .send(new DeleteLogGroupCommand({ logGroupName: str(change.name) })),
        );
        return;
      case 'role-policy-put':
      case 'role-created':
        await undoServiceRole(ctx, change);
        return;
      default:
        throw new Error(`unknown change ${change.kind}`);
    }
  },
});

async function setUpLogs(
  ctx: ActionContext,
): Promise<{ CloudWatchLogsLogGroupArn: string; CloudWatchLogsRoleArn: string }> {
  const { partition, accountId, region } = ctx;
  const groupArn = `arn:${partition}:logs:${region}:${accountId}:log-group:${LOG_GROUP}`;
  if (!ctx.prior.some((c) => c.kind === 'log-group-created')) {
    await ctx.pool.client(CloudWatchLogsClient).send(new CreateLogGroupCommand({ logGroupName: LOG_GROUP }));
    await ctx.record({ kind: 'log-group-created', name: LOG_GROUP, region });
  }
  const iam = ctx.pool.client(IAMClient);
  let roleArn = `arn:${partition}:iam::${accountId}:role/${LOGS_ROLE}`;
  if (!ctx.prior.some((c) => c.kind === 'role-created')) {
    const role = await iam.send(
      new CreateRoleCommand({
        RoleName: LOGS_ROLE,
        Description: 'Lets CloudTrail deliver the rampart-trail to CloudWatch Logs',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'cloudtrail.amazonaws.com' },
              Action: 'sts:AssumeRole',
              Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
            },
          ],
        }),
      }),
    );
    roleArn = role.Role?.Arn ?? roleArn;
    await ctx.record({ kind: 'role-created', role: LOGS_ROLE });
  }
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: LOGS_ROLE,
      PolicyName: 'cloudtrail-to-logs',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: `${groupArn}:log-stream:*`,
          },
        ],
      }),
    }),
  );
  await ctx.record({ kind: 'role-policy-put', role: LOGS_ROLE, policy: 'cloudtrail-to-logs' });
  return { CloudWatchLogsLogGroupArn: `${groupArn}:*`, CloudWatchLogsRoleArn: roleArn };
}
