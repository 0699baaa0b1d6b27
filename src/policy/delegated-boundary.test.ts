import { describe, expect, it } from 'vitest';
import type { AuthorizationDetails } from '../snapshot/aws-shapes.js';
import { analyzeAdmins } from './admins.js';
import { ACCOUNT, allow, arn, doc, managed, user } from './testing.js';

// Delegating role creation: CreateRole allowed only when the new role gets a given permissions boundary
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html#access_policies_boundaries-delegate).
// The creator meets the condition by choosing that boundary, and the new role is as strong as it allows.

const withBoundary = (op: string, value: string) => ({
  Condition: { [op]: { 'iam:PermissionsBoundary': value } },
});
const creator = (condition: object) =>
  doc(
    allow('iam:CreateRole', arn('role', '*'), condition),
    allow(['iam:AttachRolePolicy', 'iam:PutRolePolicy'], arn('role', '*')),
  );

const details = {
  Policies: [
    managed('dev-boundary', doc(allow(['s3:*', 'logs:*']))),
    managed('wide-boundary', doc(allow('*'))),
  ],
  UserDetailList: [
    user('delegate', { inline: { p: creator(withBoundary('StringEquals', arn('policy', 'dev-boundary'))) } }),
    user('delegate-like', { inline: { p: creator(withBoundary('ArnLike', arn('policy', 'dev-*'))) } }),
    user('delegate-wide', {
      inline: { p: creator(withBoundary('StringEquals', arn('policy', 'wide-boundary'))) },
    }),
    // A boundary the export does not hold: what it allows is unknown, the path stays conditional.
    user('delegate-unknown', {
      inline: { p: creator(withBoundary('StringEquals', arn('policy', 'elsewhere'))) },
    }),
    // Another condition the caller does not control, with an admin boundary: still conditional on it.
    user('delegate-from-office', {
      inline: {
        p: creator({
          Condition: {
            StringEquals: { 'iam:PermissionsBoundary': arn('policy', 'wide-boundary') },
            IpAddress: { 'aws:SourceIp': '203.0.113.0/24' },
          },
        }),
      },
    }),
  ],
  GroupDetailList: [],
  RoleDetailList: [],
} as unknown as AuthorizationDetails;

describe('CreateRole that requires a permissions boundary', () => {
  const report = analyzeAdmins({ authorizationDetails: details, accountId: ACCOUNT, now: new Date() });
  const createPaths = (name: string) =>
    (report.admins.find((a) => a.name === name)?.paths ?? []).filter((p) =>
      p.method.startsWith('create-role-'),
    );

  it('a boundary that is not admin leaves no path', () => {
    expect(createPaths('delegate')).toEqual([]);
    expect(createPaths('delegate-like')).toEqual([]);
  });

  it('an admin boundary: the path is unconditional, the condition met by choosing it', () => {
    const paths = createPaths('delegate-wide');
    expect(paths.map((p) => [p.method, p.access])).toEqual([
      ['create-role-attach-policy', 'unconditional'],
      ['create-role-put-policy', 'unconditional'],
    ]);
  });

  it('an unknown boundary or another condition stays conditional', () => {
    for (const name of ['delegate-unknown', 'delegate-from-office']) {
      const paths = createPaths(name);
      expect(paths.length, name).toBe(2);
      expect(paths.every((p) => p.access === 'conditional')).toBe(true);
    }
    expect(createPaths('delegate-from-office')[0]?.conditions).toEqual(['aws:SourceIp']);
  });
});
