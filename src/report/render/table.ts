import type { Finding, Status } from '../../checks/types.js';
import { SEVERITY_ORDER, type Report } from '../model.js';
import type { Colors } from './colors.js';
import { actionable, findingsByCheck, hardenCommandFor, snapshotLabel } from './common.js';
import {
  ADMIN_TIER_TEXT,
  adminAccessText,
  adminMfaText,
  adminPathTexts,
  adminsIncomplete,
  noAdminsText,
} from './extras.js';

const SYMBOL: Record<Status, string> = { pass: '✔', fail: '✘', error: '?', manual: '•', not_applicable: '–' };

function mark(status: Status, c: Colors): string {
  switch (status) {
    case 'pass':
      return c.green(SYMBOL.pass);
    case 'fail':
      return c.red(SYMBOL.fail);
    case 'error':
      return c.gray(SYMBOL.error);
    case 'manual':
      return c.yellow(SYMBOL.manual);
    case 'not_applicable':
      return c.gray(SYMBOL.not_applicable);
  }
}

const shortResource = (arn: string): string => arn.replace(/^arn:aws[\w-]*:[\w-]*:[\w-]*:\d*:/, '');

function ageText(minutes: number): string {
  if (minutes < 90) return `${minutes} min`;
  return minutes < 48 * 60 ? `${(minutes / 60).toFixed(1)} h` : `${Math.round(minutes / 1440)} days`;
}

/** The terminal view: the IAM console's Security Status panel first, then what needs attention by severity. */
export function renderTable(report: Report, c: Colors): string {
  const out: string[] = [];
  const account = report.account.alias ? `${report.account.id} (${report.account.alias})` : report.account.id;
  const source =
    report.source === 'example'
      ? c.yellow('EXAMPLE ACCOUNT (bundled sample data, not your AWS account)')
      : report.source === 'snapshot'
        ? snapshotLabel(report.snapshot.source, report.snapshot.generatedAt)
        : 'live';
  out.push(c.bold(`Rampart audit · account ${account} · ${source}`));
  const cr = report.snapshot.credentialReport;
  if (cr) {
    out.push(
      c.dim(
        `Credential report generated ${cr.generatedAt} (${ageText(cr.ageMinutes)} old; AWS reuses a report for up to 4 h, so recent fixes may not show yet)`,
      ),
    );
  }
  out.push(...warningLines(report, c));
  out.push('', c.bold('Security Status (IAM dashboard)'));
  for (const item of report.securityStatus) {
    out.push(`  ${mark(item.status, c)} ${item.title}`);
    if (item.status !== 'pass') out.push(c.dim(`      ${item.message}`));
  }

  const open = report.findings.filter((f) => !f.suppressed && actionable(f));
  out.push('');
  if (open.length === 0) {
    out.push(c.green('No findings need attention.'));
  }
  for (const severity of SEVERITY_ORDER) {
    const group = open.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    out.push(c.bold(`${severity.toUpperCase()} (${group.length})`));
    // A check's findings together, its fix once (under its first finding), at most MAX_PER_CHECK of them: a
    // large account fails one check on thousands of users, and a terminal is for reading.
    for (const [checkId, list] of findingsByCheck(group)) {
      const firstFail = list.find((f) => f.status === 'fail');
      for (const f of list.slice(0, MAX_PER_CHECK)) out.push(...findingLines(f, report, c, f === firstFail));
      if (list.length > MAX_PER_CHECK)
        out.push(
          c.dim(
            `  … and ${list.length - MAX_PER_CHECK} more ${checkId} findings (every one: --output json, csv or html)`,
          ),
        );
    }
    out.push('');
  }

  const suppressed = report.findings.filter((f) => f.suppressed);
  if (suppressed.length > 0) {
    out.push(c.dim(`${suppressed.length} finding(s) suppressed:`));
    for (const f of suppressed) {
      const who = [
        f.suppressed?.owner ? `owner ${f.suppressed.owner}` : '',
        f.suppressed?.expires ? `until ${f.suppressed.expires}` : '',
      ].filter(Boolean);
      out.push(
        c.dim(
          `  ${f.checkId} ${shortResource(f.resource)}: ${f.suppressed?.reason ?? ''}${who.length > 0 ? ` (${who.join(', ')})` : ''}`,
        ),
      );
    }
    out.push('');
  }
  out.push(...adminLines(report, c), ...suppressionLines(report, c), ...attestationLines(report, c));

  const s = report.summary;
  out.push(
    `Summary: ${c.red(`${s.fail} failed`)}, ${c.green(`${s.pass} passed`)}, ${s.error} error, ${s.manual} manual, ${s.not_applicable} not applicable` +
      (s.suppressed > 0 ? `, ${s.suppressed} suppressed` : ''),
  );
  if (report.collection) {
    const calls = Object.entries(report.collection.apiCalls)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([svc, n]) => `${svc} ${n}`)
      .join(', ');
    out.push(
      c.dim(
        `Collected with ${report.collection.totalApiCalls} API calls (${calls}) in ${(report.collection.durationMs / 1000).toFixed(1)} s`,
      ),
    );
  }
  return `${out.join('\n')}\n`;
}

