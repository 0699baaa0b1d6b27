import { CHECKS } from '../../checks/registry.js';
import { slicesRead } from '../../checks/slices.js';
import { REPORT_SLICES, severityAtLeast, type Report } from '../../report/model.js';
import { OUTPUT_FORMATS, render, type OutputFormat } from '../../report/render/index.js';
import { writePrivateFile, writeSnapshot } from '../../snapshot/io.js';
import { auditReport, loadCliConfig, parseChecksFlag, selectChecks } from '../config.js';
import { CliError, EXIT } from '../exit-codes.js';
import { Messages, useColor, type CliIo } from '../io.js';
import type { AwsFlags } from '../live.js';
import { FAIL_ON } from '../choices.js';
import { loadSnapshot, parseChoice } from '../snapshot-source.js';
import { checkOutputPath, refuseSameFile } from '../output-path.js';

export { FAIL_ON };
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

export { EXAMPLE_SNAPSHOT, loadSnapshot, parseChoice } from '../snapshot-source.js';

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
  await checkOutputPath('--output-file', flags.outputFile, io.cwd);
  await checkOutputPath('--save-snapshot', flags.saveSnapshot, io.cwd);
  await refuseSameFile(
    [
      ['--save-snapshot', flags.saveSnapshot],
      ['--output-file', flags.outputFile],
    ],
    [
      ['--snapshot', flags.snapshot],
      ['--config', flags.config],
    ],
    io.cwd,
  );
  const selected = selectChecks(CHECKS, config.selection, only);
  if (selected.length === 0)
    throw new CliError('no checks selected (checks.include / checks.exclude in the config)');
  // Live, a narrowed selection collects only what its checks and the report read (fewer calls and
  // permissions); every check selected collects everything.
  const narrowed = selected.length < CHECKS.length;
  const { snapshot, source, now } = await loadSnapshot(
    flags,
    io,
    msg,
    narrowed ? [...REPORT_SLICES, ...slicesRead(selected)] : undefined,
  );
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
  // What the checks could not see qualifies the results: on stderr too, unless the table on stdout shows it.
  if (format !== 'table' || flags.outputFile) for (const w of report.warnings ?? []) msg.warn(w);
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
