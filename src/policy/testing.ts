// Builders of authorization-details exports for the engine's tests: users, roles and managed policies in
// one account, with inline policies, boundaries, groups and trust as a test needs them; credential-report rows.
import type { CredentialReportRow } from '../snapshot/aws-shapes.js';
export const ACCOUNT = '111122223333';
export const arn = (kind: string, name: string) => `arn:aws:iam::${ACCOUNT}:${kind}/${name}`;
export const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
export const allow = (Action: string | string[], Resource = '*', extra: object = {}) => ({
  Effect: 'Allow',
  Action,
  Resource,
  ...extra,
});
export const managed = (name: string, document: unknown) => ({
  PolicyName: name,
  Arn: arn('policy', name),
  DefaultVersionId: 'v1',
  PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: document }],
});
export const id = (name: string) =>
  name
    .toUpperCase()
    .replace(/[^A-Z]/g, 'X')
    .padEnd(17, 'X')
    .slice(0, 17);

export interface Spec {
  inline?: Record<string, unknown>;
  boundary?: string;
  groups?: string[];
}
export const user = (name: string, s: Spec) => ({
  UserName: name,
  UserId: `AIDA${id(name)}`,
  Arn: arn('user', name),
  Path: '/',
  GroupList: s.groups ?? [],
  AttachedManagedPolicies: [],
  UserPolicyList: Object.entries(s.inline ?? {}).map(([PolicyName, PolicyDocument]) => ({
    PolicyName,
    PolicyDocument,
  })),
  ...(s.boundary
    ? {
        PermissionsBoundary: {
          PermissionsBoundaryType: 'Policy',
          PermissionsBoundaryArn: arn('policy', s.boundary),
        },
      }
    : {}),
});
export const role = (
  name: string,
  s: Spec & { trustAccount?: boolean; path?: string; profile?: boolean; trust?: object },
) => ({
  RoleName: name,
  RoleId: `AROA${id(name)}`,
  Arn: arn('role', `${(s.path ?? '/').slice(1)}${name}`),
  Path: s.path ?? '/',
  AssumeRolePolicyDocument: s.trust
    ? doc(s.trust)
    : s.trustAccount
      ? doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' })
      : doc({
          Effect: 'Allow',
          Principal: { Service: 'ec2.amazonaws.com' },
          Action: 'sts:AssumeRole',
        }),
  AttachedManagedPolicies: [],
  RolePolicyList: Object.entries(s.inline ?? {}).map(([PolicyName, PolicyDocument]) => ({
    PolicyName,
    PolicyDocument,
  })),
  InstanceProfileList: s.profile ? [{ InstanceProfileName: name }] : [],
  ...(s.boundary
    ? {
        PermissionsBoundary: {
          PermissionsBoundaryType: 'Policy',
          PermissionsBoundaryArn: arn('policy', s.boundary),
        },
      }
    : {}),
});

/** A full credential-report row, every column as AWS writes it for a user without credentials. */
export const reportRow = (name: string, over: Partial<CredentialReportRow> = {}): CredentialReportRow => ({
  user: name,
  arn: arn('user', name),
  user_creation_time: '2024-01-01T00:00:00+00:00',
  password_enabled: 'false',
  password_last_used: 'N/A',
  password_last_changed: 'N/A',
  password_next_rotation: 'N/A',
  mfa_active: 'false',
  access_key_1_active: 'false',
  access_key_1_last_rotated: 'N/A',
  access_key_1_last_used_date: 'N/A',
  access_key_1_last_used_region: 'N/A',
  access_key_1_last_used_service: 'N/A',
  access_key_2_active: 'false',
  access_key_2_last_rotated: 'N/A',
  access_key_2_last_used_date: 'N/A',
  access_key_2_last_used_region: 'N/A',
  access_key_2_last_used_service: 'N/A',
  cert_1_active: 'false',
  cert_1_last_rotated: 'N/A',
  cert_2_active: 'false',
  cert_2_last_rotated: 'N/A',
  ...over,
});
