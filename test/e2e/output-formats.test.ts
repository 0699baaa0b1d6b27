import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'rampart-formats-'));

describe('rampart audit --output <format> (the built CLI)', () => {
  it('sarif: a SARIF 2.1.0 log with one run', () => {
    const r = runCli(['audit', '--example', '--output', 'sarif']);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout) as { version: string; runs: { results: unknown[] }[] };
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]?.results.length).toBeGreaterThanOrEqual(4);
  });

  it('ocsf: JSON lines of Compliance Findings', () => {
    const r = runCli(['audit', '--example', '--output', 'ocsf', '--fail-on', 'none']);
    expect(r.code).toBe(0);
    const events = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { class_uid: number });
    const report = JSON.parse(runCli(['audit', '--example', '--output', 'json']).stdout) as {
      findings: unknown[];
    };
    expect(events.length).toBe(report.findings.length);
    expect(events.every((e) => e.class_uid === 2003)).toBe(true);
  });

  // The report's warnings (here: service-linked role policies missing from the export) qualify the audit; a CSV
  // must stay one table a spreadsheet or csvkit reads, so they go to stderr only.
  it('csv: the warnings go to stderr, the CSV stays one table without them', () => {
    const args = ['audit', '--snapshot', 'test/fixtures/snapshots/messy.json', '--fail-on', 'none'];
    const report = JSON.parse(runCli([...args, '--output', 'json']).stdout) as {
      findings: unknown[];
      warnings?: string[];
    };
    const warnings = report.warnings ?? [];
    expect(warnings.length).toBeGreaterThan(0);
    const r = runCli([...args, '--output', 'csv']);
    expect(r.code).toBe(0);
    const rows: string[][] = parse(r.stdout);
    expect(rows).toHaveLength(report.findings.length + 1);
    expect(rows[0]?.[0]).toBe('check_id');
    expect(new Set(rows.map((row) => row.length)).size).toBe(1);
    for (const w of warnings) {
      expect(r.stdout).not.toContain(w);
      expect(r.stderr.split('\n')).toContain(`warning: ${w}`);
    }
  });

  it('csv, junit and markdown start the way their readers expect', () => {
    expect(runCli(['audit', '--example', '--output', 'csv']).stdout).toMatch(
      /^check_id,title,area,severity,status,/,
    );
    expect(runCli(['audit', '--example', '--output', 'junit']).stdout).toMatch(/^<\?xml version="1\.0"/);
    expect(runCli(['audit', '--example', '--output', 'markdown']).stdout).toMatch(
      /^# Rampart audit: AWS account 111122223333\n/,
    );
  });

  it('html goes to --output-file with mode 0600, uncoloured', () => {
    const file = join(tmp, 'report.html');
    const r = runCli([
      'audit',
      '--example',
      '--output',
      'html',
      '--output-file',
      file,
      '--color',
      '--fail-on',
      'none',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const html = readFileSync(file, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toContain('\u001b[');
  });
});
