import { relative } from 'node:path';
import { CHECKS, SECURITY_STATUS_CHECKS } from '../checks/registry.js';
import { snapshotAdmins } from '../checks/admins/report.js';
import { runChecks } from '../checks/run.js';
import type { Check, Finding } from '../checks/types.js';
import { staleReportWarning } from '../checks/lib/credential-report.js';
import { ConfigError, loadConfig } from '../config/load.js';
import { applySuppressions } from '../config/suppressions.js';
import { closest } from '../config/suggest.js';
import { buildReport, type Report, type ReportSource } from '../report/model.js';
import type { Snapshot } from '../snapshot/schema.js';
import type { CheckSelection, RampartConfig } from '../config/types.js';
import { CliError } from './exit-codes.js';
import type { CliIo, Messages } from './io.js';
import { commaList } from './snapshot-source.js';

/** Loads `--config FILE` or the rampart.config.json found upward from the working directory; errors exit 2. */
export async function loadCliConfig(
  file: string | undefined,
  io: CliIo,
  msg: Messages,
  options: { announce?: boolean } = {},
): Promise<RampartConfig> {
  try {
    const config = await loadConfig({
      ...(file !== undefined ? { file } : {}),
      cwd: io.cwd,
      now: io.now(),
      checkIds: CHECKS.map((c) => c.id),
      attestableCheckIds: CHECKS.filter((c) => c.attestable).map((c) => c.id),
    });
    if (options.announce ?? true) announceConfig(config, io, msg);
    return config;
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(err.message);
    throw err;
  }
}

/** "Using config FILE" (stderr), when a file was found or given. */
export function announceConfig(config: RampartConfig, io: CliIo, msg: Messages): void {
  if (config.file !== undefined)
    msg.info(msg.c.dim(`Using config ${relative(io.cwd, config.file) || config.file}`));
}

/** Splits and validates `--checks a,b`; unknown ids are usage errors. */
export function parseChecksFlag(value: string | undefined, checks: readonly Check[]): string[] | undefined {
  if (value === undefined) return undefined;
  const ids = commaList(value);
  if (ids.length === 0)
    throw new CliError(`--checks: no check id in '${value}' (comma-separated ids, see \`rampart checks\`)`);
  for (const id of ids) {
    if (!checks.some((c) => c.id === id)) {
      const near = closest(
        id,
        checks.map((c) => c.id),
      );
      throw new CliError(
        `--checks: unknown check id '${id}'${near.length > 0 ? ` (closest: ${near.join(', ')})` : ''}; see \`rampart checks\``,
      );
    }
  }
  return ids;
}

/** The checks to run: `--checks` when given (exactly those), else the config's include (default all) minus exclude. */
export function selectChecks(
  checks: readonly Check[],
  selection: CheckSelection,
  only: readonly string[] | undefined,
): Check[] {
  if (only) return checks.filter((c) => only.includes(c.id));
  const { include, exclude } = selection;
  return checks.filter((c) => (include ? include.includes(c.id) : true) && !(exclude ?? []).includes(c.id));
}

/**
 * Runs the checks with the config's options: their findings (before suppressions) and the report's warnings,
 * what the checks could not see or judge (the admin analysis' gaps, a stale credential report). `rampart audit`
 * reports both; `rampart harden` plans from the findings and prints the warnings the same way.
 */
export function checkAccount(
  snapshot: Snapshot,
  config: RampartConfig,
  checks: readonly Check[],
  now: Date,
): { findings: Finding[]; warnings: string[] } {
  const warnings: string[] = [];
  const findings = runChecks(snapshot, checks, {
    now,
    options: config.options,
    onWarning: (w) => warnings.push(w),
  });
  const cr = snapshot.slices.credentialReport;
  const stale =
    cr.status === 'ok' &&
    staleReportWarning(
      cr.data.GeneratedTime,
      snapshot.meta.generatedAt,
      config.options.credentialReportMaxAgeHours,
    );
  if (stale) warnings.push(stale);
  return { findings, warnings };
}

/**
 * Runs the selected checks with the config's options, applies its suppressions and builds the report
 * (attestations, expired/unused suppressions, frameworks). Every command that evaluates an account uses this.
 */
export function auditReport(
  snapshot: Snapshot,
  config: RampartConfig,
  selected: readonly Check[],
  run: { now: Date; source: ReportSource },
): Report {
  const ran = new Set(selected.map((c) => c.id));
  const { findings: raw, warnings } = checkAccount(snapshot, config, selected, run.now);
  const { findings, summary } = applySuppressions(raw, config.suppressions, { now: run.now, ranChecks: ran });
  const admins = ran.has('iam-admins-inventory') ? snapshotAdmins(snapshot, run.now) : undefined;
  return buildReport(snapshot, findings, {
    now: run.now,
    source: run.source,
    ...(admins ? { admins } : {}),
    warnings,
    checks: CHECKS,
    securityStatusChecks: SECURITY_STATUS_CHECKS.filter((c) => ran.has(c.id)),
    attestations: config.options.attestations,
    ...(config.suppressions.length > 0 ? { suppressions: summary } : {}),
    ...(config.frameworks ? { frameworks: config.frameworks } : {}),
  });
}
