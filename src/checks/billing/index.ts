import type { Check } from '../types.js';
import billingBudgetAlert from './billing-budget-alert.js';
import billingCostAndUsageReport from './billing-cost-and-usage-report.js';

export const billingChecks: Check[] = [billingCostAndUsageReport, billingBudgetAlert] as Check[];
