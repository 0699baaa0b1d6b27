import { parse } from 'csv-parse/sync';
import { credentialReportRowSchema, type CredentialReportRow } from './aws-shapes.js';

/** The columns every credential report has had since 2016; AWS may append more (they are kept). */
export const CREDENTIAL_REPORT_COLUMNS = Object.keys(credentialReportRowSchema.shape) as readonly string[];

/** A credential report that is not the CSV AWS produces (truncated download, edited file, wrong file). */
export class CredentialReportFormatError extends Error {
  override name = 'CredentialReportFormatError';
}

/**
 * Parses the credential report CSV (as GetCredentialReport returns it, or as saved from the console) into
 * rows keyed by column name. Values stay strings, exactly as AWS writes them.
 * Throws CredentialReportFormatError with a one-line message naming the source and the line at fault.
 */
export function parseCredentialReport(csv: string, source = 'credential report'): CredentialReportRow[] {
  const text = csv.replace(/^\uFEFF/, '');
  if (text.trim() === '')
    throw new CredentialReportFormatError(`${source}: empty, expected a CSV header line`);

  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new CredentialReportFormatError(`${source}: not a valid CSV file (${message})`);
  }

  const [head, ...body] = records;
  if (!head) throw new CredentialReportFormatError(`${source}: empty, expected a CSV header line`);
  const header = head.record.map((h) => h.trim());
  const missing = CREDENTIAL_REPORT_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    const shown =
      missing.slice(0, 4).join(', ') + (missing.length > 4 ? `, … (${missing.length} in all)` : '');
    throw new CredentialReportFormatError(
      `${source}: line ${head.info.lines}: header lacks column${missing.length > 1 ? 's' : ''} ${shown}; expected an IAM credential report`,
    );
  }
  const duplicate = header.find((h, i) => header.indexOf(h) !== i);
  if (duplicate !== undefined) {
    throw new CredentialReportFormatError(
      `${source}: line ${head.info.lines}: column '${duplicate}' appears twice`,
    );
  }

  return body.map(({ record, info }) => {
    if (record.length !== header.length) {
      throw new CredentialReportFormatError(
        `${source}: line ${info.lines} has ${record.length} column${record.length === 1 ? '' : 's'}, expected ${header.length} (truncated or edited file?)`,
      );
    }
    const row: Record<string, string> = {};
    header.forEach((name, i) => (row[name] = record[i] ?? ''));
    const where = `${source}: line ${info.lines}, user ${row.user ?? ''}`;
    checkFlags(row, where);
    checkDates(row, where);
    return row as CredentialReportRow;
  });
}

/**
 * The yes/no columns and the values AWS writes in them (the root user's password_enabled is not_supported).
 * The checks read anything but `true` as false, so another value (`yes`) would pass them unseen.
 */
const FLAG_VALUES: Readonly<Record<string, readonly string[]>> = {
  password_enabled: ['true', 'false', 'not_supported'],
  mfa_active: ['true', 'false'],
  access_key_1_active: ['true', 'false'],
  access_key_2_active: ['true', 'false'],
  cert_1_active: ['true', 'false'],
  cert_2_active: ['true', 'false'],
};

/** Case aside (a spreadsheet may write TRUE), a flag must be one of its values. */
function checkFlags(row: Record<string, string>, where: string): void {
  for (const [column, allowed] of Object.entries(FLAG_VALUES)) {
    const value = row[column] ?? '';
    if (allowed.includes(value.toLowerCase())) continue;
    throw new CredentialReportFormatError(
      `${where}: ${column} is '${value}'; expected ${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1) ?? ''}`,
    );
  }
}

/**
 * The date columns: an ISO 8601 date-time, or a word AWS writes when there is no date (N/A: never used or no key;
 * no_information: not used since IAM began tracking; not_supported: the root user's password columns).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
 * The checks read anything else as "no date", so a date a spreadsheet rewrote (11/20/2026 17:03) would make
 * root-not-used and iam-unused-credentials pass unseen.
 */
const DATE_COLUMNS = [
  'user_creation_time',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'cert_1_last_rotated',
  'cert_2_last_rotated',
] as const;
const NO_DATE = ['n/a', 'no_information', 'not_supported'];
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function checkDates(row: Record<string, string>, where: string): void {
  for (const column of DATE_COLUMNS) {
    const value = row[column] ?? '';
    if (NO_DATE.includes(value.toLowerCase())) continue;
    if (ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))) continue;
    throw new CredentialReportFormatError(
      `${where}: ${column} is '${value}'; expected an ISO 8601 date-time (2026-11-20T17:03:10+00:00), N/A, no_information or not_supported`,
    );
  }
}

/** Decodes GetCredentialReport's Content (bytes from the SDK, base64 text from the AWS CLI's JSON). */
export function decodeCredentialReportContent(content: Uint8Array | string): string {
  return typeof content === 'string'
    ? Buffer.from(content, 'base64').toString('utf8')
    : Buffer.from(content).toString('utf8');
}
