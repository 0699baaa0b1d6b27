import { EMAIL_LIKE } from '../lib/naming.js';
import { resolveRootEmail } from '../lib/root-email.js';
import { defineCheck, type CheckOutcome } from '../types.js';
import { accountRoot } from '../lib/outcomes.js';

export default defineCheck({
  id: 'iam-no-user-named-like-root-email',
  title: 'No IAM user is named like the root user’s email address',
  area: 'iam',
  severity: 'high',
  rationale:
    'The root user signs in with an email address. An IAM user named like it (the full address or its local part) ' +
    'invites people to type root credentials into the IAM sign-in page, or IAM credentials where root is expected, ' +
    'and hides root activity behind a familiar name in logs. IAM user names that are email addresses blur the same line.',
  controls: {},
  needs: ['authorizationDetails'],
  uses: ['organization'],
  remediation: {
    manual: [
      'Create a new user with a name following your naming standard, move group memberships and keys, then delete the old user (IAM user names cannot be changed in the console; aws iam update-user --user-name OLD --new-user-name NEW renames it).',
      'If the root email is a person’s address, change it to a security distribution list (see root-email-distribution-list).',
    ],
  },
  run({ authorizationDetails }, ctx) {
    const accountResource = accountRoot(ctx);
    const root = resolveRootEmail(ctx.snapshot, ctx.options);
    const email = root.found?.email.toLowerCase();
    const local = email?.split('@')[0];
    const localBase = local?.split('+')[0];
    const lookalikes = new Set(
      [email, local, localBase].filter((x): x is string => x !== undefined && x !== ''),
    );

    const out: CheckOutcome[] = [];
    for (const user of authorizationDetails.UserDetailList) {
      const name = user.UserName.toLowerCase();
      if (lookalikes.has(name)) {
        out.push({
          status: 'fail',
          resource: user.Arn,
          message: `IAM user ${user.UserName} is named like the root email ${root.found?.email ?? ''} (from ${root.found?.source ?? ''}).`,
          details: { rootEmailSource: root.found?.source },
        });
      } else if (EMAIL_LIKE.test(user.UserName)) {
        out.push({
          status: 'fail',
          resource: user.Arn,
          severity: root.found ? 'medium' : 'low',
          message: root.found
            ? `IAM user ${user.UserName} is named with an email address; only the root user signs in with one.`
            : `IAM user ${user.UserName} is named with an email address; the root email is unknown (${root.why}), so it may be the root address.`,
        });
      }
    }
    if (out.length > 0) return out;
    if (!root.found) {
      return [
        {
          status: 'not_applicable',
          resource: accountResource,
          message: `No IAM user is named with an email address, but the root email is unknown (${root.why}); set rootEmail in rampart.config.json to check the local part too.`,
        },
      ];
    }
    return [
      {
        status: 'pass',
        resource: accountResource,
        message: `No IAM user is named like the root email (${root.found.email}, from ${root.found.source}) or with an email address.`,
      },
    ];
  },
});
