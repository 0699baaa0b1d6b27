import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { hostileReport, HOSTILE_USER } from '../../../test/fixtures/hostile.js';
import { fixtureReport } from '../../../test/fixtures/reports.js';
import { csvField, neutralizeFormula, renderCsv } from './csv.js';

describe('csv', () => {
  it('quotes per RFC 4180 and doubles embedded quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('prefixes values a spreadsheet would run as a formula', () => {
    for (const v of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])
      expect(neutralizeFormula(v)).toBe(`'${v}`);
    expect(neutralizeFormula('a=1')).toBe('a=1');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
  });

  it('has a header and one CRLF-terminated row per finding that parse back to the same values', () => {
    const report = fixtureReport('messy');
    const text = renderCsv(report);
    expect(text.split('\r\n').at(-1)).toBe('');
    const rows: Record<string, string>[] = parse(text, { columns: true });
    expect(rows).toHaveLength(report.findings.length);
    expect(Object.keys(rows[0] ?? {})).toContain('check_id');
    const deploy = rows.find((r) => r.resource?.endsWith('user/ci-jenkins'));
    expect(deploy).toMatchObject({
      suppressed: 'true',
      suppression_reason: 'CI user, replaced by OIDC in Q1',
    });
    const mfa = rows.find((r) => r.check_id === 'root-mfa-enabled');
    expect(mfa).toMatchObject({
      status: 'fail',
      severity: 'critical',
      cis_v5: '1.4',
      cis_v6: '2.4',
      security_hub: 'IAM.9',
    });
    expect(mfa?.fix).toContain('Assign MFA device');
  });

  it('keeps hostile values as text in their own cells', () => {
    const text = renderCsv(hostileReport());
    const rows: Record<string, string>[] = parse(text, { columns: true, relax_quotes: false });
    expect(rows.some((r) => r.resource === `arn:aws:iam::999988887777:user/${HOSTILE_USER}`)).toBe(true);
    const cmd = rows.find((r) => r.message?.includes('calc'));
    expect(cmd?.message).toMatch(/^'=cmd/);
    for (const r of rows) for (const v of Object.values(r)) expect(v).not.toMatch(/^[=+\-@]/);
  });

  it("stays one table with the report's warnings: they are not in the CSV (rampart audit prints them on stderr)", () => {
    const report = fixtureReport('messy');
    expect(report.warnings?.length).toBeGreaterThan(0);
    const text = renderCsv(report);
    expect(text).toBe(renderCsv({ ...report, warnings: [] }));
    const rows: string[][] = parse(text);
    expect(rows).toHaveLength(report.findings.length + 1);
    expect(new Set(rows.map((r) => r.length))).toEqual(new Set([rows[0]?.length]));
  });
});
