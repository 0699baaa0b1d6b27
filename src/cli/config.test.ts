import { describe, expect, it } from 'vitest';
import { readSnapshotFile } from '../../test/fixtures/reports.js';
import { CHECKS } from '../checks/registry.js';
import { DEFAULT_CONFIG } from '../config/load.js';
import type { Snapshot } from '../snapshot/schema.js';
import { auditReport } from './config.js';

// thresholds.credentialReportMaxAgeHours: a report generated longer than that before the snapshot (kept from an
// older collection or export; AWS itself serves one for up to 4 hours) is said in the report's warnings.
const run = (snapshot: Snapshot, hours = DEFAULT_CONFIG.options.credentialReportMaxAgeHours) =>
  auditReport(
    snapshot,
    { ...DEFAULT_CONFIG, options: { ...DEFAULT_CONFIG.options, credentialReportMaxAgeHours: hours } },
    CHECKS.filter((c) => c.id === 'iam-users-mfa'),
    { now: new Date(snapshot.meta.generatedAt), source: 'snapshot' },
  ).warnings ?? [];

function withReportAge(hours: number): Snapshot {
  const s = readSnapshotFile('test/fixtures/snapshots/messy.json');
  const cr = s.slices.credentialReport;
  if (cr.status !== 'ok') throw new Error('fixture without a credential report');
  const generated = new Date(Date.parse(s.meta.generatedAt) - hours * 3_600_000).toISOString();
  return {
    ...s,
    slices: { ...s.slices, credentialReport: { ...cr, data: { ...cr.data, GeneratedTime: generated } } },
  };
}

describe('auditReport: a stale credential report', () => {
  it('older than credentialReportMaxAgeHours: a warning naming its age and the threshold', () => {
    const [w] = run(withReportAge(30)).filter((x) => x.includes('credential report'));
    expect(w).toContain('30 h before the snapshot');
    expect(w).toContain('credentialReportMaxAgeHours, 4 h');
  });

  it('within it, or under a larger configured threshold: none', () => {
    expect(run(withReportAge(3)).filter((x) => x.includes('credential report was generated'))).toEqual([]);
    expect(run(withReportAge(30), 48).filter((x) => x.includes('credential report was generated'))).toEqual(
      [],
    );
  });
});
