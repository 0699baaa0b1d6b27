import { describe, expect, it } from 'vitest';
import type { AuthorizationDetails } from '../snapshot/aws-shapes.js';
import { analyzeAdmins } from './admins.js';
import { ACCOUNT, allow, arn, doc, role, user } from './testing.js';

// aws:PrincipalOrgPaths: "the AWS Organizations path for the principal who is making the request", a
// multivalued key written o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-22222222/ (organization, root, each OU
// down to the account's own; the account id is not part of it), present "only if the principal is a member of
// an organization"; compare it with ForAnyValue / ForAllValues
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgpaths).
// RCPs cover AWS STS (orgs_manage_policies_rcps.html), so a data perimeter written on OU paths limits assuming a
// role of the account from inside it too (see rcp-assume.test.ts).

const ORG = 'o-abc123';
const PATH = `${ORG}/r-ab12/ou-ab12-11111111/ou-ab12-22222222/`;
const details = {
  Policies: [],
  UserDetailList: [user('caller', { inline: { p: doc(allow('sts:AssumeRole', arn('role', 'admin'))) } })],
  GroupDetailList: [],
  RoleDetailList: [role('admin', { trustAccount: true, inline: { p: doc(allow('*')) } })],
} as unknown as AuthorizationDetails;

const full = doc(allow('*'));
// Deny assuming roles to callers outside one OU subtree: the OU-scoped data perimeter.
const ouPerimeter = (pattern: string) =>
  doc({
    Effect: 'Deny',
    Principal: '*',
    Action: 'sts:AssumeRole',
    Resource: '*',
    Condition: { 'ForAllValues:StringNotLike': { 'aws:PrincipalOrgPaths': [pattern] } },
  });
const callerOf = (rcp: object, organizationPath?: string) =>
  analyzeAdmins({
    authorizationDetails: details,
    accountId: ACCOUNT,
    now: new Date(),
    rcps: { levels: [[full, rcp]] },
    organizationId: ORG,
    ...(organizationPath ? { organizationPath } : {}),
  }).admins.find((a) => a.name === 'caller');

describe("aws:PrincipalOrgPaths is the account's place in the organization", () => {
  it('an OU perimeter the account is inside leaves the path open', () => {
    expect(callerOf(ouPerimeter(`${ORG}/r-ab12/ou-ab12-11111111/*`), PATH)).toMatchObject({
      tier: 'via-role',
      access: 'unconditional',
    });
  });

  it('an OU perimeter naming another OU closes the path', () => {
    expect(callerOf(ouPerimeter(`${ORG}/r-ab12/ou-ab12-99999999/*`), PATH)).toBeUndefined();
  });

  it('with the path unknown the path depends on it, neither open nor closed', () => {
    expect(callerOf(ouPerimeter(`${ORG}/r-ab12/ou-ab12-11111111/*`))).toMatchObject({
      tier: 'via-role',
      access: 'conditional',
      conditions: ['aws:PrincipalOrgPaths'],
    });
  });
});
