import { managementCoverage, partProblem } from '../lib/cloudtrail.js';
import { defineCheck } from '../types.js';

export default defineCheck({
  id: 'cloudtrail-multi-region-enabled',
  title: 'A multi-region CloudTrail trail is logging read and write management events',
  area: 'cloudtrail',
  severity: 'high',
  rationale:
    'CloudTrail is the account’s memory: who did what, when, from where. Without a logging multi-region trail ' +
    'that records every management event, an intruder in an unused region, or a read-only reconnaissance, leaves no ' +
    'trace beyond the 90-day event history.',
  controls: { cisV5: ['3.1'], cisV6: ['4.1'], securityHub: ['CloudTrail.1', 'CloudTrail.3'] },
  needs: ['trails'],
  remediation: {
    action: 'cloudtrail-create-trail',
    manual: [
      'aws cloudtrail create-trail --name management-events --s3-bucket-name BUCKET --is-multi-region-trail --enable-log-file-validation --kms-key-id KEY',
      'aws cloudtrail start-logging --name management-events',
      'Existing trail: aws cloudtrail update-trail --name NAME --is-multi-region-trail; aws cloudtrail put-event-selectors --trail-name NAME --event-selectors \'[{"ReadWriteType":"All","IncludeManagementEvents":true}]\'',
    ],
  },
  run({ trails }, ctx) {
    const resource = `arn:${ctx.partition}:cloudtrail::${ctx.accountId}:trail`;
    if (trails.Trails.length === 0) {
      return [{ status: 'fail', resource, message: 'The account has no CloudTrail trail.' }];
    }
    const reasons: string[] = [];
    const unreadable: string[] = [];
    for (const t of trails.Trails) {
      const name = t.Trail.Name;
      const problems: string[] = [];
      if (t.Trail.IsMultiRegionTrail !== true) problems.push('single-region');
      if (t.Status === null) {
        unreadable.push(`${name}: status unreadable, ${partProblem(t, 'GetTrailStatus') ?? 'unknown error'}`);
        continue;
      }
      if (t.Status.IsLogging !== true) problems.push('not logging');
      if (t.Selectors === null) {
        unreadable.push(
          `${name}: event selectors unreadable, ${partProblem(t, 'GetEventSelectors') ?? 'unknown error'}`,
        );
        continue;
      }
      const cov = managementCoverage(t.Selectors);
      if (!cov.read || !cov.write) {
        const missing = [!cov.read && 'read', !cov.write && 'write'].filter(Boolean).join(' and ');
        problems.push(`does not record ${missing} management events (${cov.how})`);
      }
      if (problems.length === 0) {
        return [
          {
            status: 'pass',
            resource: t.Trail.TrailARN,
            message: `Trail ${name} (home ${t.Trail.HomeRegion}) is multi-region, logging, and records read and write management events (${cov.how}).`,
          },
        ];
      }
      reasons.push(`${name}: ${problems.join(', ')}`);
    }
    if (unreadable.length > 0) {
      return [
        {
          status: 'error',
          resource,
          message: `No trail qualifies among those readable (${reasons.join('; ') || 'none'}); cannot evaluate ${unreadable.join('; ')}.`,
        },
      ];
    }
    return [
      {
        status: 'fail',
        resource,
        message: `No trail is multi-region, logging and recording all management events: ${reasons.join('; ')}.`,
        details: { trails: reasons },
      },
    ];
  },
});
