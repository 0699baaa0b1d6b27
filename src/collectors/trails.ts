import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  type Trail,
} from '@aws-sdk/client-cloudtrail';
import { AccountClient } from '@aws-sdk/client-account';
import type { ClientPool } from '../aws/clients.js';
import type { ErrorKind } from '../snapshot/slice.js';
import { enabledRegions } from './access-analyzers.js';
import { defineCollector } from './types.js';
import { mapLimit, omit, partError, withoutMetadata, type PartError } from './util.js';

const LIST_REGIONS = 'account:ListRegions';
const DESCRIBE_TRAILS = 'cloudtrail:DescribeTrails';
/** DescribeTrails calls in flight at once across regions: about 30 regions, a few rounds, no burst. */
export const REGION_CONCURRENCY = 6;

/** A region whose trails could not be listed, or why the account's regions could not be listed. */
export interface RegionFailure {
  Region: string;
  Message: string;
  Action?: string;
  Kind: ErrorKind;
}

export interface ListedTrails {
  /** Every trail seen, once per TrailARN, in the order of the regions read (the session region first). */
  trails: Trail[];
  /** The regions whose DescribeTrails answered. */
  regions: string[];
  /** The regions whose DescribeTrails failed. */
  unread: RegionFailure[];
  /** account:ListRegions failed: only the session region was asked. */
  regionListError?: Omit<RegionFailure, 'Region'>;
}

/** An error as the snapshot records it, in AWS's casing; `where` names the call in the message. */
const casedFailure = (where: string, err: unknown, action: string): Omit<RegionFailure, 'Region'> => {
  const e = partError(where, err, action);
  return { Message: e.message, Kind: e.kind, ...(e.action ? { Action: e.action } : {}) };
};

/**
 * The account's trails, seen from every enabled region (account:ListRegions; the session region alone when that
 * fails). DescribeTrails with shadow trails lists, in one region, that region's own trails and every multi-region
 * and organization trail whose home is elsewhere, but a single-region trail only in its home region; so each enabled
 * region is asked (at most REGION_CONCURRENCY at once) and the answers are merged by TrailARN. A region that fails is
 * kept in `unread`, never skipped silently. Used by the trails collector and harden's cloudtrail-logs-delivery.
 */
export async function listTrailsEverywhere(pool: ClientPool, region: string): Promise<ListedTrails> {
  let regions = [region];
  let regionListError: ListedTrails['regionListError'];
  try {
    const listed = await enabledRegions(pool.client(AccountClient, region));
    if (listed.length > 0) regions = [region, ...listed.filter((r) => r !== region)];
  } catch (err) {
    regionListError = casedFailure('ListRegions', err, LIST_REGIONS);
  }
  const answers = await mapLimit(regions, REGION_CONCURRENCY, async (Region) => {
    try {
      const out = await pool
        .client(CloudTrailClient, Region)
        .send(new DescribeTrailsCommand({ includeShadowTrails: true }));
      return { Region, trails: out.trailList ?? [] };
    } catch (err) {
      return { Region, err };
    }
  });
  const trails = new Map<string, Trail>();
  const read: string[] = [];
  const unread: RegionFailure[] = [];
  for (const a of answers) {
    if ('err' in a) {
      unread.push({ Region: a.Region, ...casedFailure(a.Region, a.err, DESCRIBE_TRAILS) });
      continue;
    }
    read.push(a.Region);
    for (const t of a.trails) {
      const key = t.TrailARN ?? t.Name ?? '';
      if (!trails.has(key)) trails.set(key, t);
    }
  }
  // Nothing readable at all (typically cloudtrail:DescribeTrails is denied): the caller fails, naming the action.
  const first = answers.find((a) => 'err' in a);
  if (read.length === 0 && first && 'err' in first) throw first.err;
  return {
    trails: [...trails.values()],
    regions: read.sort(),
    unread: unread.sort((a, b) => a.Region.localeCompare(b.Region)),
    ...(regionListError ? { regionListError } : {}),
  };
}

/**
 * CloudTrail trails with their logging status and event selectors.
 *
 * The trails are listed in every enabled region (listTrailsEverywhere): the session region alone misses a
 * single-region trail homed elsewhere, which the per-trail checks must judge too. Status and selectors are read per
 * trail in the trail's home region (the only region that answers for it). A failure there is kept in that trail's
 * `errors[]`, a region whose trails could not be listed in `Unread`, and a failed account:ListRegions in
 * `RegionListError`: one unreadable trail or region never hides the others, and the checks report what they could
 * not see as an error.
 */
export const trailsCollector = defineCollector({
  slice: 'trails',
  actions: [LIST_REGIONS, DESCRIBE_TRAILS, 'cloudtrail:GetTrailStatus', 'cloudtrail:GetEventSelectors'],
  async collect({ pool, region }) {
    const listed = await listTrailsEverywhere(pool, region);

    const Trails = await Promise.all(
      listed.trails.map(async (trail) => {
        const home = trail.HomeRegion ?? region;
        const client = pool.client(CloudTrailClient, home);
        const id = trail.TrailARN ?? trail.Name;
        const errors: PartError[] = [];
        const [Status, Selectors] = await Promise.all([
          client.send(new GetTrailStatusCommand({ Name: id })).then(withoutMetadata, (err: unknown) => {
            errors.push(partError('GetTrailStatus', err, 'cloudtrail:GetTrailStatus'));
            return null;
          }),
          client.send(new GetEventSelectorsCommand({ TrailName: id })).then(
            (out) => omit(withoutMetadata(out), ['TrailARN']),
            (err: unknown) => {
              errors.push(partError('GetEventSelectors', err, 'cloudtrail:GetEventSelectors'));
              return null;
            },
          ),
        ]);
        errors.sort((a, b) => a.part.localeCompare(b.part));
        return { Trail: { ...trail, HomeRegion: home }, Status, Selectors, errors };
      }),
    );
    return {
      Trails,
      Regions: listed.regions,
      Unread: listed.unread,
      ...(listed.regionListError ? { RegionListError: listed.regionListError } : {}),
    };
  },
});
