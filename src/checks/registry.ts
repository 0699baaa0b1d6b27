import { accountChecks } from './account/index.js';
import { adminsChecks } from './admins/index.js';
import { billingChecks } from './billing/index.js';
import { cloudtrailChecks } from './cloudtrail/index.js';
import { iamChecks } from './iam/index.js';
import { rootChecks } from './root/index.js';
import type { Check } from './types.js';

/** Every check, in catalog order. Each area keeps its own list in `<area>/index.ts`. */
export const CHECKS: readonly Check[] = [
  ...rootChecks,
  ...iamChecks,
  ...adminsChecks,
  ...cloudtrailChecks,
  ...billingChecks,
  ...accountChecks,
] as Check[];

export function findCheck(id: string): Check | undefined {
  return CHECKS.find((c) => c.id === id);
}

/** The IAM console's Security Status panel, in its order. */
export const SECURITY_STATUS_CHECKS: readonly Check[] = CHECKS.filter(
  (c) => c.securityStatus !== undefined,
).sort((a, b) => (a.securityStatus ?? 0) - (b.securityStatus ?? 0));
