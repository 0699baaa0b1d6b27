import { describe, expect, it } from 'vitest';
import type { AuthorizationDetails } from '../snapshot/aws-shapes.js';
import { analyzeAdmins } from './admins.js';
import { ACCOUNT, allow, doc, user } from './testing.js';

// SCPs "don't grant permissions", they set the maximum available to the account's principals
// (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html). AWS's own
// example guardrails (deny leaving the organization, stopping CloudTrail, deleting GuardDuty:
// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html)
// leave an Allow-* principal everything the account may do: it stays full admin. A principal that cannot
// change IAM is never full admin, whatever the SCPs deny.
const details = {
  Policies: [],
  UserDetailList: [
    user('alice', { inline: { admin: doc(allow('*')) } }),
    user('reader', { inline: { read: doc(allow(['s3:Get*', 's3:List*'])) } }),
    user('power', { inline: { p: doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }) } }),
  ],
  GroupDetailList: [],
  RoleDetailList: [],
} as unknown as AuthorizationDetails;
const deny = (Action: string[], extra: object = {}) => ({ Effect: 'Deny', Action, Resource: '*', ...extra });
const guardrails = doc(
  allow('*'),
  deny([
    'organizations:LeaveOrganization',
    'cloudtrail:StopLogging',
    'cloudtrail:DeleteTrail',
    'guardduty:DeleteDetector',
  ]),
);
const run = (scp: object) =>
  analyzeAdmins({
    authorizationDetails: details,
    accountId: ACCOUNT,
    now: new Date(),
    scps: { levels: [[scp]] },
  });
const admin = (r: ReturnType<typeof run>, name: string) => r.admins.find((a) => a.name === name);

describe('the SCPs are the account ceiling for the full tier', () => {
  it('behind the guardrail SCP an Allow-* user is full admin, unconditionally, and the path says what is denied', () => {
    const alice = admin(run(guardrails), 'alice');
    expect(alice?.tier).toBe('full');
    const path = alice?.paths.find((p) => p.tier === 'full');
    expect(path?.access).toBe('unconditional');
    expect(path?.description).toContain('organizations:LeaveOrganization, cloudtrail:StopLogging');
    expect(path?.description).toContain('guardduty:DeleteDetector');
  });

  it('readers and NotAction iam:* stay out of the full tier behind the guardrails', () => {
    const r = run(guardrails);
    expect(admin(r, 'reader')).toBeUndefined();
    expect(admin(r, 'power')?.tier).not.toBe('full');
  });

  it('an SCP denying IAM leaves no one full admin (the IAM probes are never dropped)', () => {
    const r = run(doc(allow('*'), deny(['iam:*'])));
    expect(admin(r, 'alice')?.tier).not.toBe('full');
    expect(admin(r, 'reader')).toBeUndefined();
  });

  it('a guardrail with an exception for some principals is no ceiling: those it applies to are not full', () => {
    // The break-glass role may still stop CloudTrail: an Allow-* user may not, so it is not allowed all the
    // account may do.
    const exempt = {
      Condition: { ArnNotLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/break-glass` } },
    };
    const alice = admin(run(doc(allow('*'), deny(['cloudtrail:StopLogging'], exempt))), 'alice');
    expect(alice?.paths.some((p) => p.tier === 'full')).toBe(false);
  });
});
