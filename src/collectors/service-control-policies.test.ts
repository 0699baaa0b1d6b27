import {
  DescribePolicyCommand,
  ListParentsCommand,
  ListPoliciesForTargetCommand,
  ListRootsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { serviceControlPoliciesSchema } from '../snapshot/aws-shapes.js';
import {
  resourceControlPoliciesCollector as rcpCollector,
  serviceControlPoliciesCollector as collector,
} from './service-control-policies.js';
import { awsError, testContext } from './testing.js';

// moto cannot act as a member account of its organization (every call is the management account), so the
// member-account paths are covered here with SDK mocks.
const orgs = mockClient(OrganizationsClient);
afterEach(() => orgs.reset());

const ME = '123456789012';
const member = (master: string, featureSet = 'ALL') => ({
  organization: {
    Organization: { Id: 'o-abc123', MasterAccountId: master, FeatureSet: featureSet },
    Account: null,
  },
});
const FULL = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';
const DENY_IAM = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:*","Resource":"*"}]}';

describe('service control policies collector', () => {
  it('needs nothing outside an organization, nor in the management account', async () => {
    expect(
      await collector.collect(testContext(), { organization: { Organization: null, Account: null } }),
    ).toEqual({
      NotApplicable: 'the account is not in an organization',
      Levels: [],
    });
    const mgmt = await collector.collect(testContext(), member(ME));
    expect(mgmt).toMatchObject({ NotApplicable: expect.stringContaining('management account') as string });
    const billing = await collector.collect(testContext(), member('999999999999', 'CONSOLIDATED_BILLING'));
    expect(billing).toMatchObject({
      NotApplicable: expect.stringContaining('consolidated billing') as string,
    });
    expect(orgs.calls()).toHaveLength(0);
  });

  it('SCPs disabled at the root: none apply', async () => {
    orgs.on(ListRootsCommand).resolves({ Roots: [{ Id: 'r-1', PolicyTypes: [] }] });
    expect(await collector.collect(testContext(), member('999999999999'))).toEqual({
      NotApplicable: 'SCPs are not enabled in the organization',
      Levels: [],
    });
  });

  it('reads every level from the root down to the account, each document once', async () => {
    orgs.on(ListRootsCommand).resolves({
      Roots: [{ Id: 'r-1', PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }] }],
    });
    orgs
      .on(ListParentsCommand, { ChildId: ME })
      .resolves({ Parents: [{ Id: 'ou-1', Type: 'ORGANIZATIONAL_UNIT' }] });
    orgs.on(ListParentsCommand, { ChildId: 'ou-1' }).resolves({ Parents: [{ Id: 'r-1', Type: 'ROOT' }] });
    const full = { Id: 'p-FullAWSAccess', Name: 'FullAWSAccess', AwsManaged: true };
    orgs.on(ListPoliciesForTargetCommand, { TargetId: 'r-1' }).resolves({ Policies: [full] });
    orgs
      .on(ListPoliciesForTargetCommand, { TargetId: 'ou-1' })
      .resolves({ Policies: [full, { Id: 'p-deny-iam', Name: 'deny-iam', AwsManaged: false }] });
    orgs.on(ListPoliciesForTargetCommand, { TargetId: ME }).resolves({ Policies: [full] });
    orgs.on(DescribePolicyCommand, { PolicyId: 'p-FullAWSAccess' }).resolves({ Policy: { Content: FULL } });
    orgs.on(DescribePolicyCommand, { PolicyId: 'p-deny-iam' }).resolves({ Policy: { Content: DENY_IAM } });

    const out = serviceControlPoliciesSchema.parse(
      await collector.collect(testContext(), member('999999999999')),
    );
    expect(out.NotApplicable).toBeNull();
    expect(out.Levels.map((l) => [l.Type, l.TargetId, l.Policies.map((p) => p.Name)])).toEqual([
      ['ROOT', 'r-1', ['FullAWSAccess']],
      ['ORGANIZATIONAL_UNIT', 'ou-1', ['FullAWSAccess', 'deny-iam']],
      ['ACCOUNT', ME, ['FullAWSAccess']],
    ]);
    expect(out.Levels[1]?.Policies[1]?.Content).toBe(DENY_IAM);
    expect(orgs.commandCalls(DescribePolicyCommand)).toHaveLength(2);
    expect(orgs.commandCalls(ListPoliciesForTargetCommand)[0]?.args[0].input.Filter).toBe(
      'SERVICE_CONTROL_POLICY',
    );
  });

  it('AccessDenied (a member account that is not a delegated administrator) fails the slice', async () => {
    orgs.on(ListRootsCommand).rejects(awsError('AccessDeniedException', 'not authorized to ListRoots', 403));
    await expect(collector.collect(testContext(), member('999999999999'))).rejects.toThrow('ListRoots');
  });
});

describe('resource control policies collector (the same walk, the RCP type)', () => {
  it('needs nothing in the management account; RCPs disabled at the root: none apply', async () => {
    expect(await rcpCollector.collect(testContext(), member(ME))).toMatchObject({
      NotApplicable: expect.stringContaining('RCPs do not limit its resources') as string,
    });
    orgs.on(ListRootsCommand).resolves({
      Roots: [{ Id: 'r-1', PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }] }],
    });
    expect(await rcpCollector.collect(testContext(), member('999999999999'))).toEqual({
      NotApplicable: 'RCPs are not enabled in the organization',
      Levels: [],
    });
  });

  it('lists the RCPs of every level with the RESOURCE_CONTROL_POLICY filter', async () => {
    orgs.on(ListRootsCommand).resolves({
      Roots: [{ Id: 'r-1', PolicyTypes: [{ Type: 'RESOURCE_CONTROL_POLICY', Status: 'ENABLED' }] }],
    });
    orgs.on(ListParentsCommand, { ChildId: ME }).resolves({ Parents: [{ Id: 'r-1', Type: 'ROOT' }] });
    const full = { Id: 'p-RCPFullAWSAccess', Name: 'RCPFullAWSAccess', AwsManaged: true };
    orgs.on(ListPoliciesForTargetCommand).resolves({ Policies: [full] });
    orgs.on(DescribePolicyCommand).resolves({ Policy: { Content: FULL } });
    const out = serviceControlPoliciesSchema.parse(
      await rcpCollector.collect(testContext(), member('999999999999')),
    );
    expect(out.Levels.map((l) => [l.Type, l.Policies.map((p) => p.Name)])).toEqual([
      ['ROOT', ['RCPFullAWSAccess']],
      ['ACCOUNT', ['RCPFullAWSAccess']],
    ]);
    expect(orgs.commandCalls(ListPoliciesForTargetCommand).map((c) => c.args[0].input.Filter)).toEqual([
      'RESOURCE_CONTROL_POLICY',
      'RESOURCE_CONTROL_POLICY',
    ]);
  });
});
