import type { ClientPool } from '../aws/clients.js';
import { describeAwsFailure, NotUndone } from './errors.js';
import type { Journal } from './journal.js';
import type { RemediationAction, UndoContext } from './types.js';

export interface UndoResult {
  action: string;
  kind: string;
  ok: boolean;
  message: string;
  /** What the undo deliberately left in place (a log bucket that holds objects). */
  note?: string;
}

export interface RollbackOptions {
  journal: Journal;
  actions: readonly RemediationAction[];
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

/**
 * Undoes the journal's changes in reverse order. Only what the journal says Rampart created or changed is
 * touched; what existed before stays. Each undo is journaled, so an interrupted rollback resumes.
 */
export async function rollback(options: RollbackOptions): Promise<UndoResult[]> {
  const { journal } = options;
  const begin = journal.begin;
  if (!begin) throw new RollbackRefused(`${journal.file}: empty journal, nothing to roll back`);
  if (begin.accountId !== options.identity.Account) {
    throw new RollbackRefused(
      `${journal.file} records changes to account ${begin.accountId}, but these credentials belong to account ${options.identity.Account}`,
    );
  }
  const undone = journal.undoneIndexes();
  const todo = journal
    .changes()
    .filter((c) => !undone.has(c.index))
    .reverse();
  if (todo.length === 0) {
    options.say('Nothing to roll back: every change in the journal is already undone.');
    return [];
  }
  const summary = todo.map((c) => `  - ${describeChange(c.action, c.change)}`).join('\n');
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
    const action = options.actions.find((a) => a.id === item.action);
    const label = describeChange(item.action, item.change);
    if (!action) {
      results.push({
        action: item.action,
        kind: item.change.kind,
        ok: false,
        message: `unknown action in ${label}`,
      });
      continue;
    }
    try {
      const note = (await action.undo(ctx, item.change)) ?? undefined;
      await journal.append({
        type: 'undone',
        at: options.now().toISOString(),
        action: item.action,
        index: item.index,
        ...(note ? { note } : {}),
      });
      results.push({
        action: item.action,
        kind: item.change.kind,
        ok: true,
        message: note ? `undone: ${label}; ${note}` : `undone: ${label}`,
        ...(note ? { note } : {}),
      });
    } catch (err) {
      results.push({
        action: item.action,
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
