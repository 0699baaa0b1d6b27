import { describe, expect, it } from 'vitest';
import type { RootActivityEvent } from '../../snapshot/aws-shapes.js';
import { snapshot } from '../../snapshot/testing/builder.js';
import { runOne, statuses } from '../testing.js';
import check from './root-sign-ins.js';

const login = (time: string, extra: Partial<RootActivityEvent> = {}): RootActivityEvent => ({
  EventId: `id-${time}`,
  EventTime: time,
  EventName: 'ConsoleLogin',
  EventSource: 'signin.amazonaws.com',
  AwsRegion: 'us-east-1',
  EventType: 'AwsConsoleSignIn',
  SourceIPAddress: '203.0.113.7',
  UserAgent: 'Mozilla/5.0',
  MFAUsed: 'Yes',
  ConsoleLoginResult: 'Success',
  ...extra,
});
const activity = (events: RootActivityEvent[], truncated = false) =>
  snapshot()
    .slice('rootActivity', {
      status: 'ok',
      data: {
        StartTime: '2026-08-25T12:00:00.000Z',
        EndTime: '2026-11-23T11:00:00.000Z',
        Regions: ['us-east-1', 'eu-west-1'],
        Usernames: ['root'],
        Events: events,
        pages: 1,
        truncated,
        notes: [],
      },
    })
    .build();

// TEST_NOW is 2026-11-23T12:00Z.
describe('root-sign-ins', () => {
  it('passes when the event history has no root activity, naming what was searched', () => {
    const [f] = runOne(check, activity([]));
    expect(f?.status).toBe('pass');
    expect(f?.message).toContain('2026-08-25 to 2026-11-23, us-east-1 and eu-west-1');
  });

  it('lists every root event as its own finding with time, IP, MFA and user agent', () => {
    const findings = runOne(
      check,
      activity([
        login('2026-11-20T08:41:09Z'),
        login('2026-11-21T09:00:00Z', { MFAUsed: 'No', SourceIPAddress: '198.51.100.9' }),
        login('2026-11-22T10:00:00Z', {
          EventName: 'CreateAccessKey',
          EventSource: 'iam.amazonaws.com',
          EventType: 'AwsApiCall',
          MFAUsed: undefined,
          ConsoleLoginResult: undefined,
        }),
      ]),
    );
    expect(statuses(findings)).toEqual(['fail', 'fail', 'fail']);
    expect(findings[0]?.message).toBe(
      'Root console sign-in at 2026-11-20T08:41:09Z from 203.0.113.7 in us-east-1, MFA used; user agent Mozilla/5.0.',
    );
    expect(findings[0]?.severity).toBe('high');
    expect(findings[1]?.message).toContain('MFA not used');
    expect(findings[1]?.severity).toBe('critical');
    expect(findings[2]?.message).toContain('API call iam:CreateAccessKey');
  });

  it('says when a sign-in attempt failed', () => {
    const [f] = runOne(check, activity([login('2026-11-20T08:41:09Z', { ConsoleLoginResult: 'Failure' })]));
    expect(f?.message).toContain('console sign-in attempt (failed)');
  });

  it('ignores events outside the window and calls AWS made on root’s behalf', () => {
    const snap = activity([
      login('2026-11-01T00:00:00Z'),
      login('2026-11-22T00:00:00Z', { EventName: 'AssumeRole', InvokedBy: 'cloudformation.amazonaws.com' }),
      login('2026-11-22T00:00:00Z', { EventName: 'RotateKey', EventType: 'AwsServiceEvent' }),
    ]);
    expect(statuses(runOne(check, snap, { rootUnusedDays: 7 }))).toEqual(['pass']);
    expect(statuses(runOne(check, snap, { rootUnusedDays: 30 }))).toEqual(['fail']);
  });

  it('warns that events may be missing when the history was truncated', () => {
    const [f] = runOne(check, activity([login('2026-11-20T08:41:09Z')], true));
    expect(f?.message).toContain('cut at the page limit');
  });

  it('is an error naming the permission when the event history was denied', () => {
    const snap = snapshot().denied('rootActivity', 'cloudtrail:LookupEvents').build();
    const [f] = runOne(check, snap);
    expect(f?.status).toBe('error');
    expect(f?.message).toContain('cloudtrail:LookupEvents');
  });

  it('is an error, never a pass, when throttling outlasted the retries', () => {
    const snap = snapshot()
      .slice('rootActivity', {
        status: 'error',
        error: { kind: 'throttled', message: 'Rate exceeded', action: 'cloudtrail:LookupEvents' },
      })
      .build();
    expect(runOne(check, snap)[0]?.status).toBe('error');
  });
});
