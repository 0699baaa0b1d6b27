import {
  CloudTrailClient,
  CreateTrailCommand,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  PutEventSelectorsCommand,
  StartLoggingCommand,
} from '@aws-sdk/client-cloudtrail';
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateRoleCommand,
  DeleteRolePolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  ListObjectVersionsCommand,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { awsError } from '../../collectors/testing.js';
import { actionContext, TEST_INPUTS } from '../testing.js';
import action, {
  adminReaders,
  LOG_GROUP,
  LOGS_ROLE,
  recordsAllManagementEvents,
  TRAIL_NAME,
} from './cloudtrail-create-trail.js';

const ct = mockClient(CloudTrailClient);
const s3 = mockClient(S3Client);
const iam = mockClient(IAMClient);
const logs = mockClient(CloudWatchLogsClient);
afterEach(() => {
  ct.reset();
  s3.reset();
  iam.reset();
  logs.reset();
});

const ROLE_ARN = `arn:aws:iam::123456789012:role/${LOGS_ROLE}`;
const GROUP_ARN = `arn:aws:logs:eu-west-1:123456789012:log-group:${LOG_GROUP}`;
const trustFor = (service: string) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
});
/**
 * The role exists (trusting `service`), with this inline policy cloudtrail-to-logs (none when undefined), the
 * `others` inline policies, by name, the `managed` policies attached, by name, and the `boundary` policy.
 */
function existingRole(
  policy: unknown,
  service = 'cloudtrail.amazonaws.com',
  others: Record<string, unknown> = {},
  managed: Record<string, unknown> = {},
  boundary?: unknown,
): void {
  const policyArn = (name: string) => `arn:aws:iam::123456789012:policy/${name}`;
  const managedPolicy = (name: string, doc: unknown) => {
    iam.on(GetPolicyCommand, { PolicyArn: policyArn(name) }).resolves({
      Policy: { PolicyName: name, Arn: policyArn(name), DefaultVersionId: 'v3' },
    });
    iam.on(GetPolicyVersionCommand, { PolicyArn: policyArn(name), VersionId: 'v3' }).resolves({
      PolicyVersion: {
        VersionId: 'v3',
        IsDefaultVersion: true,
        Document: encodeURIComponent(JSON.stringify(doc)),
      },
    });
  };
  for (const [name, doc] of Object.entries(managed)) managedPolicy(name, doc);
  if (boundary !== undefined) managedPolicy('logs-boundary', boundary);
  iam.on(ListAttachedRolePoliciesCommand).resolves({
    AttachedPolicies: Object.keys(managed).map((name) => ({ PolicyName: name, PolicyArn: policyArn(name) })),
  });
  iam.on(GetRoleCommand).resolves({
    Role: {
      RoleName: LOGS_ROLE,
      Arn: ROLE_ARN,
      Path: '/',
      RoleId: 'AROAEXAMPLE',
      CreateDate: new Date('2025-01-01T00:00:00Z'),
      // IAM returns policy documents URL-encoded.
      AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(trustFor(service))),
      ...(boundary !== undefined
        ? {
            PermissionsBoundary: {
              PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
              PermissionsBoundaryArn: policyArn('logs-boundary'),
            },
          }
        : {}),
    },
  });
  if (policy === undefined) iam.on(GetRolePolicyCommand).rejects(awsError('NoSuchEntity', 'no policy', 404));
  else
    iam.on(GetRolePolicyCommand).resolves({
      RoleName: LOGS_ROLE,
      PolicyName: 'cloudtrail-to-logs',
      PolicyDocument: encodeURIComponent(JSON.stringify(policy)),
    });
  for (const [name, doc] of Object.entries(others)) {
    iam.on(GetRolePolicyCommand, { PolicyName: name }).resolves({
      RoleName: LOGS_ROLE,
      PolicyName: name,
      PolicyDocument: encodeURIComponent(JSON.stringify(doc)),
    });
  }
  iam.on(ListRolePoliciesCommand).resolves({
    PolicyNames: [...(policy === undefined ? [] : ['cloudtrail-to-logs']), ...Object.keys(others)],
  });
  iam.on(PutRolePolicyCommand).resolves({});
}
const DELIVERY = {
  Sid: 'RampartCloudTrailToLogs',
  Effect: 'Allow',
  Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
  Resource: `${GROUP_ARN}:log-stream:*`,
};
const THEIRS = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'Theirs',
      Effect: 'Allow',
      Action: 'logs:PutLogEvents',
      Resource: 'arn:aws:logs:eu-west-1:123456789012:log-group:other:*',
    },
  ],
};
const withLogs = () => actionContext({ inputs: { trailCloudWatchLogs: true } });
const roleChanges = (changes: { kind: string }[]) =>
  changes.filter((c) => c.kind.startsWith('role') || c.kind.startsWith('log-group'));
