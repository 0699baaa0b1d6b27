import { describe, expect, it } from 'vitest';
import { identityCollector } from '../collectors/identity.js';
import { COLLECTORS } from '../collectors/registry.js';
import { ACTIONS } from './actions/index.js';
import { TOPIC_NAME } from './actions/alerts-security-topic.js';
import { FORWARD_ROLE, RULE_NAME } from './actions/alerts-root-activity.js';
import { REPORT_NAME } from './actions/billing-create-cur.js';
import { ANALYZER_NAME } from './actions/iam-create-access-analyzer.js';
import { LOG_GROUP, LOGS_ROLE, TRAIL_NAME } from './actions/cloudtrail-create-trail.js';
import {
  ACCOUNT_LEVEL_ACTIONS,
  adminsActions,
  auditActions,
  HARDEN_SCOPES,
  hardenActions,
  permissionsPolicy,
} from './permissions.js';

interface Statement {
  Sid: string;
  Action: string[];
  Resource: string | string[];
}
const statements = (): Statement[] => (permissionsPolicy('harden') as { Statement: Statement[] }).Statement;

/** IAM's resource matching: `*` any run of characters, `?` one; whole ARN, case-sensitive. */
const arnMatches = (pattern: string, arn: string): boolean =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  ).test(arn);

/** Is `action` on `arn` allowed by the printed harden policy, and by which statement? */
function allowedBy(action: string, arn: string): string | undefined {
  return statements().find(
    (s) => s.Action.includes(action) && [s.Resource].flat().some((r) => arnMatches(r, arn)),
  )?.Sid;
}

