import { noTrailOutcome, unseenRegionOutcomes } from '../lib/cloudtrail.js';
import { defineCheck, type CheckOutcome } from '../types.js';

export default defineCheck({
  id: 'cloudtrail-log-file-validation',
  title: 'CloudTrail log file validation is enabled on every trail',
  area: 'cloudtrail',
  severity: 'medium',
  rationale:
    'With validation, CloudTrail writes signed hourly digest files, so you can prove a log file was not changed or ' +
    'deleted after delivery: evidence an intruder cannot quietly edit.',
  controls: { cisV5: ['3.2'], cisV6: ['4.2'], securityHub: ['CloudTrail.4'] },
  needs: ['trails'],
  remediation: {
    manual: [
      'aws cloudtrail update-trail --name NAME --enable-log-file-validation (run in the trail’s home region).',
    ],
  },
  run({ trails }, ctx) {
    const unseen = unseenRegionOutcomes(trails, ctx);
    if (trails.Trails.length === 0) return [noTrailOutcome('fail', ctx), ...unseen];
    const judged: CheckOutcome[] = trails.Trails.map(({ Trail: t }) =>
      t.LogFileValidationEnabled === true
        ? {
            status: 'pass',
            resource: t.TrailARN,
            message: `Trail ${t.Name} has log file validation enabled.`,
          }
        : {
            status: 'fail',
            resource: t.TrailARN,
            message: `Trail ${t.Name} does not validate its log files.`,
          },
    );
    return [...judged, ...unseen];
  },
});
