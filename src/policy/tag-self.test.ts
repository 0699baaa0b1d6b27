import { describe, expect, it } from 'vitest';
import type { AuthorizationDetails } from '../snapshot/aws-shapes.js';
import { analyzeAdmins } from './admins.js';
import { ACCOUNT, allow, arn, doc, role, user } from './testing.js';

// ABAC: an IAM user's or role's tags are its aws:PrincipalTag/<key> values, and iam:TagUser / iam:TagRole
// set them, limited by aws:RequestTag/<key> and aws:TagKeys.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_iam-tags.html#access_iam-tags_control-principals
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_tags.html#access_tags_control-tag-keys
// A principal whose policies are admin only with some tag value, and that may set that tag on itself, can
// make itself admin: the reason the ABAC guide says to restrict who can tag principals
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/introduction_attribute-based-access-control.html).

const adminWhenTagged = allow('*', '*', {
  Condition: { StringEquals: { 'aws:PrincipalTag/access': 'admin' } },
});
const tagSelf = (action: string, kind: string, extra: object = {}) =>
  allow(action, arn(kind, kind === 'user' ? '${aws:username}' : '*'), extra);

const details = {
  Policies: [],
  UserDetailList: [
    user('tagger', { inline: { p: doc(adminWhenTagged, tagSelf('iam:TagUser', 'user')) } }),
    // May tag itself, but only with access=reader.
    user('reader-only', {
      inline: {
        p: doc(
          adminWhenTagged,
          tagSelf('iam:TagUser', 'user', {
            Condition: { StringEquals: { 'aws:RequestTag/access': 'reader' } },
          }),
        ),
      },
    }),
    // May tag itself, but no key but team.
    user('team-key-only', {
      inline: {
        p: doc(
          adminWhenTagged,
          tagSelf('iam:TagUser', 'user', {
            Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } },
          }),
        ),
      },
    }),
    // May tag others only.
    user('tags-others', {
      inline: { p: doc(adminWhenTagged, allow('iam:TagUser', arn('user', 'tagger'))) },
    }),
    // Tagging itself needs MFA.
    user('mfa-tagger', {
      inline: {
        p: doc(
          adminWhenTagged,
          tagSelf('iam:TagUser', 'user', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }),
        ),
      },
    }),
    // Its policies never read a tag: tagging itself gains nothing.
    user('plain', { inline: { p: doc(allow('s3:*'), tagSelf('iam:TagUser', 'user')) } }),
  ],
  GroupDetailList: [],
  RoleDetailList: [
    role('r-tagger', {
      inline: { p: doc(adminWhenTagged, tagSelf('iam:TagRole', 'role')) },
      trustAccount: true,
    }),
  ],
} as unknown as AuthorizationDetails;

describe('a principal that may tag itself with the tags its policies make admin', () => {
  const report = analyzeAdmins({ authorizationDetails: details, accountId: ACCOUNT, now: new Date(0) });
  const entry = (name: string) => report.admins.find((a) => a.name === name);
  const path = (name: string, method: string) => entry(name)?.paths.find((p) => p.method === method);

  it('a user that may set access=admin on itself is iam-admin by tag-user', () => {
    expect(entry('tagger')?.tier).toBe('iam-admin');
    const p = path('tagger', 'tag-user');
    expect(p?.access).toBe('unconditional');
    expect(p?.description).toContain('access=admin');
    expect(p?.actions).toEqual(['iam:TagUser']);
  });

  it('a role: tag-role', () => {
    expect(path('r-tagger', 'tag-role')?.access).toBe('unconditional');
  });

  it('no path when the allowed tag values or keys are not the admin ones', () => {
    expect(entry('reader-only')).toBeUndefined();
    expect(entry('team-key-only')).toBeUndefined();
  });

  it('no path when it may tag only others, or its policies read no tag', () => {
    expect(path('tags-others', 'tag-user')).toBeUndefined();
    expect(entry('plain')).toBeUndefined();
  });

  it('tagging itself with MFA only: an mfa-only path', () => {
    expect(path('mfa-tagger', 'tag-user')?.access).toBe('mfa-only');
  });
});
