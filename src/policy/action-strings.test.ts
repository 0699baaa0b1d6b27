import { describe, expect, it } from 'vitest';
import type { AuthorizationDetails } from '../snapshot/aws-shapes.js';
import { analyzeAdmins } from './admins.js';
import { ActionSet, parseAction } from './match.js';
import { normalizePolicy } from './normalize.js';
import { fullAdminAccess } from './single.js';
import { ACCOUNT, allow, doc, user } from './testing.js';

// An action is "a service namespace as an action prefix (iam, ec2, sqs, sns, s3, etc.) followed by the name of
// the action", or "*" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html,
// grammar: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html). IAM refuses a policy
// with anything else, but an exported or hand-made snapshot can hold one: such a string matches no action, is never
// read as "*" or as a glob over services, and the policy's problems say so.

const matches = (patterns: string[], action: string) => new ActionSet(patterns).matches(parseAction(action));

describe('action strings that are not service:name', () => {
  it('without a colon: no action, not a glob over service and name', () => {
    expect(matches(['iam*'], 'iam:CreateUser')).toBe(false);
    expect(matches(['*iam'], 's3:iam')).toBe(false);
    expect(matches(['iampassrole'], 'iam:PassRole')).toBe(false);
  });

  it('with spaces: no action, and never "*"', () => {
    expect(new ActionSet(['* ']).all).toBe(false);
    expect(matches([' *'], 's3:GetObject')).toBe(false);
    expect(matches(['iam:Pass Role'], 'iam:PassRole')).toBe(false);
    expect(matches([' iam:PassRole'], 'iam:PassRole')).toBe(false);
    expect(matches(['iam :PassRole'], 'iam:PassRole')).toBe(false);
  });

  it('valid strings beside them still match, in short and long (indexed) lists', () => {
    const bad = ['iam*', ' *', 'a b', 'x', 'y', 'z', 'w', 'v', 'u'];
    for (const list of [
      ['iam*', 'IAM:Pass*'],
      [...bad, 'IAM:Pass*'],
    ]) {
      expect(matches(list, 'iam:PassRole')).toBe(true);
      expect(matches(list, 'iam:CreateUser')).toBe(false);
    }
    expect(matches(['*'], 'iam:PassRole')).toBe(true);
    expect(matches(['*:*'], 'iam:PassRole')).toBe(true);
  });

  it('the policy says which string it reads as no action', () => {
    const p = normalizePolicy(
      doc(allow(['s3:GetObject', '* ']), { Effect: 'Allow', NotAction: 'iam*', Resource: '*' }),
    );
    expect(p.statements.length).toBe(2);
    expect(p.problems).toEqual([
      'statement 1: Action "* " is not an action (service:name, or *) and matches none',
      'statement 2: NotAction "iam*" is not an action (service:name, or *) and matches none',
    ]);
  });

  it('an Allow of "* " on "*" is not full admin, and the account analysis warns of it', () => {
    const odd = doc(allow('* '));
    expect(fullAdminAccess(odd, { accountId: ACCOUNT }).level).toBe('denied');
    const details = {
      Policies: [],
      UserDetailList: [user('odd', { inline: { odd } })],
      GroupDetailList: [],
      RoleDetailList: [],
    } as unknown as AuthorizationDetails;
    const r = analyzeAdmins({ authorizationDetails: details, accountId: ACCOUNT, now: new Date() });
    expect(r.admins).toEqual([]);
    expect(r.warnings.some((w) => w.includes('"* " is not an action'))).toBe(true);
  });
});
