import type { AuthorizationDetails } from '../../snapshot/aws-shapes.js';

export interface Attachment {
  kind: 'user' | 'group' | 'role';
  name: string;
  arn: string;
}

/** AWS-managed policy names match in every partition (arn:aws:..., arn:aws-us-gov:...). */
export const isAwsManaged = (policyArn: string, name: string): boolean =>
  /^arn:[a-z-]+:iam::aws:policy\//.test(policyArn) && policyArn.endsWith(`/${name}`);

/** Every user, group and role that has the AWS-managed policy `name` attached directly. */
export function attachmentsOf(details: AuthorizationDetails, name: string): Attachment[] {
  const has = (list: readonly { PolicyArn: string }[] | undefined) =>
    (list ?? []).some((p) => isAwsManaged(p.PolicyArn, name));
  return [
    ...details.UserDetailList.filter((u) => has(u.AttachedManagedPolicies)).map((u) => ({
      kind: 'user' as const,
      name: u.UserName,
      arn: u.Arn,
    })),
    ...details.GroupDetailList.filter((g) => has(g.AttachedManagedPolicies)).map((g) => ({
      kind: 'group' as const,
      name: g.GroupName,
      arn: g.Arn,
    })),
    ...details.RoleDetailList.filter((r) => has(r.AttachedManagedPolicies)).map((r) => ({
      kind: 'role' as const,
      name: r.RoleName,
      arn: r.Arn,
    })),
  ];
}

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** A policy document with an Allow statement of Action "*" on Resource "*" (no condition): full admin. */
export function grantsFullAdmin(doc: unknown): boolean {
  if (typeof doc !== 'object' || doc === null) return false;
  return asArray((doc as { Statement?: unknown }).Statement).some((s) => {
    if (typeof s !== 'object' || s === null) return false;
    const st = s as Record<string, unknown>;
    return (
      st.Effect === 'Allow' &&
      st.Condition === undefined &&
      asArray(st.Action).includes('*') &&
      asArray(st.Resource).includes('*')
    );
  });
}

/**
 * ARNs of the users and roles with full administrator rights: AdministratorAccess or a policy allowing
 * "*" on "*", attached to them, inline, or through a group. A simple reading (no deny, boundary or SCP
 * evaluation): good enough to tell "an admin" from "someone else" in a bucket policy.
 */
export function fullAdminArns(details: AuthorizationDetails): Set<string> {
  const adminPolicyArns = new Set(
    details.Policies.filter((p) =>
      p.PolicyVersionList.some((v) => v.IsDefaultVersion && grantsFullAdmin(v.Document)),
    ).map((p) => p.Arn),
  );
  const isAdminAttachment = (list: readonly { PolicyArn: string }[] | undefined) =>
    (list ?? []).some(
      (p) => isAwsManaged(p.PolicyArn, 'AdministratorAccess') || adminPolicyArns.has(p.PolicyArn),
    );
  const isAdminInline = (list: readonly { PolicyDocument: unknown }[] | undefined) =>
    (list ?? []).some((p) => grantsFullAdmin(p.PolicyDocument));
  const adminGroups = new Set(
    details.GroupDetailList.filter(
      (g) => isAdminAttachment(g.AttachedManagedPolicies) || isAdminInline(g.GroupPolicyList),
    ).map((g) => g.GroupName),
  );
  const out = new Set<string>();
  for (const u of details.UserDetailList) {
    if (
      isAdminAttachment(u.AttachedManagedPolicies) ||
      isAdminInline(u.UserPolicyList) ||
      (u.GroupList ?? []).some((g) => adminGroups.has(g))
    ) {
      out.add(u.Arn);
    }
  }
  for (const r of details.RoleDetailList) {
    if (isAdminAttachment(r.AttachedManagedPolicies) || isAdminInline(r.RolePolicyList)) out.add(r.Arn);
  }
  return out;
}
