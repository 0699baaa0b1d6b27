// Whether Organizations SCPs or RCPs can apply to an account at all, from its membership alone: shared by
// the collector (no API call when none can), the import, and the checks that say what was not read.
import type { SliceData, Snapshot } from './schema.js';

/** The organization's management account, when the snapshot holds the organization. */
export const managementAccountOf = (snapshot: Snapshot): string | undefined => {
  const org = snapshot.slices.organization;
  return org.status === 'ok' ? org.data.Organization?.MasterAccountId : undefined;
};

export type OrgPolicyType = 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';
export const ORG_POLICY_NAMES: Record<OrgPolicyType, string> = {
  SERVICE_CONTROL_POLICY: 'SCPs',
  RESOURCE_CONTROL_POLICY: 'RCPs',
};

/**
 * Why no SCP (or RCP) can limit the account, from its Organizations membership alone; undefined when they
 * may. Neither applies to the management account.
 */
export function orgPoliciesNotApplicable(
  organization: SliceData['organization'] | undefined,
  accountId: string,
  type: OrgPolicyType = 'SERVICE_CONTROL_POLICY',
): string | undefined {
  if (!organization) return undefined;
  const org = organization.Organization;
  const short = ORG_POLICY_NAMES[type];
  if (!org) return 'the account is not in an organization';
  if (org.MasterAccountId === accountId) {
    return type === 'SERVICE_CONTROL_POLICY'
      ? 'this is the management account: SCPs do not limit its users and roles'
      : 'this is the management account: RCPs do not limit its resources';
  }
  if (typeof org.FeatureSet === 'string' && org.FeatureSet !== 'ALL') {
    return `the organization uses consolidated billing only: it has no ${short}`;
  }
  return undefined;
}
