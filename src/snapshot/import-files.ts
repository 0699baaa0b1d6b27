// The export files `rampart import` reads (docs/import.md): the one list of them. The readers build every name
// they open from these forms, and the name check (export-names.ts) accepts exactly these forms, so a file
// that is read can never be reported unknown, nor a known name go unread (import-files.test.ts).

declare const exportFile: unique symbol;
/** A file name made by one of the forms below: the only kind of name ExportReader opens. */
export type ExportFile = string & { readonly [exportFile]: true };

/** `<name>`. */
export interface FixedFile {
  kind: 'fixed';
  name: ExportFile;
}
/** `<prefix><resource>.json`; `what` says what the resource is (in hints: `<prefix><what>.json`). */
export interface PerResourceFile {
  kind: 'perResource';
  prefix: string;
  what: string;
  file: (resource: string) => ExportFile;
}
/** `<command>.<region>.json`: the command answers for one region. */
export interface RegionalFile {
  kind: 'regional';
  command: string;
  file: (region: string) => ExportFile;
}
/** `<prefix><resource>.<region>.json`. */
export interface RegionalPerResourceFile {
  kind: 'regionalPerResource';
  prefix: string;
  what: string;
  file: (resource: string, region: string) => ExportFile;
}
export type ExportForm = FixedFile | PerResourceFile | RegionalFile | RegionalPerResourceFile;

const fixed = (name: string): FixedFile => ({ kind: 'fixed', name: name as ExportFile });
const perResource = (prefix: string, what: string): PerResourceFile => ({
  kind: 'perResource',
  prefix,
  what,
  file: (resource) => `${prefix}${resource}.json` as ExportFile,
});
const regional = (command: string): RegionalFile => ({
  kind: 'regional',
  command,
  file: (region) => `${command}.${region}.json` as ExportFile,
});
const regionalPerResource = (prefix: string, what: string): RegionalPerResourceFile => ({
  kind: 'regionalPerResource',
  prefix,
  what,
  file: (resource, region) => `${prefix}${resource}.${region}.json` as ExportFile,
});

/**
 * In the order of the docs/import.md table. The name check tries the forms of a kind in this order (the first
 * near one is the hint), so reordering changes which name a typo is said to resemble.
 */
export const EXPORT_FILES = {
  callerIdentity: fixed('get-caller-identity.json'),
  accountSummary: fixed('get-account-summary.json'),
  credentialReportCsv: fixed('credential-report.csv'),
  credentialReportJson: fixed('get-credential-report.json'),
  authorizationDetails: fixed('get-account-authorization-details.json'),
  passwordPolicy: fixed('get-account-password-policy.json'),
  accountAliases: fixed('list-account-aliases.json'),
  virtualMfaDevices: fixed('list-virtual-mfa-devices.json'),
  trails: fixed('describe-trails.json'),
  trailStatus: perResource('get-trail-status-', 'trail name'),
  eventSelectors: perResource('get-event-selectors-', 'trail name'),
  bucketPolicy: perResource('get-bucket-policy-', 'bucket'),
  publicAccessBlock: perResource('get-public-access-block-', 'bucket'),
  bucketEncryption: perResource('get-bucket-encryption-', 'bucket'),
  bucketLogging: perResource('get-bucket-logging-', 'bucket'),
  reportDefinitions: fixed('describe-report-definitions.json'),
  securityContact: fixed('get-alternate-contact-security.json'),
  billingContact: fixed('get-alternate-contact-billing.json'),
  operationsContact: fixed('get-alternate-contact-operations.json'),
  contactInformation: fixed('get-contact-information.json'),
  organization: fixed('describe-organization.json'),
  account: fixed('describe-account.json'),
  serverCertificates: fixed('list-server-certificates.json'),
  regions: fixed('list-regions.json'),
  analyzers: regional('list-analyzers'),
  dataExports: fixed('list-exports.json'),
  dataExport: perResource('get-export-', 'export name'),
  budgets: fixed('describe-budgets.json'),
  budgetNotifications: perResource('describe-notifications-for-budget-', 'budget'),
  // `<budget>-<n>`: the resource is the budget and the notification's position.
  notificationSubscribers: perResource('describe-subscribers-for-notification-', 'budget>-<n'),
  metricFilters: regional('describe-metric-filters'),
  alarms: regional('describe-alarms'),
  rules: regional('list-rules'),
  ruleTargets: regionalPerResource('list-targets-by-rule-', 'rule'),
  subscriptions: regional('list-subscriptions'),
  topicSubscriptions: regionalPerResource('list-subscriptions-by-topic-', 'topic name'),
  lookupEvents: regionalPerResource('lookup-events-', 'user name'),
} as const satisfies Record<string, ExportForm>;

export type ExportFormName = keyof typeof EXPORT_FILES;

/** The forms of one kind, in registry order. */
export function formsOf<K extends ExportForm['kind']>(kind: K): Extract<ExportForm, { kind: K }>[] {
  return Object.values(EXPORT_FILES).filter(
    (form): form is Extract<ExportForm, { kind: K }> => form.kind === kind,
  );
}

/** The alternate contact files, by the contact type the account API names. */
export const ALTERNATE_CONTACT_FILES = {
  SECURITY: EXPORT_FILES.securityContact.name,
  BILLING: EXPORT_FILES.billingContact.name,
  OPERATIONS: EXPORT_FILES.operationsContact.name,
} as const;