describe('rampart permissions', () => {
  it('audit: exactly what identity and the collectors declare, read-only', () => {
    const declared = new Set([...identityCollector.actions, ...COLLECTORS.flatMap((c) => c.actions)]);
    expect(new Set(auditActions())).toEqual(declared);
    for (const a of auditActions())
      expect(a).toMatch(/:(Get|List|Describe|View|Lookup|GenerateCredentialReport)/);
    expect(permissionsPolicy('audit')).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'RampartAuditReadOnly', Effect: 'Allow', Action: auditActions(), Resource: '*' }],
    });
  });

  it('admins: the read-only subset the admin analysis collects, nothing from other services', () => {
    expect(adminsActions()).toEqual([
      'iam:GenerateCredentialReport',
      'iam:GetAccountAuthorizationDetails',
      'iam:GetCredentialReport',
      'organizations:DescribeAccount',
      'organizations:DescribeOrganization',
      'organizations:DescribePolicy',
      'organizations:ListParents',
      'organizations:ListPoliciesForTarget',
      'organizations:ListRoots',
      'sts:GetCallerIdentity',
    ]);
    const audit = new Set(auditActions());
    for (const a of adminsActions()) expect(audit.has(a)).toBe(true);
    expect(permissionsPolicy('admins')).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'RampartAdminsReadOnly', Effect: 'Allow', Action: adminsActions(), Resource: '*' }],
    });
  });

  it('harden: the audit plus every action permission, each once, sorted; fits a managed policy', () => {
    const policy = permissionsPolicy('harden') as { Statement: { Action: string[] }[] };
    const all = policy.Statement.flatMap((s) => s.Action);
    for (const a of ACTIONS.flatMap((x) => x.permissions)) expect(all).toContain(a);
    expect(new Set(all).size).toBe(all.length);
    expect(hardenActions()).toEqual([...hardenActions()].sort());
    expect(JSON.stringify(policy).length).toBeLessThan(6144);
  });

  it('every harden permission is either scoped to resources or listed as account-level on purpose', () => {
    const scoped = HARDEN_SCOPES.flatMap((s) => s.actions);
    expect(new Set(scoped).size).toBe(scoped.length);
    const unclassified = hardenActions().filter(
      (a) => !scoped.includes(a) && !ACCOUNT_LEVEL_ACTIONS.includes(a),
    );
    expect(unclassified).toEqual([]);
    const star = statements()
      .filter((s) => s.Resource === '*')
      .map((s) => s.Sid);
    expect(star).toEqual(['RampartAuditReadOnly', 'RampartHardenAccountLevel']);
    const accountLevel = statements().find((s) => s.Sid === 'RampartHardenAccountLevel')?.Action ?? [];
    for (const a of accountLevel) expect(ACCOUNT_LEVEL_ACTIONS, a).toContain(a);
  });

  // The resources harden and rollback really touch (names from the actions), and some they must not.
  const account = '123456789012';
  const trailBucket = `rampart-trail-${account}-eu-west-1-0a1b2c3d`;
  const curBucket = `rampart-cur-${account}-0a1b2c3d`;
  it.each([
    ['iam:CreateGroup', `arn:aws:iam::${account}:group/Administrators`],
    ['iam:AttachGroupPolicy', `arn:aws:iam::${account}:group/Admins`],
    ['iam:AddUserToGroup', `arn:aws:iam::${account}:group/Administrators`],
    ['iam:CreateUser', `arn:aws:iam::${account}:user/JSmith`],
    ['iam:TagUser', `arn:aws:iam::${account}:user/JSmith`],
    ['iam:TagMFADevice', `arn:aws:iam::${account}:mfa/JSmith`],
    ['cloudtrail:AddTags', `arn:aws:cloudtrail:eu-west-1:${account}:trail/${TRAIL_NAME}`],
    ['sns:TagResource', `arn:aws:sns:eu-west-1:${account}:${TOPIC_NAME}`],
    ['iam:CreateLoginProfile', `arn:aws:iam::${account}:user/JSmith`],
    ['iam:EnableMFADevice', `arn:aws:iam::${account}:user/JSmith`],
    ['iam:CreateVirtualMFADevice', `arn:aws:iam::${account}:mfa/JSmith`],
    ['iam:CreateRole', `arn:aws:iam::${account}:role/${LOGS_ROLE}`],
    ['iam:PassRole', `arn:aws:iam::${account}:role/${LOGS_ROLE}`],
    ['iam:GetRolePolicy', `arn:aws:iam::${account}:role/${LOGS_ROLE}`],
    ['iam:ListRolePolicies', `arn:aws:iam::${account}:role/${LOGS_ROLE}`],
    ['iam:PassRole', `arn:aws:iam::${account}:role/${FORWARD_ROLE}`],
    ['iam:GetRole', `arn:aws:iam::${account}:role/${FORWARD_ROLE}`],
    ['iam:GetRolePolicy', `arn:aws:iam::${account}:role/${FORWARD_ROLE}`],
    ['cloudtrail:CreateTrail', `arn:aws:cloudtrail:eu-west-1:${account}:trail/${TRAIL_NAME}`],
    ['cloudtrail:StopLogging', `arn:aws:cloudtrail:us-east-1:${account}:trail/${TRAIL_NAME}`],
    ['cloudtrail:UpdateTrail', `arn:aws:cloudtrail:eu-west-1:${account}:trail/management-events`],
    ['s3:CreateBucket', `arn:aws:s3:::${trailBucket}`],
    ['s3:PutBucketPolicy', `arn:aws:s3:::${curBucket}`],
    ['s3:DeleteObjectVersion', `arn:aws:s3:::${trailBucket}/AWSLogs/${account}/CloudTrail/x.json.gz`],
    ['logs:CreateLogGroup', `arn:aws:logs:eu-west-1:${account}:log-group:${LOG_GROUP}`],
    ['logs:DeleteLogGroup', `arn:aws:logs:eu-west-1:${account}:log-group:${LOG_GROUP}:*`],
    ['sns:CreateTopic', `arn:aws:sns:eu-west-1:${account}:${TOPIC_NAME}`],
    ['sns:SetTopicAttributes', `arn:aws:sns:us-east-1:${account}:${TOPIC_NAME}`],
    ['events:PutRule', `arn:aws:events:us-east-1:${account}:rule/${RULE_NAME}`],
    ['events:PutTargets', `arn:aws:events:eu-west-1:${account}:rule/${RULE_NAME}`],
    ['account:PutAlternateContact', `arn:aws:account::${account}:account`],
    ['cur:PutReportDefinition', `arn:aws:cur:us-east-1:${account}:definition/${REPORT_NAME}`],
    [
      'access-analyzer:CreateAnalyzer',
      `arn:aws:access-analyzer:eu-south-1:${account}:analyzer/${ANALYZER_NAME}`,
    ],
    [
      'access-analyzer:DeleteAnalyzer',
      `arn:aws:access-analyzer:us-east-1:${account}:analyzer/${ANALYZER_NAME}`,
    ],
    [
      'iam:CreateServiceLinkedRole',
      `arn:aws:iam::${account}:role/aws-service-role/access-analyzer.amazonaws.com/AWSServiceRoleForAccessAnalyzer`,
    ],
    ['iam:CreateAccountAlias', '*'],
    ['iam:UpdateAccountPasswordPolicy', '*'],
  ])('allows %s on %s', (action, arn) => {
    expect(allowedBy(action, arn)).toBeDefined();
  });

  it.each([
    ['iam:CreateRole', `arn:aws:iam::${account}:role/Anything`],
    ['iam:PassRole', `arn:aws:iam::${account}:role/OrganizationAccountAccessRole`],
    ['s3:DeleteBucket', 'arn:aws:s3:::company-data'],
    ['s3:DeleteObject', 'arn:aws:s3:::company-data/file'],
    ['cloudtrail:StopLogging', `arn:aws:cloudtrail:us-east-1:${account}:trail/org-trail`],
    ['cloudtrail:DeleteTrail', `arn:aws:cloudtrail:us-east-1:${account}:trail/org-trail`],
    ['sns:DeleteTopic', `arn:aws:sns:us-east-1:${account}:billing-alerts`],
    ['events:DeleteRule', `arn:aws:events:us-east-1:${account}:rule/guardduty-findings`],
    ['logs:DeleteLogGroup', `arn:aws:logs:us-east-1:${account}:log-group:/aws/lambda/app`],
    ['iam:DeleteVirtualMFADevice', `arn:aws:iam::${account}:user/JSmith`],
    ['access-analyzer:DeleteAnalyzer', `arn:aws:access-analyzer:us-east-1:${account}:analyzer/org-external`],
    [
      'iam:CreateServiceLinkedRole',
      `arn:aws:iam::${account}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS`,
    ],
  ])('does not allow %s on %s', (action, arn) => {
    expect(allowedBy(action, arn)).toBeUndefined();
  });
});
