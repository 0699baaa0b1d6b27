import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, ROOT, runCli } from './run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'rampart-e2e-'));
const example = JSON.parse(readFileSync(join(ROOT, 'examples', 'fresh-account.json'), 'utf8')) as {
  schemaVersion: number;
  slices: Record<string, unknown>;
};
function writeJson(name: string, value: unknown): string {
  const file = join(tmp, name);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}
/** One line on stderr, no stack trace. */
function expectOneLineError(stderr: string, text: string | RegExp): void {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(text);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('rampart audit --example (what `npm start` runs)', () => {
  it('prints the Security Status panel of the labelled example account and exits 1 on its failures', () => {
    const r = runCli(['audit', '--example']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('EXAMPLE ACCOUNT');
    expect(r.stdout).toContain('Security Status (IAM dashboard)');
    expect(r.stdout).toContain('The root user has 1 active access key(s)');
    expect(r.stderr).toContain('rampart audit --profile');
  });

  it('--fail-on none exits 0, --fail-on critical still exits 1', () => {
    expect(runCli(['audit', '--example', '--fail-on', 'none']).code).toBe(0);
    expect(runCli(['audit', '--example', '--fail-on', 'critical']).code).toBe(1);
  });

  it('prints the JSON report contract', () => {
    const r = runCli(['audit', '--example', '--output', 'json']);
    const report = JSON.parse(r.stdout) as Record<string, unknown> & {
      securityStatus: { id: string; status: string }[];
      findings: Record<string, unknown>[];
      summary: Record<string, number>;
      account: { id: string };
    };
    expect(report.schemaVersion).toBe(1);
    expect(report.source).toBe('example');
    expect(report.account.id).toBe('111122223333');
    expect(typeof report.generatedAt).toBe('string');
    expect(report.securityStatus.map((s) => [s.id, s.status])).toEqual([
      ['root-access-keys-absent', 'fail'],
      ['root-mfa-enabled', 'fail'],
      ['iam-individual-users', 'fail'],
      ['iam-groups-grant-permissions', 'not_applicable'],
      ['iam-password-policy', 'fail'],
    ]);
    for (const f of report.findings) {
      expect(Object.keys(f)).toEqual(
        expect.arrayContaining(['checkId', 'status', 'severity', 'resource', 'message']),
      );
    }
    expect(report.summary.fail).toBeGreaterThanOrEqual(4);
    expect(report.collection).toBeUndefined();
    // Machine formats are never coloured.
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('writes --output-file with mode 0600 and nothing on stdout', () => {
    const file = join(tmp, 'report.json');
    const r = runCli(['audit', '--example', '--output', 'json', '--output-file', file, '--fail-on', 'none']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveProperty('securityStatus');
  });

  it('colours only when asked or on a TTY', () => {
    expect(runCli(['audit', '--example']).stdout).not.toContain('\u001b[');
    expect(runCli(['audit', '--example'], { env: cleanEnv({ FORCE_COLOR: '1' }) }).stdout).toContain(
      '\u001b[',
    );
    expect(
      runCli(['audit', '--example', '--no-color'], { env: cleanEnv({ FORCE_COLOR: '1' }) }).stdout,
    ).not.toContain('\u001b[');
  });
});

describe('rampart audit --snapshot', () => {
  it('exits 3 when the audit is incomplete and nothing reached --fail-on', () => {
    const partial = structuredClone(example);
    partial.slices.accountSummary = {
      status: 'error',
      error: { kind: 'access-denied', message: 'AccessDenied', action: 'iam:GetAccountSummary' },
    };
    const file = writeJson('partial.json', partial);
    const r = runCli(['audit', '--snapshot', file, '--output', 'json', '--fail-on', 'none']);
    expect(r.code).toBe(3);
    const report = JSON.parse(r.stdout) as {
      findings: { checkId: string; status: string; message: string }[];
    };
    const rootKeys = report.findings.find((f) => f.checkId === 'root-access-keys-absent');
    expect(rootKeys?.status).toBe('error');
    expect(rootKeys?.message).toContain('iam:GetAccountSummary');
    // Only the checks that need the denied slice are errors.
    expect(report.findings.find((f) => f.checkId === 'iam-password-policy')?.status).toBe('fail');
  });

  it('reads a raw get-account-authorization-details export as admins does: the IAM policy checks run, the rest are errors', () => {
    const EXPORT = 'test/fixtures/iam-vulnerable/example.json';
    const r = runCli(['audit', '--snapshot', EXPORT, '--output', 'json', '--fail-on', 'none']);
    expect(r.code).toBe(3);
    const report = JSON.parse(r.stdout) as {
      account: { id: string };
      admins: unknown[];
      findings: { checkId: string; status: string; message: string }[];
    };
    const admins = runCli(['admins', '--snapshot', EXPORT, '-o', 'json']);
    expect(report.account.id).toBe('200611803367');
    expect(report.admins).toEqual((JSON.parse(admins.stdout) as { admins: unknown[] }).admins);
    const escalation = report.findings.filter((f) => f.checkId === 'iam-privilege-escalation');
    expect(new Set(escalation.map((f) => f.status))).toEqual(new Set(['fail']));
    expect(report.findings.find((f) => f.checkId === 'iam-password-policy')?.message).toContain(
      'holds only the authorization details',
    );
  });

  it("names Rampart's report and admins list given as --snapshot (audit and admins): one line, exit 2", () => {
    const report = writeJson('report.json', runCli(['audit', '--example', '-o', 'json']).stdout);
    const admins = writeJson('admins.json', runCli(['admins', '--example', '-o', 'json']).stdout);
    const keep = '; keep a snapshot with rampart audit --save-snapshot FILE or rampart collect';
    for (const command of ['audit', 'admins']) {
      const r = runCli([command, '--snapshot', report]);
      expect(r.code).toBe(2);
      expectOneLineError(r.stderr, `rampart: ${report} is a Rampart report, not a snapshot${keep}`);
      const a = runCli([command, '--snapshot', admins]);
      expect(a.code).toBe(2);
      expectOneLineError(a.stderr, `rampart: ${admins} is a rampart admins list, not a snapshot${keep}`);
    }
  });

  it.each([
    ['a missing file', () => join(tmp, 'nope.json'), /nope\.json: no such file/],
    ['malformed JSON', () => writeJson('bad.json', '{"schemaVersion": 1,'), /bad\.json: not valid JSON/],
    [
      'a wrong schema version',
      () => writeJson('v9.json', { ...example, schemaVersion: 9 }),
      /v9\.json: snapshot schemaVersion 9 is not supported \(this Rampart reads version 1\)/,
    ],
    [
      'an invalid slice',
      () =>
        writeJson('slice.json', {
          ...example,
          slices: { ...example.slices, passwordPolicy: { status: 'maybe' } },
        }),
      /slice\.json: invalid snapshot at slices\.passwordPolicy/,
    ],
    ['a directory', () => tmp, /is a directory/],
  ])('rejects %s with one line and exit 2', (_name, file, message) => {
    const r = runCli(['audit', '--snapshot', file()]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expectOneLineError(r.stderr, message);
  });

  it.each([
    [
      '--output-file',
      'nodir/report.json',
      /^rampart: --output-file nodir\/report\.json: nodir does not exist$/,
    ],
    ['--save-snapshot', '.', /^rampart: --save-snapshot \.: is a directory, expected a file path$/],
  ])('refuses %s %s before auditing: one line naming the flag, exit 2', (flag, path, message) => {
    const r = runCli(['audit', '--example', flag, path], { cwd: tmp });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expectOneLineError(r.stderr, message);
  });
});

describe('bad flags and AWS settings', () => {
  it.each([
    [['audit', '--output', 'yaml'], /--output.*yaml/],
    [['audit', '--fail-on', 'severe'], /--fail-on.*severe/],
    [['audit', '--bogus'], /unknown option '--bogus'/],
    [['audit', '--example', '--checks', 'root-mfa'], /--checks: unknown check id 'root-mfa'/],
    [['audit', '--example', '--checks', ','], /--checks: no check id in ',' \(comma-separated ids/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['audit', '--example', '--snapshot', 'x.json'], /--snapshot and --example cannot be used together/],
  ])('%j exits 2 with one line', (args, message) => {
    const r = runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  // An unset variable (`--snapshot "$SNAP"`) must never mean "no flag": for --snapshot and --endpoint-url that
  // would be a live run against real AWS. No credentials here, and any endpoint is a closed local port.
  it.each([
    [['audit', '--snapshot', ''], '--snapshot: expected a file path, got an empty value'],
    [['admins', '--snapshot', ''], '--snapshot: expected a file path, got an empty value'],
    [['audit', '--snapshot='], '--snapshot: expected a file path, got an empty value'],
    [
      ['audit', '--endpoint-url', ''],
      '--endpoint-url: expected an http(s) URL such as http://127.0.0.1:5000, got an empty value',
    ],
    [['collect', '--out', ''], '--out: expected a file path, got an empty value'],
    [
      ['audit', '--example', '--save-snapshot', ''],
      '--save-snapshot: expected a file path, got an empty value',
    ],
    [['admins', '--example', '--since', ''], '--since: expected a file path, got an empty value'],
    [
      ['import', 'test/fixtures/aws-cli-export', '--out', ''],
      '--out: expected a file path, got an empty value',
    ],
  ])('%j: an empty value is a usage error naming the flag, exit 2, before any AWS call', (args, message) => {
    const r = runCli(args, { env: cleanEnv({ AWS_ENDPOINT_URL: 'http://127.0.0.1:9' }) });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expectOneLineError(r.stderr, `rampart: ${message}`);
  });

  // A report written over the snapshot it was made from loses the snapshot, which no later run can take again.
  it.each([
    [['audit', '--snapshot', 'SNAP', '--output-file', 'SNAP'], '--output-file SNAP: is the --snapshot file'],
    [
      ['audit', '--snapshot', 'SNAP', '-o', 'json', '--output-file', 'SNAP'],
      '--output-file SNAP: is the --snapshot file',
    ],
    [
      ['audit', '--snapshot', 'SNAP', '--save-snapshot', 'SNAP'],
      '--save-snapshot SNAP: is the --snapshot file',
    ],
    [
      ['admins', '--snapshot', 'SNAP', '-o', 'json', '--output-file', 'SNAP'],
      '--output-file SNAP: is the --snapshot file',
    ],
    [
      ['audit', '--example', '--save-snapshot', 'OUT', '--output-file', 'OUT'],
      '--output-file OUT: is the --save-snapshot file',
    ],
  ])(
    '%j: an output file that is an input or another output of the run is refused, exit 2',
    (args, message) => {
      const snap = writeJson('same-file-snap.json', example);
      const out = join(tmp, 'same-file-out.json');
      const r = runCli(args.map((a) => (a === 'SNAP' ? snap : a === 'OUT' ? out : a)));
      expect(r.code).toBe(2);
      expectOneLineError(r.stderr, `rampart: ${message.replace('SNAP', snap).replace('OUT', out)}`);
      expect(JSON.parse(readFileSync(snap, 'utf8'))).toEqual(example);
    },
  );

  // An authenticating proxy or emulator takes its user name and password in the URL: a CI log of the run must not
  // hold them. A closed local port: the run stops at the caller's identity, naming the endpoint.
  it.each([
    [['audit', '--endpoint-url', 'http://ci:s3cr3t-pw@127.0.0.1:9', '-q'], {}],
    [['admins', '-q'], { AWS_ENDPOINT_URL: 'http://ci:s3cr3t-pw@127.0.0.1:9' }],
    [['audit', '--endpoint-url', 'ftp://ci:s3cr3t-pw@127.0.0.1:9'], {}],
  ])('%j: a password in the endpoint URL is never printed', (args, extra) => {
    const r = runCli(args, {
      env: cleanEnv({
        AWS_ACCESS_KEY_ID: 'AKIAFAKE',
        AWS_SECRET_ACCESS_KEY: 'fake',
        AWS_REGION: 'us-east-1',
        ...extra,
      }),
    });
    expect(r.code).toBe(2);
    expectOneLineError(r.stderr, /^rampart: .*(http|ftp):\/\/\*\*\*@127\.0\.0\.1:9/);
    expect(r.stderr + r.stdout).not.toContain('s3cr3t');
  });

  // An empty --profile or --region (`--profile "$PROFILE"` with PROFILE unset) must not fall back to AWS_PROFILE,
  // AWS_REGION or the default: that would audit another account or region than the one asked for.
  it.each([
    [['audit', '--profile', ''], '--profile'],
    [['audit', '--region='], '--region'],
    [['admins', '--profile', ' '], '--profile'],
    [['collect', '--region', ''], '--region'],
  ])('%j: an empty profile or region is a usage error naming the flag, not the environment', (args, flag) => {
    const config = writeJson('config', '[profile dev]\nregion = eu-west-1\n');
    const env = cleanEnv({
      AWS_CONFIG_FILE: config,
      AWS_PROFILE: 'dev',
      AWS_REGION: 'eu-west-1',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    });
    const r = runCli(args, { env });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expectOneLineError(r.stderr, new RegExp(`^rampart: ${flag}: expected .*, got an empty value$`));
  });

  it('rejects an unknown profile', () => {
    const config = writeJson('config', '[profile dev]\nregion = eu-west-1\n');
    const r = runCli(['audit', '--profile', 'prod'], { env: cleanEnv({ AWS_CONFIG_FILE: config }) });
    expect(r.code).toBe(2);
    expectOneLineError(r.stderr, /--profile: profile 'prod' is not in .*config/);
  });

  it('rejects a region typo and suggests the right one', () => {
    const r = runCli(['audit', '--region', 'us-est-1']);
    expect(r.code).toBe(2);
    expectOneLineError(r.stderr, /--region: 'us-est-1' is not an AWS region \(did you mean us-east-1\?\)/);
  });

  it('reads AWS_DEFAULT_REGION, which the SDK ignores', () => {
    const r = runCli(['audit'], { env: cleanEnv({ AWS_DEFAULT_REGION: 'eu-wst-1' }) });
    expect(r.code).toBe(2);
    expectOneLineError(r.stderr, /AWS_DEFAULT_REGION: 'eu-wst-1' is not an AWS region/);
  });

  it('rejects a malformed AWS_ENDPOINT_URL_<SERVICE> before any AWS call', () => {
    const env = cleanEnv({ AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_STS: 'localhost:5000' });
    const r = runCli(['audit'], { env });
    expect(r.code).toBe(2);
    expectOneLineError(
      r.stderr,
      /^rampart: AWS_ENDPOINT_URL_STS: 'localhost:5000' is not an http\(s\) URL; expected an http\(s\) URL/,
    );
  });

  it('explains missing credentials', () => {
    const r = runCli(['audit', '--region', 'us-east-1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/rampart: no AWS credentials found/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('names the profile whose credential_process failed, with its first error line', () => {
    const script = join(tmp, 'failing-helper.sh');
    writeFileSync(script, '#!/bin/sh\necho "helper: session expired, run helper login" >&2\nexit 1\n');
    chmodSync(script, 0o700);
    const config = writeJson(
      'process-config',
      `[profile ci]\nregion = us-east-1\ncredential_process = ${script}\n[profile off]\ncredential_process = false\n`,
    );
    const env = cleanEnv({
      AWS_CONFIG_FILE: config,
      AWS_SHARED_CREDENTIALS_FILE: writeJson('empty-credentials', ''),
      // Never AWS: were credentials found, the call would go nowhere.
      AWS_ENDPOINT_URL: 'http://127.0.0.1:1',
    });
    const failed = runCli(['audit', '--profile', 'ci'], { env });
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(
      /^rampart: profile 'ci': its credential_process failed: helper: session expired, run helper login$/m,
    );
    expect(failed.stderr).not.toMatch(/no AWS credentials|\n\s+at /);
    const silent = runCli(['audit', '--profile', 'off', '--region', 'us-east-1'], { env });
    expect(silent.code).toBe(2);
    expect(silent.stderr).toMatch(
      /^rampart: profile 'off': its credential_process failed \(no error output\)$/m,
    );
  });

  it('tells the user to run aws sso login when the SSO token is missing', () => {
    const config = writeJson(
      'sso-config',
      [
        '[profile sso]',
        'sso_session = corp',
        'sso_account_id = 111122223333',
        'sso_role_name = ReadOnly',
        'region = us-east-1',
        '[sso-session corp]',
        'sso_start_url = https://example.awsapps.com/start',
        'sso_region = us-east-1',
        '',
      ].join('\n'),
    );
    const r = runCli(['audit', '--profile', 'sso'], {
      env: cleanEnv({ AWS_CONFIG_FILE: config, HOME: tmp }),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/aws sso login --profile sso/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--help lists the commands and exits 0', () => {
    const r = runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/audit/);
    expect(r.stdout).toMatch(/collect/);
  });
});
