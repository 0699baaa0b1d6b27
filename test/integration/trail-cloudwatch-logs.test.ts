import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudTrailClient, DescribeTrailsCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListRolePoliciesCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { LOG_GROUP, LOGS_ROLE, TRAIL_NAME } from '../../src/remediation/actions/cloudtrail-create-trail.js';
import type { Plan } from '../../src/remediation/types.js';
import { cleanEnv } from '../e2e/run-cli.js';
import { MOTO_ACCOUNT_ID, motoEnv, sdkConfig } from './accounts.js';
import {
  appliedSteps,
  applyTrailLogs,
  plannedTrailLogsStep,
  type Finding,
  LOGS_GROUP_ARN as GROUP_ARN,
  LOGS_ROLE_ARN as ROLE_ARN,
  type Undo,
  accountState,
  auditFindings,
  logGroupNames,
  runCliAsync,
} from './harden-helpers.js';
import { startFakeBilling, type FakeBilling } from './fake-billing.js';
import { describeWithMoto } from './setup.js';

// moto 5.2 keeps CloudWatchLogsLogGroupArn and CloudWatchLogsRoleArn on the trail, but its GetTrailStatus has no
// LatestCloudWatchLogsDeliveryTime or LatestCloudWatchLogsDeliveryError and it delivers nothing to the log group (it
// never assumes the role). So a delivery that fails is covered with an SDK mock, from GetTrailStatus through the
// trails collector to the check: src/checks/cloudtrail/cloudtrail-cloudwatch-logs.test.ts. moto does not evaluate
// the role's policies either: that a Deny there would stop the delivery is Rampart's own reading.
describeWithMoto('harden --trail-cloudwatch-logs on moto (built CLI)', (moto) => {
  // moto 5.2 has no account:ListRegions, which the trails are listed with: the Account API alone goes to the fake in
  // front of moto (two enabled regions), every other call to moto.
  let account: FakeBilling;
  beforeAll(async () => {
    account = await startFakeBilling(moto().endpoint);
  });
  afterAll(async () => {
    await account.stop();
  });
  let dir: string;
  let env: Record<string, string>;
  const cli = (args: string[]) => runCliAsync(args, { env, cwd: dir });
  const cfg = () => sdkConfig(moto().endpoint);
  const logGroups = () => logGroupNames(moto().endpoint);
  /** What harden touches (accountState) and the log groups. */
  const state = async () => ({
    account: await accountState(moto().endpoint),
    logGroups: await logGroups(),
  });
  const audit = async (): Promise<Record<string, Finding>> => {
    const findings = await auditFindings(cli, ['cloudtrail-cloudwatch-logs', 'root-usage-alarm']);
    return Object.fromEntries(findings.map((f) => [f.checkId, f]));
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rampart-trail-logs-'));
    env = cleanEnv({ ...motoEnv(moto().endpoint), AWS_ENDPOINT_URL_ACCOUNT: account.endpoint });
  });

  it('fresh account: the plan shows the log group and role; apply creates the group, the role (trusting CloudTrail), its policy and the trail delivering through them; the audit passes; rollback removes all of it', async () => {
    const fresh = await state();
    const before = await audit();
    expect(before['cloudtrail-cloudwatch-logs']?.status).toBe('fail');
    expect(before['root-usage-alarm']?.message).toContain('no logging trail delivers to CloudWatch Logs');

    // 1. The plan (writes nothing).
    const planned = await cli([
      'harden',
      '--trail-cloudwatch-logs',
      '--output',
      'json',
      '--plan-out',
      'plan.json',
    ]);
    expect(planned.code, planned.stderr).toBe(0);
    const plan = JSON.parse(await readFile(join(dir, 'plan.json'), 'utf8')) as Plan;
    expect(plan.inputs.trailCloudWatchLogs).toBe(true);
    const step = plan.steps.find((s) => s.action === 'cloudtrail-create-trail');
    expect(step?.blocked).toBeUndefined();
    expect(step?.before).toEqual({ trails: [] });
    const after = step?.describe.after.join('\n') ?? '';
    expect(after).toContain(`Create the multi-region trail ${TRAIL_NAME}`);
    expect(after).toContain(
      `Deliver the trail to the CloudWatch Logs group ${LOG_GROUP} (an existing group of that name is used, and kept on rollback) through the role ${LOGS_ROLE}.`,
    );
    expect(after).toContain(
      `Create the role ${LOGS_ROLE}, which only CloudTrail (cloudtrail.amazonaws.com) can assume, for this account only, with the inline policy cloudtrail-to-logs allowing logs:CreateLogStream and logs:PutLogEvents on the group's log streams.`,
    );
    expect(await logGroups()).toEqual([]);

    // 2. Apply the saved plan.
    const applied = await cli(['apply', 'plan.json', '--yes', '--journal', 'j.jsonl', '--output', 'json']);
    expect(applied.stderr).not.toMatch(/\n\s+at /);
    expect(applied.code, applied.stderr).toBe(0);
    expect(appliedSteps(applied).get('cloudtrail-create-trail')?.outcome).toBe('changed');

    expect(await logGroups()).toEqual([LOG_GROUP]);
    const iam = new IAMClient(cfg());
    const role = (await iam.send(new GetRoleCommand({ RoleName: LOGS_ROLE }))).Role;
    expect(role?.Arn).toBe(ROLE_ARN);
    expect(JSON.parse(decodeURIComponent(role?.AssumeRolePolicyDocument ?? '{}'))).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': MOTO_ACCOUNT_ID } },
        },
      ],
    });
    const policy = await iam.send(
      new GetRolePolicyCommand({ RoleName: LOGS_ROLE, PolicyName: 'cloudtrail-to-logs' }),
    );
    expect(JSON.parse(decodeURIComponent(policy.PolicyDocument ?? '{}'))).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'RampartCloudTrailToLogs',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: `${GROUP_ARN}:log-stream:*`,
        },
      ],
    });
    const cloudtrail = new CloudTrailClient(cfg());
    const trails = (await cloudtrail.send(new DescribeTrailsCommand({}))).trailList ?? [];
    expect(trails).toHaveLength(1);
    expect(trails[0]).toMatchObject({
      Name: TRAIL_NAME,
      IsMultiRegionTrail: true,
      LogFileValidationEnabled: true,
      CloudWatchLogsLogGroupArn: `${GROUP_ARN}:*`,
      CloudWatchLogsRoleArn: ROLE_ARN,
    });
    const status = await cloudtrail.send(new GetTrailStatusCommand({ Name: TRAIL_NAME }));
    expect(status.IsLogging).toBe(true);
    // The moto gap named above: no CloudWatch Logs delivery status at all.
    expect(status.LatestCloudWatchLogsDeliveryTime).toBeUndefined();
    expect(status.LatestCloudWatchLogsDeliveryError).toBeUndefined();

    // 3. Verify: the CloudTrail-CloudWatch Logs integration passes (Security Hub CloudTrail.5), and root-usage-alarm
    // now finds the group (it still fails: harden adds no CIS metric filter, it alerts through EventBridge).
    const verified = await audit();
    expect(verified['cloudtrail-cloudwatch-logs']?.status).toBe('pass');
    expect(verified['cloudtrail-cloudwatch-logs']?.message).toBe(
      `Trail ${TRAIL_NAME} delivers to ${GROUP_ARN}:*.`,
    );
    expect(verified['root-usage-alarm']?.message).not.toContain(
      'no logging trail delivers to CloudWatch Logs',
    );
    expect(verified['root-usage-alarm']?.message).toContain(
      `no metric filter on ${LOG_GROUP} matches root usage`,
    );

    // 4. Rollback: the trail, the role policy, the role, the log group and the (empty) bucket go, newest first.
    const rolled = await cli(['rollback', 'j.jsonl', '--yes', '--output', 'json']);
    expect(rolled.code, rolled.stderr).toBe(0);
    const undone = (JSON.parse(rolled.stdout) as { undone: Undo[] }).undone.filter(
      (c) => c.action === 'cloudtrail-create-trail',
    );
    expect(undone.map((c) => [c.kind, c.ok])).toEqual([
      ['logging-started', true],
      ['trail-created', true],
      ['role-policy-put', true],
      ['role-created', true],
      ['log-group-created', true],
      ['bucket-created', true],
    ]);
    await expect(iam.send(new GetRoleCommand({ RoleName: LOGS_ROLE }))).rejects.toThrow();
    expect(await state()).toEqual(fresh);
    expect((await audit())['cloudtrail-cloudwatch-logs']?.status).toBe('fail');
  });

  it('an existing role rampart-cloudtrail-to-logs whose inline policy denies logs:PutLogEvents: the plan skips the step naming the role, the policy and the action; apply changes nothing of it', async () => {
    const iam = new IAMClient(cfg());
    await iam.send(
      new CreateRoleCommand({
        RoleName: LOGS_ROLE,
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'sts:AssumeRole' },
          ],
        }),
      }),
    );
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: LOGS_ROLE,
        PolicyName: 'guardrail',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Sid: 'NoLogWrites', Effect: 'Deny', Action: 'logs:PutLogEvents', Resource: '*' }],
        }),
      }),
    );
    const reason =
      `the role ${LOGS_ROLE} exists but its inline policy guardrail (statement "NoLogWrites") denies logs:PutLogEvents ` +
      `on the log group ${LOG_GROUP}, so CloudTrail could not deliver to it: remove that Deny (or delete the role), then run again`;
    const touched = async () => ({
      trails: ((await new CloudTrailClient(cfg()).send(new DescribeTrailsCommand({}))).trailList ?? [])
        .length,
      buckets: ((await accountState(moto().endpoint)) as { buckets: string[] }).buckets,
      logGroups: await logGroups(),
      rolePolicies: (await iam.send(new ListRolePoliciesCommand({ RoleName: LOGS_ROLE }))).PolicyNames,
    });
    const before = await touched();
    expect(before).toEqual({ trails: 0, buckets: [], logGroups: [], rolePolicies: ['guardrail'] });

    const step = await plannedTrailLogsStep(cli, 'cloudtrail-create-trail');
    expect(step?.blocked).toBe(reason);
    expect(step?.before).toMatchObject({
      logsRole: {
        trustsCloudTrail: true,
        policy: 'absent',
        denied: [{ action: 'logs:PutLogEvents', policy: 'guardrail', statement: '"NoLogWrites"' }],
      },
    });
    const table = await cli(['harden', '--trail-cloudwatch-logs', '--no-color']);
    expect(table.stdout + table.stderr).toContain(`[cloudtrail-create-trail]  skipped: ${reason}`);

    const trailStep = (await applyTrailLogs(cli)).get('cloudtrail-create-trail');
    expect(trailStep).toMatchObject({ outcome: 'skipped', message: `skipped as planned: ${reason}` });
    expect(await touched()).toEqual(before);
  });

  it('an existing role whose attached policy denies log writes, or whose permissions boundary allows none: the plan skips the step, naming which', async () => {
    const iam = new IAMClient(cfg());
    const doc = (statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
    const boundary = await iam.send(
      new CreatePolicyCommand({
        PolicyName: 's3-only',
        PolicyDocument: doc([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]),
      }),
    );
    await iam.send(
      new CreateRoleCommand({
        RoleName: LOGS_ROLE,
        AssumeRolePolicyDocument: doc([
          { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'sts:AssumeRole' },
        ]),
        PermissionsBoundary: boundary.Policy?.Arn,
      }),
    );
    const planStep = () => plannedTrailLogsStep(cli, 'cloudtrail-create-trail');
    expect((await planStep())?.blocked).toBe(
      `the role ${LOGS_ROLE} exists but its permissions boundary s3-only does not allow logs:CreateLogStream and ` +
        `logs:PutLogEvents on the log group ${LOG_GROUP}, so CloudTrail could not deliver to it: allow them in the ` +
        `boundary (or delete the role), then run again`,
    );

    const guard = await iam.send(
      new CreatePolicyCommand({
        PolicyName: 'no-log-streams',
        PolicyDocument: doc([{ Effect: 'Deny', Action: 'logs:CreateLogStream', Resource: '*' }]),
      }),
    );
    await iam.send(new AttachRolePolicyCommand({ RoleName: LOGS_ROLE, PolicyArn: guard.Policy?.Arn }));
    expect((await planStep())?.blocked).toBe(
      `the role ${LOGS_ROLE} exists but its attached policy no-log-streams (statement 1) denies logs:CreateLogStream ` +
        `on the log group ${LOG_GROUP}, so CloudTrail could not deliver to it: remove that Deny (or delete the role), ` +
        `then run again`,
    );
    expect(await logGroups()).toEqual([]);
  });
});
