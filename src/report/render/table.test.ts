import { describe, expect, it } from 'vitest';
import { fixtureReport } from '../../../test/fixtures/reports.js';
import type { Report } from '../model.js';
import { colors } from './colors.js';
import { MAX_ADMINS, MAX_PER_CHECK, MAX_WARNINGS, renderTable } from './table.js';

const plain = colors(false);

/** The messy account as a large one: every failing finding on 40 resources, every admin 150 times. */
function large(): Report {
  const report = fixtureReport('messy');
  const findings = report.findings.flatMap((f) =>
    f.status === 'fail'
      ? Array.from({ length: 40 }, (_, i) => ({ ...f, resource: `${f.resource}-${i}` }))
      : [f],
  );
  const admins = (report.admins ?? []).flatMap((a) =>
    Array.from({ length: 150 }, (_, i) => ({ ...a, name: `${a.name}-${i}` })),
  );
  return { ...report, findings, admins };
}

describe('table', () => {
  it("prints a check's fix once, under its first failing finding, per severity", () => {
    const report = fixtureReport('messy');
    const text = renderTable(report, plain);
    const groups = new Set(
      report.findings
        .filter((f) => !f.suppressed && f.status === 'fail' && f.checkId === 'iam-users-mfa')
        .map((f) => f.severity),
    );
    const block = text.split('\n');
    const fixes = block.filter(
      (l, i) =>
        l.includes('Fix: rampart harden (action iam-enable-user-mfa)') &&
        block[i - 2]?.includes('iam-users-mfa'),
    );
    expect(fixes).toHaveLength(groups.size);
  });

  it('a large account: at most MAX_PER_CHECK findings of a check per severity, the rest counted', () => {
    const report = large();
    const text = renderTable(report, plain);
    const lines = text.split('\n');
    const shown = lines.filter((l) => /^ {2}\S+ iam-users-mfa {2}/.test(l)).length;
    const severities = new Set(
      report.findings
        .filter((f) => f.checkId === 'iam-users-mfa' && f.status === 'fail')
        .map((f) => f.severity),
    );
    expect(shown).toBe(MAX_PER_CHECK * severities.size);
    const total = report.findings.filter(
      (f) =>
        f.checkId === 'iam-users-mfa' &&
        !f.suppressed &&
        f.status !== 'pass' &&
        f.status !== 'not_applicable',
    ).length;
    const counted = [...text.matchAll(/… and (\d+) more iam-users-mfa findings/g)].reduce(
      (n, m) => n + Number(m[1]),
      0,
    );
    expect(shown + counted).toBe(total);
    // The admins: the first MAX_ADMINS, then a count pointing at rampart admins.
    const admins = report.admins ?? [];
    expect(admins.length).toBeGreaterThan(MAX_ADMINS);
    expect(text).toContain(`… and ${admins.length - MAX_ADMINS} more (the strongest are listed first`);
    expect(lines.length).toBeLessThan(report.findings.length);
  });

  it('says what the checks could not see before the results, at most MAX_WARNINGS lines, the rest counted', () => {
    const report = fixtureReport('messy');
    const warnings = Array.from(
      { length: MAX_WARNINGS + 3 },
      (_, i) => `Policy p${i} is attached but not in the export.`,
    );
    const text = renderTable({ ...report, warnings }, plain);
    const lines = text.split('\n');
    const first = lines.findIndex((l) => l.startsWith('warning: '));
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(lines.indexOf('Security Status (IAM dashboard)'));
    expect(lines.filter((l) => l.startsWith('warning: '))).toHaveLength(MAX_WARNINGS);
    expect(text).toContain('… and 3 more warnings (every one: --output json)');
  });

  it('an admins list the inventory could not complete is marked incomplete, never "no admin"', () => {
    const report = fixtureReport('messy');
    const findings = report.findings.map((f) =>
      f.checkId === 'iam-admins-inventory' ? { ...f, status: 'error' as const } : f,
    );
    const text = renderTable({ ...report, findings, admins: [] }, plain);
    expect(text).toContain('Admins (0, incomplete)');
    expect(text).not.toContain('No user, group or role is admin');
  });
});

describe('where the report comes from', () => {
  it('a snapshot made by rampart import says it was imported, and when (the exports carry no time of their own)', () => {
    const report = fixtureReport('messy');
    const imported = {
      ...report,
      source: 'snapshot' as const,
      snapshot: { ...report.snapshot, source: 'import' as const },
    };
    const first = (r: Report) => renderTable(r, plain).split('\n')[0];
    expect(first(imported)).toContain(`imported from AWS CLI exports at ${report.snapshot.generatedAt}`);
    const collected = { ...imported, snapshot: { ...imported.snapshot, source: 'live' as const } };
    expect(first(collected)).toContain(`snapshot taken ${report.snapshot.generatedAt}`);
  });
});
