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
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  IAMClient,
  paginateListAttachedRolePolicies,
  paginateListRolePolicies,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import {
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { classifyAwsError } from '../../aws/errors.js';
import { compilePolicy } from '../../policy/compile.js';
import { RequestContext } from '../../policy/context.js';
import { decide, type Caller } from '../../policy/evaluate.js';
import { trustLayers } from '../../policy/single.js';
import { defineAction, type ActionContext, type Blocked, type Change, type UndoContext } from '../types.js';
import {
  deleteBucketIfEmpty,
  hex,
  ignoreNotFound,
  isNotFound,
  privateBucket,
  rolePolicy,
  serviceRole,
  statementsOf,
  str,
  undoServiceRole,
} from './util.js';

export const TRAIL_NAME = 'rampart-trail';
export const LOG_GROUP = '/rampart/cloudtrail';
export const LOGS_ROLE = 'rampart-cloudtrail-to-logs';
/** The role's inline policy that lets CloudTrail write to the log group. */
const LOGS_POLICY = 'cloudtrail-to-logs';
const LOGS_SID = 'RampartCloudTrailToLogs';
/** What CloudTrail does with the role to deliver: create its log stream in the group and put events in it. */
const DELIVERY_ACTIONS = ['logs:CreateLogStream', 'logs:PutLogEvents'];
export const CLOUDTRAIL = 'cloudtrail.amazonaws.com';
/** What CloudWatch Logs delivery calls (setUpLogs, readLogsRole, undoLogs), for both actions that set it up. */
export const LOGS_PERMISSIONS = [
  'logs:CreateLogGroup',
  'logs:DeleteLogGroup',
  // An existing role and all its policies (inline, attached, its permissions boundary) are read before it is used:
  // a Deny in any of them, or a boundary without the delivery, would stop it (the step is skipped, saying so).
  'iam:GetRole',
  'iam:GetRolePolicy',
  'iam:ListRolePolicies',
  'iam:ListAttachedRolePolicies',
  'iam:GetPolicy',
  'iam:GetPolicyVersion',
  'iam:CreateRole',
  'iam:PutRolePolicy',
  'iam:DeleteRolePolicy',
  'iam:DeleteRole',
  // The trail is given the role: the caller passes it to CloudTrail.
  'iam:PassRole',
];

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
/** The role CloudTrail delivers to CloudWatch Logs with, when it exists already (someone's, or an earlier run's). */
export interface LogsRoleState {
  /** Its trust policy lets CloudTrail assume it for this account's trail (each trail it is to deliver). */
  trustsCloudTrail: boolean;
  /** Its inline policy cloudtrail-to-logs: none, one that already allows the delivery, or one that says else. */
  policy: 'absent' | 'allows' | 'other';
  /**
   * Explicit Denies in its policies (inline of any name, attached managed, its permissions boundary) that would
   * stop the delivery even with the delivery statement added: the action denied, the policy, the kind of policy and
   * the statement (its Sid in quotes, or its 1-based position). Absent when none.
   */
  denied?: { action: string; policy: string; statement: string; kind?: 'managed' | 'boundary' }[];
  /** Its permissions boundary (name) allows none of these delivery actions: absent when it has none, or it allows them. */
  boundaryLacks?: { policy: string; actions: string[] };
}
interface State {
  trails: TrailState[];
  /** Read only with --trail-cloudwatch-logs, when no good trail exists; absent when the role does not exist. */
  logsRole?: LogsRoleState;
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

export async function withRetry<T>(ctx: ActionContext, fn: () => Promise<T>): Promise<T> {
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
    'role-policy-replaced',
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
    // With --trail-cloudwatch-logs.
    ...LOGS_PERMISSIONS,
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
    trails.sort((a, b) => a.name.localeCompare(b.name));
    const logsRole =
      ctx.inputs.trailCloudWatchLogs && !trails.some(good) ? await readLogsRole(ctx) : undefined;
    return { trails, ...(logsRole ? { logsRole } : {}) };
  },
  satisfied: (s) => s.trails.some(good),
  blocked: (s) => {
    if (s.trails.some((t) => t.name === TRAIL_NAME)) {
      return {
        reason: `a trail named ${TRAIL_NAME} exists but is not fully set up; fix or delete it, then run again`,
      };
    }
    return logsRoleBlocked(s.logsRole);
  },
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
          ? [
              `Deliver the trail to the CloudWatch Logs group ${LOG_GROUP} (an existing group of that name is used, and kept on rollback) through the role ${LOGS_ROLE}.`,
              ...describeLogsRole(s.logsRole),
            ]
          : []),
      ],
    };
  },
  async apply(ctx) {
    const { partition, accountId, region } = ctx;
    const s3 = ctx.pool.client(S3Client);
    const trailArn = trailArnOf(ctx);
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
      logs = await setUpLogs(ctx, TRAIL_NAME);
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
      case 'role-policy-put':
      case 'role-policy-replaced':
      case 'role-created':
        await undoLogs(ctx, change);
        return;
      default:
        throw new Error(`unknown change ${change.kind}`);
    }
  },
});

