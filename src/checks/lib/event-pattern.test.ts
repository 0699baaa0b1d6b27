import { describe, expect, it } from 'vitest';
import { API_CALL, rootEventPatternCoverage, SIGN_IN } from './event-pattern.js';

const both = { signIn: true, apiCall: true };
const root = { userIdentity: { type: ['Root'] } };
const j = (o: unknown) => JSON.stringify(o);

describe('rootEventPatternCoverage', () => {
  it.each([
    ['the Rampart / AWS pattern', j({ 'detail-type': [API_CALL, SIGN_IN], detail: root })],
    ['no detail-type (every CloudTrail event type)', j({ detail: root })],
    [
      'equals-ignore-case root',
      j({ detail: { userIdentity: { type: [{ 'equals-ignore-case': 'root' }] } } }),
    ],
    [
      'the CIS exclusions',
      j({
        detail: {
          userIdentity: { type: ['Root'], invokedBy: [{ exists: false }] },
          eventType: [{ 'anything-but': 'AwsServiceEvent' }],
        },
      }),
    ],
    ['source prefix aws.', j({ source: [{ prefix: 'aws.' }], detail: root })],
    ['account named', j({ account: ['123456789012'], detail: root })],
  ])('%s catches sign-ins and API calls', (_name, pattern) => {
    expect(rootEventPatternCoverage(pattern)).toEqual(both);
  });

  it('a sign-in-only rule (the classic AWS example) misses root API calls (access keys)', () => {
    expect(rootEventPatternCoverage(j({ 'detail-type': [SIGN_IN], detail: root }))).toEqual({
      signIn: true,
      apiCall: false,
      reason: 'does not match root API calls',
    });
    expect(rootEventPatternCoverage(j({ source: ['aws.signin'], detail: root }))).toMatchObject({
      signIn: true,
      apiCall: false,
    });
  });

  it('an API-call-only rule misses console sign-ins', () => {
    expect(rootEventPatternCoverage(j({ 'detail-type': [API_CALL], detail: root }))).toMatchObject({
      signIn: false,
      apiCall: true,
    });
  });

  it.each([
    ['Root or IAMUser', j({ detail: { userIdentity: { type: ['Root', 'IAMUser'] } } }), 'does not require'],
    [
      'anything-but Root',
      j({ detail: { userIdentity: { type: [{ 'anything-but': 'Root' }] } } }),
      'does not require',
    ],
    [
      'lower-case root without equals-ignore-case',
      j({ detail: { userIdentity: { type: ['root'] } } }),
      'does not require',
    ],
    ['no identity at all', j({ source: ['aws.signin'] }), 'does not require'],
    [
      'one service only',
      j({ source: ['aws.s3'], detail: root }),
      'does not match root console sign-ins or API calls',
    ],
    [
      'one event name',
      j({ detail: { ...root, eventName: ['DeleteTrail'] } }),
      'narrows root activity to some events only (detail.eventName)',
    ],
    [
      'an ARN condition',
      j({ detail: { userIdentity: { type: ['Root'], arn: ['x'] } } }),
      'detail.userIdentity.arn',
    ],
    ['not JSON', 'not json', 'not JSON'],
    ['an array', '[]', 'not a JSON object'],
  ])('%s does not count', (_name, pattern, reason) => {
    const c = rootEventPatternCoverage(pattern);
    expect(c.signIn && c.apiCall).toBe(false);
    expect(c.reason).toContain(reason);
  });
});
