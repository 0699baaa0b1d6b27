import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../io.js';
import { auditCommand } from './audit.js';

function fakeIo(now: Date) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.resume();
  const io: CliIo = { stdout, stderr, env: {}, cwd: process.cwd(), now: () => now };
  return { io, out: () => out };
}

const FLAGS = { example: true, output: 'json', failOn: 'none', quiet: true } as const;

interface JsonReport {
  generatedAt: string;
  findings: { checkId: string; status: string }[];
}

describe('rampart audit --example', () => {
  it('is judged as of the day it was captured, so its root sign-ins never age out of the 90-day window', async () => {
    const status = async (now: Date) => {
      const t = fakeIo(now);
      expect(await auditCommand({ ...FLAGS }, t.io)).toBe(0);
      const report = JSON.parse(t.out()) as JsonReport;
      return report.findings.find((f) => f.checkId === 'root-sign-ins')?.status;
    };
    const today = await status(new Date('2026-11-23T12:00:00Z'));
    expect(today).toBe('fail');
    // Two years on, the example still shows the root use it was captured with.
    expect(await status(new Date('2028-11-23T12:00:00Z'))).toBe(today);
  });
});

describe('rampart audit --snapshot', () => {
  const MESSY = join(process.cwd(), 'test', 'fixtures', 'snapshots', 'messy.json');

  interface Full extends JsonReport {
    findings: { checkId: string; status: string; resource: string; message: string }[];
  }

  const run = async (now: Date, output = 'json') => {
    const t = fakeIo(now);
    await auditCommand({ snapshot: MESSY, output, failOn: 'none', quiet: true }, t.io);
    return t.out();
  };

  it('judges a saved snapshot as of when it was taken: the same report a day or two years later', async () => {
    const taken = new Date('2026-11-23T09:00:00.000Z'); // messy.json's meta.generatedAt
    const report = JSON.parse(await run(new Date('2026-11-24T09:00:00Z'))) as Full;
    // Ages count from the snapshot: the header's instant and every finding's.
    expect(report.generatedAt).toBe(taken.toISOString());
    const unused = report.findings.filter(
      (f) => f.checkId === 'iam-unused-credentials' && f.status === 'fail',
    );
    expect(unused.length).toBeGreaterThan(0);
    // Two years on, no credential has aged into the unused window, no key into the rotation limit.
    for (const format of ['json', 'table', 'csv', 'markdown', 'sarif', 'ocsf', 'junit', 'html'])
      expect(await run(new Date('2028-11-23T09:00:00Z'), format)).toBe(
        await run(new Date('2026-11-24T09:00:00Z'), format),
      );
  });
});
