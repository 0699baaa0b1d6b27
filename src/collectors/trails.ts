import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  type Trail,
} from '@aws-sdk/client-cloudtrail';
import { defineCollector } from './types.js';
import { omit, partError, withoutMetadata, type PartError } from './util.js';

/**
 * CloudTrail trails with their logging status and event selectors.
 *
 * One DescribeTrails in the session region with shadow trails included lists every trail that records
 * this region: the region's own trails and multi-region (and organization) trails whose home is elsewhere.
 * A single-region trail homed in another region is not listed; it does not cover this region anyway, and
 * the multi-region trail the practices ask for always is. Status and selectors are read per trail in the
 * trail's home region (the only region that answers for it). A failure there is kept in that trail's
 * `errors[]`: one unreadable trail never hides the others.
 */
export const trailsCollector = defineCollector({
  slice: 'trails',
  actions: ['cloudtrail:DescribeTrails', 'cloudtrail:GetTrailStatus', 'cloudtrail:GetEventSelectors'],
  async collect({ pool, region }) {
    const listed = await pool
      .client(CloudTrailClient, region)
      .send(new DescribeTrailsCommand({ includeShadowTrails: true }));

    const trails = new Map<string, Trail>();
    for (const t of listed.trailList ?? []) {
      const key = t.TrailARN ?? t.Name ?? '';
      if (!trails.has(key)) trails.set(key, t);
    }

    const Trails = await Promise.all(
      [...trails.values()].map(async (trail) => {
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
    return { Trails };
  },
});
