import { utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import rootSignIns from '../checks/root/root-sign-ins.js';
import { runOne, statuses } from '../checks/testing.js';
import { importSnapshot } from './import.js';
import { EXPORT_FIXTURE, exportDirs, importError, sliceData } from './testing/export-dir.js';

const { exportDir } = exportDirs();
const ALIASES = { AccountAliases: ['rampart-hardened'] };

/** One `aws cloudtrail lookup-events` entry as aws-cli v1 prints it (EventTime in epoch seconds). */
function lookupEvent(id: string, type: string, time: string, more: Record<string, unknown> = {}) {
  const record = {
    eventVersion: '1.08',
    userIdentity: {
      type,
      principalId: '123456789012',
      arn: 'arn:aws:iam::123456789012:root',
      accountId: '123456789012',
    },
    eventTime: time,
    eventSource: 'signin.amazonaws.com',
    eventName: 'ConsoleLogin',
    awsRegion: 'us-east-1',
    sourceIPAddress: '203.0.113.7',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
    responseElements: { ConsoleLogin: 'Success' },
    additionalEventData: { MFAUsed: 'No' },
    eventID: id,
    eventType: 'AwsConsoleSignIn',
    ...more,
  };
  return {
    EventId: id,
    EventName: record.eventName,
    ReadOnly: 'false',
    EventTime: Date.parse(time) / 1000,
    EventSource: record.eventSource,
    Username: 'root',
    Resources: [],
    CloudTrailEvent: JSON.stringify(record),
  };
}

describe('importSnapshot: root activity (lookup-events-<user name>.<region>.json)', () => {
  it('the bundled export: root and the alias in us-east-1, no event, root-sign-ins passes', async () => {
    const snapshot = await importSnapshot(EXPORT_FIXTURE);
    expect(sliceData(snapshot, 'rootActivity')).toMatchObject({
      Regions: ['us-east-1'],
      Usernames: ['root', 'rampart-hardened'],
      Events: [],
      truncated: false,
    });
    expect(statuses(runOne(rootSignIns, snapshot))).toEqual(['pass']);
  });

  it("keeps only root events, once each, from every region; the history ends at the files' modification time", async () => {
    const signIn = lookupEvent('e1', 'Root', '2026-11-02T08:14:55Z');
    const dir = await exportDir(['get-caller-identity.json'], {
      'list-account-aliases.json': ALIASES,
      // An IAM user called "root" is not the root user.
      'lookup-events-root.us-east-1.json': {
        Events: [signIn, lookupEvent('e2', 'IAMUser', '2026-11-03T09:00:00Z')],
      },
      // The same sign-in found again under the alias.
      'lookup-events-rampart-hardened.us-east-1.json': { Events: [signIn] },
      'lookup-events-root.eu-west-1.json': {
        Events: [
          lookupEvent('e3', 'Root', '2026-11-10T10:00:00Z', {
            eventSource: 'iam.amazonaws.com',
            eventName: 'CreateAccessKey',
            eventType: 'AwsApiCall',
            awsRegion: 'eu-west-1',
            additionalEventData: {},
            responseElements: null,
          }),
        ],
      },
      'lookup-events-rampart-hardened.eu-west-1.json': { Events: [] },
    });
    const taken = new Date('2026-11-23T10:00:00Z');
    for (const f of [
      'root.us-east-1',
      'rampart-hardened.us-east-1',
      'root.eu-west-1',
      'rampart-hardened.eu-west-1',
    ])
      await utimes(join(dir, `lookup-events-${f}.json`), taken, taken);
    const snapshot = await importSnapshot(dir);
    const data = sliceData(snapshot, 'rootActivity');
    expect(data).toMatchObject({
      StartTime: '2026-08-25T10:00:00.000Z',
      EndTime: '2026-11-23T10:00:00.000Z',
      Regions: ['eu-west-1', 'us-east-1'],
      Usernames: ['root', 'rampart-hardened'],
    });
    expect(data.Events.map((e) => [e.EventId, e.EventName, e.EventTime])).toEqual([
      ['e3', 'CreateAccessKey', '2026-11-10T10:00:00.000Z'],
      ['e1', 'ConsoleLogin', '2026-11-02T08:14:55.000Z'],
    ]);
    const findings = runOne(rootSignIns, snapshot);
    expect(statuses(findings)).toEqual(['fail', 'fail']);
    // The console sign-in without MFA is raised to critical, as from a live collection.
    expect(findings[1]).toMatchObject({ severity: 'critical' });
    expect(findings[1]?.message).toContain(
      'Root console sign-in at 2026-11-02T08:14:55.000Z from 203.0.113.7',
    );
  });

  it('a query not exported (an alias, or us-east-1) skips the slice naming the files: error, never pass', async () => {
    const dir = await exportDir(['get-caller-identity.json'], {
      'list-account-aliases.json': ALIASES,
      'lookup-events-root.us-east-1.json': { Events: [] },
    });
    const snapshot = await importSnapshot(dir);
    expect(snapshot.slices.rootActivity).toEqual({
      status: 'skipped',
      reason: `no lookup-events-rampart-hardened.us-east-1.json in ${dir}`,
    });
    expect(statuses(runOne(rootSignIns, snapshot))).toEqual(['error']);

    const euOnly = await exportDir(['get-caller-identity.json'], {
      'list-account-aliases.json': { AccountAliases: [] },
      'lookup-events-root.eu-west-1.json': { Events: [] },
    });
    expect((await importSnapshot(euOnly)).slices.rootActivity).toEqual({
      status: 'skipped',
      reason: `no lookup-events-root.us-east-1.json in ${euOnly}`,
    });

    const noAliases = await exportDir(['get-caller-identity.json'], {
      'lookup-events-root.us-east-1.json': { Events: [] },
    });
    expect((await importSnapshot(noAliases)).slices.rootActivity).toEqual({
      status: 'skipped',
      reason: `needs list-account-aliases.json in ${noAliases}: CloudTrail may record root events under the account alias`,
    });
  });

  it('malformed exports are one line naming the file', async () => {
    const unregioned = await exportDir([], { 'lookup-events-root.json': { Events: [] } });
    expect(await importError(unregioned)).toBe(
      `${unregioned}/lookup-events-root.json: \`aws cloudtrail lookup-events --lookup-attributes AttributeKey=Username,AttributeValue=NAME\` answers for one region: name the file lookup-events-root.<region>.json (e.g. lookup-events-root.us-east-1.json)`,
    );
    const badTime = await exportDir(['get-caller-identity.json'], {
      'list-account-aliases.json': { AccountAliases: [] },
      'lookup-events-root.us-east-1.json': { Events: [{ EventId: 'x', EventTime: 'yesterday' }] },
    });
    expect(await importError(badTime)).toBe(
      `${badTime}/lookup-events-root.us-east-1.json: an event without a valid EventTime; expected the output of \`aws cloudtrail lookup-events\``,
    );
    const denied = await exportDir(['get-caller-identity.json'], {
      'list-account-aliases.json': { AccountAliases: [] },
      'lookup-events-root.us-east-1.json':
        'An error occurred (AccessDeniedException) when calling the LookupEvents operation',
    });
    expect(await importError(denied)).toMatch(
      /lookup-events-root\.us-east-1\.json: not valid JSON: .+; expected the output of `aws cloudtrail lookup-events --region us-east-1 --lookup-attributes AttributeKey=Username,AttributeValue=NAME`$/,
    );
  });
});
