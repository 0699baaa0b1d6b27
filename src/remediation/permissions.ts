import { identityCollector } from '../collectors/identity.js';
import { COLLECTORS, withDependencies } from '../collectors/registry.js';
import { ADMIN_ANALYSIS_SLICES } from '../checks/admins/slices.js';
import type { SliceName } from '../snapshot/schema.js';
import { ACTIONS } from './actions/index.js';
import { FORWARD_ROLE } from './actions/alerts-root-activity.js';
import { TOPIC_NAME } from './actions/alerts-security-topic.js';
import { ANALYZER_NAME } from './actions/iam-create-access-analyzer.js';
import { REPORT_NAME } from './actions/billing-create-cur.js';
import { LOG_GROUP, LOGS_ROLE, TRAIL_NAME } from './actions/cloudtrail-create-trail.js';

import type { PermissionTarget } from './targets.js';

export { PERMISSION_TARGETS, type PermissionTarget } from './targets.js';

const sorted = (list: Iterable<string>): string[] => [...new Set(list)].sort();

/** IAM actions a collection calls: sts:GetCallerIdentity and the declared actions of these slices' collectors. */
function collectionActions(slices?: readonly SliceName[]): string[] {
  const collectors = slices ? COLLECTORS.filter((c) => slices.includes(c.slice)) : COLLECTORS;
  return sorted([...identityCollector.actions, ...collectors.flatMap((c) => c.actions)]);
}

/** IAM actions `rampart audit` calls: every collector's. */
export const auditActions = (): string[] => collectionActions();

/** IAM actions a live `rampart admins` calls: the collectors of what the admin analysis reads. */
export const adminsActions = (): string[] => collectionActions(withDependencies(ADMIN_ANALYSIS_SLICES));

/** IAM actions `rampart harden --apply` and `rampart rollback` call beyond the audit. */
export function hardenActions(): string[] {
  const audit = new Set(auditActions());
  return sorted(ACTIONS.flatMap((a) => a.permissions)).filter((a) => !audit.has(a));
}

/** A statement of the harden policy: these actions, only on these resources. */
export interface HardenScope {
  sid: string;
  resources: readonly string[];
  actions: readonly string[];
}

// The account id is `*`: an identity policy only reaches its own account's resources anyway (another
// account's would need that account's resource policy too), and the printed policy stays generic.
const iam = (path: string): string => `arn:aws:iam::*:${path}`;

/**
 * Every harden action that supports resource-level permissions, scoped to the names Rampart creates. Names a
 * person chooses (the admin group and user, via flags or config) are `group/*` and `user/*`.
 */
