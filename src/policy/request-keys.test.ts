import { describe, expect, it } from 'vitest';
import type { AuthorizationDetails } from '../snapshot/aws-shapes.js';
import { analyzeAdmins, type AdminAnalysisInput } from './admins.js';
import { ACCOUNT, allow, doc, role, user } from './testing.js';

function analyze(
  a: { UserDetailList?: unknown[]; RoleDetailList?: unknown[] },
  extra: Partial<AdminAnalysisInput> = {},
) {
  const authorizationDetails = {
    Policies: [],
    UserDetailList: a.UserDetailList ?? [],
    GroupDetailList: [],
    RoleDetailList: a.RoleDetailList ?? [],
  } as unknown as AuthorizationDetails;
  const report = analyzeAdmins({ authorizationDetails, accountId: ACCOUNT, now: new Date(0), ...extra });
  return { entry: (name: string) => report.admins.find((e) => e.name === name) };
}

// aws:RequestedRegion is "the AWS Region that was called in the request"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-requestedregion):
// the caller picks it by choosing the endpoint. AWS's own region-deny SCP example
// (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html,
// "Deny access to AWS based on the requested AWS Region") denies everything outside eu-central-1/eu-west-1 but
// exempts global services (iam:*, sts:*, organizations:*...) whose endpoints are in us-east-1. Behind it an
// AdministratorAccess principal can still do everything the account may do, by calling an allowed Region: it is
// an admin without any condition it does not control, exactly as behind the other guardrail SCPs
// (scp-ceiling.test.ts). Reporting every admin of such an organization as "conditional on aws:RequestedRegion"
// downgrades all of them.
const regionDeny = doc(allow('*'), {
  Sid: 'DenyAllOutsideEU',
  Effect: 'Deny',
  NotAction: [
    'a4b:*',
    'acm:*',
    'aws-marketplace-management:*',
    'aws-marketplace:*',
    'aws-portal:*',
    'budgets:*',
    'ce:*',
    'chime:*',
    'cloudfront:*',
    'config:*',
    'cur:*',
    'directconnect:*',
    'ec2:DescribeRegions',
    'ec2:DescribeTransitGateways',
    'ec2:DescribeVpnGateways',
    'fms:*',
    'globalaccelerator:*',
    'health:*',
    'iam:*',
    'importexport:*',
    'kms:*',
    'mobileanalytics:*',
    'networkmanager:*',
    'organizations:*',
    'pricing:*',
    'route53:*',
    'route53domains:*',
    'route53-recovery-cluster:*',
    'route53-recovery-control-config:*',
    'route53-recovery-readiness:*',
    's3:GetAccountPublic*',
    's3:ListAllMyBuckets',
    's3:ListMultiRegionAccessPoints',
    's3:PutAccountPublic*',
    'shield:*',
    'sts:*',
    'support:*',
    'trustedadvisor:*',
    'waf-regional:*',
    'waf:*',
    'wafv2:*',
    'wellarchitected:*',
  ],
  Resource: '*',
  Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-central-1', 'eu-west-1'] } },
});
const account = {
  UserDetailList: [user('alice', { inline: { admin: doc(allow('*')) } })],
  RoleDetailList: [role('ops', { inline: { admin: doc(allow('*')) }, trustAccount: true })],
};

describe("behind AWS's region-deny SCP example", () => {
  const { entry } = analyze(account, { scps: { levels: [[regionDeny]] } });

  it('an Allow-* user is an unconditional admin', () => {
    expect(entry('alice')?.access).toBe('unconditional');
  });

  it('an Allow-* role is an unconditional admin', () => {
    expect(entry('ops')?.access).toBe('unconditional');
  });

  it('the full-tier path itself is unconditional', () => {
    expect(entry('alice')?.paths.find((p) => p.tier === 'full')?.access).toBe('unconditional');
  });
});

