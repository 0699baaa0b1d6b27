import { unseenRegionOutcomes } from '../lib/cloudtrail.js';
import {
  noTrailBucketOutcome,
  readBucket,
  isEveryone,
  restricts,
  statements,
  trailBucketTargets,
} from '../lib/trail-bucket.js';
import { defineCheck } from '../types.js';

const PAB_FIELDS = [
  'BlockPublicAcls',
  'IgnorePublicAcls',
  'BlockPublicPolicy',
  'RestrictPublicBuckets',
] as const;

export default defineCheck({
  id: 'cloudtrail-bucket-not-public',
  title: 'The CloudTrail log bucket is not public',
  area: 'cloudtrail',
  severity: 'high',
  rationale:
    'CloudTrail logs map the whole account: users, roles, resources, IP addresses. A public log bucket hands that ' +
    'map to anyone, and lets them see which of their probes were noticed.',
  controls: { securityHub: ['CloudTrail.6'] },
  needs: ['trails', 'trailBuckets'],
  remediation: {
    manual: [
      'aws s3api put-public-access-block --bucket BUCKET --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
      'Remove every Allow statement whose Principal is "*" (or {"AWS": "*"}) unless a condition such as aws:SourceArn or aws:PrincipalOrgID restricts it.',
    ],
  },
  run({ trails, trailBuckets }, ctx) {
    const targets = trailBucketTargets(trails, trailBuckets);
    const unseen = unseenRegionOutcomes(trails, ctx);
    if (targets.length === 0) return [noTrailBucketOutcome(trails, ctx), ...unseen];
    const judged = targets.map((trailBucket) => {
      const { name, trails: by } = trailBucket;
      const read = readBucket(trailBucket, ['GetBucketPolicy', 'GetPublicAccessBlock'], ctx, {
        notRead: `Bucket ${name} (trail ${by.join(', ')}) was not read; collect again with s3:GetBucketPolicy and s3:GetBucketPublicAccessBlock.`,
        cannotRead: (problems) => `Cannot tell whether bucket ${name} is public: ${problems}.`,
      });
      if (!read.ok) return read.outcome;
      const { bucket } = read;
      const resource = `arn:${ctx.partition}:s3:::${name}`;
      const findings: string[] = [];
      for (const s of statements(bucket.Policy)) {
        if (s.Effect !== 'Allow') continue;
        if ((s.principals.some(isEveryone) || s.hasNotPrincipal) && !restricts(s)) {
          findings.push(
            `policy statement ${s.Sid ?? '(no Sid)'} allows ${s.hasNotPrincipal ? 'everyone but NotPrincipal' : 'everyone'} ${s.actions.join(', ')} without a restricting condition`,
          );
        }
      }
      const pab = (
        bucket.PublicAccessBlock as { PublicAccessBlockConfiguration?: Record<string, unknown> } | null
      )?.PublicAccessBlockConfiguration;
      if (!pab) findings.push('the bucket has no public access block');
      else {
        const off = PAB_FIELDS.filter((f) => pab[f] !== true);
        if (off.length > 0) findings.push(`public access block settings off: ${off.join(', ')}`);
      }
      return findings.length > 0
        ? {
            status: 'fail' as const,
            resource,
            message: `Trail bucket ${name} can be public: ${findings.join('; ')}.`,
            details: { problems: findings, trails: by },
          }
        : {
            status: 'pass' as const,
            resource,
            message: `Trail bucket ${name} grants nothing to everyone and blocks public access (all four settings).`,
          };
    });
    return [...judged, ...unseen];
  },
});
