import {
  analyzeAdmins,
  type AdminAnalysisInput,
  type AdminEntry,
  type AdminReport,
  type ScpInput,
} from '../../policy/admins.js';
import { buildAccountIndex, type AccountIndex } from '../../policy/account.js';
import type { AuthorizationDetails } from '../../snapshot/aws-shapes.js';
import type { SliceData, Snapshot } from '../../snapshot/schema.js';
import { orgPoliciesNotApplicable } from '../../snapshot/org-policies.js';
import type { CheckContext, CheckOutcome } from '../types.js';
import { userRequests, type UserRequests } from '../../policy/user-requests.js';
import { describeFailure } from '../lib/failure.js';
import { accountRoot } from '../lib/outcomes.js';

// The admin analysis runs once per snapshot, however many admin checks read it.
const cache = new WeakMap<AuthorizationDetails, { now: number; report: AdminReport }>();

// One account index per snapshot, shared by the admin analysis and the users' own requests: indexing a large
// account (compiling its policies) costs about as much as parsing the snapshot.
const indexes = new WeakMap<AuthorizationDetails, { key: string; index: AccountIndex }>();

function indexOf(
  details: AuthorizationDetails,
  snapshot: Snapshot,
  accountId: string,
  partition: string,
  now: Date,
): AccountIndex {
  const org = organizationOf(snapshot);
  const key = [accountId, partition, now.getTime(), org.organizationId, org.organizationPath].join('|');
  const hit = indexes.get(details);
  if (hit?.key === key) return hit.index;
  const index = buildAccountIndex(details, { accountId, partition, now, ...org });
  indexes.set(details, { key, index });
  return index;
}

/** The admin analysis a check reads; what the analysis could not see (its warnings) goes to the run's warnings. */
export function adminReport(details: AuthorizationDetails, ctx: CheckContext): AdminReport {
  const report = analyzed(details, ctx.snapshot, ctx.accountId, ctx.partition, ctx.now);
  for (const w of report.warnings) ctx.warn(w);
  return report;
}

/**
 * What the authorization details name but do not hold, so the analysis cannot tell who is admin: managed
 * policies attached (or set as a permissions boundary) to a user, group or role but missing from `Policies`,
 * and groups users are in but missing from `GroupDetailList`. An export made with `--filter User Role Group`
 * lacks every policy. Policies of service-linked roles are left out: only their AWS service assumes them and
 * nobody in the account can change them, so they make nobody admin (the analysis still warns of them).
 */
export interface ExportGaps {
  policies: string[];
  groups: string[];
}

/** A user, group or role as far as its managed policies go. */
interface PolicyOwner {
  AttachedManagedPolicies?: { PolicyArn: string }[] | undefined;
  PermissionsBoundary?: { PermissionsBoundaryArn: string } | undefined;
}

const gapsCache = new WeakMap<AuthorizationDetails, ExportGaps>();

export function exportGaps(details: AuthorizationDetails): ExportGaps {
  const hit = gapsCache.get(details);
  if (hit) return hit;
  const held = new Set(details.Policies.map((p) => p.Arn));
  const policies = new Set<string>();
  const need = (arn: string) => {
    if (!held.has(arn)) policies.add(arn);
  };
  const owner = (o: PolicyOwner) => {
    for (const a of o.AttachedManagedPolicies ?? []) need(a.PolicyArn);
    if (o.PermissionsBoundary) need(o.PermissionsBoundary.PermissionsBoundaryArn);
  };
  const groupNames = new Set(details.GroupDetailList.map((g) => g.GroupName));
  const groups = new Set<string>();
  for (const u of details.UserDetailList) {
    owner(u);
    for (const g of u.GroupList ?? []) if (!groupNames.has(g)) groups.add(g);
  }
  for (const g of details.GroupDetailList) owner(g);
  for (const r of details.RoleDetailList) if (!(r.Path ?? '').startsWith('/aws-service-role/')) owner(r);
  const gaps = { policies: [...policies], groups: [...groups] };
  gapsCache.set(details, gaps);
  return gaps;
}

const isAwsManagedArn = (arn: string): boolean => /^arn:[^:]+:iam::aws:policy\//.test(arn);

/** "2 groups (a, b)": the count, the noun, and the first five names. */
const some = (list: readonly string[], one: string, many: string): string => {
  const shown = list.slice(0, 5).join(', ');
  const more = list.length > 5 ? `, and ${list.length - 5} more` : '';
  return `${list.length} ${list.length === 1 ? one : many} (${shown}${more})`;
};

/**
 * The one `error` outcome of an admin check whose answer depends on what the export lacks (see exportGaps), or
 * undefined when nothing is missing. `customerOnly`: only the account's own policies matter (the check judges
 * customer managed and inline policies, never AWS managed ones).
 */
