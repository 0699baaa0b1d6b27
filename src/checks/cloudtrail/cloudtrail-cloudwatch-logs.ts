import { noTrailOutcome, unseenRegionOutcomes } from '../lib/cloudtrail.js';
import { defineCheck, type CheckOutcome } from '../types.js';

export default defineCheck({
  id: 'cloudtrail-cloudwatch-logs',
  title: 'CloudTrail trails deliver to CloudWatch Logs',
  area: 'cloudtrail',
  severity: 'low',
  rationale:
    'Metric filters and alarms on root use, console sign-ins without MFA or policy changes need the events in ' +
    'CloudWatch Logs; S3 delivery alone is only looked at after the fact.',
  controls: { securityHub: ['CloudTrail.5'] },
  needs: ['trails'],
  remediation: {
    action: 'cloudtrail-logs-delivery',
    flag: '--trail-cloudwatch-logs',
    manual: [
      'Create a log group and a role CloudTrail can assume to write to it, then:',
      'aws cloudtrail update-trail --name NAME --cloud-watch-logs-log-group-arn LOG_GROUP_ARN --cloud-watch-logs-role-arn ROLE_ARN',
    ],
  },
  run({ trails }, ctx) {
    const unseen = unseenRegionOutcomes(trails, ctx);
    if (trails.Trails.length === 0) return [noTrailOutcome('fail', ctx), ...unseen];
    const judged: CheckOutcome[] = trails.Trails.map(({ Trail: t, Status }) => {
      if (!t.CloudWatchLogsLogGroupArn) {
        return {
          status: 'fail',
          resource: t.TrailARN,
          message: `Trail ${t.Name} does not deliver to CloudWatch Logs.`,
        };
      }
      const deliveryError = (Status as { LatestCloudWatchLogsDeliveryError?: unknown } | null)
        ?.LatestCloudWatchLogsDeliveryError;
      if (typeof deliveryError === 'string' && deliveryError !== '') {
        return {
          status: 'fail',
          resource: t.TrailARN,
          message: `Trail ${t.Name} is set to deliver to ${t.CloudWatchLogsLogGroupArn} but delivery fails: ${deliveryError}.`,
        };
      }
      return {
        status: 'pass',
        resource: t.TrailARN,
        message: `Trail ${t.Name} delivers to ${t.CloudWatchLogsLogGroupArn}.`,
      };
    });
    return [...judged, ...unseen];
  },
});
