import { describe, expect, it } from 'vitest';
import type { Slice } from '../../snapshot/slice.js';
import type { SliceData } from '../../snapshot/schema.js';
import { snapshot } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import check from './root-email-distribution-list.js';

const orgWithEmail = (Email: string): Slice<SliceData['organization']> => ({
  status: 'ok',
  data: { Organization: { Id: 'o-abc' }, Account: { Id: '123456789012', Email } },
});
const standalone: Slice<SliceData['organization']> = {
  status: 'ok',
  data: { Organization: null, Account: null },
};

describe('root-email-distribution-list', () => {
  it('is manual, asking for rootEmail in the config, when no API or config gives the email', () => {
    const [f] = runOne(check, snapshot().slice('organization', standalone).build());
    expect(f?.status).toBe('manual');
    expect(f?.message).toContain('not in an organization');
    expect(f?.message).toContain('"rootEmail"');
  });

  it('explains a failed organization slice when the email is unknown', () => {
    const snap = snapshot()
      .slice('organization', { status: 'error', error: { kind: 'other', message: 'boom' } })
      .build();
    const [f] = runOne(check, snap);
    expect(f?.status).toBe('manual');
    expect(f?.message).toContain('organization could not be collected (boom)');
  });

  it('prefers Organizations over the config and says where the email came from', () => {
    const snap = snapshot().slice('organization', orgWithEmail('aws-root@example.com')).build();
    const [f] = runOne(check, snap, {
      rootEmail: 'jane.doe@example.com',
      securityEmailPattern: '^aws-root@example\\.com$',
    });
    expect(f?.status).toBe('pass');
    expect(f?.message).toContain('from Organizations (DescribeAccount)');
  });

  it('uses rootEmail from the config for a standalone account', () => {
    const snap = snapshot().slice('organization', standalone).build();
    const [f] = runOne(check, snap, {
      rootEmail: 'jane.doe@example.com',
      securityEmailPattern: '^(aws-root|security)[+@]',
    });
    expect(f?.status).toBe('fail');
    expect(f?.message).toContain('from the config file (rootEmail)');
    expect(f?.message).toContain('does not match the security list pattern');
  });

  it('matches the pattern case-insensitively', () => {
    const snap = snapshot().slice('organization', orgWithEmail('AWS-Root+prod@Example.com')).build();
    expect(runOne(check, snap, { securityEmailPattern: '^aws-root\\+\\w+@example\\.com$' })[0]?.status).toBe(
      'pass',
    );
  });

  describe('heuristics when no pattern is configured', () => {
    it.each([
      ['jane.founder@example.com', 'looks like first.last'],
      ['john_smith@example.com', 'looks like first.last'],
    ])('%s fails as personal', (email, reason) => {
      const [f] = runOne(check, snapshot().build(), { rootEmail: email });
      expect(f?.status).toBe('fail');
      expect(f?.message).toContain(reason);
    });

    it('fails when the local part is an IAM user name', () => {
      const snap = snapshot().user('jsmith', { console: true }).build();
      const [f] = runOne(check, snap, { rootEmail: 'JSmith@example.com' });
      expect(f?.status).toBe('fail');
      expect(f?.message).toContain("matches the IAM user 'jsmith'");
    });

    it('fails when the address belongs to a person on the roster', () => {
      const [f] = runOne(check, snapshot().build(), {
        rootEmail: 'jsmith@example.com',
        roster: [{ name: 'John Smith', email: 'jsmith@example.com', status: 'active' }],
      });
      expect(f?.status).toBe('fail');
      expect(f?.message).toContain('John Smith on the roster');
    });

    it.each(['aws-root@example.com', 'security.team@example.com', 'awsroot+prod@example.com'])(
      '%s passes as a list address, suggesting a pattern',
      (email) => {
        const [f] = runOne(check, snapshot().build(), { rootEmail: email });
        expect(f?.status).toBe('pass');
        expect(f?.message).toContain('securityEmailPattern');
      },
    );

    it('is manual when the address shows neither sign', () => {
      const [f] = runOne(check, snapshot().build(), { rootEmail: 'zq7@example.com' });
      expect(f?.status).toBe('manual');
    });
  });

  it('reports an invalid pattern as an error naming the setting', () => {
    const [f] = runOne(check, snapshot().build(), {
      rootEmail: 'aws-root@example.com',
      securityEmailPattern: '([',
    });
    expect(f?.status).toBe('error');
    expect(f?.message).toContain('securityEmailPattern');
  });
});
