import { parse } from 'csv-parse/sync';
import type { RosterPerson } from '../checks/types.js';

export const ROSTER_COLUMNS = ['name', 'userName', 'email', 'employeeId', 'status'] as const;
type Column = (typeof ROSTER_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['name', 'status'];

/** A roster file that cannot be used: one line naming the file, the line and what is wrong. */
export class RosterError extends Error {
  override name = 'RosterError';
}

interface CsvFailure {
  code?: string;
  lines?: number;
  message: string;
}

function csvProblem(err: unknown): { line?: number; message: string } {
  const e = err as CsvFailure;
  const raw = e.message || String(err);
  const length = /expect (\d+), got (\d+)/.exec(raw);
  const message =
    e.code === 'CSV_QUOTE_NOT_CLOSED'
      ? 'a quoted field is never closed'
      : length
        ? `expected ${length[1] ?? '?'} fields like the header, got ${length[2] ?? '?'}`
        : raw.replace(/\s+(on|at) line \d+$/, '');
  return e.lines !== undefined ? { line: e.lines, message } : { message };
}

/**
 * Parses the roster CSV (header `name,userName,email,employeeId,status`, any column order; `name` and
 * `status` required; status `active` or `left`). `file` is only used in error messages.
 */
export function parseRoster(text: string, file: string): RosterPerson[] {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, {
      bom: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as unknown as typeof rows;
  } catch (err) {
    const p = csvProblem(err);
    throw new RosterError(`${file}: ${p.line !== undefined ? `line ${p.line}: ` : ''}${p.message}`);
  }
  const [header, ...records] = rows;
  if (!header) throw new RosterError(`${file}: empty; expected a header line ${ROSTER_COLUMNS.join(',')}`);
  const columns = header.record;
  for (const col of columns) {
    if (!(ROSTER_COLUMNS as readonly string[]).includes(col))
      throw new RosterError(
        `${file}: line ${header.info.lines}: unknown column "${col}" (expected ${ROSTER_COLUMNS.join(',')})`,
      );
  }
  for (const col of REQUIRED) {
    if (!columns.includes(col))
      throw new RosterError(`${file}: line ${header.info.lines}: missing column "${col}"`);
  }
  const seenUser = new Map<string, number>();
  return records.map(({ record, info }) => {
    const at = `${file}: line ${info.lines}`;
    const cell = (col: Column): string | undefined => {
      const v = record[columns.indexOf(col)];
      return v === undefined || v === '' ? undefined : v;
    };
    const name = cell('name');
    if (!name) throw new RosterError(`${at}: name is empty`);
    const status = cell('status')?.toLowerCase();
    if (status !== 'active' && status !== 'left')
      throw new RosterError(`${at}: status must be "active" or "left", got "${cell('status') ?? ''}"`);
    const userName = cell('userName');
    if (userName) {
      const first = seenUser.get(userName.toLowerCase());
      if (first !== undefined)
        throw new RosterError(`${at}: userName "${userName}" is already on line ${first}`);
      seenUser.set(userName.toLowerCase(), info.lines);
    }
    const email = cell('email');
    const employeeId = cell('employeeId');
    return {
      name,
      status,
      ...(userName ? { userName } : {}),
      ...(email ? { email } : {}),
      ...(employeeId ? { employeeId } : {}),
    };
  });
}
