import type { Snapshot, SliceName } from '../snapshot/schema.js';
import type { SliceError } from '../snapshot/slice.js';
import { describeFailure } from './lib/failure.js';
import {
  DEFAULT_CHECK_OPTIONS,
  type Check,
  type CheckContext,
  type CheckOptions,
  type Finding,
  type NeededData,
} from './types.js';

export interface RunOptions {
  now: Date;
  options?: Partial<CheckOptions>;
  /** Only these check ids (default: all given). */
  only?: readonly string[];
  /** Called once per distinct warning a check gives (see CheckContext.warn), in the order they come. */
  onWarning?: (message: string) => void;
}

function describeSliceProblem(name: SliceName, snapshot: Snapshot): string | undefined {
  const slice = snapshot.slices[name];
  if (slice.status === 'ok') return undefined;
  if (slice.status === 'skipped') return `${name} was not collected (${slice.reason})`;
  return `${name} could not be collected: ${describeSliceError(slice.error)}`;
}

export function describeSliceError(error: SliceError): string {
  return describeFailure(error);
}

/** Runs checks over a snapshot. Pure: same snapshot, same `now`, same findings. */
export function runChecks(snapshot: Snapshot, checks: readonly Check[], run: RunOptions): Finding[] {
  const options: CheckOptions = { ...DEFAULT_CHECK_OPTIONS, ...run.options };
  const warned = new Set<string>();
  const ctx: CheckContext = {
    now: run.now,
    options,
    accountId: snapshot.meta.accountId,
    partition: snapshot.meta.partition,
    snapshot,
    warn(message) {
      if (warned.has(message)) return;
      warned.add(message);
      run.onWarning?.(message);
    },
  };
  const selected = run.only ? checks.filter((c) => run.only?.includes(c.id)) : checks;
  const findings: Finding[] = [];
  for (const check of selected) {
    const base = { checkId: check.id, title: check.title, area: check.area };
    const problems = check.needs.map((n) => describeSliceProblem(n, snapshot)).filter((p) => p !== undefined);
    if (problems.length > 0) {
      findings.push({
        ...base,
        status: 'error',
        severity: check.severity,
        resource: `arn:${snapshot.meta.partition}:iam::${snapshot.meta.accountId}:root`,
        message: `Cannot evaluate: ${problems.join('; ')}`,
      });
      continue;
    }
    const data = Object.fromEntries(
      check.needs.map((n) => {
        const slice = snapshot.slices[n];
        return [n, slice.status === 'ok' ? slice.data : undefined];
      }),
    ) as NeededData<readonly SliceName[]>;
    try {
      for (const outcome of check.run(data, ctx)) {
        findings.push({ ...base, severity: check.severity, ...outcome });
      }
    } catch (err) {
      // A bug in one check must not sink the audit; it surfaces as an error finding.
      findings.push({
        ...base,
        status: 'error',
        severity: check.severity,
        resource: `arn:${snapshot.meta.partition}:iam::${snapshot.meta.accountId}:root`,
        message: `Check failed: ${err instanceof Error ? err.message : String(err)}`,
      });
    }
  }
  return findings;
}
