import { CloudTrailClient, DescribeTrailsCommand, UpdateTrailCommand } from '@aws-sdk/client-cloudtrail';
import { deniedByScp, describeFailure, failureOf } from '../../checks/lib/failure.js';
import { listTrailsEverywhere } from '../../collectors/trails.js';
import { defineAction, type ActionContext, type Blocked, type Change, type UndoContext } from '../types.js';
import {
  describeLogsRole,
  LOG_GROUP,
  LOGS_PERMISSIONS,
  LOGS_ROLE,
  logsRoleBlocked,
  readLogsRole,
  setUpLogs,
  TRAIL_NAME,
  undoLogs,
  withRetry,
  type LogsRoleState,
} from './cloudtrail-create-trail.js';
import { str } from './util.js';

/**
 * Where a trail lives, seen from the session: 'here' (this account, homed in the session region), this account's
 * homed in another region (updated there: UpdateTrail must be sent to the trail's home region, with a log group of
 * that region), or another account's (an organization trail seen from a member account: never modified).
 */
export type TrailPlace = 'here' | 'other-account' | 'other-region';

export interface DeliveryTrail {
  name: string;
  arn: string;
  homeRegion: string;
  /** The account that owns the trail (its ARN's). */
  owner: string;
  organization: boolean;
  /** A single-region trail records only its home region. */
  multiRegion: boolean;
  place: TrailPlace;
  /** Its CloudWatch Logs settings now (null: none). */
  logGroupArn: string | null;
  roleArn: string | null;
}

interface State {
  /**
   * The trails DescribeTrails shows from every enabled region (shadow trails included): what the trails slice holds
   * and cloudtrail-cloudwatch-logs judges, single-region trails of any region too.
   */
  trails: DeliveryTrail[];
  /**
   * What could not be listed, in words: a region whose DescribeTrails failed, or the account's regions when
   * account:ListRegions failed. A trail there is not seen, so the step is not done while any is. Absent: none.
   */
  unseen?: string[];
  /** Read only with --trail-cloudwatch-logs, when a trail here lacks delivery; absent when the role does not exist. */
  logsRole?: LogsRoleState;
}

/** A trail's CloudWatch Logs settings, as journaled before Rampart changed them (null: none). */
export interface LogsSettings {
  logGroupArn: string | null;
  roleArn: string | null;
}

const lacking = (s: State): DeliveryTrail[] => s.trails.filter((t) => t.logGroupArn === null);
/** The trails this step updates: this account's, in any region, not delivering to CloudWatch Logs. */
export const targetsOf = (s: State): DeliveryTrail[] => lacking(s).filter((t) => t.place !== 'other-account');

/** The home regions of the targets, the session region first: one log group in each. */
const targetRegions = (s: State, session: string): string[] =>
  [...new Set(targetsOf(s).map((t) => t.homeRegion))].sort((a, b) =>
    a === session ? -1 : b === session ? 1 : a.localeCompare(b),
  );

/** Why a trail that lacks delivery is left as it is, in words (another account's trail). */
export function whyLeft(t: DeliveryTrail): string {
  return `trail ${t.name} belongs to account ${t.owner}${t.organization ? ' (an organization trail)' : ''}: add its CloudWatch Logs delivery from that account`;
}

const account = (arn: string): string => arn.split(':')[4] ?? '';
const orNull = (value: string | undefined): string | null =>
  value === undefined || value === '' ? null : value;

