import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JournalError, openJournal } from './journal.js';
import { rollback } from './rollback.js';
import { actionContext, rollbackOptions } from './testing.js';
import { defineAction, type RemediationAction } from './types.js';

const BEGIN = {
  type: 'begin',
  at: 't',
  accountId: '123456789012',
  partition: 'aws',
  region: 'eu-west-1',
  tool: 't',
};
const change = (action: string, kind: string) => ({ type: 'change', at: 't', action, change: { kind } });

/** An action that journals 'made' and counts its undos. */
function maker(undone: string[]): RemediationAction {
  return defineAction<null>({
    id: 'maker',
    title: 'make',
    fixes: [],
    changeKinds: ['made'],
    permissions: ['svc:Make'],
    cost: 'Free.',
    userImpact: 'None.',
    read: () => Promise.resolve(null),
    satisfied: () => false,
    describe: () => ({ before: [], after: [] }),
    apply: () => Promise.resolve(),
    undo(_ctx, c) {
      undone.push(c.kind);
      return Promise.resolve(undefined);
    },
  });
}

async function journalOf(records: object[]) {
  const file = join(await mkdtemp(join(tmpdir(), 'rampart-rollback-')), 'j.jsonl');
  const text = records.map((r) => JSON.stringify(r)).join('\n') + '\n';
  await writeFile(file, text);
  return { file, text, journal: await openJournal(file) };
}

async function run(journal: Awaited<ReturnType<typeof openJournal>>, actions: RemediationAction[]) {
  return rollback(rollbackOptions(journal, actions, actionContext().pool));
}

describe('rollback checks the whole journal before undoing anything', () => {
  it.each([
    [
      'an unknown change kind',
      [BEGIN, change('maker', 'made'), change('maker', 'melted')],
      /j\.jsonl: record 3: change\.kind 'melted' is not a change maker makes \(expected: made\)$/,
    ],
    [
      'an unknown action',
      [BEGIN, change('maker', 'made'), change('nobody', 'made')],
      /j\.jsonl: record 3: action 'nobody' is not a Rampart remediation action$/,
    ],
    [
      'an undone record that names no change',
      [BEGIN, change('maker', 'made'), { type: 'undone', at: 't', action: 'maker', index: 4 }],
      /j\.jsonl: record 3: index 4 is not a change of maker in this journal$/,
    ],
  ])('%s: one line naming the file and record; nothing undone', async (_name, records, line) => {
    const undone: string[] = [];
    const { file, text, journal } = await journalOf(records);
    const failure = run(journal, [maker(undone)]);
    await expect(failure).rejects.toThrow(JournalError);
    await expect(failure).rejects.toThrow(line);
    expect(undone).toEqual([]);
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('a valid journal is undone newest first', async () => {
    const undone: string[] = [];
    const { journal } = await journalOf([BEGIN, change('maker', 'made'), change('maker', 'made')]);
    const results = await run(journal, [maker(undone)]);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect(undone).toEqual(['made', 'made']);
  });
});
