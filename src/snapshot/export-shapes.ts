import { z } from 'zod';
import { eventSelectorsSchema, trailSchema } from './aws-shapes.js';

// The JSON each AWS CLI command prints, as far as the import reads it: the type of every field it uses.
// Checked when a file is read, so a field of the wrong type is an error naming that file and field instead
// of reading as "absent" (a bucket policy of 12345 must not mean "no bucket policy"). Loose: other fields
// are kept as they are.

const objects = z.array(z.looseObject({}));
const list = (field: string) => z.looseObject({ [field]: objects });
const object = (field: string) => z.looseObject({ [field]: z.looseObject({}) });
/** Users, groups and roles: their ARNs say which account the export is of. */
const principals = z.array(z.looseObject({ Arn: z.string() }));

/** By file name without `.json` and region, as commandOf matches them; the first match applies. */
const SHAPES: [RegExp, z.ZodType][] = [
  [/^get-caller-identity$/, z.looseObject({ Account: z.string(), Arn: z.string(), UserId: z.string() })],
  [/^get-account-summary$/, z.looseObject({ SummaryMap: z.record(z.string(), z.number()) })],
  [/^get-credential-report$/, z.looseObject({ Content: z.string(), GeneratedTime: z.string() })],
  [
    /^get-account-authorization-details$/,
    z.looseObject({
      UserDetailList: principals,
      GroupDetailList: principals.optional(),
      RoleDetailList: principals.optional(),
      Policies: objects.optional(),
    }),
  ],
  [/^get-account-password-policy$/, object('PasswordPolicy')],
  [/^list-account-aliases$/, z.looseObject({ AccountAliases: z.array(z.string()) })],
  [/^list-virtual-mfa-devices$/, list('VirtualMFADevices')],
  [/^describe-trails$/, z.looseObject({ trailList: z.array(trailSchema) })],
  [/^get-trail-status-/, z.looseObject({ IsLogging: z.boolean().optional() })],
  [/^get-event-selectors-/, eventSelectorsSchema],
  [/^get-bucket-policy-/, z.looseObject({ Policy: z.string() })],
  [/^get-public-access-block-/, object('PublicAccessBlockConfiguration')],
  [/^get-bucket-encryption-/, object('ServerSideEncryptionConfiguration')],
  [/^get-bucket-logging-/, z.looseObject({ LoggingEnabled: z.looseObject({}).optional() })],
  [/^describe-report-definitions$/, list('ReportDefinitions')],
  [/^get-alternate-contact-/, object('AlternateContact')],
  [/^get-contact-information$/, object('ContactInformation')],
  [/^describe-organization$/, object('Organization')],
  [/^describe-account$/, object('Account')],
  [/^list-server-certificates$/, list('ServerCertificateMetadataList')],
  [/^list-regions$/, list('Regions')],
  [/^list-analyzers$/, list('analyzers')],
  [/^list-exports$/, list('Exports')],
  [/^get-export-/, object('Export')],
  [/^describe-budgets$/, list('Budgets')],
  [/^describe-notifications-for-budget-/, list('Notifications')],
  [/^describe-subscribers-for-notification-/, list('Subscribers')],
  [/^describe-metric-filters$/, list('metricFilters')],
  [/^describe-alarms$/, list('MetricAlarms')],
  [/^list-rules$/, list('Rules')],
  [/^list-targets-by-rule-/, list('Targets')],
  [/^list-subscriptions(-by-topic-.*)?$/, list('Subscriptions')],
  [/^lookup-events-/, list('Events')],
];

/** The shape of the command output a file holds; undefined for a file the import does not read. */
export function exportShapeOf(file: string): z.ZodType | undefined {
  const base = file.replace(/\.json$/, '').replace(/\.[a-z]{2,4}(?:-[a-z]+)+-\d+$/, '');
  return SHAPES.find(([re]) => re.test(base))?.[1];
}
