import { describe, expect, it } from 'vitest';
import { snapshot } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import check from './iam-access-analyzer-enabled.js';

const analyzer = (type: string, status = 'ACTIVE') => ({
  arn: `arn:aws:access-analyzer:eu-west-1:123456789012:analyzer/${type}`,
  name: type.toLowerCase(),
  type,
  status,
});
const withAnalyzers = (Analyzers: ReturnType<typeof analyzer>[]) =>
  snapshot()
    .slice('accessAnalyzers', { status: 'ok', data: { Regions: [{ Region: 'eu-west-1', Analyzers }] } })
    .build();

describe('iam-access-analyzer-enabled', () => {
  it('passes an active ACCOUNT or ORGANIZATION analyzer and names the regions checked', () => {
    const [f] = runOne(check, withAnalyzers([analyzer('ORGANIZATION')]));
    expect(f?.status).toBe('pass');
    expect(f?.message).toContain('Regions checked: eu-west-1');
  });
  it('fails with only the unused-access kind, an inactive analyzer, or none', () => {
    expect(runOne(check, withAnalyzers([analyzer('ACCOUNT_UNUSED_ACCESS')]))[0]?.message).toContain(
      'unused-access',
    );
    expect(runOne(check, withAnalyzers([analyzer('ACCOUNT', 'FAILED')]))[0]?.status).toBe('fail');
    expect(runOne(check, withAnalyzers([]))[0]?.message).toContain('there is no analyzer');
  });
});