/** One finding; `withFix`: also the check's fix (shown under the first failing finding of each check). */
function findingLines(f: Finding, report: Report, c: Colors, withFix: boolean): string[] {
  const lines = [
    `  ${mark(f.status, c)} ${c.bold(f.checkId)}  ${c.dim(shortResource(f.resource))}`,
    `      ${f.message}`,
  ];
  const fix = report.checks[f.checkId]?.remediation;
  if (withFix && f.status === 'fail' && fix) {
    // A step list is read as a whole ("..., then:" followed by the command), so never cut it after the first line.
    const steps = fix.action
      ? [`${hardenCommandFor(fix)} (action ${fix.action})`]
      : fix.manual.slice(0, MAX_FIX_LINES);
    steps.forEach((step, i) => lines.push(c.cyan(`      ${i === 0 ? 'Fix: ' : '     '}${step}`)));
    if (!fix.action && fix.manual.length > MAX_FIX_LINES)
      lines.push(
        c.cyan(`           (${fix.manual.length - MAX_FIX_LINES} more: rampart explain ${f.checkId})`),
      );
  }
  return lines;
}

/** Warnings shown at the top of the table; the rest are counted (the JSON report holds every one). */
export const MAX_WARNINGS = 10;

/** What the checks could not see or judge: said before any result, which it qualifies. */
function warningLines(report: Report, c: Colors): string[] {
  const warnings = report.warnings ?? [];
  const lines = warnings.slice(0, MAX_WARNINGS).map((w) => `${c.yellow('warning:')} ${w}`);
  if (warnings.length > MAX_WARNINGS)
    lines.push(c.dim(`… and ${warnings.length - MAX_WARNINGS} more warnings (every one: --output json)`));
  return lines;
}

/** Manual fix lines shown per finding; the rest is one `rampart explain` away. */
const MAX_FIX_LINES = 4;
/** Findings of one check shown per severity; the rest are counted (the other formats hold them all). */
export const MAX_PER_CHECK = 25;
/** Admins listed in the audit table (strongest tier first); `rampart admins` lists them all. */
export const MAX_ADMINS = 100;

function suppressionLines(report: Report, c: Colors): string[] {
  const lines: string[] = [];
  const expired = report.suppressions?.expired ?? [];
  if (expired.length > 0) {
    lines.push(
      c.yellow(`${expired.length} suppression(s) expired and no longer apply (renew or remove them):`),
    );
    for (const s of expired) {
      const effect = s.matches > 0 ? `; ${s.matches} finding(s) count again` : '';
      lines.push(
        `  ${s.check} ${s.resource}: expired ${s.expires ?? ''}${s.owner ? `, owner ${s.owner}` : ''}${effect}`,
      );
    }
    lines.push('');
  }
  const unused = report.suppressions?.unused ?? [];
  if (unused.length > 0) {
    lines.push(c.dim(`${unused.length} suppression(s) matched no open finding (fixed? remove them):`));
    for (const s of unused) lines.push(c.dim(`  ${s.check} ${s.resource}: ${s.reason}`));
    lines.push('');
  }
  return lines;
}

/** The admins list, grouped by tier, each with its easiest access and every path. */
function adminLines(report: Report, c: Colors): string[] {
  const admins = report.admins;
  if (!admins) return [];
  const incomplete = adminsIncomplete(report);
  const lines = [
    c.bold(
      `Admins (${admins.length}${incomplete ? ', incomplete' : ''}): who is admin or can become one, and how`,
    ),
  ];
  if (admins.length === 0) {
    const text = `  ${noAdminsText(report)}`;
    lines.push(incomplete ? c.yellow(text) : c.green(text));
  }
  for (const a of admins.slice(0, MAX_ADMINS)) {
    const mfa = adminMfaText(a);
    lines.push(
      `  ${a.type.padEnd(5)} ${a.name}  ${c.dim('·')} ${ADMIN_TIER_TEXT[a.tier]} · ${adminAccessText(a)}${mfa === '—' ? '' : ` · ${mfa}`}`,
    );
    const paths = adminPathTexts(a);
    for (const p of paths.slice(0, 3)) lines.push(c.dim(`      ${p}`));
    if (paths.length > 3) lines.push(c.dim(`      +${paths.length - 3} more path(s); see --output json`));
  }
  if (admins.length > MAX_ADMINS)
    lines.push(
      c.dim(
        `  … and ${admins.length - MAX_ADMINS} more (the strongest are listed first; every one: rampart admins, or --output json, csv or html)`,
      ),
    );
  lines.push('');
  return lines;
}

function attestationLines(report: Report, c: Colors): string[] {
  const attestations = report.attestations ?? [];
  if (attestations.length === 0) return [];
  const lines = [c.bold('Attestations (manual items vouched for in the config)')];
  for (const a of attestations) {
    const until = a.expires ? (a.expired ? c.red(`, EXPIRED ${a.expires}`) : `, until ${a.expires}`) : '';
    lines.push(
      `  ${a.expired ? c.red(SYMBOL.fail) : c.green(SYMBOL.pass)} ${a.checkId}: by ${a.by} on ${a.date}${until}`,
    );
    lines.push(c.dim(`      ${a.note}`));
  }
  lines.push('');
  return lines;
}
