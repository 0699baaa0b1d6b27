import { accessAnalyzersCollector } from './access-analyzers.js';
import { accountAliasesCollector } from './account-aliases.js';
import { accountSummaryCollector } from './account-summary.js';
import { alternateContactsCollector } from './alternate-contacts.js';
import { authorizationDetailsCollector } from './authorization-details.js';
import { budgetsCollector } from './budgets.js';
import { contactInformationCollector } from './contact-information.js';
import { costAndUsageReportsCollector } from './cost-and-usage-reports.js';
import { credentialReportCollector } from './credential-report.js';
import { dataExportsCollector } from './data-exports.js';
import { organizationCollector } from './organization.js';
import { passwordPolicyCollector } from './password-policy.js';
import { serverCertificatesCollector } from './server-certificates.js';
import {
  resourceControlPoliciesCollector,
  serviceControlPoliciesCollector,
} from './service-control-policies.js';
import { rootActivityCollector } from './root-activity.js';
import { metricFiltersCollector } from './metric-filters.js';
import { metricAlarmsCollector } from './metric-alarms.js';
import { eventRulesCollector } from './event-rules.js';
import { snsSubscriptionsCollector } from './sns-subscriptions.js';
import { trailBucketsCollector } from './trail-buckets.js';
import { trailsCollector } from './trails.js';
import type { SliceName } from '../snapshot/schema.js';
import type { Collector } from './types.js';
import { virtualMfaDevicesCollector } from './virtual-mfa-devices.js';

/** Every collector except identity (which always runs first). One per slice. */
export const COLLECTORS: readonly Collector[] = [
  accountSummaryCollector,
  credentialReportCollector,
  authorizationDetailsCollector,
  passwordPolicyCollector,
  accountAliasesCollector,
  virtualMfaDevicesCollector,
  trailsCollector,
  trailBucketsCollector,
  costAndUsageReportsCollector,
  alternateContactsCollector,
  contactInformationCollector,
  organizationCollector,
  serviceControlPoliciesCollector,
  resourceControlPoliciesCollector,
  dataExportsCollector,
  budgetsCollector,
  serverCertificatesCollector,
  accessAnalyzersCollector,
  rootActivityCollector,
  metricFiltersCollector,
  metricAlarmsCollector,
  eventRulesCollector,
  snsSubscriptionsCollector,
];

/** These slices and, transitively, the slices their collectors read first (in COLLECTORS order). */
export function withDependencies(slices: readonly SliceName[]): SliceName[] {
  const wanted = new Set<SliceName>();
  const add = (name: SliceName): void => {
    if (wanted.has(name)) return;
    wanted.add(name);
    for (const d of COLLECTORS.find((c) => c.slice === name)?.dependsOn ?? []) add(d);
  };
  for (const s of slices) add(s);
  return COLLECTORS.map((c) => c.slice).filter((s) => wanted.has(s));
}
