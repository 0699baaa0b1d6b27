import { z } from 'zod';

/** What kind of failure a call ended in: only `access-denied` means a permission is missing. */
export const errorKindSchema = z.enum([
  'access-denied',
  'throttled',
  'not-found',
  'region',
  'network',
  'invalid-data',
  'other',
]);
export type ErrorKind = z.infer<typeof errorKindSchema>;

/** Why a slice could not be collected. `action` names the IAM action of the call that failed, when known. */
export const sliceErrorSchema = z.object({
  kind: errorKindSchema,
  message: z.string(),
  action: z.string().optional(),
});
export type SliceError = z.infer<typeof sliceErrorSchema>;

/** Every slice is ok (with the raw API data), error (with the reason) or skipped (never collected). */
export function sliceSchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('status', [
    z.object({ status: z.literal('ok'), data }),
    z.object({ status: z.literal('error'), error: sliceErrorSchema }),
    z.object({ status: z.literal('skipped'), reason: z.string() }),
  ]);
}

export type Slice<T> =
  { status: 'ok'; data: T } | { status: 'error'; error: SliceError } | { status: 'skipped'; reason: string };

export const ok = <T>(data: T): Slice<T> => ({ status: 'ok', data });
export const skipped = <T>(reason: string): Slice<T> => ({ status: 'skipped', reason });
export const failed = <T>(error: SliceError): Slice<T> => ({ status: 'error', error });
