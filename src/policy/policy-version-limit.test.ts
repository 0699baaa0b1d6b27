import { describe, expect, it } from 'vitest';
import type { AuthorizationDetails } from '../snapshot/aws-shapes.js';
import { analyzeAdmins } from './admins.js';
import { ACCOUNT, allow, arn, doc, role, user } from './testing.js';

// create-policy-version (Rhino method 1) on a customer managed policy that already has five versions.
// "A managed policy can have up to five versions. If the policy has five versions, you must delete an existing
// version using DeletePolicyVersion before you create a new version."
// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicyVersion.html; quota "Versions of a managed
// policy that can be stored: 5", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
// The export lists every version (PolicyVersionList), so the analysis can see the policy is full.

/** A customer managed policy with these versions (the default one named). */
const versioned = (name: string, defaultVersion: string, versions: Record<string, unknown>) => ({
  PolicyName: name,
  Arn: arn('policy', name),
  DefaultVersionId: defaultVersion,
  PolicyVersionList: Object.entries(versions).map(([VersionId, Document]) => ({
    VersionId,
    IsDefaultVersion: VersionId === defaultVersion,
    Document,
  })),
});
/** `count` versions: s3 reads, then the default (last) version `last`. */
const withVersions = (name: string, count: number, last: unknown) => {
  const versions: Record<string, unknown> = {};
  for (let i = 1; i < count; i++) versions[`v${i}`] = doc(allow('s3:GetObject'));
  versions[`v${count}`] = last;
  return versioned(name, `v${count}`, versions);
};
const attach = <T extends object>(principal: T, ...names: string[]): T => ({
  ...principal,
  AttachedManagedPolicies: names.map((n) => ({ PolicyName: n, PolicyArn: arn('policy', n) })),
});

/** Its default version lets the holder change the policy itself. */
const selfEdit = (name: string, count: number, extra: string[] = []) =>
  withVersions(name, count, doc(allow(['iam:CreatePolicyVersion', ...extra], arn('policy', name))));

const details = {
  Policies: [
    selfEdit('full', 5),
    selfEdit('full-del', 5, ['iam:DeletePolicyVersion']),
    selfEdit('four', 4),
    selfEdit('roomy', 2),
    // DeletePolicyVersion, but on another policy.
    withVersions(
      'full-del-other',
      5,
      doc(
        allow('iam:CreatePolicyVersion', arn('policy', 'full-del-other')),
        allow('iam:DeletePolicyVersion', arn('policy', 'roomy')),
      ),
    ),
    // A role's policy that holds five versions, and one with room.
    withVersions('role-full', 5, doc(allow('s3:GetObject'))),
    withVersions('role-roomy', 3, doc(allow('s3:GetObject'))),
  ],
  UserDetailList: [
    attach(user('stuck', {}), 'full'),
    attach(user('can-delete', {}), 'full-del'),
    attach(user('four-user', {}), 'four'),
    attach(user('roomy-user', {}), 'roomy'),
    attach(user('wrong-delete', {}), 'full-del-other'),
    user('role-stuck', {
      inline: {
        p: doc(allow('iam:CreatePolicyVersion', arn('policy', 'role-full')), allow('sts:AssumeRole')),
      },
    }),
    user('role-delete', {
      inline: {
        p: doc(
          allow(['iam:CreatePolicyVersion', 'iam:DeletePolicyVersion'], arn('policy', 'role-full')),
          allow('sts:AssumeRole'),
        ),
      },
    }),
    user('role-roomy-user', {
      inline: {
        p: doc(allow('iam:CreatePolicyVersion', arn('policy', 'role-roomy')), allow('sts:AssumeRole')),
      },
    }),
  ],
  GroupDetailList: [],
  RoleDetailList: [
    attach(role('full-role', { trustAccount: true }), 'role-full'),
    attach(role('roomy-role', { trustAccount: true }), 'role-roomy'),
  ],
} as unknown as AuthorizationDetails;

const report = analyzeAdmins({
  authorizationDetails: details,
  accountId: ACCOUNT,
  now: new Date('2026-01-01'),
});
const path = (name: string) =>
  report.admins.find((e) => e.name === name)?.paths.find((p) => p.method === 'create-policy-version');

describe('CreatePolicyVersion on its own policy that holds five versions', () => {
  it('without DeletePolicyVersion it cannot add a version: not admin', () => {
    expect(report.admins.find((e) => e.name === 'stuck')).toBeUndefined();
  });

  it('DeletePolicyVersion on another policy makes no room in this one', () => {
    expect(path('wrong-delete')).toBeUndefined();
  });

  it('with DeletePolicyVersion on the policy it makes room: iam-admin, both actions listed', () => {
    const p = path('can-delete');
    expect(p?.tier).toBe('iam-admin');
    expect(p?.actions).toEqual(['iam:CreatePolicyVersion', 'iam:DeletePolicyVersion']);
    expect(p?.description).toContain('deleting one of its five versions first');
  });

  it('control: four or two versions leave room: CreatePolicyVersion alone', () => {
    for (const name of ['four-user', 'roomy-user']) {
      expect(path(name)?.tier).toBe('iam-admin');
      expect(path(name)?.actions).toEqual(['iam:CreatePolicyVersion']);
    }
  });
});

describe("CreatePolicyVersion on an assumable role's policy that holds five versions", () => {
  it('without DeletePolicyVersion the role cannot be changed: no path', () => {
    expect(report.admins.find((e) => e.name === 'role-stuck')).toBeUndefined();
  });

  it('with DeletePolicyVersion: iam-admin through the role, Delete among the actions', () => {
    const p = path('role-delete');
    expect(p?.via).toEqual([arn('role', 'full-role')]);
    expect(p?.actions).toEqual(['iam:CreatePolicyVersion', 'iam:DeletePolicyVersion', 'sts:AssumeRole']);
  });

  it('control: a role policy with room needs CreatePolicyVersion alone', () => {
    expect(path('role-roomy-user')?.actions).toEqual(['iam:CreatePolicyVersion', 'sts:AssumeRole']);
  });
});
