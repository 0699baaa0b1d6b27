import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/checks/registry.js';
import { closest } from '../../src/config/suggest.js';
import { ROOT, runCli } from './run-cli.js';

/** A fresh directory that is its own repository root, so no config above it is picked up. */
function project(config?: unknown, name = 'rampart.config.json'): string {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-config-e2e-'));
  mkdirSync(join(dir, '.git'));
  if (config !== undefined)
    writeFileSync(join(dir, name), typeof config === 'string' ? config : JSON.stringify(config, null, 2));
  return dir;
}

/** Exit 2 and exactly one line on stderr, no stack trace. */
function expectConfigError(r: { code: number; stdout: string; stderr: string }, line: string): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trim().split('\n')).toEqual([line]);
}

describe('rampart audit with a config file (built CLI)', () => {
  it('refuses a bad threshold with the file, the field and what was expected', () => {
    const cwd = project({ thresholds: { unusedCredentialDays: '45' } });
    expectConfigError(
      runCli(['audit', '--example'], { cwd }),
      'rampart: rampart.config.json: thresholds.unusedCredentialDays: expected a positive integer, got "45"',
    );
  });

  it('refuses a suppression of an unknown check id, naming the closest ids', () => {
    const cwd = project({ suppressions: [{ check: 'root-mfa', resource: '*', reason: 'later' }] });
    expectConfigError(
      runCli(['audit', '--example'], { cwd }),
      `rampart: rampart.config.json: suppressions[0].check: unknown check id "root-mfa" (closest: ${closest(
        'root-mfa',
        CHECKS.map((c) => c.id),
      ).join(', ')}); see \`rampart checks\``,
    );
  });

  it('refuses an attestation for a check that is not manual, while a suppression of it is fine', () => {
    const entry = { check: 'root-mfa-enabled', by: 'jane@example.com', date: '2026-01-01', note: 'n' };
    const manual = CHECKS.filter((c) => c.attestable).map((c) => c.id);
    expectConfigError(
      runCli(['audit', '--example'], { cwd: project({ attestations: [entry] }) }),
      `rampart: rampart.config.json: attestations[0].check: "root-mfa-enabled" is not a manual check: only ${manual.join(', ')} take attestations (to accept a finding of another check, use "suppressions")`,
    );
    const suppressed = {
      suppressions: [{ check: 'root-mfa-enabled', resource: '*', reason: 'token ordered' }],
    };
    expect(runCli(['audit', '--example', '--fail-on', 'none'], { cwd: project(suppressed) }).code).toBe(0);
  });

  it('refuses an invalid expiry date', () => {
    const cwd = project({
      suppressions: [{ check: 'root-mfa-enabled', resource: '*', reason: 'later', expires: '2026-13-01' }],
    });
    expectConfigError(
      runCli(['audit', '--example'], { cwd }),
      'rampart: rampart.config.json: suppressions[0].expires: expected a real date written YYYY-MM-DD, got "2026-13-01"',
    );
  });

  it('refuses a typo in a key, a missing --config file and invalid JSON', () => {
    expectConfigError(
      runCli(['audit', '--example'], { cwd: project({ supressions: [] }) }),
      'rampart: rampart.config.json: supressions: unknown field (did you mean "suppressions"?)',
    );
    expectConfigError(
      runCli(['audit', '--example', '--config', 'nope.json'], { cwd: project() }),
      'rampart: nope.json: no such file',
    );
    expectConfigError(
      runCli(['audit', '--example', '--config', 'my.json'], {
        cwd: project('{ "frameworks": [] ', 'my.json'),
      }),
      "rampart: my.json: not valid JSON: line 1, column 20: Expected ',' or '}' after property value (JSON only: no comments, no trailing commas)",
    );
  });

  it('suppresses findings, reports expired and unused suppressions and attestations, and exits on what is left', () => {
    // Whatever the catalog holds, the example account fails some checks: suppress every one of them.
    const plain = JSON.parse(
      runCli(['audit', '--example', '--output', 'json'], { cwd: project() }).stdout,
    ) as {
      findings: { checkId: string; status: string }[];
    };
    // The attestation makes this manual check pass: it is left out of the suppressions.
    const attested = 'root-credentials-stored-safely';
    const open = plain.findings.filter(
      (f) => ['fail', 'error', 'manual'].includes(f.status) && f.checkId !== attested,
    );
    expect(plain.findings.find((f) => f.checkId === attested)?.status).toBe('manual');
    const failing = [...new Set(open.map((f) => f.checkId))].filter(
      (id) => id !== 'root-access-keys-absent' && id !== 'root-mfa-enabled',
    );
    expect(failing).toContain('iam-password-policy');
    const cwd = project({
      suppressions: [
        { check: 'root-access-keys-absent', resource: 'root', reason: 'keys go next week', owner: 'jane' },
        {
          check: 'root-mfa-enabled',
          resource: 'arn:aws:iam::*:root',
          reason: 'token on order',
          expires: '2099-01-01',
        },
        ...failing.map((check) => ({ check, resource: '*', reason: `accepted ${check}` })),
        // This one expired: it suppresses nothing and is reported.
        { check: 'iam-password-policy', resource: '*', reason: 'old decision', expires: '2020-01-01' },
        { check: 'iam-groups-grant-permissions', resource: 'user/nobody', reason: 'stale' },
      ],
      attestations: [
        {
          check: attested,
          by: 'Jane Doe',
          date: '2026-01-15',
          note: 'Token serial 1234 in the safe',
        },
      ],
    });
    const table = runCli(['audit', '--example'], { cwd });
    expect(table.stderr).toContain('Using config rampart.config.json');
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('No findings need attention.');
    expect(table.stdout).toContain(`${open.length} finding(s) suppressed:`);
    expect(table.stdout).toContain('root-access-keys-absent root: keys go next week (owner jane)');
    expect(table.stdout).toContain('root-mfa-enabled root: token on order (until 2099-01-01)');
    expect(table.stdout).toContain('1 suppression(s) expired and no longer apply (renew or remove them):');
    expect(table.stdout).toContain('iam-password-policy *: expired 2020-01-01; 1 finding(s) count again');
    expect(table.stdout).toContain('1 suppression(s) matched no open finding (fixed? remove them):');
    expect(table.stdout).toContain('iam-groups-grant-permissions user/nobody: stale');
    expect(table.stdout).toContain(`${attested}: by Jane Doe on 2026-01-15`);
    expect(table.stdout).toContain('Token serial 1234 in the safe');

    const json = runCli(['audit', '--example', '--output', 'json'], { cwd });
    const report = JSON.parse(json.stdout) as {
      findings: { checkId: string; status: string; suppressed?: { reason: string } }[];
      summary: { suppressed: number; fail: number; error: number; manual: number };
      suppressions: {
        applied: number;
        expired: { check: string; matches: number }[];
        unused: { check: string }[];
      };
      attestations: { checkId: string; expired: boolean }[];
    };
    expect(report.summary.suppressed).toBe(open.length);
    expect(report.summary.fail + report.summary.error + report.summary.manual).toBe(0);
    expect(report.findings.find((f) => f.checkId === 'iam-password-policy')?.suppressed).toEqual({
      reason: 'accepted iam-password-policy',
    });
    expect(report.suppressions.applied).toBe(open.length);
    expect(report.suppressions.expired.map((s) => [s.check, s.matches])).toEqual([
      ['iam-password-policy', 1],
    ]);
    expect(report.suppressions.unused.map((s) => s.check)).toEqual(['iam-groups-grant-permissions']);
    expect(report.attestations).toEqual([
      {
        checkId: attested,
        by: 'Jane Doe',
        date: '2026-01-15',
        note: 'Token serial 1234 in the safe',
        expired: false,
      },
    ]);
  });

  it('an expired suppression stops suppressing: the finding fails the run again', () => {
    const cwd = project({
      suppressions: [
        { check: 'root-access-keys-absent', resource: '*', reason: 'later', expires: '2020-01-01' },
      ],
    });
    const r = runCli(['audit', '--example', '--fail-on', 'critical'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/CRITICAL \(\d\)\n {2}✘ root-access-keys-absent/);
    expect(r.stdout).toContain('suppression(s) expired and no longer apply');
  });

  it('applies check selection and frameworks, and --checks overrides the selection', () => {
    const cwd = project({
      checks: { exclude: ['root-access-keys-absent', 'iam-password-policy'] },
      frameworks: ['security-hub'],
    });
    const report = JSON.parse(runCli(['audit', '--example', '--output', 'json'], { cwd }).stdout) as {
      findings: { checkId: string }[];
      securityStatus: { id: string }[];
      checks: Record<string, { controls: Record<string, string[]> }>;
      frameworks: string[];
    };
    const ran = new Set(report.findings.map((f) => f.checkId));
    expect(ran.has('root-access-keys-absent')).toBe(false);
    expect(ran.has('iam-password-policy')).toBe(false);
    expect(ran.has('root-mfa-enabled')).toBe(true);
    expect(report.securityStatus.map((s) => s.id)).not.toContain('root-access-keys-absent');
    expect(report.frameworks).toEqual(['security-hub']);
    expect(report.checks['root-mfa-enabled']?.controls).toEqual({ securityHub: ['IAM.9'] });

    const only = JSON.parse(
      runCli(['audit', '--example', '--output', 'json', '--checks', 'iam-password-policy'], { cwd }).stdout,
    ) as { findings: { checkId: string }[] };
    expect([...new Set(only.findings.map((f) => f.checkId))]).toEqual(['iam-password-policy']);
  });

  it('finds the config from a subdirectory and takes --config relative to the working directory', () => {
    const cwd = project({ checks: { include: ['root-mfa-enabled'] } });
    mkdirSync(join(cwd, 'infra'));
    const fromSub = JSON.parse(
      runCli(['audit', '--example', '-o', 'json'], { cwd: join(cwd, 'infra') }).stdout,
    ) as {
      findings: { checkId: string }[];
    };
    expect(fromSub.findings.map((f) => f.checkId)).toEqual(['root-mfa-enabled']);

    const other = project();
    writeFileSync(join(other, 'alt.json'), JSON.stringify({ checks: { include: ['iam-password-policy'] } }));
    const r = runCli(['audit', '--example', '-o', 'json', '--config', 'alt.json'], { cwd: other });
    expect(
      (JSON.parse(r.stdout) as { findings: { checkId: string }[] }).findings.map((f) => f.checkId),
    ).toEqual(['iam-password-policy']);
    expect(r.stderr).toContain('Using config alt.json');
  });
});

describe('rampart checks and rampart explain (built CLI)', () => {
  it('lists the catalog as a table and as JSON', () => {
    const table = runCli(['checks'], { cwd: project() });
    expect(table.code).toBe(0);
    for (const c of CHECKS) expect(table.stdout).toContain(c.id);
    const json = runCli(['checks', '--output', 'json'], { cwd: project() });
    expect((JSON.parse(json.stdout) as { id: string }[]).map((c) => c.id)).toEqual(CHECKS.map((c) => c.id));
  });

  it('explains a check from the docs shipped with the package, from any directory', () => {
    const r = runCli(['explain', 'iam-password-policy'], { cwd: project() });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('## How it is evaluated');
    expect(r.stdout).toContain('## References');
    expect(r.stdout).toContain('reads: passwordPolicy\n');
    // An admin check reads what the shared admin analysis reads (what a live --checks run collects).
    const admins = runCli(['explain', 'iam-admins-have-mfa'], { cwd: project() });
    expect(admins.stdout).toContain(
      'reads: credentialReport, authorizationDetails, organization (optional), serviceControlPolicies (optional), resourceControlPolicies (optional)\n',
    );
  });

  it('answers an unknown id with the closest ids and exit 2', () => {
    const r = runCli(['explain', 'iam-password-polcy'], { cwd: project() });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /^rampart: unknown check id 'iam-password-polcy' \(closest: iam-password-policy[,)]/,
    );
  });

  it('the bundled example config is accepted by audit, checks and explain', () => {
    const config = join(ROOT, 'examples', 'rampart.config.json');
    const r = runCli(['audit', '--example', '--config', config, '--output', 'json', '--fail-on', 'none']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { attestations: { checkId: string }[] };
    expect(report.attestations.map((a) => a.checkId)).toEqual(['root-credentials-stored-safely']);
    expect(runCli(['checks', '--config', config]).code).toBe(0);
    expect(runCli(['explain', 'root-mfa-enabled', '--config', config]).code).toBe(0);
  });
});

describe('check selection edge cases (built CLI)', () => {
  it('refuses a selection that leaves nothing to run', () => {
    const cwd = project({ checks: { include: ['root-mfa-enabled'], exclude: ['root-mfa-enabled'] } });
    expectConfigError(
      runCli(['audit', '--example'], { cwd }),
      'rampart: rampart.config.json: checks: selects no check at all (include minus exclude is empty)',
    );
  });

  it('refuses an unknown id in --checks', () => {
    const r = runCli(['audit', '--example', '--checks', 'root-mfa-enabled,nope'], { cwd: project() });
    expectConfigError(r, "rampart: --checks: unknown check id 'nope'; see `rampart checks`");
  });

  it('names the closest ids of a misspelt one in --checks, as the config and `rampart explain` do', () => {
    const r = runCli(['audit', '--example', '--checks', 'iam-password-polcy'], { cwd: project() });
    expectConfigError(
      r,
      "rampart: --checks: unknown check id 'iam-password-polcy' (closest: iam-password-policy, iam-password-policy-max-age); see `rampart checks`",
    );
  });
});
