import { AccountClient, GetContactInformationCommand } from '@aws-sdk/client-account';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { contactInformationCollector } from './contact-information.js';
import { awsError, testContext } from './testing.js';

// moto has no GetContactInformation: this SDK-level mock is the only coverage of this collector.
const account = mockClient(AccountClient);
afterEach(() => account.reset());

describe('contactInformation collector', () => {
  it('returns the primary contact', async () => {
    const info = {
      FullName: 'Jane Doe',
      AddressLine1: '1 Main St',
      City: 'Springfield',
      CountryCode: 'US',
      PostalCode: '12345',
      PhoneNumber: '+15550100',
    };
    account.on(GetContactInformationCommand).resolves({ ContactInformation: info });
    expect(await contactInformationCollector.collect(testContext(), {})).toEqual({
      ContactInformation: info,
    });
  });

  it('none recorded is null; AccessDenied fails the slice', async () => {
    account.on(GetContactInformationCommand).rejects(awsError('ResourceNotFoundException', 'none', 404));
    expect(await contactInformationCollector.collect(testContext(), {})).toEqual({
      ContactInformation: null,
    });
    account
      .on(GetContactInformationCommand)
      .rejects(awsError('AccessDeniedException', 'not authorized', 403));
    await expect(contactInformationCollector.collect(testContext(), {})).rejects.toThrow('not authorized');
  });
});
