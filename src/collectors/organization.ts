import {
  DescribeAccountCommand,
  DescribeOrganizationCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { classifyAwsError } from '../aws/errors.js';
import { defineCollector } from './types.js';
import { errorName } from './util.js';

/**
 * Organizations membership, and this account's own record (which holds the root user's email address)
 * where the caller may read it: only the management account or a delegated administrator can, so
 * AccessDenied there is the common case for a member account and yields Account null, not an error.
 */
export const organizationCollector = defineCollector({
  slice: 'organization',
  actions: ['organizations:DescribeOrganization', 'organizations:DescribeAccount'],
  async collect({ pool, accountId }) {
    const orgs = pool.client(OrganizationsClient);
    let Organization;
    try {
      Organization = (await orgs.send(new DescribeOrganizationCommand({}))).Organization ?? null;
    } catch (err) {
      if (errorName(err) === 'AWSOrganizationsNotInUseException')
        return { Organization: null, Account: null };
      throw err;
    }
    let Account = null;
    try {
      Account = (await orgs.send(new DescribeAccountCommand({ AccountId: accountId }))).Account ?? null;
    } catch (err) {
      const kind = classifyAwsError(err);
      if (kind !== 'access-denied' && kind !== 'not-found') throw err;
    }
    return { Organization, Account };
  },
});