describe('an identity policy that allows everything in the Regions the team uses', () => {
  // Same key in an Allow: the caller sends requests to us-east-1 (where IAM is) or eu-west-1 as it likes.
  const { entry } = analyze({
    UserDetailList: [
      user('regional', {
        inline: {
          p: doc(
            allow('*', '*', {
              Condition: { StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } },
            }),
          ),
        },
      }),
    ],
  });
  it('is an unconditional admin', () => {
    expect(entry('regional')?.access).toBe('unconditional');
  });
});

describe('Regions the caller does not choose', () => {
  // IAM's endpoint is in us-east-1: "all requests to these services are made to the us-east-1 Region"
  // (reference_policies_examples_aws_deny-requested-region.html). An Allow only in eu-west-1 never reaches IAM.
  const onlyEu = allow('*', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } });
  const { entry } = analyze({
    UserDetailList: [
      user('eu-only', { inline: { p: doc(onlyEu) } }),
      // IAM in us-east-1 allowed, everything else in eu-west-1: admin, the caller picks the Region per request.
      user('split', {
        inline: {
          p: doc(
            onlyEu,
            allow('iam:*', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } } }),
          ),
        },
      }),
    ],
  });

  it('an Allow in eu-west-1 only is no admin: IAM requests are made in us-east-1', () => {
    expect(entry('eu-only')).toBeUndefined();
  });

  it('each request in the Region its policies allow it: unconditional', () => {
    expect(entry('split')?.access).toBe('unconditional');
  });
});

describe('an admin policy limited to resources of its own account', () => {
  // aws:ResourceAccount is the account that owns the resource of the request
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceaccount):
  // the common data-perimeter Deny (aws:ResourceAccount not ${aws:PrincipalAccount}) leaves every request on
  // this account's resources allowed.
  const { entry } = analyze({
    UserDetailList: [
      user('perimeter', {
        inline: {
          p: doc(allow('*'), {
            Effect: 'Deny',
            Action: '*',
            Resource: '*',
            Condition: { StringNotEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } },
          }),
        },
      }),
      // The same Deny naming another account: nothing in this account is allowed.
      user('elsewhere', {
        inline: {
          p: doc(allow('*'), {
            Effect: 'Deny',
            Action: '*',
            Resource: '*',
            Condition: { StringNotEquals: { 'aws:ResourceAccount': '444455556666' } },
          }),
        },
      }),
    ],
  });

  it('is an unconditional full admin', () => {
    expect(entry('perimeter')?.tier).toBe('full');
    expect(entry('perimeter')?.access).toBe('unconditional');
  });

  it('a Deny of everything outside another account leaves no admin here', () => {
    expect(entry('elsewhere')).toBeUndefined();
  });
});

describe('an Allow in the Regions the caller picks, beside an Allow of some of the same actions with MFA', () => {
  // Allows are alternatives: the MFA statement only adds a way. Without MFA the request is still allowed in
  // us-east-1, the Region the first statement names and the caller may call. An added Allow never makes a
  // principal weaker (monotonic.test.ts); this pair used to turn an unconditional path into an MFA-only one.
  const ec2InUsEast1 = allow('ec2:*', '*', {
    Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
  });
  const startWithMfa = allow(['ec2:StartInstances', 'ec2:TerminateInstances'], '*', {
    Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
  });
  const adminRole = role('r', { inline: { a: doc(allow('*')) }, profile: true });
  const pathOf = (policies: object[]) =>
    analyze({
      UserDetailList: [user('u', { inline: Object.fromEntries(policies.map((p, i) => [`p${i}`, doc(p)])) })],
      RoleDetailList: [adminRole],
    })
      .entry('u')
      ?.paths.find((p) => p.method === 'ec2-user-data');

  it('the user-data path stays unconditional', () => {
    expect(pathOf([ec2InUsEast1])?.access).toBe('unconditional');
    expect(pathOf([ec2InUsEast1, startWithMfa])?.access).toBe('unconditional');
  });
});
