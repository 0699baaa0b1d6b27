import { describe, expect, it } from 'vitest';
import { snapshot } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import check from './security-contact-registered.js';

const contacts = (email?: string) =>
  ({
    status: 'ok',
    data: {
      SECURITY: email
        ? { AlternateContactType: 'SECURITY', EmailAddress: email, Name: 'Security team' }
        : null,
      BILLING: null,
      OPERATIONS: null,
    },
  }) as const;

describe('security-contact-registered', () => {
  it('fails when no security contact is set', () => {
    const [f] = runOne(check, snapshot().slice('alternateContacts', contacts()).build());
    expect(f?.status).toBe('fail');
    expect(f?.severity).toBe('medium');
  });

  it('passes when set and no pattern is configured, naming the contact', () => {
    const [f] = runOne(check, snapshot().slice('alternateContacts', contacts('sec@example.com')).build());
    expect(f?.status).toBe('pass');
    expect(f?.message).toContain('Security team <sec@example.com>');
  });

  it('fails softly (low severity) when set but not to the security list', () => {
    const snap = snapshot().slice('alternateContacts', contacts('jane@example.com')).build();
    const [f] = runOne(check, snap, { securityEmailPattern: '^security@' });
    expect(f?.status).toBe('fail');
    expect(f?.severity).toBe('low');
    expect(f?.message).toContain('does not match the security list pattern');
  });

  it('passes when it matches the list pattern and says when it equals the root email', () => {
    const snap = snapshot().slice('alternateContacts', contacts('security@example.com')).build();
    const [f] = runOne(check, snap, {
      securityEmailPattern: '^security@',
      rootEmail: 'Security@example.com',
    });
    expect(f?.status).toBe('pass');
    expect(f?.message).toContain('the same address as the root email');
  });

  it('is an error naming the permission when contacts could not be read', () => {
    const snap = snapshot().denied('alternateContacts', 'account:GetAlternateContact').build();
    const [f] = runOne(check, snap);
    expect(f?.status).toBe('error');
    expect(f?.message).toContain('account:GetAlternateContact');
  });
});
