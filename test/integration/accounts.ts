import { AccountClient, PutAlternateContactCommand } from '@aws-sdk/client-account';
import {
  CloudTrailClient,
  CreateTrailCommand,
  PutEventSelectorsCommand,
  StartLoggingCommand,
} from '@aws-sdk/client-cloudtrail';
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  CreateAccountAliasCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  IAMClient,
  ListUsersCommand,
  PutGroupPolicyCommand,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import {
  CreateBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { ClientPool } from '../../src/aws/clients.js';

/** moto's fixed account id (DEFAULT_ACCOUNT_ID). */
export const MOTO_ACCOUNT_ID = '123456789012';
export const REGION = 'us-east-1';
export const FAKE_CREDENTIALS = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'fake-secret-for-moto',
};

/** Environment for a child process (the CLI) that should talk to moto with fake credentials. */
export function motoEnv(endpoint: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: FAKE_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: FAKE_CREDENTIALS.secretAccessKey,
    AWS_REGION: REGION,
    AWS_EC2_METADATA_DISABLED: 'true',
    // moto answers the APIs it lacks (CUR, contact information, Data Exports, LookupEvents) with HTTP 500,
    // which the SDK would retry 8 times with backoff: one retry is enough to prove the error path.
    AWS_MAX_ATTEMPTS: '2',
  };
}

/** A client pool against moto, as the CLI builds it with --endpoint-url. */
export function motoPool(endpoint: string, region = REGION): ClientPool {
  return new ClientPool(
    { region, regionSource: '--region', endpointUrl: endpoint, curEndpointUrl: endpoint, warnings: [] },
    () => Promise.resolve(FAKE_CREDENTIALS),
  );
}

export const sdkConfig = (endpoint: string) => ({ region: REGION, endpoint, credentials: FAKE_CREDENTIALS });

/**
 * A brand-new account: nothing but the root user. moto answers everything with empty lists; it has no
 * root-user state (credential report root row is synthetic), see the tests for what that means.
 * Nothing to create: exported so the suites read symmetrically.
 */
export async function seedFreshAccount(endpoint: string): Promise<void> {
  // moto starts empty after a reset (apart from the AWS-managed policies it loads): check that it is.
  const iam = new IAMClient(sdkConfig(endpoint));
  try {
    const users = await iam.send(new ListUsersCommand({}));
    if ((users.Users ?? []).length > 0)
      throw new Error('seedFreshAccount: moto was not reset (it has IAM users)');
  } finally {
    iam.destroy();
  }
}

export interface HardenedAccount {
  adminUsers: string[];
  readOnlyUsers: string[];
  trailName: string;
  bucketName: string;
  alias: string;
}

const ADMIN_ACCESS = 'arn:aws:iam::aws:policy/AdministratorAccess';
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';

/**
 * The account after the "stop using root" sequence: admin and read-only groups (users get permissions
 * only through groups), a user per person with console password and virtual MFA, a CIS password policy,
 * an alias, an MFA-gated admin role, a multi-region trail with log file validation to a private,
 * encrypted bucket, and a security alternate contact. `users` adds that many extra read-only users
 * (to show the collection's API call count does not grow with users).
 */
