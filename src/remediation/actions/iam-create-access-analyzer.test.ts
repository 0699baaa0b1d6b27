import {
  AccessAnalyzerClient,
  CreateAnalyzerCommand,
  DeleteAnalyzerCommand,
  ListAnalyzersCommand,
} from '@aws-sdk/client-accessanalyzer';
import { AccountClient, ListRegionsCommand } from '@aws-sdk/client-account';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { awsError } from '../../collectors/testing.js';
import { describeAwsFailure } from '../errors.js';
import { actionContext, TEST_INPUTS } from '../testing.js';
import action, { ANALYZER_NAME, regionsWithout } from './iam-create-access-analyzer.js';

// moto 5.2 has no Access Analyzer API (nor account:ListRegions): this action is covered here with SDK-level stubs,
// and end to end by the fake in test/integration/fake-billing.ts.
const aa = mockClient(AccessAnalyzerClient);
const account = mockClient(AccountClient);

interface Fake {
  name: string;
  type: string;
  status: string;
}
/** Analyzers per region; a new one is CREATING on its first listing, then ACTIVE (as in AWS). */
let analyzers: Map<string, Fake[]>;
const regionOf = (getClient: () => AccessAnalyzerClient): Promise<string> => getClient().config.region();

beforeEach(() => {
  analyzers = new Map();
  account.on(ListRegionsCommand).resolves({
    Regions: [
      { RegionName: 'us-east-1', RegionOptStatus: 'ENABLED_BY_DEFAULT' },
      { RegionName: 'eu-south-1', RegionOptStatus: 'ENABLED' },
    ],
  });
  aa.on(ListAnalyzersCommand).callsFake(async (_input, getClient: () => AccessAnalyzerClient) => {
    const list = analyzers.get(await regionOf(getClient)) ?? [];
    const out = list.map((a) => ({ ...a, arn: `arn:aws:access-analyzer:x:123456789012:analyzer/${a.name}` }));
    for (const a of list) if (a.status === 'CREATING') a.status = 'ACTIVE';
    return { analyzers: out };
  });
  aa.on(CreateAnalyzerCommand).callsFake(
    async (input: { analyzerName: string; type: string }, getClient: () => AccessAnalyzerClient) => {
      const region = await regionOf(getClient);
      analyzers.set(region, [
        ...(analyzers.get(region) ?? []),
        { name: input.analyzerName, type: input.type, status: 'CREATING' },
      ]);
      return { arn: `arn:aws:access-analyzer:${region}:123456789012:analyzer/${input.analyzerName}` };
    },
  );
});
afterEach(() => {
  aa.reset();
  account.reset();
});