/**
 * Undoes what setUpLogs journaled: 'log-group-created' (the group deleted) and the role's kinds (undoServiceRole).
 */
export async function undoLogs(ctx: Pick<UndoContext, 'pool' | 'region'>, change: Change): Promise<void> {
  if (change.kind === 'log-group-created') {
    await ignoreNotFound(() =>
      ctx.pool
        .client(CloudWatchLogsClient, str(change.region) || ctx.region)
        .send(new DeleteLogGroupCommand({ logGroupName: str(change.name) })),
    );
    return;
  }
  await undoServiceRole(ctx, change);
}

/** Why the role cannot be used for the delivery (CloudTrail may not assume it, or a Deny stops it), if so. */
export function logsRoleBlocked(role: LogsRoleState | undefined): Blocked | undefined {
  if (role && !role.trustsCloudTrail) {
    return {
      reason: `the role ${LOGS_ROLE} exists but its trust policy does not let CloudTrail (${CLOUDTRAIL}) assume it: let it, or delete the role, then run again`,
    };
  }
  if (role?.denied?.length) return { reason: deniedReason(role.denied) };
  if (role?.boundaryLacks) {
    const { policy, actions } = role.boundaryLacks;
    return {
      reason:
        `the role ${LOGS_ROLE} exists but its permissions boundary ${policy} does not allow ${actions.join(' and ')} ` +
        `on the log group ${LOG_GROUP}, so CloudTrail could not deliver to it: allow them in the boundary (or delete ` +
        `the role), then run again`,
    };
  }
  return undefined;
}

/** The trail's ARN in the session region, as CloudTrail names it in aws:SourceArn. */
function trailArnOf(ctx: Pick<ActionContext, 'partition' | 'region' | 'accountId'>): string {
  return `arn:${ctx.partition}:cloudtrail:${ctx.region}:${ctx.accountId}:trail/${TRAIL_NAME}`;
}

export function logGroupArnOf(ctx: Pick<ActionContext, 'partition' | 'region' | 'accountId'>): string {
  return `arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:log-group:${LOG_GROUP}`;
}

/** What the role's inline policy must allow: CloudTrail writing its log streams in the group. */
function deliveryStatement(
  ctx: Pick<ActionContext, 'partition' | 'region' | 'accountId'>,
): Record<string, unknown> {
  return {
    Sid: LOGS_SID,
    Effect: 'Allow',
    Action: [...DELIVERY_ACTIONS],
    Resource: `${logGroupArnOf(ctx)}:log-stream:*`,
  };
}

