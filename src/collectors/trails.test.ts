import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
} from '@aws-sdk/client-cloudtrail';
import { AccountClient, ListRegionsCommand } from '@aws-sdk/client-account';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { trailsSchema } from '../snapshot/aws-shapes.js';
import { REGION_CONCURRENCY, trailsCollector } from './trails.js';
import { awsError, testContext } from './testing.js';

const ct = mockClient(CloudTrailClient);
const account = mockClient(AccountClient);
const enabled = (...names: string[]) => ({
  Regions: names.map((RegionName) => ({ RegionName, RegionOptStatus: 'ENABLED_BY_DEFAULT' as const })),
});
// The session region (testContext's eu-west-1) is the only enabled one unless a test says otherwise.
beforeEach(() => account.on(ListRegionsCommand).resolves(enabled('eu-west-1')));
afterEach(() => {
  ct.reset();
  account.reset();
});

const org = {
  Name: 'org-trail',
  TrailARN: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail',
  HomeRegion: 'us-east-1',
  S3BucketName: 'org-logs',
  IsMultiRegionTrail: true,
  IsOrganizationTrail: true,
};
const local = {
  Name: 'local',
  TrailARN: 'arn:aws:cloudtrail:eu-west-1:123456789012:trail/local',
  HomeRegion: 'eu-west-1',
  S3BucketName: 'local-logs',
  IsMultiRegionTrail: true,
  LogFileValidationEnabled: true,
};

const regionOf = async (getClient: () => CloudTrailClient): Promise<string> => getClient().config.region();

describe('trails collector', () => {
  it('describes trails once with shadow trails, then reads each distinct trail in its home region', async () => {
    // A shadow trail can be listed twice (e.g. by name and by ARN): one record per TrailARN.
    ct.on(DescribeTrailsCommand).resolves({ trailList: [local, org, { ...org }] });
    const seen: string[] = [];
    ct.on(GetTrailStatusCommand).callsFake(async (input: { Name: string }, getClient) => {
      seen.push(`status ${input.Name} @${await regionOf(getClient)}`);
      return { IsLogging: true, LatestDeliveryTime: new Date('2026-11-22T10:00:00Z'), $metadata: {} };
    });
    ct.on(GetEventSelectorsCommand).callsFake(async (input: { TrailName: string }, getClient) => {
      seen.push(`selectors ${input.TrailName} @${await regionOf(getClient)}`);
      return {
        TrailARN: input.TrailName,
        EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }],
      };
    });

    const out = await trailsCollector.collect(testContext(), {});
    expect(ct.commandCalls(DescribeTrailsCommand).map((c) => c.args[0].input)).toEqual([
      { includeShadowTrails: true },
    ]);
    expect(seen.sort()).toEqual([
      `selectors ${local.TrailARN} @eu-west-1`,
      `selectors ${org.TrailARN} @us-east-1`,
      `status ${local.TrailARN} @eu-west-1`,
      `status ${org.TrailARN} @us-east-1`,
    ]);
    const data = trailsSchema.parse(JSON.parse(JSON.stringify(out)));
    expect(data.Trails).toHaveLength(2);
    expect(data.Trails[0]).toEqual({
      Trail: local,
      Status: { IsLogging: true, LatestDeliveryTime: '2026-11-22T10:00:00.000Z' },
      Selectors: { EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] },
      errors: [],
    });
  });

  it('keeps a per-trail failure in that trail’s errors, with the action, and the others intact', async () => {
    ct.on(DescribeTrailsCommand).resolves({ trailList: [org, local] });
    ct.on(GetTrailStatusCommand, { Name: org.TrailARN })
      .rejects(
        Object.assign(
          awsError('AccessDeniedException', 'not authorized to perform: cloudtrail:GetTrailStatus'),
          { rampartAction: 'cloudtrail:GetTrailStatus' },
        ),
      )
      .on(GetTrailStatusCommand, { Name: local.TrailARN })
      .resolves({ IsLogging: false });
    ct.on(GetEventSelectorsCommand).resolves({ EventSelectors: [] });

    const out = trailsSchema.parse(
      JSON.parse(JSON.stringify(await trailsCollector.collect(testContext(), {}))),
    );
    expect(out.Trails[0]).toMatchObject({
      Trail: { Name: 'org-trail' },
      Status: null,
      Selectors: { EventSelectors: [] },
      errors: [
        {
          part: 'GetTrailStatus',
          action: 'cloudtrail:GetTrailStatus',
          message: 'AccessDeniedException: not authorized to perform: cloudtrail:GetTrailStatus',
        },
      ],
    });
    expect(out.Trails[1]).toMatchObject({ Status: { IsLogging: false }, errors: [] });
  });

  it('an account without trails has an empty list', async () => {
    ct.on(DescribeTrailsCommand).resolves({ trailList: [] });
    expect(await trailsCollector.collect(testContext(), {})).toEqual({
      Trails: [],
      Regions: ['eu-west-1'],
      Unread: [],
    });
  });

  it('fails the slice only when DescribeTrails itself fails', async () => {
    ct.on(DescribeTrailsCommand).rejects(awsError('AccessDeniedException', 'not authorized'));
    await expect(trailsCollector.collect(testContext(), {})).rejects.toThrow('not authorized');
  });
});

