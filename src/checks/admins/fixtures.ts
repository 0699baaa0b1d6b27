import type { AuthorizationDetails } from '../../snapshot/aws-shapes.js';
import type { Snapshot } from '../../snapshot/schema.js';
import { TEST_ACCOUNT } from '../../snapshot/testing/builder.js';

// Test-only helpers: add managed policies and roles to a builder snapshot.

export const ADMIN_DOC = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};
export const READ_ONLY_DOC = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: ['iam:Get*', 'iam:List*', 's3:Get*', 's3:List*', 'ec2:Describe*'],
      Resource: '*',
    },
  ],
};
export const ASSUME_ANY_ROLE_DOC = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${TEST_ACCOUNT}:role/*` }],
};
export const MFA = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };

export function details(snap: Snapshot): AuthorizationDetails {
  const slice = snap.slices.authorizationDetails;
  if (slice.status !== 'ok') throw new Error('fixture without authorization details');
  return slice.data;
}

/** Adds a managed policy; names without an ARN become AWS managed (arn:aws:iam::aws:policy/NAME). */
export function addManaged(snap: Snapshot, nameOrArn: string, doc: unknown): Snapshot {
  const arn = nameOrArn.startsWith('arn:') ? nameOrArn : `arn:aws:iam::aws:policy/${nameOrArn}`;
  details(snap).Policies.push({
    PolicyName: arn.split('/').pop() ?? arn,
    Arn: arn,
    DefaultVersionId: 'v1',
    PolicyVersionList: [{ Document: doc, VersionId: 'v1', IsDefaultVersion: true }],
  });
  return snap;
}

export function trustAccount(condition?: unknown) {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${TEST_ACCOUNT}:root` },
        Action: 'sts:AssumeRole',
        ...(condition ? { Condition: condition } : {}),
      },
    ],
  };
}

export function addRole(
  snap: Snapshot,
  name: string,
  trust: unknown,
  spec: { attached?: string[]; inline?: Record<string, unknown> } = {},
): Snapshot {
  details(snap).RoleDetailList.push({
    RoleName: name,
    RoleId: `AROA${name.toUpperCase().padEnd(17, 'X').slice(0, 17)}`,
    Arn: `arn:aws:iam::${TEST_ACCOUNT}:role/${name}`,
    Path: '/',
    AssumeRolePolicyDocument: trust,
    AttachedManagedPolicies: (spec.attached ?? []).map((p) => ({
      PolicyName: p.split('/').pop() ?? p,
      PolicyArn: p.startsWith('arn:') ? p : `arn:aws:iam::aws:policy/${p}`,
    })),
    RolePolicyList: Object.entries(spec.inline ?? {}).map(([PolicyName, PolicyDocument]) => ({
      PolicyName,
      PolicyDocument,
    })),
  });
  return snap;
}

/** A trust policy with one Allow statement. */
export const trustOf = (principal: unknown, action = 'sts:AssumeRole', condition?: unknown) => ({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: principal, Action: action, ...(condition ? { Condition: condition } : {}) },
  ],
});

/** Makes the account a member of organization o-abc123 (management account 777788889999). */
export function joinOrganization(snap: Snapshot): Snapshot {
  snap.slices.organization = {
    status: 'ok',
    data: { Organization: { Id: 'o-abc123', MasterAccountId: '777788889999' }, Account: null },
  };
  return snap;
}

/**
 * The organization's RCPs as read: full access at the root and the account, and at the root a data perimeter
 * that denies sts:AssumeRole to principals outside o-abc123.
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_examples.html
 */
export function addRcpPerimeter(snap: Snapshot): Snapshot {
  const full = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
  const perimeter = JSON.stringify({
    Statement: [
      {
        Effect: 'Deny',
        Principal: '*',
        Action: 'sts:AssumeRole',
        Resource: '*',
        Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc123' } },
      },
    ],
  });
  const level = (TargetId: string, Type: string, ...docs: string[]) => ({
    TargetId,
    Type,
    Policies: docs.map((Content, i) => ({ Id: `p-${TargetId}-${i}`, Content })),
  });
  snap.slices.resourceControlPolicies = {
    status: 'ok',
    data: {
      NotApplicable: null,
      Levels: [level('r-1', 'ROOT', full, perimeter), level(TEST_ACCOUNT, 'ACCOUNT', full)],
    },
  };
  return snap;
}