/** Whether an inline policy document already allows the delivery to the group, without conditions. */
function allowsDelivery(
  ctx: Pick<ActionContext, 'partition' | 'region' | 'accountId'>,
  doc: string,
): boolean {
  const roleArn = `arn:${ctx.partition}:iam::${ctx.accountId}:role/${LOGS_ROLE}`;
  const policy = compilePolicy(doc, {
    id: `${roleArn}#inline/${LOGS_POLICY}`,
    name: LOGS_POLICY,
    kind: 'inline',
  });
  // CloudTrail's stream in the group: ACCOUNT_CloudTrail_REGION.
  const stream = `${logGroupArnOf(ctx)}:log-stream:${ctx.accountId}_CloudTrail_${ctx.region}`;
  const request = new RequestContext({ otherKeys: 'free' });
  return DELIVERY_ACTIONS.every(
    (action) => decide({ identity: [policy] }, action, stream, request).outcome === 'allow',
  );
}

/** Whether a role trust policy lets CloudTrail assume the role for this account's trail. */
function trustsCloudTrail(
  ctx: Pick<ActionContext, 'partition' | 'region' | 'accountId'>,
  doc: string,
  trailArn: string,
): boolean {
  const roleArn = `arn:${ctx.partition}:iam::${ctx.accountId}:role/${LOGS_ROLE}`;
  const trust = compilePolicy(doc, { id: `${roleArn}#trust`, name: 'trust policy', kind: 'trust' });
  const caller: Caller = {
    arn: CLOUDTRAIL,
    accountId: ctx.accountId,
    kind: 'service',
    name: CLOUDTRAIL,
    partition: ctx.partition,
  };
  const request = new RequestContext({
    values: { 'aws:SourceAccount': ctx.accountId, 'aws:SourceArn': trailArn },
    otherKeys: 'free',
  });
  return decide(trustLayers(trust, caller), 'sts:AssumeRole', roleArn, request).outcome === 'allow';
}

/**
 * The role CloudTrail delivers with, when it exists: whether CloudTrail may assume it for each of these trails (their
 * ARNs; by default the rampart-trail's), and its inline policies, judged for the log group of each of `regions` (the
 * trails' home regions; by default the session region's).
 */