describe('iam-create-access-analyzer (SDK stubs: moto lacks Access Analyzer and account:ListRegions)', () => {
  it('reads every enabled region and the session region, counting only external-access analyzers', async () => {
    analyzers.set('us-east-1', [{ name: 'unused', type: 'ACCOUNT_UNUSED_ACCESS', status: 'ACTIVE' }]);
    analyzers.set('eu-south-1', [{ name: 'org', type: 'ORGANIZATION', status: 'ACTIVE' }]);
    const state = await action.read(actionContext());
    expect(account.commandCalls(ListRegionsCommand)[0]?.args[0].input.RegionOptStatusContains).toEqual([
      'ENABLED',
      'ENABLED_BY_DEFAULT',
    ]);
    expect(state).toEqual({
      regions: [
        { region: 'eu-south-1', analyzers: [{ name: 'org', type: 'ORGANIZATION', status: 'ACTIVE' }] },
        { region: 'eu-west-1', analyzers: [] },
        { region: 'us-east-1', analyzers: [] },
      ],
    });
    expect(action.satisfied(state, TEST_INPUTS)).toBe(false);
    expect(regionsWithout(state)).toEqual(['eu-west-1', 'us-east-1']);
    expect(action.describe(state, TEST_INPUTS, { accountId: '123456789012', region: 'eu-west-1' })).toEqual({
      before: [
        'External-access analyzer active in eu-south-1.',
        'No external-access analyzer in eu-west-1, us-east-1.',
      ],
      after: [
        `Create the analyzer ${ANALYZER_NAME} (external access, zone of trust: this account) in eu-west-1, us-east-1.`,
      ],
    });
  });

  it('creates a free ACCOUNT analyzer only where none exists, journals each by region, and waits until active', async () => {
    analyzers.set('eu-south-1', [{ name: 'theirs', type: 'ACCOUNT', status: 'ACTIVE' }]);
    const ctx = actionContext();
    const state = await action.read(ctx);
    expect(action.blocked?.(state, TEST_INPUTS, { isRoot: false, interactive: false })).toBeUndefined();
    await action.apply(ctx, state);
    const created = aa.commandCalls(CreateAnalyzerCommand).map((c) => c.args[0].input);
    expect(created).toEqual([
      { analyzerName: ANALYZER_NAME, type: 'ACCOUNT' },
      { analyzerName: ANALYZER_NAME, type: 'ACCOUNT' },
    ]);
    expect(ctx.changes).toEqual([
      {
        kind: 'analyzer-created',
        name: ANALYZER_NAME,
        region: 'eu-west-1',
        arn: `arn:aws:access-analyzer:eu-west-1:123456789012:analyzer/${ANALYZER_NAME}`,
      },
      {
        kind: 'analyzer-created',
        name: ANALYZER_NAME,
        region: 'us-east-1',
        arn: `arn:aws:access-analyzer:us-east-1:123456789012:analyzer/${ANALYZER_NAME}`,
      },
    ]);
    expect(ctx.said).toEqual([`Access Analyzer ${ANALYZER_NAME} created in eu-west-1, us-east-1.`]);
    // The first listing after creation still says CREATING: verify reads again instead of failing.
    await action.verify?.(ctx);
    const after = await action.read(ctx);
    expect(action.satisfied(after, TEST_INPUTS)).toBe(true);
  });

  it('is a no-op when every region has an active analyzer', async () => {
    for (const r of ['eu-south-1', 'eu-west-1', 'us-east-1'])
      analyzers.set(r, [{ name: 'a', type: 'ACCOUNT', status: 'ACTIVE' }]);
    expect(action.satisfied(await action.read(actionContext()), TEST_INPUTS)).toBe(true);
  });

  it('leaves a region whose own analyzer is not active alone, and is blocked when that is all that is left', async () => {
    analyzers.set('eu-south-1', [{ name: 'broken', type: 'ACCOUNT', status: 'FAILED' }]);
    const ctx = actionContext();
    const state = await action.read(ctx);
    expect(regionsWithout(state)).toEqual(['eu-west-1', 'us-east-1']);
    expect(
      action.describe(state, TEST_INPUTS, { accountId: '123456789012', region: 'eu-west-1' }).after[1],
    ).toBe('Leave eu-south-1 (broken FAILED) alone (one account analyzer per region).');
    await action.apply(ctx, state);
    expect(aa.commandCalls(CreateAnalyzerCommand)).toHaveLength(2);
    await action.verify?.(ctx); // The region left alone is not this step's to verify.

    const rest = await action.read(ctx);
    expect(action.satisfied(rest, TEST_INPUTS)).toBe(false);
    expect(action.blocked?.(rest, TEST_INPUTS, { isRoot: false, interactive: false })?.reason).toContain(
      'eu-south-1 (broken FAILED) are not active, and AWS allows one account analyzer per region',
    );
  });

  it('verification fails when an analyzer it created failed', async () => {
    const ctx = actionContext();
    await action.apply(ctx, await action.read(ctx));
    for (const list of analyzers.values()) for (const a of list) a.status = 'FAILED';
    await expect(action.verify?.(ctx)).rejects.toThrow(
      `the analyzers are not all active (verification failed): eu-south-1: ${ANALYZER_NAME} FAILED, eu-west-1:`,
    );
  });

  it('without account:ListRegions the state cannot be read (never a pass for regions it did not see)', async () => {
    account.on(ListRegionsCommand).rejects(awsError('AccessDeniedException', 'not authorized', 403));
    const err = await action.read(actionContext()).catch((e: unknown) => e);
    // (The pool's middleware adds "missing permission account:ListRegions" on a real client; the mock skips it.)
    expect(describeAwsFailure(err)).toContain('access denied');
    expect(aa.commandCalls(ListAnalyzersCommand)).toHaveLength(0);
  });

  it('undo deletes only the analyzer the journal names, in its region; one already gone is fine', async () => {
    const regions: string[] = [];
    aa.on(DeleteAnalyzerCommand).callsFake(async (_input, getClient: () => AccessAnalyzerClient) => {
      regions.push(await regionOf(getClient));
      if (regions.length > 1) throw awsError('ResourceNotFoundException', 'gone', 404);
      return {};
    });
    const ctx = actionContext();
    const change = { kind: 'analyzer-created', name: ANALYZER_NAME, region: 'us-east-1', arn: 'x' };
    expect(await action.undo(ctx, change)).toBeUndefined();
    await action.undo(ctx, change);
    expect(aa.commandCalls(DeleteAnalyzerCommand).map((c) => c.args[0].input)).toEqual([
      { analyzerName: ANALYZER_NAME },
      { analyzerName: ANALYZER_NAME },
    ]);
    expect(regions).toEqual(['us-east-1', 'us-east-1']);
    await expect(action.undo(ctx, { kind: 'bucket-created' })).rejects.toThrow('unknown change');
  });
});
