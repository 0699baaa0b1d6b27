import { describe, expect, it } from 'vitest';
import { HOSTILE_POLICY, hostileReport } from '../../../../test/fixtures/hostile.js';
import { fixtureReport } from '../../../../test/fixtures/reports.js';
import { CONTENT_SECURITY_POLICY, CSS, SCRIPT } from './assets.js';
import { renderHtml } from './index.js';

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
      const findings = report.findings.filter((f) => f.checkId === id).length;
      expect(count(html, new RegExp(`<a href="#check-${id}">`, 'g'))).toBe(findings);
    }
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
