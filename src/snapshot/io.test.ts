import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, parseSnapshot, writePrivateFile } from './io.js';

describe('writePrivateFile', () => {
  it('writes mode 0600, also over an existing file with wider permissions, text or bytes', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'rampart-io-')), 'secret.txt');
    await writeFile(file, 'old', { mode: 0o644 });
    await writePrivateFile(file, 'seed: ABC');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readFile(file, 'utf8')).toBe('seed: ABC');
    await writePrivateFile(file, Uint8Array.from([1, 2]));
    expect([...(await readFile(file))]).toEqual([1, 2]);
  });
});

describe('parseSnapshot', () => {
  const keep = 'keep a snapshot with rampart audit --save-snapshot FILE or rampart collect';
  it("names Rampart's own outputs given in place of a snapshot", () => {
    const report = { schemaVersion: 1, tool: {}, account: { id: '1' }, findings: [], summary: {} };
    expect(() => parseSnapshot(JSON.stringify(report), 'r.json')).toThrow(
      new InputError(`r.json is a Rampart report, not a snapshot; ${keep}`),
    );
    expect(() => parseSnapshot(JSON.stringify({ accountId: '1', admins: [] }), 'a.json')).toThrow(
      new InputError(`a.json is a rampart admins list, not a snapshot; ${keep}`),
    );
    expect(() => parseSnapshot('{"name": "x"}', 'p.json')).toThrow(
      'p.json: not a Rampart snapshot (no schemaVersion field)',
    );
  });

  // The import refuses these values (credential-report.ts); a snapshot edited by hand must not slip them past the
  // checks, which read anything but "true" as false and anything but a date as "never".
  it('checks the credential report values as the import does, naming the row, user and column', () => {
    const snap = JSON.parse(readFileSync('examples/fresh-account.json', 'utf8')) as {
      slices: { credentialReport: { data: { rows: Record<string, string>[] } } };
    };
    const rows = snap.slices.credentialReport.data.rows;
    const [first] = rows;
    if (!first) throw new Error('the example has a credential report');
    expect(() => parseSnapshot(JSON.stringify(snap), 's.json')).not.toThrow();
    first.mfa_active = 'yes';
    expect(() => parseSnapshot(JSON.stringify(snap), 's.json')).toThrow(
      new InputError(
        `s.json: invalid snapshot at slices.credentialReport.data.rows.0 (user ${first.user ?? ''}): mfa_active is 'yes'; expected true or false`,
      ),
    );
    first.mfa_active = 'TRUE';
    first.password_last_used = '11/22/2026 16:40';
    expect(() => parseSnapshot(JSON.stringify(snap), 's.json')).toThrow(
      /rows\.0 .*password_last_used is '11\/22\/2026 16:40'; expected an ISO 8601 date-time/,
    );
  });
});
