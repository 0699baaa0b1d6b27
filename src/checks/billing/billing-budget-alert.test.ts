import { describe, expect, it } from 'vitest';
import type { SliceData } from '../../snapshot/schema.js';
import { snapshot } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import check from './billing-budget-alert.js';

type BudgetRecord = SliceData['budgets']['Budgets'][number];
const notification = {
  NotificationType: 'ACTUAL',
  ComparisonOperator: 'GREATER_THAN',
  Threshold: 80,
  ThresholdType: 'PERCENTAGE',
};
const budget = (
  name: string,
  notifications: BudgetRecord['Notifications'],
  errors: BudgetRecord['errors'] = [],
) => ({
  Budget: { BudgetName: name, BudgetType: 'COST' },
  Notifications: notifications,
  errors,
});
const snap = (...list: BudgetRecord[]) =>
  snapshot()
    .slice('budgets', { status: 'ok', data: { Budgets: list } })
    .build();

describe('billing-budget-alert', () => {
  it('fails when the account has no budget', () => {
    const [f] = runOne(check, snap());
    expect(f?.status).toBe('fail');
    expect(f?.message).toContain('no budget');
  });

  it('fails on budgets without notifications or without subscribers, saying which', () => {
    const [f] = runOne(
      check,
      snap(budget('quiet', []), budget('deaf', [{ Notification: notification, Subscribers: [] }])),
    );
    expect(f?.status).toBe('fail');
    expect(f?.message).toContain("'quiet' has no notification");
    expect(f?.message).toContain("'deaf' has notifications without subscribers");
  });

  it('passes when a notification has a subscriber, naming the threshold and recipient', () => {
    const [f] = runOne(
      check,
      snap(
        budget('quiet', []),
        budget('monthly', [
          {
            Notification: notification,
            Subscribers: [{ SubscriptionType: 'EMAIL', Address: 'finance@example.com' }],
          },
        ]),
      ),
    );
    expect(f?.status).toBe('pass');
    expect(f?.message).toContain("'monthly' (ACTUAL GREATER_THAN 80% → finance@example.com)");
  });

  it('is an error, never a fail, when a budget’s notifications could not be read', () => {
    const [f] = runOne(
      check,
      snap(
        budget('monthly', null, [
          { part: 'DescribeNotificationsForBudget', message: 'AccessDenied', action: 'budgets:ViewBudget' },
        ]),
      ),
    );
    expect(f?.status).toBe('error');
    expect(f?.message).toContain('budgets:ViewBudget');
  });

  it('is an error naming the permission when budgets could not be listed', () => {
    const s = snapshot().denied('budgets', 'budgets:ViewBudget').build();
    const [f] = runOne(check, s);
    expect(f?.status).toBe('error');
    expect(f?.message).toContain('budgets:ViewBudget');
  });
});
