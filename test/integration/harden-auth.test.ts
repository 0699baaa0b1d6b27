import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv } from '../e2e/run-cli.js';
import { FAKE_CREDENTIALS, MOTO_ACCOUNT_ID, REGION } from './accounts.js';
import { startFakeBilling, type FakeBilling } from './fake-billing.js';
import { type AppliedStep, runCliAsync, totpPair } from './harden-helpers.js';
import { motoAvailability, startMoto, type Moto } from './moto.js';

/** Requests moto serves before it enforces IAM: exactly the eight set-up calls below. */
const SETUP_CALLS = 8;

const INPUT_FLAGS = [
  '--admin-user',
  'JSmith',
  '--alias',
  'acme-prod',
  '--security-email',
  'security@example.com',
  '--security-phone',
  '+1 555 0100',
];

// moto's gaps under enforcement, named: it checks budgets calls against an action other than the real
// budgets:ViewBudget (so the budgets slice is refused even with the printed policy), and answers refusals of JSON
// APIs (account, budgets) with an XML body the SDK cannot parse (Rampart still reports them as access denied).
// Its credential report has no <root_account> row, so root-not-used cannot be evaluated on moto at all. It has no
// CloudTrail LookupEvents (root-sign-ins), and it checks GetPublicAccessBlock against s3:GetPublicAccessBlock
// instead of the real IAM action s3:GetBucketPublicAccessBlock that the printed policy grants.
// It also checks CloudWatch calls against the SigV4 signing name (monitoring:DescribeAlarmsForMetric), not the real
// cloudwatch:DescribeAlarmsForMetric the printed policy grants; this account has no metric filter, so the alarms
// are never read here (the CIS chain is covered without enforcement in root-usage-alarm.test.ts). The root-usage
// reads that do run (events:ListRules, events:ListTargetsByRule, sns:ListSubscriptionsByTopic) match real IAM.
const MOTO_AUTH_GAPS =
  /budgets could not be collected|has no <root_account> row|rootActivity could not be collected|GetPublicAccessBlock failed: access denied/;

/**
 * moto checks every action but S3's against the resource "*" (it does not work out IAM, CloudTrail, SNS, EventBridge
 * or Logs ARNs), so a statement scoped to e.g. arn:aws:iam::*:user/* can never match there. Those statements are
 * widened to "*" for moto; the S3 ones stay exactly as printed, because moto does check bucket and object ARNs: the
 * bucket scoping is proven here, the other scopes against the ARNs the actions use in src/remediation/permissions.test.ts.
 */
function forMoto(printed: string): string {
  const policy = JSON.parse(printed) as { Statement: { Action: string[]; Resource: string | string[] }[] };
  for (const s of policy.Statement) {
    if (s.Resource !== '*' && !s.Action.every((a) => a.startsWith('s3:'))) s.Resource = '*';
  }
  expect(policy.Statement.filter((s) => s.Resource !== '*').length).toBeGreaterThan(0);
  return JSON.stringify(policy);
}

