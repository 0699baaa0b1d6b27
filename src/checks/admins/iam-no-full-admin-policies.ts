import { fullAdminAccess } from '../../policy/single.js';
import { defineCheck, type CheckOutcome } from '../types.js';
import { orAccountPass } from '../lib/outcomes.js';
import { exportGapOutcome } from './report.js';

export default defineCheck({
  id: 'iam-no-full-admin-policies',
  title: 'No customer managed or inline policy grants full administrative access',
  area: 'admins',
  severity: 'high',
  rationale:
    'Full admin should come from one reviewed place (the AWS managed AdministratorAccess on an admin group or role), ' +
    'not from home-made "*:*" policies or Allow + NotAction statements that grant everything but a harmless service.',
  controls: { cisV5: ['1.15'], cisV6: ['2.15'], securityHub: ['IAM.1'] },
  needs: ['authorizationDetails'],
  remediation: {
    manual: [
      'Replace the policy with one that lists the actions and resources the principal needs.',
      'If the principal really is an admin, attach the AWS managed AdministratorAccess to an admin group or role instead.',
    ],
  },
  run({ authorizationDetails: d }, ctx) {
    // A customer policy attached but missing from the export may grant full admin: never a pass.
    const gap = exportGapOutcome(d, ctx, true);
    if (gap) return gap;
    const opts = { accountId: ctx.accountId, partition: ctx.partition };
    const outcomes: CheckOutcome[] = [];
    const judge = (resource: string, label: string, doc: unknown) => {
      const r = fullAdminAccess(doc, opts);
      if (r.level === 'denied') return;
      const trick = r.viaNotAction
        ? 'an Allow with NotAction'
        : r.viaActionStar
          ? 'Action "*" (or "*:*")'
          : 'wildcards';
      outcomes.push({
        status: 'fail',
        ...(r.level === 'unconditional' ? {} : { severity: 'medium' as const }),
        resource,
        message: `${label} grants full administrative access through ${trick}${
          r.level === 'mfa'
            ? ' (with MFA)'
            : r.level === 'conditional'
              ? ` (when ${r.keys.join(', ')} allow)`
              : ''
        }.`,
        details: { notAction: r.viaNotAction, access: r.level },
      });
    };
    // Security Hub IAM.1 sets excludePermissionBoundaryPolicy: true: a boundary only caps permissions, so one that
    // allows "*" (and denies what must stay out of reach) grants nothing. Attached as a permissions policy, it counts.
    const attached = new Set<string>();
    const boundaries = new Set<string>();
    for (const o of [...d.UserDetailList, ...d.GroupDetailList, ...d.RoleDetailList]) {
      for (const a of o.AttachedManagedPolicies ?? []) attached.add(a.PolicyArn);
    }
    for (const o of [...d.UserDetailList, ...d.RoleDetailList]) {
      if (o.PermissionsBoundary) boundaries.add(o.PermissionsBoundary.PermissionsBoundaryArn);
    }
    for (const p of d.Policies) {
      if (/^arn:[^:]+:iam::aws:policy\//.test(p.Arn)) continue; // AWS managed: who holds them is iam-admins-inventory
      if (boundaries.has(p.Arn) && !attached.has(p.Arn)) continue;
      const def = p.PolicyVersionList.find((v) => v.IsDefaultVersion);
      if (def) judge(p.Arn, `Policy ${p.PolicyName}`, def.Document);
    }
    const inline = (
      owner: string,
      kind: string,
      list: { PolicyName: string; PolicyDocument: unknown }[] | undefined,
    ) => {
      for (const ip of list ?? [])
        judge(
          `${owner}#inline/${ip.PolicyName}`,
          `Inline policy ${ip.PolicyName} of ${kind}`,
          ip.PolicyDocument,
        );
    };
    for (const u of d.UserDetailList) inline(u.Arn, `user ${u.UserName}`, u.UserPolicyList);
    for (const g of d.GroupDetailList) inline(g.Arn, `group ${g.GroupName}`, g.GroupPolicyList);
    for (const r of d.RoleDetailList) inline(r.Arn, `role ${r.RoleName}`, r.RolePolicyList);
    return orAccountPass(
      outcomes,
      ctx,
      'No customer managed or inline policy grants full administrative access.',
    );
  },
});
