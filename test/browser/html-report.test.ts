import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inflateSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/render/html/index.js';
import { ROWS_PER_CHUNK } from '../../src/report/render/html/page.js';
import type { Report } from '../../src/report/model.js';
import { ROOT } from '../e2e/run-cli.js';
import { HOSTILE, HOSTILE_POLICY, HOSTILE_USER, hostileReport } from '../fixtures/hostile.js';
import { fixtureReport, incompleteReport } from '../fixtures/reports.js';

// The HTML report in a real browser: Debian's chromium driven by playwright-core (never a downloaded browser).
// CI (CI=true) installs chromium and exports CHROMIUM_PATH; there a missing browser fails the suite.

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const inCi = process.env.CI === 'true';
const available = existsSync(executablePath);
if (!available && !inCi) {
  console.warn(
    `html browser tests skipped: no Chromium at ${executablePath} (apt-get install -y chromium, or set CHROMIUM_PATH)`,
  );
}
// The functions given to page.evaluate run in the page; the project compiles without the DOM library, so
// this file declares the little of it those functions use.
interface DomElement {
  hidden: boolean;
  attributes: ArrayLike<{ name: string }>;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
}
declare const document: { title: string; querySelectorAll(selector: string): ArrayLike<DomElement> };
declare function getComputedStyle(element: DomElement): { backgroundColor: string };

export const ARTIFACTS = join(ROOT, '.ci-out', 'screenshots');

