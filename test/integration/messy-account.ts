import { BudgetsClient, CreateBudgetCommand } from '@aws-sdk/client-budgets';
import { CloudTrailClient, CreateTrailCommand, PutEventSelectorsCommand } from '@aws-sdk/client-cloudtrail';
import {
  AddUserToGroupCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import { CreateBucketCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { FAKE_CREDENTIALS, MOTO_ACCOUNT_ID, REGION } from './accounts.js';

const ADMIN_ACCESS = 'arn:aws:iam::aws:policy/AdministratorAccess';
const doc = (statement: Record<string, unknown>): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: [statement] });

export const MESSY_BUCKET = 'legacy-cloudtrail-logs';

/**
 * An inherited account with the usual mistakes, each one made through the real API so the audit finds it the
 * way it would on AWS: a shared "admin" user with AdministratorAccess attached directly and no MFA, a "devops"
 * user with an inline Allow *:*, a user named after the root email, a CI user with two active keys, a customer
 * policy granting *:*, CloudShell full access, a user that can escalate (iam:PutUserPolicy), an admin role the
 * whole account may assume without MFA, a weak password policy, and a single-region, unvalidated trail writing
 * to a bucket anyone may read. No alias, no budget with a notification, no security contact.
 */
export async function seedMessyAccount(endpoint: string): Promise<void> {
  const cfg = { region: REGION, endpoint, credentials: FAKE_CREDENTIALS };
  const iam = new IAMClient(cfg);
  const s3 = new S3Client({ ...cfg, forcePathStyle: true });
  const cloudtrail = new CloudTrailClient(cfg);
  const budgets = new BudgetsClient(cfg);
  try {
    await iam.send(
      new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 8, RequireNumbers: true }),
    );

    await iam.send(new CreateUserCommand({ UserName: 'admin' }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'admin', PolicyArn: ADMIN_ACCESS }));
    await iam.send(new CreateLoginProfileCommand({ UserName: 'admin', Password: 'Winter2026!' }));

    await iam.send(new CreateUserCommand({ UserName: 'devops' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'devops',
        PolicyName: 'everything',
        PolicyDocument: doc({ Effect: 'Allow', Action: '*', Resource: '*' }),
      }),
    );

    await iam.send(new CreateUserCommand({ UserName: 'mike.chen@acme-corp.example' }));
    await iam.send(
      new CreateLoginProfileCommand({ UserName: 'mike.chen@acme-corp.example', Password: 'Summer2026!' }),
    );
    await iam.send(
      new AttachUserPolicyCommand({
        UserName: 'mike.chen@acme-corp.example',
        PolicyArn: 'arn:aws:iam::aws:policy/AWSCloudShellFullAccess',
      }),
    );

    await iam.send(new CreateUserCommand({ UserName: 'ci-bot' }));
    await iam.send(new CreateAccessKeyCommand({ UserName: 'ci-bot' }));
    await iam.send(new CreateAccessKeyCommand({ UserName: 'ci-bot' }));

    await iam.send(new CreateUserCommand({ UserName: 'intern' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'intern',
        PolicyName: 'self-service',
        PolicyDocument: doc({ Effect: 'Allow', Action: 'iam:PutUserPolicy', Resource: '*' }),
      }),
    );

    const legacy = await iam.send(
      new CreatePolicyCommand({
        PolicyName: 'LegacyFullAccess',
        PolicyDocument: doc({ Effect: 'Allow', Action: '*', Resource: '*' }),
      }),
    );
    await iam.send(new CreateGroupCommand({ GroupName: 'Legacy' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'Legacy', UserName: 'ci-bot' }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'ci-bot', PolicyArn: legacy.Policy!.Arn! }));

    await iam.send(
      new CreateRoleCommand({
        RoleName: 'OpsAdmin',
        AssumeRolePolicyDocument: doc({
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${MOTO_ACCOUNT_ID}:root` },
          Action: 'sts:AssumeRole',
        }),
      }),
    );
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'OpsAdmin', PolicyArn: ADMIN_ACCESS }));
    // A consultant's account was given admin years ago, with no ExternalId.
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'VendorAudit',
        AssumeRolePolicyDocument: doc({
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::444455556666:root' },
          Action: 'sts:AssumeRole',
        }),
      }),
    );
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'VendorAudit', PolicyArn: ADMIN_ACCESS }));
    // A deploy role for GitHub Actions that checks only the audience: every repository on GitHub gets in.
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'GitHubDeploy',
        AssumeRolePolicyDocument: doc({
          Effect: 'Allow',
          Principal: {
            Federated: `arn:aws:iam::${MOTO_ACCOUNT_ID}:oidc-provider/token.actions.githubusercontent.com`,
          },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } },
        }),
      }),
    );
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'GitHubDeploy',
        PolicyName: 'deploy-site',
        PolicyDocument: doc({
          Effect: 'Allow',
          Action: ['s3:PutObject', 's3:DeleteObject'],
          Resource: 'arn:aws:s3:::www-acme-corp-example/*',
        }),
      }),
    );

    await s3.send(new CreateBucketCommand({ Bucket: MESSY_BUCKET }));
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: MESSY_BUCKET,
        Policy: doc({
          Sid: 'PublicReadForDashboard',
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: `arn:aws:s3:::${MESSY_BUCKET}/*`,
        }),
      }),
    );
    await cloudtrail.send(new CreateTrailCommand({ Name: 'legacy', S3BucketName: MESSY_BUCKET }));
    await cloudtrail.send(
      new PutEventSelectorsCommand({
        TrailName: 'legacy',
        EventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true }],
      }),
    );

    // A budget nobody hears about: no notification.
    await budgets.send(
      new CreateBudgetCommand({
        AccountId: MOTO_ACCOUNT_ID,
        Budget: {
          BudgetName: 'monthly',
          BudgetType: 'COST',
          TimeUnit: 'MONTHLY',
          BudgetLimit: { Amount: '100', Unit: 'USD' },
        },
      }),
    );
  } finally {
    for (const c of [iam, s3, cloudtrail, budgets]) c.destroy();
  }
}
