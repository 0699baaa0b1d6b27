import { describe, expect, it } from 'vitest';
import { HOSTILE_POLICY, hostileReport } from '../../../../test/fixtures/hostile.js';
import { fixtureReport } from '../../../../test/fixtures/reports.js';
import { CONTENT_SECURITY_POLICY, CSS, SCRIPT } from './assets.js';
import { renderHtml } from './index.js';
import type { Finding } from '../../../checks/types.js';
import { GROUP_ABOVE, ROWS_PER_CHUNK, sharedArnPrefix, sharedMessageTail } from './page.js';

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
    expect(findingsCounted(html)).toBe(report.findings.length);
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

  it('writes a check with many findings as one table, a part per severity and status, chunked for layout', () => {
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
      const parts = [
        ...html.matchAll(
          new RegExp(`<div class="part" data-finding="" data-count="(\\d+)" data-check="${id}"`, 'g'),
        ),
      ];
      expect(parts.length).toBe(
        new Set(report.findings.filter((f) => f.checkId === id).map((f) => `${f.severity}:${f.status}`)).size,
      );
      expect(parts.reduce((sum, m) => sum + Number(m[1]), 0)).toBe(n);
      expect(
        count(html, new RegExp(`<article class="finding" data-finding="" data-check="${id}"`, 'g')),
      ).toBe(0);
    }
    // Every finding is counted once: a card, or a row of a part that counts it.
    expect(findingsCounted(html)).toBe(report.findings.length);

    // A check with thousands of findings: full chunks of ROWS_PER_CHUNK rows (skipped by layout off screen).
    const many = Array.from({ length: 2 * ROWS_PER_CHUNK + 7 }, (_, i) => ({
      ...report.findings[0]!,
      checkId: 'iam-users-mfa',
      resource: `arn:aws:iam::123456789012:user/u${i}`,
    }));
    const big = renderHtml({ ...report, findings: many });
    expect(count(big, /<div class="rows full">/g)).toBe(2);
    expect(count(big, /<div class="rows">/g)).toBe(1);
    expect(count(big, /<tr><td><i>arn:aws:iam::123456789012:<\/i>user\/u\d+<\/td>/g)).toBe(many.length);
  });

  it("writes what a check's findings share once per part, and every finding's resource and message", () => {
    const report = fixtureReport('messy');
    const note =
      ' (credential report generated 2026-11-23T11:00:00Z, 329 h ago; AWS refreshes it at most every 4 hours)';
    const users = Array.from({ length: 3 * GROUP_ABOVE }, (_, i) => `u${i}`);
    const findings: Finding[] = users.flatMap((u, i) => [
      {
        checkId: 'iam-users-mfa',
        title: 'Every IAM user has MFA',
        area: 'iam',
        severity: i % 3 === 0 ? 'low' : 'medium',
        status: i % 2 === 0 ? 'fail' : 'pass',
        resource: `arn:aws:iam::123456789012:user/${u}`,
        message: i % 2 === 0 ? `${u} has no MFA${note}.` : `${u} has MFA${note}.`,
        details: { user: u, mfaDevices: 0 },
      },
    ]);
    const page = renderHtml({ ...report, findings });
    const html = page.slice(page.indexOf('<section id="findings">'), page.indexOf('<section id="checks">'));
    const parts = new Set(findings.map((f) => `${f.severity}:${f.status}`)).size;
    expect(parts).toBe(4);
    // The filter attributes, the badges and the shared end of the messages: once per part.
    expect(count(html, /data-check="iam-users-mfa"/g)).toBe(1 + parts); // the group and its parts
    expect(count(html, /data-status="fail"/g)).toBe(2);
    expect(count(html, /<span class="badge st-fail">/g)).toBe(2);
    // The ARN prefix the part shares is muted on each row, never dropped: a reader searches for a whole ARN.
    expect(count(html, /<i>arn:aws:iam::123456789012:<\/i>/g)).toBe(findings.length);
    expect(count(html, /credential report generated/g)).toBe(parts);
    expect(count(page, /Why it matters:/g)).toBe(1);
    // ...and nothing of a finding is lost: every row has its resource, its message and its evidence.
    for (const f of findings) {
      const name = f.resource.split('/')[1] ?? '';
      const head = f.message.slice(0, f.message.indexOf(' ('));
      expect(html).toContain(
        `<tr><td><i>arn:aws:iam::123456789012:</i>user/${name}</td><td>${head}<div class="ev">Evidence: user: ${name}, mfaDevices: 0</div></td></tr>`,
      );
    }
  });

  it('finds the ARN prefix and message end a part shares, and only those', () => {
    expect(sharedArnPrefix(['arn:aws:iam::1:user/a', 'arn:aws:iam::1:role/b'])).toBe('arn:aws:iam::1:');
    expect(sharedArnPrefix(['arn:aws:iam::1:user/a', 'arn:aws:iam::2:user/a'])).toBe('');
    expect(sharedArnPrefix(['arn:aws:iam::1:user/a', 'not-an-arn'])).toBe('');
    const tail = ' (credential report generated 2026-11-23T11:00:00Z, 1 h ago)';
    expect(sharedMessageTail([`a has no MFA${tail}.`, `bb has no MFA${tail}.`])).toBe(`${tail}.`);
    // Only a parenthetical of some length, never a whole message, never for one message.
    expect(sharedMessageTail([`a${tail}.`, `b${tail}.`])).toBe(`${tail}.`);
    expect(sharedMessageTail([`${tail.trim()}.`, `${tail.trim()}.`])).toBe('');
    expect(sharedMessageTail([`a${tail}.`])).toBe('');
    expect(sharedMessageTail(['a (x) ends the same way here.', 'b (y) ends the same way here.'])).toBe('');
    expect(sharedMessageTail(['user a has no MFA (short).', 'user b has no MFA (short).'])).toBe('');
  });

  it('writes a list of thousands of admins in chunks of fixed columns, every admin in it', () => {
    const report = fixtureReport('messy');
    const [admin] = report.admins ?? [];
    expect(admin).toBeDefined();
    expect(renderHtml(report)).not.toContain('<section id="admins" class="chunked">');
    const admins = Array.from({ length: 2 * ROWS_PER_CHUNK + 3 }, (_, i) => ({
      ...admin!,
      name: `admin-${i}`,
    }));
    const html = renderHtml({ ...report, admins });
    expect(html).toContain('<section id="admins" class="chunked">');
    const section = html.slice(
      html.indexOf('<section id="admins"'),
      html.indexOf('</section>', html.indexOf('<section id="admins"')),
    );
    expect(count(section, /<div class="rows full">/g)).toBe(2);
    expect(count(section, /<div class="rows">/g)).toBe(1);
    expect(count(section, /<th scope="col">/g)).toBe(7); // the head once, not per chunk
    for (const a of admins) expect(section).toContain(`<tr><td>${a.name}</td>`);
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

/** The findings the page's [data-finding] elements stand for: a card one, a part of a table data-count. */
function findingsCounted(html: string): number {
  return [...html.matchAll(/data-finding=""(?: data-count="(\d+)")?/g)].reduce(
    (sum, m) => sum + Number(m[1] ?? 1),
    0,
  );
}

function count(text: string, re: RegExp): number {
  return text.match(re)?.length ?? 0;
}
