import { AccessAnalyzerClient, ListAnalyzersCommand } from '@aws-sdk/client-accessanalyzer';
import { AccountClient, ListRegionsCommand } from '@aws-sdk/client-account';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { sliceDataSchemas } from '../snapshot/schema.js';
import { accessAnalyzersCollector } from './access-analyzers.js';
import { awsError, testContext } from './testing.js';

const aa = mockClient(AccessAnalyzerClient);
const account = mockClient(AccountClient);
afterEach(() => {
  aa.reset();
  account.reset();
});

describe('accessAnalyzers collector', () => {
  it('lists every analyzer of the session region and records the region', async () => {
    account.on(ListRegionsCommand).rejects(awsError('AccessDeniedException', 'not authorized', 403));
    aa.on(ListAnalyzersCommand)
      .resolvesOnce({
        analyzers: [
          {
            arn: 'arn:aws:access-analyzer:eu-west-1:123456789012:analyzer/external',
            name: 'external',
            type: 'ACCOUNT',
            status: 'ACTIVE',
            createdAt: new Date('2026-02-01T00:00:00Z'),
          },
        ],
        nextToken: 't1',
      })
      .resolvesOnce({
        analyzers: [
          {
            arn: 'arn:aws:access-analyzer:eu-west-1:123456789012:analyzer/unused',
            name: 'unused',
            type: 'ACCOUNT_UNUSED_ACCESS',
            status: 'ACTIVE',
            createdAt: new Date('2026-02-01T00:00:00Z'),
          },
        ],
      });
    const out = await accessAnalyzersCollector.collect(testContext(), {});
    const parsed = sliceDataSchemas.accessAnalyzers.parse(JSON.parse(JSON.stringify(out)));
    expect(parsed.Regions).toHaveLength(1);
    expect(parsed.Regions[0]?.Region).toBe('eu-west-1');
    expect(parsed.Regions[0]?.Analyzers.map((a) => a.type)).toEqual(['ACCOUNT', 'ACCOUNT_UNUSED_ACCESS']);
    expect(aa.commandCalls(ListAnalyzersCommand)[1]?.args[0].input.nextToken).toBe('t1');
    // Without account:ListRegions only the session region is read, and the slice says why.
    expect(parsed.RegionSource).toBe('session-region');
    expect(parsed.RegionListError?.Action).toBe('account:ListRegions');
  });

  it('reads every enabled region (default and opted-in) in parallel; a region that fails is recorded, not fatal', async () => {
    account.on(ListRegionsCommand).resolves({
      Regions: [
        { RegionName: 'us-east-1', RegionOptStatus: 'ENABLED_BY_DEFAULT' },
        { RegionName: 'eu-south-1', RegionOptStatus: 'ENABLED' },
        { RegionName: 'eu-west-1', RegionOptStatus: 'ENABLED_BY_DEFAULT' },
      ],
    });
    aa.on(ListAnalyzersCommand).callsFake((_input, getClient: () => AccessAnalyzerClient) =>
      getClient()
        .config.region()
        .then((region) => {
          if (region === 'eu-south-1') throw awsError('AccessDeniedException', 'denied by SCP', 403);
          return { analyzers: [] };
        }),
    );
    const out = await accessAnalyzersCollector.collect(testContext({ region: 'eu-west-1' }), {});
    const parsed = sliceDataSchemas.accessAnalyzers.parse(JSON.parse(JSON.stringify(out)));
    expect(account.commandCalls(ListRegionsCommand)[0]?.args[0].input.RegionOptStatusContains).toEqual([
      'ENABLED',
      'ENABLED_BY_DEFAULT',
    ]);
    expect(parsed.RegionSource).toBe('enabled-regions');
    expect(parsed.Regions.map((r) => r.Region)).toEqual(['eu-west-1', 'us-east-1']);
    expect(parsed.Unread).toEqual([
      {
        Region: 'eu-south-1',
        Message: expect.stringContaining('denied by SCP') as string,
        Action: 'access-analyzer:ListAnalyzers',
        Kind: 'access-denied',
      },
    ]);
  });

  it('a region without analyzers is an empty list, not an error', async () => {
    account.on(ListRegionsCommand).resolves({ Regions: [{ RegionName: 'us-east-2' }] });
    aa.on(ListAnalyzersCommand).resolves({ analyzers: [] });
    expect(await accessAnalyzersCollector.collect(testContext({ region: 'us-east-2' }), {})).toEqual({
      Regions: [{ Region: 'us-east-2', Analyzers: [] }],
      Unread: [],
      RegionSource: 'enabled-regions',
    });
  });

  it('access denied is thrown for the orchestrator to record', async () => {
    aa.on(ListAnalyzersCommand).rejects(awsError('AccessDeniedException', 'not authorized', 403));
    await expect(accessAnalyzersCollector.collect(testContext(), {})).rejects.toThrow('not authorized');
  });
});
