import type { ClientPool } from '../aws/clients.js';
import { describeAwsFailure, NotUndone } from './errors.js';
import { JournalError, type Journal } from './journal.js';
import type { Change, RemediationAction, UndoContext } from './types.js';

export interface UndoResult {
  action: string;
  kind: string;
  ok: boolean;
  message: string;
  /** What the undo deliberately left in place (a log bucket that holds objects). */
  note?: string;
}

export interface RollbackOptions {
  /** The journal as checkJournal accepted it: checked once, before anything (an AWS session) is opened. */
  checked: CheckedJournal;
  pool: ClientPool;
  /** From sts:GetCallerIdentity: some undos depend on who runs them (root keys). */
  identity: { Account: string; Arn: string };
  say: (line: string) => void;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  /** Asked once before anything is undone; false stops. */
  confirm: (summary: string) => Promise<boolean>;
}

export class RollbackRefused extends Error {
  override name = 'RollbackRefused';
}

/** A short description of a journaled change, for lists and prompts. */
export function describeChange(action: string, change: { kind: string; [k: string]: unknown }): string {
  const detail = Object.entries(change)
    .filter(([k, v]) => k !== 'kind' && (typeof v === 'string' || typeof v === 'number'))
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
  return `${action}: ${change.kind}${detail ? ` (${detail})` : ''}`;
}

/** A journaled change with the action that undoes it. */
interface Undoable {
  index: number;
  action: RemediationAction;
  change: Change;
}

/** A journal checkJournal accepted, with each of its changes and the action that undoes it: what rollback takes. */
export interface CheckedJournal {
  journal: Journal;
  changes: readonly Undoable[];
}

/**
 * Checks the whole journal before anything is undone: every change must name an action and a kind that action
 * journals, every undone record an earlier change of that action. A journal edited by hand or written by another
 * version fails here, naming the file and the record (1-based), instead of halfway through a rollback. Runs once: the
 * rollback command calls it before it opens an AWS session, and rollback() takes what it returns.
 */
export function checkJournal(journal: Journal, actions: readonly RemediationAction[]): CheckedJournal {
  const changes: Undoable[] = [];
  const undone: { record: number; action: string; index: number }[] = [];
  journal.records.forEach((r, i) => {
    const where = `${journal.file}: record ${i + 1}`;
    if (r.type === 'undone') undone.push({ record: i + 1, action: r.action, index: r.index });
    if (r.type !== 'change') return;
    const action = actions.find((a) => a.id === r.action);
    if (!action) {
      throw new JournalError(`${where}: action '${r.action}' is not a Rampart remediation action`);
    }
    if (!action.changeKinds.includes(r.change.kind)) {
      const known = action.changeKinds.length > 0 ? action.changeKinds.join(', ') : 'none';
      throw new JournalError(
        `${where}: change.kind '${r.change.kind}' is not a change ${action.id} makes (expected: ${known})`,
      );
    }
    changes.push({ index: changes.length, action, change: r.change });
  });
  for (const u of undone) {
    if (changes[u.index]?.action.id !== u.action) {
      throw new JournalError(
        `${journal.file}: record ${u.record}: index ${u.index} is not a change of ${u.action} in this journal`,
      );
    }
  }
  return { journal, changes };
}

/**
 * Undoes the journal's changes in reverse order. Only what the journal says Rampart created or changed is
 * touched; what existed before stays. Each undo is journaled, so an interrupted rollback resumes.
 */
export async function rollback(options: RollbackOptions): Promise<UndoResult[]> {
  const { journal, changes } = options.checked;
  const begin = journal.begin;
  if (!begin) throw new RollbackRefused(`${journal.file}: empty journal, nothing to roll back`);
  if (begin.accountId !== options.identity.Account) {
    throw new RollbackRefused(
      `${journal.file} records changes to account ${begin.accountId}, but these credentials belong to account ${options.identity.Account}`,
    );
  }
  const undone = journal.undoneIndexes();
  const todo = changes.filter((c) => !undone.has(c.index)).reverse();
  if (todo.length === 0) {
    options.say('Nothing to roll back: every change in the journal is already undone.');
    return [];
  }
  const summary = todo.map((c) => `  - ${describeChange(c.action.id, c.change)}`).join('\n');
  if (!(await options.confirm(`Undo ${todo.length} change(s), newest first:\n${summary}`))) {
    throw new RollbackRefused('rollback declined; nothing was changed');
  }
  const ctx: UndoContext = {
    pool: options.pool,
    accountId: begin.accountId,
    partition: begin.partition,
    region: begin.region,
    callerArn: options.identity.Arn,
    say: options.say,
    sleep: options.sleep,
    journaled: journal.changes(),
  };
  const results: UndoResult[] = [];
  for (const item of todo) {
    const action = item.action;
    const label = describeChange(action.id, item.change);
    try {
      const note = (await action.undo(ctx, item.change)) ?? undefined;
      await journal.append({
        type: 'undone',
        at: options.now().toISOString(),
        action: action.id,
        index: item.index,
        ...(note ? { note } : {}),
      });
      results.push({
        action: action.id,
        kind: item.change.kind,
        ok: true,
        message: note ? `undone: ${label}; ${note}` : `undone: ${label}`,
        ...(note ? { note } : {}),
      });
    } catch (err) {
      results.push({
        action: action.id,
        kind: item.change.kind,
        ok: false,
        message:
          err instanceof NotUndone
            ? `not undone: ${label}: ${err.message}`
            : `could not undo ${label}: ${describeAwsFailure(err)}`,
      });
    }
  }
  if (results.every((r) => r.ok)) {
    await journal.append({ type: 'rolled-back', at: options.now().toISOString() });
  }
  return results;
}
