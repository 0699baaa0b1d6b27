import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { CLI, ROOT, cleanEnv, runCli } from './run-cli.js';

const EXPORT = 'test/fixtures/iam-vulnerable/example.json';

describe('rampart admins --snapshot (built CLI)', () => {
  it('reads a raw get-account-authorization-details export as well as a snapshot', () => {
    const r = runCli(['admins', '--snapshot', EXPORT, '--output', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { accountId: string; admins: { principal: string }[] };
    expect(out.accountId).toBe('200611803367');
    expect(out.admins.length).toBe(85);
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
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