export async function seedHardenedAccount(
  endpoint: string,
  options: { users?: number } = {},
): Promise<HardenedAccount> {
  const cfg = sdkConfig(endpoint);
  const iam = new IAMClient(cfg);
  const s3 = new S3Client({ ...cfg, forcePathStyle: true });
  const cloudtrail = new CloudTrailClient(cfg);
  const account = new AccountClient(cfg);
  try {
    await iam.send(
      new UpdateAccountPasswordPolicyCommand({
        MinimumPasswordLength: 14,
        RequireSymbols: true,
        RequireNumbers: true,
        RequireUppercaseCharacters: true,
        RequireLowercaseCharacters: true,
        AllowUsersToChangePassword: true,
        PasswordReusePrevention: 24,
        MaxPasswordAge: 90,
      }),
    );
    const alias = 'rampart-hardened';
    await iam.send(new CreateAccountAliasCommand({ AccountAlias: alias }));

    await iam.send(new CreateGroupCommand({ GroupName: 'Admins' }));
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'Admins', PolicyArn: ADMIN_ACCESS }));
    await iam.send(new CreateGroupCommand({ GroupName: 'ReadOnly' }));
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'ReadOnly', PolicyArn: READ_ONLY }));
    await iam.send(
      new PutGroupPolicyCommand({
        GroupName: 'ReadOnly',
        PolicyName: 'AssumeAdminRoleWithMfa',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'sts:AssumeRole',
              Resource: `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/Admin`,
              Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
            },
          ],
        }),
      }),
    );
    const deny = await iam.send(
      new CreatePolicyCommand({
        PolicyName: 'DenyWithoutMfa',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Deny',
              NotAction: [
                'iam:ChangePassword',
                'iam:CreateVirtualMFADevice',
                'iam:EnableMFADevice',
                'sts:GetSessionToken',
              ],
              Resource: '*',
              Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
            },
          ],
        }),
      }),
    );
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'ReadOnly', PolicyArn: deny.Policy!.Arn! }));

    await iam.send(
      new CreateRoleCommand({
        RoleName: 'Admin',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:iam::${MOTO_ACCOUNT_ID}:root` },
              Action: 'sts:AssumeRole',
              Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
            },
          ],
        }),
      }),
    );
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'Admin', PolicyArn: ADMIN_ACCESS }));

    const adminUsers = ['JS1234', 'AB5678'];
    const readOnlyUsers = Array.from({ length: 2 + (options.users ?? 0) }, (_, i) => `RO${String(1000 + i)}`);
    const person = async (name: string, group: string): Promise<void> => {
      await iam.send(new CreateUserCommand({ UserName: name }));
      await iam.send(new AddUserToGroupCommand({ GroupName: group, UserName: name }));
    };
    for (const name of adminUsers) {
      await person(name, 'Admins');
      await iam.send(new CreateLoginProfileCommand({ UserName: name, Password: 'Corr3ct-Horse-Battery!' }));
      const mfa = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: name }));
      await iam.send(
        new EnableMFADeviceCommand({
          UserName: name,
          SerialNumber: mfa.VirtualMFADevice!.SerialNumber!,
          AuthenticationCode1: '123456',
          AuthenticationCode2: '654321',
        }),
      );
    }
    // Many users at once: moto is single-threaded, a little concurrency still helps.
    for (let i = 0; i < readOnlyUsers.length; i += 20) {
      await Promise.all(readOnlyUsers.slice(i, i + 20).map((name) => person(name, 'ReadOnly')));
    }
    // One unassigned virtual MFA device: the collector lists assigned and unassigned ones.
    await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'spare' }));

    const bucketName = 'rampart-hardened-cloudtrail';
    await s3.send(new CreateBucketCommand({ Bucket: bucketName }));
    await s3.send(
      new PutPublicAccessBlockCommand({
        Bucket: bucketName,
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: true,
        },
      }),
    );
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: bucketName,
        ServerSideEncryptionConfiguration: {
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
      }),
    );
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: bucketName,
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'AWSCloudTrailAclCheck',
              Effect: 'Allow',
              Principal: { Service: 'cloudtrail.amazonaws.com' },
              Action: 's3:GetBucketAcl',
              Resource: `arn:aws:s3:::${bucketName}`,
            },
            {
              Sid: 'AWSCloudTrailWrite',
              Effect: 'Allow',
              Principal: { Service: 'cloudtrail.amazonaws.com' },
              Action: 's3:PutObject',
              Resource: `arn:aws:s3:::${bucketName}/AWSLogs/${MOTO_ACCOUNT_ID}/*`,
              Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
            },
          ],
        }),
      }),
    );

    const trailName = 'management-events';
    await cloudtrail.send(
      new CreateTrailCommand({
        Name: trailName,
        S3BucketName: bucketName,
        IsMultiRegionTrail: true,
        IncludeGlobalServiceEvents: true,
        EnableLogFileValidation: true,
      }),
    );
    await cloudtrail.send(
      new PutEventSelectorsCommand({
        TrailName: trailName,
        EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }],
      }),
    );
    await cloudtrail.send(new StartLoggingCommand({ Name: trailName }));

    // moto implements the Account API's alternate contacts (not contact information).
    await account.send(
      new PutAlternateContactCommand({
        AlternateContactType: 'SECURITY',
        EmailAddress: 'security@example.com',
        Name: 'Security team',
        PhoneNumber: '+1-555-0100',
        Title: 'Security',
      }),
    );

    return { adminUsers, readOnlyUsers, trailName, bucketName, alias };
  } finally {
    for (const c of [iam, s3, cloudtrail, account]) c.destroy();
  }
}
