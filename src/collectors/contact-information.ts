import { AccountClient, GetContactInformationCommand } from '@aws-sdk/client-account';
import { classifyAwsError } from '../aws/errors.js';
import { defineCollector } from './types.js';

/** The account's primary contact information (name, address, phone); null when none is recorded. */
export const contactInformationCollector = defineCollector({
  slice: 'contactInformation',
  actions: ['account:GetContactInformation'],
  async collect({ pool }) {
    try {
      const out = await pool.client(AccountClient).send(new GetContactInformationCommand({}));
      return { ContactInformation: out.ContactInformation ?? null };
    } catch (err) {
      if (classifyAwsError(err) === 'not-found') return { ContactInformation: null };
      throw err;
    }
  },
});
