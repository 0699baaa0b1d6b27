import type { Finding } from '../../checks/types.js';
import type { Report, ReportAdmin } from '../model.js';

// Optional report sections (the admins list, suppressions, attestations) as plain-text tables, so each
// renderer only has to escape strings. The admins list is typed; the others are read defensively: any shape
// that is not an array of objects is ignored.

export interface TextTable {
  title: string;
  columns: string[];
  rows: string[][];
}

type Loose = Record<string, unknown>;

const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A value as one line of text. Nested objects become `key: value` pairs; lists are joined with `; `. */
export function plainText(value: unknown, depth = 0): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (depth > 3) return '…';
  if (Array.isArray(value))
    return value
      .map((v) =>
        isObject(v) && typeof v.description === 'string' ? v.description : plainText(v, depth + 1),
      )
      .filter((s) => s !== '')
      .join('; ');
  if (isObject(value))
    return Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}: ${plainText(v, depth + 1) || '—'}`)
      .join(', ');
  return '';
}

function rowsOf(value: unknown, key: string): Loose[] | undefined {
  const list = isObject(value) && Array.isArray(value[key]) ? value[key] : value;
  if (!Array.isArray(list)) return undefined;
  const rows = list.filter(isObject);
  return rows.length === list.length ? rows : undefined;
}

const HEADINGS: Record<string, string> = {
  name: 'Name',
  type: 'Type',
  tier: 'Tier',
  access: 'Access',
  mfa: 'MFA',
  consoleAccess: 'Console',
  lastUsed: 'Last used',
  principal: 'Principal',
  paths: 'How',
  checkId: 'Check',
  resource: 'Resource',
  reason: 'Reason',
  owner: 'Owner',
  expires: 'Expires',
  expired: 'Expired',
  by: 'By',
  date: 'Date',
  note: 'Note',
};

function table(title: string, rows: Loose[], preferred: readonly string[]): TextTable | undefined {
  if (rows.length === 0) return undefined;
  const present = new Set(rows.flatMap((r) => Object.keys(r).filter((k) => r[k] !== undefined)));
  const keys = [
    ...preferred.filter((k) => present.has(k)),
    ...[...present].filter((k) => !preferred.includes(k)),
  ];
  return {
    title,
    columns: keys.map((k) => HEADINGS[k] ?? k),
    rows: rows.map((r) => keys.map((k) => plainText(r[k]))),
  };
}

type Extras = Report & { suppressions?: unknown; attestations?: unknown };

export const ADMIN_TIER_TEXT: Record<ReportAdmin['tier'], string> = {
  full: 'full admin',
  'iam-admin': 'can make itself admin',
  'via-role': 'admin through a role',
  potential: 'can escalate to admin',
};

/** How easily an admin's easiest path (or one path) works. */
export const adminAccessText = (a: Pick<ReportAdmin, 'access' | 'conditions'>): string =>
  a.access === 'unconditional'
    ? 'no MFA needed'
    : a.access === 'mfa-only'
      ? 'MFA required'
      : `only if ${a.conditions.join(', ') || 'conditions allow'}`;

/** Users: whether the credential report shows an MFA device; other principals have none of their own. */
export const adminMfaText = (a: ReportAdmin): string =>
  a.type !== 'user' || a.mfa.enabled === null ? '—' : a.mfa.enabled ? 'has MFA' : 'no MFA device';

/** Every path, each with the policies that grant it. */
export const adminPathTexts = (a: ReportAdmin): string[] =>
  a.paths.map((p) => {
    const by = p.grantedBy.length > 0 ? ` (${p.grantedBy.join('; ')})` : '';
    return `${p.description.replace(/\.$/, '')}${by}`;
  });

/** The checks with one finding per admin: inventory (full, iam-admin, via-role) and escalation (potential). */
const ADMIN_LIST_CHECKS = new Set(['iam-admins-inventory', 'iam-privilege-escalation']);

/**
 * The admin entry a finding lists (its resource is the admin's ARN), if any: formats with one record per
 * finding (CSV, JUnit, OCSF) carry the admins list on these findings, once per admin.
 */
export function adminOfFinding(report: Report, f: Finding): ReportAdmin | undefined {
  if (!ADMIN_LIST_CHECKS.has(f.checkId) || !report.admins) return undefined;
  let index = byPrincipal.get(report.admins);
  if (!index) byPrincipal.set(report.admins, (index = new Map(report.admins.map((a) => [a.principal, a]))));
  return index.get(f.resource);
}
const byPrincipal = new WeakMap<readonly ReportAdmin[], Map<string, ReportAdmin>>();

/**
 * The admins list is incomplete when iam-admins-inventory could not evaluate (the export lacks policies that
 * decide who is admin): the list then holds only what the analysis could see, and says so.
 */
export const adminsIncomplete = (report: Report): boolean =>
  report.findings.some((f) => f.checkId === 'iam-admins-inventory' && f.status === 'error');

/** The admins section's empty line: nobody is admin, or nobody was found in an incomplete export. */
export const noAdminsText = (report: Report): string =>
  adminsIncomplete(report)
    ? 'No admin found in what the export holds; the list is incomplete (see iam-admins-inventory).'
    : 'No user, group or role is admin or can become one.';

/** Every admin, however they got there; undefined when the report has no admins list. */
export function adminsTable(report: Report): TextTable | undefined {
  if (!report.admins) return undefined;
  return {
    title: adminsIncomplete(report) ? 'Admins (incomplete)' : 'Admins',
    columns: ['Principal', 'Type', 'Tier', 'Access', 'MFA', 'Last used', 'How'],
    rows:
      report.admins.length === 0
        ? [['—', '—', '—', '—', '—', '—', noAdminsText(report)]]
        : report.admins.map((a) => [
            a.name,
            a.type,
            ADMIN_TIER_TEXT[a.tier],
            adminAccessText(a),
            adminMfaText(a),
            a.type === 'group' ? '—' : (a.lastUsed ?? 'never/unknown'),
            adminPathTexts(a).join('; '),
          ]),
  };
}

export function suppressionsTable(report: Report): TextTable | undefined {
  const rows = rowsOf((report as Extras).suppressions, 'suppressions');
  return (
    rows && table('Suppressions', rows, ['checkId', 'resource', 'reason', 'owner', 'expires', 'expired'])
  );
}

export function attestationsTable(report: Report): TextTable | undefined {
  const rows = rowsOf((report as Extras).attestations, 'attestations');
  return rows && table('Attestations', rows, ['checkId', 'by', 'date', 'note', 'expires']);
}

export function extraTables(report: Report): TextTable[] {
  return [adminsTable(report), suppressionsTable(report), attestationsTable(report)].filter(
    (t): t is TextTable => t !== undefined,
  );
}
