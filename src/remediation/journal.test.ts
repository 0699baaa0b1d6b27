import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JournalError, readJournal } from './journal.js';

const file = async (text: string) => {
  const f = join(await mkdtemp(join(tmpdir(), 'rampart-journal-')), 'j.jsonl');
  await writeFile(f, text);
  return f;
};
const BEGIN = JSON.stringify({
  type: 'begin',
  at: 't',
  accountId: '123456789012',
  partition: 'aws',
  region: 'r',
  tool: 't',
});

describe('readJournal', () => {
  it('a missing file is "no journal yet"; a line cut short by a crash at the end is dropped', async () => {
    expect(await readJournal('/nonexistent/j.jsonl')).toBeUndefined();
    const f = await file(`${BEGIN}\n{"type":"change","at":"t","action":"a","cha`);
    expect(await readJournal(f)).toHaveLength(1);
  });

  it('rejects other files with one line naming the file and line', async () => {
    await expect(readJournal(await file('{"hello":1}\n'))).rejects.toThrow(
      /j\.jsonl: line 1: not a Rampart journal record/,
    );
    await expect(readJournal(await file(`${BEGIN}\nnot json\n${BEGIN}\n`))).rejects.toThrow(
      /line 2 is not a JSON record/,
    );
    // Any one-line text file (e.g. --journal notes.txt): not a journal to append to or roll back.
    await expect(readJournal(await file('my notes\n'))).rejects.toThrow(
      /j\.jsonl: not a Rampart journal \(line 1 is not a JSON record/,
    );
    await expect(readJournal(await file('{\n  "kind": "rampart-plan"\n}\n'))).rejects.toThrow(
      /not a Rampart journal \(line 1/,
    );
    const f = await file(`${JSON.stringify({ type: 'completed', at: 't' })}\n`);
    await expect(readJournal(f)).rejects.toThrow(JournalError);
  });
});
