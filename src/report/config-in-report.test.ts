import { describe, expect, it } from 'vitest';
import { CHECKS, SECURITY_STATUS_CHECKS } from '../checks/registry.js';
import { runChecks } from '../checks/run.js';
import { applySuppressions } from '../config/suppressions.js';
import { snapshot, TEST_NOW } from '../snapshot/testing/builder.js';
import { buildReport } from './model.js';
import { colors } from './render/colors.js';
import { renderTable } from './render/table.js';

const snap = snapshot().root({ mfa: false }).build();
const findings = runChecks(snap, CHECKS, { now: TEST_NOW });
const base = {
  now: TEST_NOW,
  source: 'snapshot' as const,
  checks: CHECKS,
  securityStatusChecks: SECURITY_STATUS_CHECKS,
};

describe('config data in the report', () => {
  it('leaves the report as it was when there is no config', () => {
    const report = buildReport(snap, findings, base);
    expect(report).not.toHaveProperty('suppressions');
    expect(report).not.toHaveProperty('attestations');
    expect(report).not.toHaveProperty('frameworks');
    expect(report.checks['root-mfa-enabled']?.controls).toEqual({
      cisV5: ['1.4'],
      cisV6: ['2.4'],
      securityHub: ['IAM.9'],
    });
  });

  it('keeps only the selected frameworks in the check metadata', () => {
    const report = buildReport(snap, findings, { ...base, frameworks: ['cis-v5'] });
    expect(report.frameworks).toEqual(['cis-v5']);
    expect(report.checks['root-mfa-enabled']?.controls).toEqual({ cisV5: ['1.4'] });
  });

  it('marks attestations expired after their last day', () => {
    const report = buildReport(snap, findings, {
      ...base,
      attestations: [
        { checkId: 'root-mfa-enabled', by: 'a', date: '2026-01-01', note: 'n', expires: '2026-11-22' },
        { checkId: 'root-mfa-enabled', by: 'b', date: '2026-01-01', note: 'n', expires: '2026-11-23' },
        { checkId: 'root-mfa-enabled', by: 'c', date: '2026-01-01', note: 'n' },
      ],
    });
    expect(report.attestations?.map((a) => [a.by, a.expired])).toEqual([
      ['a', true],
      ['b', false],
      ['c', false],
    ]);
    const text = renderTable(report, colors(false));
    expect(text).toContain('✘ root-mfa-enabled: by a on 2026-01-01, EXPIRED 2026-11-22');
    expect(text).toContain('✔ root-mfa-enabled: by b on 2026-01-01, until 2026-11-23');
  });

  it('shows a fully suppressed panel item with its reason, and the suppressed count in the summary', () => {
    const { findings: marked, summary } = applySuppressions(
      findings,
      [{ check: 'root-mfa-enabled', resource: 'root', reason: 'token ordered', owner: 'jane' }],
      { now: TEST_NOW, ranChecks: new Set(CHECKS.map((c) => c.id)) },
    );
    const report = buildReport(snap, marked, { ...base, suppressions: summary });
    expect(report.securityStatus.find((s) => s.id === 'root-mfa-enabled')?.message).toBe(
      'Suppressed in the config: token ordered',
    );
    expect(report.summary.suppressed).toBe(1);
    expect(report.suppressions).toEqual({ applied: 1, expired: [], unused: [] });
    expect(renderTable(report, colors(false))).toContain('root-mfa-enabled root: token ordered (owner jane)');
  });
});
