import type { RootActivityEvent } from '../../snapshot/aws-shapes.js';
import { defineCheck, type CheckOutcome } from '../types.js';
import { accountRoot } from '../lib/outcomes.js';

const describeEvent = (e: RootActivityEvent): string => {
  const what =
    e.EventName === 'ConsoleLogin'
      ? `console sign-in${e.ConsoleLoginResult === 'Failure' ? ' attempt (failed)' : ''}`
      : `API call ${e.EventSource ? `${e.EventSource.replace('.amazonaws.com', '')}:` : ''}${e.EventName}${
          e.ErrorCode ? ` (${e.ErrorCode})` : ''
        }`;
  const mfa = e.MFAUsed !== undefined ? `, MFA ${e.MFAUsed === 'Yes' ? 'used' : 'not used'}` : '';
  return `Root ${what} at ${e.EventTime} from ${e.SourceIPAddress ?? 'an unknown IP'}${
    e.AwsRegion ? ` in ${e.AwsRegion}` : ''
  }${mfa}; user agent ${e.UserAgent ?? 'unknown'}.`;
};

export default defineCheck({
  id: 'root-sign-ins',
  title: 'Nobody signed in or made API calls as root (CloudTrail event history)',
  area: 'root',
  severity: 'high',
  rationale:
    'The credential report says only when root was last used. The CloudTrail event history says every time, ' +
    'from where and with or without MFA — what you need to confirm nobody signs in as root, or to find out who did.',
  controls: { cisV5: ['1.6'], cisV6: ['2.6'], securityHub: ['IAM.20'] },
  needs: ['rootActivity'],
  remediation: {
    action: 'iam-create-admin-user',
    manual: [
      'For each event, find out who signed in as root and why (source IP, user agent, time).',
      'An unknown IP or a sign-in without MFA: treat it as an incident — change the root password, check the MFA devices and review what the session did (CloudTrail event history, filter User name = root).',
      'Give people IAM users or IAM Identity Center access with admin rights, so root is not needed; then alarm on root use (root-usage-alarm).',
    ],
  },
  run({ rootActivity }, ctx) {
    const resource = accountRoot(ctx);
    const days = ctx.options.rootUnusedDays;
    const since = ctx.now.getTime() - days * 86_400_000;
    const scope = `event history ${rootActivity.StartTime.slice(0, 10)} to ${rootActivity.EndTime.slice(0, 10)}, ${rootActivity.Regions.join(
      ' and ',
    )}`;
    const caveats = [
      ...(rootActivity.truncated
        ? ['the history was cut at the page limit; older events may be missing']
        : []),
      ...(days > 90 ? [`the event history only holds 90 days, fewer than the ${days}-day window`] : []),
    ];
    const suffix = caveats.length > 0 ? ` Note: ${caveats.join('; ')}.` : '';
    const inWindow = rootActivity.Events.filter((e) => {
      const t = new Date(e.EventTime).getTime();
      // Calls AWS services make on the root user's behalf are not someone using root.
      return (
        !Number.isNaN(t) &&
        t >= since &&
        t <= ctx.now.getTime() &&
        !e.InvokedBy &&
        e.EventType !== 'AwsServiceEvent'
      );
    });
    if (inWindow.length === 0) {
      return [
        {
          status: 'pass',
          resource,
          message: `No root sign-in or API call in the last ${days} days (${scope}).${suffix}`,
        },
      ];
    }
    return inWindow.map((e): CheckOutcome => ({
      status: 'fail',
      resource,
      // A console sign-in without MFA is the worst case: raise it.
      ...(e.EventName === 'ConsoleLogin' && e.MFAUsed === 'No' ? { severity: 'critical' as const } : {}),
      message: `${describeEvent(e)}${suffix}`,
      details: { ...e },
    }));
  },
});