// AWS CloudTrail API reference, DescribeTrails
// (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_DescribeTrails.html): with IncludeShadowTrails,
// "information for all trails in the current Region and any associated shadow trails in other Regions is returned";
// a shadow trail is the replication of a multi-region (or organization) trail. A single-region trail has no shadow:
// only its home region lists it.
describe('trails collector: every enabled region', () => {
  const euOnly = {
    Name: 'eu-only',
    TrailARN: 'arn:aws:cloudtrail:eu-west-1:123456789012:trail/eu-only',
    HomeRegion: 'eu-west-1',
    S3BucketName: 'eu-logs',
    IsMultiRegionTrail: false,
    LogFileValidationEnabled: false,
  };
  /** DescribeTrails as AWS answers it in each region: the org trail's shadow everywhere, eu-only in eu-west-1. */
  const perRegion: Record<string, unknown[]> = {
    'us-east-1': [org],
    'eu-west-1': [{ ...org }, euOnly],
    'ap-south-2': [{ ...org }],
  };
  const session = testContext({ region: 'us-east-1' });

  it('lists a single-region trail homed in another region and reads it there', async () => {
    account.on(ListRegionsCommand).resolves(enabled('ap-south-2', 'eu-west-1', 'us-east-1'));
    ct.on(DescribeTrailsCommand).callsFake(async (_input, getClient) => ({
      trailList: perRegion[await regionOf(getClient)] ?? [],
    }));
    const reads: string[] = [];
    ct.on(GetTrailStatusCommand).callsFake(async (input: { Name: string }, getClient) => {
      reads.push(`${input.Name} @${await regionOf(getClient)}`);
      return { IsLogging: true };
    });
    ct.on(GetEventSelectorsCommand).resolves({ EventSelectors: [] });

    const data = trailsSchema.parse(JSON.parse(JSON.stringify(await trailsCollector.collect(session, {}))));
    expect(data.Trails.map((t) => t.Trail.TrailARN)).toEqual([org.TrailARN, euOnly.TrailARN]);
    expect(data.Trails[1]).toMatchObject({ Trail: euOnly, Status: { IsLogging: true }, errors: [] });
    expect(reads.sort()).toEqual([`${euOnly.TrailARN} @eu-west-1`, `${org.TrailARN} @us-east-1`]);
    expect(data.Regions).toEqual(['ap-south-2', 'eu-west-1', 'us-east-1']);
    expect(data.Unread).toEqual([]);
    // The enabled regions were asked once each (ListRegions was asked for enabled regions only).
    expect(account.commandCalls(ListRegionsCommand)[0]?.args[0].input).toEqual({
      RegionOptStatusContains: ['ENABLED', 'ENABLED_BY_DEFAULT'],
    });
    expect(ct.commandCalls(DescribeTrailsCommand)).toHaveLength(3);
  });

  it('keeps a region that fails in Unread with its action, and still lists the others', async () => {
    account.on(ListRegionsCommand).resolves(enabled('ap-south-2', 'eu-west-1', 'us-east-1', 'us-west-2'));
    ct.on(DescribeTrailsCommand).callsFake(async (_input, getClient) => {
      const r = await regionOf(getClient);
      if (r === 'ap-south-2')
        throw awsError('AccessDeniedException', 'not authorized to perform: cloudtrail:DescribeTrails');
      if (r === 'us-west-2') throw awsError('ThrottlingException', 'Rate exceeded');
      return { trailList: perRegion[r] ?? [] };
    });
    ct.on(GetTrailStatusCommand).resolves({ IsLogging: true });
    ct.on(GetEventSelectorsCommand).resolves({ EventSelectors: [] });

    const data = trailsSchema.parse(JSON.parse(JSON.stringify(await trailsCollector.collect(session, {}))));
    expect(data.Trails.map((t) => t.Trail.Name)).toEqual(['org-trail', 'eu-only']);
    expect(data.Regions).toEqual(['eu-west-1', 'us-east-1']);
    expect(data.Unread).toEqual([
      {
        Region: 'ap-south-2',
        Message: 'AccessDeniedException: not authorized to perform: cloudtrail:DescribeTrails',
        Action: 'cloudtrail:DescribeTrails',
        Kind: 'access-denied',
      },
      expect.objectContaining({
        Region: 'us-west-2',
        Action: 'cloudtrail:DescribeTrails',
        Kind: 'throttled',
      }),
    ]);
    expect(data.RegionListError).toBeUndefined();
  });

  it('without account:ListRegions lists the session region alone and says why', async () => {
    account
      .on(ListRegionsCommand)
      .rejects(awsError('AccessDeniedException', 'not authorized to perform: account:ListRegions'));
    ct.on(DescribeTrailsCommand).callsFake(async (_input, getClient) => ({
      trailList: perRegion[await regionOf(getClient)] ?? [],
    }));
    ct.on(GetTrailStatusCommand).resolves({ IsLogging: true });
    ct.on(GetEventSelectorsCommand).resolves({ EventSelectors: [] });

    const data = trailsSchema.parse(JSON.parse(JSON.stringify(await trailsCollector.collect(session, {}))));
    expect(data.Trails.map((t) => t.Trail.Name)).toEqual(['org-trail']);
    expect(data.Regions).toEqual(['us-east-1']);
    expect(data.RegionListError).toEqual({
      Message: 'AccessDeniedException: not authorized to perform: account:ListRegions',
      Action: 'account:ListRegions',
      Kind: 'access-denied',
    });
  });

  it('fails the slice when no region answers, naming the action', async () => {
    account.on(ListRegionsCommand).resolves(enabled('eu-west-1', 'us-east-1'));
    ct.on(DescribeTrailsCommand).rejects(awsError('AccessDeniedException', 'not authorized'));
    await expect(trailsCollector.collect(session, {})).rejects.toThrow('not authorized');
  });

  it(`asks at most ${REGION_CONCURRENCY} regions at once`, async () => {
    const many = Array.from({ length: 20 }, (_, i) => `xx-test-${i + 1}`);
    account.on(ListRegionsCommand).resolves(enabled(...many));
    let inFlight = 0;
    let most = 0;
    ct.on(DescribeTrailsCommand).callsFake(async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return { trailList: [] };
    });
    const data = trailsSchema.parse(JSON.parse(JSON.stringify(await trailsCollector.collect(session, {}))));
    expect(data.Regions).toHaveLength(21);
    expect(most).toBe(REGION_CONCURRENCY);
  });
});
