import { noTrailOutcome, unseenRegionOutcomes } from '../lib/cloudtrail.js';
import { defineCheck, type CheckOutcome } from '../types.js';

export default defineCheck({
  id: 'cloudtrail-kms-encryption',
  title: 'CloudTrail logs are encrypted with a KMS key (SSE-KMS)',
  area: 'cloudtrail',
  severity: 'medium',
  rationale:
    'With SSE-KMS, reading the logs needs kms:Decrypt on the key as well as s3:GetObject on the bucket: a second ' +
    'lock, audited in CloudTrail itself, that a bucket-policy mistake alone cannot open.',
  controls: { cisV5: ['3.5'], cisV6: ['4.5'], securityHub: ['CloudTrail.2'] },
  needs: ['trails'],
  remediation: {
    manual: [
      'Create a KMS key whose policy lets cloudtrail.amazonaws.com GenerateDataKey* for this trail, then:',
      'aws cloudtrail update-trail --name NAME --kms-key-id KEY_ARN',
    ],
  },
  run({ trails }, ctx) {
    const unseen = unseenRegionOutcomes(trails, ctx);
    if (trails.Trails.length === 0) return [noTrailOutcome('fail', ctx), ...unseen];
    const judged: CheckOutcome[] = trails.Trails.map(({ Trail: t }) =>
      t.KmsKeyId
        ? {
            status: 'pass',
            resource: t.TrailARN,
            message: `Trail ${t.Name} encrypts its logs with KMS key ${t.KmsKeyId}.`,
          }
        : {
            status: 'fail',
            resource: t.TrailARN,
            message: `Trail ${t.Name} does not encrypt its logs with a KMS key (SSE-S3 only).`,
          },
    );
    return [...judged, ...unseen];
  },
});
