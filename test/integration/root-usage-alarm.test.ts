import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudTrailClient, CreateTrailCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  PutMetricFilterCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { EventBridgeClient, ListRulesCommand } from '@aws-sdk/client-eventbridge';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { expect, it } from 'vitest';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import action, { FORWARD_ROLE } from '../../src/remediation/actions/alerts-root-activity.js';
import { FakePrompter } from '../../src/remediation/prompter.js';
import { TEST_INPUTS } from '../../src/remediation/testing.js';
import type { ActionContext, Change } from '../../src/remediation/types.js';
import { cleanEnv } from '../e2e/run-cli.js';
import { FAKE_CREDENTIALS, MOTO_ACCOUNT_ID, REGION, motoEnv, motoPool } from './accounts.js';
import { type Finding, runCliAsync } from './harden-helpers.js';
import { describeWithMoto } from './setup.js';

const CIS =
  '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}';
const GROUP = 'aws-cloudtrail-logs-management';

// moto 5.2 confirms every SNS subscription at once, email included (AWS keeps an email subscription
// "PendingConfirmation" until the link is clicked): the pending case is covered by the check's unit tests.
describeWithMoto('root-usage-alarm on moto (built CLI)', (moto) => {
  const cfg = (region = REGION) => ({ region, endpoint: moto().endpoint, credentials: FAKE_CREDENTIALS });
  const audit = async (region = REGION): Promise<Finding> => {
    const r = await runCliAsync(
      ['audit', '--output', 'json', '--fail-on', 'none', '--checks', 'root-usage-alarm'],
      {
        env: cleanEnv({ ...motoEnv(moto().endpoint), AWS_REGION: region }),
        cwd: mkdtempSync(join(tmpdir(), 'rampart-alarm-')),
      },
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const findings = (JSON.parse(r.stdout) as { findings: Finding[] }).findings;
    const f = findings.find((x) => x.checkId === 'root-usage-alarm');
    expect(f).toBeDefined();
    return f!;
  };
  const topicWithSubscriber = async (region = REGION): Promise<string> => {
    const sns = new SNSClient(cfg(region));
    const topic = await sns.send(new CreateTopicCommand({ Name: 'rampart-security-alerts' }));
    await sns.send(
      new SubscribeCommand({ TopicArn: topic.TopicArn, Protocol: 'email', Endpoint: 'security@example.com' }),
    );
    return topic.TopicArn ?? '';
  };

  it('a fresh account fails, naming both missing paths', async () => {
    const f = await audit();
    expect(f.status).toBe('fail');
    expect(f.message).toContain('no logging trail delivers to CloudWatch Logs');
    expect(f.message).toContain(
      'no enabled EventBridge rule alerts on root API calls or console sign-ins in us-east-1',
    );
  });

  it('CIS chain: a filter without an alarm fails; with an alarm on a subscribed topic it passes', async () => {
    const s3 = new S3Client({ ...cfg(), forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'alarm-trail-logs' }));
    const logs = new CloudWatchLogsClient(cfg());
    await logs.send(new CreateLogGroupCommand({ logGroupName: GROUP }));
    const cloudtrail = new CloudTrailClient(cfg());
    await cloudtrail.send(
      new CreateTrailCommand({
        Name: 'management-events',
        S3BucketName: 'alarm-trail-logs',
        IsMultiRegionTrail: true,
        CloudWatchLogsLogGroupArn: `arn:aws:logs:${REGION}:${MOTO_ACCOUNT_ID}:log-group:${GROUP}:*`,
        CloudWatchLogsRoleArn: `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/CloudTrailToLogs`,
      }),
    );
    await cloudtrail.send(new StartLoggingCommand({ Name: 'management-events' }));
    // An equivalent of the CIS text is accepted; a filter catching console logins of anyone is not.
    await logs.send(
      new PutMetricFilterCommand({
        logGroupName: GROUP,
        filterName: 'RootUsage',
        filterPattern: CIS.replace('{', '{ ').replace('}', ' }').replaceAll('"Root"', 'Root'),
        metricTransformations: [{ metricName: 'RootUsage', metricNamespace: 'CIS', metricValue: '1' }],
      }),
    );
    await logs.send(
      new PutMetricFilterCommand({
        logGroupName: GROUP,
        filterName: 'ConsoleLogins',
        filterPattern: '{ $.eventName = "ConsoleLogin" }',
        metricTransformations: [{ metricName: 'ConsoleLogins', metricNamespace: 'CIS', metricValue: '1' }],
      }),
    );
    const noAlarm = await audit();
    expect(noAlarm.status).toBe('fail');
    expect(noAlarm.message).toContain(
      'metric filter RootUsage (CIS/RootUsage) has no alarm with actions enabled',
    );

    const topic = await topicWithSubscriber();
    await new CloudWatchClient(cfg()).send(
      new PutMetricAlarmCommand({
        AlarmName: 'root-usage',
        MetricName: 'RootUsage',
        Namespace: 'CIS',
        Statistic: 'Sum',
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmActions: [topic],
      }),
    );
    const f = await audit();
    expect(f.status, f.message).toBe('pass');
    expect(f.message).toContain(`metric filter RootUsage (CIS/RootUsage) → alarm root-usage → ${topic}`);
  });

  it('EventBridge from another region: harden’s action adds the us-east-1 forwarding rule; rollback removes both', async () => {
    const region = 'eu-west-1';
    await topicWithSubscriber(region);
    const changes: Change[] = [];
    const ctx: ActionContext = {
      pool: motoPool(moto().endpoint, region),
      accountId: MOTO_ACCOUNT_ID,
      partition: 'aws',
      region,
      callerArn: `arn:aws:iam::${MOTO_ACCOUNT_ID}:user/setup`,
      inputs: TEST_INPUTS,
      prompter: new FakePrompter([], true, true),
      say: () => undefined,
      tell: () => undefined,
      record: (c) => {
        changes.push(c);
        return Promise.resolve();
      },
      prior: [],
      prepareSecretsDir: () => Promise.reject(new Error('no secrets here')),
      writeSecretFile: () => Promise.reject(new Error('no secrets here')),
      readSecretFile: () => Promise.resolve(undefined),
      rerun: 'rampart harden --apply --yes',
      randomBytes: (n) => new Uint8Array(n),
      sleep: () => Promise.resolve(),
    };
    expect((await audit(region)).status).toBe('fail');

    const before = await action.read(ctx);
    expect(action.satisfied(before, TEST_INPUTS)).toBe(false);
    await action.apply(ctx, before);
    expect(action.satisfied(await action.read(ctx), TEST_INPUTS)).toBe(true);
    const f = await audit(region);
    expect(f.status, f.message).toBe('pass');
    // Sign-ins: us-east-1 → the session region's default bus → the rule there → the topic.
    expect(f.message).toContain(
      `rule rampart-root-activity (us-east-1) → arn:aws:events:${region}:${MOTO_ACCOUNT_ID}:event-bus/default → rule rampart-root-activity (${region}) → arn:aws:sns:${region}:`,
    );

    // Rollback undoes the journaled changes in reverse: both rules, the role policy and the role go.
    for (const change of [...changes].reverse()) await action.undo({ ...ctx, journaled: [] }, change);
    for (const r of ['us-east-1', region]) {
      const rules = await new EventBridgeClient(cfg(r)).send(new ListRulesCommand({}));
      expect(rules.Rules ?? [], r).toEqual([]);
    }
    await expect(new IAMClient(cfg()).send(new GetRoleCommand({ RoleName: FORWARD_ROLE }))).rejects.toThrow();
    expect(action.satisfied(await action.read(ctx), TEST_INPUTS)).toBe(false);
    expect((await audit(region)).status).toBe('fail');
  });
});
