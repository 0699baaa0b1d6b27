import { AccountClient, GetAlternateContactCommand } from '@aws-sdk/client-account';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { alternateContactsSchema } from '../snapshot/aws-shapes.js';
import { alternateContactsCollector } from './alternate-contacts.js';
import { awsError, testContext } from './testing.js';

const account = mockClient(AccountClient);
afterEach(() => account.reset());

describe('alternateContacts collector', () => {
  it('reads the security, billing and operations contacts; an unset one is null', async () => {
    const security = {
      AlternateContactType: 'SECURITY' as const,
      EmailAddress: 'security@example.com',
      Name: 'Security team',
      PhoneNumber: '+1 555 0100',
      Title: 'CISO',
    };
    account
      .on(GetAlternateContactCommand, { AlternateContactType: 'SECURITY' })
      .resolves({ AlternateContact: security })
      .on(GetAlternateContactCommand, { AlternateContactType: 'BILLING' })
      .rejects(
        awsError(
          'ResourceNotFoundException',
          'No contact of the inputted alternate contact type found.',
          404,
        ),
      )
      .on(GetAlternateContactCommand, { AlternateContactType: 'OPERATIONS' })
      .rejects(awsError('ResourceNotFoundException', 'none', 404));
    const out = alternateContactsSchema.parse(await alternateContactsCollector.collect(testContext(), {}));
    expect(out).toEqual({ SECURITY: security, BILLING: null, OPERATIONS: null });
    expect(account.commandCalls(GetAlternateContactCommand)).toHaveLength(3);
  });

  it('AccessDenied fails the slice (it is not "no contact")', async () => {
    account.on(GetAlternateContactCommand).rejects(awsError('AccessDeniedException', 'not authorized', 403));
    await expect(alternateContactsCollector.collect(testContext(), {})).rejects.toThrow('not authorized');
  });
});
