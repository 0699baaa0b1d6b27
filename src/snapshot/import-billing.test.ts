import { describe, expect, it } from 'vitest';
import billingBudgetAlert from '../checks/billing/billing-budget-alert.js';
import billingCur from '../checks/billing/billing-cost-and-usage-report.js';
import { runOne, statuses } from '../checks/testing.js';
import { importSnapshot } from './import.js';
import { EXPORT_FIXTURE, exportDirs, importError, sliceData } from './testing/export-dir.js';

const { exportDir } = exportDirs();
const BUDGETS = [
  'get-caller-identity.json',
  'describe-budgets.json',
  'describe-notifications-for-budget-monthly.json',
  'describe-subscribers-for-notification-monthly-0.json',
];
const EXPORTS = ['get-caller-identity.json', 'list-exports.json', 'get-export-cur2-daily.json'];

describe('importSnapshot: Data Exports (list-exports.json + get-export-<name>.json)', () => {
  it('reads each export with its definition; epoch times (aws-cli v1) become ISO', async () => {
    const snapshot = await importSnapshot(await exportDir(EXPORTS));
    expect(sliceData(snapshot, 'dataExports').Exports).toEqual([
      {
        ExportArn: expect.stringMatching(
          /^arn:aws:bcm-data-exports:us-east-1:123456789012:export\/cur2-daily-/,
        ),
        ExportName: 'cur2-daily',
        ExportStatus: expect.objectContaining({
          StatusCode: 'HEALTHY',
          CreatedAt: '2026-11-18T00:00:00.000Z',
        }),
        Export: expect.objectContaining({
          DestinationConfigurations: expect.objectContaining({
            S3Destination: expect.objectContaining({ S3Bucket: 'rampart-hardened-billing' }),
          }),
        }),
        errors: [],
      },
    ]);
    expect(statuses(runOne(billingCur, snapshot))).toEqual(['pass']);
  });

  it('an export without its get-export file keeps Export null and names the file: error, not pass', async () => {
    const dir = await exportDir(['get-caller-identity.json', 'list-exports.json']);
    const snapshot = await importSnapshot(dir);
    expect(sliceData(snapshot, 'dataExports').Exports[0]).toMatchObject({
      Export: null,
      errors: [{ part: 'GetExport', message: `no get-export-cur2-daily.json in ${dir}` }],
    });
    const findings = runOne(billingCur, snapshot);
    expect(statuses(findings)).toEqual(['error']);
    expect(findings[0]?.message).toContain(`no get-export-cur2-daily.json in ${dir}`);
  });

  it('absent: skipped naming the file; {} (no export) is an empty list; another command is one line', async () => {
    const none = await exportDir(['get-caller-identity.json']);
    expect((await importSnapshot(none)).slices.dataExports).toEqual({
      status: 'skipped',
      reason: `no list-exports.json in ${none}`,
    });
    const empty = await exportDir(['get-caller-identity.json'], { 'list-exports.json': '{}\n' });
    expect(sliceData(await importSnapshot(empty), 'dataExports')).toEqual({ Exports: [] });
    const wrong = await exportDir(['get-caller-identity.json'], { 'list-exports.json': { Reports: [] } });
    expect(await importError(wrong)).toBe(
      `${wrong}/list-exports.json: no Exports field; expected the output of \`aws bcm-data-exports list-exports --region us-east-1\``,
    );
  });
});

describe('importSnapshot: Budgets (describe-budgets, -notifications-for-budget-<budget>, -subscribers-for-notification-<budget>-<n>)', () => {
  it('reads budgets, notifications and subscribers: billing-budget-alert passes', async () => {
    const snapshot = await importSnapshot(await exportDir(BUDGETS));
    expect(sliceData(snapshot, 'budgets').Budgets).toEqual([
      {
        Budget: expect.objectContaining({
          BudgetName: 'monthly',
          // aws-cli v1 prints Budgets times as epoch seconds; the snapshot holds ISO, as a live one does.
          TimePeriod: { Start: '2026-11-01T00:00:00.000Z', End: '2087-06-15T00:00:00.000Z' },
        }),
        Notifications: [
          {
            Notification: expect.objectContaining({ NotificationType: 'ACTUAL', Threshold: 80 }),
            Subscribers: [{ SubscriptionType: 'EMAIL', Address: 'billing@example.com' }],
          },
        ],
        errors: [],
      },
    ]);
    expect(statuses(runOne(billingBudgetAlert, snapshot))).toEqual(['pass']);
  });

  it('a notification without its subscribers file is unknown (error naming the file), not "no subscriber"', async () => {
    const dir = await exportDir(BUDGETS.slice(0, 3));
    const snapshot = await importSnapshot(dir);
    expect(sliceData(snapshot, 'budgets').Budgets[0]).toMatchObject({
      Notifications: [{ Subscribers: null }],
      errors: [
        {
          part: 'DescribeSubscribersForNotification',
          message: `no describe-subscribers-for-notification-monthly-0.json in ${dir}`,
        },
      ],
    });
    const findings = runOne(billingBudgetAlert, snapshot);
    expect(statuses(findings)).toEqual(['error']);
    expect(findings[0]?.message).toBe(
      `No budget alert found, but some budgets could not be read: monthly: no describe-subscribers-for-notification-monthly-0.json in ${dir}.`,
    );
    const noNotifications = await exportDir(BUDGETS.slice(0, 2));
    expect(sliceData(await importSnapshot(noNotifications), 'budgets').Budgets[0]).toMatchObject({
      Notifications: null,
      errors: [{ part: 'DescribeNotificationsForBudget' }],
    });
  });

  it('no budget is a fail; a budget without a name is one line naming the file and field', async () => {
    const none = await exportDir(['get-caller-identity.json'], { 'describe-budgets.json': { Budgets: [] } });
    const findings = runOne(billingBudgetAlert, await importSnapshot(none));
    expect(findings.map((f) => [f.status, f.message])).toEqual([['fail', 'The account has no budget.']]);
    const nameless = await exportDir(['get-caller-identity.json'], {
      'describe-budgets.json': { Budgets: [{ BudgetType: 'COST' }] },
    });
    expect(await importError(nameless)).toBe(
      `${nameless}/describe-budgets.json: unexpected content at Budgets.0.BudgetName: Invalid input: expected string, received undefined`,
    );
  });
});

describe('importSnapshot: the bundled export fills the billing slices', () => {
  it('both billing checks evaluate from it', async () => {
    const snapshot = await importSnapshot(EXPORT_FIXTURE);
    expect(statuses(runOne(billingBudgetAlert, snapshot))).toEqual(['pass']);
    expect(statuses(runOne(billingCur, snapshot))).toEqual(['pass']);
  });
});
