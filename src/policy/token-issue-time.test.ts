import { describe, expect, it } from 'vitest';
import type { AuthorizationDetails } from '../snapshot/aws-shapes.js';
import { analyzeAdmins } from './admins.js';
import { ACCOUNT, allow, doc, role, user } from './testing.js';

// aws:TokenIssueTime: "This key is included in the request context only when the principal uses temporary
// credentials to make the request. The key is not present in AWS CLI, AWS API, or AWS SDK requests that are made
// using access keys." (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-tokenissuetime)
// A user may sign its requests with its long-term access keys (no aws:TokenIssueTime, as no
// aws:MultiFactorAuthPresent) or in a session (both present); a role acts only in sessions (always present).

/** Allowed everything only when the request is (not) signed with temporary credentials. */
const onlyIf = (temporary: boolean) =>
  doc(allow('*', '*', { Condition: { Null: { 'aws:TokenIssueTime': temporary ? 'false' : 'true' } } }));
/** Allowed everything, but denied it with long-term access keys (AWS's "Null" example, the other way round). */
const denyLongTerm = doc(allow('*'), {
  Effect: 'Deny',
  Action: '*',
  Resource: '*',
  Condition: { Null: { 'aws:TokenIssueTime': 'true' } },
});

const details = {
  Policies: [],
  UserDetailList: [
    user('keys-only', { inline: { p: onlyIf(false) } }),
    user('sessions-only', { inline: { p: onlyIf(true) } }),
    user('no-long-term', { inline: { p: denyLongTerm } }),
    user('keys-only-member', { groups: ['keys-group'] }),
  ],
  GroupDetailList: [
    {
      GroupName: 'keys-group',
      GroupId: 'AGPAKEYSGROUPXXXXXX',
      Arn: `arn:aws:iam::${ACCOUNT}:group/keys-group`,
      Path: '/',
      AttachedManagedPolicies: [],
      GroupPolicyList: [{ PolicyName: 'p', PolicyDocument: onlyIf(false) }],
    },
  ],
  RoleDetailList: [
    role('role-keys-only', { trustAccount: true, inline: { p: onlyIf(false) } }),
    role('role-sessions-only', { trustAccount: true, inline: { p: onlyIf(true) } }),
    role('role-no-long-term', { trustAccount: true, inline: { p: denyLongTerm } }),
  ],
} as unknown as AuthorizationDetails;

describe('aws:TokenIssueTime is sent only with temporary credentials', () => {
  const report = analyzeAdmins({ authorizationDetails: details, accountId: ACCOUNT, now: new Date() });
  const entry = (name: string) => report.admins.find((a) => a.name === name);

  it("a user's long-term access keys send none: allowed only without it, the user is full admin", () => {
    expect(entry('keys-only')).toMatchObject({ tier: 'full', access: 'unconditional' });
  });

  it('a group allowed only without it: its members are full admin with their access keys', () => {
    expect(entry('keys-group')).toMatchObject({ tier: 'full' });
    expect(entry('keys-only-member')).toMatchObject({ tier: 'full', access: 'unconditional' });
  });

  it('a user in a session (console, GetSessionToken) sends it: allowed only with it, still admin', () => {
    expect(entry('sessions-only')).toMatchObject({ tier: 'full', access: 'unconditional' });
    expect(entry('no-long-term')).toMatchObject({ tier: 'full', access: 'unconditional' });
  });

  it('a role session always sends it: allowed only without it, the role is no admin', () => {
    expect(entry('role-keys-only')).toBeUndefined();
    expect(entry('role-sessions-only')).toMatchObject({ tier: 'full', access: 'unconditional' });
    expect(entry('role-no-long-term')).toMatchObject({ tier: 'full', access: 'unconditional' });
  });
});
