import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
} from '@aws-sdk/client-cloudtrail';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { trailsSchema } from '../snapshot/aws-shapes.js';
import { trailsCollector } from './trails.js';
import { awsError, testContext } from './testing.js';

const ct = mockClient(CloudTrailClient);
afterEach(() => ct.reset());

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
    expect(await trailsCollector.collect(testContext(), {})).toEqual({ Trails: [] });
  });

  it('fails the slice only when DescribeTrails itself fails', async () => {
    ct.on(DescribeTrailsCommand).rejects(awsError('AccessDeniedException', 'not authorized'));
    await expect(trailsCollector.collect(testContext(), {})).rejects.toThrow('not authorized');
  });
});
