import type { AdminEntry } from '../../policy/admins.js';
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
    // A user that reaches admin only by assuming a role with MFA (the read-only daily user pattern this check's
    // fix recommends) is no standing key to the account: a stolen password or key alone cannot use the role.
    // Counted are the users that hold admin rights themselves (full, iam-admin: even with an MFA condition,
    // they are standing rights on a long-term credential) or reach an admin role without MFA.
    const viaMfaRole = (a: AdminEntry) => a.tier === 'via-role' && a.access === 'mfa-only';
    const adminUsers = admins.filter((a) => a.type === 'user');
    const users = adminUsers.filter((a) => !viaMfaRole(a));
    const mfaRoleUsers = adminUsers.filter(viaMfaRole);
    const resource = accountRoot(ctx);
    const notCounted =
      mfaRoleUsers.length > 0
        ? `${mfaRoleUsers.length} more reach admin only through a role that requires MFA (not counted)`
        : undefined;
    const summary = {
      status: users.length > max ? ('fail' as const) : ('pass' as const),
      resource,
      message:
        users.length > max
          ? `${users.length} IAM users hold admin rights or reach an admin role without MFA; the maximum is ${max}${notCounted ? `; ${notCounted}` : ''}.`
          : `${users.length} IAM user(s) hold admin rights or reach an admin role without MFA (maximum ${max})${notCounted ? `; ${notCounted}` : ''}; ${admins.length} admin principal(s) in all.`,
      details: {
        adminUsers: users.map((a) => a.principal),
        ...(mfaRoleUsers.length > 0 ? { adminUsersViaMfaRole: mfaRoleUsers.map((a) => a.principal) } : {}),
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
