import type { Check } from '../types.js';
import iamAdminRolesClosedToOutsiders from './iam-admin-roles-closed-to-outsiders.js';
import iamAdminViaMfaRole from './iam-admin-via-mfa-role.js';
import iamAdminsHaveMfa from './iam-admins-have-mfa.js';
import iamAdminsInventory from './iam-admins-inventory.js';
import iamNoFullAdminPolicies from './iam-no-full-admin-policies.js';
import iamPrivilegeEscalation from './iam-privilege-escalation.js';
import iamPrivilegedRolesRequireMfa from './iam-privileged-roles-require-mfa.js';

export const adminsChecks: Check[] = [
  iamAdminsInventory,
  iamAdminsHaveMfa,
  iamAdminViaMfaRole,
  iamPrivilegedRolesRequireMfa,
  iamAdminRolesClosedToOutsiders,
  iamPrivilegeEscalation,
  iamNoFullAdminPolicies,
] as Check[];
