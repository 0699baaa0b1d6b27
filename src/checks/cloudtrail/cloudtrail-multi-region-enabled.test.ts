import { describe, expect, it } from 'vitest';
import type { TrailRecord } from '../../snapshot/aws-shapes.js';
import { snapshot } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import check from './cloudtrail-multi-region-enabled.js';

const trail = (change: Partial<TrailRecord> = {}, t: Partial<TrailRecord['Trail']> = {}): TrailRecord => ({
  Trail: {
    Name: 'main',
    TrailARN: 'arn:aws:cloudtrail:us-east-1:123456789012:trail/main',
    HomeRegion: 'us-east-1',
    S3BucketName: 'logs',
    IsMultiRegionTrail: true,
    ...t,
  },
  Status: { IsLogging: true },
  Selectors: { EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] },
  errors: [],
  ...change,
});
const run = (...Trails: TrailRecord[]) =>
  runOne(check, snapshot().slice('trails', { status: 'ok', data: { Trails } }).build());
const mgmt = { Field: 'eventCategory', Equals: ['Management'] };

describe('cloudtrail-multi-region-enabled', () => {
  it('passes a logging multi-region trail with basic selectors ReadWriteType All', () => {
    expect(run(trail())[0]?.status).toBe('pass');
  });

  it('passes advanced selectors: one Management selector without readOnly, or read and write selectors together', () => {
    expect(
      run(trail({ Selectors: { AdvancedEventSelectors: [{ FieldSelectors: [mgmt] }] } }))[0]?.status,
    ).toBe('pass');
    const split = trail({
      Selectors: {
        AdvancedEventSelectors: [
          { FieldSelectors: [mgmt, { Field: 'readOnly', Equals: ['true'] }] },
          { FieldSelectors: [mgmt, { Field: 'readOnly', Equals: ['false'] }] },
        ],
      },
    });
    expect(run(split)[0]?.status).toBe('pass');
  });

  it('fails write-only advanced or basic selectors, and management selectors narrowed by event source', () => {
    const writeOnly = trail({
      Selectors: {
        AdvancedEventSelectors: [{ FieldSelectors: [mgmt, { Field: 'readOnly', Equals: ['false'] }] }],
      },
    });
    expect(run(writeOnly)[0]?.message).toContain('does not record read management events');
    const basicWrite = trail({ Selectors: { EventSelectors: [{ ReadWriteType: 'WriteOnly' }] } });
    expect(run(basicWrite)[0]?.message).toContain('ReadWriteType=WriteOnly');
    const narrowed = trail({
      Selectors: {
        AdvancedEventSelectors: [
          { FieldSelectors: [mgmt, { Field: 'eventSource', NotEquals: ['kms.amazonaws.com'] }] },
        ],
      },
    });
    expect(run(narrowed)[0]?.status).toBe('fail');
  });

  it('fails single-region or stopped trails, and no trail at all', () => {
    expect(run(trail({}, { IsMultiRegionTrail: false }))[0]?.message).toContain('single-region');
    expect(run(trail({ Status: { IsLogging: false } }))[0]?.message).toContain('not logging');
    expect(run()[0]).toMatchObject({ status: 'fail', message: 'The account has no CloudTrail trail.' });
  });

  it('is an error naming the permission when status or selectors could not be read', () => {
    const [f] = run(
      trail({
        Selectors: null,
        errors: [
          { part: 'GetEventSelectors', message: 'AccessDenied', action: 'cloudtrail:GetEventSelectors' },
        ],
      }),
    );
    expect(f?.status).toBe('error');
    expect(f?.message).toContain('cloudtrail:GetEventSelectors');
  });
});
