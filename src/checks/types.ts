import type { SliceData, SliceName } from '../snapshot/schema.js';
import type { Snapshot } from '../snapshot/schema.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const STATUSES = ['pass', 'fail', 'error', 'manual', 'not_applicable'] as const;
export type Status = (typeof STATUSES)[number];

export type Area = 'root' | 'iam' | 'admins' | 'cloudtrail' | 'billing' | 'account';

/** External controls a check maps to; ids exactly as the framework prints them. */
export interface ControlRefs {
  cisV5?: readonly string[];
  cisV6?: readonly string[];
  securityHub?: readonly string[];
}

export interface Remediation {
  /** Id of the remediation action that fixes this automatically, when one exists. */
  action?: string;
  /** What a person does by hand (console path, CLI command). */
  manual: readonly string[];
}

/** What a check says about one resource. Severity defaults to the check's own. */
export interface CheckOutcome {
  status: Status;
  resource: string;
  message: string;
  severity?: Severity;
  details?: Record<string, unknown>;
}

/** Thresholds and choices that checks read; the config file fills it, defaults below. */
export interface CheckOptions {
  rootUnusedDays: number;
  unusedCredentialDays: number;
  accessKeyMaxAgeDays: number;
  passwordMinLength: number;
  passwordReusePrevention: number;
  passwordMaxAgeDays: number;
  credentialReportMaxAgeHours: number;
  [key: string]: unknown;
}

export const DEFAULT_CHECK_OPTIONS: CheckOptions = {
  rootUnusedDays: 90,
  unusedCredentialDays: 45,
  accessKeyMaxAgeDays: 90,
  passwordMinLength: 14,
  passwordReusePrevention: 24,
  passwordMaxAgeDays: 90,
  credentialReportMaxAgeHours: 4,
};

/** Everything a check may know besides its slices. Nothing reads the clock or the environment directly. */
export interface CheckContext {
  now: Date;
  options: CheckOptions;
  accountId: string;
  partition: string;
  /** The whole snapshot, for the rare check that needs an optional slice (declare it in `uses`). */
  snapshot: Snapshot;
}

export type NeededData<N extends readonly SliceName[]> = { [K in N[number]]: SliceData[K] };

export interface CheckMeta<N extends readonly SliceName[] = readonly SliceName[]> {
  /** Stable id == file name; users put it in config files. */
  id: string;
  /** The desired state, e.g. "The root user has no access keys". */
  title: string;
  area: Area;
  severity: Severity;
  rationale: string;
  controls: ControlRefs;
  /** Slices the check cannot run without: if one is not ok, the check ends in `error`. */
  needs: N;
  /** Slices read when present (through ctx.snapshot); their absence never fails the check. */
  uses?: readonly SliceName[];
  remediation: Remediation;
  /** Position in the IAM console's Security Status panel (1-5), for the five panel checks. */
  securityStatus?: number;
}

export interface Check<N extends readonly SliceName[] = readonly SliceName[]> extends CheckMeta<N> {
  run(data: NeededData<N>, ctx: CheckContext): CheckOutcome[];
}

export function defineCheck<const N extends readonly SliceName[]>(check: Check<N>): Check<N> {
  return check;
}

/** A finding is an outcome with the check's identity attached; this is what reports carry. */
export interface Finding {
  checkId: string;
  title: string;
  area: Area;
  status: Status;
  severity: Severity;
  resource: string;
  message: string;
  details?: Record<string, unknown>;
  suppressed?: { reason: string; owner?: string; expires?: string };
}
