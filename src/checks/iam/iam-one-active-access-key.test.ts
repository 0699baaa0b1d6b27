import { describe, expect, it } from 'vitest';
import { snapshot } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import check from './iam-one-active-access-key.js';

describe('iam-one-active-access-key', () => {
  it('fails two active keys, passes one active plus one inactive', () => {
    const findings = runOne(
      check,
      snapshot()
        .user('alice', { accessKeys: [{}, {}] })
        .user('bob', { accessKeys: [{}, { active: false }] })
        .user('carol', { console: true })
        .build(),
    );
    expect(findings.map((f) => [f.resource.split('/').pop(), f.status])).toEqual([
      ['alice', 'fail'],
      ['bob', 'pass'],
    ]);
    expect(findings[0]?.message).toContain('alice has 2 active access keys');
  });

  it('passes when no user has an active key', () => {
    expect(runOne(check, snapshot().user('carol', { console: true }).build())[0]?.status).toBe('pass');
  });
});
