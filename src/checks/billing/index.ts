import type { Check } from '../types.js';

export const billingChecks: Check[] = [];
