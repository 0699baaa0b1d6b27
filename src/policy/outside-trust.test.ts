import { describe, expect, it } from 'vitest';
import { compilePolicy } from './compile.js';
import { outsideTrust, type OutsideGrant } from './outside-trust.js';

// Table-driven: one trust policy each, what an outsider gets, and the AWS page the rule comes from.

const ACCOUNT = '111122223333';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/admin`;
const GITHUB = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const EKS = `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC`;
const DOCS = {
  principal: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html',
  externalId: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html',
  mfa: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html',
  orgId:
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid',
  github: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html',
  cognito: 'https://docs.aws.amazon.com/cognito/latest/developerguide/iam-roles.html',
  saml: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_saml.html',
  principalArn:
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn',
  principalAccount:
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalaccount',
};

const allow = (principal: unknown, action: string, condition?: unknown) => ({
  Effect: 'Allow',
  Principal: principal,
  Action: action,
  ...(condition ? { Condition: condition } : {}),
});
const doc = (...statements: unknown[]) => ({ Version: '2012-10-17', Statement: statements });
const web = 'sts:AssumeRoleWithWebIdentity';

type Want = Pick<OutsideGrant, 'kind' | 'open' | 'access'> & { conditions?: string[] };
const cases: { name: string; source: string; trust: unknown; want: Want[] }[] = [
  {
    name: 'another account without conditions: open',
    source: DOCS.principal,
    trust: doc(allow({ AWS: 'arn:aws:iam::444455556666:root' }, 'sts:AssumeRole')),
    want: [{ kind: 'account', open: true, access: 'unconditional', conditions: [] }],
  },
  {
    name: 'another account by bare ID with an ExternalId: closed, the ExternalId named',
    source: DOCS.externalId,
    trust: doc(
      allow({ AWS: '444455556666' }, 'sts:AssumeRole', { StringEquals: { 'sts:ExternalId': 'x1' } }),
    ),
    want: [{ kind: 'account', open: false, access: 'conditional', conditions: ['sts:ExternalId'] }],
  },
  {
    name: "a user of another account with MFA required: closed (the other account's MFA)",
    source: DOCS.mfa,
    trust: doc(
      allow({ AWS: 'arn:aws:iam::444455556666:user/bob' }, 'sts:AssumeRole', {
        Bool: { 'aws:MultiFactorAuthPresent': 'true' },
      }),
    ),
    want: [{ kind: 'account', open: false, access: 'mfa' }],
  },
  {
    name: 'another account pinned to one of its roles by aws:PrincipalArn: open (that role is an outsider)',
    source: DOCS.principal,
    trust: doc(
      allow({ AWS: '444455556666' }, 'sts:AssumeRole', {
        ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::444455556666:role/deployer' },
      }),
    ),
    want: [{ kind: 'account', open: true, access: 'conditional', conditions: ['aws:PrincipalArn'] }],
  },
  {
    name: 'Principal "*": open to anyone',
    source: DOCS.principal,
    trust: doc(allow('*', 'sts:AssumeRole')),
    want: [{ kind: 'anyone', open: true, access: 'unconditional' }],
  },
  {
    name: 'Principal {"AWS": "*"} with MFA only: still open (an outsider has MFA on its own user)',
    source: DOCS.principal,
    trust: doc(allow({ AWS: '*' }, 'sts:AssumeRole', { Bool: { 'aws:MultiFactorAuthPresent': 'true' } })),
    want: [{ kind: 'anyone', open: true, access: 'mfa' }],
  },
  {
    name: 'Principal "*" limited to the organization: closed',
    source: DOCS.orgId,
    trust: doc(allow('*', 'sts:AssumeRole', { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } })),
    want: [{ kind: 'anyone', open: false, access: 'conditional', conditions: ['aws:PrincipalOrgID'] }],
  },
  {
    name: 'Principal "*" limited to this account: closed, the condition named',
    source: DOCS.principal,
    trust: doc(allow('*', 'sts:AssumeRole', { StringEquals: { 'aws:PrincipalAccount': ACCOUNT } })),
    want: [{ kind: 'anyone', open: false, access: 'conditional', conditions: ['aws:PrincipalAccount'] }],
  },
  {
    name: 'Principal "*" pinned to a role of another account: that role is open (anyone else is not)',
    source: DOCS.principalArn,
    trust: doc(
      allow('*', 'sts:AssumeRole', {
        StringEquals: { 'aws:PrincipalArn': 'arn:aws:iam::444455556666:role/ci' },
      }),
    ),
    want: [
      { kind: 'anyone', open: false, access: 'conditional', conditions: ['aws:PrincipalArn'] },
      { kind: 'account', open: true, access: 'unconditional', conditions: [] },
    ],
  },
  {
    name: 'Principal "*" with a Deny for everyone but a role of another account: that role is open',
    source: DOCS.principalArn,
    trust: doc(allow('*', 'sts:AssumeRole'), {
      Effect: 'Deny',
      Principal: '*',
      Action: 'sts:AssumeRole',
      Condition: { ArnNotEquals: { 'aws:PrincipalArn': 'arn:aws:iam::444455556666:role/ci' } },
    }),
    want: [
      { kind: 'anyone', open: false, access: 'conditional', conditions: ['aws:PrincipalArn'] },
      { kind: 'account', open: true, access: 'unconditional', conditions: [] },
    ],
  },
  {
    name: 'Principal "*" pinned to roles of that name in any account (ArnLike, account "*"): open',
    source: DOCS.principalArn,
    trust: doc(
      allow('*', 'sts:AssumeRole', { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/deploy-*' } }),
    ),
    want: [{ kind: 'anyone', open: true, access: 'conditional', conditions: ['aws:PrincipalArn'] }],
  },
  {
    name: 'Principal "*" pinned to another account by aws:PrincipalAccount: that account is open',
    source: DOCS.principalAccount,
    trust: doc(allow('*', 'sts:AssumeRole', { StringEquals: { 'aws:PrincipalAccount': '444455556666' } })),
    want: [
      { kind: 'anyone', open: false, access: 'conditional', conditions: ['aws:PrincipalAccount'] },
      { kind: 'account', open: true, access: 'unconditional', conditions: [] },
    ],
  },
  {
    name: 'Principal "*" excluding one role of another account (ArnNotEquals): open, the exclusion names nobody',
    source: DOCS.principalArn,
    trust: doc(
      allow('*', 'sts:AssumeRole', {
        ArnNotEquals: { 'aws:PrincipalArn': 'arn:aws:iam::444455556666:role/x' },
      }),
    ),
    want: [{ kind: 'anyone', open: true, access: 'unconditional' }],
  },
  {
    name: 'another account gated only by a source identity: open (the caller sets its own source identity)',
    source:
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html',
    trust: doc(
      allow({ AWS: '444455556666' }, 'sts:AssumeRole', { StringEquals: { 'aws:SourceIdentity': 'alice' } }),
    ),
    want: [{ kind: 'account', open: true, access: 'conditional', conditions: ['aws:SourceIdentity'] }],
  },
  {
    name: 'another account pinned by aws:PrincipalArn to a role of this account: closed (never matches)',
    source: DOCS.principalArn,
    trust: doc(
      allow({ AWS: '444455556666' }, 'sts:AssumeRole', {
        ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/ops` },
      }),
    ),
    want: [{ kind: 'account', open: false, access: 'conditional', conditions: ['aws:PrincipalArn'] }],
  },
  {
    name: 'another account pinned to its roles of a name pattern: open',
    source: DOCS.principalArn,
    trust: doc(
      allow({ AWS: 'arn:aws:iam::444455556666:root' }, 'sts:AssumeRole', {
        ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/ci-*' },
      }),
    ),
    want: [{ kind: 'account', open: true, access: 'conditional', conditions: ['aws:PrincipalArn'] }],
  },
  {
    // The caller sends the request to the Region it likes: a Region condition restricts no one.
    name: 'Principal "*" under a Region condition: open, unconditionally (the caller picks the Region)',
    source:
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-requestedregion',
    trust: doc(allow('*', 'sts:AssumeRole', { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } })),
    want: [{ kind: 'anyone', open: true, access: 'unconditional' }],
  },
  {
    name: 'Principal "*" with a Deny outside the organization: closed',
    source: DOCS.orgId,
    trust: doc(allow('*', 'sts:AssumeRole'), {
      Effect: 'Deny',
      Principal: '*',
      Action: 'sts:AssumeRole',
      Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc123' } },
    }),
    want: [{ kind: 'anyone', open: false, access: 'conditional', conditions: ['aws:PrincipalOrgID'] }],
  },
  {
    name: 'Allow with NotPrincipal: everyone else, open',
    source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html',
    trust: doc({
      Effect: 'Allow',
      NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: 'sts:AssumeRole',
    }),
    want: [{ kind: 'anyone', open: true, access: 'unconditional' }],
  },
  {
    name: 'this account only: nothing outside',
    source: DOCS.principal,
    trust: doc(allow({ AWS: `arn:aws:iam::${ACCOUNT}:root` }, 'sts:AssumeRole')),
    want: [],
  },
  {
    name: 'GitHub OIDC with only the audience: any repository, open',
    source: DOCS.github,
    trust: doc(
      allow({ Federated: GITHUB }, web, {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
      }),
    ),
    want: [{ kind: 'oidc', open: true, access: 'unconditional' }],
  },
  {
    name: 'GitHub OIDC with sub "repo:*": any repository, open',
    source: DOCS.github,
    trust: doc(
      allow({ Federated: GITHUB }, web, {
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*' },
      }),
    ),
    want: [{ kind: 'oidc', open: true, access: 'unconditional' }],
  },
  {
    name: "GitHub OIDC with sub limited to the organization's repositories: closed",
    source: DOCS.github,
    trust: doc(
      allow({ Federated: GITHUB }, web, {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:my-org/*' },
      }),
    ),
    want: [
      {
        kind: 'oidc',
        open: false,
        access: 'conditional',
        conditions: ['token.actions.githubusercontent.com:aud', 'token.actions.githubusercontent.com:sub'],
      },
    ],
  },
  {
    name: 'Cognito without the identity pool (aud): any pool, open',
    source: DOCS.cognito,
    trust: doc(
      allow({ Federated: 'cognito-identity.amazonaws.com' }, web, {
        'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
      }),
    ),
    want: [{ kind: 'oidc', open: true, access: 'unconditional' }],
  },
  {
    name: 'Cognito with the identity pool: closed',
    source: DOCS.cognito,
    trust: doc(
      allow({ Federated: 'cognito-identity.amazonaws.com' }, web, {
        StringEquals: {
          'cognito-identity.amazonaws.com:aud': 'us-east-1:12345678-aaaa-bbbb-cccc-123456789012',
        },
      }),
    ),
    want: [{ kind: 'oidc', open: false, access: 'conditional' }],
  },
  {
    name: "the company's own OIDC provider (EKS) without sub: any identity it issues, open",
    source: DOCS.github,
    trust: doc(
      allow({ Federated: EKS }, web, {
        StringEquals: { 'oidc.eks.us-east-1.amazonaws.com/id/ABC:aud': 'sts.amazonaws.com' },
      }),
    ),
    want: [{ kind: 'oidc', open: true, access: 'unconditional' }],
  },
  {
    name: 'EKS with a service account as sub: closed',
    source: DOCS.github,
    trust: doc(
      allow({ Federated: EKS }, web, {
        StringEquals: { 'oidc.eks.us-east-1.amazonaws.com/id/ABC:sub': 'system:serviceaccount:ops:deployer' },
      }),
    ),
    want: [{ kind: 'oidc', open: false, access: 'conditional' }],
  },
  {
    name: 'SAML: listed, never open (the identity provider decides who signs in)',
    source: DOCS.saml,
    trust: doc(
      allow({ Federated: `arn:aws:iam::${ACCOUNT}:saml-provider/corp` }, 'sts:AssumeRoleWithSAML', {
        StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' },
      }),
    ),
    want: [{ kind: 'saml', open: false, access: 'conditional' }],
  },
  {
    name: 'a statement for another action only (sts:TagSession): nothing',
    source: DOCS.principal,
    trust: doc(allow({ AWS: 'arn:aws:iam::444455556666:root' }, 'sts:TagSession')),
    want: [],
  },
];

describe('outsideTrust', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(c.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    const got = outsideTrust(c.trust, { accountId: ACCOUNT, roleArn: ROLE });
    expect(got.map(({ kind, open, access }) => ({ kind, open, access }))).toEqual(
      c.want.map(({ kind, open, access }) => ({ kind, open, access })),
    );
    c.want.forEach((w, i) => {
      if (w.conditions) expect(got[i]?.conditions).toEqual(w.conditions);
    });
  });

  it('names the other account and the provider host', () => {
    const [acct] = outsideTrust(doc(allow({ AWS: 'arn:aws:iam::444455556666:role/ci' }, 'sts:AssumeRole')), {
      accountId: ACCOUNT,
      roleArn: ROLE,
    });
    expect(acct).toMatchObject({ account: '444455556666', principal: 'arn:aws:iam::444455556666:role/ci' });
    const [gh] = outsideTrust(doc(allow({ Federated: GITHUB }, web)), { accountId: ACCOUNT, roleArn: ROLE });
    expect(gh).toMatchObject({ host: 'token.actions.githubusercontent.com', publicProvider: true });
  });

  it('applies RCPs: a perimeter denying principals outside the organization closes `*` and other accounts', () => {
    // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_evaluation.html
    const rcp = (doc: unknown, i: number) =>
      compilePolicy(doc, { id: `rcp-${i}`, name: `rcp-${i}`, kind: 'scp' });
    const full = rcp({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, 0);
    const perimeter = rcp(
      {
        Statement: [
          {
            Effect: 'Deny',
            Principal: '*',
            Action: 'sts:AssumeRole',
            Resource: '*',
            Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc123' } },
          },
        ],
      },
      1,
    );
    const trust = doc(allow('*', 'sts:AssumeRole'), allow({ AWS: '444455556666' }, 'sts:AssumeRole'));
    const without = outsideTrust(trust, { accountId: ACCOUNT, roleArn: ROLE });
    expect(without.map((g) => g.open)).toEqual([true, true]);
    const withRcps = outsideTrust(trust, {
      accountId: ACCOUNT,
      roleArn: ROLE,
      rcps: [[full, perimeter], [full]],
    });
    expect(withRcps.map((g) => [g.open, g.conditions])).toEqual([
      [false, ['aws:PrincipalOrgID']],
      [false, ['aws:PrincipalOrgID']],
    ]);
  });

  it('reads a URL-encoded trust document (the SDK returns them so)', () => {
    const encoded = encodeURIComponent(JSON.stringify(doc(allow('*', 'sts:AssumeRole'))));
    expect(outsideTrust(encoded, { accountId: ACCOUNT, roleArn: ROLE }).map((g) => g.open)).toEqual([true]);
  });
});
