import { defineCheck } from '../types.js';
import { adminReport, exportGapOutcome } from './report.js';
import { accountRoot } from '../lib/outcomes.js';
import { credentialRowsByArn } from '../../snapshot/credential-rows.js';

export default defineCheck({
  id: 'iam-admin-via-mfa-role',
  title: 'People hold no standing admin rights and reach admin only through a role that requires MFA',
  area: 'admins',
  severity: 'medium',
  rationale:
    'The read-only daily user pattern: people sign in with a user that cannot change the account, and assume a ' +
    'privileged role, whose trust policy requires MFA, only for the work that needs it. A stolen session or key of the ' +
    'daily user then cannot take over the account.',
  controls: {},
  needs: ['authorizationDetails'],
  uses: ['credentialReport'],
  remediation: {
    manual: [
      'Create an admin role whose trust policy allows the account with Condition Bool aws:MultiFactorAuthPresent "true".',
      'Give people a group with read-only access plus sts:AssumeRole on that role; remove their direct admin rights.',
    ],
  },
  run({ authorizationDetails }, ctx) {
    const report = adminReport(authorizationDetails, ctx);
    const gap = exportGapOutcome(authorizationDetails, ctx);
    if (gap) return gap;
    const byArn = new Map(report.admins.map((a) => [a.principal, a]));
    const credentialReport = ctx.snapshot.slices.credentialReport;
    // By ARN once: a lookup per user, not a scan of the report per user (quadratic on large accounts).
    const rows =
      credentialReport.status === 'ok' ? credentialRowsByArn(credentialReport.data.rows) : undefined;
    const people = authorizationDetails.UserDetailList.filter((u) => {
      if (!rows) return true;
      const a = byArn.get(u.Arn);
      const row = rows.get(u.Arn);
      // People sign in to the console; users without a password are workloads (or not yet in the report).
      return row ? row.password_enabled === 'true' : a !== undefined;
    });
    if (people.length === 0) {
      return [
        {
          status: 'not_applicable',
          resource: accountRoot(ctx),
          message: 'No IAM user signs in to the console.',
        },
      ];
    }
    return people.map((u) => {
      const a = byArn.get(u.Arn);
      if (!a || a.tier === 'potential') {
        return {
          status: 'pass' as const,
          resource: u.Arn,
          message: a
            ? `${u.UserName} holds no admin rights (escalation paths are reported by iam-privilege-escalation).`
            : `${u.UserName} holds no admin rights.`,
        };
      }
      if (a.tier === 'full' || a.tier === 'iam-admin') {
        return {
          status: 'fail' as const,
          resource: u.Arn,
          message: `${u.UserName} holds standing admin rights (${a.tier}); reach admin through a role that requires MFA instead.`,
          details: { tier: a.tier, access: a.access },
        };
      }
      const path = a.paths.find((p) => p.tier === 'via-role');
      const role = path?.via[path.via.length - 1] ?? '';
      if (a.access === 'mfa-only') {
        return {
          status: 'pass' as const,
          resource: u.Arn,
          message: `${u.UserName} reaches admin only with MFA, through ${role}.`,
        };
      }
      return {
        status: 'fail' as const,
        resource: u.Arn,
        message: `${u.UserName} can assume admin role ${role} without MFA${a.access === 'conditional' ? ` (only when ${a.conditions.join(', ')} allow)` : ''}.`,
        details: { chain: path?.via ?? [], access: a.access },
      };
    });
  },
});