export async function readLogsRole(
  ctx: ActionContext,
  trailArns: readonly string[] = [trailArnOf(ctx)],
  regions: readonly string[] = [ctx.region],
): Promise<LogsRoleState | undefined> {
  const iam = ctx.pool.client(IAMClient);
  let trust: string;
  let boundaryArn: string | undefined;
  try {
    const out = await iam.send(new GetRoleCommand({ RoleName: LOGS_ROLE }));
    trust = out.Role?.AssumeRolePolicyDocument ?? '';
    boundaryArn = out.Role?.PermissionsBoundary?.PermissionsBoundaryArn;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
  const policy = await rolePolicy(iam, LOGS_ROLE, LOGS_POLICY);
  // Every inline policy, as it will be once apply has put or extended cloudtrail-to-logs: a Deny in any of them wins
  // over the delivery statement, and CloudTrail would then fail to deliver (CreateTrail refuses the role).
  const inline: { name: string; doc: string }[] = [];
  for (const name of await inlinePolicyNames(iam)) {
    if (name === LOGS_POLICY) continue;
    const doc = await rolePolicy(iam, LOGS_ROLE, name);
    if (doc !== undefined) inline.push({ name, doc });
  }
  // apply sets up one region after the other, each extending the document the previous one left.
  let ours = policy;
  for (const [i, region] of regions.entries()) {
    // undefined after the first region: a document that is not a JSON policy, which apply refuses.
    if (i > 0 && ours === undefined) break;
    ours = policyAfterApply({ ...ctx, region }, ours);
  }
  if (ours !== undefined) inline.push({ name: LOGS_POLICY, doc: ours });
  const managed: RolePolicyDoc[] = [];
  for (const arn of await attachedPolicyArns(iam)) managed.push(await managedPolicy(iam, arn, 'managed'));
  const boundary = boundaryArn !== undefined ? await managedPolicy(iam, boundaryArn, 'boundary') : undefined;
  const denied: NonNullable<LogsRoleState['denied']> = [];
  let boundaryLacks: LogsRoleState['boundaryLacks'];
  const policies = [...inline.map((p) => ({ ...p, kind: 'inline' as const })), ...managed];
  for (const region of regions) {
    const blocks = deliveryBlocks({ ...ctx, region }, policies, boundary);
    for (const d of blocks.denied)
      if (!denied.some((x) => JSON.stringify(x) === JSON.stringify(d))) denied.push(d);
    boundaryLacks ??= blocks.boundaryLacks;
  }
  return {
    trustsCloudTrail: trailArns.every((arn) => trustsCloudTrail(ctx, trust, arn)),
    policy:
      policy === undefined
        ? 'absent'
        : regions.every((region) => allowsDelivery({ ...ctx, region }, policy))
          ? 'allows'
          : 'other',
    ...(denied.length > 0 ? { denied } : {}),
    ...(boundaryLacks ? { boundaryLacks } : {}),
  };
}

/** A policy of the logs role: its name (a managed policy's ARN's last part), its document and what kind it is. */
interface RolePolicyDoc {
  name: string;
  doc: string;
  kind: 'inline' | 'managed' | 'boundary';
}

/** The ARNs of the managed policies attached to the role (every page). */
async function attachedPolicyArns(iam: IAMClient): Promise<string[]> {
  const arns: string[] = [];
  for await (const page of paginateListAttachedRolePolicies({ client: iam }, { RoleName: LOGS_ROLE }))
    for (const p of page.AttachedPolicies ?? []) if (p.PolicyArn) arns.push(p.PolicyArn);
  return arns;
}

/** A managed policy's default version, the one IAM evaluates. */
async function managedPolicy(
  iam: IAMClient,
  arn: string,
  kind: 'managed' | 'boundary',
): Promise<RolePolicyDoc> {
  const meta = await iam.send(new GetPolicyCommand({ PolicyArn: arn }));
  const version = await iam.send(
    new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: meta.Policy?.DefaultVersionId ?? 'v1' }),
  );
  // IAM returns policy documents URL-encoded.
  const doc = decodeURIComponent(version.PolicyVersion?.Document ?? '');
  return { name: meta.Policy?.PolicyName ?? arn.split('/').pop() ?? arn, doc, kind };
}

/** The names of the role's inline policies (every page). */
async function inlinePolicyNames(iam: IAMClient): Promise<string[]> {
  const names: string[] = [];
  for await (const page of paginateListRolePolicies({ client: iam }, { RoleName: LOGS_ROLE }))
    names.push(...(page.PolicyNames ?? []));
  return names;
}

/**
 * The document of cloudtrail-to-logs as apply leaves it: ours when there is none, the previous one when it already
 * allows the delivery, else the previous one with the delivery statement added (undefined: not a JSON policy, which
 * apply refuses).
 */
function policyAfterApply(
  ctx: Pick<ActionContext, 'partition' | 'region' | 'accountId'>,
  previous: string | undefined,
): string | undefined {
  if (previous === undefined)
    return JSON.stringify({ Version: '2012-10-17', Statement: [deliveryStatement(ctx)] });
  if (allowsDelivery(ctx, previous)) return previous;
  const doc = extended(ctx, previous);
  return doc === undefined ? undefined : JSON.stringify(doc);
}

/** A previous cloudtrail-to-logs document with the delivery statement added (undefined: not a JSON policy). */
function extended(
  ctx: Pick<ActionContext, 'partition' | 'region' | 'accountId'>,
  previous: string,
): Record<string, unknown> | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(previous);
  } catch {
    return undefined;
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return undefined;
  const all = statementsOf(doc);
  const statements = all.filter((st) => st.Sid !== LOGS_SID);
  // Our statement from an earlier run or another region's trail: the log groups it allowed stay allowed (a trail in
  // that region delivers through them), this region's is added beside them.
  const ours = deliveryStatement(ctx);
  const resources = [
    ...new Set([
      ...all
        .filter((st) => st.Sid === LOGS_SID && st.Effect === 'Allow')
        .flatMap((st): unknown[] => (Array.isArray(st.Resource) ? (st.Resource as unknown[]) : [st.Resource]))
        .filter((r): r is string => typeof r === 'string'),
      String(ours.Resource),
    ]),
  ];
  statements.push({ ...ours, Resource: resources.length === 1 ? resources[0] : resources });
  return { Version: '2012-10-17', ...doc, Statement: statements };
}

