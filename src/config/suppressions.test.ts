import { describe, expect, it } from 'vitest';
import type { Finding } from '../checks/types.js';
import { applySuppressions, globToRegExp, resourceNames, suppressionMatches } from './suppressions.js';
import type { Suppression } from './types.js';

const NOW = new Date('2026-11-23T12:00:00Z');

function finding(checkId: string, resource: string, status: Finding['status'] = 'fail'): Finding {
  return { checkId, title: checkId, area: 'iam', status, severity: 'high', resource, message: 'm' };
}
const alice = finding('iam-users-mfa', 'arn:aws:iam::123456789012:user/alice');
const bob = finding('iam-users-mfa', 'arn:aws:iam::123456789012:user/ops/bob');
const root = finding('root-mfa-enabled', 'arn:aws:iam::123456789012:root');
const ran = new Set(['iam-users-mfa', 'root-mfa-enabled', 'iam-password-policy']);
const s = (over: Partial<Suppression>): Suppression => ({
  check: 'iam-users-mfa',
  resource: '*',
  reason: 'accepted',
  ...over,
});

describe('resource patterns', () => {
  it('names a resource by its ARN, the part after the account and its last segment', () => {
    expect(resourceNames('arn:aws:iam::123456789012:user/ops/bob')).toEqual([
      'arn:aws:iam::123456789012:user/ops/bob',
      'user/ops/bob',
      'bob',
    ]);
    expect(resourceNames('arn:aws:iam::123456789012:root')).toEqual([
      'arn:aws:iam::123456789012:root',
      'root',
      'root',
    ]);
    expect(resourceNames('not-an-arn')).toEqual(['not-an-arn']);
  });

  it('treats * as the only wildcard and everything else literally', () => {
    expect(globToRegExp('user/*').test('user/ops/bob')).toBe(true);
    expect(globToRegExp('a.c').test('abc')).toBe(false);
    expect(globToRegExp('a?c').test('abc')).toBe(false);
    expect(globToRegExp('(x)+').test('(x)+')).toBe(true);
  });

  it.each<[string, Finding, boolean]>([
    ['arn:aws:iam::123456789012:user/alice', alice, true],
    ['arn:aws:iam::*:user/alice', alice, true],
    ['user/alice', alice, true],
    ['alice', alice, true],
    ['ali*', alice, true],
    ['Alice', alice, false],
    ['alic', alice, false],
    ['user/*', bob, true],
    ['ops/*', bob, false],
    ['*', root, false], // other check
  ])('%s matches %o: %s', (resource, f, expected) => {
    expect(suppressionMatches(s({ resource }), f)).toBe(expected);
  });
});

describe('applySuppressions', () => {
  it('marks matching findings with reason, owner and expiry and leaves the rest untouched', () => {
    const sup = s({
      resource: 'alice',
      reason: 'hardware key on order',
      owner: 'jane@example.com',
      expires: '2026-12-31',
    });
    const { findings, summary } = applySuppressions([alice, bob, root], [sup], { now: NOW, ranChecks: ran });
    expect(findings[0]?.suppressed).toEqual({
      reason: 'hardware key on order',
      owner: 'jane@example.com',
      expires: '2026-12-31',
    });
    expect(findings[1]).toBe(bob);
    expect(findings[2]).toBe(root);
    expect(summary).toEqual({ applied: 1, expired: [], unused: [] });
  });

  it('does not mutate its input', () => {
    const input = [alice];
    applySuppressions(input, [s({})], { now: NOW, ranChecks: ran });
    expect(input[0]?.suppressed).toBeUndefined();
  });

  it('still applies on its expiry day and stops the day after, reporting the expired suppression', () => {
    const sup = s({ resource: 'user/*', expires: '2026-11-23' });
    expect(applySuppressions([alice], [sup], { now: NOW, ranChecks: ran }).summary.applied).toBe(1);
    const next = new Date('2026-11-24T00:00:00Z');
    const { findings, summary } = applySuppressions([alice, bob], [sup], { now: next, ranChecks: ran });
    expect(findings.every((f) => f.suppressed === undefined)).toBe(true);
    expect(summary).toEqual({ applied: 0, expired: [{ ...sup, matches: 2 }], unused: [] });
  });

  it('lets a valid suppression win over an expired one for the same finding', () => {
    const old = s({ reason: 'old', expires: '2025-01-01' });
    const current = s({ reason: 'current' });
    const { findings, summary } = applySuppressions([alice], [old, current], { now: NOW, ranChecks: ran });
    expect(findings[0]?.suppressed?.reason).toBe('current');
    expect(summary.expired).toEqual([{ ...old, matches: 1 }]);
  });

  it('never suppresses passing findings, so a suppression of a fixed problem shows up as unused', () => {
    const fixed = { ...alice, status: 'pass' as const };
    const sup = s({ resource: 'alice' });
    const { findings, summary } = applySuppressions([fixed], [sup], { now: NOW, ranChecks: ran });
    expect(findings[0]?.suppressed).toBeUndefined();
    expect(summary.unused).toEqual([{ ...sup, matches: 0 }]);
  });

  it('suppresses error and manual findings too', () => {
    const { summary } = applySuppressions(
      [finding('iam-users-mfa', 'x', 'error'), finding('iam-users-mfa', 'y', 'manual')],
      [s({})],
      { now: NOW, ranChecks: ran },
    );
    expect(summary.applied).toBe(2);
  });

  it('does not call a suppression unused when its check did not run', () => {
    const sup = s({ check: 'iam-access-keys-rotated' });
    expect(applySuppressions([alice], [sup], { now: NOW, ranChecks: ran }).summary.unused).toEqual([]);
  });
});
