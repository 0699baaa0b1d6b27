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
