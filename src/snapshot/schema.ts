import { z } from 'zod';
import * as shapes from './aws-shapes.js';
import { sliceSchema, type Slice } from './slice.js';

export const SNAPSHOT_SCHEMA_VERSION = 1;

/** Every slice a snapshot can hold: one per AWS API surface. Adding a slice = one line here + a collector. */
export const sliceDataSchemas = {
  identity: shapes.callerIdentitySchema,
  accountSummary: shapes.accountSummarySchema,
  credentialReport: shapes.credentialReportSchema,
  authorizationDetails: shapes.authorizationDetailsSchema,
  passwordPolicy: shapes.passwordPolicySchema,
  accountAliases: shapes.accountAliasesSchema,
  virtualMfaDevices: shapes.virtualMfaDevicesSchema,
  trails: shapes.trailsSchema,
  trailBuckets: shapes.trailBucketsSchema,
  costAndUsageReports: shapes.costAndUsageReportsSchema,
  alternateContacts: shapes.alternateContactsSchema,
  contactInformation: shapes.contactInformationSchema,
  organization: shapes.organizationSchema,
  serviceControlPolicies: shapes.serviceControlPoliciesSchema,
  resourceControlPolicies: shapes.serviceControlPoliciesSchema,
  dataExports: shapes.dataExportsSchema,
  budgets: shapes.budgetsSchema,
  serverCertificates: shapes.serverCertificatesSchema,
  accessAnalyzers: shapes.accessAnalyzersSchema,
  rootActivity: shapes.rootActivitySchema,
  metricFilters: shapes.metricFiltersSchema,
  metricAlarms: shapes.metricAlarmsSchema,
  eventRules: shapes.eventRulesSchema,
  snsSubscriptions: shapes.snsSubscriptionsSchema,
} as const;

export type SliceName = keyof typeof sliceDataSchemas;
export const SLICE_NAMES = Object.keys(sliceDataSchemas) as SliceName[];
export type SliceData = { [K in SliceName]: z.infer<(typeof sliceDataSchemas)[K]> };
export type Slices = { [K in SliceName]: Slice<SliceData[K]> };

const NOT_IN_SNAPSHOT = { status: 'skipped', reason: 'not present in this snapshot' } as const;

const slicesSchema = z.object(
  Object.fromEntries(
    SLICE_NAMES.map((name) => [name, sliceSchema(sliceDataSchemas[name]).default(NOT_IN_SNAPSHOT)]),
  ) as unknown as Record<SliceName, z.ZodType>,
);

export const snapshotSourceSchema = z.enum(['live', 'import', 'fixture', 'example']);
export type SnapshotSource = z.infer<typeof snapshotSourceSchema>;

export const snapshotMetaSchema = z.object({
  generatedAt: z.iso.datetime({ offset: true }),
  source: snapshotSourceSchema,
  accountId: z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id'),
  partition: z.string().default('aws'),
  region: z.string().optional(),
  callerArn: z.string().optional(),
  tool: z.object({ name: z.string(), version: z.string() }),
  collection: z
    .object({
      apiCalls: z.record(z.string(), z.number().int().nonnegative()),
      durationMs: z.number().nonnegative(),
    })
    .optional(),
});
export type SnapshotMeta = z.infer<typeof snapshotMetaSchema>;

export const snapshotSchema = z.object({
  schemaVersion: z.literal(SNAPSHOT_SCHEMA_VERSION),
  meta: snapshotMetaSchema,
  slices: slicesSchema,
});

export interface Snapshot {
  schemaVersion: typeof SNAPSHOT_SCHEMA_VERSION;
  meta: SnapshotMeta;
  slices: Slices;
}
