import { credentialRowsByArn } from '../../snapshot/credential-rows.js';
import { defineCheck, type CheckOutcome } from '../types.js';
import { adminReport, exportGapOutcome, isAdmin, userRequestsOf } from './report.js';
import { accountRoot } from '../lib/outcomes.js';
import { hasConsolePassword, isTrue } from '../lib/credential-report.js';

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
      "Delete admin users' access keys (IAM > Users > (user) > Security credentials): a key used directly never carries MFA.",
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
    const cr = ctx.snapshot.slices.credentialReport;
    const rows = cr.status === 'ok' ? credentialRowsByArn(cr.data.rows) : undefined;
    const requests = userRequestsOf(authorizationDetails, ctx);
    return users.map((a): CheckOutcome => {
      const row = rows?.get(a.principal);
      if (a.mfa.enabled === null || !row) {
        return {
          status: 'error',
          resource: a.principal,
          message: `Admin user ${a.name} is not in the credential report; its MFA status is unknown.`,
        };
      }
      const keys = [row.access_key_1_active, row.access_key_2_active].filter(isTrue).length;
      const password = hasConsolePassword(row);
      if (!password && keys === 0) {
        return {
          status: 'pass',
          resource: a.principal,
          message: `Admin user ${a.name} has no console password and no active access key: it has no credential for MFA to protect.`,
        };
      }
      if (a.access === 'mfa-only') {
        if (a.mfa.enabled) {
          return {
            status: 'pass',
            resource: a.principal,
            message: `Admin user ${a.name} has MFA, and its admin rights require it.`,
          };
        }
        // AWS's self-manage-MFA example allows enrolling without MFA: whoever holds the password or key does.
        if (requests.canEnrollOwnMfa(a.principal)) {
          return {
            status: 'fail',
            resource: a.principal,
            message: `Admin user ${a.name} has no MFA device; its admin rights require MFA, but its policies let it enroll a device without MFA, so whoever holds its ${password ? 'password' : 'access key'} can enroll one and use them.`,
            details: { tier: a.tier, access: a.access, lastUsed: a.lastUsed },
          };
        }
        return {
          status: 'pass',
          resource: a.principal,
          message: `Admin user ${a.name} has no MFA device, but its admin rights require MFA, so it cannot use them.`,
        };
      }
      if (!a.mfa.enabled) {
        return {
          status: 'fail',
          resource: a.principal,
          message: `Admin user ${a.name} (${a.tier}) has no MFA device.`,
          details: { tier: a.tier, access: a.access, lastUsed: a.lastUsed },
        };
      }
      if (keys > 0) {
        // Access keys used directly carry no MFA: a device protects them only when policies require MFA.
        return {
          status: 'fail',
          resource: a.principal,
          message: `Admin user ${a.name} has an MFA device, but ${keys === 1 ? 'its active access key makes' : `its ${keys} active access keys make`} admin requests without it: its admin rights do not require aws:MultiFactorAuthPresent. Delete the key(s), or require MFA for admin work (an admin role whose trust requires MFA).`,
          details: { tier: a.tier, access: a.access, activeAccessKeys: keys, lastUsed: a.lastUsed },
        };
      }
      return { status: 'pass', resource: a.principal, message: `Admin user ${a.name} has MFA.` };
    });
  },
});
