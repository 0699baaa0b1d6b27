import { AccessAnalyzerClient, ListAnalyzersCommand } from '@aws-sdk/client-accessanalyzer';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { sliceDataSchemas } from '../snapshot/schema.js';
import { accessAnalyzersCollector } from './access-analyzers.js';
import { awsError, testContext } from './testing.js';

const aa = mockClient(AccessAnalyzerClient);
afterEach(() => aa.reset());

describe('accessAnalyzers collector', () => {
  it('lists every analyzer of the session region and records the region', async () => {
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
  });

  it('a region without analyzers is an empty list, not an error', async () => {
    aa.on(ListAnalyzersCommand).resolves({ analyzers: [] });
    expect(await accessAnalyzersCollector.collect(testContext({ region: 'us-east-2' }), {})).toEqual({
      Regions: [{ Region: 'us-east-2', Analyzers: [] }],
    });
  });

  it('access denied is thrown for the orchestrator to record', async () => {
    aa.on(ListAnalyzersCommand).rejects(awsError('AccessDeniedException', 'not authorized', 403));
    await expect(accessAnalyzersCollector.collect(testContext(), {})).rejects.toThrow('not authorized');
  });
});
