import { describe, expect, it } from 'vitest';
import type { AuthorizationDetails } from '../snapshot/aws-shapes.js';
import { analyzeAdmins } from './admins.js';

// The analysis shares one evaluation between principals whose policies that can apply to a request are the
// same (policies whose statements name other resources are left out of that comparison). These cases
// ask the same request (CreateRole on the role arn:...:role/rampart-probe every principal is asked about)
// with policies that differ only in what they say about that resource.

const ACCOUNT = '111122223333';
const CREATE_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:policy/create-roles`;

const denyCreateRole = (element: 'Resource' | 'NotResource', value: string) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Deny', Action: 'iam:CreateRole', [element]: value }],
});

function user(name: string, inline?: unknown): AuthorizationDetails['UserDetailList'][number] {
  return {
    UserName: name,
    UserId: `AIDA${name
      .toUpperCase()
      .replace(/[^A-Z]/g, 'X')
      .padEnd(17, 'X')
      .slice(0, 17)}`,
    Arn: `arn:aws:iam::${ACCOUNT}:user/${name}`,
    Path: '/',
    GroupList: [],
    AttachedManagedPolicies: [{ PolicyName: 'create-roles', PolicyArn: CREATE_ROLE_ARN }],
    UserPolicyList: inline ? [{ PolicyName: 'deny', PolicyDocument: inline }] : [],
  };
}

const details: AuthorizationDetails = {
  Policies: [
    {
      PolicyName: 'create-roles',
      Arn: CREATE_ROLE_ARN,
      DefaultVersionId: 'v1',
      PolicyVersionList: [
        {
          VersionId: 'v1',
          IsDefaultVersion: true,
          Document: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: ['iam:CreateRole', 'iam:PutRolePolicy'], Resource: '*' }],
          },
        },
      ],
    },
  ],
  UserDetailList: [
    user('alice'),
    // A Deny on the probe role: the same request, a different answer.
    user('bob', denyCreateRole('Resource', `arn:aws:iam::${ACCOUNT}:role/rampart-*`)),
    // A Deny on other roles only: it cannot apply, so carol shares alice's answer.
    user('carol', denyCreateRole('Resource', `arn:aws:iam::${ACCOUNT}:role/other-*`)),
    // NotResource: denies every role but one, the probe role included.
    user('dave', denyCreateRole('NotResource', `arn:aws:iam::${ACCOUNT}:role/other`)),
    // A policy variable: applies only to the user whose name is the role's; the same document twice.
    user('erin', denyCreateRole('Resource', `arn:aws:iam::${ACCOUNT}:role/\${aws:username}`)),
    user('rampart-probe', denyCreateRole('Resource', `arn:aws:iam::${ACCOUNT}:role/\${aws:username}`)),
  ],
  GroupDetailList: [],
  RoleDetailList: [],
};

describe('answers shared between principals', () => {
  const report = analyzeAdmins({ authorizationDetails: details, accountId: ACCOUNT, now: new Date() });
  const methods = (name: string) =>
    report.admins.find((a) => a.name === name)?.paths.map((p) => p.method) ?? [];

  it('a user allowed to create and change roles can make itself admin', () => {
    expect(methods('alice')).toContain('create-role-put-policy');
  });

  it('a Deny that applies to the request changes the answer; one on other resources does not', () => {
    expect(methods('bob')).not.toContain('create-role-put-policy');
    expect(methods('carol')).toEqual(methods('alice'));
    expect(methods('dave')).not.toContain('create-role-put-policy');
  });

  it('a policy variable in a resource keeps answers apart for principals with the same policies', () => {
    expect(methods('erin')).toContain('create-role-put-policy');
    expect(methods('rampart-probe')).not.toContain('create-role-put-policy');
  });
});
