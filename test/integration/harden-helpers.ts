import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { AccountClient, GetAlternateContactCommand } from '@aws-sdk/client-account';
import { CloudTrailClient, DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { EventBridgeClient, ListRulesCommand } from '@aws-sdk/client-eventbridge';
import {
  GetAccountPasswordPolicyCommand,
  IAMClient,
  ListAccountAliasesCommand,
  ListGroupsCommand,
  ListRolesCommand,
  ListUsersCommand,
  ListVirtualMFADevicesCommand,
} from '@aws-sdk/client-iam';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { ListTopicsCommand, SNSClient } from '@aws-sdk/client-sns';
import { LOG_GROUP, LOGS_ROLE } from '../../src/remediation/actions/cloudtrail-create-trail.js';
import type { Plan } from '../../src/remediation/types.js';
import { CLI, type CliResult } from '../e2e/run-cli.js';
import { FAKE_CREDENTIALS, MOTO_ACCOUNT_ID, REGION, sdkConfig } from './accounts.js';

/** A step of `apply` / `harden --apply --output json`. */
export interface AppliedStep {
  action: string;
  outcome: string;
  changed: boolean;
  message: string;
}
/** A finding of `audit --output json`. */
export interface Finding {
  checkId: string;
  status: string;
  resource: string;
  message: string;
}
/** A change `rollback --output json` undid. */
export interface Undo {
  action: string;
  kind: string;
  ok: boolean;
}

/** The CloudWatch Logs group and role harden's --trail-cloudwatch-logs creates, as ARNs in the moto account. */
export const LOGS_GROUP_ARN = `arn:aws:logs:${REGION}:${MOTO_ACCOUNT_ID}:log-group:${LOG_GROUP}`;
export const LOGS_ROLE_ARN = `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/${LOGS_ROLE}`;

/** The names of the emulator's CloudWatch Logs groups. */
export async function logGroupNames(endpoint: string): Promise<string[]> {
  const r = await new CloudWatchLogsClient(sdkConfig(endpoint)).send(new DescribeLogGroupsCommand({}));
  return (r.logGroups ?? []).map((g) => g.logGroupName ?? '');
}

type Cli = (args: string[]) => Promise<CliResult>;

/** The findings of `rampart audit --checks CHECKS` (never failing on findings), run through `cli`. */
export async function auditFindings(cli: Cli, checks: readonly string[]): Promise<Finding[]> {
  const r = await cli(['audit', '--output', 'json', '--fail-on', 'none', '--checks', checks.join(',')]);
  if (/\n\s+at /.test(r.stderr)) throw new Error(`audit printed a stack trace: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { findings: Finding[] }).findings;
}

/** The steps of an `apply` / `harden --apply --output json` run, by action; a failed run or a stack trace throws. */
export function appliedSteps(r: CliResult): Map<string, AppliedStep> {
  if (r.code !== 0 || /\n\s+at /.test(r.stderr)) throw new Error(`exit ${String(r.code)}: ${r.stderr}`);
  return new Map((JSON.parse(r.stdout) as { steps: AppliedStep[] }).steps.map((s) => [s.action, s]));
}

/** `harden --apply --yes --trail-cloudwatch-logs --journal j.jsonl --output json` through `cli`: its steps by action. */
export async function applyTrailLogs(cli: Cli): Promise<Map<string, AppliedStep>> {
  return appliedSteps(
    await cli([
      'harden',
      '--apply',
      '--yes',
      '--trail-cloudwatch-logs',
      '--journal',
      'j.jsonl',
      '--output',
      'json',
    ]),
  );
}

/** The step of `action` in the plan `harden --trail-cloudwatch-logs --output json` prints (writes nothing). */
export async function plannedTrailLogsStep(
  cli: Cli,
  action: string,
): Promise<Plan['steps'][number] | undefined> {
  const r = await cli(['harden', '--trail-cloudwatch-logs', '--output', 'json']);
  if (r.code !== 0) throw new Error(`harden exit ${String(r.code)}: ${r.stderr}`);
  return (JSON.parse(r.stdout) as Plan).steps.find((s) => s.action === action);
}

/** Runs the built CLI without blocking the event loop (the fake billing proxy lives in this process). */
export function runCliAsync(
  args: string[],
  options: { env: Record<string, string>; cwd: string },
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: options.env, cwd: options.cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

const orNull = async <T>(p: Promise<T>): Promise<T | null> => {
  try {
    return await p;
  } catch {
    return null;
  }
};

/** What harden touches, read straight from the emulator: equal before harden and after rollback. */
export async function accountState(endpoint: string, credentials = FAKE_CREDENTIALS): Promise<unknown> {
  const cfg = { region: REGION, endpoint, credentials };
  const iam = new IAMClient(cfg);
  const s3 = new S3Client({ ...cfg, forcePathStyle: true });
  const policy = await orNull(iam.send(new GetAccountPasswordPolicyCommand({})));
  const contact = await orNull(
    new AccountClient(cfg).send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' })),
  );
  return {
    users: ((await iam.send(new ListUsersCommand({}))).Users ?? []).map((u) => u.UserName),
    groups: ((await iam.send(new ListGroupsCommand({}))).Groups ?? []).map((g) => g.GroupName),
    roles: ((await iam.send(new ListRolesCommand({}))).Roles ?? []).map((r) => r.RoleName),
    mfa: ((await iam.send(new ListVirtualMFADevicesCommand({}))).VirtualMFADevices ?? []).map(
      (d) => d.SerialNumber,
    ),
    passwordPolicy: policy?.PasswordPolicy ?? null,
    aliases: (await iam.send(new ListAccountAliasesCommand({}))).AccountAliases ?? [],
    trails: ((await new CloudTrailClient(cfg).send(new DescribeTrailsCommand({}))).trailList ?? []).map(
      (t) => t.Name,
    ),
    buckets: ((await s3.send(new ListBucketsCommand({}))).Buckets ?? []).map((b) => b.Name),
    topics: ((await new SNSClient(cfg).send(new ListTopicsCommand({}))).Topics ?? []).map((t) => t.TopicArn),
    rules: ((await new EventBridgeClient(cfg).send(new ListRulesCommand({}))).Rules ?? []).map((r) => r.Name),
    securityContact: contact?.AlternateContact?.EmailAddress ?? null,
  };
}

/** RFC 6238 TOTP (HMAC-SHA1, 30 s, 6 digits), written here independently of Rampart's own. */
function totpAt(seed: string, counter: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of seed.replace(/=+$/, '')) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(msg).digest();
  const offset = (mac.at(-1) ?? 0) & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** The previous and the current code: two consecutive codes, as a person reads them off the app. */
export function totpPair(seed: string): [string, string] {
  const now = Math.floor(Date.now() / 30_000);
  return [totpAt(seed, now - 1), totpAt(seed, now)];
}
