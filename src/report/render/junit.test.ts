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
      [
        '?xml',
        'error',
        'failure',
        'skipped',
        'system-err',
        'system-out',
        'testcase',
        'testsuite',
        'testsuites',
      ]
        .filter((t) => tags.has(t))
        .sort(),
    );
  });

  it("carries the report's warnings as each testsuite's system-err, one warning: line each, escaped", () => {
    const report = {
      ...fixtureReport('fresh'),
      warnings: ['SCPs were not read <AccessDenied> & more', 'second'],
    };
    const xml = renderJunit(report);
    const suites = [...xml.matchAll(/<testsuite [^>]*>[\s\S]*?<\/testsuite>/g)].map((m) => m[0]);
    expect(suites.length).toBe(new Set(report.findings.map((f) => f.area)).size);
    for (const suite of suites)
      expect(suite).toMatch(
        /<\/testcase>\n|\/>\n {4}<system-err>warning: SCPs were not read &lt;AccessDenied&gt; &amp; more\nwarning: second<\/system-err>\n {2}<\/testsuite>$/,
      );
    expect(count(xml, /<system-err>/g)).toBe(suites.length);
    // The testcases and counts are those of the same report without warnings.
    expect(xml.replace(/ {4}<system-err>[^<]*<\/system-err>\n/g, '')).toBe(
      renderJunit({ ...report, warnings: [] }),
    );
    expect(renderJunit({ ...report, warnings: [] })).not.toContain('<system-err>');
  });

  it('puts the warnings of a report without findings in an empty testsuite', () => {
    const report = { ...fixtureReport('fresh'), findings: [], warnings: ['nothing seen'] };
    expect(renderJunit(report)).toContain(
      '  <testsuite name="rampart" tests="0" failures="0" errors="0" skipped="0" time="0" timestamp="2026-11-23T12:00:00.000Z">\n    <system-err>warning: nothing seen</system-err>\n  </testsuite>\n',
    );
  });
});
