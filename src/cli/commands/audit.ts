import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHECKS } from '../../checks/registry.js';
import { SEVERITIES } from '../../checks/types.js';
import { severityAtLeast, type Report, type ReportSource } from '../../report/model.js';
import { OUTPUT_FORMATS, render, type OutputFormat } from '../../report/render/index.js';
import { InputError, readSnapshot, writePrivateFile, writeSnapshot } from '../../snapshot/io.js';
import type { Snapshot } from '../../snapshot/schema.js';
import { auditReport, loadCliConfig, parseChecksFlag, selectChecks } from '../config.js';
import { CliError, EXIT } from '../exit-codes.js';
import { Messages, useColor, type CliIo } from '../io.js';
import { collectLive, openSession, type AwsFlags } from '../live.js';

export const FAIL_ON = [...SEVERITIES, 'none'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export interface AuditFlags extends AwsFlags {
  snapshot?: string;
  example?: boolean;
  output: string;
  outputFile?: string;
  failOn: string;
  checks?: string;
  saveSnapshot?: string;
  config?: string;
  color?: boolean;
  quiet?: boolean;
}

const here = dirname(fileURLToPath(import.meta.url));
/** The bundled example: a brand-new account (root in use, no users, no password policy, no trail). */
export const EXAMPLE_SNAPSHOT = join(here, '..', '..', '..', 'examples', 'fresh-account.json');

export function parseChoice<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new CliError(`${flag}: '${value}' is not one of ${allowed.join(', ')}`);
}

export async function loadSnapshot(
  flags: Pick<AuditFlags, 'snapshot' | 'example' | keyof AwsFlags>,
  io: CliIo,
  msg: Messages,
): Promise<{ snapshot: Snapshot; source: ReportSource; now: Date }> {
  if (flags.snapshot && flags.example) throw new CliError('--snapshot and --example cannot be used together');
  if (flags.example) {
    const snapshot = await readSnapshot(EXAMPLE_SNAPSHOT);
    // The example is a picture of one day: judged as of its capture, its root sign-ins and key ages never
    // drift out of their windows as the calendar moves on.
    return { snapshot, source: 'example', now: new Date(snapshot.meta.generatedAt) };
  }
  if (flags.snapshot) {
    try {
      return { snapshot: await readSnapshot(flags.snapshot), source: 'snapshot', now: io.now() };
    } catch (err) {
      if (err instanceof InputError) throw new CliError(err.message);
      throw err;
    }
  }
  const pool = await openSession(flags, io, msg);
  return { snapshot: await collectLive(pool, io, msg), source: 'live', now: io.now() };
}

/** 1 when a failing finding reaches the threshold, else 3 when the audit is incomplete, else 0. */
export function exitCodeFor(report: Report, failOn: FailOn): number {
  const active = report.findings.filter((f) => !f.suppressed);
  if (failOn !== 'none' && active.some((f) => f.status === 'fail' && severityAtLeast(f.severity, failOn))) {
    return EXIT.findings;
  }
  if (active.some((f) => f.status === 'error')) return EXIT.incomplete;
  return EXIT.ok;
}

export async function auditCommand(flags: AuditFlags, io: CliIo): Promise<number> {
  const format = parseChoice(flags.output, OUTPUT_FORMATS, '--output');
  const failOn = parseChoice(flags.failOn, FAIL_ON, '--fail-on');
  const only = parseChecksFlag(flags.checks, CHECKS);
  const msg = new Messages(io, flags.quiet ?? false, useColor(flags.color, io.stderr, io.env));
  // Config problems stop the run before any AWS call.
  const config = await loadCliConfig(flags.config, io, msg);
  const selected = selectChecks(CHECKS, config.selection, only);
  if (selected.length === 0)
    throw new CliError('no checks selected (checks.include / checks.exclude in the config)');
  const { snapshot, source, now } = await loadSnapshot(flags, io, msg);
  if (flags.saveSnapshot) {
    await writeSnapshot(flags.saveSnapshot, snapshot);
    msg.info(`Snapshot written to ${flags.saveSnapshot} (mode 0600)`);
  }

  const report = auditReport(snapshot, config, selected, { now, source });
  if (source === 'example') {
    msg.info(
      msg.c.dim(
        `Auditing the bundled example account, as captured on ${snapshot.meta.generatedAt.slice(0, 10)}. Audit your own with: npx rampart audit --profile NAME (see README).`,
      ),
    );
  }
  await emit(report, format, flags, io);
  return exitCodeFor(report, failOn);
}

export async function emit(
  report: Report,
  format: OutputFormat,
  flags: AuditFlags,
  io: CliIo,
): Promise<void> {
  if (flags.outputFile) {
    await writePrivateFile(flags.outputFile, render(report, format, { color: false }));
    new Messages(io, flags.quiet ?? false, false).info(`Report written to ${flags.outputFile} (mode 0600)`);
    return;
  }
  const color = format === 'table' && useColor(flags.color, io.stdout, io.env);
  io.stdout.write(render(report, format, { color }));
}
