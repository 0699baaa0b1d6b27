import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  addAuthorizationDetailsPage,
  emptyAuthorizationDetails,
} from '../collectors/authorization-details.js';
import { ORG_POLICY_NAMES, orgPoliciesNotApplicable } from './org-policies.js';
import { TOOL } from '../version.js';
import { InputError } from './io.js';
import {
  importEventRules,
  importMetricAlarms,
  importMetricFilters,
  importSnsSubscriptions,
} from './import-alerting.js';
import { importAccessAnalyzers } from './import-analyzers.js';
import { importBudgets, importDataExports } from './import-billing.js';
import { importRootActivity } from './import-root-activity.js';
import { checkExportNames } from './export-names.js';
import { ALTERNATE_CONTACT_FILES, EXPORT_FILES, type ExportFile } from './import-files.js';
import { ExportReader, isoTimes, type Built } from './import-reader.js';
import {
  SLICE_NAMES,
  SNAPSHOT_SCHEMA_VERSION,
  sliceDataSchemas,
  type SliceData,
  type SliceName,
  type Slices,
  type Snapshot,
} from './schema.js';
import type { Slice } from './slice.js';

/** The slices an export directory can fill (all of them); a slice without its files is `skipped`. */
export const IMPORTED_SLICES: readonly SliceName[] = [
  'identity',
  'accountSummary',
  'credentialReport',
  'authorizationDetails',
  'passwordPolicy',
  'accountAliases',
  'virtualMfaDevices',
  'trails',
  'trailBuckets',
  'costAndUsageReports',
  'alternateContacts',
  'contactInformation',
  'organization',
  'serviceControlPolicies',
  'resourceControlPolicies',
  'dataExports',
  'budgets',
  'serverCertificates',
  'accessAnalyzers',
  'metricFilters',
  'metricAlarms',
  'eventRules',
  'snsSubscriptions',
  'rootActivity',
];

/**
 * Builds a snapshot from the JSON the AWS CLI prints (`aws iam get-account-authorization-details >
 * get-account-authorization-details.json`, ...) and the credential report CSV. The file names are
 * documented in docs/import.md; an absent file makes its slice `skipped`, never a failure.
 * Throws InputError (one line: the file and what was expected) for an unreadable directory, a file that
 * is not JSON, a JSON file of the wrong shape, a truncated credential report, a regional export whose region
 * is not an AWS region or a known file name in another case or format; `warn` hears of any other file the import
 * does not read.
 */
