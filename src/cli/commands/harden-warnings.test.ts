import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { GOLDEN_NOW, readSnapshotFile } from '../../../test/fixtures/reports.js';
import type { ClientPool } from '../../aws/clients.js';
import type { Snapshot } from '../../snapshot/schema.js';
import type { CliIo } from '../io.js';
import { auditCommand } from './audit.js';
import { hardenCommand } from './harden.js';

// harden reads the live account: here the session and the collection answer with a snapshot, and reading each
// step's state fails (no AWS at all), so the plan is built from the checks alone.
const live = vi.hoisted(() => ({ snapshot: undefined as Snapshot | undefined }));
vi.mock('../live.js', () => ({
  openSession: () =>
    Promise.resolve({
      settings: { region: 'us-east-1', regionSource: '--region', warnings: [] },
    } as unknown as ClientPool),
  collectLive: () => Promise.resolve(live.snapshot),
}));
vi.mock('../../remediation/read.js', () => ({
  readOnlyContext: () => ({}),
  readStates: (actions: readonly { id: string }[]) =>
    Promise.resolve({
      states: {},
      readErrors: Object.fromEntries(actions.map((a) => [a.id, 'not read in this test'])),
    }),
}));

function fakeIo() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const cwd = mkdtempSync(join(tmpdir(), 'rampart-harden-warnings-'));
  const io: CliIo = { stdout, stderr, env: {}, cwd, now: () => GOLDEN_NOW };
  return { io, out: () => out, err: () => err };
}

const warningLines = (stderr: string): string[] =>
  stderr.split('\n').filter((l) => l.startsWith('warning: '));

describe('rampart harden: the admin analysis warnings', () => {
  it('are printed on stderr in the same words as rampart audit prints them', async () => {
    // No credential report: the analysis cannot tell admin users' MFA devices or last use.
    const snapshot = readSnapshotFile('test/fixtures/snapshots/messy.json');
    snapshot.slices.credentialReport = {
      status: 'error',
      error: {
        kind: 'access-denied',
        message: 'User is not authorized to perform: iam:GetCredentialReport',
        action: 'iam:GetCredentialReport',
      },
    };
    live.snapshot = snapshot;

    const audit = fakeIo();
    const file = join(audit.io.cwd, 'snapshot.json');
    writeFileSync(file, JSON.stringify(snapshot));
    await auditCommand({ snapshot: file, output: 'json', failOn: 'none', quiet: true }, audit.io);
    const expected = warningLines(audit.err());
    expect(expected).toContainEqual(
      expect.stringMatching(/^warning: The credential report could not be read /),
    );

    const harden = fakeIo();
    expect(await hardenCommand({ output: 'json', quiet: true }, harden.io)).toBe(0);
    expect(warningLines(harden.err())).toEqual(expected);
    // ...and the plan's JSON (stdout, and the --plan-out file apply reads) carries them for a script.
    const plan = JSON.parse(harden.out()) as { warnings?: string[] };
    expect(plan.warnings?.map((w) => `warning: ${w}`)).toEqual(expected);
  });
});
