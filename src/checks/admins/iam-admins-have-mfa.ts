import { defineCheck } from '../types.js';
import { adminReport, exportGapOutcome, isAdmin } from './report.js';
import { accountRoot } from '../lib/outcomes.js';

export default defineCheck({
  id: 'iam-admins-have-mfa',
  title: 'Every admin user has MFA',
  area: 'admins',
  severity: 'high',
  rationale:
    'A stolen password or access key of an admin user without MFA is the whole account. Admin users need an MFA device, ' +
    'and admin actions should require it.',
  controls: { cisV5: ['1.9'], cisV6: ['2.9'], securityHub: ['IAM.5', 'IAM.19'] },
  needs: ['authorizationDetails', 'credentialReport'],
  remediation: {
    manual: [
      'IAM > Users > (user) > Security credentials > Assign MFA device (passkey/security key or authenticator app).',
      'Then require MFA for admin actions: an admin role whose trust policy has Bool aws:MultiFactorAuthPresent "true".',
    ],
  },
  run({ authorizationDetails }, ctx) {
    const report = adminReport(authorizationDetails, ctx);
    const gap = exportGapOutcome(authorizationDetails, ctx);
    if (gap) return gap;
    const users = report.admins.filter((a) => isAdmin(a) && a.type === 'user');
    if (users.length === 0) {
      return [
        {
          status: 'pass',
          resource: accountRoot(ctx),
          message: 'No IAM user is an admin.',
        },
      ];
    }
    return users.map((a) => {
      if (a.mfa.enabled === true) {
        return { status: 'pass' as const, resource: a.principal, message: `Admin user ${a.name} has MFA.` };
      }
      if (a.mfa.enabled === null) {
        return {
          status: 'error' as const,
          resource: a.principal,
          message: `Admin user ${a.name} is not in the credential report; its MFA status is unknown.`,
        };
      }
      if (a.access === 'mfa-only') {
        return {
          status: 'pass' as const,
          resource: a.principal,
          message: `Admin user ${a.name} has no MFA device, but its admin rights require MFA, so it cannot use them.`,
        };
      }
      return {
        status: 'fail' as const,
        resource: a.principal,
        message: `Admin user ${a.name} (${a.tier}) has no MFA device.`,
        details: { tier: a.tier, access: a.access, lastUsed: a.lastUsed },
      };
    });
  },
});
