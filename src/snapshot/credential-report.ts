import { parse } from 'csv-parse/sync';
import {
  CREDENTIAL_DATE_COLUMNS,
  CREDENTIAL_DATE_EXPECTED,
  CREDENTIAL_FLAG_VALUES,
  credentialReportRowSchema,
  flagExpected,
  isCredentialDate,
  type CredentialReportRow,
} from './aws-shapes.js';

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
    const problem = credentialRowProblem(row);
    if (problem) throw new CredentialReportFormatError(`${where}: ${problem}`);
    return row as CredentialReportRow;
  });
}

/**
 * What is wrong with a row's values, or undefined: a yes/no column outside its values (CREDENTIAL_FLAG_VALUES,
 * case aside), or a date column that holds neither a date nor one of AWS's no-date words (isCredentialDate).
 */
export function credentialRowProblem(row: Readonly<Record<string, unknown>>): string | undefined {
  for (const [column, allowed] of Object.entries(CREDENTIAL_FLAG_VALUES)) {
    const value = row[column];
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value.toLowerCase())) continue;
    return `${column} is '${String(value)}'; ${flagExpected(allowed)}`;
  }
  for (const column of CREDENTIAL_DATE_COLUMNS) {
    const value = row[column];
    if (typeof value === 'string' && isCredentialDate(value)) continue;
    return `${column} is '${String(value)}'; ${CREDENTIAL_DATE_EXPECTED}`;
  }
  return undefined;
}

/** Decodes GetCredentialReport's Content (bytes from the SDK, base64 text from the AWS CLI's JSON). */
export function decodeCredentialReportContent(content: Uint8Array | string): string {
  return typeof content === 'string'
    ? Buffer.from(content, 'base64').toString('utf8')
    : Buffer.from(content).toString('utf8');
}
