import type { Snapshot } from '../snapshot/schema.js';
import { TEST_NOW } from '../snapshot/testing/builder.js';
import { runChecks } from './run.js';
import type { Check, CheckOptions, Finding } from './types.js';

/** Test helper: runs one check over a snapshot at the fixed test clock. */
export function runOne(check: Check, snap: Snapshot, options: Partial<CheckOptions> = {}): Finding[] {
  return runChecks(snap, [check], { now: TEST_NOW, options });
}

export const statuses = (findings: Finding[]) => findings.map((f) => f.status);
