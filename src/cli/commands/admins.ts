import {
  compareAdmins,
  worrying,
  type AdminChange,
  type AdminChanges,
  type AdminStanding,
} from '../../policy/admin-changes.js';
import {
  TIERS,
  type AdminEntry,
  type AdminPath,
  type AdminReport,
  type PolicyVersionRisk,
  type Tier,
} from '../../policy/admins.js';
import { describeOutside } from '../../policy/outside-trust.js';
import { analyzeSnapshotAdmins } from '../../checks/admins/report.js';
import { colors, type Colors } from '../../report/render/colors.js';
import { renderAdminsCsv } from '../../report/render/csv.js';
import { ADMIN_TIER_TEXT, adminAccessText } from '../../report/render/extras.js';
import { snapshotLabel } from '../../report/render/common.js';
import type { ReportSource } from '../../report/model.js';
import { writePrivateFile } from '../../snapshot/io.js';
import { managementAccountOf } from '../../snapshot/org-policies.js';
import type { Snapshot } from '../../snapshot/schema.js';
import { CliError, EXIT } from '../exit-codes.js';
import { Messages, useColor, type CliIo } from '../io.js';
import type { AwsFlags } from '../live.js';
import { commaList, loadSnapshot, parseChoice, snapshotTime } from '../snapshot-source.js';
import { closest } from '../../config/suggest.js';
import { ADMIN_ANALYSIS_SLICES } from '../../checks/admins/slices.js';
import { ADMINS_OUTPUT_FORMATS } from '../choices.js';
import { openSince, sinceAdmins } from './admins-since.js';
import { checkOutputPath, refuseSameFile } from '../output-path.js';

export { ADMINS_OUTPUT_FORMATS };

export interface AdminsFlags extends AwsFlags {
  snapshot?: string;
  example?: boolean;
  output: string;
  outputFile?: string;
  color?: boolean;
  quiet?: boolean;
  /** Comma-separated tiers to list. */
  tier?: string;
  /** One user, group or role, by name or ARN: every path it has, or that it has none. */
  principal?: string;
  /** An earlier run (admins or audit JSON, or a snapshot) to compare with. */
  since?: string;
}

/** Splits and validates `--tier full,iam-admin`; an unknown tier is a usage error. */
export function parseTiers(value: string | undefined): Tier[] | undefined {
  if (value === undefined) return undefined;
  const tiers = commaList(value).map((t) => parseChoice(t, TIERS, '--tier'));
  if (tiers.length === 0) throw new CliError(`--tier: expected one or more of ${TIERS.join(', ')}`);
  return tiers;
}

/** Every user, group and role of the snapshot: name and ARN. */
function principalNames(snapshot: Snapshot): (readonly [string, string])[] {
  const slice = snapshot.slices.authorizationDetails;
  if (slice.status !== 'ok') return [];
  const d = slice.data;
  return [
    ...d.UserDetailList.map((u) => [u.UserName, u.Arn] as const),
    ...d.GroupDetailList.map((g) => [g.GroupName, g.Arn] as const),
    ...d.RoleDetailList.map((r) => [r.RoleName, r.Arn] as const),
  ];
}

/** The users, groups and roles of the snapshot a name or ARN names (a user and a role may share a name). */
function principalsNamed(snapshot: Snapshot, nameOrArn: string): string[] {
  return principalNames(snapshot)
    .filter(([name, arn]) => name === nameOrArn || arn === nameOrArn)
    .map(([, arn]) => arn);
}

/** For a name no principal has: the closest names (ARNs, for an ARN: judged by its name), a case slip first. */
function closestPrincipals(snapshot: Snapshot, nameOrArn: string): string[] {
  const all = principalNames(snapshot);
  const isArn = nameOrArn.startsWith('arn:');
  const wanted = isArn ? (nameOrArn.split('/').pop() ?? nameOrArn) : nameOrArn;
  const names = all.map(([name]) => name);
  const sameCase = names.filter((n) => n.toLowerCase() === wanted.toLowerCase());
  const near = [...new Set([...sameCase, ...closest(wanted, names)])];
  const out = isArn ? all.filter(([name]) => near.includes(name)).map(([, arn]) => arn) : near;
  return out.slice(0, 3);
}

