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
  /** The harden flag that opts into that action, when it is not done by default (`--trail-cloudwatch-logs`). */
  flag?: string;
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

export const NAMING_PRESETS = ['initials-id', 'first_last', 'initial-last', 'company-id', 'custom'] as const;
export type NamingPreset = (typeof NAMING_PRESETS)[number];

export interface NamingStandard {
  preset: NamingPreset;
  /** Regex (JavaScript syntax, anchored by the check) for preset `custom`. */
  pattern?: string;
  /** Company prefix for preset `company-id` (e.g. "SF" for SF1234). */
  companyPrefix?: string;
  /** User names exempt from the standard (break-glass, service users); exact names or globs with `*`. */
  exemptions: readonly string[];
}

/** One person from the optional roster CSV (`iam-users-map-to-people`). */
export interface RosterPerson {
  name: string;
  userName?: string;
  email?: string;
  employeeId?: string;
  status: 'active' | 'left';
}

/** A person's statement about something no API can see (e.g. "root credentials are in the safe"). */
export interface Attestation {
  checkId: string;
  by: string;
  /** ISO date. */
  date: string;
  note: string;
  /** ISO date after which the attestation no longer counts. */
  expires?: string;
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
  maxAdminUsers: number;
  /** The root user's email when no API can read it (standalone accounts). */
  rootEmail?: string;
  /** Regex the root email and the security contact should match, e.g. "^(aws-root|security)[+@].*@example\\.com$". */
  securityEmailPattern?: string;
  namingStandard?: NamingStandard;
  /** Role-like words that mark a shared user name (matched case-insensitively as whole name or name part). */
  sharedUserWords: readonly string[];
  roster?: readonly RosterPerson[];
  attestations: readonly Attestation[];
}

export const DEFAULT_SHARED_USER_WORDS: readonly string[] = [
  'admin', 'administrator', 'root', 'networkadmin', 'dbaadmin', 'dba', 'accountsadmin', 'accounts', 'devops',
  'ops', 'sysadmin', 'test', 'tester', 'dev', 'developer', 'shared', 'team', 'support', 'billing', 'finance',
  'security', 'deploy', 'deployer', 'jenkins', 'ci', 'build', 'backup', 'temp', 'guest', 'user', 'default',
]; // prettier-ignore

export const DEFAULT_CHECK_OPTIONS: CheckOptions = {
  rootUnusedDays: 90,
  unusedCredentialDays: 45,
  accessKeyMaxAgeDays: 90,
  passwordMinLength: 14,
  passwordReusePrevention: 24,
  passwordMaxAgeDays: 90,
  credentialReportMaxAgeHours: 4,
  maxAdminUsers: 3,
  sharedUserWords: DEFAULT_SHARED_USER_WORDS,
  attestations: [],
};

/** Everything a check may know besides its slices. Nothing reads the clock or the environment directly. */
export interface CheckContext {
  now: Date;
  options: CheckOptions;
  accountId: string;
  partition: string;
  /** The whole snapshot, for the rare check that needs an optional slice (declare it in `uses`). */
  snapshot: Snapshot;
  /**
   * Says what the check could not see or judge, beyond its findings (the admin analysis' "SCPs were not read",
   * "policy X is attached but not in the export"). The run keeps each sentence once; reports show them.
   */
  warn(message: string): void;
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
  /**
   * A manual item a person vouches for: the check reads `attestations` from the config. Only these checks take
   * one; an attestation for any other check is a config error (it would never count).
   */
  attestable?: true;
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
