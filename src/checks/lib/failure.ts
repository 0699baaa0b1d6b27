import type { ErrorKind } from '../../snapshot/slice.js';

/** A failed AWS call as the snapshot records it (a slice error, or a part of a record). */
export interface Failure {
  message: string;
  action?: string | undefined;
  /** Absent in snapshots written before it was recorded. */
  kind?: ErrorKind | undefined;
}

/**
 * One failed call in words. Only a refusal names a missing permission: a throttled or broken call names the
 * action it was calling, so nobody goes looking for a permission that is not missing. Without `kind` (older
 * snapshots) the cause is unknown and the permission is named as before.
 */
export function describeFailure(f: Failure, fallbackAction?: string): string {
  const action = f.action ?? fallbackAction;
  if (f.kind === 'throttled')
    return `throttled by AWS${action ? ` calling ${action}` : ''}; run again later (${f.message})`;
  if (!action) return f.message;
  if (f.kind === 'access-denied') return `access denied (missing permission ${action})`;
  if (f.kind === undefined) return `${f.message} (missing permission ${action})`;
  return `${f.message} (calling ${action})`;
}

/**
 * AccessDenied "with an explicit deny in a service control policy" (or "because no service control policy allows
 * the ... action"): the organization closed it, in a region typically by the usual region-deny guardrail. It stays
 * closed whatever the caller's permissions, so what it hides is a warning, not an error on every run.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html
 */
export const deniedByScp = (message: string): boolean => /service control polic/i.test(message);

/** A failure as snapshots spell it in AWS's casing (the trails slice's Unread and RegionListError). */
export const failureOf = (e: {
  Message: string;
  Action?: string | undefined;
  Kind?: Failure['kind'];
}): Failure => ({
  message: e.Message,
  action: e.Action,
  kind: e.Kind,
});
