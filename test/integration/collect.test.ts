import { CloudTrailClient, CreateTrailCommand } from '@aws-sdk/client-cloudtrail';
import { CreateOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { expect, it } from 'vitest';
import { collectSnapshot } from '../../src/collectors/collect.js';
import { serializeSnapshot } from '../../src/snapshot/io.js';
import type { SliceData, SliceName, Snapshot } from '../../src/snapshot/schema.js';
import {
  FAKE_CREDENTIALS,
  MOTO_ACCOUNT_ID,
  motoPool,
  seedFreshAccount,
  seedHardenedAccount,
} from './accounts.js';
import { describeWithMoto } from './setup.js';

function data<K extends SliceName>(snapshot: Snapshot, slice: K): SliceData[K] {
  const s = snapshot.slices[slice];
  if (s.status !== 'ok') throw new Error(`${slice} is ${s.status}: ${JSON.stringify(s)}`);
  return s.data;
}

/** APIs moto 5.2 does not implement: it answers with an HTML 404 page, which the collector turns into an error slice. */
function expectNotImplementedByMoto(snapshot: Snapshot, slice: SliceName, action: string): void {
  expect(snapshot.slices[slice]).toMatchObject({ status: 'error', error: { action } });
}

describeWithMoto('collectSnapshot against moto_server', (moto) => {
  it('a fresh account: empty IAM, no password policy, no alias, no trail (moto has no root user state)', async () => {
    await seedFreshAccount(moto().endpoint);
    const pool = motoPool(moto().endpoint);
    const snapshot = await collectSnapshot({ pool });

    expect(snapshot.meta).toMatchObject({
      source: 'live',
      accountId: MOTO_ACCOUNT_ID,
      partition: 'aws',
      region: 'us-east-1',
    });
    expect(data(snapshot, 'identity').Account).toBe(MOTO_ACCOUNT_ID);
    expect(data(snapshot, 'accountSummary').SummaryMap).toMatchObject({
      Users: 0,
      Groups: 0,
      AccountMFAEnabled: 0,
    });
    // moto's credential report has no <root_account> row (and a fixed GeneratedTime in 2015): the root
    // checks are covered by fixture snapshots instead.
    expect(data(snapshot, 'credentialReport')).toEqual({ GeneratedTime: expect.any(String), rows: [] });
    expect(data(snapshot, 'authorizationDetails')).toEqual({
      UserDetailList: [],
      GroupDetailList: [],
      RoleDetailList: [],
      // moto loads the AWS-managed policies; none is attached, so none is kept.
      Policies: [],
    });
    expect(data(snapshot, 'passwordPolicy')).toEqual({ PasswordPolicy: null });
    expect(data(snapshot, 'accountAliases')).toEqual({ AccountAliases: [] });
    expect(data(snapshot, 'virtualMfaDevices')).toEqual({ VirtualMFADevices: [] });
    // moto 5.2 has no account:ListRegions: the trails are listed in the session region alone, and the slice says why
    // (test/integration/trails-regions.test.ts lists every region through a fake ListRegions).
    expect(data(snapshot, 'trails')).toEqual({
      Trails: [],
      Regions: ['us-east-1'],
      Unread: [],
      RegionListError: expect.objectContaining({ Action: 'account:ListRegions' }),
    });
    expect(data(snapshot, 'trailBuckets')).toEqual({ Buckets: [] });
    expect(data(snapshot, 'alternateContacts')).toEqual({ SECURITY: null, BILLING: null, OPERATIONS: null });
    expect(data(snapshot, 'organization')).toEqual({ Organization: null, Account: null });
    expect(data(snapshot, 'serverCertificates')).toEqual({ ServerCertificateMetadataList: [] });
    // Not in moto 5.2: the CUR API, account:GetContactInformation and IAM Access Analyzer (SDK-level mocks cover them).
    expectNotImplementedByMoto(snapshot, 'accessAnalyzers', 'access-analyzer:ListAnalyzers');
    expectNotImplementedByMoto(snapshot, 'costAndUsageReports', 'cur:DescribeReportDefinitions');
    expectNotImplementedByMoto(snapshot, 'contactInformation', 'account:GetContactInformation');
    expect(() => serializeSnapshot(snapshot)).not.toThrow();
  });

  it('a hardened account: groups, MFA, password policy, alias, trail and bucket, security contact', async () => {
    const seeded = await seedHardenedAccount(moto().endpoint);
    const snapshot = await collectSnapshot({ pool: motoPool(moto().endpoint) });

    const users = [...seeded.adminUsers, ...seeded.readOnlyUsers];
    const rows = data(snapshot, 'credentialReport').rows;
    expect(rows.map((r) => r.user).sort()).toEqual([...users].sort());
    expect(rows.find((r) => r.user === 'JS1234')).toMatchObject({
      password_enabled: 'true',
      mfa_active: 'true',
    });
    expect(rows.find((r) => r.user === 'RO1000')).toMatchObject({
      password_enabled: 'false',
      mfa_active: 'false',
    });

    const authz = data(snapshot, 'authorizationDetails');
    expect(authz.UserDetailList.map((u) => u.UserName).sort()).toEqual([...users].sort());
    // Permissions come from groups only.
    for (const u of authz.UserDetailList) {
      expect(u.AttachedManagedPolicies ?? []).toEqual([]);
      expect(u.UserPolicyList ?? []).toEqual([]);
    }
    const admins = authz.GroupDetailList.find((g) => g.GroupName === 'Admins');
    expect(admins?.AttachedManagedPolicies).toEqual([
      { PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
    ]);
    // Inline group policy and role trust policy arrive decoded, as the AWS CLI prints them.
    const readOnly = authz.GroupDetailList.find((g) => g.GroupName === 'ReadOnly');
    expect(readOnly?.GroupPolicyList?.[0]?.PolicyDocument).toMatchObject({
      Statement: [
        { Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } },
      ],
    });
    expect(authz.RoleDetailList[0]?.AssumeRolePolicyDocument).toMatchObject({ Version: '2012-10-17' });
    // Attached AWS-managed policies with their documents, the local policy; no unattached AWS-managed ones.
    expect(authz.Policies.map((p) => p.PolicyName).sort()).toEqual([
      'AdministratorAccess',
      'DenyWithoutMfa',
      'ReadOnlyAccess',
    ]);
    const adminPolicy = authz.Policies.find((p) => p.PolicyName === 'AdministratorAccess');
    expect(adminPolicy?.PolicyVersionList.find((v) => v.IsDefaultVersion)?.Document).toMatchObject({
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    });

    expect(data(snapshot, 'passwordPolicy').PasswordPolicy).toMatchObject({
      MinimumPasswordLength: 14,
      PasswordReusePrevention: 24,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
    });
    expect(data(snapshot, 'accountAliases')).toEqual({ AccountAliases: [seeded.alias] });

    const devices = data(snapshot, 'virtualMfaDevices').VirtualMFADevices;
    expect(devices.map((d) => d.User?.UserName ?? '(unassigned)').sort()).toEqual([
      '(unassigned)',
      'AB5678',
      'JS1234',
    ]);
    expect(JSON.stringify(devices)).not.toMatch(/Base32StringSeed|QRCodePNG/);

    const trails = data(snapshot, 'trails').Trails;
    expect(trails).toHaveLength(1);
    expect(trails[0]).toMatchObject({
      Trail: {
        Name: seeded.trailName,
        HomeRegion: 'us-east-1',
        IsMultiRegionTrail: true,
        LogFileValidationEnabled: true,
      },
      Status: { IsLogging: true },
      Selectors: { EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] },
      errors: [],
    });
    expect(data(snapshot, 'trailBuckets').Buckets).toEqual([
      {
        Name: seeded.bucketName,
        Policy: expect.objectContaining({ Version: '2012-10-17' }),
        PublicAccessBlock: {
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            IgnorePublicAcls: true,
            BlockPublicPolicy: true,
            RestrictPublicBuckets: true,
          },
        },
        Encryption: { ServerSideEncryptionConfiguration: { Rules: [expect.objectContaining({ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } })] } }, // prettier-ignore
        Logging: {},
        errors: [],
      },
    ]);
    expect(data(snapshot, 'alternateContacts')).toMatchObject({
      SECURITY: { EmailAddress: 'security@example.com' },
      BILLING: null,
      OPERATIONS: null,
    });
    expect(() => serializeSnapshot(snapshot)).not.toThrow();
  });

  it('reads a multi-region trail homed in another region there, and its bucket in the bucket’s region', async () => {
    const cfg = { region: 'eu-west-1', endpoint: moto().endpoint, credentials: FAKE_CREDENTIALS };
    const s3 = new S3Client({ ...cfg, forcePathStyle: true });
    const ct = new CloudTrailClient(cfg);
    await s3.send(new CreateBucketCommand({ Bucket: 'eu-trail-logs', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } })); // prettier-ignore
    await ct.send(
      new CreateTrailCommand({ Name: 'eu-trail', S3BucketName: 'eu-trail-logs', IsMultiRegionTrail: true }),
    );
    s3.destroy();
    ct.destroy();

    const pool = motoPool(moto().endpoint, 'us-east-1');
    const snapshot = await collectSnapshot({ pool, only: ['trails', 'trailBuckets'] });
    expect(data(snapshot, 'trails').Trails).toMatchObject([
      { Trail: { Name: 'eu-trail', HomeRegion: 'eu-west-1' }, Status: { IsLogging: false }, errors: [] },
    ]);
    expect(data(snapshot, 'trailBuckets').Buckets).toMatchObject([
      { Name: 'eu-trail-logs', Policy: null, PublicAccessBlock: null, errors: [] },
    ]);
  });

  it('SCPs: none apply outside an organization, nor to the management account', async () => {
    // moto answers every call as the management account: the member-account walk up the organization tree
    // is covered by the collector's unit tests (SDK mocks).
    await moto().reset();
    const only: SliceName[] = ['organization', 'serviceControlPolicies'];
    const alone = await collectSnapshot({ pool: motoPool(moto().endpoint), only });
    expect(data(alone, 'serviceControlPolicies')).toEqual({
      NotApplicable: 'the account is not in an organization',
      Levels: [],
    });
    const orgs = new OrganizationsClient({
      region: 'us-east-1',
      endpoint: moto().endpoint,
      credentials: FAKE_CREDENTIALS,
    });
    await orgs.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    orgs.destroy();
    const managed = await collectSnapshot({ pool: motoPool(moto().endpoint), only });
    expect(data(managed, 'serviceControlPolicies').NotApplicable).toContain('management account');
  });

  it('makes the same number of API calls for 40 users as for 400 (no per-user calls)', async () => {
    const counts: Record<number, Record<string, number>> = {};
    for (const users of [40, 400]) {
      await moto().reset();
      const seeded = await seedHardenedAccount(moto().endpoint, { users: users - 4 });
      expect(seeded.adminUsers.length + seeded.readOnlyUsers.length).toBe(users);
      const pool = motoPool(moto().endpoint);
      const snapshot = await collectSnapshot({ pool });
      expect(data(snapshot, 'credentialReport').rows).toHaveLength(users);
      expect(data(snapshot, 'authorizationDetails').UserDetailList).toHaveLength(users);
      counts[users] = { ...pool.apiCalls, total: pool.totalCalls() };
      expect(snapshot.meta.collection?.apiCalls).toEqual(pool.apiCalls);
    }
    // Pages aside (GetAccountAuthorizationDetails reads up to 1000 entities per page, so both fit in one).
    console.info(
      `API calls: 40 users ${JSON.stringify(counts[40])}; 400 users ${JSON.stringify(counts[400])}`,
    );
    expect(counts[400]).toEqual(counts[40]);
    // 7 + ListServerCertificates.
    expect(counts[40]?.iam).toBe(8);
  }, 120_000);
});
