import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, ROOT, cleanEnv, runCli } from './run-cli.js';

const EXPORT = 'test/fixtures/iam-vulnerable/example.json';

describe('rampart admins --snapshot (built CLI)', () => {
  it('reads a raw get-account-authorization-details export as well as a snapshot', () => {
    const r = runCli(['admins', '--snapshot', EXPORT, '--output', 'json']);
    // The export holds no credential report: MFA and last use are unknown, and said so.
    const warning = `warning: The credential report is not in this snapshot (${EXPORT} holds only the authorization details): admin users' MFA devices and last use are unknown.\n`;
    expect(r.stderr).toBe(warning);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { accountId: string; admins: { principal: string }[] };
    expect(out.accountId).toBe('200611803367');
    // 85, and MyRole and MyOtherRole: iam:PassRole with ec2:AssociateIamInstanceProfile on any resource can attach
    // the admin privesc-high-priv-service-role's instance profile to an instance (ec2-associate-instance-profile).
    expect(out.admins.length).toBe(87);
    expect(out.admins.some((a) => a.principal.endsWith(':user/privesc1-CreateNewPolicyVersion-user'))).toBe(
      true,
    );
  });

  it('still reads snapshots, and says what is wrong with other JSON', () => {
    const r = runCli(['admins', '--snapshot', 'test/fixtures/snapshots/messy.json', '--output', 'json']);
    expect(r.code).toBe(0);
    const bad = runCli(['admins', '--snapshot', 'package.json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/package\.json: not a Rampart snapshot/);
  });
});

describe('rampart admins piped into a reader that stops early', () => {
  it('stops quietly when the reader closes the pipe before reading (no stack trace)', () => {
    // `true` exits without reading: every write of the CLI meets a closed pipe (EPIPE).
    const script = `node "${CLI}" admins --snapshot ${EXPORT} --output json | true; exit \${PIPESTATUS[0]}`;
    const r = spawnSync('bash', ['-c', script], { cwd: ROOT, env: cleanEnv(), encoding: 'utf8' });
    // Only the warning that the export has no credential report; no EPIPE, no stack trace.
    expect(r.stderr).toMatch(/^warning: The credential report is not in this snapshot [^\n]*\n$/);
    expect(r.status).toBe(0);
  });
});

describe('rampart admins --since (built CLI)', () => {
  const MESSY = 'test/fixtures/snapshots/messy.json';
  const dir = mkdtempSync(join(tmpdir(), 'rampart-since-'));
  const write = (name: string, body: unknown) => {
    const file = join(dir, name);
    writeFileSync(file, typeof body === 'string' ? body : JSON.stringify(body));
    return file;
  };
  const current = JSON.parse(runCli(['admins', '--snapshot', MESSY, '--output', 'json']).stdout) as {
    accountId: string;
    admins: { principal: string; name: string; tier: string; access: string; type: string }[];
  };

  it('compares with an earlier admins JSON: new, stronger, weaker and gone admins, exit 1', () => {
    // Last week: DbaAdmin was not there, VendorAudit could only escalate, ci-jenkins was admin through a
    // role, and a user who has since left was full admin.
    const before = current.admins
      .filter((a) => a.name !== 'DbaAdmin')
      .map((a) =>
        a.name === 'VendorAudit' ? { ...a, tier: 'potential' } : a.name === 'ci-jenkins' ? { ...a, tier: 'via-role' } : a,
      ); // prettier-ignore
    before.push({ principal: 'arn:aws:iam::444455556666:user/former', type: 'user', name: 'former', tier: 'full', access: 'unconditional' }); // prettier-ignore
    const file = write('last-week.json', { ...current, admins: before });

    const table = runCli(['admins', '--snapshot', MESSY, '--since', file]);
    expect(table.code).toBe(1);
    expect(table.stdout).toContain(
      `Changes since ${file}: 1 new, 1 stronger, 1 weaker, 1 gone (11 unchanged)`,
    );
    expect(table.stdout).toMatch(/new +user +DbaAdmin .*full admin, no MFA needed/);
    expect(table.stdout).toMatch(
      /stronger +role +VendorAudit .*can escalate to admin, no MFA needed -> full admin/,
    );
    expect(table.stdout).toMatch(
      /weaker +user +ci-jenkins .*admin through a role, no MFA needed -> can escalate/,
    );
    expect(table.stdout).toMatch(/gone +user +former .*no longer admin \(was full admin/);

    const json = runCli(['admins', '--snapshot', MESSY, '--since', file, '--output', 'json']);
    expect(json.code).toBe(1);
    const out = JSON.parse(json.stdout) as { changes: { since: string; unchanged: number; changes: { change: string; name: string }[] } }; // prettier-ignore
    expect(out.changes.since).toBe(file);
    expect(out.changes.unchanged).toBe(11);
    expect(out.changes.changes.map((c) => `${c.change}:${c.name}`)).toEqual([
      'new:DbaAdmin',
      'stronger:VendorAudit',
      'weaker:ci-jenkins',
      'gone:former',
    ]);

    // --tier narrows the changes too (a change counts when its tier before or after is selected).
    const full = runCli([
      'admins',
      '--snapshot',
      MESSY,
      '--since',
      file,
      '--tier',
      'full',
      '--output',
      'json',
    ]);
    const kept = (JSON.parse(full.stdout) as typeof out).changes.changes.map((c) => c.name);
    expect(kept).toEqual(['DbaAdmin', 'VendorAudit', 'former']);
    // --principal: that principal's change alone, and the count of the listed admins left unchanged.
    const one = runCli(['admins', '--snapshot', MESSY, '--since', file, '--principal', 'admin']);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain(`No change since ${file} (1 unchanged).`);
    // A principal deleted since is named by its name or ARN in the earlier run: its change is what there is.
    for (const name of ['former', 'arn:aws:iam::444455556666:user/former']) {
      const gone = runCli([
        'admins',
        '--snapshot',
        MESSY,
        '--since',
        file,
        '--principal',
        name,
        '--output',
        'json',
      ]);
      expect(gone.code, gone.stderr).toBe(0);
      const got = JSON.parse(gone.stdout) as typeof out & { admins: unknown[]; notAdmin?: string[] };
      expect(got.admins).toEqual([]);
      expect(got.notAdmin ?? []).toEqual([]);
      expect(got.changes.changes.map((c) => `${c.change}:${c.name}`)).toEqual(['gone:former']);
    }
    expect(runCli(['admins', '--snapshot', MESSY, '--since', file, '--principal', 'former']).stdout).toMatch(
      /gone +user +former .*no longer admin \(was full admin[^]*arn:aws:iam::444455556666:user\/former is no longer in the account \(it was an admin in the --since run\)\.\n$/,
    );
    const unknown = runCli(['admins', '--snapshot', MESSY, '--since', file, '--principal', 'nobody-at-all']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /^rampart: --principal: no user, group or role named 'nobody-at-all' \(name or ARN\) in the snapshot or among the admins of the --since run/,
    );
  });

  it('says nothing changed, exit 0, for the same run; also from an audit JSON report or a snapshot', () => {
    const same = write('same.json', current);
    const r = runCli(['admins', '--snapshot', MESSY, '--since', same]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`No change since ${same}: the same 14 users, groups and roles are admin`);
    const audit = write('audit.json', runCli(['audit', '--snapshot', MESSY, '--output', 'json', '--fail-on', 'none']).stdout); // prettier-ignore
    expect(runCli(['admins', '--snapshot', MESSY, '--since', audit]).stdout).toContain('No change since');
    expect(runCli(['admins', '--snapshot', MESSY, '--since', MESSY]).stdout).toContain('No change since');
    // An account with no admin, then and now.
    const none = write('none.json', runCli(['admins', '--example', '--output', 'json']).stdout);
    expect(runCli(['admins', '--example', '--since', none]).stdout).toContain(
      `No change since ${none}: still no user, group or role is admin or can become one.`,
    );
  });

  it('refuses another account, a file that is none of these, a bad entry, and CSV: one line, exit 2', () => {
    const other = write('other.json', { ...current, accountId: '999999999999' });
    // The snapshot of a narrowed audit (`audit --checks root-mfa-enabled --save-snapshot`): no authorization details.
    const messy = JSON.parse(readFileSync(join(ROOT, MESSY), 'utf8')) as { slices: Record<string, unknown> };
    messy.slices.authorizationDetails = { status: 'skipped', reason: 'not selected' };
    const narrow = write('narrow.json', messy);
    const cases: [string[], RegExp][] = [
      [['--since', other], /--since .*other\.json: it is of account 999999999999, this run is of account 444455556666/],
      [['--since', 'package.json'], /--since package\.json: expected the JSON of `rampart admins --output json`/],
      [['--since', join(dir, 'missing.json')], /--since .*missing\.json: no such file/],
      [['--since', write('broken.json', '{')], /--since .*broken\.json: not valid JSON/],
      [['--since', write('bad.json', { admins: [{ ...current.admins[0], tier: 'god' }] })], /--since .*bad\.json: admins\.0\.tier|admins\[0\]\.tier/],
      [['--since', MESSY, '--output', 'csv'], /--since: works with --output table or json/],
      [['--since', write('audit.json', { schemaVersion: 1, account: { id: '444455556666' }, findings: [] })], /--since .*audit\.json: an audit report without the admins list/],
      [['--since', narrow], /--since .*narrow\.json: a snapshot without the authorization details \(not selected\)/],
    ]; // prettier-ignore
    for (const [args, message] of cases) {
      const r = runCli(['admins', '--snapshot', MESSY, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(
        r.stderr
          .trim()
          .split('\n')
          .filter((l) => !l.startsWith('warning:')),
      ).toHaveLength(1);
    }
  });
});
