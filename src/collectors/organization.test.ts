import {
  DescribeAccountCommand,
  DescribeOrganizationCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { organizationSchema } from '../snapshot/aws-shapes.js';
import { organizationCollector } from './organization.js';
import { awsError, testContext } from './testing.js';

const orgs = mockClient(OrganizationsClient);
afterEach(() => orgs.reset());

const organization = { Id: 'o-abc123', MasterAccountId: '123456789012', FeatureSet: 'ALL' as const };

describe('organization collector', () => {
  it('a standalone account: Organization and Account null, no DescribeAccount call', async () => {
    orgs
      .on(DescribeOrganizationCommand)
      .rejects(awsError('AWSOrganizationsNotInUseException', 'not in an organization'));
    expect(await organizationCollector.collect(testContext(), {})).toEqual({
      Organization: null,
      Account: null,
    });
    expect(orgs.commandCalls(DescribeAccountCommand)).toHaveLength(0);
  });

  it('the management account reads its own record (with the root email)', async () => {
    orgs.on(DescribeOrganizationCommand).resolves({ Organization: organization });
    orgs
      .on(DescribeAccountCommand, { AccountId: '123456789012' })
      .resolves({ Account: { Id: '123456789012', Email: 'aws-root@example.com', Name: 'prod' } });
    const out = organizationSchema.parse(await organizationCollector.collect(testContext(), {}));
    expect(out.Organization?.Id).toBe('o-abc123');
    expect(out.Account?.Email).toBe('aws-root@example.com');
  });

  it('a member account that may not DescribeAccount: Account null, not an error', async () => {
    orgs.on(DescribeOrganizationCommand).resolves({ Organization: organization });
    orgs
      .on(DescribeAccountCommand)
      .rejects(awsError('AccessDeniedException', 'You don’t have permissions', 403));
    expect(await organizationCollector.collect(testContext(), {})).toEqual({
      Organization: organization,
      Account: null,
    });
  });

  it('AccessDenied on DescribeOrganization fails the slice', async () => {
    orgs.on(DescribeOrganizationCommand).rejects(awsError('AccessDeniedException', 'not authorized', 403));
    await expect(organizationCollector.collect(testContext(), {})).rejects.toThrow('not authorized');
  });
});