/**
 * What stops CloudTrail delivering to its stream in the group with the role, as apply leaves its policies: the
 * explicit Denies among its policies (identity ones and the boundary), and a permissions boundary that allows none
 * of the delivery (an implicit deny, whatever its identity policies allow).
 */
function deliveryBlocks(
  ctx: Pick<ActionContext, 'partition' | 'region' | 'accountId'>,
  identityPolicies: readonly RolePolicyDoc[],
  boundaryPolicy: RolePolicyDoc | undefined,
): Pick<LogsRoleState, 'boundaryLacks'> & { denied: NonNullable<LogsRoleState['denied']> } {
  const roleArn = `arn:${ctx.partition}:iam::${ctx.accountId}:role/${LOGS_ROLE}`;
  const compiled = (p: RolePolicyDoc) =>
    compilePolicy(p.doc, {
      id: p.kind === 'inline' ? `${roleArn}#inline/${p.name}` : `${p.kind}/${p.name}`,
      name: p.name,
      kind: p.kind,
    });
  const identity = identityPolicies.map(compiled);
  const boundary = boundaryPolicy ? [compiled(boundaryPolicy)] : undefined;
  const stream = `${logGroupArnOf(ctx)}:log-stream:${ctx.accountId}_CloudTrail_${ctx.region}`;
  // Only a Deny that applies whatever the request's context: one under a condition may not apply to CloudTrail.
  const request = new RequestContext({ otherKeys: 'free' });
  const denied: NonNullable<LogsRoleState['denied']> = [];
  const lacking: string[] = [];
  for (const action of DELIVERY_ACTIONS) {
    const decision = decide({ identity, boundary }, action, stream, request);
    if (decision.outcome === 'explicit-deny') {
      for (const st of decision.deniedBy) {
        const kind = st.policy.ref.kind;
        denied.push({
          action,
          policy: st.policy.ref.name,
          statement: st.sid !== undefined ? `"${st.sid}"` : String(st.index + 1),
          ...(kind === 'managed' || kind === 'boundary' ? { kind } : {}),
        });
      }
    } else if (
      boundary &&
      decide({ identity: boundary }, action, stream, request).outcome === 'implicit-deny'
    ) {
      lacking.push(action);
    }
  }
  return {
    denied,
    ...(boundaryPolicy && lacking.length > 0
      ? { boundaryLacks: { policy: boundaryPolicy.name, actions: lacking } }
      : {}),
  };
}

/** The plan's reason for skipping: which policy and statement deny which action, and what to do about it. */
function deniedReason(denied: NonNullable<LogsRoleState['denied']>): string {
  const byStatement = new Map<string, string[]>();
  for (const d of denied) {
    const which =
      d.kind === 'boundary'
        ? 'permissions boundary'
        : d.kind === 'managed'
          ? 'attached policy'
          : 'inline policy';
    const where = `its ${which} ${d.policy} (statement ${d.statement})`;
    byStatement.set(where, [...(byStatement.get(where) ?? []), d.action]);
  }
  const what = [...byStatement].map(([where, actions]) => `${where} denies ${actions.join(' and ')}`);
  return (
    `the role ${LOGS_ROLE} exists but ${what.join('; ')} on the log group ${LOG_GROUP}, so CloudTrail could not deliver to it: ` +
    `remove that Deny (or delete the role), then run again`
  );
}

