import accountSetSecurityContact from './account-set-security-contact.js';
import alertsRootActivity from './alerts-root-activity.js';
import alertsSecurityTopic from './alerts-security-topic.js';
import billingCreateCur from './billing-create-cur.js';
import cloudtrailCreateTrail from './cloudtrail-create-trail.js';
import cloudtrailLogsDelivery from './cloudtrail-logs-delivery.js';
import iamCreateAdminGroup from './iam-create-admin-group.js';
import iamCreateAccessAnalyzer from './iam-create-access-analyzer.js';
import iamCreateAdminUser from './iam-create-admin-user.js';
import iamEnableUserMfa from './iam-enable-user-mfa.js';
import iamSetAccountAlias from './iam-set-account-alias.js';
import iamSetPasswordPolicy from './iam-set-password-policy.js';
import rootDeleteAccessKeys from './root-delete-access-keys.js';
import rootEnableMfa from './root-enable-mfa.js';
import type { RemediationAction } from '../types.js';

/** Every remediation action, in the order harden runs them (each after the ones it needs). */
export const ACTIONS: readonly RemediationAction[] = [
  iamCreateAdminGroup,
  iamCreateAdminUser,
  rootDeleteAccessKeys,
  rootEnableMfa,
  iamSetPasswordPolicy,
  iamSetAccountAlias,
  iamEnableUserMfa,
  cloudtrailCreateTrail,
  cloudtrailLogsDelivery,
  billingCreateCur,
  iamCreateAccessAnalyzer,
  alertsSecurityTopic,
  accountSetSecurityContact,
  alertsRootActivity,
] as RemediationAction[];

export function findAction(id: string): RemediationAction | undefined {
  return ACTIONS.find((a) => a.id === id);
}
