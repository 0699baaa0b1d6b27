import { partitionOf } from '../aws/regions.js';
import type { ClientPool } from '../aws/clients.js';
import { toSliceError } from '../aws/errors.js';
import {
  SLICE_NAMES,
  SNAPSHOT_SCHEMA_VERSION,
  sliceDataSchemas,
  type SliceData,
  type SliceName,
  type Slices,
  type Snapshot,
} from '../snapshot/schema.js';
import type { Slice } from '../snapshot/slice.js';
import { TOOL } from '../version.js';
import { identityCollector } from './identity.js';
import { COLLECTORS, withDependencies } from './registry.js';
import type { Collector, CollectorContext } from './types.js';

export type ProgressEvent =
  | { type: 'start'; slice: SliceName }
  | { type: 'done'; slice: SliceName; status: Slice<unknown>['status']; detail?: string };

export interface CollectOptions {
  pool: ClientPool;
  /** Collect only these slices and the slices they depend on (default: all). Others become `skipped`. */
  only?: readonly SliceName[];
  onProgress?: (event: ProgressEvent) => void;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

/** Thrown when even sts:GetCallerIdentity fails: without an identity nothing else can run. */
export class IdentityError extends Error {
  override name = 'IdentityError';
  constructor(override readonly cause: unknown) {
    super('cannot identify the caller');
  }
}

function validate<K extends SliceName>(slice: K, raw: unknown): Slice<SliceData[K]> {
  // JSON round trip: live data and data read from a file then have exactly the same shape.
  const json: unknown = JSON.parse(JSON.stringify(raw ?? null));
  const parsed = sliceDataSchemas[slice].safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
    return {
      status: 'error',
      error: { kind: 'invalid-data', message: `unexpected API response: ${where}${issue?.message ?? ''}` },
    };
  }
  return { status: 'ok', data: parsed.data as SliceData[K] };
}

export async function runCollector(
  collector: Collector,
  ctx: CollectorContext,
  prior: Partial<SliceData>,
): Promise<Slice<unknown>> {
  try {
    return validate(collector.slice, await collector.collect(ctx, prior));
  } catch (err) {
    return { status: 'error', error: toSliceError(err, collector.actions[0]) };
  }
}

/** Collects a snapshot of the account the pool's credentials belong to. Read-only: only List/Get/Describe. */
export async function collectSnapshot(options: CollectOptions): Promise<Snapshot> {
  const { pool } = options;
  const now = options.now ?? (() => new Date());
  const started = now();
  const progress = options.onProgress ?? (() => undefined);

  progress({ type: 'start', slice: 'identity' });
  let identity;
  try {
    identity = (await identityCollector.collect(
      { pool, accountId: '', partition: 'aws', region: pool.settings.region, sleep: () => Promise.resolve() },
      {},
    )) as SliceData['identity'];
  } catch (err) {
    throw new IdentityError(err);
  }
  progress({ type: 'done', slice: 'identity', status: 'ok', detail: identity.Arn });

  const partition = identity.Arn.split(':')[1] ?? partitionOf(pool.settings.region);
  const ctx: CollectorContext = {
    pool,
    accountId: identity.Account,
    partition,
    region: pool.settings.region,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
  };

  const slices: Partial<Record<SliceName, Slice<unknown>>> = { identity: { status: 'ok', data: identity } };
  const data: Partial<SliceData> = { identity };
  // A selected slice whose collector reads another (SCPs read the organization) brings that one along.
  const only = options.only ? withDependencies(options.only) : undefined;
  const wanted = COLLECTORS.filter((c) => !only || only.includes(c.slice));
  for (const c of COLLECTORS) {
    if (!wanted.includes(c)) slices[c.slice] = { status: 'skipped', reason: 'not selected' };
  }

  // Dependency waves: every collector whose inputs are ready runs in parallel with the others.
  let pending = [...wanted];
  while (pending.length > 0) {
    const ready = pending.filter((c) => (c.dependsOn ?? []).every((d) => slices[d] !== undefined));
    if (ready.length === 0)
      throw new Error(`collector dependency cycle: ${pending.map((c) => c.slice).join(', ')}`);
    pending = pending.filter((c) => !ready.includes(c));
    await Promise.all(
      ready.map(async (c) => {
        progress({ type: 'start', slice: c.slice });
        const missing = (c.dependsOn ?? []).filter((d) => slices[d]?.status !== 'ok');
        const result: Slice<unknown> =
          missing.length > 0
            ? { status: 'skipped', reason: `needs ${missing.join(', ')}, which could not be collected` }
            : await runCollector(c, ctx, data);
        slices[c.slice] = result;
        if (result.status === 'ok') (data as Record<string, unknown>)[c.slice] = result.data;
        progress({
          type: 'done',
          slice: c.slice,
          status: result.status,
          ...(result.status === 'error' ? { detail: result.error.message } : {}),
        });
      }),
    );
  }

  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    meta: {
      generatedAt: now().toISOString(),
      source: 'live',
      accountId: identity.Account,
      partition,
      region: pool.settings.region,
      callerArn: identity.Arn,
      tool: TOOL,
      collection: { apiCalls: { ...pool.apiCalls }, durationMs: now().getTime() - started.getTime() },
    },
    // Schema order, not completion order: two snapshots of the same account diff cleanly.
    slices: Object.fromEntries(
      SLICE_NAMES.filter((n) => slices[n] !== undefined).map((n) => [n, slices[n]]),
    ) as Slices,
  };
}