export function describeLogsRole(role: LogsRoleState | undefined): string[] {
  switch (role?.policy) {
    case undefined:
      return [
        `Create the role ${LOGS_ROLE}, which only CloudTrail (${CLOUDTRAIL}) can assume, for this account only, with the inline policy ${LOGS_POLICY} allowing logs:CreateLogStream and logs:PutLogEvents on the group's log streams.`,
      ];
    case 'absent':
      return [
        `The role ${LOGS_ROLE} exists: it is used as it is, and gets the inline policy ${LOGS_POLICY} allowing the delivery (rollback deletes that policy, not the role).`,
      ];
    case 'allows':
      return [
        `The role ${LOGS_ROLE} exists and its inline policy ${LOGS_POLICY} already allows the delivery: both are used as they are.`,
      ];
    case 'other':
      return [
        `The role ${LOGS_ROLE} exists: it is used as it is; its inline policy ${LOGS_POLICY} says something else, so a statement allowing the delivery is added to it, its other statements kept (rollback puts the previous document back).`,
      ];
  }
}

/**
 * The log group and the role CloudTrail delivers `trail` with, made or reused and journaled ('log-group-created',
 * 'role-created', 'role-policy-put', 'role-policy-replaced'; undoLogs reverses them): the trail's CloudWatch Logs
 * settings.
 */
export async function setUpLogs(
  ctx: ActionContext,
  trail: string,
): Promise<{ CloudWatchLogsLogGroupArn: string; CloudWatchLogsRoleArn: string }> {
  const groupArn = logGroupArnOf(ctx);
  if (
    !ctx.prior.some((c) => c.kind === 'log-group-created' && (str(c.region) || ctx.region) === ctx.region)
  ) {
    let created = true;
    try {
      await ctx.pool
        .client(CloudWatchLogsClient, ctx.region)
        .send(new CreateLogGroupCommand({ logGroupName: LOG_GROUP }));
    } catch (err) {
      // A group of that name (an earlier run's, or someone's) is used as it is: not Rampart's to delete on rollback.
      if ((err as { name?: string }).name !== 'ResourceAlreadyExistsException') throw err;
      created = false;
    }
    if (created) await ctx.record({ kind: 'log-group-created', name: LOG_GROUP, region: ctx.region });
  }
  const iam = ctx.pool.client(IAMClient);
  // The role may exist already: an earlier run's (this journal's interrupted one, or another), or someone's. It is
  // used as it is (the plan refused one CloudTrail cannot assume) and only its inline policy of our name is touched.
  const { arn: roleArn, existed: exists } = await serviceRole(ctx, {
    role: LOGS_ROLE,
    service: CLOUDTRAIL,
    description: `Lets CloudTrail deliver the ${trail} to CloudWatch Logs`,
  });
  // An inline policy of this name is never overwritten: one that already allows the delivery is kept as it is; any
  // other gets the delivery statement added beside its own, and rollback puts its previous document back.
  const previous = exists ? await rolePolicy(iam, LOGS_ROLE, LOGS_POLICY) : undefined;
  if (previous === undefined) {
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: LOGS_ROLE,
        PolicyName: LOGS_POLICY,
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [deliveryStatement(ctx)] }),
      }),
    );
    await ctx.record({ kind: 'role-policy-put', role: LOGS_ROLE, policy: LOGS_POLICY });
  } else if (!allowsDelivery(ctx, previous)) {
    const doc = extended(ctx, previous);
    if (doc === undefined) {
      throw new Error(
        `the role ${LOGS_ROLE} has an inline policy ${LOGS_POLICY} that is not a JSON policy document; fix or delete it, then run again`,
      );
    }
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: LOGS_ROLE,
        PolicyName: LOGS_POLICY,
        PolicyDocument: JSON.stringify(doc),
      }),
    );
    await ctx.record({ kind: 'role-policy-replaced', role: LOGS_ROLE, policy: LOGS_POLICY, previous });
  }
  return { CloudWatchLogsLogGroupArn: `${groupArn}:*`, CloudWatchLogsRoleArn: roleArn };
}
