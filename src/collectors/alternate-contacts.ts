import {
  AccountClient,
  GetAlternateContactCommand,
  type AlternateContactType,
} from '@aws-sdk/client-account';
import { classifyAwsError } from '../aws/errors.js';
import { defineCollector } from './types.js';

const TYPES = ['SECURITY', 'BILLING', 'OPERATIONS'] as const satisfies readonly AlternateContactType[];

/** The security, billing and operations alternate contacts; an unset contact is null (data, not an error). */
export const alternateContactsCollector = defineCollector({
  slice: 'alternateContacts',
  actions: ['account:GetAlternateContact'],
  async collect({ pool }) {
    const account = pool.client(AccountClient);
    const contacts = await Promise.all(
      TYPES.map(async (type) => {
        try {
          const out = await account.send(new GetAlternateContactCommand({ AlternateContactType: type }));
          return out.AlternateContact ?? null;
        } catch (err) {
          // ResourceNotFoundException: no contact of this type is set.
          if (classifyAwsError(err) === 'not-found') return null;
          throw err;
        }
      }),
    );
    return Object.fromEntries(TYPES.map((t, i) => [t, contacts[i] ?? null]));
  },
});
