import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { DeleteAccountAliasCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../remediation/actions/index.js';
import { CliError } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { rollbackCommand } from './rollback.js';

const sts = mockClient(STSClient);
const iam = mockClient(IAMClient);
afterEach(() => {
  sts.reset();
  iam.reset();
});

const BEGIN = {
  type: 'begin',
  at: '2026-11-23T12:00:00Z',
  accountId: '123456789012',
  partition: 'aws',
  region: 'eu-west-1',
  tool: 'rampart test',
};
const alias = (kind: string) => ({
  type: 'change',
  at: '2026-11-23T12:00:01Z',
  action: 'iam-set-account-alias',
  change: { kind, alias: 'acme' },
});

async function journalDir(records: object[]) {
  const dir = await mkdtemp(join(tmpdir(), 'rampart-rollback-cmd-'));
  await writeFile(join(dir, 'j.jsonl'), records.map((r) => `${JSON.stringify(r)}\n`).join(''));
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.resume();
  const io: CliIo = { stdout, stderr, env: {}, cwd: dir, now: () => new Date('2026-11-23T13:00:00Z') };
  return { dir, io, out: () => out };
}

const FLAGS = { yes: true, output: 'json', quiet: true } as const;

/** Counts how often rollback looks at which changes iam-set-account-alias journals (once per change checked). */
function countKindReads(): { reads: () => number; restore: () => void } {
  const action = ACTIONS.find((a) => a.id === 'iam-set-account-alias');
  if (!action) throw new Error('no iam-set-account-alias action');
  const kinds = action.changeKinds;
  let reads = 0;
  Object.defineProperty(action, 'changeKinds', {
    configurable: true,
    get: () => (reads++, kinds),
  });
  return {
    reads: () => reads,
    restore: () => {
      Object.defineProperty(action, 'changeKinds', { configurable: true, writable: true, value: kinds });
    },
  };
}

describe('rampart rollback JOURNAL', () => {
  it('checks the journal once: each journaled change is checked before the session opens, not again', async () => {
    const { io, out } = await journalDir([BEGIN, alias('alias-created')]);
    sts.on(GetCallerIdentityCommand).resolves({
      Account: '123456789012',
      Arn: 'arn:aws:iam::123456789012:user/setup',
    });
    iam.on(DeleteAccountAliasCommand).resolves({});
    const counter = countKindReads();
    try {
      expect(await rollbackCommand('j.jsonl', { ...FLAGS }, io)).toBe(0);
      expect(counter.reads()).toBe(1);
    } finally {
      counter.restore();
    }
    expect(iam.commandCalls(DeleteAccountAliasCommand)[0]?.args[0].input).toEqual({ AccountAlias: 'acme' });
    expect(JSON.parse(out())).toMatchObject({ undone: [{ kind: 'alias-created', ok: true }] });
  });

  it('a journal rollback could not undo fails with one line naming the record, before any AWS call', async () => {
    const { dir, io } = await journalDir([BEGIN, alias('alias-created'), alias('alias-renamed')]);
    const text = await readFile(join(dir, 'j.jsonl'), 'utf8');
    const failure = rollbackCommand('j.jsonl', { ...FLAGS }, io);
    await expect(failure).rejects.toThrow(CliError);
    await expect(failure).rejects.toThrow(
      `${join(dir, 'j.jsonl')}: record 3: change.kind 'alias-renamed' is not a change iam-set-account-alias makes (expected: alias-deleted, alias-created)`,
    );
    expect(sts.calls()).toHaveLength(0);
    expect(iam.calls()).toHaveLength(0);
    expect(await readFile(join(dir, 'j.jsonl'), 'utf8')).toBe(text);
  });
});
