import { describe, expect, it } from 'vitest';
import { snapshot } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import check from './iam-no-user-named-like-root-email.js';

const org = (Email: string) =>
  ({ status: 'ok', data: { Organization: { Id: 'o-1' }, Account: { Id: '123456789012', Email } } }) as const;

describe('iam-no-user-named-like-root-email', () => {
  it('flags the full root address and its local part, case-insensitively (root email from Organizations)', () => {
    const findings = runOne(
      check,
      snapshot()
        .user('Mike.Chen')
        .user('MIKE.CHEN@acme.example')
        .user('alice')
        .slice('organization', org('mike.chen@acme.example'))
        .build(),
    );
    expect(findings.map((f) => [f.resource.split('/').pop(), f.status, f.severity])).toEqual([
      ['Mike.Chen', 'fail', 'high'],
      ['MIKE.CHEN@acme.example', 'fail', 'high'],
    ]);
    expect(findings[0]?.message).toContain('Organizations');
  });

  it('uses rootEmail from the options when Organizations has none, and flags other email-named users at medium', () => {
    const findings = runOne(check, snapshot().user('aws-root').user('jane@acme.example').build(), {
      rootEmail: 'aws-root+prod@acme.example',
    });
    expect(findings.map((f) => [f.status, f.severity])).toEqual([
      ['fail', 'high'],
      ['fail', 'medium'],
    ]);
  });

  it('flags email-named users at low severity when the root email is unknown, else not_applicable', () => {
    expect(runOne(check, snapshot().user('jane@acme.example').build())[0]).toMatchObject({
      status: 'fail',
      severity: 'low',
    });
    expect(runOne(check, snapshot().user('alice').build())[0]?.status).toBe('not_applicable');
  });

  it('passes when no user looks like the root email', () => {
    const [f] = runOne(check, snapshot().user('alice').build(), { rootEmail: 'root@acme.example' });
    expect(f?.status).toBe('pass');
  });
});
