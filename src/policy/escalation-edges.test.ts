import { describe, expect, it } from 'vitest';
import type { AuthorizationDetails } from '../snapshot/aws-shapes.js';
import { analyzeAdmins } from './admins.js';
import { ACCOUNT, allow, arn, doc, managed, role, user } from './testing.js';

// Edges of the escalation methods, each once reported wrong: a role admin only with MFA that only a service
// assumes (its trust can be rewritten: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html),
// boundaries the export does not hold (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html#access_policies_boundaries-delegate),
// and separate Allow statements OR'ed per request resource
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).

const run = (d: object) =>
  analyzeAdmins({
    authorizationDetails: d as unknown as AuthorizationDetails,
    accountId: ACCOUNT,
    now: new Date(),
  });
const pathsOf = (r: ReturnType<typeof run>, name: string) =>
  (r.admins.find((a) => a.name === name)?.paths ?? []).map((p) => [p.method, p.access]);

describe('a role whose trust a principal can rewrite', () => {
  it('UpdateAssumeRolePolicy on a service-only role that is admin with MFA is still a path', () => {
    // ops-role is trusted only by EC2 today, and is admin only with MFA. trust-editor can rewrite its
    // trust to trust itself, then AssumeRole with SerialNumber/TokenCode: its session has MFA.
    const r = run({
      Policies: [],
      UserDetailList: [
        user('trust-editor', {
          inline: {
            p: doc(allow(['iam:UpdateAssumeRolePolicy', 'sts:AssumeRole'], arn('role', 'ops-role'))),
          },
        }),
      ],
      GroupDetailList: [],
      RoleDetailList: [
        role('ops-role', {
          inline: {
            p: doc(allow('*', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })),
          },
        }),
      ],
    });
    expect(pathsOf(r, 'trust-editor').map(([m]) => m)).toContain('update-assume-role-policy');
  });
});

describe('CreateRole with a boundary the export does not hold', () => {
  it('a known non-admin boundary next to an unknown one leaves the path conditional', () => {
    const r = run({
      Policies: [managed('dev-boundary', doc(allow(['s3:*'])))],
      UserDetailList: [
        user('delegate-mixed', {
          inline: {
            p: doc(
              allow('iam:CreateRole', arn('role', '*'), {
                Condition: {
                  StringEquals: {
                    'iam:PermissionsBoundary': [arn('policy', 'dev-boundary'), arn('policy', 'elsewhere')],
                  },
                },
              }),
              allow(['iam:AttachRolePolicy', 'iam:PutRolePolicy'], arn('role', '*')),
            ),
          },
        }),
        user('delegate-unknown', {
          inline: {
            p: doc(
              allow('iam:CreateRole', arn('role', '*'), {
                Condition: { StringEquals: { 'iam:PermissionsBoundary': arn('policy', 'elsewhere') } },
              }),
              allow(['iam:AttachRolePolicy', 'iam:PutRolePolicy'], arn('role', '*')),
            ),
          },
        }),
      ],
      GroupDetailList: [],
      RoleDetailList: [],
    });
    const create = (n: string) => pathsOf(r, n).filter(([m]) => String(m).startsWith('create-role-'));
    expect(create('delegate-unknown').length).toBe(2);
    // Allowing strictly more boundaries cannot remove a path (monotonic).
    expect(create('delegate-mixed')).toEqual(create('delegate-unknown'));
  });
});

describe('attaching to any role, asked with several admin policies', () => {
  it('reports the strongest answer, not the first one that is not denied', () => {
    const r = run({
      Policies: [managed('my-admin', doc(allow('*')))],
      UserDetailList: [
        user('attacher', {
          inline: {
            p: doc(
              // Any policy, but only from the office network: conditional.
              allow('iam:AttachRolePolicy', arn('role', '*'), {
                Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
              }),
              // my-admin, from anywhere: unconditional.
              allow('iam:AttachRolePolicy', arn('role', '*'), {
                Condition: { ArnEquals: { 'iam:PolicyARN': arn('policy', 'my-admin') } },
              }),
            ),
          },
        }),
      ],
      GroupDetailList: [],
      RoleDetailList: [],
    });
    expect(pathsOf(r, 'attacher')).toContainEqual(['attach-role-policy', 'unconditional']);
  });
});

describe('a new role whose name only the attach/put statements scope', () => {
  it('CreateRole on any name, AttachRolePolicy/PutRolePolicy only on role/team/*: create role/team/x', () => {
    const r = run({
      Policies: [],
      UserDetailList: [
        user('team-creator', {
          inline: {
            p: doc(
              allow('iam:CreateRole', '*'),
              allow(['iam:AttachRolePolicy', 'iam:PutRolePolicy'], arn('role', 'team/*')),
            ),
          },
        }),
      ],
      GroupDetailList: [],
      RoleDetailList: [],
    });
    const methods = pathsOf(r, 'team-creator').map(([m]) => m);
    expect(methods).toContain('create-role-put-policy');
  });
});

describe('ArnLike iam:PolicyARN on every customer policy, at scale (the speed is measured by npm run bench)', () => {
  it('no attach path when no customer policy is admin', () => {
    const policies = Array.from({ length: 10000 }, (_, i) =>
      managed(`p${i}`, doc(allow(`s3:GetObject`, `arn:aws:s3:::bucket-${i}/*`))),
    );
    const users = Array.from({ length: 1000 }, (_, i) =>
      user(`u${i}`, {
        inline: {
          p: doc(
            allow('s3:ListBucket', `arn:aws:s3:::own-${i}`), // makes each user's policies distinct
            allow(['iam:AttachRolePolicy', 'iam:AttachUserPolicy'], arn('role', 'sandbox/*'), {
              Condition: { ArnLike: { 'iam:PolicyARN': arn('policy', '*') } },
            }),
          ),
        },
      }),
    );
    const r = run({ Policies: policies, UserDetailList: users, GroupDetailList: [], RoleDetailList: [] });
    expect(r.admins).toEqual([]);
  }, 120_000);
});
