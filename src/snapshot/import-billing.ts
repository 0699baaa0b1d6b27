import { EXPORT_FILES } from './import-files.js';
import { fileSafe, isoTimes, missingPart, type Built, type ExportReader } from './import-reader.js';

/** Data Exports times (ExportStatus.CreatedAt, LastUpdatedAt, LastRefreshedAt...). */
const EXPORT_TIMES = /At$/;
/** Budgets times: LastUpdatedTime and the budget's TimePeriod Start/End. */
const BUDGET_TIMES = /^(LastUpdatedTime|Start|End)$/;

/**
 * `list-exports.json` (aws bcm-data-exports list-exports) and, per export, `get-export-<name>.json`, which
 * holds the S3 destination. An export without its get-export file keeps `Export: null` and says which file
 * is missing, as the live collector keeps a GetExport error: the check then reports error, not pass.
 */
export async function importDataExports(reader: ExportReader): Promise<Built> {
  const file = EXPORT_FILES.dataExports.name;
  if (!reader.has(file)) return { status: 'skipped', reason: reader.missing(file) };
  const Exports = [];
  for (const ref of await reader.list(file, 'Exports')) {
    const ExportArn = typeof ref.ExportArn === 'string' ? ref.ExportArn : '';
    const name = typeof ref.ExportName === 'string' ? ref.ExportName : (ExportArn.split('/').pop() ?? '');
    const part = EXPORT_FILES.dataExport.file(fileSafe(name));
    const errors = [];
    let Export: unknown = null;
    if (reader.has(part)) Export = (await reader.json(part, ['Export'])).Export ?? null;
    else errors.push(missingPart(reader, 'GetExport', part));
    Exports.push({
      ExportArn,
      ...(typeof ref.ExportName === 'string' ? { ExportName: ref.ExportName } : {}),
      ...(ref.ExportStatus !== undefined ? { ExportStatus: ref.ExportStatus } : {}),
      Export,
      errors,
    });
  }
  return { status: 'ok', data: isoTimes({ Exports }, EXPORT_TIMES), file: reader.path('*export*.json') };
}

/**
 * `describe-budgets.json`, per budget `describe-notifications-for-budget-<budget>.json`, and per notification
 * `describe-subscribers-for-notification-<budget>-<n>.json`, n being the notification's position (from 0) in
 * the notifications file. A missing file leaves that part null with the file named, never an empty list:
 * "no subscriber" would be a finding, "not exported" is not known.
 */
export async function importBudgets(reader: ExportReader): Promise<Built> {
  const file = EXPORT_FILES.budgets.name;
  if (!reader.has(file)) return { status: 'skipped', reason: reader.missing(file) };
  const Budgets = [];
  for (const Budget of await reader.list(file, 'Budgets')) {
    const name = fileSafe(typeof Budget.BudgetName === 'string' ? Budget.BudgetName : '');
    const errors = [];
    const notificationsFile = EXPORT_FILES.budgetNotifications.file(name);
    let Notifications: { Notification: unknown; Subscribers: unknown[] | null }[] | null = null;
    if (reader.has(notificationsFile)) {
      Notifications = [];
      for (const [n, Notification] of (await reader.list(notificationsFile, 'Notifications')).entries()) {
        const subscribersFile = EXPORT_FILES.notificationSubscribers.file(`${name}-${String(n)}`);
        let Subscribers: unknown[] | null = null;
        if (reader.has(subscribersFile)) Subscribers = await reader.list(subscribersFile, 'Subscribers');
        else errors.push(missingPart(reader, 'DescribeSubscribersForNotification', subscribersFile));
        Notifications.push({ Notification, Subscribers });
      }
    } else {
      errors.push(missingPart(reader, 'DescribeNotificationsForBudget', notificationsFile));
    }
    Budgets.push({ Budget, Notifications, errors });
  }
  return {
    status: 'ok',
    data: isoTimes({ Budgets }, BUDGET_TIMES),
    file: reader.path('describe-*budget*.json'),
  };
}
