import { describe, expect, it } from 'vitest';
import { iamVulnerableDetails } from '../../test/fixtures/iam-vulnerable.js';
import { compilePolicy } from './compile.js';
import { normalizePolicy } from './normalize.js';
import { fullAdminAccess, fullAdminOfCompiled, mayAllowEveryProbe } from './single.js';

const opts = { accountId: '111122223333' };
const doc = (...statements: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement: statements });

/** The answer without the prefilter: compile and evaluate every probe. */
const evaluated = (d: unknown) =>
  fullAdminOfCompiled(compilePolicy(d, { id: 'p', name: 'p', kind: 'managed' }), opts);

describe('fullAdminAccess', () => {
  it.each([
    ['Action "*"', doc({ Effect: 'Allow', Action: '*', Resource: '*' }), 'unconditional'],
    ['"*:*"', doc({ Effect: 'Allow', Action: '*:*', Resource: '*' }), 'unconditional'],
    [
      'NotAction leaving out a harmless service',
      doc({ Effect: 'Allow', NotAction: 'cloudshell:*', Resource: '*' }),
      'unconditional',
    ],
    [
      'NotAction iam:* (PowerUserAccess)',
      doc({ Effect: 'Allow', NotAction: ['iam:*'], Resource: '*' }),
      'denied',
    ],
    ['one service', doc({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }), 'denied'],
    [
      'everything, with MFA',
      doc({
        Effect: 'Allow',
        Action: '*',
        Resource: '*',
        Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
      }),
      'mfa',
    ],
    [
      'everything but a Deny on one probe',
      doc(
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Deny', Action: 'iam:CreateUser', Resource: '*' },
      ),
      'denied',
    ],
    ['a Deny alone', doc({ Effect: 'Deny', NotAction: 'iam:*', Resource: '*' }), 'denied'],
    [
      'every probe service by name, wildcards in names',
      doc({
        Effect: 'Allow',
        Action: [
          'iam:*',
          'organizations:*',
          'account:*',
          'sts:*',
          's3:*',
          'ec2:*',
          'kms:*',
          'lambda:*',
          'cloudtrail:*',
          'dynamodb:*',
          'rds:*',
          'secretsmanager:*',
          'logs:*',
          'guardduty:*',
        ],
        Resource: '*',
      }),
      'unconditional',
    ],
    ['not JSON', 'not a policy', 'denied'],
  ])('%s: %s', (_name, d, level) => {
    expect(fullAdminAccess(d, opts).level).toBe(level);
    expect(fullAdminAccess(d, opts)).toEqual(evaluated(d));
  });

  it('keeps the document problems when the prefilter answers', () => {
    const r = fullAdminAccess(doc({ Effect: 'Allow', Resource: '*' }), opts);
    expect(r.level).toBe('denied');
    expect(r.problems).toEqual(evaluated(doc({ Effect: 'Allow', Resource: '*' })).problems);
    expect(r.problems.length).toBeGreaterThan(0);
  });
});

describe('mayAllowEveryProbe (prefilter of fullAdminAccess)', () => {
  const details = iamVulnerableDetails();
  type Inline = { PolicyDocument: unknown }[] | undefined;
  const inline = (lists: Inline[]): unknown[] =>
    lists.flatMap((l) => (l ?? []).map((ip) => ip.PolicyDocument));
  const docs: unknown[] = [
    ...details.Policies.flatMap((p) => p.PolicyVersionList.map((v): unknown => v.Document)),
    ...inline(details.UserDetailList.map((u) => u.UserPolicyList)),
    ...inline(details.GroupDetailList.map((g) => g.GroupPolicyList)),
    ...inline(details.RoleDetailList.map((r) => r.RolePolicyList)),
  ];

  it('never rules out a policy that grants full admin (every document of the iam-vulnerable export)', () => {
    expect(docs.length).toBeGreaterThan(100);
    let ruledOut = 0;
    for (const d of docs) {
      if (mayAllowEveryProbe(normalizePolicy(d))) continue;
      ruledOut++;
      expect(evaluated(d).level).toBe('denied');
    }
    // It does the work it is there for: most policies are decided without evaluation.
    expect(ruledOut).toBeGreaterThan(docs.length / 2);
  });

  it('gives the same answers as evaluating every probe', () => {
    for (const d of docs) expect(fullAdminAccess(d, opts)).toEqual(evaluated(d));
  });
});