export const HARDEN_SCOPES: readonly HardenScope[] = [
  {
    sid: 'RampartHardenAdminGroup',
    resources: [iam('group/*')],
    actions: [
      'iam:GetGroup',
      'iam:ListAttachedGroupPolicies',
      'iam:CreateGroup',
      'iam:AttachGroupPolicy',
      'iam:DetachGroupPolicy',
      'iam:DeleteGroup',
      // Group membership is authorized on the group.
      'iam:AddUserToGroup',
      'iam:RemoveUserFromGroup',
    ],
  },
  {
    sid: 'RampartHardenAdminUser',
    resources: [iam('user/*')],
    actions: [
      'iam:GetUser',
      'iam:ListGroupsForUser',
      'iam:GetLoginProfile',
      'iam:ListAccessKeys',
      'iam:CreateUser',
      'iam:TagUser',
      'iam:CreateLoginProfile',
      'iam:CreateAccessKey',
      'iam:UpdateAccessKey',
      'iam:DeleteAccessKey',
      'iam:DeleteLoginProfile',
      'iam:DeleteUser',
      'iam:ListMFADevices',
      // Enabling and deactivating a device are authorized on the user.
      'iam:EnableMFADevice',
      'iam:DeactivateMFADevice',
    ],
  },
  {
    sid: 'RampartHardenMfaDevice',
    resources: [iam('mfa/*')],
    actions: ['iam:CreateVirtualMFADevice', 'iam:TagMFADevice', 'iam:DeleteVirtualMFADevice'],
  },
  {
    // CloudTrail's role for CloudWatch Logs, and EventBridge's role forwarding root activity from us-east-1.
    sid: 'RampartHardenServiceRoles',
    resources: [iam(`role/${LOGS_ROLE}`), iam(`role/${FORWARD_ROLE}`)],
    actions: [
      'iam:GetRole',
      'iam:GetRolePolicy',
      'iam:ListRolePolicies',
      'iam:ListAttachedRolePolicies',
      'iam:CreateRole',
      'iam:PutRolePolicy',
      'iam:DeleteRolePolicy',
      'iam:DeleteRole',
      'iam:PassRole',
    ],
  },
  {
    // The managed policies attached to the logs role, and its permissions boundary, are read before the role is
    // used: they may be anyone's (customer managed) or AWS's.
    sid: 'RampartHardenReadRolePolicies',
    resources: [iam('policy/*'), 'arn:aws:iam::aws:policy/*'],
    actions: ['iam:GetPolicy', 'iam:GetPolicyVersion'],
  },
  {
    sid: 'RampartHardenTrail',
    resources: [`arn:aws:cloudtrail:*:*:trail/${TRAIL_NAME}`],
    actions: [
      'cloudtrail:CreateTrail',
      'cloudtrail:AddTags',
      'cloudtrail:PutEventSelectors',
      'cloudtrail:StartLogging',
      'cloudtrail:StopLogging',
      'cloudtrail:DeleteTrail',
    ],
  },
  {
    // cloudtrail-logs-delivery adds CloudWatch Logs delivery to the account's existing trail, whatever its name.
    sid: 'RampartHardenExistingTrails',
    resources: ['arn:aws:cloudtrail:*:*:trail/*'],
    actions: ['cloudtrail:UpdateTrail'],
  },
  {
    sid: 'RampartHardenBuckets',
    // rampart-trail-<account>-<region>-<random> and rampart-cur-<account>-<random>.
    resources: ['arn:aws:s3:::rampart-trail-*', 'arn:aws:s3:::rampart-cur-*'],
    actions: [
      's3:CreateBucket',
      's3:PutBucketPublicAccessBlock',
      's3:PutBucketVersioning',
      's3:PutEncryptionConfiguration',
      's3:PutBucketPolicy',
      's3:ListBucketVersions',
      's3:DeleteBucket',
    ],
  },
  {
    sid: 'RampartHardenBucketObjects',
    resources: ['arn:aws:s3:::rampart-trail-*/*', 'arn:aws:s3:::rampart-cur-*/*'],
    actions: ['s3:DeleteObjectVersion'],
  },
  {
    sid: 'RampartHardenTrailLogGroup',
    resources: [`arn:aws:logs:*:*:log-group:${LOG_GROUP}`, `arn:aws:logs:*:*:log-group:${LOG_GROUP}:*`],
    actions: ['logs:CreateLogGroup', 'logs:DeleteLogGroup'],
  },
  {
    sid: 'RampartHardenAlertsTopic',
    resources: [`arn:aws:sns:*:*:${TOPIC_NAME}`],
    actions: [
      'sns:CreateTopic',
      'sns:TagResource',
      'sns:GetTopicAttributes',
      'sns:SetTopicAttributes',
      'sns:ListSubscriptionsByTopic',
      'sns:Subscribe',
      'sns:Unsubscribe',
      'sns:DeleteTopic',
    ],
  },
  {
    sid: 'RampartHardenRootActivityRules',
    resources: ['arn:aws:events:*:*:rule/rampart-*'],
    actions: [
      'events:DescribeRule',
      'events:ListTargetsByRule',
      'events:PutRule',
      'events:PutTargets',
      'events:RemoveTargets',
      'events:DeleteRule',
    ],
  },
  {
    sid: 'RampartHardenSecurityContact',
    // A standalone account, and a member account when the management account sets it.
    resources: ['arn:aws:account::*:account', 'arn:aws:account::*:account/o-*/*'],
    actions: ['account:PutAlternateContact', 'account:DeleteAlternateContact'],
  },
  {
    sid: 'RampartHardenAccessAnalyzer',
    resources: [`arn:aws:access-analyzer:*:*:analyzer/${ANALYZER_NAME}`],
    actions: ['access-analyzer:CreateAnalyzer', 'access-analyzer:DeleteAnalyzer'],
  },
  {
    // The first analyzer in an account creates Access Analyzer's service-linked role (the path names the service).
    sid: 'RampartHardenAccessAnalyzerRole',
    resources: [iam('role/aws-service-role/access-analyzer.amazonaws.com/AWSServiceRoleForAccessAnalyzer')],
    actions: ['iam:CreateServiceLinkedRole'],
  },
  {
    sid: 'RampartHardenCostReport',
    resources: [`arn:aws:cur:*:*:definition/${REPORT_NAME}`],
    actions: ['cur:PutReportDefinition', 'cur:DeleteReportDefinition'],
  },
];

/**
 * Harden actions AWS authorizes only on Resource "*": they act on the account as a whole (alias, password
 * policy, account summary) or list things before a name is known. Each one is here on purpose; a new
 * permission that is in neither list fails the unit test until someone decides.
 */
export const ACCOUNT_LEVEL_ACTIONS: readonly string[] = [
  'iam:CreateAccountAlias',
  'iam:DeleteAccountAlias',
  'iam:ListAccountAliases',
  'iam:UpdateAccountPasswordPolicy',
  'iam:DeleteAccountPasswordPolicy',
  'iam:GetAccountPasswordPolicy',
  'iam:GetAccountSummary',
  'iam:ListVirtualMFADevices',
  'cloudtrail:DescribeTrails',
  'cloudtrail:GetTrailStatus',
  'cloudtrail:GetEventSelectors',
  'cur:DescribeReportDefinitions',
  'sns:ListTopics',
  'account:GetAlternateContact',
];

/**
 * The least-privilege identity policy for a command, generated from what the collectors and the actions
 * declare. The audit is read-only on "*" (it must see everything); harden's writes are scoped to the resources
 * Rampart creates, except the account-level actions above.
 */
export function permissionsPolicy(target: PermissionTarget): Record<string, unknown> {
  if (target === 'admins') {
    return {
      Version: '2012-10-17',
      Statement: [{ Sid: 'RampartAdminsReadOnly', Effect: 'Allow', Action: adminsActions(), Resource: '*' }],
    };
  }
  const statements: Record<string, unknown>[] = [
    { Sid: 'RampartAuditReadOnly', Effect: 'Allow', Action: auditActions(), Resource: '*' },
  ];
  if (target === 'harden') {
    const actions = hardenActions();
    const scoped = new Set<string>();
    for (const scope of HARDEN_SCOPES) {
      const these = actions.filter((a) => scope.actions.includes(a));
      if (these.length === 0) continue;
      for (const a of these) scoped.add(a);
      statements.push({
        Sid: scope.sid,
        Effect: 'Allow',
        Action: these,
        Resource: scope.resources.length === 1 ? scope.resources[0] : [...scope.resources],
      });
    }
    const rest = actions.filter((a) => !scoped.has(a));
    if (rest.length > 0)
      statements.push({ Sid: 'RampartHardenAccountLevel', Effect: 'Allow', Action: rest, Resource: '*' });
  }
  return { Version: '2012-10-17', Statement: statements };
}