export async function importSnapshot(
  dir: string,
  options: { now?: Date; warn?: (message: string) => void } = {},
): Promise<Snapshot> {
  const files = await listDir(dir);
  checkExportNames(dir, files, options.warn ?? (() => undefined));
  const reader = new ExportReader(dir, files);
  const slices: Partial<Record<SliceName, Slice<unknown>>> = {};

  const set = async (
    slice: SliceName,
    file: ExportFile | readonly ExportFile[],
    build: (found: ExportFile) => Promise<unknown>,
  ): Promise<void> => {
    const names = typeof file === 'string' ? [file] : file;
    const found = names.find((n) => reader.has(n));
    if (!found) {
      slices[slice] = { status: 'skipped', reason: `no ${names.join(' or ')} in ${dir}` };
      return;
    }
    const data = await build(found);
    slices[slice] = {
      status: 'ok',
      data: validate(slice, data, join(dir, found), (path) => reader.locate(data, path)),
    };
  };
  /** Stores what a builder made of several files (its `file` names them when the data does not fit). */
  const put = async (slice: SliceName, built: Promise<Built>): Promise<void> => {
    const b = await built;
    slices[slice] =
      b.status === 'ok'
        ? { status: 'ok', data: validate(slice, b.data, b.file, (path) => reader.locate(b.data, path)) }
        : b;
  };
  const skipReason = (name: SliceName): string => {
    const s = slices[name];
    return s?.status === 'skipped' ? s.reason : '';
  };
  const okData = <K extends SliceName>(name: K): SliceData[K] | undefined =>
    slices[name]?.status === 'ok' ? (slices[name].data as SliceData[K]) : undefined;

  await set('identity', EXPORT_FILES.callerIdentity.name, (f) => reader.json(f, ['Account', 'Arn']));
  await set('accountSummary', EXPORT_FILES.accountSummary.name, (f) => reader.json(f, ['SummaryMap']));
  await set(
    'credentialReport',
    [EXPORT_FILES.credentialReportCsv.name, EXPORT_FILES.credentialReportJson.name],
    (f) =>
      f === EXPORT_FILES.credentialReportCsv.name
        ? reader.credentialReportCsv(f)
        : reader.credentialReportJson(f),
  );
  await set('authorizationDetails', EXPORT_FILES.authorizationDetails.name, async (f) => {
    const raw = await reader.json(f, ['UserDetailList']);
    const out = emptyAuthorizationDetails();
    addAuthorizationDetailsPage(out, raw);
    return out;
  });
  checkOneAccount(reader, slices);
  await set('passwordPolicy', EXPORT_FILES.passwordPolicy.name, (f) => reader.passwordPolicy(f));
  await set('accountAliases', EXPORT_FILES.accountAliases.name, (f) => reader.json(f, ['AccountAliases']));
  await set('virtualMfaDevices', EXPORT_FILES.virtualMfaDevices.name, (f) =>
    reader.json(f, ['VirtualMFADevices']),
  );
  await set('trails', EXPORT_FILES.trails.name, (f) => reader.trails(f));
  if (slices.trails?.status === 'ok') {
    const data = slices.trails.data as SliceData['trails'];
    const buckets = [...new Set(data.Trails.flatMap((t) => t.Trail.S3BucketName ?? []))].sort();
    const needed = buckets.map((b) => EXPORT_FILES.bucketPolicy.file(b));
    if (buckets.length === 0 || needed.some((n) => reader.has(n))) {
      const data = await reader.trailBuckets(buckets);
      slices.trailBuckets = {
        status: 'ok',
        data: validate('trailBuckets', data, join(dir, 'get-bucket-*'), (path) => reader.locate(data, path)),
      };
    } else {
      slices.trailBuckets = { status: 'skipped', reason: `no ${needed.join(' or ')} in ${dir}` };
    }
  } else {
    slices.trailBuckets = { status: 'skipped', reason: `needs describe-trails.json in ${dir}` };
  }
  await set('costAndUsageReports', EXPORT_FILES.reportDefinitions.name, (f) =>
    reader.json(f, ['ReportDefinitions']),
  );
  const contactFiles = Object.values(ALTERNATE_CONTACT_FILES);
  if (contactFiles.some((f) => reader.has(f))) {
    slices.alternateContacts = {
      status: 'ok',
      data: validate(
        'alternateContacts',
        await reader.alternateContacts(),
        join(dir, 'get-alternate-contact-*'),
      ),
    };
  } else {
    slices.alternateContacts = { status: 'skipped', reason: `no ${contactFiles.join(' or ')} in ${dir}` };
  }
  await set('contactInformation', EXPORT_FILES.contactInformation.name, (f) =>
    reader.json(f, ['ContactInformation']),
  );
  await set('organization', EXPORT_FILES.organization.name, (f) => reader.organization(f));
  // SCPs and RCPs are not imported (they take a walk up the organization tree); the membership alone
  // often says that none can apply.
  const organization = okData('organization');
  const account = accountOf(slices);
  for (const [slice, type] of [
    ['serviceControlPolicies', 'SERVICE_CONTROL_POLICY'],
    ['resourceControlPolicies', 'RESOURCE_CONTROL_POLICY'],
  ] as const) {
    const absent =
      organization && account ? orgPoliciesNotApplicable(organization, account, type) : undefined;
    slices[slice] = absent
      ? { status: 'ok', data: { NotApplicable: absent, Levels: [] } }
      : {
          status: 'skipped',
          reason: organization
            ? `${ORG_POLICY_NAMES[type]} are not read from AWS CLI exports: collect live (rampart collect) as the management account or a delegated administrator`
            : `needs describe-organization.json in ${dir}`,
        };
  }
  await set('serverCertificates', EXPORT_FILES.serverCertificates.name, async (f) => ({
    ServerCertificateMetadataList: isoTimes(
      await reader.list(f, 'ServerCertificateMetadataList'),
      /^(UploadDate|Expiration)$/,
    ),
  }));
  await put('accessAnalyzers', importAccessAnalyzers(reader));
  await put('dataExports', importDataExports(reader));
  await put('budgets', importBudgets(reader));
  // Root-activity alerting: each slice follows from the previous ones, as the live collectors do.
  const knownAccount = accountOf(slices);
  await put('metricFilters', importMetricFilters(reader, okData('trails'), knownAccount));
  await put('metricAlarms', importMetricAlarms(reader, okData('metricFilters'), skipReason('metricFilters')));
  await put('eventRules', importEventRules(reader));
  await put('rootActivity', importRootActivity(reader, okData('accountAliases')));
  await put('snsSubscriptions', importSnsSubscriptions(reader, okData('metricAlarms'), okData('eventRules')));

  for (const name of SLICE_NAMES) {
    slices[name] ??= {
      status: 'skipped',
      reason: 'not read from AWS CLI exports (collect it live with rampart collect)',
    };
  }

  const identity = okData('identity');
  const arn = identity?.Arn ?? firstArn(slices);
  const accountId = accountOf(slices);
  if (!accountId) {
    throw new InputError(
      `${dir}: cannot tell the account id: add get-caller-identity.json (aws sts get-caller-identity) or get-account-authorization-details.json`,
    );
  }
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    meta: {
      generatedAt: (options.now ?? new Date()).toISOString(),
      source: 'import',
      accountId,
      partition: arn?.split(':')[1] ?? 'aws',
      ...(identity ? { callerArn: identity.Arn } : {}),
      tool: TOOL,
    },
    slices: slices as Slices,
  };
}

