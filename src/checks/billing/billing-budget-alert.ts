import { describeFailure } from '../lib/failure.js';
import { defineCheck } from '../types.js';
import { accountRoot } from '../lib/outcomes.js';

export default defineCheck({
  id: 'billing-budget-alert',
  title: 'A budget alerts someone when spend runs high',
  area: 'billing',
  severity: 'medium',
  rationale:
    'Stolen credentials are usually spent on compute: a budget with an alert is often the first sign of a ' +
    'compromise, and the only one that arrives before the invoice.',
  controls: {},
  needs: ['budgets'],
  remediation: {
    manual: [
      'Billing and Cost Management console > Budgets > Create budget > "Monthly cost budget" template: set the amount and the email recipients (a team list).',
      'CLI: aws budgets create-budget --account-id <id> --budget file://budget.json --notifications-with-subscribers file://notifications.json',
    ],
  },
  run({ budgets }, ctx) {
    const resource = accountRoot(ctx);
    const alerting: string[] = [];
    for (const b of budgets.Budgets) {
      for (const n of b.Notifications ?? []) {
        const subscribers = (n.Subscribers ?? []).map((s) => s.Address).filter((a) => a !== undefined);
        if (subscribers.length > 0) {
          const threshold =
            `${n.Notification.NotificationType ?? ''} ${n.Notification.ComparisonOperator ?? ''} ${
              n.Notification.Threshold ?? '?'
            }${n.Notification.ThresholdType === 'PERCENTAGE' ? '%' : ''}`.trim();
          alerting.push(`'${b.Budget.BudgetName}' (${threshold} → ${subscribers.join(', ')})`);
        }
      }
    }
    if (alerting.length > 0) {
      return [{ status: 'pass', resource, message: `Budget alerts: ${alerting.join('; ')}.` }];
    }
    const errors = budgets.Budgets.flatMap((b) =>
      b.errors.map((e) => `${b.Budget.BudgetName}: ${describeFailure(e)}`),
    );
    if (errors.length > 0) {
      return [
        {
          status: 'error',
          resource,
          message: `No budget alert found, but some budgets could not be read: ${errors.join('; ')}.`,
        },
      ];
    }
    const message =
      budgets.Budgets.length === 0
        ? 'The account has no budget.'
        : `No budget notifies anyone: ${budgets.Budgets.map((b) =>
            (b.Notifications ?? []).length === 0
              ? `'${b.Budget.BudgetName}' has no notification`
              : `'${b.Budget.BudgetName}' has notifications without subscribers`,
          ).join('; ')}.`;
    return [{ status: 'fail', resource, message }];
  },
});
