import { unseenRegionOutcomes } from '../lib/cloudtrail.js';
import { fullAdminArns } from '../lib/iam.js';
import {
  noTrailBucketOutcome,
  readBucket,
  statements,
  trailBucketTargets,
  type Principal,
} from '../lib/trail-bucket.js';
import { defineCheck } from '../types.js';
import { accountRoot } from '../lib/outcomes.js';

export default defineCheck({
  id: 'cloudtrail-bucket-admins-only',
  title: 'The CloudTrail bucket policy grants access to CloudTrail and administrators only',
  area: 'cloudtrail',
  severity: 'medium',
  rationale:
    'Whoever can read the logs learns the account’s layout; whoever can delete them can erase their tracks. The ' +
    'bucket policy should let CloudTrail write and administrators read, and nobody else.',
  controls: {},
  needs: ['trails', 'trailBuckets', 'authorizationDetails'],
  remediation: {
    manual: [
      'Edit the bucket policy (S3 > bucket > Permissions > Bucket policy): keep the CloudTrail statements (AWSCloudTrailAclCheck, AWSCloudTrailWrite) and grants to administrators; remove the rest.',
      'Give auditors read access through an IAM role in this account instead of the bucket policy.',
    ],
  },
  run({ trails, trailBuckets, authorizationDetails }, ctx) {
    const targets = trailBucketTargets(trails, trailBuckets);
    const unseen = unseenRegionOutcomes(trails, ctx);
    if (targets.length === 0) return [noTrailBucketOutcome(trails, ctx), ...unseen];
    const admins = fullAdminArns(authorizationDetails);
    const accountRoots = new Set([ctx.accountId, accountRoot(ctx)]);
    const allowed = (p: Principal): boolean =>
      (p.type === 'Service' && p.value === 'cloudtrail.amazonaws.com') ||
      (p.type === 'AWS' && (accountRoots.has(p.value) || admins.has(p.value)));

    const judged = targets.map((trailBucket) => {
      const { name } = trailBucket;
      const read = readBucket(trailBucket, ['GetBucketPolicy'], ctx, {
        notRead: `Bucket ${name} was not read; collect again with s3:GetBucketPolicy.`,
        cannotRead: (problems) => `Cannot read the policy of ${name}: ${problems}.`,
      });
      if (!read.ok) return read.outcome;
      const { bucket } = read;
      const resource = `arn:${ctx.partition}:s3:::${name}`;
      if (bucket.Policy === null) {
        return {
          status: 'pass' as const,
          resource,
          message: `Bucket ${name} has no bucket policy: it grants nobody anything (CloudTrail cannot deliver to it either).`,
        };
      }
      const others: string[] = [];
      for (const s of statements(bucket.Policy)) {
        if (s.Effect !== 'Allow') continue;
        const who = s.hasNotPrincipal
          ? ['everyone except the NotPrincipal']
          : s.principals
              .filter((p) => !allowed(p))
              .map((p) => (p.type === '*' ? 'everyone (*)' : `${p.type} ${p.value}`));
        for (const w of who) others.push(`${w}: ${s.actions.join(', ')}${s.Sid ? ` (${s.Sid})` : ''}`);
      }
      return others.length > 0
        ? {
            status: 'fail' as const,
            resource,
            message: `Bucket ${name} also grants: ${others.join('; ')}.`,
            details: { grants: others },
          }
        : {
            status: 'pass' as const,
            resource,
            message: `Bucket ${name} grants access only to CloudTrail, the account and its administrators.`,
          };
    });
    return [...judged, ...unseen];
  },
});
