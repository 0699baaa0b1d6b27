import type { TrailRecord } from '../../snapshot/aws-shapes.js';
import type { SliceData } from '../../snapshot/schema.js';
import type { CheckContext, CheckOutcome } from '../types.js';
import { deniedByScp, describeFailure, failureOf } from './failure.js';

type Selectors = NonNullable<TrailRecord['Selectors']>;
type FieldSelector = NonNullable<Selectors['AdvancedEventSelectors']>[number]['FieldSelectors'][number];

export interface ManagementCoverage {
  read: boolean;
  write: boolean;
  /** How the answer was reached, for messages ("basic selector ReadWriteType=WriteOnly"...). */
  how: string;
}

const only = (f: FieldSelector | undefined, value: string): boolean =>
  f !== undefined &&
  (f.Equals ?? []).length === 1 &&
  (f.Equals ?? [])[0]?.toLowerCase() === value.toLowerCase() &&
  !f.NotEquals?.length &&
  !f.StartsWith?.length &&
  !f.NotStartsWith?.length &&
  !f.EndsWith?.length &&
  !f.NotEndsWith?.length;

/**
 * Whether the trail records read and write management events. Basic selectors: IncludeManagementEvents
 * (default true) with ReadWriteType All, or ReadOnly + WriteOnly across selectors. Advanced selectors: a
 * selector with eventCategory = Management and no readOnly field covers both; readOnly = true / false
 * covers one side each (two selectors together cover both). A management selector that narrows by any
 * other field (eventSource, ...) records only part of the events and counts for neither.
 */
export function managementCoverage(selectors: Selectors): ManagementCoverage {
  const advanced = selectors.AdvancedEventSelectors ?? [];
  if (advanced.length > 0) {
    let read = false;
    let write = false;
    for (const sel of advanced) {
      const fields = sel.FieldSelectors;
      const category = fields.find((f) => f.Field === 'eventCategory');
      if (!only(category, 'Management')) continue;
      const others = fields.filter((f) => f.Field !== 'eventCategory' && f.Field !== 'readOnly');
      if (others.length > 0) continue;
      const readOnly = fields.find((f) => f.Field === 'readOnly');
      if (readOnly === undefined) {
        read = true;
        write = true;
      } else if (only(readOnly, 'true')) read = true;
      else if (only(readOnly, 'false')) write = true;
    }
    return { read, write, how: 'advanced event selectors' };
  }
  let read = false;
  let write = false;
  const basic = selectors.EventSelectors ?? [];
  for (const sel of basic) {
    if (sel.IncludeManagementEvents === false) continue;
    const type = sel.ReadWriteType ?? 'All';
    if (type === 'All' || type === 'ReadOnly') read = true;
    if (type === 'All' || type === 'WriteOnly') write = true;
  }
  const types = basic.map(
    (s) =>
      `${s.ReadWriteType ?? 'All'}${s.IncludeManagementEvents === false ? ' (no management events)' : ''}`,
  );
  return { read, write, how: `event selectors ReadWriteType=${types.join(', ') || 'none'}` };
}

/** The part error for `part` as "cloudtrail:GetTrailStatus: message", when the collector recorded one. */
export function partProblem(trail: TrailRecord, part: string): string | undefined {
  const e = trail.errors.find((x) => x.part === part);
  return e ? describeFailure(e, part) : undefined;
}

export const NO_TRAIL_MESSAGE =
  'The account has no CloudTrail trail in this region; see cloudtrail-multi-region-enabled (create one multi-region trail first).';

/** The single finding of a per-trail check when there is nothing to judge: no trail (or no trail bucket). */
export function noTrailOutcome(
  status: 'fail' | 'not_applicable',
  ctx: Pick<CheckContext, 'partition' | 'accountId'>,
  message = NO_TRAIL_MESSAGE,
): CheckOutcome {
  return { status, resource: `arn:${ctx.partition}:cloudtrail::${ctx.accountId}:trail`, message };
}

/**
 * The error findings of a per-trail check for the regions whose trails were not seen: one per enabled region whose
 * DescribeTrails failed, and one for the rest of the account when its regions could not be listed
 * (account:ListRegions). A single-region trail homed there would be judged if it had been seen: never a silent pass.
 * Regions an SCP closes are named in a warning instead. The trails that were seen are judged beside these.
 */
export function unseenRegionOutcomes(
  trails: SliceData['trails'],
  ctx: Pick<CheckContext, 'partition' | 'accountId' | 'warn'>,
): CheckOutcome[] {
  const out: CheckOutcome[] = [];
  if (trails.RegionListError) {
    const e = trails.RegionListError;
    out.push({
      status: 'error',
      resource: `arn:${ctx.partition}:cloudtrail::${ctx.accountId}:trail`,
      message:
        `The account's enabled regions could not be listed: ${describeFailure(failureOf(e), 'account:ListRegions')}; ` +
        `only the trails seen from ${trails.Regions?.length ? trails.Regions.join(', ') : 'the session region'} are judged, and a ` +
        'single-region trail homed in another region is not.',
      details: { missingPermission: e.Action ?? 'account:ListRegions' },
    });
  }
  const closed = (trails.Unread ?? []).filter((u) => deniedByScp(u.Message)).map((u) => u.Region);
  if (closed.length > 0)
    ctx.warn(
      `Trails were not listed in ${closed.join(', ')}: a service control policy denies it there (a region the ` +
        'organization closed); a single-region trail made there before it was closed is not judged.',
    );
  for (const u of trails.Unread ?? []) {
    if (deniedByScp(u.Message)) continue;
    out.push({
      status: 'error',
      resource: `arn:${ctx.partition}:cloudtrail:${u.Region}:${ctx.accountId}:trail`,
      message: `${u.Region}: trails could not be listed: ${describeFailure(failureOf(u), 'cloudtrail:DescribeTrails')}; a single-region trail homed there is not judged.`,
      details: { region: u.Region, ...(u.Action ? { missingPermission: u.Action } : {}) },
    });
  }
  return out;
}
