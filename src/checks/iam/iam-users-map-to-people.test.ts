import { describe, expect, it } from 'vitest';
import { snapshot } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import type { RosterPerson } from '../types.js';
import check from './iam-users-map-to-people.js';

const roster: RosterPerson[] = [
  { name: 'Jane Smith', userName: 'JS1234', status: 'active' },
  { name: 'Bob Jones', email: 'bob.jones@acme.example', status: 'active' },
  { name: 'Carol White', employeeId: '5555', status: 'active' },
  { name: 'Tom Kowalski', status: 'left' },
];

describe('iam-users-map-to-people', () => {
  it('is not_applicable without a roster', () => {
    expect(runOne(check, snapshot().user('a').build())[0]?.status).toBe('not_applicable');
  });

  it('matches by userName, email, employee id and name; fails leavers (high) and strangers', () => {
    const snap = ['js1234', 'bob.jones', 'CW5555', 'tkowalski', 'mystery', 'svc-ci']
      .reduce((b, n) => b.user(n), snapshot())
      .build();
    const findings = runOne(check, snap, {
      roster,
      namingStandard: { preset: 'initials-id', exemptions: ['svc-*'] },
    });
    expect(findings.map((f) => [f.resource.split('/').pop(), f.status, f.details?.matchedBy])).toEqual([
      ['js1234', 'pass', 'userName'],
      ['bob.jones', 'pass', 'email'],
      ['CW5555', 'pass', 'employeeId'],
      ['tkowalski', 'fail', 'name'],
      ['mystery', 'fail', undefined],
      ['svc-ci', 'pass', undefined],
    ]);
    expect(findings[3]).toMatchObject({ severity: 'high' });
    expect(findings[3]?.message).toContain('Tom Kowalski, who has left');
  });
});
