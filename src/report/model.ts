import { isPastDay } from '../checks/lib/dates.js';
import type { Attestation, Check, Finding, Severity, Status } from '../checks/types.js';
import { STATUSES } from '../checks/types.js';
import { selectControls, type Framework, type SuppressionSummary } from '../config/types.js';
import type { AdminEntry } from '../policy/admins.js';
import type { SliceName, Snapshot } from '../snapshot/schema.js';
import { TOOL } from '../version.js';

export const REPORT_SCHEMA_VERSION = 1;

export type ReportSource = 'live' | 'snapshot' | 'example';

export interface SecurityStatusItem {
  /** The check id. */
  id: string;
  title: string;
  status: Status;
  message: string;
}

export interface Report {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  tool: { name: string; version: string };
  source: ReportSource;
  generatedAt: string;
  account: { id: string; partition: string; alias?: string; callerArn?: string };
  snapshot: {
    generatedAt: string;
    source: Snapshot['meta']['source'];
    /** When AWS generated the credential report; AWS serves a cached one for up to 4 hours. */
    credentialReport?: { generatedAt: string; ageMinutes: number };
  };
  /** The IAM console's Security Status panel: five items, in the console's order. */
  securityStatus: SecurityStatusItem[];
  findings: Finding[];
  summary: Record<Status, number> & { total: number; suppressed: number };
  /** Live runs only: API calls per service, and how long collection took. */
  collection?: { apiCalls: Record<string, number>; totalApiCalls: number; durationMs: number };
  /** Check metadata for every check that produced a finding, so renderers can print rationale and fixes. */
  checks: Record<string, ReportCheck>;
  /**
   * Every user, group and role that is admin or can become one, and how (the `rampart admins` list). Present
   * when the authorization details were read and iam-admins-inventory ran; empty when there is none.
   */
  admins?: ReportAdmin[];
  /**
   * What the checks could not see or judge, one sentence each (the admin analysis: SCPs not read, a policy
   * attached but not in the export, a user's group missing). Present when there is one.
   */
  warnings?: string[];
  /** Present when the config has suppressions: how many applied, which expired, which matched nothing. */
  suppressions?: SuppressionSummary;
  /** Present when the config has attestations: manual items a person vouched for. */
  attestations?: ReportAttestation[];
  /** Present when the config selects frameworks: `checks[].controls` only holds these mappings. */
  frameworks?: Framework[];
}

/** One admin: principal, type, tier, access (unconditional / MFA-only / conditional), MFA and its paths. */
export type ReportAdmin = AdminEntry;

export interface ReportAttestation extends Attestation {
  /** Past its expiry date at report time: it no longer satisfies its check. */
  expired: boolean;
}

export interface ReportCheck {
  id: string;
  title: string;
  area: string;
  severity: Severity;
  rationale: string;
  controls: Check['controls'];
  remediation: Check['remediation'];
}

const STATUS_WEIGHT: Record<Status, number> = { error: 4, fail: 3, manual: 2, pass: 1, not_applicable: 0 };

/** The panel shows one status per check: the worst among its findings (error beats fail beats pass). */
export function worstStatus(findings: readonly Finding[]): Status {
  let worst: Status = 'not_applicable';
  for (const f of findings) if (STATUS_WEIGHT[f.status] > STATUS_WEIGHT[worst]) worst = f.status;
  return worst;
}

function panelMessage(status: Status, findings: readonly Finding[]): string {
  const relevant = findings.filter((f) => f.status === status);
  if (relevant.length === 1) return relevant[0]?.message ?? '';
  if (status === 'pass')
    return relevant.length === 0 ? 'Nothing to check.' : `All ${relevant.length} resources pass.`;
  return `${relevant.length} resources: ${relevant
    .slice(0, 3)
    .map((f) => f.resource.split(/[:/]/).pop())
    .join(', ')}${relevant.length > 3 ? ', …' : ''}`;
}