export function exportGapOutcome(
  details: AuthorizationDetails,
  ctx: Pick<CheckContext, 'partition' | 'accountId'>,
  customerOnly = false,
): CheckOutcome[] | undefined {
  const gaps = exportGaps(details);
  const policies = customerOnly ? gaps.policies.filter((p) => !isAwsManagedArn(p)) : gaps.policies;
  const missing = [
    ...(policies.length > 0 ? [some(policies, 'attached managed policy', 'attached managed policies')] : []),
    ...(gaps.groups.length > 0 ? [some(gaps.groups, 'group', 'groups')] : []),
  ];
  if (missing.length === 0) return undefined;
  return [
    {
      status: 'error',
      resource: accountRoot(ctx),
      message:
        `Cannot evaluate: the authorization details lack ${missing.join(' and ')} ` +
        `${customerOnly ? 'that this check must judge' : 'that decide who is admin'}. ` +
        'Export them all: aws iam get-account-authorization-details without --filter ' +
        '(or with User Role Group LocalManagedPolicy AWSManagedPolicy).',
      details: { missingPolicies: policies, missingGroups: gaps.groups },
    },
  ];
}

function analyzed(
  details: AuthorizationDetails,
  snapshot: Snapshot,
  accountId: string,
  partition: string,
  now: Date,
): AdminReport {
  const hit = cache.get(details);
  if (hit?.now === now.getTime()) return hit.report;
  const report = analyzeAdmins({
    ...snapshotAdminInput(details, snapshot, accountId, partition, now),
    index: indexOf(details, snapshot, accountId, partition, now),
  });
  cache.set(details, { now: now.getTime(), report });
  return report;
}

/** The admin analysis of these authorization details, with what else the snapshot holds (credential report, SCPs). */
export function analyzeSnapshotAdmins(
  details: AuthorizationDetails,
  snapshot: Snapshot,
  accountId: string,
  partition: string,
  now: Date,
): AdminReport {
  return analyzeAdmins(snapshotAdminInput(details, snapshot, accountId, partition, now));
}

