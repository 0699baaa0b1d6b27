import { describe, expect, it } from 'vitest';
import { fixtureReport, incompleteReport } from '../../../test/fixtures/reports.js';
import {
  OCSF_VERSION,
  renderOcsf,
  toOcsf,
  type OcsfComplianceFinding,
  type OcsfScanActivity,
} from './ocsf.js';

const lines = (text: string): OcsfComplianceFinding[] =>
  text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as OcsfComplianceFinding);

describe('ocsf', () => {
  it('is JSON Lines: one Compliance Finding (class 2003) per finding, passes included', () => {
    const report = { ...fixtureReport('messy'), warnings: [] };
    const text = renderOcsf(report);
    expect(text.endsWith('\n')).toBe(true);
    const events = lines(text);
    expect(events).toHaveLength(report.findings.length);
    for (const e of events) {
      expect(e).toMatchObject({
        class_uid: 2003,
        category_uid: 2,
        activity_id: 1,
        type_uid: 200301,
        metadata: {
          version: OCSF_VERSION,
          product: { name: 'Rampart', vendor_name: 'Rampart', version: '0.1.0' },
        },
        cloud: { provider: 'AWS', account: { uid: report.account.id, type_id: 10 } },
      });
      expect(e.type_uid).toBe(e.class_uid * 100 + e.activity_id);
      expect(e.time).toBe(Date.parse('2026-11-23T12:00:00Z'));
      expect(e.finding_info.uid).toMatch(new RegExp(`^rampart:${report.account.id}:[0-9a-f]{64}$`));
      expect(e.finding_info.title).toBeTruthy();
      expect(e.compliance.standards.length).toBeGreaterThan(0);
      expect(e.resources).toHaveLength(1);
    }
    expect(OCSF_VERSION).toMatch(/^1\.\d+\.\d+$/);
  });

  it('maps severity 1..5 and the compliance status from the finding status', () => {
    const events = toOcsf(incompleteReport());
    const byCheck = (id: string, status: string) =>
      events.find((e) => e.compliance.control === id && e.compliance.status_code === status);
    expect(byCheck('root-mfa-enabled', 'FAIL')).toMatchObject({
      severity_id: 5,
      severity: 'Critical',
      compliance: { status_id: 3, status: 'Fail' },
    });
    expect(byCheck('iam-individual-users', 'PASS')).toMatchObject({
      severity_id: 4,
      compliance: { status_id: 1, status: 'Pass' },
    });
    expect(byCheck('iam-password-policy', 'ERROR')).toMatchObject({
      severity_id: 3,
      compliance: { status_id: 2, status: 'Warning' },
    });
    const na = toOcsf(fixtureReport('fresh')).find((e) => e.compliance.status_code === 'NOT_APPLICABLE');
    expect(na?.compliance).toMatchObject({ status_id: 99, status: 'Not Applicable' });
  });

  it('carries the controls as standards and requirements, the resource and the fix', () => {
    const mfa = toOcsf(fixtureReport('fresh')).find((e) => e.compliance.control === 'root-mfa-enabled');
    expect(mfa?.compliance.standards).toEqual([
      'CIS AWS Foundations Benchmark v5.0.0',
      'CIS AWS Foundations Benchmark v6.0.0',
      'AWS Security Hub (AWS Foundational Security Best Practices)',
    ]);
    expect(mfa?.compliance.requirements).toEqual([
      'CIS AWS Foundations Benchmark v5.0.0 1.4',
      'CIS AWS Foundations Benchmark v6.0.0 2.4',
      'AWS Security Hub (AWS Foundational Security Best Practices) IAM.9',
    ]);
    expect(mfa?.resources[0]).toMatchObject({ uid: 'arn:aws:iam::111122223333:root', name: 'root' });
    expect(mfa?.remediation.desc).toContain('Assign MFA device');
    expect(mfa?.finding_info.desc).toContain('MFA');
  });

  it('marks suppressed findings with finding status 3 Suppressed and the reason', () => {
    const events = toOcsf(fixtureReport('messy'));
    const suppressed = events.filter((e) => e.status_id === 3);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0]?.status).toBe('Suppressed');
    expect(suppressed[0]?.status_detail).toBe('CI user, replaced by OIDC in Q1');
    expect(events.filter((e) => e.status_id === 1)).toHaveLength(events.length - 1);
  });

  it('ends with one Scan Activity (class 6007) saying the audit is incomplete, when the report has warnings', () => {
    const report = fixtureReport('messy');
    const warnings = report.warnings ?? [];
    expect(warnings.length).toBeGreaterThan(0);
    const text = renderOcsf(report);
    const all = text.trimEnd().split('\n');
    // The Compliance Findings are exactly those of the same report without warnings.
    expect(all.slice(0, -1).join('\n')).toBe(renderOcsf({ ...report, warnings: [] }).trimEnd());
    expect(all).toHaveLength(report.findings.length + 1);
    const scan = JSON.parse(all.at(-1) ?? '') as OcsfScanActivity;
    expect(scan).toMatchObject({
      class_uid: 6007,
      category_uid: 6,
      activity_id: 2,
      type_uid: 600702,
      severity_id: 1,
      status_id: 99,
      status: 'Incomplete',
      status_detail: warnings.join('\n'),
      time: Date.parse(report.generatedAt),
      metadata: { version: OCSF_VERSION, product: { name: 'Rampart' } },
      scan: { type_id: 0, name: 'Rampart audit' },
      total: report.findings.length,
      num_detections: report.findings.filter((f) => !f.suppressed && f.status === 'fail').length,
      cloud: { provider: 'AWS', account: { uid: report.account.id, type_id: 10 } },
      unmapped: { warnings },
    });
    expect(scan.type_uid).toBe(scan.class_uid * 100 + scan.activity_id);
    expect(scan.message).toMatch(
      new RegExp(`^Rampart audit of AWS account ${report.account.id}: ${warnings.length} warnings? `),
    );
  });

  it('has no Scan Activity when the report has no warnings', () => {
    const report = fixtureReport('fresh');
    expect(report.warnings).toBeUndefined();
    expect(lines(renderOcsf(report)).every((e) => e.class_uid === 2003)).toBe(true);
  });
});
