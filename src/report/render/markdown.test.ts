import { describe, expect, it } from 'vitest';
import { hostileReport } from '../../../test/fixtures/hostile.js';
import { fixtureReport, incompleteReport } from '../../../test/fixtures/reports.js';
import { mdText, renderMarkdown } from './markdown.js';

describe('markdown', () => {
  it('escapes HTML, table pipes, links, emphasis, mentions and line breaks', () => {
    expect(mdText('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(mdText('a | b')).toBe('a \\| b');
    expect(mdText('[x](javascript:alert(1))')).toBe('\\[x\\](javascript:alert(1))');
    expect(mdText('@octocat #1 *b* _i_ `c` ~s~')).toBe('\\@octocat \\#1 \\*b\\* \\_i\\_ \\`c\\` \\~s\\~');
    expect(mdText('one\ntwo\r\nthree')).toBe('one two three');
    expect(mdText('a & b')).toBe('a &amp; b');
  });

  it('shows the panel with ✅/❌/❔, open findings by severity with fixes, and passes collapsed', () => {
    const report = fixtureReport('messy');
    const md = renderMarkdown(report);
    expect(md).toContain('- ❌ The root user signs in with MFA — Fail: The root user has no MFA device.');
    expect(md).toContain('- ✅ People sign in with their own IAM users');
    expect(renderMarkdown(incompleteReport())).toContain('- ❔ An IAM password policy');
    expect(md.indexOf('### Critical (2)')).toBeLessThan(md.indexOf('### Medium'));
    expect(md).toContain(
      '| ❌ Fail | [root-mfa-enabled](https://github.com/rampart-security/rampart/blob/main/docs/checks/root-mfa-enabled.md) | root |',
    );
    const passes = report.findings.filter((f) => f.status === 'pass' && !f.suppressed).length;
    expect(passes).toBeGreaterThan(0);
    expect(md).toContain(`<details><summary>Passed (${passes})</summary>`);
    expect(md).toContain('## Admins');
    expect(md).toContain('## Attestations');
    expect(renderMarkdown(fixtureReport('fresh'))).toContain(
      '**EXAMPLE ACCOUNT (bundled sample data, not your AWS account)**',
    );
  });

  it("writes a check's fix once per run of rows, 'as above' after it", () => {
    const report = fixtureReport('messy');
    const md = renderMarkdown(report);
    const rows = md.split('\n').filter((l) => l.includes('[iam-users-mfa]('));
    expect(rows.length).toBeGreaterThan(3);
    expect(rows[0]).toContain('1. ');
    const above = rows.filter((r) => r.endsWith('| as above |'));
    // Once per severity table the check appears in (console users rate higher than the others).
    const withSteps = rows.filter((r) => r.includes('| 1. '));
    expect(withSteps.length + above.length).toBe(rows.length);
    expect(withSteps.length).toBe(
      new Set(
        report.findings
          .filter((f) => f.checkId === 'iam-users-mfa' && f.status === 'fail')
          .map((f) => f.severity),
      ).size,
    );
  });

  it('leaves no raw HTML, no table-breaking pipe and no live link from account data', () => {
    const md = renderMarkdown(hostileReport());
    expect(md).not.toMatch(/<(img|script|svg|b)\b/i);
    expect(md).not.toMatch(/[^\\]\]\(javascript:/);
    expect(md).toContain('\\[click\\](javascript:alert(5))');
    expect(md).not.toMatch(/(^|[^\\])@octocat/);
    // Every table row has exactly as many unescaped pipes as its header.
    for (const block of md.split('\n\n')) {
      const rows = block.split('\n').filter((l) => l.startsWith('| '));
      const pipes = rows.map((r) => r.replace(/\\\|/g, '').split('|').length);
      expect(new Set(pipes).size).toBeLessThanOrEqual(1);
    }
  });
});
