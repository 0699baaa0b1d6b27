import { accessKeys, daysBetween, reportDate, rootRow } from '../lib/credential-report.js';
import { age, isoDay } from '../lib/slices.js';
import { defineCheck } from '../types.js';
import { accountRoot } from '../lib/outcomes.js';

export default defineCheck({
  id: 'root-not-used',
  title: 'Nobody used the root user recently',
  area: 'root',
  severity: 'high',
  rationale:
    'The root user cannot be restricted by any policy. Once an admin IAM user or role exists, every use of root ' +
    'is either a rare root-only task or someone skipping the safer path, and either way it should be explained.',
  controls: { cisV5: ['1.6'], cisV6: ['2.6'], securityHub: ['IAM.20'] },
  needs: ['credentialReport'],
  remediation: {
    action: 'iam-create-admin-user',
    manual: [
      'Create an IAM user (or IAM Identity Center user) with admin rights for yourself, through an admin group.',
      'Sign in with it from now on; keep root for the few tasks only root can do.',
      'Find out who used root and why: see root-sign-ins (CloudTrail event history) for times and source IPs.',
      'If root access keys were used, delete them (root-access-keys-absent).',
    ],
  },
  run({ credentialReport }, ctx) {
    const resource = accountRoot(ctx);
    const days = ctx.options.rootUnusedDays;
    const generated = new Date(credentialReport.GeneratedTime);
    const reportAge = Number.isNaN(generated.getTime())
      ? 'of unknown age'
      : `generated ${age(generated, ctx.now)} ago (${generated.toISOString()}; AWS reuses a report for up to 4 h)`;
    const row = rootRow(credentialReport.rows);
    if (!row) {
      return [
        {
          status: 'error',
          resource,
          message: `The credential report, ${reportAge}, has no <root_account> row, so when the root user was last used is unknown.`,
        },
      ];
    }
    const uses: { what: string; when: Date }[] = [];
    const password = reportDate(row.password_last_used);
    if (password) uses.push({ what: 'password (console sign-in)', when: password });
    for (const key of accessKeys(row)) {
      if (key.lastUsed) uses.push({ what: `access key ${key.slot}`, when: key.lastUsed });
    }
    const recent = uses.filter((u) => daysBetween(u.when, ctx.now) < days);
    const details = {
      windowDays: days,
      credentialReportGeneratedTime: credentialReport.GeneratedTime,
      lastUses: uses.map((u) => ({ credential: u.what, lastUsed: u.when.toISOString() })),
    };
    if (recent.length > 0) {
      const list = recent.map((u) => `${u.what} on ${isoDay(u.when)}`).join(', ');
      return [
        {
          status: 'fail',
          resource,
          message: `The root user was used in the last ${days} days: ${list}. Credential report ${reportAge}.`,
          details,
        },
      ];
    }
    const last = uses.sort((a, b) => b.when.getTime() - a.when.getTime())[0];
    return [
      {
        status: 'pass',
        resource,
        message: `The root user was not used in the last ${days} days (${
          last ? `last use: ${last.what} on ${isoDay(last.when)}` : 'no recorded use'
        }). Credential report ${reportAge}.`,
        details,
      },
    ];
  },
});
