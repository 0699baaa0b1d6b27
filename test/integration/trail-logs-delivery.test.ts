import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CloudTrailClient,
  CreateTrailCommand,
  DescribeTrailsCommand,
  GetTrailStatusCommand,
  PutEventSelectorsCommand,
  StartLoggingCommand,
  type Trail,
} from '@aws-sdk/client-cloudtrail';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetRoleCommand, IAMClient, ListRolesCommand } from '@aws-sdk/client-iam';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { LOG_GROUP, LOGS_ROLE } from '../../src/remediation/actions/cloudtrail-create-trail.js';
import type { Plan } from '../../src/remediation/types.js';
import { cleanEnv } from '../e2e/run-cli.js';
import { MOTO_ACCOUNT_ID, REGION, motoEnv, sdkConfig } from './accounts.js';
import {
  appliedSteps,
  applyTrailLogs,
  plannedTrailLogsStep,
  LOGS_GROUP_ARN as GROUP_ARN,
  LOGS_ROLE_ARN as ROLE_ARN,
  type Undo,
  auditFindings,
  logGroupNames,
  runCliAsync,
} from './harden-helpers.js';
import { startFakeBilling, type FakeBilling } from './fake-billing.js';
import { describeWithMoto } from './setup.js';

const TRAIL = 'management-events';