function deliveryOk(): void {
  s3.onAnyCommand().resolves({});
  ct.onAnyCommand().resolves({});
  logs.on(CreateLogGroupCommand).resolves({});
}

describe('cloudtrail-create-trail', () => {
  it('is satisfied only by a multi-region, validated, logging trail recording all management events', async () => {
    ct.on(DescribeTrailsCommand).resolves({
      trailList: [
        {
          Name: 'old',
          TrailARN: 'arn:t',
          HomeRegion: 'eu-west-1',
          IsMultiRegionTrail: false,
          LogFileValidationEnabled: true,
        },
      ],
    });
    ct.on(GetTrailStatusCommand).resolves({ IsLogging: true });
    ct.on(GetEventSelectorsCommand).resolves({
      EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }],
    });
    const state = await action.read(actionContext());
    expect(action.satisfied(state, TEST_INPUTS)).toBe(false);
    const t = state.trails[0]!;
    expect(action.satisfied({ trails: [{ ...t, multiRegion: true, globalEvents: true }] }, TEST_INPUTS)).toBe(
      true,
    );
    expect(recordsAllManagementEvents({ EventSelectors: [{ ReadWriteType: 'WriteOnly' }] })).toBe(false);
    expect(
      recordsAllManagementEvents({
        AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] }],
      }),
    ).toBe(true);
  });

  it('creates a locked-down bucket, a multi-region validated trail, selects management events and starts logging', async () => {
    s3.onAnyCommand().resolves({});
    ct.on(CreateTrailCommand).resolves({
      TrailARN: `arn:aws:cloudtrail:eu-west-1:123456789012:trail/${TRAIL_NAME}`,
    });
    ct.on(PutEventSelectorsCommand).resolves({});
    ct.on(StartLoggingCommand).resolves({});
    const ctx = actionContext();
    await action.apply(ctx, { trails: [] });
    const bucket = s3.commandCalls(CreateBucketCommand)[0]?.args[0].input;
    expect(bucket?.Bucket).toMatch(/^rampart-trail-123456789012-eu-west-1-[0-9a-f]{8}$/);
    expect(bucket?.CreateBucketConfiguration).toEqual({ LocationConstraint: 'eu-west-1' });
    expect(
      s3.commandCalls(PutPublicAccessBlockCommand)[0]?.args[0].input.PublicAccessBlockConfiguration,
    ).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
    expect(s3.commandCalls(PutBucketVersioningCommand)[0]?.args[0].input.VersioningConfiguration).toEqual({
      Status: 'Enabled',
    });
    expect(s3.commandCalls(PutBucketEncryptionCommand)).toHaveLength(1);
    const policy = JSON.parse(s3.commandCalls(PutBucketPolicyCommand)[0]?.args[0].input.Policy ?? '{}') as {
      Statement: { Sid: string; Condition: Record<string, Record<string, unknown>> }[];
    };
    const bySid = Object.fromEntries(policy.Statement.map((s) => [s.Sid, s]));
    const trailArn = `arn:aws:cloudtrail:eu-west-1:123456789012:trail/${TRAIL_NAME}`;
    expect(bySid.AWSCloudTrailWrite?.Condition.StringEquals?.['aws:SourceArn']).toBe(trailArn);
    expect(bySid.AWSCloudTrailAclCheck?.Condition.StringEquals?.['aws:SourceArn']).toBe(trailArn);
    expect(bySid.DenyInsecureTransport?.Condition.Bool).toEqual({ 'aws:SecureTransport': 'false' });
    expect(bySid.DenyLogReadsExceptAdmins?.Condition.ArnNotEquals?.['aws:PrincipalArn']).toEqual([
      'arn:aws:iam::123456789012:root',
      'arn:aws:iam::123456789012:user/JSmith',
      'arn:aws:iam::123456789012:user/setup',
    ]);
    expect(ct.commandCalls(CreateTrailCommand)[0]?.args[0].input).toMatchObject({
      Name: TRAIL_NAME,
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
    });
    expect(ct.commandCalls(StartLoggingCommand)).toHaveLength(1);
    expect(ctx.changes.map((c) => c.kind)).toEqual(['bucket-created', 'trail-created', 'logging-started']);
  });

  it('a resumed run reuses the bucket the interrupted run created', async () => {
    s3.onAnyCommand().resolves({});
    ct.onAnyCommand().resolves({});
    const ctx = actionContext({
      prior: [{ kind: 'bucket-created', bucket: 'rampart-trail-x', region: 'eu-west-1' }],
    });
    await action.apply(ctx, { trails: [] });
    expect(s3.commandCalls(CreateBucketCommand)).toHaveLength(0);
    expect(ct.commandCalls(CreateTrailCommand)[0]?.args[0].input.S3BucketName).toBe('rampart-trail-x');
  });

  describe('--trail-cloudwatch-logs: the log group and the role CloudTrail delivers with', () => {
    it('no role yet: creates the log group and the role, puts its policy, journals all three', async () => {
      deliveryOk();
      iam.on(GetRoleCommand).rejects(awsError('NoSuchEntity', 'no role', 404));
      iam.on(CreateRoleCommand).resolves({ Role: { RoleName: LOGS_ROLE, Arn: ROLE_ARN } as never });
      iam.on(PutRolePolicyCommand).resolves({});
      const ctx = withLogs();
      await action.apply(ctx, { trails: [] });
      expect(iam.commandCalls(GetRolePolicyCommand)).toHaveLength(0);
      const put = iam.commandCalls(PutRolePolicyCommand)[0]?.args[0].input;
      expect(JSON.parse(put?.PolicyDocument ?? '{}')).toEqual({
        Version: '2012-10-17',
        Statement: [DELIVERY],
      });
      expect(roleChanges(ctx.changes)).toEqual([
        { kind: 'log-group-created', name: LOG_GROUP, region: 'eu-west-1' },
        { kind: 'role-created', role: LOGS_ROLE },
        { kind: 'role-policy-put', role: LOGS_ROLE, policy: 'cloudtrail-to-logs' },
      ]);
      expect(ct.commandCalls(CreateTrailCommand)[0]?.args[0].input).toMatchObject({
        CloudWatchLogsLogGroupArn: `${GROUP_ARN}:*`,
        CloudWatchLogsRoleArn: ROLE_ARN,
      });
    });

    it('an existing role with another policy of that name: keeps its statements, adds delivery, journals the previous document; undo puts it back', async () => {
      deliveryOk();
      existingRole(THEIRS);
      const ctx = withLogs();
      await action.apply(ctx, { trails: [] });
      expect(iam.commandCalls(CreateRoleCommand)).toHaveLength(0);
      const put = iam.commandCalls(PutRolePolicyCommand)[0]?.args[0].input;
      expect(put?.RoleName).toBe(LOGS_ROLE);
      expect(put?.PolicyName).toBe('cloudtrail-to-logs');
      expect(JSON.parse(put?.PolicyDocument ?? '{}')).toEqual({
        Version: '2012-10-17',
        Statement: [...THEIRS.Statement, DELIVERY],
      });
      const replaced = {
        kind: 'role-policy-replaced',
        role: LOGS_ROLE,
        policy: 'cloudtrail-to-logs',
        previous: JSON.stringify(THEIRS),
      };
      expect(roleChanges(ctx.changes)).toEqual([
        { kind: 'log-group-created', name: LOG_GROUP, region: 'eu-west-1' },
        replaced,
      ]);
      expect(ct.commandCalls(CreateTrailCommand)[0]?.args[0].input.CloudWatchLogsRoleArn).toBe(ROLE_ARN);

      iam.reset();
      iam.on(PutRolePolicyCommand).resolves({});
      expect(await action.undo(actionContext(), replaced)).toBeUndefined();
      expect(iam.commandCalls(PutRolePolicyCommand)[0]?.args[0].input).toEqual({
        RoleName: LOGS_ROLE,
        PolicyName: 'cloudtrail-to-logs',
        PolicyDocument: JSON.stringify(THEIRS),
      });
      expect(iam.commandCalls(DeleteRolePolicyCommand)).toHaveLength(0);
    });

    it('an existing role whose policy already allows the delivery is used as it is: nothing put, nothing journaled', async () => {
      deliveryOk();
      existingRole({
        Version: '2012-10-17',
        Statement: { Effect: 'Allow', Action: 'logs:*', Resource: '*' },
      });
      const ctx = withLogs();
      await action.apply(ctx, { trails: [] });
      expect(iam.commandCalls(CreateRoleCommand)).toHaveLength(0);
      expect(iam.commandCalls(PutRolePolicyCommand)).toHaveLength(0);
      expect(roleChanges(ctx.changes)).toEqual([
        { kind: 'log-group-created', name: LOG_GROUP, region: 'eu-west-1' },
      ]);
    });

    it('an existing role without that policy: only the policy is put and journaled (rollback deletes it, keeps the role)', async () => {
      deliveryOk();
      existingRole(undefined);
      const ctx = withLogs();
      await action.apply(ctx, { trails: [] });
      expect(iam.commandCalls(CreateRoleCommand)).toHaveLength(0);
      expect(
        JSON.parse(iam.commandCalls(PutRolePolicyCommand)[0]?.args[0].input.PolicyDocument ?? ''),
      ).toEqual({
        Version: '2012-10-17',
        Statement: [DELIVERY],
      });
      expect(roleChanges(ctx.changes).map((c) => c.kind)).toEqual(['log-group-created', 'role-policy-put']);
    });

    it('an existing log group of that name is used, not journaled (rollback keeps it)', async () => {
      s3.onAnyCommand().resolves({});
      ct.onAnyCommand().resolves({});
      logs
        .on(CreateLogGroupCommand)
        .rejects(awsError('ResourceAlreadyExistsException', 'The specified log group already exists'));
      existingRole(undefined);
      const ctx = withLogs();
      await action.apply(ctx, { trails: [] });
      expect(roleChanges(ctx.changes).map((c) => c.kind)).toEqual(['role-policy-put']);
      expect(ct.commandCalls(CreateTrailCommand)[0]?.args[0].input.CloudWatchLogsLogGroupArn).toBe(
        `${GROUP_ARN}:*`,
      );
    });

    it('the plan shows what happens to an existing role, and refuses one CloudTrail cannot assume', async () => {
      ct.on(DescribeTrailsCommand).resolves({ trailList: [] });
      // Without --trail-cloudwatch-logs the role is not read.
      expect(await action.read(actionContext())).toEqual({ trails: [] });
      expect(iam.calls()).toHaveLength(0);
      iam.on(GetRoleCommand).rejects(awsError('NoSuchEntity', 'no role', 404));
      expect(await action.read(withLogs())).toEqual({ trails: [] });
      const ids = { accountId: '123456789012', region: 'eu-west-1' };
      const withFlag = { ...TEST_INPUTS, trailCloudWatchLogs: true };
      expect(action.describe({ trails: [] }, withFlag, ids).after.slice(2)).toEqual([
        `Deliver the trail to the CloudWatch Logs group ${LOG_GROUP} (an existing group of that name is used, and kept on rollback) through the role ${LOGS_ROLE}.`,
        `Create the role ${LOGS_ROLE}, which only CloudTrail (cloudtrail.amazonaws.com) can assume, for this account only, with the inline policy cloudtrail-to-logs allowing logs:CreateLogStream and logs:PutLogEvents on the group's log streams.`,
      ]);
      expect(action.describe({ trails: [] }, TEST_INPUTS, ids).after).toHaveLength(2);

      iam.reset();
      existingRole(THEIRS);
      const state = await action.read(withLogs());
      expect(state).toEqual({ trails: [], logsRole: { trustsCloudTrail: true, policy: 'other' } });
      const inputs = { ...TEST_INPUTS, trailCloudWatchLogs: true };
      const env = { isRoot: false, interactive: false };
      expect(action.blocked?.(state, inputs, env)).toBeUndefined();
      expect(
        action.describe(state, inputs, { accountId: '123456789012', region: 'eu-west-1' }).after.join(' '),
      ).toContain(
        `The role ${LOGS_ROLE} exists: it is used as it is; its inline policy cloudtrail-to-logs says something else, so a statement allowing the delivery is added to it, its other statements kept (rollback puts the previous document back).`,
      );

      iam.reset();
      existingRole(undefined, 'ec2.amazonaws.com');
      const foreign = await action.read(withLogs());
      expect(foreign.logsRole).toEqual({ trustsCloudTrail: false, policy: 'absent' });
      expect(action.blocked?.(foreign, inputs, env)?.reason).toBe(
        `the role ${LOGS_ROLE} exists but its trust policy does not let CloudTrail (cloudtrail.amazonaws.com) assume it: let it, or delete the role, then run again`,
      );
    });

    describe('an existing role whose inline policies deny the delivery: the plan skips the step, naming role, policy and action', () => {
      const inputs = { ...TEST_INPUTS, trailCloudWatchLogs: true };
      const env = { isRoot: false, interactive: false };
      const deny = (action: unknown, resource: unknown, extra: Record<string, unknown> = {}) => ({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
          { Effect: 'Deny', Action: action, Resource: resource, ...extra },
        ],
      });
      const readWith = async (
        policy: unknown,
        others: Record<string, unknown>,
        managed: Record<string, unknown> = {},
        boundary?: unknown,
      ) => {
        ct.on(DescribeTrailsCommand).resolves({ trailList: [] });
        existingRole(policy, 'cloudtrail.amazonaws.com', others, managed, boundary);
        return action.read(withLogs());
      };

      it('a Deny of logs:PutLogEvents in another inline policy', async () => {
        const state = await readWith(undefined, { guardrail: deny('logs:PutLogEvents', '*') });
        expect(state.logsRole).toEqual({
          trustsCloudTrail: true,
          policy: 'absent',
          denied: [{ action: 'logs:PutLogEvents', policy: 'guardrail', statement: '2' }],
        });
        expect(iam.commandCalls(ListRolePoliciesCommand)[0]?.args[0].input).toEqual({ RoleName: LOGS_ROLE });
        expect(action.blocked?.(state, inputs, env)?.reason).toBe(
          `the role ${LOGS_ROLE} exists but its inline policy guardrail (statement 2) denies logs:PutLogEvents on the log group ${LOG_GROUP}, so CloudTrail could not deliver to it: remove that Deny (or delete the role), then run again`,
        );
      });

      it('a Deny of logs:* on the group in cloudtrail-to-logs itself (adding the delivery statement would not help)', async () => {
        const state = await readWith(
          {
            Version: '2012-10-17',
            Statement: [{ Sid: 'NoLogs', Effect: 'Deny', Action: 'logs:*', Resource: `${GROUP_ARN}:*` }],
          },
          {},
        );
        expect(state.logsRole?.policy).toBe('other');
        expect(action.blocked?.(state, inputs, env)?.reason).toBe(
          `the role ${LOGS_ROLE} exists but its inline policy cloudtrail-to-logs (statement "NoLogs") denies logs:CreateLogStream and logs:PutLogEvents on the log group ${LOG_GROUP}, so CloudTrail could not deliver to it: remove that Deny (or delete the role), then run again`,
        );
      });

      // A Deny in any identity-based policy or the boundary wins; a boundary must also allow the action
      // (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html: "an explicit deny in
      // either of these policies overrides the allow"; the effective permissions are the intersection).
      it('a Deny of logs:CreateLogStream in an attached managed policy (its default version)', async () => {
        const state = await readWith(undefined, {}, { 'no-streams': deny('logs:CreateLogStream', '*') });
        expect(state.logsRole?.denied).toEqual([
          { action: 'logs:CreateLogStream', policy: 'no-streams', statement: '2', kind: 'managed' },
        ]);
        expect(iam.commandCalls(GetPolicyVersionCommand)[0]?.args[0].input).toEqual({
          PolicyArn: 'arn:aws:iam::123456789012:policy/no-streams',
          VersionId: 'v3',
        });
        expect(action.blocked?.(state, inputs, env)?.reason).toBe(
          `the role ${LOGS_ROLE} exists but its attached policy no-streams (statement 2) denies logs:CreateLogStream on the log group ${LOG_GROUP}, so CloudTrail could not deliver to it: remove that Deny (or delete the role), then run again`,
        );
      });

      it('a permissions boundary that allows no CloudWatch Logs writes, or denies them', async () => {
        const s3Only = {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }],
        };
        const lacking = await readWith(undefined, {}, {}, s3Only);
        expect(lacking.logsRole).toEqual({
          trustsCloudTrail: true,
          policy: 'absent',
          boundaryLacks: { policy: 'logs-boundary', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'] },
        });
        expect(action.blocked?.(lacking, inputs, env)?.reason).toBe(
          `the role ${LOGS_ROLE} exists but its permissions boundary logs-boundary does not allow logs:CreateLogStream and logs:PutLogEvents on the log group ${LOG_GROUP}, so CloudTrail could not deliver to it: allow them in the boundary (or delete the role), then run again`,
        );

        iam.reset();
        const denying = await readWith(
          undefined,
          {},
          {},
          {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Action: '*', Resource: '*' },
              { Sid: 'NoLogs', Effect: 'Deny', Action: 'logs:PutLogEvents', Resource: '*' },
            ],
          },
        );
        expect(action.blocked?.(denying, inputs, env)?.reason).toBe(
          `the role ${LOGS_ROLE} exists but its permissions boundary logs-boundary (statement "NoLogs") denies logs:PutLogEvents on the log group ${LOG_GROUP}, so CloudTrail could not deliver to it: remove that Deny (or delete the role), then run again`,
        );
      });

      it('not blocked: a boundary that allows the delivery, an attached policy without a Deny of it', async () => {
        const state = await readWith(
          undefined,
          {},
          {
            readers: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 'logs:Get*', Resource: '*' }],
            },
          },
          { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'logs:*', Resource: '*' }] },
        );
        expect(state.logsRole).toEqual({ trustsCloudTrail: true, policy: 'absent' });
        expect(action.blocked?.(state, inputs, env)).toBeUndefined();
      });

      it('not blocked: a Deny on another log group, a Deny of other actions, or a Deny under a condition', async () => {
        const state = await readWith(THEIRS, {
          other: deny(['logs:PutLogEvents', 'logs:CreateLogStream'], 'arn:aws:logs:*:*:log-group:/app/*'),
          deletes: deny('logs:DeleteLogGroup', '*'),
          ip: deny('logs:*', '*', { Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }),
        });
        expect(state.logsRole).toEqual({ trustsCloudTrail: true, policy: 'other' });
        expect(action.blocked?.(state, inputs, env)).toBeUndefined();
      });
    });
  });

  it('admins: an assumed role reads as its role ARN', () => {
    expect(
      adminReaders({
        partition: 'aws',
        accountId: '123456789012',
        callerArn: 'arn:aws:sts::123456789012:assumed-role/Admin/jane',
        inputs: { ...TEST_INPUTS, adminUser: undefined },
      }),
    ).toEqual(['arn:aws:iam::123456789012:role/Admin', 'arn:aws:iam::123456789012:root']);
  });

  it('undo keeps a log bucket that holds objects (evidence) and says how many', async () => {
    s3.on(ListObjectVersionsCommand)
      .resolvesOnce({
        Versions: [
          { Key: 'a', VersionId: '1' },
          { Key: 'b', VersionId: '1' },
        ],
        IsTruncated: true,
        NextKeyMarker: 'b',
        NextVersionIdMarker: '1',
      })
      .resolves({ Versions: [{ Key: 'c', VersionId: '1' }], DeleteMarkers: [{ Key: 'a', VersionId: '2' }] });
    const note = await action.undo(actionContext(), {
      kind: 'bucket-created',
      bucket: 'b',
      region: 'eu-west-1',
    });
    expect(note).toMatch(/^kept: 3 objects in s3:\/\/b \(audit logs are evidence/);
    expect(s3.commandCalls(ListObjectVersionsCommand)[1]?.args[0].input).toMatchObject({
      KeyMarker: 'b',
      VersionIdMarker: '1',
    });
    expect(s3.commandCalls(DeleteObjectsCommand)).toHaveLength(0);
    expect(s3.commandCalls(DeleteBucketCommand)).toHaveLength(0);
  });

  it('undo deletes an empty log bucket, delete markers first', async () => {
    s3.on(ListObjectVersionsCommand).resolves({ DeleteMarkers: [{ Key: 'a', VersionId: '2' }] });
    s3.on(DeleteObjectsCommand).resolves({});
    s3.on(DeleteBucketCommand).resolves({});
    const note = await action.undo(actionContext(), {
      kind: 'bucket-created',
      bucket: 'b',
      region: 'eu-west-1',
    });
    expect(note).toBeUndefined();
    expect(s3.commandCalls(DeleteObjectsCommand)[0]?.args[0].input.Delete?.Objects).toEqual([
      { Key: 'a', VersionId: '2' },
    ]);
    expect(s3.commandCalls(DeleteBucketCommand)).toHaveLength(1);
  });
});