// moto enforces IAM after INITIAL_NO_AUTH_ACTION_COUNT requests. The fake billing proxy (moto has no CUR, Access Analyzer
// or account:ListRegions API) checks no permissions, so cur:*, access-analyzer:* and account:ListRegions are the part of
// the printed policy this test cannot prove (their scoping is proven against real ARNs in permissions.test.ts). The
// fake refuses Access Analyzer writes from the reader's key only, as IAM would for the audit policy.
const availability = motoAvailability();
const suite = availability.skip ? describe.skip : describe;
suite(`rampart permissions on moto with IAM enforced (INITIAL_NO_AUTH_ACTION_COUNT=${SETUP_CALLS})`, () => {
  let moto: Moto | undefined;
  let billing: FakeBilling | undefined;
  let dir: string;
  const keys: Record<'runner' | 'reader', { id: string; secret: string }> = {
    runner: { id: '', secret: '' },
    reader: { id: '', secret: '' },
  };
  const cli = (who: 'runner' | 'reader', args: string[]) =>
    runCliAsync([...args, '--endpoint-url', billing?.endpoint ?? ''], {
      cwd: dir,
      env: cleanEnv({
        AWS_ACCESS_KEY_ID: keys[who].id,
        AWS_SECRET_ACCESS_KEY: keys[who].secret,
        AWS_REGION: REGION,
      }),
    });

  beforeAll(async () => {
    if (!availability.path) throw new Error(availability.message);
    dir = await mkdtemp(join(tmpdir(), 'rampart-auth-'));
    const policies: Record<string, string> = {};
    for (const target of ['audit', 'harden']) {
      const printed = await runCliAsync(['permissions', '--for', target], { cwd: dir, env: cleanEnv() });
      expect(printed.code).toBe(0);
      policies[target] = target === 'harden' ? forMoto(printed.stdout) : printed.stdout;
    }
    moto = await startMoto({
      path: availability.path,
      env: { INITIAL_NO_AUTH_ACTION_COUNT: String(SETUP_CALLS) },
    });
    billing = await startFakeBilling(moto.endpoint);
    const iam = new IAMClient({ region: REGION, endpoint: moto.endpoint, credentials: FAKE_CREDENTIALS });
    for (const [who, target] of [
      ['runner', 'harden'],
      ['reader', 'audit'],
    ] as const) {
      const policy = await iam.send(
        new CreatePolicyCommand({ PolicyName: `rampart-${target}`, PolicyDocument: policies[target] }),
      );
      await iam.send(new CreateUserCommand({ UserName: who }));
      await iam.send(new AttachUserPolicyCommand({ UserName: who, PolicyArn: policy.Policy?.Arn }));
      const key = await iam.send(new CreateAccessKeyCommand({ UserName: who }));
      keys[who] = { id: key.AccessKey?.AccessKeyId ?? '', secret: key.AccessKey?.SecretAccessKey ?? '' };
    }
    billing.readOnlyKeys.add(keys.reader.id);
  }, 180_000);
  afterAll(async () => {
    await billing?.stop();
    await moto?.stop();
  });

  it('the printed audit policy is enough for audit: no check ends in error for a missing permission', async () => {
    const audit = await cli('reader', ['audit', '--output', 'json', '--fail-on', 'none']);
    expect(audit.stderr).not.toMatch(/\n\s+at /);
    const findings = (JSON.parse(audit.stdout) as { findings: { status: string; message: string }[] })
      .findings;
    expect(findings.filter((f) => f.status === 'error' && !MOTO_AUTH_GAPS.test(f.message))).toEqual([]);
  }, 300_000);

  it('a read-only caller (the audit policy) gets a clean refusal per step, not a crash', async () => {
    const r = await cli('reader', ['harden', '--apply', '--yes', '--output', 'json', ...INPUT_FLAGS]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code, r.stderr).toBe(3);
    const steps = (JSON.parse(r.stdout) as { steps: AppliedStep[] }).steps;
    const failed = steps.filter((s) => s.outcome === 'failed');
    expect(failed.length).toBeGreaterThan(5);
    for (const s of failed)
      expect(s.message, s.action).toMatch(
        /access denied \(missing permission [a-z0-9-]+:\w+\)|cannot read the current state: access denied/,
      );
    expect(steps.filter((s) => s.changed)).toEqual([]);
  }, 300_000);

  it('the printed harden policy is enough for harden --apply: every step runs', async () => {
    const r = await cli('runner', ['harden', '--apply', '--yes', '--output', 'json', ...INPUT_FLAGS]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const steps = (JSON.parse(r.stdout) as { steps: AppliedStep[] }).steps;
    expect(steps.filter((s) => s.outcome === 'failed')).toEqual([]);
    // Not finished (exit 3) only because MFA is pending, below.
    expect(r.code, r.stderr).toBe(3);
    expect(steps.filter((s) => s.changed).length).toBeGreaterThan(5);
    // MFA ends pending without a terminal; its printed command, with real codes, finishes it under the same policy.
    const mfa = steps.find((s) => s.action === 'iam-enable-user-mfa');
    expect(mfa?.outcome).toBe('pending');
    const finish = /then run: (rampart harden .*)$/.exec(mfa?.message ?? '')?.[1] ?? '';
    const seedText = await readFile(join(dir, `rampart-${MOTO_ACCOUNT_ID}-JSmith-mfa-seed.txt`), 'utf8');
    const seed = /^seed: ([A-Z2-7]+)/m.exec(seedText)?.[1] ?? '';
    const args = finish.replace('CODE1,CODE2', totpPair(seed).join(',')).split(' ').slice(1);
    const done = await cli('runner', [
      ...args.filter((a, i) => a !== '--endpoint-url' && args[i - 1] !== '--endpoint-url'),
      '--output',
      'json',
      ...INPUT_FLAGS,
    ]);
    expect(done.code, done.stderr).toBe(0);
    expect(
      (JSON.parse(done.stdout) as { steps: AppliedStep[] }).steps.find(
        (s) => s.action === 'iam-enable-user-mfa',
      )?.outcome,
    ).toBe('changed');
    const audit = await cli('runner', ['audit', '--output', 'json', '--fail-on', 'none']);
    const findings = (JSON.parse(audit.stdout) as { findings: { status: string; message: string }[] })
      .findings;
    expect(findings.filter((f) => f.status === 'error' && !MOTO_AUTH_GAPS.test(f.message))).toEqual([]);

    // Now there is a root-activity rule and a topic: the audit policy alone reads their targets and subscriptions.
    const read = await cli('reader', ['audit', '--output', 'json', '--fail-on', 'none']);
    const after = (
      JSON.parse(read.stdout) as { findings: { checkId: string; status: string; message: string }[] }
    ).findings;
    expect(after.filter((f) => f.status === 'error' && !MOTO_AUTH_GAPS.test(f.message))).toEqual([]);
    expect(after.find((f) => f.checkId === 'root-usage-alarm')?.status).toBe('pass');
  }, 300_000);
});
