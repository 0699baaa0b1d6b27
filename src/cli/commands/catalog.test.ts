import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../checks/registry.js';
import { closest } from '../../config/suggest.js';
import { CliError } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { checksCommand } from './checks.js';
import { explainCommand } from './explain.js';

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** A fake CliIo in a fresh directory that is its own repository root (no config unless written). */
function fakeIo(config?: unknown): CliIo & { out: Sink; err: Sink } {
  const cwd = mkdtempSync(join(tmpdir(), 'rampart-catalog-'));
  mkdirSync(join(cwd, '.git'));
  if (config !== undefined) writeFileSync(join(cwd, 'rampart.config.json'), JSON.stringify(config));
  const out = new Sink();
  const err = new Sink();
  return { stdout: out, stderr: err, out, err, env: {}, cwd, now: () => new Date('2026-11-23T12:00:00Z') };
}

interface Meta {
  id: string;
  severity: string;
  area: string;
  controls: Record<string, string[]>;
  needs: string[];
  remediation: { manual: string[] };
  docs: string;
}

describe('rampart checks', () => {
  it('lists every registered check in a table with id, severity, area, title and controls', async () => {
    const io = fakeIo();
    expect(await checksCommand({ output: 'table', color: false }, io)).toBe(0);
    const text = io.out.text;
    expect(text.split('\n')[1]).toMatch(/id.*severity.*area.*title.*controls/);
    for (const check of CHECKS) expect(text).toContain(check.id);
    expect(text).toMatch(/root-access-keys-absent .* CIS5 1\.3 · CIS6 2\.3 · SH IAM\.4/);
    expect(text).toContain(`${CHECKS.length} checks (CIS5 = CIS v5.0, CIS6 = CIS v6.0, SH = Security Hub).`);
    expect(text).not.toContain('\u001b[');
  });

  describe('fits the terminal, or is not wrapped at all when piped', () => {
    const tty = (columns: number | undefined) => {
      const io = fakeIo();
      Object.assign(io.out, { isTTY: true, columns });
      return io;
    };
    /** The words of a title, as a wrapped cell or block shows them, in order (borders and padding dropped). */
    const words = (text: string) =>
      text
        .replace(/[│┌┐└┘├┤┬┴─]/g, ' ')
        .split(/\s+/)
        .filter(Boolean);
    const longest = Math.max(...CHECKS.map((c) => c.title.length));

    it.each([140, 110, 100, 80, 60])(
      'a terminal of %i columns: no line is wider, no title or id is cut',
      async (columns) => {
        const io = tty(columns);
        expect(await checksCommand({ output: 'table', color: false }, io)).toBe(0);
        const lines = io.out.text.trimEnd().split('\n');
        for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(columns);
        // What each check's row (its title cell, wrapped) or block (its indented lines) says, by id.
        const shown = new Map<string, string[]>();
        let current: string[] = [];
        for (const line of lines) {
          const cells = line.startsWith('│') ? line.split('│').slice(1, -1) : undefined;
          const id = cells ? cells[0]?.trim() : line.startsWith(' ') ? '' : words(line)[0];
          if (id) shown.set(id, (current = []));
          current.push(...words(cells ? (cells[3] ?? '') : line.startsWith(' ') ? line : ''));
        }
        // Each id whole at the start of its row or block, its title's words in order in it.
        for (const check of CHECKS)
          expect(shown.get(check.id)?.join(' ')).toContain(words(check.title).join(' '));
        expect(io.out.text).not.toContain('…');
      },
    );

    it('a terminal that does not say its width is taken as 80 columns', async () => {
      const io = tty(undefined);
      await checksCommand({ output: 'table', color: false }, io);
      for (const line of io.out.text.trimEnd().split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    });

    it('piped (no TTY): one line per check with its whole title, whatever the width', async () => {
      const io = fakeIo();
      Object.assign(io.out, { columns: 60 }); // not a terminal: its width does not apply
      await checksCommand({ output: 'table', color: false }, io);
      const lines = io.out.text.split('\n');
      for (const check of CHECKS) {
        const line = lines.filter((l) => words(l)[0] === check.id);
        expect(line).toHaveLength(1);
        expect(line[0]).toContain(check.title);
      }
      expect(Math.max(...lines.map((l) => l.length))).toBeGreaterThan(longest);
    });
  });

  it('prints the full metadata as JSON', async () => {
    const io = fakeIo();
    await checksCommand({ output: 'json' }, io);
    const list = JSON.parse(io.out.text) as Meta[];
    expect(list.map((c) => c.id)).toEqual(CHECKS.map((c) => c.id));
    const keys = list.find((c) => c.id === 'root-access-keys-absent');
    expect(keys).toMatchObject({
      severity: 'critical',
      area: 'root',
      controls: { cisV5: ['1.3'], cisV6: ['2.3'], securityHub: ['IAM.4'] },
      docs: 'docs/checks/root-access-keys-absent.md',
    });
    expect(keys?.needs.length).toBeGreaterThan(0);
    expect(keys?.remediation.manual.length).toBeGreaterThan(0);
  });

  it('shows only the frameworks the config selects', async () => {
    const io = fakeIo({ frameworks: ['security-hub'] });
    await checksCommand({ output: 'json' }, io);
    const keys = (JSON.parse(io.out.text) as Meta[]).find((c) => c.id === 'root-access-keys-absent');
    expect(keys?.controls).toEqual({ securityHub: ['IAM.4'] });

    const table = fakeIo({ frameworks: ['cis-v6'] });
    await checksCommand({ output: 'table' }, table);
    expect(table.out.text).toMatch(/root-access-keys-absent .* CIS6 2\.3 /);
    expect(table.out.text).not.toContain('CIS5');
    expect(table.out.text).not.toContain('SH ');
  });

  it('refuses a bad config and a bad --output', async () => {
    await expect(checksCommand({ output: 'table' }, fakeIo({ frameworks: ['cis'] }))).rejects.toThrow(
      new CliError(
        'rampart.config.json: frameworks[0]: expected one of "cis-v5", "cis-v6", "security-hub", got "cis"',
      ),
    );
    await expect(checksCommand({ output: 'sarif' }, fakeIo())).rejects.toThrow(
      "--output: 'sarif' is not one of",
    );
  });
});

describe('rampart explain', () => {
  it('prints the metadata and the docs page of every check', async () => {
    for (const check of CHECKS) {
      const io = fakeIo();
      expect(await explainCommand(check.id, { output: 'text' }, io)).toBe(0);
      const text = io.out.text;
      expect(text.split('\n')[0]).toBe(`${check.id} — ${check.title}`);
      expect(text).toContain(`severity: ${check.severity} · area: ${check.area}`);
      expect(text).toContain('## Why');
      expect(text).toContain('## How to fix');
    }
  });

  it('names the remediation action and the controls', async () => {
    const io = fakeIo();
    await explainCommand('root-access-keys-absent', { output: 'text' }, io);
    expect(io.out.text).toContain('controls: CIS v5.0 1.3 · CIS v6.0 2.3 · Security Hub IAM.4');
    expect(io.out.text).toContain('fix: rampart harden (action root-delete-access-keys)');
  });

  it('names the flag an opt-in action needs: plain `rampart harden` leaves CloudWatch Logs delivery alone', async () => {
    const io = fakeIo();
    await explainCommand('cloudtrail-cloudwatch-logs', { output: 'text' }, io);
    expect(io.out.text).toContain(
      'fix: rampart harden --trail-cloudwatch-logs (action cloudtrail-logs-delivery)',
    );
  });

  it('gives JSON with the docs markdown', async () => {
    const io = fakeIo();
    await explainCommand('iam-password-policy', { output: 'json' }, io);
    const meta = JSON.parse(io.out.text) as Meta & { docsMarkdown: string };
    expect(meta.id).toBe('iam-password-policy');
    expect(meta.docsMarkdown).toMatch(/^# iam-password-policy/);
  });

  it('answers an unknown id with one line naming the closest ids (exit 2)', async () => {
    const ids = CHECKS.map((c) => c.id);
    const err = await explainCommand('root-mfa', { output: 'text' }, fakeIo()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(2);
    expect((err as CliError).message).toBe(
      `unknown check id 'root-mfa' (closest: ${closest('root-mfa', ids).join(', ')}); see \`rampart checks\``,
    );
    expect((err as CliError).message).toContain('root-mfa-enabled');
    await expect(explainCommand('zzzz', { output: 'text' }, fakeIo())).rejects.toThrow(
      "unknown check id 'zzzz'; see `rampart checks`",
    );
  });
});
