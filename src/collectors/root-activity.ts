import { CloudTrailClient, LookupEventsCommand, type Event } from '@aws-sdk/client-cloudtrail';
import { defineCollector } from './types.js';

/** CloudTrail keeps the free event history for 90 days. */
export const EVENT_HISTORY_DAYS = 90;
/** LookupEvents is limited to 2 requests per second per account and region: pace the pages. */
export const LOOKUP_PACING_MS = 550;
/** At 50 events a page, 20 pages = 1,000 root events per query; beyond that the slice says it is truncated. */
export const MAX_PAGES_PER_QUERY = 20;

interface RootEvent {
  EventId: string;
  EventTime: string;
  EventName: string;
  EventSource?: string;
  AwsRegion?: string;
  EventType?: string;
  SourceIPAddress?: string;
  UserAgent?: string;
  /** additionalEventData.MFAUsed of a ConsoleLogin ("Yes"/"No"). */
  MFAUsed?: string;
  /** responseElements.ConsoleLogin ("Success"/"Failure"). */
  ConsoleLoginResult?: string;
  ErrorCode?: string;
  InvokedBy?: string;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * The root user's event, reduced to who/when/where/how; undefined when the event is not the root user's.
 * Also used by the importer on `aws cloudtrail lookup-events` output.
 */
export function rootEvent(event: Event): RootEvent | undefined {
  let record: Json;
  try {
    record = obj(JSON.parse(event.CloudTrailEvent ?? '{}'));
  } catch {
    return undefined;
  }
  const identity = obj(record.userIdentity);
  if (identity.type !== 'Root') return undefined;
  const out: RootEvent = {
    EventId: event.EventId ?? str(record.eventID) ?? '',
    EventTime: event.EventTime?.toISOString() ?? str(record.eventTime) ?? '',
    EventName: event.EventName ?? str(record.eventName) ?? '',
  };
  const optional: [keyof RootEvent, string | undefined][] = [
    ['EventSource', event.EventSource ?? str(record.eventSource)],
    ['AwsRegion', str(record.awsRegion)],
    ['EventType', str(record.eventType)],
    ['SourceIPAddress', str(record.sourceIPAddress)],
    ['UserAgent', str(record.userAgent)],
    ['MFAUsed', str(obj(record.additionalEventData).MFAUsed)],
    ['ConsoleLoginResult', str(obj(record.responseElements).ConsoleLogin)],
    ['ErrorCode', str(record.errorCode)],
    ['InvokedBy', str(identity.invokedBy)],
  ];
  for (const [key, value] of optional) if (value !== undefined) out[key] = value;
  return out;
}

/**
 * The root user's activity in the 90-day CloudTrail event history: console sign-ins and API calls, with time,
 * source IP, MFA and user agent. Root sign-ins are recorded in us-east-1; root API calls in the region they hit,
 * so us-east-1 and the session region are searched. LookupEvents filters on one attribute only: it is asked for
 * Username `root` and, because CloudTrail records an account alias as a root event's user name, each alias
 * (from the accountAliases slice);
 * every event returned is then kept only if its userIdentity.type is Root (an IAM user named "root" is not).
 * Pages are paced for the 2-per-second limit and capped; `truncated` says when the cap was reached.
 */
export const rootActivityCollector = defineCollector({
  slice: 'rootActivity',
  actions: ['cloudtrail:LookupEvents'],
  // The alias is a root event's user name: the aliases come from their own slice (no second IAM call).
  dependsOn: ['accountAliases'],
  async collect({ pool, region, sleep }, prior) {
    const notes: string[] = [];
    const usernames = ['root', ...(prior.accountAliases?.AccountAliases ?? [])];
    const EndTime = new Date();
    const StartTime = new Date(EndTime.getTime() - EVENT_HISTORY_DAYS * 86_400_000);
    const regions = [...new Set(['us-east-1', region])];
    const events = new Map<string, RootEvent>();
    let pages = 0;
    let truncated = false;

    await Promise.all(
      regions.map(async (r) => {
        const client = pool.client(CloudTrailClient, r);
        let first = true;
        for (const name of usernames) {
          let NextToken: string | undefined;
          let page = 0;
          do {
            if (!first) await sleep(LOOKUP_PACING_MS);
            first = false;
            const out = await client.send(
              new LookupEventsCommand({
                LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: name }],
                StartTime,
                EndTime,
                MaxResults: 50,
                ...(NextToken ? { NextToken } : {}),
              }),
            );
            page++;
            pages++;
            for (const e of out.Events ?? []) {
              const root = rootEvent(e);
              if (root && !events.has(root.EventId)) events.set(root.EventId, root);
            }
            NextToken = out.NextToken;
          } while (NextToken && page < MAX_PAGES_PER_QUERY);
          if (NextToken) {
            truncated = true;
            notes.push(`${r}, user name "${name}": stopped after ${MAX_PAGES_PER_QUERY} pages`);
          }
        }
      }),
    );
    const Events = [...events.values()].sort((a, b) => b.EventTime.localeCompare(a.EventTime));
    return {
      StartTime: StartTime.toISOString(),
      EndTime: EndTime.toISOString(),
      Regions: regions,
      Usernames: usernames,
      Events,
      pages,
      truncated,
      notes,
    };
  },
});
