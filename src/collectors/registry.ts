import { accountSummaryCollector } from './account-summary.js';
import { passwordPolicyCollector } from './password-policy.js';
import type { Collector } from './types.js';

/** Every collector except identity (which always runs first). One per slice. */
export const COLLECTORS: readonly Collector[] = [accountSummaryCollector, passwordPolicyCollector];