/** The analysis' input from a snapshot: the authorization details, credential report, SCPs and RCPs. */
export function snapshotAdminInput(
  details: AuthorizationDetails,
  snapshot: Snapshot,
  accountId: string,
  partition: string,
  now: Date,
): AdminAnalysisInput {
  const cr = snapshot.slices.credentialReport;
  const { scps, warning } = scpsOf(snapshot);
  const warnings = [warning, credentialReportWarning(snapshot)].filter((w) => w !== undefined);
  return {
    authorizationDetails: details,
    accountId,
    partition,
    now,
    credentialReport: cr.status === 'ok' ? cr.data.rows : undefined,
    scps,
    rcps: rcpsOf(snapshot),
    ...organizationOf(snapshot),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

/**
 * Without the credential report, admin users' MFA devices and last use are unknown: said, never silently left
 * blank. An error names its kind, and a refusal the permission (iam:GenerateCredentialReport, iam:GetCredentialReport).
 */
export function credentialReportWarning(snapshot: Snapshot): string | undefined {
  const slice = snapshot.slices.credentialReport;
  if (slice.status === 'ok') return undefined;
  const why =
    slice.status === 'error'
      ? describeFailure(slice.error, 'iam:GenerateCredentialReport and iam:GetCredentialReport')
      : slice.reason;
  const what = slice.status === 'error' ? 'could not be read' : 'is not in this snapshot';
  return `The credential report ${what} (${why}): admin users' MFA devices and last use are unknown.`;
}

/** SCP or RCP slice data as the analysis takes it: the documents of each level, the root first. */
const levelsOf = (data: SliceData['serviceControlPolicies']): ScpInput => ({
  levels: data.Levels.map((l) => l.Policies.map((p) => p.Content)),
});

/** The organization the account is in, when the snapshot says (its principals' aws:PrincipalOrgID). */
export function organizationIdOf(snapshot: Snapshot): string | undefined {
  const org = snapshot.slices.organization;
  return org.status === 'ok' ? (org.data.Organization?.Id ?? undefined) : undefined;
}

/** The account's organization (ID and path) as far as the snapshot tells: its principals' org keys. */
function organizationOf(snapshot: Snapshot): { organizationId?: string; organizationPath?: string } {
  const organizationId = organizationIdOf(snapshot);
  const organizationPath = organizationPathOf(snapshot);
  return {
    ...(organizationId ? { organizationId } : {}),
    ...(organizationPath ? { organizationPath } : {}),
  };
}

/**
 * The account's organization path (aws:PrincipalOrgPaths: `o-.../r-.../ou-.../`, the root and each OU above
 * the account), from the levels the SCP or RCP collector walked up from the account; undefined when neither
 * was read (a member account, or the management account, which they skip).
 */
export function organizationPathOf(snapshot: Snapshot): string | undefined {
  const orgId = organizationIdOf(snapshot);
  if (!orgId) return undefined;
  for (const slice of [snapshot.slices.serviceControlPolicies, snapshot.slices.resourceControlPolicies]) {
    if (slice.status !== 'ok' || slice.data.NotApplicable !== null) continue;
    const above = slice.data.Levels.filter((l) => l.Type === 'ROOT' || l.Type === 'ORGANIZATIONAL_UNIT');
    if (above[0]?.Type !== 'ROOT') continue;
    return `${[orgId, ...above.map((l) => l.TargetId)].join('/')}/`;
  }
  return undefined;
}

/** The RCPs that limit the account's resources, when the snapshot holds them and any apply. */
export function rcpsOf(snapshot: Snapshot): ScpInput | undefined {
  const slice = snapshot.slices.resourceControlPolicies;
  if (slice.status !== 'ok' || slice.data.NotApplicable !== null) return undefined;
  return levelsOf(slice.data);
}

/**
 * For a role found open to outsiders: a sentence saying the organization's RCPs were not read and may close it
 * (a member account whose RCPs could not be read), or '' when they were read or none can apply.
 */
export function rcpsUnreadNote(ctx: Pick<CheckContext, 'snapshot' | 'accountId'>): string {
  const org = ctx.snapshot.slices.organization;
  const rcps = ctx.snapshot.slices.resourceControlPolicies;
  const noRcps =
    org.status === 'ok' &&
    orgPoliciesNotApplicable(org.data, ctx.accountId, 'RESOURCE_CONTROL_POLICY') !== undefined;
  if (rcps.status === 'ok' || noRcps) return '';
  const why = rcps.status === 'error' ? rcps.error.message : rcps.reason;
  return ` RCPs were not read (${why}): a resource control policy of the organization may deny these outsiders.`;
}

/**
 * The SCPs that limit the account, for the analysis, or why they are not used. Not read (a member account
 * usually may not): the analysis judges IAM policies alone and says so, never silently.
 */
export function scpsOf(snapshot: Snapshot): { scps?: ScpInput; warning?: string } {
  const slice = snapshot.slices.serviceControlPolicies;
  const caveat = 'admins are judged on IAM policies alone, and an SCP may deny some of these paths';
  if (slice.status === 'ok') {
    if (slice.data.NotApplicable !== null) return {};
    return { scps: levelsOf(slice.data) };
  }
  if (slice.status === 'error') {
    return { warning: `Organizations SCPs were not read (${slice.error.message}): ${caveat}.` };
  }
  const org = snapshot.slices.organization;
  const member =
    org.status === 'ok' &&
    org.data.Organization !== null &&
    org.data.Organization.MasterAccountId !== snapshot.meta.accountId;
  return member
    ? { warning: `Organizations SCPs are not in this snapshot (${slice.reason}): ${caveat}.` }
    : {};
}

/** The admins list of a snapshot (the same cached analysis the checks read); undefined without the details. */
export function snapshotAdmins(snapshot: Snapshot, now: Date): AdminEntry[] | undefined {
  const slice = snapshot.slices.authorizationDetails;
  if (slice.status !== 'ok') return undefined;
  return analyzed(slice.data, snapshot, snapshot.meta.accountId, snapshot.meta.partition, now).admins;
}

const requestsCache = new WeakMap<AuthorizationDetails, { now: number; requests: UserRequests }>();

/**
 * What each user can do with its own credentials before it assumes a role (changes without MFA, enrolling its
 * own MFA device), judged with the SCPs the admin analysis uses. One per snapshot, answers cached per user.
 */
export function userRequestsOf(details: AuthorizationDetails, ctx: CheckContext): UserRequests {
  const hit = requestsCache.get(details);
  if (hit?.now === ctx.now.getTime()) return hit.requests;
  const requests = userRequests(details, {
    accountId: ctx.accountId,
    partition: ctx.partition,
    now: ctx.now,
    scps: scpsOf(ctx.snapshot).scps,
    index: indexOf(details, ctx.snapshot, ctx.accountId, ctx.partition, ctx.now),
  });
  requestsCache.set(details, { now: ctx.now.getTime(), requests });
  return requests;
}

/** Admins in the strict sense: full, self-escalating, or through a role (not "potential"). */
export const isAdmin = (a: AdminEntry): boolean => a.tier !== 'potential';

export function describePath(a: AdminEntry): string {
  const p = a.paths[0];
  if (!p) return a.tier;
  const how = p.grantedBy.length > 0 ? ` through ${p.grantedBy.slice(0, 2).join(', ')}` : '';
  // Descriptions are sentences; the source of the grant continues the sentence, not a new one.
  return `${p.description.replace(/\.$/, '')}${how}`;
}

export const accessText = (a: { access: string; conditions: readonly string[] }): string =>
  a.access === 'unconditional'
    ? 'without conditions'
    : a.access === 'mfa-only'
      ? 'only with MFA'
      : `only when ${a.conditions.join(', ') || 'conditions'} allow`;