/** The managed policies attached to these users, groups and roles, a user's through its groups too. */
function policiesAttachedTo(snapshot: Snapshot, arns: readonly string[]): Set<string> {
  const out = new Set<string>();
  const slice = snapshot.slices.authorizationDetails;
  if (slice.status !== 'ok') return out;
  const d = slice.data;
  const add = (list: readonly { PolicyArn?: string | undefined }[] | undefined) => {
    for (const p of list ?? []) if (p.PolicyArn !== undefined) out.add(p.PolicyArn);
  };
  const groups = new Set<string>();
  for (const u of d.UserDetailList)
    if (arns.includes(u.Arn)) {
      add(u.AttachedManagedPolicies);
      for (const g of u.GroupList ?? []) groups.add(g);
    }
  for (const g of d.GroupDetailList)
    if (arns.includes(g.Arn) || groups.has(g.GroupName)) add(g.AttachedManagedPolicies);
  for (const r of d.RoleDetailList) if (arns.includes(r.Arn)) add(r.AttachedManagedPolicies);
  return out;
}

/**
 * The report narrowed to `--tier` and `--principal`. A principal that exists but has no path to admin is
 * listed in `notAdmin`; one the snapshot does not hold is a usage error naming the flag, unless it was an admin
 * of the `--since` run (`formerly`): deleted since, its change ("gone") is what there is to show.
 */
export function selectAdmins(
  report: AdminReport,
  snapshot: Snapshot,
  opts: {
    tiers?: readonly Tier[] | undefined;
    principal?: string | undefined;
    formerly?: readonly AdminStanding[] | undefined;
  },
): { report: AdminReport; notAdmin: string[]; matched: string[]; gone: string[] } {
  let admins = report.admins;
  let policyVersionRisks = report.policyVersionRisks;
  let notAdmin: string[] = [];
  let matched: string[] = [];
  let gone: string[] = [];
  if (opts.principal !== undefined) {
    const p = opts.principal;
    const present = principalsNamed(snapshot, p);
    gone = (opts.formerly ?? [])
      .filter((a) => (a.principal === p || a.name === p) && !present.includes(a.principal))
      .map((a) => a.principal);
    const arns = [...new Set([...present, ...gone])];
    if (arns.length === 0) {
      const near = closestPrincipals(snapshot, p);
      throw new CliError(
        `--principal: no user, group or role named '${p}' (name or ARN) in the snapshot${opts.formerly ? ' or among the admins of the --since run' : ''}${near.length > 0 ? ` (closest: ${near.join(', ')})` : ''}`,
      );
    }
    matched = arns;
    admins = admins.filter((a) => arns.includes(a.principal));
    notAdmin = present.filter((arn) => !admins.some((a) => a.principal === arn));
    // Only the policies that apply to it: a non-default version of another policy changes nothing for it.
    const attached = policiesAttachedTo(snapshot, arns);
    policyVersionRisks = policyVersionRisks.filter((r) => attached.has(r.policy));
  }
  const tiers = opts.tiers;
  if (tiers) admins = admins.filter((a) => tiers.includes(a.tier));
  return { report: { ...report, admins, policyVersionRisks }, notAdmin, matched, gone };
}

/**
 * The changes about the admins listed (`--tier`, `--principal`): a change counts when its principal is
 * selected and its tier before or after is. `unchanged` counts the listed admins with no change.
 */
