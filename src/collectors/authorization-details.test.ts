import { GetAccountAuthorizationDetailsCommand, IAMClient } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { authorizationDetailsSchema } from '../snapshot/aws-shapes.js';
import { authorizationDetailsCollector, isAwsManaged } from './authorization-details.js';
import { testContext } from './testing.js';

const iam = mockClient(IAMClient);
afterEach(() => iam.reset());

const enc = (doc: unknown) => encodeURIComponent(JSON.stringify(doc));
const adminDoc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const trust = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' },
  ],
};

describe('authorizationDetails collector', () => {
  it('reads every page with all five filters and decodes the URL-encoded policy documents', async () => {
    iam
      .on(GetAccountAuthorizationDetailsCommand)
      .resolvesOnce({
        IsTruncated: true,
        Marker: 'm1',
        UserDetailList: [
          {
            UserName: 'alice',
            UserId: 'AIDA1',
            Arn: 'arn:aws:iam::123456789012:user/alice',
            CreateDate: new Date('2024-01-01T00:00:00Z'),
            UserPolicyList: [{ PolicyName: 'inline', PolicyDocument: enc(adminDoc) }],
            GroupList: ['Admins'],
          },
        ],
        GroupDetailList: [
          {
            GroupName: 'Admins',
            GroupId: 'AGPA1',
            Arn: 'arn:aws:iam::123456789012:group/Admins',
            GroupPolicyList: [
              { PolicyName: 'g', PolicyDocument: enc({ Version: '2012-10-17', Statement: [] }) },
            ],
          },
        ],
      })
      .resolvesOnce({
        IsTruncated: false,
        RoleDetailList: [
          {
            RoleName: 'Admin',
            RoleId: 'AROA1',
            Arn: 'arn:aws:iam::123456789012:role/Admin',
            AssumeRolePolicyDocument: enc(trust),
            InstanceProfileList: [
              { InstanceProfileName: 'p', InstanceProfileId: 'AIPA', Arn: 'a', Path: '/', CreateDate: new Date(0), Roles: [{ RoleName: 'Admin', RoleId: 'AROA1', Arn: 'x', Path: '/', CreateDate: new Date(0), AssumeRolePolicyDocument: enc(trust) }] }, // prettier-ignore
            ],
          },
        ],
        Policies: [
          {
            PolicyName: 'AdministratorAccess',
            Arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
            AttachmentCount: 1,
            PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: enc(adminDoc) }],
          },
          {
            PolicyName: 'AmazonS3ReadOnlyAccess',
            Arn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
            AttachmentCount: 0,
            PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: enc(adminDoc) }],
          },
          {
            PolicyName: 'PowerUserAccess',
            Arn: 'arn:aws:iam::aws:policy/PowerUserAccess',
            AttachmentCount: 0,
            PermissionsBoundaryUsageCount: 2,
            PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: enc(adminDoc) }],
          },
          {
            // moto omits PolicyName; AWS never does.
            Arn: 'arn:aws:iam::123456789012:policy/team/Unused',
            AttachmentCount: 0,
            PolicyVersionList: [{ VersionId: 'v2', IsDefaultVersion: true, Document: enc(adminDoc) }],
          },
        ],
      });

    const out = await authorizationDetailsCollector.collect(testContext(), {});
    const calls = iam.commandCalls(GetAccountAuthorizationDetailsCommand);
    // (The SDK paginator reuses one input object, so only the last Marker is visible afterwards.)
    expect(calls).toHaveLength(2);
    expect(calls[1]?.args[0].input).toEqual({
      Filter: ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'],
      MaxItems: 1000,
      Marker: 'm1',
    });

    const data = authorizationDetailsSchema.parse(JSON.parse(JSON.stringify(out)));
    expect(data.UserDetailList[0]?.UserPolicyList?.[0]?.PolicyDocument).toEqual(adminDoc);
    expect(data.UserDetailList[0]?.CreateDate).toBe('2024-01-01T00:00:00.000Z');
    expect(data.GroupDetailList[0]?.GroupPolicyList?.[0]?.PolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [],
    });
    expect(data.RoleDetailList[0]?.AssumeRolePolicyDocument).toEqual(trust);
    expect(data.RoleDetailList[0]?.InstanceProfileList).toMatchObject([
      { Roles: [{ AssumeRolePolicyDocument: trust }] },
    ]);
    // Unused AWS-managed policies are dropped; used ones (attached or as boundary) and all local ones kept.
    expect(data.Policies.map((p) => p.PolicyName)).toEqual([
      'AdministratorAccess',
      'PowerUserAccess',
      'Unused',
    ]);
    expect(data.Policies[0]?.PolicyVersionList[0]?.Document).toEqual(adminDoc);
  });

  it('accepts documents that arrive already decoded', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({
      RoleDetailList: [{ RoleName: 'r', RoleId: 'AROA', Arn: 'arn:aws:iam::123456789012:role/r', AssumeRolePolicyDocument: JSON.stringify(trust) }], // prettier-ignore
    });
    const out = (await authorizationDetailsCollector.collect(testContext(), {})) as {
      RoleDetailList: { AssumeRolePolicyDocument: unknown }[];
    };
    expect(out.RoleDetailList[0]?.AssumeRolePolicyDocument).toEqual(trust);
  });

  it('tells AWS-managed policy ARNs from the account’s own, in every partition', () => {
    expect(isAwsManaged('arn:aws:iam::aws:policy/ReadOnlyAccess')).toBe(true);
    expect(isAwsManaged('arn:aws-us-gov:iam::aws:policy/service-role/X')).toBe(true);
    expect(isAwsManaged('arn:aws:iam::123456789012:policy/aws/X')).toBe(false);
  });
});
