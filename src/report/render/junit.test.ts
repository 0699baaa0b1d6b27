import { describe, expect, it } from 'vitest';
import { hostileReport } from '../../../test/fixtures/hostile.js';
import { fixtureReport, incompleteReport } from '../../../test/fixtures/reports.js';
import { renderJunit, xmlEscape } from './junit.js';

const count = (text: string, re: RegExp): number => text.match(re)?.length ?? 0;

describe('junit', () => {
  it('escapes the XML specials and drops characters XML 1.0 cannot carry', () => {
    expect(xmlEscape(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
    expect(xmlEscape('a\u0000b\u001bc\u0007d\ttab\nline')).toBe('abcd\ttab\nline');
    expect(xmlEscape('emoji 🔐 ok')).toBe('emoji 🔐 ok');
  });

  it('has one testsuite per area and one testcase per finding, with fail/error/skipped elements', () => {
    const report = incompleteReport();
    const xml = renderJunit(report);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    const areas = new Set(report.findings.map((f) => f.area));
    expect(count(xml, /<testsuite /g)).toBe(areas.size);
    expect(count(xml, /<testcase /g)).toBe(report.findings.length);
    const active = report.findings.filter((f) => !f.suppressed);
    expect(count(xml, /<failure /g)).toBe(active.filter((f) => f.status === 'fail').length);
    expect(count(xml, /<error /g)).toBe(active.filter((f) => f.status === 'error').length);
    expect(count(xml, /<skipped /g)).toBe(
      report.findings.filter(
        (f) => f.suppressed !== undefined || f.status === 'manual' || f.status === 'not_applicable',
      ).length,
    );
    expect(xml).toContain('<skipped message="Suppressed: CI user, replaced by OIDC in Q1"/>');
    const skipped = report.findings.filter(
      (f) => f.suppressed !== undefined || f.status === 'manual' || f.status === 'not_applicable',
    );
    expect(xml).toContain(
      `tests="${report.findings.length}" failures="${report.summary.fail}" errors="${report.summary.error}" skipped="${skipped.length}"`,
    );
    expect(report.summary.error).toBeGreaterThan(0);
  });

  it('skips manual and not-applicable findings', () => {
    const xml = renderJunit(fixtureReport('fresh'));
    expect(xml).toContain('<skipped message="Not applicable: The account has no IAM users yet."/>');
  });

  it('never lets hostile text open or close an element', () => {
    const xml = renderJunit(hostileReport());
    expect(xml).not.toContain('<img');
    expect(xml).not.toContain('<script');
    expect(xml).not.toContain('<injected');
    expect(xml).not.toContain('</failure><');
    expect(xml.replace(/[^\p{Cc}]|[\t\n\r]/gu, '')).toBe('');
    // Every element that opens is one of ours.
    const tags = new Set([...xml.matchAll(/<\/?([a-zA-Z?][\w-]*)/g)].map((m) => m[1]));
    expect([...tags].sort()).toEqual(
      ['?xml', 'error', 'failure', 'skipped', 'testcase', 'testsuite', 'testsuites']
        .filter((t) => tags.has(t))
        .sort(),
    );
  });
});
