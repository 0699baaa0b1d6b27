import type { SliceData, SliceName, Snapshot } from '../../snapshot/schema.js';
import { describeSliceError } from '../run.js';

/** An optional slice (declared in a check's `uses`): its data, or why it is missing, in one sentence. */
export type OptionalSlice<K extends SliceName> =
  { ok: true; data: SliceData[K] } | { ok: false; problem: string };

export function optionalSlice<K extends SliceName>(snapshot: Snapshot, name: K): OptionalSlice<K> {
  const slice = snapshot.slices[name];
  if (slice.status === 'ok') return { ok: true, data: slice.data };
  if (slice.status === 'skipped')
    return { ok: false, problem: `${name} was not collected (${slice.reason})` };
  return { ok: false, problem: `${name} could not be collected: ${describeSliceError(slice.error)}` };
}

/** "3 h", "2 days": how long ago `then` was, for messages. */
export function age(then: Date, now: Date): string {
  const hours = Math.max(0, Math.floor((now.getTime() - then.getTime()) / 3_600_000));
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} days`;
}

export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);