describe.skipIf(!available && !inCi)('html report in headless Chromium', () => {
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'rampart-html-'));

  beforeAll(async () => {
    expect(existsSync(executablePath), `Chromium not found at ${executablePath}`).toBe(true);
    browser = await chromium.launch({
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  });

  interface Opened {
    page: Page;
    url: string;
    requests: string[];
    blocked: string[];
    dialogs: string[];
    errors: string[];
    close: () => Promise<void>;
  }

  /** Opens a rendered report from a file:// URL; every request but the page itself is recorded and aborted. */
  async function open(report: Report, name: string): Promise<Opened> {
    const file = join(dir, `${name}.html`);
    writeFileSync(file, renderHtml(report), { mode: 0o600 });
    const url = pathToFileURL(file).href;
    const context = await browser.newContext({
      viewport: { width: 1200, height: 900 },
      javaScriptEnabled: true,
    });
    const requests: string[] = [];
    const blocked: string[] = [];
    await context.route('**/*', async (route) => {
      const target = route.request().url();
      if (target === url) await route.continue();
      else {
        blocked.push(target);
        await route.abort('blockedbyclient');
      }
    });
    const page = await context.newPage();
    const dialogs: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url, { waitUntil: 'load' });
    return { page, url, requests, blocked, dialogs, errors, close: () => context.close() };
  }

  /** A check:status:severity:area line per visible finding (a part of a check's table stands for data-count). */
  const visibleFindings = (page: Page) =>
    page.$$eval('[data-finding]', (els: DomElement[]) =>
      els.filter((e) => !e.hidden).flatMap((e) => Array<string>(Number(e.getAttribute('data-count') ?? 1)).fill(`${e.getAttribute('data-check')}:${e.getAttribute('data-status')}:${e.getAttribute('data-severity')}:${e.getAttribute('data-area')}`)),
    ); // prettier-ignore

  it('loads without any network request and shows the Security Status panel', async () => {
    const report = incompleteReport();
    const o = await open(report, 'incomplete');
    try {
      expect(o.requests).toEqual([o.url]);
      expect(o.blocked).toEqual([]);
      expect(o.errors).toEqual([]);
      const panel = o.page.locator('#security-status');
      await expect.poll(() => panel.isVisible()).toBe(true);
      const items = await panel
        .locator('li')
        .evaluateAll((els: DomElement[]) =>
          els.map((e) => [
            e.getAttribute('data-check'),
            e.querySelector('.icon')?.getAttribute('aria-label'),
          ]),
        );
      const label = {
        pass: 'Passed',
        fail: 'Failed',
        error: 'Error',
        manual: 'Manual',
        not_applicable: 'Not applicable',
      };
      expect(items).toEqual(report.securityStatus.map((i) => [i.id, label[i.status]]));
      expect(items.map((i) => i[1])).toEqual(['Failed', 'Failed', 'Passed', 'Failed', 'Error']);
      // Green tick, red cross, grey question mark.
      const colours = await panel
        .locator('.icon')
        .evaluateAll((els: DomElement[]) => els.map((e) => getComputedStyle(e).backgroundColor));
      expect(colours).toEqual([
        'rgb(207, 34, 46)',
        'rgb(207, 34, 46)',
        'rgb(26, 127, 55)',
        'rgb(207, 34, 46)',
        'rgb(110, 119, 129)',
      ]);
    } finally {
      await o.close();
    }
  });

  it('filters by status, severity and area', async () => {
    const report = fixtureReport('messy');
    const o = await open(report, 'messy-filters');
    try {
      const { page } = o;
      const all = report.findings.length;
      // Default: what needs attention (fail, error, manual); passes and not-applicable hidden.
      let shown = await visibleFindings(page);
      expect(shown.length).toBe(
        report.findings.filter((f) => ['fail', 'error', 'manual'].includes(f.status)).length,
      );
      expect(shown.every((s) => !s.includes(':pass:'))).toBe(true);
      await expect
        .poll(() => page.locator('#shown-count').textContent())
        .toBe(`Showing ${shown.length} of ${all} findings`);

      await page.check('input[name="status"][value="pass"]');
      shown = await visibleFindings(page);
      expect(shown.filter((s) => s.includes(':pass:')).length).toBe(
        report.findings.filter((f) => f.status === 'pass').length,
      );

      await page.uncheck('input[name="severity"][value="critical"]');
      shown = await visibleFindings(page);
      expect(shown.some((s) => s.endsWith(':critical:root'))).toBe(false);
      expect(shown.length).toBe(
        report.findings.filter((f) => f.severity !== 'critical' && f.status !== 'not_applicable').length,
      );

      await page.selectOption('select[name="area"]', 'root');
      shown = await visibleFindings(page);
      expect(shown.length).toBe(
        report.findings.filter(
          (f) => f.area === 'root' && f.severity !== 'critical' && f.status !== 'not_applicable',
        ).length,
      );
      expect(shown.every((s) => s.endsWith(':root') && !s.endsWith(':critical:root'))).toBe(true);
      // A check's table (messy groups its per-user checks) hides with its last visible row.
      const groups = await page.$$eval('[data-group]', (els: DomElement[]) =>
        els.map((e) => [e.getAttribute('data-area'), e.hidden]),
      );
      expect(groups.length).toBeGreaterThan(0);
      expect(groups.filter(([area, hidden]) => !hidden && area !== 'root')).toEqual([]);
      await page.check('input[name="severity"][value="critical"]');
      shown = await visibleFindings(page);
      expect(shown.some((s) => s.endsWith(':critical:root'))).toBe(true);
      expect(shown.every((s) => s.endsWith(':root'))).toBe(true);
      await expect
        .poll(() => page.locator('#shown-count').textContent())
        .toBe(`Showing ${shown.length} of ${all} findings`);
      expect(o.requests).toEqual([o.url]);
    } finally {
      await o.close();
    }
  });

  it("finds a whole ARN with the browser's find-in-page, in a check's big table too (rows off screen included)", async () => {
    const report = fixtureReport('messy');
    const [first] = report.findings;
    if (!first) throw new Error('messy has findings');
    // 3 chunks of rows of one check: the last ones are far below the fold (content-visibility: auto).
    const findings = Array.from({ length: 2 * ROWS_PER_CHUNK + 5 }, (_, i) => ({
      ...first,
      checkId: 'iam-users-mfa',
      status: 'fail' as const,
      resource: `arn:aws:iam::123456789012:user/person-${i}`,
      message: `person-${i} has no MFA.`,
    }));
    const o = await open({ ...report, findings }, 'arn-search');
    try {
      const found = (arn: string) =>
        o.page.evaluate(
          (text: string) => (globalThis as unknown as { find(s: string): boolean }).find(text),
          arn,
        );
      expect(await found('arn:aws:iam::123456789012:user/person-3')).toBe(true);
      expect(await found(`arn:aws:iam::123456789012:user/person-${2 * ROWS_PER_CHUNK + 4}`)).toBe(true);
      expect(await found('arn:aws:iam::123456789012:user/nobody')).toBe(false);
    } finally {
      await o.close();
    }
  });

  it('takes a full-page screenshot that is a real picture', async () => {
    const o = await open(fixtureReport('fresh'), 'fresh');
    try {
      mkdirSync(ARTIFACTS, { recursive: true });
      const file = join(ARTIFACTS, 'fresh-account.png');
      await o.page.screenshot({ path: file, fullPage: true });
      const png = readFileSync(file);
      const info = pngInfo(png);
      expect(info.width).toBe(1200);
      expect(info.height).toBeGreaterThan(900);
      expect(png.length).toBeGreaterThan(20_000);
      expect(info.distinctBytes).toBeGreaterThan(50); // not a blank page
    } finally {
      await o.close();
    }
  });

  it('renders hostile names, tags and policy text as text: no dialog, no injected element, no request', async () => {
    const o = await open(hostileReport(), 'hostile');
    try {
      const { page } = o;
      await page.check('input[name="status"][value="pass"]');
      await page.waitForTimeout(300); // give any injected handler the chance to fire
      expect(o.dialogs).toEqual([]);
      expect(o.errors).toEqual([]);
      expect(o.requests).toEqual([o.url]);
      const injected = await page.evaluate(() => ({
        img: document.querySelectorAll('img').length,
        svg: document.querySelectorAll('svg').length,
        injected: document.querySelectorAll('injected').length,
        scripts: document.querySelectorAll('script').length,
        handlers: Array.from(document.querySelectorAll('*')).filter((e) =>
          Array.from(e.attributes).some((a) => a.name.toLowerCase().startsWith('on')),
        ).length,
        title: document.title,
      }));
      expect(injected).toEqual({
        img: 0,
        svg: 0,
        injected: 0,
        scripts: 1,
        handlers: 0,
        title: expect.stringContaining('<b>alias</b>'),
      });
      const text = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
      expect(text).toContain(HOSTILE_USER);
      expect(text).toContain(HOSTILE_POLICY);
      for (const h of HOSTILE.slice(0, 6)) expect(text).toContain(h.replace(/\s+/g, ' '));
    } finally {
      await o.close();
    }
  });
});

/** Width, height and how varied the pixel bytes are, read straight from the PNG chunks. */
function pngInfo(png: Buffer): { width: number; height: number; distinctBytes: number } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.subarray(offset + 4, offset + 8).toString('ascii');
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
    } else if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const pixels = inflateSync(Buffer.concat(idat));
  return { width, height, distinctBytes: new Set(pixels).size };
}
