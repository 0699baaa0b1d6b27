import { describe, expect, it } from 'vitest';
import type { AuthorizationDetails } from '../snapshot/aws-shapes.js';
import { analyzeAdmins } from './admins.js';
import { ACCOUNT, allow, arn, doc, managed, role, user } from './testing.js';

// A role session carries aws:MultiFactorAuthPresent true only when the caller assumed it with MFA
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent);
// an AWS service assuming its role never does. An admin grant that needs MFA is then out of reach.

const denyWithoutMfa = {
  Effect: 'Deny',
  Action: '*',
  Resource: '*',
  Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
};
const allowWithMfa = allow('*', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } });
const service = { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' };

const details = {
  Policies: [],
  UserDetailList: [],
  GroupDetailList: [],
  RoleDetailList: [
    role('service-deny', { inline: { p: doc(allow('*'), denyWithoutMfa) }, trust: service }),
    role('service-allow', { inline: { p: doc(allowWithMfa) }, trust: service }),
    role('account-deny', { inline: { p: doc(allow('*'), denyWithoutMfa) }, trustAccount: true }),
  ],
} as unknown as AuthorizationDetails;

describe('MFA a role can never have', () => {
  const report = analyzeAdmins({ authorizationDetails: details, accountId: ACCOUNT, now: new Date() });
  const entry = (name: string) => report.admins.find((a) => a.name === name);

  it('a role only a service assumes is no admin when its admin rights need MFA', () => {
    expect(entry('service-deny')).toBeUndefined();
    expect(entry('service-allow')).toBeUndefined();
  });

  it('a role the account may assume with MFA stays an MFA-only admin', () => {
    expect(entry('account-deny')).toMatchObject({ tier: 'full', access: 'mfa-only' });
  });
});

describe('the same policies asked for a user, a role and a service role', () => {
  // Deny without MFA, no IfExists: a role session sends the key (false without MFA) so the Deny holds; a
  // user's long-term access keys send none, so it does not. Their answers must not be shared.
  const strictDeny = { ...denyWithoutMfa, Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } };
  const attached = [{ PolicyName: 'strict', PolicyArn: arn('policy', 'strict') }];
  const details = {
    Policies: [managed('strict', doc(allow('*'), strictDeny))],
    UserDetailList: [{ ...user('keys-user', {}), AttachedManagedPolicies: attached }],
    GroupDetailList: [],
    RoleDetailList: [
      { ...role('lambda-role', { trust: service }), AttachedManagedPolicies: attached },
      { ...role('human-role', { trustAccount: true }), AttachedManagedPolicies: attached },
    ],
  } as unknown as AuthorizationDetails;
  const report = analyzeAdmins({ authorizationDetails: details, accountId: ACCOUNT, now: new Date() });
  const entry = (name: string) => report.admins.find((a) => a.name === name);

  it('each is answered in its own context', () => {
    expect(entry('keys-user')).toMatchObject({ tier: 'full', access: 'unconditional' });
    expect(entry('human-role')).toMatchObject({ tier: 'full', access: 'mfa-only' });
    expect(entry('lambda-role')).toBeUndefined();
  });
});
