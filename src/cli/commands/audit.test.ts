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
