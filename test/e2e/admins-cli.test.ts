import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

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