export default defineAction<State>({
  id: 'cloudtrail-logs-delivery',
  title: 'Existing CloudTrail trails deliver to CloudWatch Logs',
  fixes: ['cloudtrail-cloudwatch-logs'],
  changeKinds: [
    'log-group-created',
    'role-created',
    'role-policy-put',
    'role-policy-replaced',
    'trail-logs-set',
  ],
  permissions: [
    'account:ListRegions',
    'cloudtrail:DescribeTrails',
    'cloudtrail:UpdateTrail',
    ...LOGS_PERMISSIONS,
  ],
  // A trail harden creates already delivers (with --trail-cloudwatch-logs); this step sees it and leaves it.
  after: ['cloudtrail-create-trail'],
  cost: 'CloudWatch Logs ingestion and storage charges for the trail events delivered to the log group.',
  userImpact: 'No one notices.',
  read: readState,
  // Every trail delivers, and every region was seen. No trail at all is cloudtrail-create-trail's to fix.
  satisfied: (s) => s.trails.length > 0 && lacking(s).length === 0 && !s.unseen?.length,
  blocked(s, inputs): Blocked | undefined {
    if (!inputs.trailCloudWatchLogs) {
      return { reason: 'needs --trail-cloudwatch-logs (CloudWatch Logs ingestion and storage are charged)' };
    }
    if (s.trails.length === 0 && !s.unseen?.length) {
      return {
        reason: `no trail yet: cloudtrail-create-trail creates ${TRAIL_NAME} delivering to CloudWatch Logs`,
      };
    }
    if (targetsOf(s).length === 0) {
      const why = [
        ...lacking(s).map(whyLeft),
        ...(s.unseen ?? []).map((u) => `cannot see every trail: ${u}`),
      ];
      return { reason: why.join('; ') };
    }
    return logsRoleBlocked(s.logsRole);
  },
  describe(s) {
    const targets = targetsOf(s);
    return {
      before: [
        ...(s.trails.length === 0
          ? ['No trail.']
          : s.trails.map(
              (t) =>
                `Trail ${t.name} (${t.multiRegion ? '' : 'single-region, '}${t.homeRegion}${t.place === 'other-account' ? `, account ${t.owner}` : ''}): ` +
                (t.logGroupArn === null
                  ? 'does not deliver to CloudWatch Logs.'
                  : `delivers to ${t.logGroupArn}.`),
            )),
        ...(s.unseen ?? []).map((u) => `Not seen: ${u}.`),
      ],
      after: [
        ...targets.map(
          (t) =>
            `Deliver the trail ${t.name} to the CloudWatch Logs group ${LOG_GROUP}${t.place === 'other-region' ? ` of its home region ${t.homeRegion}` : ''} (an existing group of that name is used, and kept on rollback) through the role ${LOGS_ROLE} (cloudtrail:UpdateTrail${t.place === 'other-region' ? ` in ${t.homeRegion}` : ''}; nothing else of the trail changes, and rollback puts back its previous setting: no CloudWatch Logs delivery).`,
        ),
        ...(targets.length > 0 ? describeLogsRole(s.logsRole) : []),
        ...lacking(s)
          .filter((t) => t.place !== 'here')
          .map((t) => `Left as it is: ${whyLeft(t)}.`),
      ],
    };
  },
  async apply(ctx, s) {
    const all = targetsOf(s);
    // CloudTrail delivers a trail to a log group of its home region, and UpdateTrail must be sent there
    // (InvalidHomeRegionException otherwise): one log group per home region, the role shared.
    for (const region of targetRegions(s, ctx.region)) {
      const targets = all.filter((t) => t.homeRegion === region);
      await deliverIn(
        { ...ctx, region },
        targets,
        all.length === 1 ? `trail ${all[0]?.name ?? ''}` : 'trails',
      );
    }
  },
  async verify(ctx) {
    // Trails left as they are (another account's) do not make this step fail.
    const left = targetsOf(await readState(ctx));
    if (left.length > 0) {
      throw new Error(
        `the change was made but ${left.map((t) => t.name).join(', ')} does not show CloudWatch Logs delivery yet (verification failed)`,
      );
    }
  },
  async undo(ctx, change) {
    if (change.kind === 'trail-logs-set') return restoreTrail(ctx, change);
    if (
      ['log-group-created', 'role-created', 'role-policy-put', 'role-policy-replaced'].includes(change.kind)
    ) {
      await undoLogs(ctx, change);
      return undefined;
    }
    throw new Error(`unknown change ${change.kind}`);
  },
});

