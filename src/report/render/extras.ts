import type { Report } from '../model.js';

// Optional report sections that other parts of the product add over time (the admins list, suppressions,
// attestations). Renderers read them defensively: any shape that is not an array of objects is ignored, and
// every value is turned into plain text here, so each renderer only has to escape strings.

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

type Extras = Report & { admins?: unknown; suppressions?: unknown; attestations?: unknown };

/** Every admin, however they got there (issue 4); absent until the report carries it. */
export function adminsTable(report: Report): TextTable | undefined {
  const rows = rowsOf((report as Extras).admins, 'admins');
  return (
    rows &&
    table('Admins', rows, ['name', 'type', 'tier', 'access', 'mfa', 'consoleAccess', 'lastUsed', 'paths'])
  );
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
