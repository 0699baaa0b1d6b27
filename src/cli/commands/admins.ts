import type { AdminEntry, AdminReport } from '../../policy/admins.js';
import { describeOutside } from '../../policy/outside-trust.js';
import { analyzeSnapshotAdmins } from '../../checks/admins/report.js';
import { colors, type Colors } from '../../report/render/colors.js';
import { looksLikeAuthorizationDetails, snapshotOfAuthorizationDetails } from '../../snapshot/export.js';
import { InputError, parseSnapshot, readText, writePrivateFile } from '../../snapshot/io.js';
import type { Snapshot } from '../../snapshot/schema.js';
import { CliError, EXIT } from '../exit-codes.js';
import { Messages, useColor, type CliIo } from '../io.js';
import type { AwsFlags } from '../live.js';
import { loadSnapshot, parseChoice } from '../snapshot-source.js';
import { ADMINS_OUTPUT_FORMATS } from '../choices.js';

export { ADMINS_OUTPUT_FORMATS };

export interface AdminsFlags extends AwsFlags {
  snapshot?: string;
  example?: boolean;
  output: string;
  outputFile?: string;
  color?: boolean;
  quiet?: boolean;
}

/** Pure: the admin analysis of a snapshot. Throws CliError when the snapshot lacks authorization details. */
export function adminsOfSnapshot(snapshot: Snapshot, now: Date): AdminReport {
  const slice = snapshot.slices.authorizationDetails;
  if (slice.status !== 'ok') {
    const why = slice.status === 'error' ? slice.error.message : slice.reason;
    throw new CliError(`cannot list admins: the authorization details are missing (${why})`, EXIT.incomplete);
  }
  return analyzeSnapshotAdmins(slice.data, snapshot, snapshot.meta.accountId, snapshot.meta.partition, now);
}

export function renderAdminsJson(report: AdminReport): string {
  const { accountId, admins, policyVersionRisks, warnings } = report;
  return `${JSON.stringify({ accountId, admins, policyVersionRisks, warnings }, null, 2)}\n`;
}

const TIER_TEXT: Record<AdminEntry['tier'], string> = {
  full: 'full admin',
  'iam-admin': 'can make itself admin',
  'via-role': 'admin through a role',
  potential: 'can escalate to admin',
};

export function renderAdminsTable(report: AdminReport, c: Colors): string {
  const out: string[] = [c.bold(`Rampart admins · account ${report.accountId}`), ''];
  if (report.admins.length === 0) out.push(c.green('No user, group or role is an admin or can become one.'));
  for (const tier of ['full', 'iam-admin', 'via-role', 'potential'] as const) {
    const list = report.admins.filter((a) => a.tier === tier);
    if (list.length === 0) continue;
    out.push(c.bold(`${TIER_TEXT[tier]} (${list.length})`));
    for (const a of list) {
      const access =
        a.access === 'unconditional'
          ? c.red('no MFA needed')
          : a.access === 'mfa-only'
            ? c.green('MFA required')
            : c.yellow(`only if ${a.conditions.join(', ')}`);
      const mfa =
        a.type !== 'user' || a.mfa.enabled === null
          ? ''
          : a.mfa.enabled
            ? ' · has MFA'
            : c.red(' · no MFA device');
      const used = a.type === 'group' ? '' : ` · last used ${a.lastUsed ?? 'never/unknown'}`;
      out.push(`  ${a.type.padEnd(5)} ${a.name}  ${c.dim('·')} ${access}${mfa}${c.dim(used)}`);
      const first = a.paths[0];
      if (first) {
        const via = first.grantedBy.length > 0 ? ` (${first.grantedBy.slice(0, 2).join('; ')})` : '';
        out.push(c.dim(`        ${first.description}${via}`));
      }
      if (a.paths.length > 1)
        out.push(c.dim(`        +${a.paths.length - 1} more path(s); see --output json`));
      for (const g of a.outside ?? []) {
        const line = `        ${g.open ? 'open to outsiders' : 'from outside'}: ${describeOutside(g)}`;
        out.push(g.open ? c.red(line) : c.dim(line));
      }
    }
    out.push('');
  }
  for (const r of report.policyVersionRisks) {
    out.push(
      c.yellow(
        `Policy ${r.policy}: non-default version ${r.version} allows more than the default (${r.gains.slice(0, 5).join(', ')}${r.gains.length > 5 ? ', ...' : ''})`,
      ),
    );
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/**
 * The snapshot to analyze: as for `audit`, and `--snapshot` also takes the raw JSON of `aws iam
 * get-account-authorization-details` (the export the old admin scripts and Cloudsplaining read).
 */
async function adminsSnapshot(
  flags: AdminsFlags,
  io: CliIo,
  msg: Messages,
): Promise<{ snapshot: Snapshot; now: Date }> {
  const file = flags.snapshot;
  if (!file || flags.example) return loadSnapshot(flags, io, msg);
  let text: string;
  try {
    text = await readText(file);
  } catch {
    return loadSnapshot(flags, io, msg); // its message names the problem
  }
  try {
    const snapshot = looksLikeAuthorizationDetails(text)
      ? snapshotOfAuthorizationDetails(text, file, io.now())
      : parseSnapshot(text, file);
    return { snapshot, now: io.now() };
  } catch (err) {
    if (err instanceof InputError) throw new CliError(err.message);
    throw err;
  }
}

export async function adminsCommand(flags: AdminsFlags, io: CliIo): Promise<number> {
  const format = parseChoice(flags.output, ADMINS_OUTPUT_FORMATS, '--output');
  const msg = new Messages(io, flags.quiet ?? false, useColor(flags.color, io.stderr, io.env));
  const { snapshot, now } = await adminsSnapshot(flags, io, msg);
  const report = adminsOfSnapshot(snapshot, now);
  for (const w of report.warnings) msg.warn(w);
  if (format === 'json') {
    const text = renderAdminsJson(report);
    if (flags.outputFile) {
      await writePrivateFile(flags.outputFile, text);
      msg.info(`Admins written to ${flags.outputFile} (mode 0600)`);
    } else io.stdout.write(text);
    return EXIT.ok;
  }
  if (flags.outputFile) {
    await writePrivateFile(flags.outputFile, renderAdminsTable(report, colors(false)));
    msg.info(`Admins written to ${flags.outputFile} (mode 0600)`);
    return EXIT.ok;
  }
  io.stdout.write(renderAdminsTable(report, colors(useColor(flags.color, io.stdout, io.env))));
  return EXIT.ok;
}
