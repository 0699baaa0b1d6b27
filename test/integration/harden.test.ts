import { mkdtemp, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AddUserToGroupCommand,
  CreateUserCommand,
  GetUserCommand,
  IAMClient,
  ListAttachedGroupPoliciesCommand,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import {
  DeleteBucketPolicyCommand,
  GetBucketPolicyCommand,
  ListObjectsV2Command,
  PutBucketPolicyCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { CHECKS } from '../../src/checks/registry.js';
import { ACTIONS } from '../../src/remediation/actions/index.js';
import { isManual } from '../../src/remediation/plan.js';
import type { Plan } from '../../src/remediation/types.js';
import { cleanEnv } from '../e2e/run-cli.js';
import { FAKE_CREDENTIALS, MOTO_ACCOUNT_ID, REGION } from './accounts.js';
import { FAKE_ENABLED_REGIONS, startFakeBilling, type FakeBilling } from './fake-billing.js';
import { type AppliedStep, type Finding, accountState, runCliAsync, totpPair } from './harden-helpers.js';
import { describeWithMoto } from './setup.js';

const INPUT_FLAGS = [
  '--admin-user',
  'JSmith',
  '--alias',
  'acme-prod',
  '--security-email',
  'security@example.com',
  '--security-phone',
  '+1 555 0100',
  // iam-password-policy-max-age wants expiry within 90 days; by default harden sets none (NIST 800-63B).
  '--password-max-age',
  '90',
];

const CONFIG_INPUTS = {
  adminUser: 'JSmith',
  alias: 'acme-prod',
  securityEmail: 'security@example.com',
  securityPhone: '+1 555 0100',
  passwordMaxAgeDays: 90,
};

const mode = async (file: string): Promise<number> => (await stat(file)).mode & 0o777;

// Gaps in moto 5.2, covered by test/integration/fake-billing.ts (a proxy in front of moto): the Cost and Usage
// Report API (cur:*), IAM Access Analyzer, account:ListRegions and account:GetContactInformation. Their permissions
// are not enforced by the proxy.
describeWithMoto(
  'rampart harden on moto (built CLI; CUR, Access Analyzer, ListRegions and contact information faked: moto lacks them)',
  (moto) => {
    let billing: FakeBilling;
    let dir: string;
    let env: Record<string, string>;
    const cli = (args: string[]) =>
      runCliAsync([...args, '--endpoint-url', billing.endpoint], { env, cwd: dir });

    beforeAll(async () => {
      billing = await startFakeBilling(moto().endpoint);
    });
    afterAll(async () => {
      await billing.stop();
    });
    beforeEach(async () => {
      billing.reports.clear();
      billing.analyzers.clear();
      dir = await mkdtemp(join(tmpdir(), 'rampart-harden-'));
      env = cleanEnv({
        AWS_ACCESS_KEY_ID: FAKE_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: FAKE_CREDENTIALS.secretAccessKey,
        AWS_REGION: REGION,
      });
    });

    it('fresh -> harden --apply --yes (MFA pending) -> harden --mfa-codes -> audit green but root-only items; a second run is a no-op; rollback restores the fresh account but keeps the trail and report buckets holding a file', async () => {
      // An analyzer someone made before Rampart, in one of the two enabled regions: harden adds the other region's
      // only, and rollback leaves this one alone.
      const theirs = {
        arn: `arn:aws:access-analyzer:${FAKE_ENABLED_REGIONS[0]}:${MOTO_ACCOUNT_ID}:analyzer/theirs`,
        name: 'theirs',
        type: 'ACCOUNT',
        status: 'ACTIVE',
        createdAt: '2026-01-01T00:00:00.000Z',
      };
      billing.analyzers.set(`${FAKE_ENABLED_REGIONS[0]}/theirs`, theirs);
      const fresh = await accountState(moto().endpoint);
      const started = performance.now();

      // The first run takes every input from rampart.config.json (the later runs pass flags, which override it).
      await writeFile(
        join(dir, 'rampart.config.json'),
        JSON.stringify({ namingStandard: { preset: 'initial-last' }, harden: CONFIG_INPUTS }),
      );
      const first = await cli([
        'harden',
        '--apply',
        '--yes',
        '--output',
        'json',
        '--journal',
        'j1.jsonl',
        '--plan-out',
        'plan1.json',
      ]);
      expect(first.stderr).not.toMatch(/\n\s+at /); // never a stack trace
      // Not finished: MFA is pending (no terminal), waiting for two codes.
      expect(first.code, first.stderr).toBe(3);
      const steps = (JSON.parse(first.stdout) as { steps: AppliedStep[] }).steps;
      const outcome = Object.fromEntries(steps.map((s) => [s.action, s.outcome]));
      expect(outcome).toEqual({
        'iam-create-admin-group': 'changed',
        'iam-create-admin-user': 'changed',
        'root-delete-access-keys': 'unchanged', // moto's root has no access keys
        'root-enable-mfa': 'manual',
        'iam-set-password-policy': 'changed',
        'iam-set-account-alias': 'changed',
        'iam-enable-user-mfa': 'pending', // no terminal: device created, waiting for --mfa-codes
        'cloudtrail-create-trail': 'changed',
        // Opt-in: needs --trail-cloudwatch-logs (CloudWatch Logs is charged), which this run does not pass.
        'cloudtrail-logs-delivery': 'skipped',
        'billing-create-cur': 'changed',
        'iam-create-access-analyzer': 'changed',
        'alerts-security-topic': 'changed',
        'account-set-security-contact': 'changed',
        'alerts-root-activity': 'changed',
      });

      // Secrets: the password is only in the 0600 credentials file, never on stdout/stderr or in the journal.
      const files = await readdir(dir);
      const credentials = files.find((f) => f.endsWith('-JSmith-credentials.txt'));
      expect(credentials).toBeDefined();
      const credentialsFile = join(dir, credentials!);
      expect(await mode(credentialsFile)).toBe(0o600);
      const password = /password: (\S+)/.exec(await readFile(credentialsFile, 'utf8'))?.[1] ?? '';
      expect(password).toHaveLength(24);
      const journalText = await readFile(join(dir, 'j1.jsonl'), 'utf8');
      expect(await mode(join(dir, 'j1.jsonl'))).toBe(0o600);
      for (const text of [first.stdout, first.stderr, journalText]) expect(text).not.toContain(password);
      expect(first.stderr).toContain(credentialsFile);
      expect(first.stderr).toContain('https://acme-prod.signin.aws.amazon.com/console');

      // MFA without a terminal: the device exists, its QR code and seed are in 0600 files, and the step message
      // gives the exact command that finishes it.
      const mfaStep = steps.find((st) => st.action === 'iam-enable-user-mfa');
      const finish = /then run: (rampart harden .*)$/.exec(mfaStep?.message ?? '')?.[1] ?? '';
      expect(finish).toBe(
        `rampart harden --apply --yes --endpoint-url ${billing.endpoint} --admin-user JSmith --mfa-codes CODE1,CODE2`,
      );
      const seedFile = join(dir, `rampart-${MOTO_ACCOUNT_ID}-JSmith-mfa-seed.txt`);
      expect(await mode(seedFile)).toBe(0o600);
      expect(await mode(join(dir, `rampart-${MOTO_ACCOUNT_ID}-JSmith-mfa.png`))).toBe(0o600);
      const seed = /^seed: ([A-Z2-7]+)/m.exec(await readFile(seedFile, 'utf8'))?.[1] ?? '';
      expect(seed.length).toBeGreaterThanOrEqual(32);
      const neverShown = [
        first.stdout,
        first.stderr,
        journalText,
        await readFile(join(dir, 'plan1.json'), 'utf8'),
      ];
      for (const text of neverShown) {
        expect(text).not.toContain(seed);
        expect(text).not.toContain('otpauth://');
      }
      // Checks between the runs are not part of the fresh -> green path: their time is left out.
      const checksStarted = performance.now();
      const pendingAudit = await cli(['audit', '--output', 'json', '--fail-on', 'none']);
      const mfaFinding = (JSON.parse(pendingAudit.stdout) as { findings: Finding[] }).findings.filter(
        (f) => f.checkId === 'iam-console-users-mfa',
      );
      expect(mfaFinding.map((f) => f.status)).toContain('fail');

      // Codes that are not the device's are refused by Rampart itself (moto would accept any six digits).
      const [code1, code2] = totpPair(seed);
      const wrong = await cli([
        'harden',
        '--apply',
        '--yes',
        '--output',
        'json',
        '--journal',
        'jbad.jsonl',
        '--mfa-codes',
        `${code2},${code1}`,
      ]);
      expect(wrong.code).toBe(3);
      expect(
        (JSON.parse(wrong.stdout) as { steps: AppliedStep[] }).steps.find(
          (st) => st.action === 'iam-enable-user-mfa',
        ),
      ).toMatchObject({
        outcome: 'failed',
        changed: false,
        message: expect.stringContaining('not two consecutive current codes') as unknown,
      });

      const checksMs = performance.now() - checksStarted;

      // The printed command, with two real consecutive codes (RFC 6238 from the saved seed), finishes it.
      const finishArgs = finish.replace('CODE1,CODE2', totpPair(seed).join(',')).split(' ').slice(1);
      const finishRun = await runCliAsync(
        [...finishArgs, '--output', 'json', '--journal', 'j2.jsonl', '--plan-out', 'plan2.json'],
        { env, cwd: dir },
      );
      expect(finishRun.code, finishRun.stderr).toBe(0);
      const finished = (JSON.parse(finishRun.stdout) as { steps: AppliedStep[] }).steps;
      expect(finished.filter((st) => st.changed).map((st) => [st.action, st.outcome])).toEqual([
        ['iam-enable-user-mfa', 'changed'],
      ]);
      for (const text of [
        finishRun.stdout,
        finishRun.stderr,
        wrong.stdout,
        wrong.stderr,
        await readFile(join(dir, 'j2.jsonl'), 'utf8'),
        await readFile(join(dir, 'plan2.json'), 'utf8'),
      ]) {
        expect(text).not.toContain(seed);
        expect(text).not.toContain('otpauth://');
      }

      const audit = await cli(['audit', '--output', 'json', '--fail-on', 'none']);
      const freshToGreenMs = performance.now() - started - checksMs;
      const findings = (JSON.parse(audit.stdout) as { findings: Finding[] }).findings;
      // Every check a non-manual action fixes is green; what stays open is root-only (or has no Rampart action, or
      // only one skipped for an opt-in flag this run does not pass, e.g. --trail-cloudwatch-logs).
      const optedOut = new Set(
        steps.filter((s) => s.outcome === 'skipped' && s.message.includes('needs --')).map((s) => s.action),
      );
      const automated = ACTIONS.filter((a) => !isManual(a, { isRoot: false }) && !optedOut.has(a.id));
      const automatable = new Set(
        CHECKS.filter((c) =>
          automated.some((a) => a.fixes.includes(c.id) || c.remediation.action === a.id),
        ).map((c) => c.id),
      );
      // moto's gaps, named: its credential report has no <root_account> row (root-not-used) and it has no
      // CloudTrail LookupEvents (root-sign-ins), so those root checks cannot run on moto.
      const MOTO_GAPS = new Set(['root-not-used', 'root-sign-ins']);
      const open = findings.filter(
        (f) =>
          (f.status === 'fail' || f.status === 'error') &&
          !(f.status === 'error' && MOTO_GAPS.has(f.checkId)),
      );
      expect(open.filter((f) => automatable.has(f.checkId))).toEqual([]);
      for (const f of open) {
        const check = CHECKS.find((c) => c.id === f.checkId);
        const byAction = ACTIONS.find(
          (a) => a.id === check?.remediation.action || a.fixes.includes(f.checkId),
        );
        expect(
          check?.area === 'root' ||
            !byAction ||
            isManual(byAction, { isRoot: false }) ||
            optedOut.has(byAction.id),
          `${f.checkId}: ${f.message}`,
        ).toBe(true);
      }
      expect(open.map((f) => f.checkId)).toContain('root-mfa-enabled');
      // alerts-security-topic + alerts-root-activity: root activity alerts the security list (moto confirms the
      // email subscription at once; AWS waits for the click).
      expect(findings.filter((f) => f.checkId === 'root-usage-alarm').map((f) => f.status)).toEqual(['pass']);
      // iam-create-access-analyzer: one analyzer per enabled region, Rampart's only where there was none.
      expect(
        findings.filter((f) => f.checkId === 'iam-access-analyzer-enabled').map((f) => f.status),
      ).toEqual(FAKE_ENABLED_REGIONS.map(() => 'pass'));
      expect([...billing.analyzers.keys()].sort()).toEqual([
        `${FAKE_ENABLED_REGIONS[0]}/theirs`,
        `${FAKE_ENABLED_REGIONS[1]}/rampart-external-access`,
      ]);
      console.log(
        `fresh -> green on moto: ${Math.round(freshToGreenMs)} ms (harden --apply --yes, harden --mfa-codes CODES, audit)`,
      );

      const second = await cli([
        'harden',
        '--apply',
        '--yes',
        '--output',
        'json',
        '--journal',
        'j3.jsonl',
        ...INPUT_FLAGS,
      ]);
      expect(second.code, second.stderr).toBe(0);
      const again = (JSON.parse(second.stdout) as { steps: AppliedStep[] }).steps;
      expect(again.filter((s) => s.changed)).toEqual([]);
      expect(again.filter((s) => s.outcome === 'failed')).toEqual([]);

      // CloudTrail delivers a log file and the billing service a report; rollback must keep that account data (and
      // say so), not delete it.
      const bucketOf = (prefix: string): string =>
        new RegExp(`"kind":"bucket-created","bucket":"(${prefix}-[^"]+)"`).exec(journalText)?.[1] ?? '';
      const kept = [
        {
          action: 'cloudtrail-create-trail',
          bucket: bucketOf('rampart-trail'),
          key: `AWSLogs/${MOTO_ACCOUNT_ID}/CloudTrail/us-east-1/2026/11/23/log.json.gz`,
        },
        {
          action: 'billing-create-cur',
          bucket: bucketOf('rampart-cur'),
          key: 'cur/rampart-cur/20261101-20261201/rampart-cur-00001.snappy.parquet',
        },
      ];
      const s3 = new S3Client({
        region: REGION,
        endpoint: moto().endpoint,
        credentials: FAKE_CREDENTIALS,
        forcePathStyle: true,
      });
      for (const { bucket, key } of kept) {
        expect(bucket).not.toBe('');
        // moto evaluates the bucket policy's aws:SecureTransport deny against its plain-HTTP endpoint, so the test
        // lifts the policy to plant the file as the service would, then puts it back.
        const policy = (await s3.send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy;
        await s3.send(new DeleteBucketPolicyCommand({ Bucket: bucket }));
        await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'data' }));
        await s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: policy }));
      }

      for (const journal of ['j3.jsonl', 'j2.jsonl', 'j1.jsonl']) {
        const undo = await cli(['rollback', journal, '--yes', '--output', 'json']);
        expect(undo.code, `${journal}: ${undo.stdout}${undo.stderr}`).toBe(0);
        if (journal === 'j1.jsonl') {
          const undone = (
            JSON.parse(undo.stdout) as {
              undone: { action: string; kind: string; ok: boolean; note?: string }[];
            }
          ).undone;
          const journaled = await readFile(join(dir, 'j1.jsonl'), 'utf8');
          for (const { action, bucket } of kept) {
            expect(undone.find((u) => u.action === action && u.kind === 'bucket-created')).toMatchObject({
              ok: true,
              note: expect.stringMatching(`^kept: 1 object in s3://${bucket} `) as unknown,
            });
            expect(journaled).toContain(`"note":"kept: 1 object in s3://${bucket}`);
          }
        }
      }
      expect(billing.reports.size).toBe(0);
      expect([...billing.analyzers.values()]).toEqual([theirs]);
      // Everything else is back to fresh; the two buckets and their files are still there (ListBuckets is in creation order).
      const { buckets, ...rest } = (await accountState(moto().endpoint)) as { buckets: string[] };
      const { buckets: freshBuckets, ...freshRest } = fresh as { buckets: string[] };
      expect(rest).toEqual(freshRest);
      expect([...buckets].sort()).toEqual([...freshBuckets, ...kept.map((k) => k.bucket)].sort());
      for (const { bucket, key } of kept) {
        expect(
          (await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents?.map((o) => o.Key),
        ).toEqual([key]);
      }
    }, 600_000);

    it('a --secrets-dir through a file fails the admin-user step before any IAM change; rollback keeps a group someone else joined (exit 3)', async () => {
      await writeFile(join(dir, 'notadir'), 'a file');
      const run = await cli([
        'harden',
        '--apply',
        '--yes',
        '--output',
        'json',
        '--journal',
        'j.jsonl',
        '--admin-user',
        'JSmith',
        '--secrets-dir',
        'notadir/sub',
      ]);
      expect(run.code, run.stderr).toBe(3);
      const steps = (JSON.parse(run.stdout) as { steps: AppliedStep[] }).steps;
      const userStep = steps.find((s) => s.action === 'iam-create-admin-user');
      expect(userStep).toMatchObject({ outcome: 'failed', changed: false });
      expect(userStep?.message).toContain(
        'notadir/sub is not usable (a part of the path is a file, not a directory)',
      );
      const iam = new IAMClient({ region: REGION, endpoint: moto().endpoint, credentials: FAKE_CREDENTIALS });
      // No user, so no login profile whose password nobody knows; the admin group was made by the step before.
      await expect(iam.send(new GetUserCommand({ UserName: 'JSmith' }))).rejects.toThrow();

      // Someone adds a user to the group Rampart created: rollback must not take their admin rights.
      await iam.send(new CreateUserCommand({ UserName: 'Bob' }));
      await iam.send(new AddUserToGroupCommand({ UserName: 'Bob', GroupName: 'Administrators' }));
      const undo = await cli(['rollback', 'j.jsonl', '--yes', '--output', 'json']);
      expect(undo.code, undo.stdout + undo.stderr).toBe(3);
      const undone = (JSON.parse(undo.stdout) as { undone: { kind: string; ok: boolean; message: string }[] })
        .undone;
      for (const kind of ['policy-attached', 'group-created']) {
        const r = undone.find((u) => u.kind === kind);
        expect(r?.ok, kind).toBe(false);
        expect(r?.message).toContain('members Rampart did not add (Bob)');
      }
      const attached = await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'Administrators' }));
      expect(attached.AttachedPolicies?.map((p) => p.PolicyName)).toEqual(['AdministratorAccess']);
    }, 300_000);

    it("a later --access-keys run never overwrites the credentials file holding the first run's password; --quiet still says where secrets went", async () => {
      // --quiet drops progress, never where a secret went, nor the password --show-secrets asks for.
      const first = await cli([
        'harden',
        '--apply',
        '--yes',
        '--quiet',
        '--show-secrets',
        '--journal',
        'j1.jsonl',
        '--admin-user',
        'JSmith',
      ]);
      expect(first.stderr).not.toMatch(/\n\s+at /);
      const file = join(dir, `rampart-${MOTO_ACCOUNT_ID}-JSmith-credentials.txt`);
      const withPassword = await readFile(file, 'utf8');
      const password = /^password: (\S{24})$/m.exec(withPassword)?.[1] ?? '';
      expect(password).not.toBe('');
      expect(first.stderr).toContain(`Password for JSmith: ${password}\n`);
      expect(first.stderr).toContain(`Credentials for JSmith written to ${file} (mode 0600).`);
      expect(first.stderr).toMatch(/MFA device \S+ created for JSmith\. QR code: /);
      expect(first.stdout).not.toContain(password);
      expect(await readFile(join(dir, 'j1.jsonl'), 'utf8')).not.toContain(password);

      const second = await cli([
        'harden',
        '--apply',
        '--yes',
        '--quiet',
        '--journal',
        'j2.jsonl',
        '--admin-user',
        'JSmith',
        '--access-keys',
      ]);
      expect(second.stderr).not.toMatch(/\n\s+at /);
      expect(await readFile(file, 'utf8')).toBe(withPassword);
      const next = join(dir, `rampart-${MOTO_ACCOUNT_ID}-JSmith-credentials-2.txt`);
      expect(await mode(next)).toBe(0o600);
      expect(await readFile(next, 'utf8')).toMatch(/^aws_secret_access_key: \S+$/m);
      expect(second.stderr).toContain(`Credentials for JSmith written to ${next} (mode 0600) (the earlier`);
    }, 300_000);

    it('rampart apply of a plan made for another region prints the MFA finishing command for that region', async () => {
      // The shell's region is REGION (us-east-1); the plan is for eu-west-1.
      const made = await cli([
        'harden',
        '--region',
        'eu-west-1',
        '--plan-out',
        'plan.json',
        '--admin-user',
        'JSmith',
      ]);
      expect(made.code, made.stderr).toBe(0);
      const r = await cli(['apply', 'plan.json', '--yes', '--journal', 'j.jsonl', '--output', 'json']);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      const mfa = (JSON.parse(r.stdout) as { steps: AppliedStep[] }).steps.find(
        (s) => s.action === 'iam-enable-user-mfa',
      );
      expect(mfa?.outcome).toBe('pending');
      expect(mfa?.message).toMatch(
        /then run: rampart harden --apply --yes --region eu-west-1 --endpoint-url \S+ --admin-user JSmith --mfa-codes CODE1,CODE2$/,
      );
    }, 300_000);

    it('refuses --apply without a terminal and without --yes, naming --yes, before any AWS call', async () => {
      const r = await cli(['harden', '--apply', ...INPUT_FLAGS]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--yes');
      expect(await accountState(moto().endpoint)).toMatchObject({ users: [], groups: [] });
    }, 120_000);

    it('rampart apply PLAN refuses a plan made for another account and one whose before-state changed', async () => {
      const made = await cli([
        'harden',
        '--plan-out',
        'plan.json',
        '--output',
        'json',
        '--show-secrets',
        ...INPUT_FLAGS,
      ]);
      expect(made.code, made.stderr).toBe(0);
      expect(await mode(join(dir, 'plan.json'))).toBe(0o600);
      const plan = JSON.parse(await readFile(join(dir, 'plan.json'), 'utf8')) as Plan;
      // --show-secrets belongs to that run: the saved plan never makes `rampart apply` print the password.
      expect(plan.inputs.showSecrets).toBe(false);

      // As a plan made in another account reads: that account's id wherever this one's is (its step words name
      // account-specific names, which apply checks against the plan's own account).
      const planText = await readFile(join(dir, 'plan.json'), 'utf8');
      await writeFile(join(dir, 'other.json'), planText.replaceAll(plan.accountId, '999999999999'));
      const other = await cli(['apply', 'other.json', '--yes']);
      expect(other.code).toBe(2);
      expect(other.stderr).toContain('made for account 999999999999');

      // The plan's regional steps were planned on its region: applying it in another is refused.
      const elsewhere = await cli(['apply', 'plan.json', '--yes', '--region', 'eu-west-3']);
      expect(elsewhere.code).toBe(2);
      expect(elsewhere.stderr).toContain(`plan.json was made for region ${plan.region}`);

      // Someone sets a (weak) password policy after the plan was made.
      await new IAMClient({ region: REGION, endpoint: moto().endpoint, credentials: FAKE_CREDENTIALS }).send(
        new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 8 }),
      );
      const drifted = await cli(['apply', 'plan.json', '--yes']);
      expect(drifted.code).toBe(2);
      expect(drifted.stderr).toContain('iam-set-password-policy');
      expect(drifted.stderr).toContain('changed since the plan was made');
      expect(await accountState(moto().endpoint)).toMatchObject({ users: [], groups: [] });

      const bad = await cli(['apply', 'j-missing.json', '--yes']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('j-missing.json: no such file');
    }, 300_000);
  },
);