export interface BuildReportOptions {
  now: Date;
  source: ReportSource;
  checks: readonly Check[];
  securityStatusChecks: readonly Check[];
  /** From the config: the suppression outcome of this run (see config/suppressions.ts). */
  suppressions?: SuppressionSummary;
  attestations?: readonly Attestation[];
  /** The admin analysis of the snapshot (see checks/admins/report.ts), when it ran. */
  admins?: readonly ReportAdmin[];
  /** What the checks could not see or judge (runChecks' onWarning). */
  warnings?: readonly string[];
  /** Control mappings to keep in `checks[].controls` (default: all). */
  frameworks?: readonly Framework[];
}

/** Slices the report reads beside the checks: the account alias (its header) and the credential report's age. */
export const REPORT_SLICES: readonly SliceName[] = ['accountAliases', 'credentialReport'];

/** Pure: snapshot + findings -> the report every renderer draws from. */
export function buildReport(
  snapshot: Snapshot,
  findings: readonly Finding[],
  options: BuildReportOptions,
): Report {
  const summary = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  let suppressed = 0;
  for (const f of findings) {
    if (f.suppressed) suppressed++;
    else summary[f.status]++;
  }
  const aliases = snapshot.slices.accountAliases;
  const alias = aliases.status === 'ok' ? aliases.data.AccountAliases[0] : undefined;
  const cr = snapshot.slices.credentialReport;
  const crGenerated = cr.status === 'ok' ? new Date(cr.data.GeneratedTime) : undefined;
  const snapshotTime = new Date(snapshot.meta.generatedAt);
  const collection = snapshot.meta.collection;
  const usedCheckIds = new Set(findings.map((f) => f.checkId));

  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { ...TOOL },
    source: options.source,
    generatedAt: options.now.toISOString(),
    account: {
      id: snapshot.meta.accountId,
      partition: snapshot.meta.partition,
      ...(alias ? { alias } : {}),
      ...(snapshot.meta.callerArn ? { callerArn: snapshot.meta.callerArn } : {}),
    },
    snapshot: {
      generatedAt: snapshot.meta.generatedAt,
      source: snapshot.meta.source,
      ...(crGenerated && !Number.isNaN(crGenerated.getTime())
        ? {
            credentialReport: {
              generatedAt: crGenerated.toISOString(),
              ageMinutes: Math.max(0, Math.round((snapshotTime.getTime() - crGenerated.getTime()) / 60_000)),
            },
          }
        : {}),
    },
    securityStatus: options.securityStatusChecks.map((check) => {
      const all = findings.filter((f) => f.checkId === check.id);
      const mine = all.filter((f) => !f.suppressed);
      const status = worstStatus(mine);
      const hidden = all.find((f) => f.suppressed)?.suppressed;
      const message =
        mine.length === 0 && hidden
          ? `Suppressed in the config: ${hidden.reason}`
          : panelMessage(status, mine);
      return { id: check.id, title: check.title, status, message };
    }),
    findings: [...findings],
    summary: { ...summary, total: findings.length, suppressed },
    ...(collection
      ? {
          collection: {
            apiCalls: collection.apiCalls,
            totalApiCalls: Object.values(collection.apiCalls).reduce((a, b) => a + b, 0),
            durationMs: collection.durationMs,
          },
        }
      : {}),
    checks: Object.fromEntries(
      options.checks
        .filter((c) => usedCheckIds.has(c.id))
        .map((c) => [
          c.id,
          {
            id: c.id,
            title: c.title,
            area: c.area,
            severity: c.severity,
            rationale: c.rationale,
            controls: options.frameworks ? selectControls(c.controls, options.frameworks) : c.controls,
            remediation: c.remediation,
          },
        ]),
    ),
    ...(options.admins ? { admins: [...options.admins] } : {}),
    ...(options.warnings && options.warnings.length > 0 ? { warnings: [...options.warnings] } : {}),
    ...(options.suppressions ? { suppressions: options.suppressions } : {}),
    ...(options.attestations && options.attestations.length > 0
      ? {
          attestations: options.attestations.map((a) => ({
            ...a,
            expired: a.expires !== undefined && isPastDay(a.expires, options.now),
          })),
        }
      : {}),
    ...(options.frameworks ? { frameworks: [...options.frameworks] } : {}),
  };
}

export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export function severityAtLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_ORDER.indexOf(severity) <= SEVERITY_ORDER.indexOf(threshold);
}
