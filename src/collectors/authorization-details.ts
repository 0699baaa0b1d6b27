import {
  IAMClient,
  paginateGetAccountAuthorizationDetails,
  type GetAccountAuthorizationDetailsResponse,
  type GroupDetail,
  type ManagedPolicyDetail,
  type PolicyDetail,
  type RoleDetail,
  type UserDetail,
} from '@aws-sdk/client-iam';
import { defineCollector } from './types.js';
import { decodePolicyDocument } from './util.js';

const inline = (list: PolicyDetail[] | undefined) =>
  list?.map((p) => ({ ...p, PolicyDocument: decodePolicyDocument(p.PolicyDocument) }));

function user(u: UserDetail) {
  return { ...u, ...(u.UserPolicyList ? { UserPolicyList: inline(u.UserPolicyList) } : {}) };
}
function group(g: GroupDetail) {
  return { ...g, ...(g.GroupPolicyList ? { GroupPolicyList: inline(g.GroupPolicyList) } : {}) };
}
function role(r: RoleDetail) {
  return {
    ...r,
    ...(r.AssumeRolePolicyDocument !== undefined
      ? { AssumeRolePolicyDocument: decodePolicyDocument(r.AssumeRolePolicyDocument) }
      : {}),
    ...(r.RolePolicyList ? { RolePolicyList: inline(r.RolePolicyList) } : {}),
    // Instance profiles repeat each role (with its trust policy) inside the role: decode those too.
    ...(r.InstanceProfileList
      ? {
          InstanceProfileList: r.InstanceProfileList.map((ip) => ({
            ...ip,
            Roles: ip.Roles?.map((inner) => ({
              ...inner,
              AssumeRolePolicyDocument: decodePolicyDocument(inner.AssumeRolePolicyDocument),
            })),
          })),
        }
      : {}),
  };
}
function policy(p: ManagedPolicyDetail) {
  return {
    ...p,
    // AWS always sends PolicyName; some emulators (moto 5.2) omit it. It is the ARN's last segment.
    PolicyName: p.PolicyName ?? p.Arn?.split('/').pop(),
    PolicyVersionList: (p.PolicyVersionList ?? []).map((v) => ({
      ...v,
      Document: decodePolicyDocument(v.Document),
    })),
  };
}

/** True for AWS-managed policies (arn:<partition>:iam::aws:policy/...), false for the account's own. */
export const isAwsManaged = (arn: string): boolean => /^arn:[^:]+:iam::aws:policy\//.test(arn);

export interface AuthorizationDetailsOut {
  UserDetailList: unknown[];
  GroupDetailList: unknown[];
  RoleDetailList: unknown[];
  Policies: unknown[];
}

export const emptyAuthorizationDetails = (): AuthorizationDetailsOut => ({
  UserDetailList: [],
  GroupDetailList: [],
  RoleDetailList: [],
  Policies: [],
});

/**
 * Adds one page of GetAccountAuthorizationDetails (from the SDK, or the AWS CLI's merged JSON output) to
 * `out`: documents decoded, unused AWS-managed policies dropped (see below). Shared with the importer so a
 * live and an imported snapshot of the same account hold the same data.
 */
export function addAuthorizationDetailsPage(
  out: AuthorizationDetailsOut,
  page: GetAccountAuthorizationDetailsResponse,
): void {
  out.UserDetailList.push(...(page.UserDetailList ?? []).map(user));
  out.GroupDetailList.push(...(page.GroupDetailList ?? []).map(group));
  out.RoleDetailList.push(...(page.RoleDetailList ?? []).map(role));
  for (const p of page.Policies ?? []) {
    const used = (p.AttachmentCount ?? 0) > 0 || (p.PermissionsBoundaryUsageCount ?? 0) > 0;
    if (isAwsManaged(p.Arn ?? '') && !used) continue;
    out.Policies.push(policy(p));
  }
}

/**
 * Every user, group and role with their inline and attached policies, and the managed policies' documents:
 * with the credential report this is all a per-user question needs, so there is no per-user API call.
 *
 * All five filters are requested (User, Role, Group, LocalManagedPolicy, AWSManagedPolicy) so attached
 * AWS-managed policies come with their documents; the policy engine needs them to tell who is admin.
 * AWS-managed policies that nothing in this account uses (AttachmentCount and PermissionsBoundaryUsageCount
 * both 0) are dropped: there are over a thousand of them, they grant nothing here, and they would make
 * every snapshot several megabytes larger. (The API has no OnlyAttached flag, unlike ListPolicies, so the
 * pages are still read; the large page size keeps that to a few calls.) Customer-managed policies are
 * all kept, attached or not: they are the account's own configuration.
 */
export const authorizationDetailsCollector = defineCollector({
  slice: 'authorizationDetails',
  actions: ['iam:GetAccountAuthorizationDetails'],
  async collect({ pool }) {
    const out = emptyAuthorizationDetails();
    const pages = paginateGetAccountAuthorizationDetails(
      { client: pool.client(IAMClient), pageSize: 1000 },
      { Filter: ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'] },
    );
    for await (const page of pages) addAuthorizationDetailsPage(out, page);
    return out;
  },
});
