import { IAMClient, paginateListAccountAliases } from '@aws-sdk/client-iam';
import { defineCollector } from './types.js';

/** The account alias makes the sign-in URL readable (https://<alias>.signin.aws.amazon.com/console). */
export const accountAliasesCollector = defineCollector({
  slice: 'accountAliases',
  actions: ['iam:ListAccountAliases'],
  async collect({ pool }) {
    const AccountAliases: string[] = [];
    for await (const page of paginateListAccountAliases({ client: pool.client(IAMClient) }, {})) {
      AccountAliases.push(...(page.AccountAliases ?? []));
    }
    return { AccountAliases };
  },
});
