import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, runCli } from './run-cli.js';

/** A fresh directory that is its own repository root, with this rampart.config.json. */
function project(config: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-harden-e2e-'));
  mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, 'rampart.config.json'), JSON.stringify(config, null, 2));
  return dir;
}

// No AWS endpoint answers here: each refusal must come before any AWS call.
const env = cleanEnv({
  AWS_ACCESS_KEY_ID: 'AKIAFAKE',
  AWS_SECRET_ACCESS_KEY: 'fake',
  AWS_REGION: 'us-east-1',
});
const harden = (args: string[], cwd: string) =>
  runCli(['harden', ...args, '--endpoint-url', 'http://127.0.0.1:9'], { cwd, env });

function expectOneLine(r: { code: number; stdout: string; stderr: string }, line: string): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trim().split('\n')).toEqual([line]);
}

describe('rampart harden inputs from flags and rampart.config.json (built CLI)', () => {
  const standard = { namingStandard: { preset: 'company-id', companyPrefix: 'SF' } };

  it('refuses an --admin-user outside the configured naming standard: one line naming the flag and pattern', () => {
    expectOneLine(
      harden(['--admin-user', 'JSmith'], project(standard)),
      "rampart: --admin-user: 'JSmith' does not follow the naming standard company-id: expected ^SF\\d{3,8}$, like SF1234 (companyPrefix + id)",
    );
  });

  it('refuses a config harden.adminUser outside the standard, naming the file and field', () => {
    expectOneLine(
      harden([], project({ ...standard, harden: { adminUser: 'JSmith' } })),
      "rampart: rampart.config.json: harden.adminUser: 'JSmith' does not follow the naming standard company-id: expected ^SF\\d{3,8}$, like SF1234 (companyPrefix + id)",
    );
  });

  it('refuses a bad harden section with the field named (exit 2)', () => {
    expectOneLine(
      harden([], project({ harden: { securityEmail: 'not-an-address' } })),
      "rampart: rampart.config.json: harden.securityEmail: 'not-an-address' is not an email address",
    );
  });

  it('a bad flag is named even when the config holds a good value for it', () => {
    const dir = project({ harden: { alias: 'acme-prod' } });
    expectOneLine(
      harden(['--alias', 'Acme'], dir),
      expect.stringMatching(/^rampart: --alias: 'Acme' may hold only/) as never,
    );
  });

  it('--config FILE names the file to read', () => {
    const dir = project({});
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ harden: { passwordMaxAgeDays: 0 } }));
    expectOneLine(
      harden(['--config', 'other.json'], dir),
      'rampart: other.json: harden.passwordMaxAgeDays: expected a whole number of days from 1 to 1095, got 0',
    );
  });

  it('refuses malformed --mfa-codes, and --mfa-codes without --apply', () => {
    const dir = project({});
    expectOneLine(
      harden(['--apply', '--yes', '--mfa-codes', '12345,654321'], dir),
      'rampart: --mfa-codes: expected two consecutive six-digit codes from the authenticator app, comma-separated, e.g. 123456,654321',
    );
    expectOneLine(
      harden(['--mfa-codes', '123456,654321'], dir),
      'rampart: --mfa-codes only makes sense with --apply',
    );
  });
});

describe('rampart apply PLAN refuses a plan file it cannot use (built CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-apply-e2e-'));
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return name;
  };
  mkdirSync(join(dir, 'plans'));
  const apply = (plan: string) =>
    runCli(['apply', plan, '--yes', '--endpoint-url', 'http://127.0.0.1:9'], { cwd: dir, env });

  it.each([
    ['a missing file', 'nope.json', 'rampart: nope.json: no such file'],
    [
      'a directory',
      'plans',
      'rampart: plans: is a directory, expected a plan JSON file (rampart harden --plan-out)',
    ],
    [
      'broken JSON',
      write('broken.json', '{"steps": ['),
      'rampart: broken.json: not valid JSON: it ends too early (unclosed { or [ ?)',
    ],
  ])('%s: one line naming the file, exit 2, before any AWS call', (_name, plan, line) => {
    expectOneLine(apply(plan), line);
  });

  it('JSON that is not a plan: names the file and the field', () => {
    const r = apply(write('report.json', '{"schemaVersion": 1, "findings": []}'));
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^rampart: report\.json: not a Rampart plan \(at \S+: /);
  });
});

describe('rampart rollback JOURNAL undoes in the region the journal records (built CLI)', () => {
  it('refuses a --region other than the journal\'s, before any AWS call', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-rollback-e2e-'));
    const begin = { type: 'begin', at: '2026-11-23T12:00:00Z', accountId: '123456789012', partition: 'aws', region: 'eu-west-1', tool: 'rampart test' };
    writeFileSync(join(dir, 'j.jsonl'), `${JSON.stringify(begin)}\n`);
    const r = runCli(['rollback', 'j.jsonl', '--yes', '--region', 'us-east-2', '--endpoint-url', 'http://127.0.0.1:9'], { cwd: dir, env });
    expectOneLine(r, 'rampart: --region us-east-2: j.jsonl records changes made in region eu-west-1; drop --region to undo them there');
  }); // prettier-ignore

  it('refuses a journal with a change kind no action makes: one line naming the file and record, before any AWS call', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-rollback-e2e-'));
    const begin = { type: 'begin', at: '2026-11-23T12:00:00Z', accountId: '123456789012', partition: 'aws', region: 'us-east-1', tool: 'rampart test' };
    const made = { type: 'change', at: '2026-11-23T12:00:01Z', action: 'iam-set-account-alias', change: { kind: 'alias-created', alias: 'acme' } };
    const odd = { type: 'change', at: '2026-11-23T12:00:02Z', action: 'iam-set-account-alias', change: { kind: 'alias-renamed', alias: 'acme' } };
    writeFileSync(join(dir, 'j.jsonl'), [begin, made, odd].map((r) => JSON.stringify(r)).join('\n') + '\n');
    const r = runCli(['rollback', 'j.jsonl', '--yes', '--endpoint-url', 'http://127.0.0.1:9'], { cwd: dir, env });
    expectOneLine(r, `rampart: ${join(dir, 'j.jsonl')}: record 3: change.kind 'alias-renamed' is not a change iam-set-account-alias makes (expected: alias-deleted, alias-created)`);
  }); // prettier-ignore
});