async function listDir(dir: string): Promise<Set<string>> {
  try {
    return new Set(await readdir(dir));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such directory'
        : code === 'ENOTDIR'
          ? 'not a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : `cannot read (${code ?? 'error'})`;
    throw new InputError(`${dir}: ${why}; expected a directory of AWS CLI exports (see docs/import.md)`);
  }
}

/**
 * Checks the data against the slice schema. On a mismatch, `locate` (when given) finds the export file and the
 * field in it that the bad value came from; otherwise `file` is named with the path in the slice.
 */
function validate<K extends SliceName>(
  slice: K,
  data: unknown,
  file: string,
  locate?: (path: readonly PropertyKey[]) => { file: string; at: PropertyKey[] } | undefined,
): SliceData[K] {
  const parsed = sliceDataSchemas[slice].safeParse(JSON.parse(JSON.stringify(data ?? null)));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const found = issue ? locate?.(issue.path) : undefined;
    const path = found?.at ?? issue?.path ?? [];
    const where = path.length > 0 ? ` at ${path.map(String).join('.')}` : '';
    throw new InputError(
      `${found?.file ?? file}: unexpected content${where}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data as SliceData[K];
}

const ARN = /arn:aws[a-z-]*:(iam|sts|cloudtrail)::?[a-z0-9-]*:?(\d{12}):/;
function firstArn(slices: Partial<Record<SliceName, Slice<unknown>>>): string | undefined {
  for (const name of ['authorizationDetails', 'credentialReport', 'virtualMfaDevices', 'trails'] as const) {
    const s = slices[name];
    if (s?.status !== 'ok') continue;
    const match = ARN.exec(JSON.stringify(s.data));
    if (match) return match[0];
  }
  return undefined;
}
const accountOfArn = (arn: string): string | undefined => /:(\d{12}):/.exec(arn)?.[1];

type SliceMap = Partial<Record<SliceName, Slice<unknown>>>;
const okSlice = <K extends SliceName>(slices: SliceMap, name: K): SliceData[K] | undefined =>
  slices[name]?.status === 'ok' ? (slices[name].data as SliceData[K]) : undefined;

/**
 * Refuses exports of another account than the caller identity's: the snapshot would audit one account's
 * users under the other's id. The users, groups and roles and the credential report say whose they are.
 */
function checkOneAccount(reader: ExportReader, slices: SliceMap): void {
  const account = okSlice(slices, 'identity')?.Account;
  if (!account) return;
  for (const { file, arns } of accountArns(reader, slices)) {
    const other = arns.map(accountOfArn).find((a) => a !== undefined && a !== account);
    if (other) {
      throw new InputError(
        `${reader.path(file)} is of account ${other} but ${reader.path(EXPORT_FILES.callerIdentity.name)} is of account ${account}: export one account`,
      );
    }
  }
}

/** The ARNs of the exports that name their own account, by file. */
function accountArns(reader: ExportReader, slices: SliceMap): { file: string; arns: string[] }[] {
  const out = [];
  const authz = okSlice(slices, 'authorizationDetails');
  if (authz) {
    const { UserDetailList, GroupDetailList, RoleDetailList } = authz;
    out.push({
      file: EXPORT_FILES.authorizationDetails.name,
      arns: [...UserDetailList, ...GroupDetailList, ...RoleDetailList].map((p) => p.Arn),
    });
  }
  const report = okSlice(slices, 'credentialReport');
  if (report) {
    // The CSV is read when both are present.
    const { credentialReportCsv: csv, credentialReportJson: json } = EXPORT_FILES;
    const file = reader.has(csv.name) ? csv.name : json.name;
    out.push({ file, arns: report.rows.map((r) => r.arn) });
  }
  return out;
}

/** The account id: from get-caller-identity.json, else from an ARN in the other exports. */
function accountOf(slices: Partial<Record<SliceName, Slice<unknown>>>): string | undefined {
  const identity = slices.identity;
  if (identity?.status === 'ok') return (identity.data as SliceData['identity']).Account;
  const arn = firstArn(slices);
  return arn ? accountOfArn(arn) : undefined;
}
