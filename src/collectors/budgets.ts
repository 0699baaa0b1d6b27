import {
  BudgetsClient,
  paginateDescribeBudgets,
  paginateDescribeNotificationsForBudget,
  paginateDescribeSubscribersForNotification,
  type Budget,
  type Notification,
  type Subscriber,
} from '@aws-sdk/client-budgets';
import { defineCollector } from './types.js';
import { partError, type PartError } from './util.js';

/**
 * AWS Budgets with their notifications and each notification's subscribers (email addresses or SNS topics).
 * Budgets is a global service answered in us-east-1. Every Describe* call is authorized by the single IAM
 * action budgets:ViewBudget. A budget whose notifications cannot be read keeps the error beside it.
 */
export const budgetsCollector = defineCollector({
  slice: 'budgets',
  actions: ['budgets:ViewBudget'],
  async collect({ pool, accountId }) {
    const client = pool.client(BudgetsClient, 'us-east-1');
    const config = { client, pageSize: 100, stopOnSameToken: true };
    const budgets: Budget[] = [];
    for await (const page of paginateDescribeBudgets(config, { AccountId: accountId })) {
      budgets.push(...(page.Budgets ?? []));
    }
    const Budgets = await Promise.all(
      budgets.map(async (Budget) => {
        const BudgetName = Budget.BudgetName ?? '';
        const errors: PartError[] = [];
        let Notifications: { Notification: Notification; Subscribers: Subscriber[] | null }[] | null;
        try {
          const notifications: Notification[] = [];
          for await (const page of paginateDescribeNotificationsForBudget(config, {
            AccountId: accountId,
            BudgetName,
          })) {
            notifications.push(...(page.Notifications ?? []));
          }
          Notifications = await Promise.all(
            notifications.map(async (Notification) => {
              try {
                const Subscribers: Subscriber[] = [];
                for await (const page of paginateDescribeSubscribersForNotification(config, {
                  AccountId: accountId,
                  BudgetName,
                  Notification,
                })) {
                  Subscribers.push(...(page.Subscribers ?? []));
                }
                return { Notification, Subscribers };
              } catch (err) {
                errors.push(partError('DescribeSubscribersForNotification', err, 'budgets:ViewBudget'));
                return { Notification, Subscribers: null };
              }
            }),
          );
        } catch (err) {
          errors.push(partError('DescribeNotificationsForBudget', err, 'budgets:ViewBudget'));
          Notifications = null;
        }
        return { Budget, Notifications, errors };
      }),
    );
    return { Budgets };
  },
});
