import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { rootActivitySchema } from '../snapshot/aws-shapes.js';
import { runCollector } from './collect.js';
import { LOOKUP_PACING_MS, MAX_PAGES_PER_QUERY, rootActivityCollector } from './root-activity.js';
import { awsError, fakeJsonTransport, testContext } from './testing.js';

const record = (id: string, type: string, extra: Record<string, unknown> = {}) => ({
  EventId: id,
  EventName: (extra.eventName as string | undefined) ?? 'ConsoleLogin',
  EventTime: new Date('2026-11-20T08:41:09Z'),
  EventSource: 'signin.amazonaws.com',
  Username: 'root',
  CloudTrailEvent: JSON.stringify({
    eventVersion: '1.08',
    userIdentity: { type, arn: 'arn:aws:iam::123456789012:root', accountId: '123456789012' },
    eventTime: '2026-11-20T08:41:09Z',
    eventSource: 'signin.amazonaws.com',
    eventName: 'ConsoleLogin',
    awsRegion: 'us-east-1',
    sourceIPAddress: '203.0.113.7',
    userAgent: 'Mozilla/5.0 (Macintosh)',
    responseElements: { ConsoleLogin: 'Success' },
    additionalEventData: { MFAUsed: 'No', LoginTo: 'https://console.aws.amazon.com/' },
    eventType: 'AwsConsoleSignIn',
    ...extra,
  }),
});

const aliases = (...names: string[]) => ({ accountAliases: { AccountAliases: names } });

// moto has no LookupEvents: these SDK-level mocks are this collector's coverage.
describe('rootActivity collector', () => {
  const ct = mockClient(CloudTrailClient);
  afterEach(() => {
    ct.reset();
  });
  afterAll(() => {
    ct.restore();
  });

  it('asks for user name root and each alias in us-east-1 and the session region, keeping only Root identities', async () => {
    const seen: string[] = [];
    ct.on(LookupEventsCommand).callsFake(
      async (
        input: { LookupAttributes: { AttributeValue: string }[] },
        getClient: () => CloudTrailClient,
      ) => {
        const region = await getClient().config.region();
        const name = input.LookupAttributes[0]?.AttributeValue ?? '';
        seen.push(`${region} ${name}`);
        if (region === 'us-east-1' && name === 'root') {
          // An IAM user called "root" shows up under the same user name: not the root user.
          return { Events: [record('e1', 'Root'), record('e2', 'IAMUser')] };
        }
        if (region === 'eu-west-1' && name === 'acme-prod') {
          return {
            Events: [
              record('e3', 'Root', {
                eventName: 'CreateBucket',
                eventSource: 's3.amazonaws.com',
                awsRegion: 'eu-west-1',
                additionalEventData: undefined,
                responseElements: null,
                eventType: 'AwsApiCall',
              }),
            ],
          };
        }
        return { Events: [] };
      },
    );
    const ctx = testContext();
    const out = rootActivitySchema.parse(
      JSON.parse(JSON.stringify(await rootActivityCollector.collect(ctx, aliases('acme-prod')))),
    );
    expect(seen.sort()).toEqual([
      'eu-west-1 acme-prod',
      'eu-west-1 root',
      'us-east-1 acme-prod',
      'us-east-1 root',
    ]);
    expect(out.Regions).toEqual(['us-east-1', 'eu-west-1']);
    expect(out.Usernames).toEqual(['root', 'acme-prod']);
    expect(out.Events.map((e) => e.EventId).sort()).toEqual(['e1', 'e3']);
    expect(out.Events.find((e) => e.EventId === 'e1')).toMatchObject({
      EventName: 'ConsoleLogin',
      SourceIPAddress: '203.0.113.7',
      MFAUsed: 'No',
      ConsoleLoginResult: 'Success',
      UserAgent: 'Mozilla/5.0 (Macintosh)',
      AwsRegion: 'us-east-1',
    });
    expect(out.truncated).toBe(false);
    const input = ct.commandCalls(LookupEventsCommand)[0]?.args[0].input;
    const days = ((input?.EndTime?.getTime() ?? 0) - (input?.StartTime?.getTime() ?? 0)) / 86_400_000;
    expect(days).toBe(90);
    // Paced: one wait between consecutive calls in a region (2 calls per region here).
    expect(ctx.sleeps).toEqual([LOOKUP_PACING_MS, LOOKUP_PACING_MS]);
  });

  it('stops paging at the cap and records the truncation', async () => {
    let n = 0;
    ct.on(LookupEventsCommand).callsFake(() => {
      n++;
      return { Events: [record(`e${n}`, 'Root')], NextToken: `t${n}` };
    });
    const out = rootActivitySchema.parse(
      JSON.parse(
        JSON.stringify(await rootActivityCollector.collect(testContext({ region: 'us-east-1' }), aliases())),
      ),
    );
    expect(ct.commandCalls(LookupEventsCommand)).toHaveLength(MAX_PAGES_PER_QUERY);
    expect(out.truncated).toBe(true);
    expect(out.notes.join(' ')).toContain(`stopped after ${MAX_PAGES_PER_QUERY} pages`);
  });

  it('lets throttling that outlasts the SDK retries through (the slice becomes an error)', async () => {
    ct.on(LookupEventsCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
    await expect(rootActivityCollector.collect(testContext(), aliases())).rejects.toThrow('Rate exceeded');
  });
});

describe('rootActivity collector over the SDK’s HTTP layer', () => {
  it('AccessDenied on LookupEvents becomes an error slice naming cloudtrail:LookupEvents', async () => {
    const ctx = testContext({ region: 'us-east-1' });
    const ct = ctx.pool.client(CloudTrailClient, 'us-east-1');
    fakeJsonTransport(ct, () => ({
      status: 400,
      body: {
        __type: 'AccessDeniedException',
        Message: 'not authorized to perform: cloudtrail:LookupEvents',
      },
    }));
    expect(await runCollector(rootActivityCollector, ctx, aliases())).toMatchObject({
      status: 'error',
      error: { kind: 'access-denied', action: 'cloudtrail:LookupEvents' },
    });
  });
});
