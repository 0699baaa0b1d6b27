import { describe, expect, it } from 'vitest';
import type { AuthorizationDetails } from '../snapshot/aws-shapes.js';
import { analyzeAdmins } from './admins.js';
import { ACCOUNT, allow, arn, doc, role, user } from './testing.js';

// NotResource "matches every resource except the ones listed"; a Deny with NotResource does not apply to a
// listed resource, an Allow with NotResource applies to every other one.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html
const lambdaTrust = {
  Effect: 'Allow',
  Principal: { Service: 'lambda.amazonaws.com' },
  Action: 'sts:AssumeRole',
};
const passAdmin = allow('iam:PassRole', arn('role', 'lambda-admin'));
const fns = (region: string) => `arn:aws:lambda:${region}:${ACCOUNT}:function:*`;

const details = {
  Policies: [],
  UserDetailList: [
    // Lambda anywhere, but a region fence: everything outside eu-west-1 is denied.
    user('fenced', {
      inline: {
        p: doc(allow(['lambda:CreateFunction', 'lambda:InvokeFunction'], '*'), passAdmin),
        d: doc({ Effect: 'Deny', Action: 'lambda:*', NotResource: fns('eu-west-1') }),
      },
    }),
    // Lambda on every function except those in us-east-1.
    user('not-us', {
      inline: {
        p: doc(
          {
            Effect: 'Allow',
            Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'],
            NotResource: fns('us-east-1'),
          },
          passAdmin,
        ),
      },
    }),
    // Control: the same fence on us-east-1 (the probe's region) is found.
    user('fenced-probe-region', {
      inline: {
        p: doc(allow(['lambda:CreateFunction', 'lambda:InvokeFunction'], '*'), passAdmin),
        d: doc({ Effect: 'Deny', Action: 'lambda:*', NotResource: fns('us-east-1') }),
      },
    }),
  ],
  GroupDetailList: [],
  RoleDetailList: [role('lambda-admin', { inline: { all: doc(allow('*')) }, trust: lambdaTrust })],
} as unknown as AuthorizationDetails;

describe('NotResource and the probe region', () => {
  const report = analyzeAdmins({ authorizationDetails: details, accountId: ACCOUNT, now: new Date() });
  const methods = (name: string) =>
    (report.admins.find((a) => a.name === name)?.paths ?? []).map((p) => p.method);

  it('control: fence on the probe region', () => {
    expect(methods('fenced-probe-region')).toContain('passrole-lambda-invoke');
  });
  it('a Deny NotResource region fence leaves eu-west-1 open: PassRole to a new function there', () => {
    expect(methods('fenced')).toContain('passrole-lambda-invoke');
  });
  it('an Allow NotResource excluding only us-east-1 allows every other region', () => {
    expect(methods('not-us')).toContain('passrole-lambda-invoke');
  });
});

describe('an SCP region fence written with NotResource', () => {
  const scp = doc(allow('*'), { Effect: 'Deny', Action: 'lambda:*', NotResource: fns('eu-west-1') });
  const d = {
    Policies: [],
    UserDetailList: [
      user('dev', {
        inline: { p: doc(allow(['lambda:CreateFunction', 'lambda:InvokeFunction']), passAdmin) },
      }),
    ],
    GroupDetailList: [],
    RoleDetailList: [role('lambda-admin', { inline: { all: doc(allow('*')) }, trust: lambdaTrust })],
  } as unknown as AuthorizationDetails;

  it('the path is on a function in the region the SCP leaves open', () => {
    const report = analyzeAdmins({
      authorizationDetails: d,
      accountId: ACCOUNT,
      now: new Date(),
      scps: { levels: [[scp]] },
    });
    const path = report.admins.find((a) => a.name === 'dev')?.paths[0];
    expect(path?.method).toBe('passrole-lambda-invoke');
    expect(path?.description).toContain(`arn:aws:lambda:eu-west-1:${ACCOUNT}:function:rampart-probe`);
  });
});
