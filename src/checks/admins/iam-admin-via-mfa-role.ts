import { trustAccessFor } from '../../policy/single.js';
import { defineCheck, type CheckOutcome } from '../types.js';
import { accessText, adminReport, exportGapOutcome, userRequestsOf } from './report.js';
import { accountRoot } from '../lib/outcomes.js';
import { credentialRowsByArn } from '../../snapshot/credential-rows.js';
import { hasConsolePassword } from '../lib/credential-report.js';

export default defineCheck({
  id: 'iam-admin-via-mfa-role',
  title:
    'People hold no standing admin or write permissions and reach admin only through a role that requires MFA',
  area: 'admins',
  severity: 'medium',
  rationale:
    'The read-only daily user pattern: people sign in with a user that cannot change the account without MFA (its own ' +
    'credentials aside), and assume a privileged role, whose trust policy requires MFA, only for the work that needs ' +
    'it. A stolen session or key of the daily user then can neither take over the account nor change anything in it.',
  controls: {},
  needs: ['authorizationDetails'],
  uses: ['credentialReport'],
  remediation: {
    manual: [
      'Create an admin role whose trust policy allows the account with Condition Bool aws:MultiFactorAuthPresent "true".',
      'Give people a group with read-only access plus sts:AssumeRole on that role; remove their direct admin rights and write permissions, or make those writes require MFA.',
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
    // Said, not silent: without the report a workload user (access keys only) fails as if it were a person.
    if (!rows)
      ctx.warn(
        'iam-admin-via-mfa-role: without the credential report every IAM user is judged as a person who signs in (users with only access keys, such as workloads, cannot be told apart).',
      );
    const people = authorizationDetails.UserDetailList.filter((u) => {
      if (!rows) return true;
      const a = byArn.get(u.Arn);
      const row = rows.get(u.Arn);
      // People sign in to the console; users without a password are workloads (or not yet in the report).
      return row ? hasConsolePassword(row) : a !== undefined;
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
    const requests = userRequestsOf(authorizationDetails, ctx);
    const roles = new Map(authorizationDetails.RoleDetailList.map((r) => [r.Arn, r]));
    return people.map((u): CheckOutcome => {
      const a = byArn.get(u.Arn);
      if (a && (a.tier === 'full' || a.tier === 'iam-admin')) {
        return {
          status: 'fail',
          resource: u.Arn,
          message: `${u.UserName} holds standing admin rights (${a.tier}, ${accessText(a)}); reach admin through a role that requires MFA instead.`,
          details: { tier: a.tier, access: a.access },
        };
      }
      const path = a?.tier === 'via-role' ? a.paths.find((p) => p.tier === 'via-role') : undefined;
      const role = path?.via[path.via.length - 1] ?? '';
      if (a && path && a.access !== 'mfa-only') {
        return {
          status: 'fail',
          resource: u.Arn,
          message: `${u.UserName} can assume admin role ${role} without MFA${a.access === 'conditional' ? ` (only when ${a.conditions.join(', ')} allow)` : ''}.`,
          details: { chain: path.via, access: a.access },
        };
      }
      // MFA asked for by the user's own policy only: no trust policy along the chain requires it, so the
      // roles let their other principals in without it.
      const first = path ? roles.get(path.via[0] ?? '') : undefined;
      if (path && first && !chainTrustRequiresMfa(path.via, u, roles, ctx)) {
        return {
          status: 'fail',
          resource: u.Arn,
          message:
            `${u.UserName} needs MFA to assume ${first.RoleName} only because its own policy asks for it: ` +
            `${path.via.length > 1 ? 'no trust policy along the chain requires MFA' : "the role's trust policy does not require MFA"} ` +
            '(add Bool aws:MultiFactorAuthPresent "true" to it; see iam-privileged-roles-require-mfa).',
          details: { chain: path.via, access: a?.access },
        };
      }
      const write = requests.standingWrite(u.Arn);
      if (write) {
        return {
          status: 'fail',
          resource: u.Arn,
          message:
            `${u.UserName} can change the account without MFA and without assuming a role: ${write.action} on ` +
            `${write.resource === '*' ? 'any resource' : write.resource}, allowed by ${write.grantedBy.join(', ')}` +
            `${write.access === 'conditional' ? ` (when ${write.conditions.join(', ')} allow)` : ''}. ` +
            'Keep the daily user read-only (besides its own credentials) and make changes through the MFA role.',
          details: { standingWrite: write, ...(a ? { tier: a.tier } : {}) },
        };
      }
      if (path) {
        return {
          status: 'pass',
          resource: u.Arn,
          message: `${u.UserName} cannot change the account without MFA, and reaches admin only with MFA, through ${role}.`,
        };
      }
      return {
        status: 'pass',
        resource: u.Arn,
        message: a
          ? `${u.UserName} holds no admin rights and cannot change the account without MFA (escalation paths are reported by iam-privilege-escalation).`
          : `${u.UserName} holds no admin rights and cannot change the account without MFA.`,
      };
    });
  },
});

/**
 * Whether some trust policy along the chain requires MFA of the hop into it (the user into the first role,
 * each role's session into the next): a session carries MFA only when its own AssumeRole had it, so one such
 * trust makes the whole chain need MFA. A role the export lacks counts as requiring it (not failed on guesswork).
 */
function chainTrustRequiresMfa(
  via: readonly string[],
  user: { Arn: string; UserName: string },
  roles: ReadonlyMap<string, { Arn: string; AssumeRolePolicyDocument?: unknown }>,
  ctx: { accountId: string; partition: string },
): boolean {
  return via.some((roleArn, i) => {
    const role = roles.get(roleArn);
    if (role?.AssumeRolePolicyDocument === undefined) return true;
    const caller =
      i === 0
        ? { type: 'user' as const, arn: user.Arn, name: user.UserName }
        : { type: 'role' as const, arn: via[i - 1] ?? '' };
    const level = trustAccessFor(role.AssumeRolePolicyDocument, {
      accountId: ctx.accountId,
      partition: ctx.partition,
      roleArn,
      caller,
    });
    return level !== 'unconditional' && level !== 'conditional';
  });
}
