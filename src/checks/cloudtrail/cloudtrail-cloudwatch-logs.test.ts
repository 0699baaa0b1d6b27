import { describe, expect, it } from 'vitest';
import type { TrailRecord } from '../../snapshot/aws-shapes.js';
import { snapshot } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import check from './cloudtrail-cloudwatch-logs.js';

const trail = (t: Partial<TrailRecord['Trail']>): TrailRecord => ({
  Trail: {
    Name: 'main',
    TrailARN: 'arn:aws:cloudtrail:us-east-1:123456789012:trail/main',
    HomeRegion: 'us-east-1',
    IsMultiRegionTrail: true,
    ...t,
  },
  Status: { IsLogging: true },
  Selectors: { EventSelectors: [] },
  errors: [],
});
const run = (...Trails: TrailRecord[]) =>
  runOne(check, snapshot().slice('trails', { status: 'ok', data: { Trails } }).build());

describe('cloudtrail-cloudwatch-logs', () => {
  it('passes a trail with the setting and fails one without', () => {
    const findings = run(
      trail({ CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:ct' }),
      trail({ Name: 'other', CloudWatchLogsLogGroupArn: undefined }),
    );
    expect(findings.map((f) => f.status)).toEqual(['pass', 'fail']);
    expect(findings[1]?.message).toContain('does not deliver');
  });

  it('fails when there is no trail, pointing at cloudtrail-multi-region-enabled', () => {
    const [f] = run();
    expect(f?.status).toBe('fail');
    expect(f?.message).toContain('cloudtrail-multi-region-enabled');
  });
});
