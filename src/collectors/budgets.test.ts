import {
  BudgetsClient,
  DescribeBudgetsCommand,
  DescribeNotificationsForBudgetCommand,
  DescribeSubscribersForNotificationCommand,
} from '@aws-sdk/client-budgets';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { budgetsSchema } from '../snapshot/aws-shapes.js';
import { budgetsCollector } from './budgets.js';
import { runCollector } from './collect.js';
import { awsError, fakeJsonTransport, testContext } from './testing.js';

const notification = {
  NotificationType: 'ACTUAL' as const,
  ComparisonOperator: 'GREATER_THAN' as const,
  Threshold: 80,
  ThresholdType: 'PERCENTAGE' as const,
};
const budget = (name: string) => ({
  BudgetName: name,
  BudgetType: 'COST' as const,
  TimeUnit: 'MONTHLY' as const,
  BudgetLimit: { Amount: '100', Unit: 'USD' },
});

// moto has DescribeBudgets and DescribeNotificationsForBudget but no DescribeSubscribersForNotification:
// these SDK-level mocks are this collector's coverage.
describe('budgets collector', () => {
  const budgets = mockClient(BudgetsClient);
  afterEach(() => budgets.reset());
  afterAll(() => {
    budgets.restore();
  });

  it('reads every budget page, each budget’s notifications and each notification’s subscribers, in us-east-1', async () => {
    budgets
      .on(DescribeBudgetsCommand, { NextToken: undefined })
      .resolves({ Budgets: [budget('monthly')], NextToken: 't1' })
      .on(DescribeBudgetsCommand, { NextToken: 't1' })
      .resolves({ Budgets: [budget('empty')] })
      .on(DescribeNotificationsForBudgetCommand, { BudgetName: 'monthly' })
      .resolves({ Notifications: [notification] })
      .on(DescribeNotificationsForBudgetCommand, { BudgetName: 'empty' })
      .resolves({ Notifications: [] })
      .on(DescribeSubscribersForNotificationCommand)
      .resolves({ Subscribers: [{ SubscriptionType: 'EMAIL', Address: 'finance@example.com' }] });
    const ctx = testContext();
    const out = budgetsSchema.parse(JSON.parse(JSON.stringify(await budgetsCollector.collect(ctx, {}))));
    expect(out.Budgets.map((b) => b.Budget.BudgetName)).toEqual(['monthly', 'empty']);
    expect(out.Budgets[0]?.Notifications).toEqual([
      {
        Notification: notification,
        Subscribers: [{ SubscriptionType: 'EMAIL', Address: 'finance@example.com' }],
      },
    ]);
    expect(out.Budgets[1]?.Notifications).toEqual([]);
    const first = budgets.commandCalls(DescribeBudgetsCommand)[0];
    expect(first?.args[0].input).toMatchObject({ AccountId: '123456789012' });
    expect(await ctx.pool.client(BudgetsClient, 'us-east-1').config.region()).toBe('us-east-1');
    expect(budgets.commandCalls(DescribeSubscribersForNotificationCommand)[0]?.args[0].input).toEqual({
      AccountId: '123456789012',
      BudgetName: 'monthly',
      Notification: notification,
      MaxResults: 100,
    });
  });

  it('keeps a budget whose notifications cannot be read, with the error beside it', async () => {
    budgets
      .on(DescribeBudgetsCommand)
      .resolves({ Budgets: [budget('monthly')] })
      .on(DescribeNotificationsForBudgetCommand)
      .rejects(awsError('AccessDeniedException', 'not authorized', 403));
    const out = budgetsSchema.parse(await budgetsCollector.collect(testContext(), {}));
    expect(out.Budgets[0]?.Notifications).toBeNull();
    expect(out.Budgets[0]?.errors[0]).toMatchObject({
      part: 'DescribeNotificationsForBudget',
      action: 'budgets:ViewBudget',
    });
  });

  it('an account with no budgets is data, not an error', async () => {
    budgets.on(DescribeBudgetsCommand).resolves({});
    expect(await budgetsCollector.collect(testContext(), {})).toEqual({ Budgets: [] });
  });
});

describe('budgets collector over the SDK’s HTTP layer', () => {
  it('AccessDenied on DescribeBudgets becomes an error slice naming budgets:ViewBudget', async () => {
    const ctx = testContext();
    fakeJsonTransport(ctx.pool.client(BudgetsClient, 'us-east-1'), () => ({
      status: 400,
      body: {
        __type: 'AccessDeniedException',
        Message: 'User is not authorized to perform: budgets:ViewBudget',
      },
    }));
    const slice = await runCollector(budgetsCollector, ctx, {});
    expect(slice).toMatchObject({
      status: 'error',
      error: { kind: 'access-denied', action: 'budgets:ViewBudget' },
    });
    expect(ctx.pool.apiCalls.budgets).toBe(1);
  });
});