/** The log group of ctx.region (made or reused), the role, and each of `targets` (homed there) delivering to them. */
async function deliverIn(
  ctx: ActionContext,
  targets: readonly DeliveryTrail[],
  label: string,
): Promise<void> {
  const logs = await setUpLogs(ctx, label);
  for (const t of targets) {
    // A new role takes a few seconds to be usable by CloudTrail: withRetry waits for it.
    await withRetry(ctx, () =>
      ctx.pool.client(CloudTrailClient, t.homeRegion).send(new UpdateTrailCommand({ Name: t.arn, ...logs })),
    );
    const previous: LogsSettings = { logGroupArn: t.logGroupArn, roleArn: t.roleArn };
    await ctx.record({
      kind: 'trail-logs-set',
      trail: t.arn,
      region: t.homeRegion,
      previous,
      logGroupArn: logs.CloudWatchLogsLogGroupArn,
    });
    ctx.say(
      `Trail ${t.name} delivers to CloudWatch Logs (${LOG_GROUP}${t.homeRegion === ctx.region ? '' : ` in ${t.homeRegion}`}).`,
    );
  }
}

async function readState(ctx: ActionContext): Promise<State> {
  // Every enabled region, as the audit lists them: a single-region trail is listed only in its home region.
  const listed = await listTrailsEverywhere(ctx.pool, ctx.region);
  const unseen = [
    ...(listed.regionListError
      ? [
          `the account's regions could not be listed (${describeFailure(failureOf(listed.regionListError), 'account:ListRegions')}), so only the trails seen from ${ctx.region} are`,
        ]
      : []),
    // A region an SCP closes stays closed: no reason to hold the step back (the audit warns of it).
    ...listed.unread
      .filter((u) => !deniedByScp(u.Message))
      .map(
        (u) =>
          `${u.Region}'s trails could not be listed (${describeFailure(failureOf(u), 'cloudtrail:DescribeTrails')})`,
      ),
  ];
  const trails: DeliveryTrail[] = listed.trails.map((t) => {
    const arn = t.TrailARN ?? '';
    const owner = account(arn) || ctx.accountId;
    const homeRegion = t.HomeRegion ?? ctx.region;
    return {
      name: t.Name ?? '',
      arn,
      homeRegion,
      owner,
      organization: t.IsOrganizationTrail === true,
      multiRegion: t.IsMultiRegionTrail === true,
      place: owner !== ctx.accountId ? 'other-account' : homeRegion !== ctx.region ? 'other-region' : 'here',
      logGroupArn: orNull(t.CloudWatchLogsLogGroupArn),
      roleArn: orNull(t.CloudWatchLogsRoleArn),
    };
  });
  trails.sort((a, b) => a.arn.localeCompare(b.arn));
  const targets = targetsOf({ trails });
  const logsRole =
    ctx.inputs.trailCloudWatchLogs && targets.length > 0
      ? await readLogsRole(
          ctx,
          targets.map((t) => t.arn),
          targetRegions({ trails }, ctx.region),
        )
      : undefined;
  return { trails, ...(unseen.length > 0 ? { unseen } : {}), ...(logsRole ? { logsRole } : {}) };
}

/**
 * Puts a trail's previous CloudWatch Logs settings back (none: empty strings, which is how UpdateTrail clears them),
 * unless someone pointed the trail elsewhere since: that is kept, and the note says so. A trail gone is fine.
 */
async function restoreTrail(
  ctx: Pick<UndoContext, 'pool' | 'region'>,
  change: Change,
): Promise<string | undefined> {
  const arn = str(change.trail);
  const ct = ctx.pool.client(CloudTrailClient, str(change.region) || ctx.region);
  const out = await ct.send(new DescribeTrailsCommand({ trailNameList: [arn], includeShadowTrails: false }));
  const trail = (out.trailList ?? []).find((t) => t.TrailARN === arn || t.Name === arn);
  if (!trail) return undefined;
  const now = orNull(trail.CloudWatchLogsLogGroupArn);
  if (now !== null && now !== str(change.logGroupArn)) {
    return `kept: trail ${trail.Name ?? arn} now delivers to ${now}, set since harden ran; left as it is`;
  }
  const previous = (change.previous ?? {}) as Partial<LogsSettings>;
  await ct.send(
    new UpdateTrailCommand({
      Name: arn,
      CloudWatchLogsLogGroupArn: previous.logGroupArn ?? '',
      CloudWatchLogsRoleArn: previous.roleArn ?? '',
    }),
  );
  return undefined;
}
