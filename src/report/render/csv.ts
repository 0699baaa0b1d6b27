import type { Report, ReportAdmin } from '../model.js';
import { FRAMEWORKS, fixSteps, sortFindings } from './common.js';
import { adminAccessText, adminMfaText, adminOfFinding, adminPathTexts } from './extras.js';

const HEADER = [
  'check_id',
  'title',
  'area',
  'severity',
  'status',
  'resource',
  'message',
  'suppressed',
  'suppression_reason',
  'suppression_owner',
  'suppression_expires',
  'cis_v5',
  'cis_v6',
  'security_hub',
  'fix',
  // The admins list: filled on the iam-admins-inventory / iam-privilege-escalation row of each admin.
  'admin_tier',
  'admin_access',
  'admin_mfa',
  'admin_paths',
] as const;

/**
 * A spreadsheet treats a cell starting with = + - @ (or a tab / carriage return) as a formula; values come
 * from the account (user names, tags), so prefix those with a quote to keep them text.
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** RFC 4180: quote fields holding a comma, quote, CR or LF; double embedded quotes. */
export function csvField(value: string): string {
  const safe = neutralizeFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const line = (fields: readonly string[]): string => `${fields.map(csvField).join(',')}\r\n`;

const adminFields = (a: ReportAdmin | undefined): string[] =>
  a ? [a.tier, adminAccessText(a), adminMfaText(a), adminPathTexts(a).join('; ')] : ['', '', '', ''];

/** One row per finding (passes included), CRLF line ends, header first. */
export function renderCsv(report: Report): string {
  const rows = sortFindings(report.findings).map((f) => {
    const check = report.checks[f.checkId];
    const [cisV5 = '', cisV6 = '', securityHub = ''] = FRAMEWORKS.map((fw) =>
      (check?.controls[fw] ?? []).join(' '),
    );
    return line([
      f.checkId,
      f.title,
      f.area,
      f.severity,
      f.status,
      f.resource,
      f.message,
      f.suppressed ? 'true' : 'false',
      f.suppressed?.reason ?? '',
      f.suppressed?.owner ?? '',
      f.suppressed?.expires ?? '',
      cisV5,
      cisV6,
      securityHub,
      f.status === 'fail' || f.status === 'manual' ? fixSteps(check).join(' ') : '',
      ...adminFields(adminOfFinding(report, f)),
    ]);
  });
  return line(HEADER) + rows.join('');
}

const ADMINS_HEADER = [
  'principal',
  'type',
  'name',
  'tier',
  'access',
  'conditions',
  'mfa_required_for_admin',
  'mfa_device',
  'console_access',
  'last_used',
  'outside',
  'paths',
] as const;

const flag = (v: boolean | null): string => (v === null ? '' : String(v));

/** `rampart admins --output csv`: one row per admin (a spreadsheet of who is admin and how), CRLF, header first. */
export function renderAdminsCsv(admins: readonly ReportAdmin[]): string {
  const rows = admins.map((a) =>
    line([
      a.principal,
      a.type,
      a.name,
      a.tier,
      a.access,
      a.conditions.join(' '),
      String(a.mfa.requiredForAdmin),
      flag(a.mfa.enabled),
      flag(a.consoleAccess),
      a.lastUsed ?? '',
      (a.outside ?? []).map((g) => `${g.principal}${g.open ? ' (open)' : ''}`).join('; '),
      adminPathTexts(a).join('; '),
    ]),
  );
  return line(ADMINS_HEADER) + rows.join('');
}
