import type { ClientPool } from '../aws/clients.js';
import type { SliceData, SliceName } from '../snapshot/schema.js';

export interface CollectorContext {
  pool: ClientPool;
  /** The account being collected (from sts:GetCallerIdentity, which always runs first). */
  accountId: string;
  partition: string;
  region: string;
  /** Injected so tests can make backoff instant. */
  sleep: (ms: number) => Promise<void>;
}

/** One collector per slice: the only code that calls AWS. */
export interface Collector<K extends SliceName = SliceName> {
  slice: K;
  /** IAM actions this collector calls; `rampart permissions` builds the audit policy from these. */
  actions: readonly string[];
  /** Slices that must be collected first; their data arrives in `prior`. */
  dependsOn?: readonly SliceName[];
  /**
   * Returns the raw API data; the orchestrator round-trips it through JSON and validates it against the
   * slice schema, so SDK shapes (Dates, optional fields) need no hand conversion here.
   */
  collect(ctx: CollectorContext, prior: Partial<SliceData>): Promise<unknown>;
}

export function defineCollector<K extends SliceName>(collector: Collector<K>): Collector<K> {
  return collector;
}
