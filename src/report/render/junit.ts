import type { Finding } from '../../checks/types.js';
import type { Report } from '../model.js';
import { fixSteps, shortResource, sortFindings } from './common.js';
import { ADMIN_TIER_TEXT, adminAccessText, adminMfaText, adminOfFinding, adminPathTexts } from './extras.js';

/** XML 1.0 cannot carry most control characters even escaped: drop them, then escape the five specials. */
export function xmlEscape(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const attrs = (values: Record<string, string | number>): string =>
  Object.entries(values)
    .map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`)
    .join('');

/** The admins list in JUnit: each admin's tier, access and paths as the system-out of its inventory / escalation testcase. */
function testcase(f: Finding, report: Report): string {
  const xml = testcaseXml(f, report);
  const admin = adminOfFinding(report, f);
  if (!admin) return xml;
  const text = [
    `${ADMIN_TIER_TEXT[admin.tier]} · ${adminAccessText(admin)} · MFA: ${adminMfaText(admin)}`,
    ...adminPathTexts(admin),
  ].join('\n');
  const out = `      <system-out>${xmlEscape(text)}</system-out>\n    </testcase>\n`;
  return xml.endsWith('/>\n') ? `${xml.slice(0, -3)}>\n${out}` : xml.replace(/ {4}<\/testcase>\n$/, out);
}

function testcaseXml(f: Finding, report: Report): string {
  const open = `    <testcase${attrs({
    name: `${f.checkId} ${shortResource(f.resource)}`,
    classname: `rampart.${f.area}.${f.checkId}`,
    file: f.resource,
    time: 0,
  })}`;
  const check = report.checks[f.checkId];
  if (f.suppressed) {
    return `${open}>\n      <skipped${attrs({ message: `Suppressed: ${f.suppressed.reason}` })}/>\n    </testcase>\n`;
  }
  switch (f.status) {
    case 'pass':
      return `${open}/>\n`;
    case 'fail': {
      const body = [
        f.message,
        `Severity: ${f.severity}`,
        `Resource: ${f.resource}`,
        ...(check ? ['', 'How to fix:', ...fixSteps(check).map((s, i) => `${i + 1}. ${s}`)] : []),
      ].join('\n');
      return `${open}>\n      <failure${attrs({ message: f.message, type: f.severity })}>${xmlEscape(body)}</failure>\n    </testcase>\n`;
    }
    case 'error':
      return `${open}>\n      <error${attrs({ message: f.message, type: 'incomplete' })}>${xmlEscape(`${f.message}\nResource: ${f.resource}`)}</error>\n    </testcase>\n`;
    case 'manual':
    case 'not_applicable':
      return `${open}>\n      <skipped${attrs({ message: `${f.status === 'manual' ? 'Manual' : 'Not applicable'}: ${f.message}` })}/>\n    </testcase>\n`;
  }
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

function count(findings: readonly Finding[]): Counts {
  const active = findings.filter((f) => !f.suppressed);
  return {
    tests: findings.length,
    failures: active.filter((f) => f.status === 'fail').length,
    errors: active.filter((f) => f.status === 'error').length,
    skipped:
      findings.length - active.filter((f) => f.status !== 'manual' && f.status !== 'not_applicable').length,
  };
}

/**
 * The report's warnings (what the checks could not see or judge) as a testsuite's `<system-err>`, one
 * `warning: …` line each, as on the terminal. The JUnit schema has no place for them on `<testsuites>`, and they
 * qualify every area's results, so each testsuite carries them: Jenkins shows a suite's system-err as the
 * standard error of each of its testcases that has none of its own.
 */
function systemErr(report: Report): string {
  const warnings = report.warnings ?? [];
  if (warnings.length === 0) return '';
  return `    <system-err>${xmlEscape(warnings.map((w) => `warning: ${w}`).join('\n'))}</system-err>\n`;
}

/** JUnit XML for CI dashboards: one testsuite per area, one testcase per finding. */
export function renderJunit(report: Report): string {
  const areas = [...new Set(report.findings.map((f) => f.area))];
  const err = systemErr(report);
  const suites = areas.map((area) => {
    const findings = sortFindings(report.findings.filter((f) => f.area === area));
    const c = count(findings);
    return (
      `  <testsuite${attrs({ name: `rampart.${area}`, ...c, time: 0, timestamp: report.generatedAt })}>\n` +
      findings.map((f) => testcase(f, report)).join('') +
      err +
      '  </testsuite>\n'
    );
  });
  // No finding at all (every check deselected is refused earlier, but a report may still be empty): the warnings
  // still need a suite to travel in.
  if (suites.length === 0 && err !== '') {
    const empty = { name: 'rampart', tests: 0, failures: 0, errors: 0, skipped: 0, time: 0 };
    suites.push(`  <testsuite${attrs({ ...empty, timestamp: report.generatedAt })}>\n${err}  </testsuite>\n`);
  }
  const total = count(report.findings);
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites${attrs({ name: `Rampart audit of AWS account ${report.account.id}`, ...total, time: 0 })}>\n` +
    suites.join('') +
    '</testsuites>\n'
  );
}
