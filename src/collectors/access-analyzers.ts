import { AccessAnalyzerClient, paginateListAnalyzers } from '@aws-sdk/client-accessanalyzer';
import { defineCollector } from './types.js';

/**
 * IAM Access Analyzer analyzers. Analyzers are regional and CIS asks for one in every region in use;
 * this collects the session region and records it in `Regions`, so a check can say which regions it saw.
 * All analyzer types are kept (external access and the paid unused-access kind); the check tells them apart.
 */
export const accessAnalyzersCollector = defineCollector({
  slice: 'accessAnalyzers',
  actions: ['access-analyzer:ListAnalyzers'],
  async collect({ pool, region }) {
    const Analyzers: unknown[] = [];
    const pages = paginateListAnalyzers({ client: pool.client(AccessAnalyzerClient, region) }, {});
    for await (const page of pages) Analyzers.push(...(page.analyzers ?? []));
    return { Regions: [{ Region: region, Analyzers }] };
  },
});
