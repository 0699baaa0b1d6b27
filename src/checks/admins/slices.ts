import type { SliceName } from '../../snapshot/schema.js';

/**
 * Everything the admin analysis reads from a snapshot (report.ts): the policies, the credential report (MFA,
 * last use), the organization with its SCPs and RCPs. A live `rampart admins` collects only these.
 */
export const ADMIN_ANALYSIS_SLICES: readonly SliceName[] = [
  'authorizationDetails',
  'credentialReport',
  'organization',
  'serviceControlPolicies',
  'resourceControlPolicies',
];
