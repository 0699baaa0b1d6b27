import { actionOf, classifyAwsError, errorLine, messageOf } from '../aws/errors.js';

/** One line for a failed AWS call: access denied names the permission; never a stack trace. */
export function describeAwsFailure(err: unknown): string {
  // A 403 whose body the SDK could not parse (e.g. an XML error from a JSON API) is still a refusal.
  const status = (err as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
  const kind = status === 403 ? 'access-denied' : classifyAwsError(err);
  const action = actionOf(err);
  const text = (
    kind === 'unreadable-answer' ? errorLine(err, kind) : (messageOf(err).split('\n')[0] ?? '')
  ).trim();
  if (kind === 'access-denied')
    return `access denied${action ? ` (missing permission ${action})` : ''}: ${text}`;
  if (kind === 'throttled')
    return `throttled by AWS${action ? ` on ${action}` : ''}; try again later: ${text}`;
  return action ? `${action} failed: ${text}` : text;
}

/**
 * Thrown by an action that did what it could and needs the person to finish later (an MFA device created
 * without a terminal, waiting for two codes). The step ends "pending", with the message saying how to finish.
 */
export class StepPending extends Error {
  override name = 'StepPending';
  constructor(
    message: string,
    /** Whether this run changed the account before stopping (e.g. it created the device). */
    readonly changed: boolean,
  ) {
    super(message);
  }
}

/**
 * Thrown by an undo that deliberately left a change in place because undoing it would hurt (e.g. strip the rights
 * of someone added since) or is impossible. Rollback reports it as not undone, with this message.
 */
export class NotUndone extends Error {
  override name = 'NotUndone';
}

/** A shell word: as is when safe, else single-quoted. */
export function shellWord(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
