import { defineCheck } from '../types.js';
import { accessText, adminReport, exportGapOutcome, describePath, isAdmin } from './report.js';
import { accountRoot } from '../lib/outcomes.js';

export const DEFAULT_MAX_ADMIN_USERS = 3;

export default defineCheck({
  id: 'iam-admins-inventory',
  title: 'Every admin is known, and there are no more admin users than needed',
  area: 'admins',
  severity: 'medium',
  rationale:
    'Admins are found by evaluating every policy the way AWS does: AdministratorAccess, inline "*", NotAction tricks, ' +
    'self-escalation through IAM and roles that can be assumed. Each admin user is a standing key to the whole account; ' +
    'keep the list short and reviewed.',
  controls: {},
  needs: ['authorizationDetails'],
  uses: ['credentialReport'],
  remediation: {
    manual: [
      'Review the list with `rampart admins`.',
      'Remove admin rights from users who do not need them; let people assume an admin role that requires MFA instead.',
    ],
  },
  run({ authorizationDetails }, ctx) {
    const report = adminReport(authorizationDetails, ctx);
    const gap = exportGapOutcome(authorizationDetails, ctx);
    if (gap) return gap;
    const raw = ctx.options.maxAdminUsers;
    const max = typeof raw === 'number' && Number.isFinite(raw) && raw >= 0 ? raw : DEFAULT_MAX_ADMIN_USERS;
    const admins = report.admins.filter(isAdmin);
    const users = admins.filter((a) => a.type === 'user');
    const resource = accountRoot(ctx);
    const summary = {
      status: users.length > max ? ('fail' as const) : ('pass' as const),
      resource,
      message:
        users.length > max
          ? `${users.length} IAM users are admins; the maximum is ${max}.`
          : `${users.length} IAM user(s) are admins (maximum ${max}); ${admins.length} admin principal(s) in all.`,
      details: {
        adminUsers: users.map((a) => a.principal),
        admins: admins.length,
        maxAdminUsers: max,
      },
    };
    return [
      summary,
      ...admins.map((a) => ({
        status: 'pass' as const,
        severity: 'info' as const,
        resource: a.principal,
        message: `Admin (${a.tier}, ${accessText(a)}): ${describePath(a)}`,
        details: { tier: a.tier, access: a.access, type: a.type, lastUsed: a.lastUsed, mfa: a.mfa },
      })),
    ];
  },
});
