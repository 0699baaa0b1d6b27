import { AccessAnalyzerClient, paginateListAnalyzers } from '@aws-sdk/client-accessanalyzer';
import { AccountClient, paginateListRegions } from '@aws-sdk/client-account';
import type { ErrorKind } from '../snapshot/slice.js';
import { defineCollector } from './types.js';
import { partError } from './util.js';

const LIST_REGIONS = 'account:ListRegions';
const LIST_ANALYZERS = 'access-analyzer:ListAnalyzers';

/** The regions enabled for the account (default ones and opted-in ones), sorted. Also used by harden. */
export async function enabledRegions(client: AccountClient): Promise<string[]> {
  const regions: string[] = [];
  const pages = paginateListRegions(
    { client },
    { RegionOptStatusContains: ['ENABLED', 'ENABLED_BY_DEFAULT'] },
  );
  for await (const page of pages) {
    for (const r of page.Regions ?? []) if (r.RegionName) regions.push(r.RegionName);
  }
  return regions.sort();
}

/**
 * IAM Access Analyzer analyzers. Analyzers are regional and CIS asks for one in every region in use, so this
 * lists the account's enabled regions (one account:ListRegions call) and reads each in parallel. When the regions
 * cannot be listed it reads the session region alone and says why (the check turns that into an error, never a
 * silent pass for the regions it did not see). All analyzer types are kept; the check tells them apart.
 */
export const accessAnalyzersCollector = defineCollector({
  slice: 'accessAnalyzers',
  actions: [LIST_REGIONS, LIST_ANALYZERS],
  async collect({ pool, region }) {
    let regions = [region];
    let RegionSource: 'enabled-regions' | 'session-region' = 'session-region';
    let RegionListError: { Message: string; Action: string; Kind: ErrorKind } | undefined;
    try {
      const listed = await enabledRegions(pool.client(AccountClient, region));
      if (listed.length > 0) {
        regions = listed.includes(region) ? listed : [...listed, region].sort();
        RegionSource = 'enabled-regions';
      }
    } catch (err) {
      const e = partError('ListRegions', err, LIST_REGIONS);
      RegionListError = { Message: e.message, Action: e.action ?? LIST_REGIONS, Kind: e.kind };
    }

    const results = await Promise.all(
      regions.map(async (Region) => {
        try {
          const Analyzers: unknown[] = [];
          const pages = paginateListAnalyzers({ client: pool.client(AccessAnalyzerClient, Region) }, {});
          for await (const page of pages) Analyzers.push(...(page.analyzers ?? []));
          return { Region, Analyzers };
        } catch (err) {
          return { Region, err };
        }
      }),
    );
    const read = results.flatMap((r) =>
      'Analyzers' in r ? [{ Region: r.Region, Analyzers: r.Analyzers }] : [],
    );
    const failed = results.flatMap((r) => ('err' in r ? [r] : []));
    // Nothing readable at all (typically the permission is missing): the slice fails and names the action.
    const first = failed[0];
    if (read.length === 0 && first) throw first.err;
    const Unread = failed.map((f) => {
      const e = partError(f.Region, f.err, LIST_ANALYZERS);
      return {
        Region: f.Region,
        Message: e.message,
        Kind: e.kind,
        ...(e.action ? { Action: e.action } : {}),
      };
    });
    return { Regions: read, Unread, RegionSource, ...(RegionListError ? { RegionListError } : {}) };
  },
});
