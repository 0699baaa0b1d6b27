import { appendFile, chmod, readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Change } from './types.js';

/**
 * The journal: JSON lines, mode 0600, appended as apply goes. It says what Rampart created or changed,
 * with enough data to undo it, and never holds a secret.
 */
export const journalRecordSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('begin'),
    at: z.string(),
    accountId: z.string(),
    partition: z.string(),
    region: z.string(),
    tool: z.string(),
  }),
  z.object({
    type: z.literal('change'),
    at: z.string(),
    action: z.string(),
    change: z.looseObject({ kind: z.string() }),
  }),
  z.object({
    type: z.literal('step'),
    at: z.string(),
    action: z.string(),
    outcome: z.enum(['changed', 'unchanged', 'skipped', 'declined', 'failed', 'manual', 'pending']),
    message: z.string().optional(),
  }),
  z.object({ type: z.literal('completed'), at: z.string() }),
  z.object({
    type: z.literal('undone'),
    at: z.string(),
    action: z.string(),
    /** Index of the `change` record (0-based among change records) that was undone. */
    index: z.number().int(),
    /** What the undo deliberately left in place, e.g. "kept: 12 objects in s3://…". */
    note: z.string().optional(),
  }),
  z.object({ type: z.literal('rolled-back'), at: z.string() }),
]);
export type JournalRecord = z.infer<typeof journalRecordSchema>;

export class JournalError extends Error {
  override name = 'JournalError';
}

export async function readJournal(file: string): Promise<JournalRecord[] | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new JournalError(`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const records: JournalRecord[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]?.trim() ?? '';
    if (line === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      // A line cut short by a crash can only be the last one, after the run's first records.
      if (i >= lines.length - 2 && records.length > 0) continue;
      throw new JournalError(
        `${file}: not a Rampart journal (line ${i + 1} is not a JSON record; a journal is JSON Lines written by rampart apply)`,
      );
    }
    const parsed = journalRecordSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new JournalError(
        `${file}: line ${i + 1}: not a Rampart journal record (${issue?.path.join('.') ?? ''} ${issue?.message ?? ''})`,
      );
    }
    records.push(parsed.data);
  }
  if (records.length > 0 && records[0]?.type !== 'begin') {
    throw new JournalError(`${file}: not a Rampart journal (the first record is not "begin")`);
  }
  return records;
}

export class Journal {
  constructor(
    readonly file: string,
    readonly records: JournalRecord[],
  ) {}

  async append(record: JournalRecord): Promise<void> {
    await appendFile(this.file, `${JSON.stringify(record)}\n`, { mode: 0o600 });
    await chmod(this.file, 0o600);
    this.records.push(record);
  }

  get begin(): Extract<JournalRecord, { type: 'begin' }> | undefined {
    const first = this.records[0];
    return first?.type === 'begin' ? first : undefined;
  }

  get completed(): boolean {
    return this.records.some((r) => r.type === 'completed');
  }

  /** Changes in the order they were made, with their index among change records. */
  changes(): { index: number; action: string; change: Change }[] {
    const out: { index: number; action: string; change: Change }[] = [];
    for (const r of this.records) {
      if (r.type === 'change') out.push({ index: out.length, action: r.action, change: r.change });
    }
    return out;
  }

  undoneIndexes(): Set<number> {
    return new Set(this.records.flatMap((r) => (r.type === 'undone' ? [r.index] : [])));
  }
}

export async function openJournal(file: string): Promise<Journal> {
  return new Journal(file, (await readJournal(file)) ?? []);
}
