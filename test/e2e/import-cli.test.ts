import {
  mkdtempSync,
  readFileSync,
  statSync,
  writeFileSync,
  mkdirSync,
  copyFileSync,
  readdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './run-cli.js';

const exports = join(ROOT, 'test', 'fixtures', 'aws-cli-export');
const tmp = mkdtempSync(join(tmpdir(), 'rampart-import-'));

/** A copy of the sample exports (JSON only) with some files renamed: `{ from: to }`. */
function exportCopy(name: string, renames: Record<string, string>): string {
  const dir = join(tmp, name);
  mkdirSync(dir);
  for (const f of readdirSync(exports)) {
    if (f.endsWith('.json')) copyFileSync(join(exports, f), join(dir, renames[f] ?? f));
  }
  return dir;
}

describe('rampart import DIR', () => {
  it('builds a 0600 snapshot from AWS CLI exports that audits offline', () => {
    const out = join(tmp, 'snap.json');
    const r = runCli(['import', exports, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(r.stderr).toContain(`rampart audit --snapshot ${out}`);
    const snap = JSON.parse(readFileSync(out, 'utf8')) as { meta: { source: string } };
    expect(snap.meta.source).toBe('import');

    const audit = runCli(['audit', '--snapshot', out, '--output', 'json', '--fail-on', 'none']);
    const report = JSON.parse(audit.stdout) as { source: string; securityStatus: { status: string }[] };
    expect(report.source).toBe('snapshot');
    expect(report.securityStatus.map((s) => s.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
    // The bundled export holds every slice: none is skipped.
    expect(r.stderr).not.toContain('had no export');

    // The checks on the alerting, Access Analyzer, billing, certificate and root-history exports evaluate (they pass here).
    const ids = ['root-usage-alarm', 'iam-access-analyzer-enabled', 'billing-budget-alert', 'billing-cost-and-usage-report', 'iam-expired-server-certificates', 'root-sign-ins']; // prettier-ignore
    const some = runCli(['audit', '--snapshot', out, '--output', 'json', '--checks', ids.join(',')]);
    expect(some.code).toBe(0);
    const findings = (JSON.parse(some.stdout) as { findings: { checkId: string; status: string }[] })
      .findings;
    expect(new Set(findings.map((f) => f.checkId))).toEqual(new Set(ids));
    expect(new Set(findings.map((f) => f.status))).toEqual(new Set(['pass']));
  });

  it('a missing export becomes a skipped slice, and its checks report error (exit 3), never pass', () => {
    const dir = join(tmp, 'partial');
    mkdirSync(dir);
    for (const f of readdirSync(exports)) {
      if (f !== 'get-account-password-policy.json' && f.endsWith('.json'))
        copyFileSync(join(exports, f), join(dir, f));
    }
    const out = join(tmp, 'partial.json');
    const imported = runCli(['import', dir, '--out', out, '--quiet']);
    expect(imported.code).toBe(0);
    // A warning even with --quiet: the skipped slice's checks will not be evaluated.
    expect(imported.stderr).toMatch(
      /^warning: 1 slice\(s\) had no export and were skipped .*passwordPolicy/m,
    );
    const audit = runCli(['audit', '--snapshot', out, '--output', 'json', '--checks', 'iam-password-policy']);
    expect(audit.code).toBe(3);
    const report = JSON.parse(audit.stdout) as { findings: { status: string; message: string }[] };
    expect(report.findings[0]?.status).toBe('error');
    expect(report.findings[0]?.message).toContain('get-account-password-policy.json');
  });

  it('an export without the managed policies (--filter User Role Group): the admin checks end in error, and audit says why', () => {
    const dir = exportCopy('no-policies', {});
    const file = join(dir, 'get-account-authorization-details.json');
    const details = JSON.parse(readFileSync(file, 'utf8')) as { Policies: unknown[] };
    details.Policies = [];
    writeFileSync(file, JSON.stringify(details));
    const out = join(tmp, 'no-policies.json');
    expect(runCli(['import', dir, '--out', out, '--quiet']).code).toBe(0);
    const missing = 'arn:aws:iam::aws:policy/AdministratorAccess is attached but not in the export';

    const table = runCli(['audit', '--snapshot', out, '--fail-on', 'none']);
    expect(table.code).toBe(3);
    expect(table.stdout).toContain(`warning: Policy ${missing}`);
    expect(table.stdout).toContain('Admins (0, incomplete)');

    const json = runCli(['audit', '--snapshot', out, '--output', 'json', '--fail-on', 'none']);
    expect(json.code).toBe(3);
    expect(json.stderr).toContain(`warning: Policy ${missing}`);
    const report = JSON.parse(json.stdout) as {
      warnings?: string[];
      findings: { checkId: string; status: string; message: string }[];
    };
    expect(report.warnings?.some((w) => w.includes(missing))).toBe(true);
    for (const id of ['iam-admins-inventory', 'iam-admins-have-mfa', 'iam-no-full-admin-policies']) {
      const mine = report.findings.filter((f) => f.checkId === id);
      expect(
        mine.map((f) => f.status),
        id,
      ).toEqual(['error']);
      expect(mine[0]?.message, id).toContain('arn:aws:iam::123456789012:policy/DenyWithoutMfa');
    }
  });

  it.each([
    ['an unreadable directory', () => join(tmp, 'nope'), /nope: no such directory/],
    [
      'a truncated credential report CSV',
      () => {
        const dir = join(tmp, 'truncated');
        mkdirSync(dir, { recursive: true });
        copyFileSync(join(exports, 'get-caller-identity.json'), join(dir, 'get-caller-identity.json'));
        writeFileSync(
          join(dir, 'credential-report.csv'),
          'user,arn,user_creation_time,password_enabled\n<root_account>,arn:aws:iam::123456789012:root,2026',
        );
        return dir;
      },
      /credential-report\.csv/,
    ],
    [
      'a regional export named for a region that does not exist',
      () => exportCopy('region-typo', { 'list-rules.us-east-1.json': 'list-rules.us-east-9.json' }),
      /list-rules\.us-east-9\.json: 'us-east-9' is not an AWS region \(did you mean us-east-1\?\); expected list-rules\.<region>\.json/,
    ],
    [
      'a known export name in another case',
      () => exportCopy('misspelt', { 'get-credential-report.json': 'Get-Credential-Report.json' }),
      /Get-Credential-Report\.json: not a file rampart import reads; did you mean get-credential-report\.json\?/,
    ],
    [
      'invalid JSON',
      () => {
        const dir = join(tmp, 'badjson');
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'get-account-summary.json'), '{"SummaryMap": ');
        return dir;
      },
      /get-account-summary\.json/,
    ],
  ])('rejects %s with one line and exit 2', (_name, dir, message) => {
    const r = runCli(['import', dir(), '--out', join(tmp, 'x.json')]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });

  it('warns of a file it does not read, naming it, even with --quiet', () => {
    const dir = exportCopy('extra', {});
    writeFileSync(join(dir, 'notes.txt'), 'exported on Monday\n');
    const r = runCli(['import', dir, '--out', join(tmp, 'extra.json'), '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `warning: ${join(dir, 'notes.txt')}: not an export rampart import reads; ignored (file names: docs/import.md)\n`,
    );
  });
});
