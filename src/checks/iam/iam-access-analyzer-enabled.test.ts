import { describe, expect, it } from 'vitest';
import type { AccessAnalyzer } from '../../snapshot/aws-shapes.js';
import { snapshot } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import check from './iam-access-analyzer-enabled.js';

const analyzer = (type: string, status = 'ACTIVE', region = 'eu-west-1'): AccessAnalyzer => ({
  arn: `arn:aws:access-analyzer:${region}:123456789012:analyzer/${type}`,
  name: type.toLowerCase(),
  type,
  status,
});
interface Data {
  Regions: { Region: string; Analyzers: AccessAnalyzer[] }[];
  Unread?: { Region: string; Message: string; Action?: string }[];
  RegionSource?: 'enabled-regions' | 'session-region';
  RegionListError?: { Message: string; Action: string };
}
const withData = (d: Data) =>
  snapshot()
    .slice('accessAnalyzers', {
      status: 'ok',
      data: { Unread: [], RegionSource: 'enabled-regions', ...d },
    })
    .build();
const inEuWest1 = (Analyzers: AccessAnalyzer[]) =>
  withData({ Regions: [{ Region: 'eu-west-1', Analyzers }] });

describe('iam-access-analyzer-enabled', () => {
  it('passes an active ACCOUNT or ORGANIZATION analyzer and says how many enabled regions it checked', () => {
    const [f] = runOne(check, inEuWest1([analyzer('ORGANIZATION')]));
    expect(f?.status).toBe('pass');
    expect(f?.message).toContain('Enabled regions checked: 1');
  });
  it('fails with only the unused-access kind, an inactive analyzer, or none', () => {
    expect(runOne(check, inEuWest1([analyzer('ACCOUNT_UNUSED_ACCESS')]))[0]?.message).toContain(
      'unused-access',
    );
    expect(runOne(check, inEuWest1([analyzer('ACCOUNT', 'FAILED')]))[0]?.status).toBe('fail');
    expect(runOne(check, inEuWest1([]))[0]?.message).toContain('there is no analyzer');
  });
  it('judges every enabled region: covered ones pass, the uncovered ones fail together in one finding', () => {
    const out = runOne(
      check,
      withData({
        Regions: [
          { Region: 'eu-west-1', Analyzers: [analyzer('ACCOUNT')] },
          { Region: 'us-east-1', Analyzers: [] },
          { Region: 'us-west-2', Analyzers: [analyzer('ACCOUNT_UNUSED_ACCESS', 'ACTIVE', 'us-west-2')] },
        ],
      }),
    );
    expect(out.map((f) => f.status)).toEqual(['pass', 'fail']);
    expect(out[1]?.message).toMatch(
      /^2 of 3 regions checked lack an active external-access analyzer: us-east-1, us-west-2 \(only unused-access/,
    );
    expect(out[1]?.details?.regionsWithout).toEqual(['us-east-1', 'us-west-2']);
  });
  it('a region that could not be read is an error naming the permission, never a pass', () => {
    const out = runOne(
      check,
      withData({
        Regions: [{ Region: 'eu-west-1', Analyzers: [analyzer('ACCOUNT')] }],
        Unread: [{ Region: 'ap-south-1', Message: 'AccessDenied', Action: 'access-analyzer:ListAnalyzers' }],
      }),
    );
    const err = out.find((f) => f.status === 'error');
    expect(err?.message).toContain('ap-south-1');
    expect(err?.message).toContain('missing permission access-analyzer:ListAnalyzers');
  });
  it('when the regions could not be listed, the session region is judged and the rest is an error naming account:ListRegions', () => {
    const out = runOne(
      check,
      withData({
        Regions: [{ Region: 'eu-west-1', Analyzers: [analyzer('ACCOUNT')] }],
        RegionSource: 'session-region',
        RegionListError: { Message: 'AccessDeniedException: not authorized', Action: 'account:ListRegions' },
      }),
    );
    expect(out.map((f) => f.status).sort()).toEqual(['error', 'pass']);
    expect(out.find((f) => f.status === 'error')?.message).toContain(
      'missing permission account:ListRegions',
    );
    expect(out.find((f) => f.status === 'pass')?.message).toContain('session region only');
  });
});
