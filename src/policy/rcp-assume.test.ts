import { describe, expect, it } from 'vitest';
import type { AuthorizationDetails } from '../snapshot/aws-shapes.js';
import { analyzeAdmins } from './admins.js';
import { ACCOUNT, allow, arn, doc, managed, role, user } from './testing.js';

// Resource control policies limit requests on the resources of the organization's member accounts, whoever
// makes them, for the services listed as supporting RCPs, AWS STS among them ("Effective permissions are the
// logical intersection between what is allowed by the RCPs and SCPs, and what is allowed by the identity-based
// and resource-based policies", "List of AWS services that support RCPs": Amazon S3, AWS STS, AWS KMS, Amazon
// SQS, AWS Secrets Manager; https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html).
// So an RCP on sts:AssumeRole limits assuming a role of the account from inside it too, not only from outside.
// Principals of the account belong to its organization: their requests carry aws:PrincipalOrgID
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid).

const ORG = 'o-abc123';
// One managed policy for both users: the same policies, told apart only by the RCP reading their tags.
const assumeAdmin = {
  AttachedManagedPolicies: [{ PolicyName: 'assume-admin', PolicyArn: arn('policy', 'assume-admin') }],
};
const details = {
  Policies: [managed('assume-admin', doc(allow('sts:AssumeRole', arn('role', 'admin'))))],
  UserDetailList: [
    { ...user('caller', {}), ...assumeAdmin },
    { ...user('platform', {}), ...assumeAdmin, Tags: [{ Key: 'team', Value: 'platform' }] },
  ],
  GroupDetailList: [],
  RoleDetailList: [role('admin', { trustAccount: true, inline: { p: doc(allow('*')) } })],
} as unknown as AuthorizationDetails;

const full = doc(allow('*'));
const denyAssume = (Condition: object) =>
  doc({ Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole', Resource: '*', Condition });
const run = (rcps?: object[], organizationId?: string) =>
  analyzeAdmins({
    authorizationDetails: details,
    accountId: ACCOUNT,
    now: new Date(),
    ...(rcps ? { rcps: { levels: [rcps, [full]] } } : {}),
    ...(organizationId ? { organizationId } : {}),
  });
const entry = (r: ReturnType<typeof run>, name: string) => r.admins.find((a) => a.name === name);

describe('RCPs limit assuming a role of the account', () => {
  it('without RCPs the caller reaches the admin role unconditionally', () => {
    expect(entry(run(), 'caller')).toMatchObject({ tier: 'via-role', access: 'unconditional' });
  });

  it('an RCP denying sts:AssumeRole without MFA leaves the path MFA-only', () => {
    const r = run([full, denyAssume({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } })]);
    expect(entry(r, 'caller')).toMatchObject({ tier: 'via-role', access: 'mfa-only' });
    expect(entry(r, 'caller')?.mfa.requiredForAdmin).toBe(true);
  });

  it('an RCP denying principals without a tag stops those without it, not the others', () => {
    const r = run([full, denyAssume({ StringNotEquals: { 'aws:PrincipalTag/team': 'platform' } })]);
    expect(entry(r, 'caller')).toBeUndefined();
    expect(entry(r, 'platform')).toMatchObject({ tier: 'via-role', access: 'unconditional' });
  });

  it("the organization perimeter: the account's own principals are inside it when the organization is known", () => {
    const perimeter = denyAssume({
      StringNotEqualsIfExists: { 'aws:PrincipalOrgID': ORG },
      BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
    });
    expect(entry(run([full, perimeter], ORG), 'caller')).toMatchObject({
      tier: 'via-role',
      access: 'unconditional',
    });
    // Unknown organization: the path is said to depend on it, never taken as open or closed.
    expect(entry(run([full, perimeter]), 'caller')).toMatchObject({
      tier: 'via-role',
      access: 'conditional',
      conditions: ['aws:PrincipalOrgID'],
    });
  });

  it('an RCP that names other roles leaves this one open', () => {
    const other = doc({
      Effect: 'Deny',
      Principal: '*',
      Action: 'sts:AssumeRole',
      Resource: arn('role', 'break-glass'),
    });
    expect(entry(run([full, other]), 'caller')).toMatchObject({ tier: 'via-role', access: 'unconditional' });
  });
});
