import { describe, expect, it } from 'vitest';
import { HOSTILE_POLICY, hostileReport } from '../../../../test/fixtures/hostile.js';
import { fixtureReport } from '../../../../test/fixtures/reports.js';
import { CONTENT_SECURITY_POLICY, CSS, SCRIPT } from './assets.js';
import { renderHtml } from './index.js';
import { GROUP_ABOVE, ROWS_PER_CHUNK } from './page.js';

describe('html (static)', () => {
  it('is one self-contained document: no external URL is loaded, CSP forbids the network', () => {
    const html = renderHtml(fixtureReport('messy'));
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).not.toMatch(/<(link|img|iframe|object|embed|base)\b/i);
    expect(html).not.toMatch(/\b(src|srcset)=/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).not.toMatch(/@import/i);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(count(html, /<script/g)).toBe(1);
    expect(count(html, /<style/g)).toBe(1);
  });

  it('keeps its own CSS and script free of anything that could close their element', () => {
    expect(CSS + SCRIPT).not.toMatch(/<\/(style|script)/i);
    expect(CSS + SCRIPT).not.toContain('<!--');
  });

  it('labels the example account and shows panel, summary, filters and every finding with its fix', () => {
    const fresh = renderHtml(fixtureReport('fresh'));
    expect(fresh).toContain('class="example"');
    expect(fresh).toContain('EXAMPLE ACCOUNT (bundled sample data, not your AWS account)');
    const report = fixtureReport('messy');
    const html = renderHtml(report);
    expect(count(html, /<li data-check=/g)).toBe(report.securityStatus.length);
    expect(count(html, /data-finding=""/g)).toBe(report.findings.length);
    expect(html).toContain('name="severity" value="critical"');
    expect(html).toContain('<option value="root">root</option>');
    expect(html).toContain('Assign MFA device');
    expect(html).toContain('Why it matters:');
    expect(html).toContain('id="admins"');
    expect(html).toContain('id="attestations"');
  });

  it("writes each check's explanation once and the fix with the first finding that needs it", () => {
    const report = fixtureReport('messy');
    const html = renderHtml(report);
    const checks = new Set(report.findings.map((f) => f.checkId));
    const needFix = new Set(
      report.findings
        .filter((f) => f.status !== 'pass' && f.status !== 'not_applicable')
        .filter((f) => {
          const r = report.checks[f.checkId]?.remediation;
          return r !== undefined && (r.manual.length > 0 || r.action !== undefined);
        })
        .map((f) => f.checkId),
    );
    // messy repeats checks (a finding per user): the point is not to repeat their text.
    expect(report.findings.length).toBeGreaterThan(checks.size * 2);
    expect(count(html, /Why it matters:/g)).toBe(checks.size);
    expect(count(html, /<details class="fix"/g)).toBe(needFix.size);
    for (const id of checks) {
      expect(count(html, new RegExp(`<article class="check" id="check-${id}">`, 'g'))).toBe(1);
      // A link per finding card; a check grouped into one table links once.
      const findings = report.findings.filter((f) => f.checkId === id).length;
      expect(count(html, new RegExp(`<a href="#check-${id}">`, 'g'))).toBe(
        findings > GROUP_ABOVE ? 1 : findings,
      );
    }
  });

  it('writes a check with many findings as one table, a row per finding, chunked for layout', () => {
    const report = fixtureReport('messy');
    const html = renderHtml(report);
    const perCheck = new Map<string, number>();
    for (const f of report.findings) perCheck.set(f.checkId, (perCheck.get(f.checkId) ?? 0) + 1);
    const grouped = [...perCheck].filter(([, n]) => n > GROUP_ABOVE);
    expect(grouped.length).toBeGreaterThan(0); // messy has a check per user of 11 users
    for (const [id, n] of grouped) {
      expect(
        count(html, new RegExp(`<section class="group[^"]*" data-group="" data-check="${id}"`, 'g')),
      ).toBe(1);
      expect(count(html, new RegExp(`<tr data-finding="" data-check="${id}"`, 'g'))).toBe(n);
      expect(
        count(html, new RegExp(`<article class="finding" data-finding="" data-check="${id}"`, 'g')),
      ).toBe(0);
    }
    // Every finding is still one [data-finding] element, card or row.
    expect(count(html, /data-finding=""/g)).toBe(report.findings.length);

    // A check with thousands of findings: full chunks of ROWS_PER_CHUNK rows (skipped by layout off screen).
    const many = Array.from({ length: 2 * ROWS_PER_CHUNK + 7 }, (_, i) => ({
      ...report.findings[0]!,
      checkId: 'iam-users-mfa',
      resource: `arn:aws:iam::123456789012:user/u${i}`,
    }));
    const big = renderHtml({ ...report, findings: many });
    expect(count(big, /<div class="rows full" data-chunk="">/g)).toBe(2);
    expect(count(big, /<div class="rows" data-chunk="">/g)).toBe(1);
    expect(count(big, /<tr data-finding=""/g)).toBe(many.length);
  });

  it('renders hostile account data as text', () => {
    const html = renderHtml(hostileReport());
    expect(html).not.toMatch(/<img|<svg|<injected|<b>alias/i);
    expect(count(html, /<script/g)).toBe(1);
    expect(count(html, /<\/script>/g)).toBe(1);
    expect(html).not.toMatch(/<[a-z][^>]*\son\w+=/i); // no element carries an event handler attribute
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).toContain(HOSTILE_POLICY.replace(/</g, '&lt;').replace(/>/g, '&gt;'));
  });
});

function count(text: string, re: RegExp): number {
  return text.match(re)?.length ?? 0;
}
