import { unseenRegionOutcomes } from '../lib/cloudtrail.js';
import { noTrailBucketOutcome, readBucket, trailBucketTargets } from '../lib/trail-bucket.js';
import { defineCheck } from '../types.js';

export default defineCheck({
  id: 'cloudtrail-bucket-access-logging',
  title: 'S3 server access logging is enabled on the CloudTrail bucket',
  area: 'cloudtrail',
  severity: 'low',
  rationale:
    'Access logs on the log bucket record who read or tried to delete the CloudTrail logs: the trail of the trail.',
  controls: { cisV5: ['3.4'], cisV6: ['4.4'], securityHub: ['CloudTrail.7'] },
  needs: ['trails', 'trailBuckets'],
  remediation: {
    manual: [
      'aws s3api put-bucket-logging --bucket BUCKET --bucket-logging-status \'{"LoggingEnabled":{"TargetBucket":"LOG_BUCKET","TargetPrefix":"BUCKET/"}}\'',
      'Use a separate target bucket (logging a bucket into itself loops).',
    ],
  },
  run({ trails, trailBuckets }, ctx) {
    const targets = trailBucketTargets(trails, trailBuckets);
    const unseen = unseenRegionOutcomes(trails, ctx);
    if (targets.length === 0) return [noTrailBucketOutcome(trails, ctx), ...unseen];
    const judged = targets.map((trailBucket) => {
      const { name } = trailBucket;
      const read = readBucket(trailBucket, ['GetBucketLogging'], ctx, {
        notRead: `Bucket ${name} was not read; collect again with s3:GetBucketLogging.`,
        cannotRead: (problems) => `Cannot read the logging of ${name}: ${problems}.`,
      });
      if (!read.ok) return read.outcome;
      const { bucket } = read;
      const resource = `arn:${ctx.partition}:s3:::${name}`;
      const target = (bucket.Logging?.LoggingEnabled as { TargetBucket?: string } | undefined)?.TargetBucket;
      return bucket.Logging?.LoggingEnabled
        ? {
            status: 'pass' as const,
            resource,
            message: `Bucket ${name} logs access to ${target ?? 'a target bucket'}.`,
          }
        : { status: 'fail' as const, resource, message: `Bucket ${name} has no server access logging.` };
    });
    return [...judged, ...unseen];
  },
});
