import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cleanEnv, runCli } from '../e2e/run-cli.js';
import { MOTO_ACCOUNT_ID, motoEnv, seedFreshAccount, seedHardenedAccount } from './accounts.js';
import { describeWithMoto } from './setup.js';

interface JsonReport {
  source: string;
  account: { id: string; alias?: string };
  securityStatus: { id: string; status: string }[];
  findings: { checkId: string; status: string; resource: string; message: string }[];
  collection: { apiCalls: Record<string, number>; totalApiCalls: number };
}

const panel = (r: JsonReport) => Object.fromEntries(r.securityStatus.map((s) => [s.id, s.status]));
const tmp = mkdtempSync(join(tmpdir(), 'rampart-it-'));

// The built CLI, as a user runs it, against moto_server on 127.0.0.1.
// moto has no root-user state (no root row in its credential report, root MFA always off): the root
// checks are covered by fixture snapshots in their unit tests and test/e2e.
describeWithMoto('rampart audit (built CLI) against moto_server', (moto) => {
  it('a fresh account: the panel is red where a new account is red, exit 1', async () => {
    await seedFreshAccount(moto().endpoint);
    const env = cleanEnv(motoEnv(moto().endpoint));
    const r = runCli(['audit', '--output', 'json'], { env });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.source).toBe('live');
    expect(report.account.id).toBe(MOTO_ACCOUNT_ID);
    expect(panel(report)).toEqual({
      'root-access-keys-absent': 'pass',
      'root-mfa-enabled': 'fail',
      'iam-individual-users': 'fail',
      'iam-groups-grant-permissions': 'not_applicable',
      'iam-password-policy': 'fail',
    });
    expect(report.collection.apiCalls.iam).toBeGreaterThan(0);
    expect(report.collection.apiCalls.sts).toBe(1);
    // stderr says who we run as; stdout is only the report.
    expect(r.stderr).toContain(`Running as arn:aws:sts::${MOTO_ACCOUNT_ID}:user/moto`);
    expect(r.stderr).toContain(`endpoint`);
  });

  it('an endpoint URL with a user name and password: the "Running as" line shows it without them', async () => {
    await seedFreshAccount(moto().endpoint);
    const withPassword = moto().endpoint.replace('://', '://ci:s3cr3t-pw@');
    const r = runCli(['admins'], { env: cleanEnv(motoEnv(withPassword)) });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`endpoint ${moto().endpoint.replace('://', '://***@')}`);
    expect(r.stderr + r.stdout).not.toContain('s3cr3t');
  });

  it('a hardened account: the IAM items of the panel turn green (--endpoint-url flag instead of the env var)', async () => {
    await seedHardenedAccount(moto().endpoint);
    const env = motoEnv(moto().endpoint);
    delete env.AWS_ENDPOINT_URL;
    const args = ['audit', '--endpoint-url', moto().endpoint, '--region', 'us-east-1'];
    const r = runCli([...args, '--output', 'json'], { env: cleanEnv(env) });
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(panel(report)).toMatchObject({
      'root-access-keys-absent': 'pass',
      'iam-individual-users': 'pass',
      'iam-groups-grant-permissions': 'pass',
      'iam-password-policy': 'pass',
    });
    expect(report.account.alias).toBe('rampart-hardened');
    // Only moto's missing root state keeps it red.
    expect(panel(report)['root-mfa-enabled']).toBe('fail');
    expect(r.code).toBe(1);

    const iamOnly = runCli(
      [...args, '--checks', 'iam-individual-users,iam-groups-grant-permissions,iam-password-policy'],
      { env: cleanEnv(env) },
    );
    expect(iamOnly.code).toBe(0);
    expect(iamOnly.stdout).toContain('Security Status (IAM dashboard)');
    // A narrowed selection collects only what it reads: IAM and the caller's identity, no other service.
    const narrowed = JSON.parse(
      runCli([...args, '--checks', 'iam-password-policy', '--output', 'json'], { env: cleanEnv(env) }).stdout,
    ) as JsonReport;
    expect(Object.keys(narrowed.collection.apiCalls).sort()).toEqual(['iam', 'sts']);
    expect(narrowed.account.alias).toBe('rampart-hardened');
    expect(report.collection.totalApiCalls).toBeGreaterThan(narrowed.collection.totalApiCalls + 10);
  });

  it('collect writes a 0600 snapshot that audits offline to the same result', async () => {
    await seedHardenedAccount(moto().endpoint);
    const env = cleanEnv(motoEnv(moto().endpoint));
    const file = join(tmp, 'snap.json');
    const c = runCli(['collect', '--out', file], { env });
    expect(c.code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(c.stderr).toContain(`Snapshot written to ${file}`);
    // Never a secret in a snapshot, even though the seeded users have passwords and MFA devices.
    const text = readFileSync(file, 'utf8');
    expect(text).not.toMatch(/Corr3ct-Horse-Battery|Base32StringSeed|QRCodePNG|SecretAccessKey/);

    const live = JSON.parse(runCli(['audit', '--output', 'json'], { env }).stdout) as JsonReport;
    // Offline: no AWS settings at all.
    const offline = JSON.parse(
      runCli(['audit', '--snapshot', file, '--output', 'json']).stdout,
    ) as JsonReport;
    expect(offline.source).toBe('snapshot');
    expect(panel(offline)).toEqual(panel(live));
  });
});