export function selectChanges(
  changes: AdminChanges,
  listed: readonly AdminEntry[],
  opts: { tiers?: readonly Tier[] | undefined; matched?: readonly string[] | undefined },
): AdminChanges {
  const { tiers, matched } = opts;
  const inTiers = (c: AdminChange) =>
    !tiers || [c.before?.tier, c.after?.tier].some((t) => t !== undefined && tiers.includes(t));
  const kept = changes.changes.filter((c) => (!matched || matched.includes(c.principal)) && inTiers(c));
  const changed = new Set(changes.changes.map((c) => c.principal));
  return { ...changes, changes: kept, unchanged: listed.filter((a) => !changed.has(a.principal)).length };
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

/** Where the list comes from, as the audit report says it: `source`, and when a snapshot was taken. */
export interface AdminsSource {
  source: ReportSource;
  /** The snapshot's meta.generatedAt. */
  takenAt: string;
  /** The snapshot's meta.source (collect, import...): an import is labelled as one. */
  snapshotSource?: string;
}

/**
 * `notAdmin`: with `--principal`, the principals it names that have no path to admin. `changes`: with
 * `--since`, what changed since that run. `from`: where the list comes from (`source` in the JSON, as in the
 * audit report: live, snapshot or example).
 */
export function renderAdminsJson(
  report: AdminReport,
  opts: {
    notAdmin?: readonly string[] | undefined;
    changes?: AdminChanges | undefined;
    from?: AdminsSource;
  } = {},
): string {
  const { accountId, admins, policyVersionRisks, warnings } = report;
  const { notAdmin, changes, from } = opts;
  const body = {
    accountId,
    ...(from ? { source: from.source } : {}),
    admins,
    ...(notAdmin ? { notAdmin } : {}),
    ...(changes ? { changes } : {}),
    policyVersionRisks,
    warnings,
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/** The header's account and source, worded as the audit table words it. */
function headerSource(from: AdminsSource | undefined, c: Colors): string {
  if (!from) return '';
  if (from.source === 'example')
    return ` · ${c.yellow('EXAMPLE ACCOUNT (bundled sample data, not your AWS account)')}`;
  return from.source === 'snapshot'
    ? ` · ${snapshotLabel(from.snapshotSource ?? '', from.takenAt)}`
    : ' · live';
}

/** The tiers as counted in the summary ("25 can make themselves admin"). */
const TIER_COUNT_TEXT: Record<AdminEntry['tier'], string> = {
  full: 'full admin',
  'iam-admin': 'can make themselves admin',
  'via-role': 'admin through a role',
  potential: 'can escalate to admin',
};

/** A role chain is a sequence; other methods list the admins they could abuse, any one of which is enough. */
function viaText(p: AdminPath): string {
  if (p.method === 'assume-role') return `via: ${p.via.join(' -> ')}`;
  if (p.via.length === 1) return `via: ${p.via[0] ?? ''}`;
  // `via` holds a sample of the targets (the description counts them all).
  return `via any of: ${p.via.slice(0, 3).join(', ')}${p.via.length > 3 ? ', ...' : ''}`;
}

/** One path in full, for `--principal`: what it is, how it is reached, the actions and the policies. */
function pathLines(p: AdminPath, c: Colors): string[] {
  const access = adminAccessText(p);
  const how = p.method === 'policy' ? '' : ` · ${p.method}`;
  const lines = [`        ${ADMIN_TIER_TEXT[p.tier]}${how} · ${access}`, `          ${p.description}`];
  if (p.actions.length > 0) lines.push(c.dim(`          actions: ${p.actions.join(', ')}`));
  if (p.via.length > 0) lines.push(c.dim(`          ${viaText(p)}`));
  if (p.grantedBy.length > 0) lines.push(c.dim(`          granted by: ${p.grantedBy.join('; ')}`));
  if (p.dependsOnExistingResources)
    lines.push(c.dim('          needs a resource the authorization details do not show'));
  return lines;
}

/**
 * The closing count, as the audit's table ends with one: how many of the account's principals are or can
 * become admin, by tier, and the admin users without an MFA device. Empty when nobody is listed.
 */
export function adminsSummary(report: AdminReport, filtered = false): string {
  if (report.admins.length === 0) return '';
  const { users, groups, roles } = report.stats;
  const byTier = TIERS.map((t) => [t, report.admins.filter((a) => a.tier === t).length] as const)
    .filter(([, n]) => n > 0)
    .map(([t, n]) => `${n} ${TIER_COUNT_TEXT[t]}`);
  const noMfa = report.admins.filter((a) => a.type === 'user' && a.mfa.enabled === false).length;
  const mfa = noMfa > 0 ? `; ${noMfa} of these users ${noMfa === 1 ? 'has' : 'have'} no MFA device` : '';
  const total = users + groups + roles;
  return filtered
    ? `Summary: ${report.admins.length} of ${total} users, groups and roles in the selected tiers (${byTier.join(', ')})${mfa}.`
    : `Summary: ${report.admins.length} of ${total} users, groups and roles are admin or can become one (${byTier.join(', ')})${mfa}.`;
}

const standingText = (s: { tier: Tier; access: AdminEntry['access'] }): string =>
  `${ADMIN_TIER_TEXT[s.tier]}, ${adminAccessText({ access: s.access, conditions: [] })}`;

/** `--since`: one line per principal whose standing changed, the worrying ones (new, stronger) in red. */
export function changesLines(changes: AdminChanges, c: Colors, filtered = false): string[] {
  const { since, changes: list, unchanged } = changes;
  if (list.length === 0)
    return [
      c.green(
        filtered
          ? `No change since ${since} (${unchanged} unchanged).`
          : unchanged === 0
            ? `No change since ${since}: still no user, group or role is admin or can become one.`
            : `No change since ${since}: the same ${unchanged} users, groups and roles are admin or can become one.`,
      ),
    ];
  const count = (k: AdminChange['change']) => list.filter((x) => x.change === k).length;
  const counts = (['new', 'stronger', 'weaker', 'gone'] as const).map((k) => `${count(k)} ${k}`);
  const out = [c.bold(`Changes since ${since}: ${counts.join(', ')} (${unchanged} unchanged)`)];
  for (const x of list) {
    const what =
      x.change === 'new' && x.after
        ? standingText(x.after)
        : x.change === 'gone' && x.before
          ? `no longer admin (was ${standingText(x.before)})`
          : x.before && x.after
            ? `${standingText(x.before)} -> ${standingText(x.after)}`
            : '';
    const line = `  ${x.change.padEnd(8)} ${x.type.padEnd(5)} ${x.name}  ${c.dim('·')} ${what}`;
    out.push(x.change === 'new' || x.change === 'stronger' ? c.red(line) : line);
  }
  return out;
}

/** Above this many admins, the table ends with how to narrow the list. */
export const LONG_LIST = 100;

/** The table lists this many policy versions at most; `--output json` has every one. */
export const VERSION_RISKS_SHOWN = 10;

/**
 * Managed policies whose non-default version allows more than the default: a section with a heading, the
 * first VERSION_RISKS_SHOWN and a count of the rest, so a large account's list does not bury the summary.
 */
function versionRiskLines(risks: readonly PolicyVersionRisk[], c: Colors): string[] {
  if (risks.length === 0) return [];
  const out = [
    c.bold(`Policies whose non-default version allows more than the default (${risks.length})`),
    c.dim('  Whoever may call iam:SetDefaultPolicyVersion on one gives its holders the extra actions.'),
  ];
  // A version that is full admin first: it makes admins.
  const ordered = [...risks.filter((r) => r.admin), ...risks.filter((r) => !r.admin)];
  for (const r of ordered.slice(0, VERSION_RISKS_SHOWN)) {
    const gains = r.admin
      ? 'is full admin'
      : `also allows ${r.gains.slice(0, 5).join(', ')}${r.gains.length > 5 ? ', ...' : ''}`;
    out.push((r.admin ? c.red : c.yellow)(`  ${r.policy}: version ${r.version} ${gains}`));
  }
  const rest = risks.length - VERSION_RISKS_SHOWN;
  if (rest > 0) out.push(c.dim(`  ... and ${rest} more (--output json lists every one)`));
  return [...out, ''];
}

export function renderAdminsTable(
  report: AdminReport,
  c: Colors,
  opts: {
    allPaths?: boolean;
    notAdmin?: readonly string[];
    /** With `--principal` and `--since`: the principals it names that were admins then and are not in this snapshot. */
    gone?: readonly string[];
    filtered?: boolean;
    /** The organization's management account, named as such among outside grants. */
    management?: string | undefined;
    /** With `--since`: what changed since that run, shown first. */
    changes?: AdminChanges | undefined;
    /** Where the list comes from: the example account is labelled as such. */
    from?: AdminsSource | undefined;
  } = {},
): string {
  const out: string[] = [
    c.bold(`Rampart admins · account ${report.accountId}`) + headerSource(opts.from, c),
    '',
  ];
  if (opts.changes)
    out.push(...changesLines(opts.changes, c, opts.filtered === true || opts.allPaths === true), '');
  for (const arn of opts.notAdmin ?? [])
    out.push(c.green(`${arn} is not an admin and has no path to admin.`));
  for (const arn of opts.gone ?? [])
    out.push(c.green(`${arn} is no longer in the account (it was an admin in the --since run).`));
  if (report.admins.length === 0 && (opts.notAdmin ?? []).length === 0 && (opts.gone ?? []).length === 0)
    out.push(
      c.green(
        opts.filtered
          ? 'No user, group or role of the selected tiers.'
          : 'No user, group or role is an admin or can become one.',
      ),
    );
  for (const tier of ['full', 'iam-admin', 'via-role', 'potential'] as const) {
    const list = report.admins.filter((a) => a.tier === tier);
    if (list.length === 0) continue;
    out.push(c.bold(`${ADMIN_TIER_TEXT[tier]} (${list.length})`));
    for (const a of list) {
      const paint = a.access === 'unconditional' ? c.red : a.access === 'mfa-only' ? c.green : c.yellow;
      const access = paint(adminAccessText(a));
      const mfa =
        a.type !== 'user' || a.mfa.enabled === null
          ? ''
          : a.mfa.enabled
            ? ' · has MFA'
            : c.red(' · no MFA device');
      const used = a.type === 'group' ? '' : ` · last used ${a.lastUsed ?? 'never/unknown'}`;
      out.push(`  ${a.type.padEnd(5)} ${a.name}  ${c.dim('·')} ${access}${mfa}${c.dim(used)}`);
      const first = a.paths[0];
      if (opts.allPaths) for (const p of a.paths) out.push(...pathLines(p, c));
      else if (first) {
        const via = first.grantedBy.length > 0 ? ` (${first.grantedBy.slice(0, 2).join('; ')})` : '';
        out.push(c.dim(`        ${first.description}${via}`));
      }
      if (!opts.allPaths && a.paths.length > 1)
        out.push(c.dim(`        +${a.paths.length - 1} more path(s); see --principal NAME or --output json`));
      for (const g of a.outside ?? []) {
        const line = `        ${g.open ? 'open to outsiders' : 'from outside'}: ${describeOutside(g, opts.management)}`;
        out.push(g.open ? c.red(line) : c.dim(line));
      }
    }
    out.push('');
  }
  out.push(...versionRiskLines(report.policyVersionRisks, c));
  // A large account's list runs to thousands of lines: say how to get a shorter one, just above the count.
  if (!opts.allPaths && !opts.filtered && report.admins.length > LONG_LIST)
    out.push(
      c.dim(
        'A long list: narrow it with --tier full,iam-admin or --principal NAME, or open it in a spreadsheet with --output csv.',
      ),
    );
  const summary = adminsSummary(report, opts.filtered);
  if (summary && !opts.allPaths) out.push(summary, '');
  return `${out.join('\n').trimEnd()}\n`;
}

export async function adminsCommand(flags: AdminsFlags, io: CliIo): Promise<number> {
  const format = parseChoice(flags.output, ADMINS_OUTPUT_FORMATS, '--output');
  const tiers = parseTiers(flags.tier);
  const msg = new Messages(io, flags.quiet ?? false, useColor(flags.color, io.stderr, io.env));
  await checkOutputPath('--output-file', flags.outputFile, io.cwd);
  await refuseSameFile([['--output-file', flags.outputFile]], [['--snapshot', flags.snapshot]], io.cwd);
  if (flags.since !== undefined && format === 'csv')
    throw new CliError(
      '--since: works with --output table or json (the CSV holds one row per current admin)',
    );
  // The earlier run is read first: a wrong --since stops the run before a live collection.
  const sinceRun = flags.since === undefined ? undefined : await openSince(flags.since, io.now());
  // Live: only what the analysis reads (fewer calls and permissions than an audit's collection).
  const { snapshot, source, now } = await loadSnapshot(flags, io, msg, ADMIN_ANALYSIS_SLICES);
  const from: AdminsSource = {
    source,
    takenAt: snapshot.meta.generatedAt,
    snapshotSource: snapshot.meta.source,
  };
  if (source === 'example')
    msg.info(
      msg.c.dim(
        `Listing the admins of the bundled example account, as captured on ${snapshot.meta.generatedAt.slice(0, 10)}. List your own with: npx rampart admins --profile NAME (see README).`,
      ),
    );
  const full = adminsOfSnapshot(snapshot, now);
  const earlier =
    sinceRun === undefined
      ? undefined
      : // The earlier snapshot as of when it was taken, as it was judged then.
        sinceAdmins(sinceRun, full.accountId, (s) => adminsOfSnapshot(s, snapshotTime(s)).admins);
  const { report, notAdmin, matched, gone } = selectAdmins(full, snapshot, {
    tiers,
    principal: flags.principal,
    formerly: earlier,
  });
  const changes =
    sinceRun === undefined || earlier === undefined
      ? undefined
      : selectChanges(compareAdmins(earlier, full.admins, sinceRun.file), report.admins, {
          tiers,
          matched: flags.principal !== undefined ? matched : undefined,
        });
  // With --since: 1 when someone became admin or got a stronger standing (a weekly job's alert).
  const exit = changes && worrying(changes) ? EXIT.findings : EXIT.ok;
  // A user and a role may share a name: all are shown, and the user is told how to pick one.
  if (matched.length > 1)
    msg.warn(
      `${matched.length} principals are named '${flags.principal ?? ''}' (${matched.join(', ')}); all are shown: pass an ARN to pick one.`,
    );
  const tableOpts = {
    allPaths: flags.principal !== undefined,
    notAdmin,
    gone,
    filtered: tiers !== undefined,
    management: managementAccountOf(snapshot),
    changes,
    from,
  };
  for (const w of report.warnings) msg.warn(w);
  if (format === 'json' || format === 'csv') {
    const text =
      format === 'csv'
        ? renderAdminsCsv(report.admins)
        : renderAdminsJson(report, {
            notAdmin: flags.principal !== undefined ? notAdmin : undefined,
            changes,
            from,
          });
    if (flags.outputFile) {
      await writePrivateFile(flags.outputFile, text);
      msg.info(`Admins written to ${flags.outputFile} (mode 0600)`);
    } else io.stdout.write(text);
    return exit;
  }
  if (flags.outputFile) {
    await writePrivateFile(flags.outputFile, renderAdminsTable(report, colors(false), tableOpts));
    msg.info(`Admins written to ${flags.outputFile} (mode 0600)`);
    return exit;
  }
  io.stdout.write(renderAdminsTable(report, colors(useColor(flags.color, io.stdout, io.env)), tableOpts));
  return exit;
}