// moto 5.2 stores CloudWatchLogsLogGroupArn/RoleArn as UpdateTrail sends them: an empty string (how AWS clears the
// delivery) comes back as "" where a trail that never had one shows null. It neither assumes the role nor delivers,
// and evaluates no IAM policy: the role checks are Rampart's own reading (unit tests:
// src/remediation/actions/cloudtrail-logs-delivery.test.ts). It has no organization trails seen from a member
// account either: that case is covered there too.
describeWithMoto('harden --trail-cloudwatch-logs on an account with a trail (built CLI)', (moto) => {
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
  const roles = async (): Promise<string[]> =>
    ((await new IAMClient(cfg()).send(new ListRolesCommand({}))).Roles ?? []).map((r) => r.RoleName ?? '');
  const trails = async (region = REGION): Promise<Trail[]> =>
    (await new CloudTrailClient({ ...cfg(), region }).send(new DescribeTrailsCommand({}))).trailList ?? [];
  const audit = () => auditFindings(cli, ['cloudtrail-cloudwatch-logs', 'cloudtrail-multi-region-enabled']);
  const status = async (check: string): Promise<string[]> =>
    (await audit()).filter((f) => f.checkId === check).map((f) => f.status);

  /** A good trail (validation, all management events, logging) without CloudWatch Logs, homed in `region`. */
  async function seedTrail(name: string, region: string, multiRegion = true): Promise<void> {
    const s3 = new S3Client({ ...cfg(), region, forcePathStyle: true });
    const bucket = `${name}-${MOTO_ACCOUNT_ID}-logs`;
    await s3.send(
      new CreateBucketCommand({
        Bucket: bucket,
        ...(region === 'us-east-1'
          ? {}
          : { CreateBucketConfiguration: { LocationConstraint: region as never } }),
      }),
    );
    const ct = new CloudTrailClient({ ...cfg(), region });
    await ct.send(
      new CreateTrailCommand({
        Name: name,
        S3BucketName: bucket,
        IsMultiRegionTrail: multiRegion,
        IncludeGlobalServiceEvents: true,
        EnableLogFileValidation: true,
      }),
    );
    await ct.send(
      new PutEventSelectorsCommand({
        TrailName: name,
        EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }],
      }),
    );
    await ct.send(new StartLoggingCommand({ Name: name }));
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rampart-trail-delivery-'));
    env = cleanEnv({ ...motoEnv(moto().endpoint), AWS_ENDPOINT_URL_ACCOUNT: account.endpoint });
  });

  it('a good trail without CloudWatch Logs: the plan adds delivery to it, apply updates it (nothing else), the audit passes; rollback puts the trail back to no delivery and removes the group and role', async () => {
    await seedTrail(TRAIL, REGION);
    const [seeded] = await trails();
    expect(seeded).toMatchObject({ Name: TRAIL, IsMultiRegionTrail: true });
    expect(seeded?.CloudWatchLogsLogGroupArn ?? null).toBeNull();
    expect(await status('cloudtrail-multi-region-enabled')).toEqual(['pass']);
    expect(await status('cloudtrail-cloudwatch-logs')).toEqual(['fail']);

    // 1. The plan: cloudtrail-create-trail is already done (the trail is good); the new step updates that trail.
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
    expect(plan.steps.find((s) => s.action === 'cloudtrail-create-trail')?.satisfied).toBe(true);
    const step = plan.steps.find((s) => s.action === 'cloudtrail-logs-delivery');
    expect(step).toMatchObject({ satisfied: false, failing: ['cloudtrail-cloudwatch-logs'] });
    expect(step?.blocked).toBeUndefined();
    expect(step?.describe.before).toEqual([
      `Trail ${TRAIL} (${REGION}): does not deliver to CloudWatch Logs.`,
    ]);
    expect(step?.describe.after).toEqual([
      `Deliver the trail ${TRAIL} to the CloudWatch Logs group ${LOG_GROUP} (an existing group of that name is used, and kept on rollback) through the role ${LOGS_ROLE} (cloudtrail:UpdateTrail; nothing else of the trail changes, and rollback puts back its previous setting: no CloudWatch Logs delivery).`,
      `Create the role ${LOGS_ROLE}, which only CloudTrail (cloudtrail.amazonaws.com) can assume, for this account only, with the inline policy cloudtrail-to-logs allowing logs:CreateLogStream and logs:PutLogEvents on the group's log streams.`,
    ]);
    const table = await cli(['harden', '--trail-cloudwatch-logs', '--no-color']);
    expect(table.stdout).toMatch(
      /\[cloudtrail-logs-delivery\]\s+will change[\s\S]*?why:\s+fails cloudtrail-cloudwatch-logs\n/,
    );
    expect(await logGroups()).toEqual([]);
    expect(await roles()).not.toContain(LOGS_ROLE);

    // 2. Apply the saved plan.
    const applied = await cli(['apply', 'plan.json', '--yes', '--journal', 'j.jsonl', '--output', 'json']);
    expect(applied.stderr).not.toMatch(/\n\s+at /);
    expect(applied.code, applied.stderr).toBe(0);
    const steps = appliedSteps(applied);
    expect(steps.get('cloudtrail-logs-delivery')?.outcome).toBe('changed');
    expect(steps.get('cloudtrail-create-trail')?.outcome).toBe('unchanged');

    expect(await logGroups()).toEqual([LOG_GROUP]);
    expect((await new IAMClient(cfg()).send(new GetRoleCommand({ RoleName: LOGS_ROLE }))).Role?.Arn).toBe(
      ROLE_ARN,
    );
    const [updated] = await trails();
    expect(updated).toEqual({
      ...seeded,
      CloudWatchLogsLogGroupArn: `${GROUP_ARN}:*`,
      CloudWatchLogsRoleArn: ROLE_ARN,
    });
    expect((await trails()).map((t) => t.Name)).toEqual([TRAIL]);
    expect(
      (await new CloudTrailClient(cfg()).send(new GetTrailStatusCommand({ Name: TRAIL }))).IsLogging,
    ).toBe(true);

    // 3. Verify.
    const verified = await audit();
    expect(verified.find((f) => f.checkId === 'cloudtrail-cloudwatch-logs')).toMatchObject({
      status: 'pass',
      message: `Trail ${TRAIL} delivers to ${GROUP_ARN}:*.`,
    });
    // Harden again: the step is already done.
    const again = JSON.parse(
      (await cli(['harden', '--trail-cloudwatch-logs', '--output', 'json'])).stdout,
    ) as Plan;
    expect(again.steps.find((s) => s.action === 'cloudtrail-logs-delivery')?.satisfied).toBe(true);

    // 4. Rollback: the trail's delivery is cleared first, then the role's policy, the role and the group.
    const rolled = await cli(['rollback', 'j.jsonl', '--yes', '--output', 'json']);
    expect(rolled.code, rolled.stderr).toBe(0);
    const undone = (JSON.parse(rolled.stdout) as { undone: Undo[] }).undone.filter(
      (c) => c.action === 'cloudtrail-logs-delivery',
    );
    expect(undone.map((c) => [c.kind, c.ok])).toEqual([
      ['trail-logs-set', true],
      ['role-policy-put', true],
      ['role-created', true],
      ['log-group-created', true],
    ]);
    const [restored] = await trails();
    // moto returns the cleared settings as "" (UpdateTrail's empty strings); the trail is otherwise as seeded.
    expect(restored).toEqual({ ...seeded, CloudWatchLogsLogGroupArn: '', CloudWatchLogsRoleArn: '' });
    expect(await logGroups()).toEqual([]);
    expect(await roles()).not.toContain(LOGS_ROLE);
    expect(await status('cloudtrail-cloudwatch-logs')).toEqual(['fail']);
  });

  // UpdateTrail must be sent to the trail's home region (AWS CloudTrail API reference, UpdateTrail,
  // https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_UpdateTrail.html), and from us-east-1 a
  // single-region trail of eu-west-1 is not even listed (DescribeTrails): harden lists every enabled region (the fake
  // ListRegions: eu-west-1 and us-east-1) and updates the trail there, with a log group of eu-west-1.
  it('a single-region trail homed in another region: harden sees it from the session region and adds its delivery in its home region; rollback puts it back', async () => {
    await seedTrail('eu-trail', 'eu-west-1', false);
    expect(await trails()).toEqual([]);
    const [seeded] = await trails('eu-west-1');
    expect(seeded).toMatchObject({ Name: 'eu-trail', HomeRegion: 'eu-west-1', IsMultiRegionTrail: false });
    const euArn = `arn:aws:cloudtrail:eu-west-1:${MOTO_ACCOUNT_ID}:trail/eu-trail`;
    const euGroup = `arn:aws:logs:eu-west-1:${MOTO_ACCOUNT_ID}:log-group:${LOG_GROUP}`;
    const euLogGroups = async (): Promise<string[]> =>
      (
        (
          await new CloudWatchLogsClient({ ...cfg(), region: 'eu-west-1' }).send(
            new DescribeLogGroupsCommand({}),
          )
        ).logGroups ?? []
      ).map((g) => g.logGroupName ?? '');
    // The audit judges it (it is the only trail: no multi-region one yet).
    expect(
      (await audit())
        .filter((f) => f.checkId === 'cloudtrail-cloudwatch-logs')
        .map((f) => [f.status, f.resource]),
    ).toEqual([['fail', euArn]]);

    const step = await plannedTrailLogsStep(cli, 'cloudtrail-logs-delivery');
    expect(step?.blocked).toBeUndefined();
    expect(step?.describe.before).toEqual([
      'Trail eu-trail (single-region, eu-west-1): does not deliver to CloudWatch Logs.',
    ]);

    const steps = await applyTrailLogs(cli);
    expect(steps.get('cloudtrail-logs-delivery')?.outcome).toBe('changed');
    const [updated] = await trails('eu-west-1');
    expect(updated).toEqual({
      ...seeded,
      CloudWatchLogsLogGroupArn: `${euGroup}:*`,
      CloudWatchLogsRoleArn: ROLE_ARN,
    });
    expect(await euLogGroups()).toEqual([LOG_GROUP]);
    // Every trail now delivers, the eu-west-1 one to its own region's group.
    const verified = (await audit()).filter((f) => f.checkId === 'cloudtrail-cloudwatch-logs');
    expect(verified.map((f) => f.status)).toEqual(['pass', 'pass']);
    expect(verified.find((f) => f.resource === euArn)?.message).toBe(
      `Trail eu-trail delivers to ${euGroup}:*.`,
    );

    const rolled = await cli(['rollback', 'j.jsonl', '--yes', '--output', 'json']);
    expect(rolled.code, rolled.stderr).toBe(0);
    const [restored] = await trails('eu-west-1');
    expect(restored).toEqual({ ...seeded, CloudWatchLogsLogGroupArn: '', CloudWatchLogsRoleArn: '' });
    expect(await euLogGroups()).toEqual([]);
    expect(await logGroups()).toEqual([]);
  });

  it('a single-region trail without CloudWatch Logs: harden creates the multi-region rampart-trail and adds delivery to the single-region trail too, so the check passes for both', async () => {
    await seedTrail('local-trail', REGION, false);
    expect(await status('cloudtrail-cloudwatch-logs')).toEqual(['fail']);
    expect(await status('cloudtrail-multi-region-enabled')).toEqual(['fail']);

    const step = await plannedTrailLogsStep(cli, 'cloudtrail-logs-delivery');
    expect(step?.blocked).toBeUndefined();
    expect(step?.describe.before).toEqual([
      `Trail local-trail (single-region, ${REGION}): does not deliver to CloudWatch Logs.`,
    ]);

    const steps = await applyTrailLogs(cli);
    expect(steps.get('cloudtrail-create-trail')?.outcome).toBe('changed');
    expect(steps.get('cloudtrail-logs-delivery')?.outcome).toBe('changed');
    const byName = new Map((await trails()).map((t) => [t.Name, t]));
    expect(byName.get('local-trail')).toMatchObject({
      IsMultiRegionTrail: false,
      CloudWatchLogsLogGroupArn: `${GROUP_ARN}:*`,
      CloudWatchLogsRoleArn: ROLE_ARN,
    });
    expect(byName.get('rampart-trail')).toMatchObject({
      IsMultiRegionTrail: true,
      CloudWatchLogsLogGroupArn: `${GROUP_ARN}:*`,
    });
    expect(await status('cloudtrail-cloudwatch-logs')).toEqual(['pass', 'pass']);
  });
});
