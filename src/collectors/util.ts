import { actionOf, toSliceError } from '../aws/errors.js';
import type { ErrorKind } from '../snapshot/slice.js';

/** Drops the SDK's response metadata (request id, attempts): transport detail, not account data. */
export function withoutMetadata<T extends object>(out: T): Omit<T, '$metadata'> {
  return omit(out as T & { $metadata?: unknown }, ['$metadata']);
}

/** A shallow copy of `obj` without `keys`. */
export function omit<T extends object, K extends keyof T>(obj: T, keys: readonly K[]): Omit<T, K> {
  const drop = new Set<PropertyKey>(keys);
  return Object.fromEntries(Object.entries(obj).filter(([k]) => !drop.has(k))) as Omit<T, K>;
}

/**
 * IAM returns policy documents URL-encoded (RFC 3986); the AWS CLI prints them decoded, as JSON objects.
 * Accepts either form (an already-decoded object is returned as is) so the snapshot always holds objects.
 */
export function decodePolicyDocument(doc: unknown): unknown {
  if (typeof doc !== 'string') return doc;
  const attempts = [doc];
  try {
    attempts.unshift(decodeURIComponent(doc));
  } catch {
    // not URL-encoded (a bare '%' in the JSON): try it as is
  }
  for (const text of attempts) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // try the next form
    }
  }
  throw new Error(`policy document is neither JSON nor URL-encoded JSON: ${doc.slice(0, 60)}`);
}

/** One failed part of a per-resource record (trail status, bucket policy...): kept beside the data. */
export interface PartError {
  part: string;
  message: string;
  action?: string;
  kind: ErrorKind;
}

export function partError(part: string, err: unknown, fallbackAction: string): PartError {
  const e = toSliceError(err, fallbackAction);
  return { part, message: e.message, action: actionOf(err) ?? fallbackAction, kind: e.kind };
}

/** The AWS error code of an SDK error ('NoSuchBucketPolicy', 'ReportInProgress'...), or ''. */
export const errorName = (err: unknown): string =>
  typeof err === 'object' && err !== null && typeof (err as { name?: unknown }).name === 'string'
    ? (err as { name: string }).name
    : '';

/**
 * `fn` over `items` with at most `limit` calls in flight; results in the order of `items`. `fn` should not throw
 * (catch per item): the first rejection rejects the whole, as Promise.all would.
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
