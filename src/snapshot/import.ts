import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  addAuthorizationDetailsPage,
  emptyAuthorizationDetails,
} from '../collectors/authorization-details.js';
import { decodePolicyDocument, omit } from '../collectors/util.js';
import { TOOL } from '../version.js';
import {
  CredentialReportFormatError,
  decodeCredentialReportContent,
  parseCredentialReport,
} from './credential-report.js';
import { InputError } from './io.js';
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

/** The slices an export directory can fill; the others are always `skipped` in an imported snapshot. */
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
];

/**
 * Builds a snapshot from the JSON the AWS CLI prints (`aws iam get-account-authorization-details >
 * get-account-authorization-details.json`, ...) and the credential report CSV. The file names are
 * documented in docs/import.md; an absent file makes its slice `skipped`, never a failure.
 * Throws InputError (one line: the file and what was expected) for an unreadable directory, a file that
 * is not JSON, a JSON file of the wrong shape, or a truncated credential report.
 */
export async function importSnapshot(dir: string, options: { now?: Date } = {}): Promise<Snapshot> {
  const files = await listDir(dir);
  const reader = new ExportReader(dir, files);
  const slices: Partial<Record<SliceName, Slice<unknown>>> = {};

  const set = async (
    slice: SliceName,
    file: string | readonly string[],
    build: (found: string) => Promise<unknown>,
  ): Promise<void> => {
    const names = typeof file === 'string' ? [file] : file;
    const found = names.find((n) => files.has(n));
    if (!found) {
      slices[slice] = { status: 'skipped', reason: `no ${names.join(' or ')} in ${dir}` };
      return;
    }
    slices[slice] = { status: 'ok', data: validate(slice, await build(found), join(dir, found)) };
  };

  await set('identity', 'get-caller-identity.json', (f) => reader.json(f, ['Account', 'Arn']));
  await set('accountSummary', 'get-account-summary.json', (f) => reader.json(f, ['SummaryMap']));
  await set('credentialReport', ['credential-report.csv', 'get-credential-report.json'], (f) =>
    f.endsWith('.csv') ? reader.credentialReportCsv(f) : reader.credentialReportJson(f),
  );
  await set('authorizationDetails', 'get-account-authorization-details.json', async (f) => {
    const raw = await reader.json(f, ['UserDetailList']);
    const out = emptyAuthorizationDetails();
    addAuthorizationDetailsPage(out, raw);
    return out;
  });
  await set('passwordPolicy', 'get-account-password-policy.json', (f) => reader.passwordPolicy(f));
  await set('accountAliases', 'list-account-aliases.json', (f) => reader.json(f, ['AccountAliases']));
  await set('virtualMfaDevices', 'list-virtual-mfa-devices.json', (f) =>
    reader.json(f, ['VirtualMFADevices']),
  );
  await set('trails', 'describe-trails.json', (f) => reader.trails(f));
  if (slices.trails?.status === 'ok') {
    const data = slices.trails.data as SliceData['trails'];
    const buckets = [...new Set(data.Trails.flatMap((t) => t.Trail.S3BucketName ?? []))].sort();
    const needed = buckets.map((b) => `get-bucket-policy-${b}.json`);
    if (buckets.length === 0 || needed.some((n) => files.has(n))) {
      slices.trailBuckets = {
        status: 'ok',
        data: validate('trailBuckets', await reader.trailBuckets(buckets), join(dir, 'get-bucket-*')),
      };
    } else {
      slices.trailBuckets = { status: 'skipped', reason: `no ${needed.join(' or ')} in ${dir}` };
    }
  } else {
    slices.trailBuckets = { status: 'skipped', reason: `needs describe-trails.json in ${dir}` };
  }
  await set('costAndUsageReports', 'describe-report-definitions.json', (f) =>
    reader.json(f, ['ReportDefinitions']),
  );
  const contactFiles = ['security', 'billing', 'operations'].map((t) => `get-alternate-contact-${t}.json`);
  if (contactFiles.some((f) => files.has(f))) {
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
  await set('contactInformation', 'get-contact-information.json', (f) =>
    reader.json(f, ['ContactInformation']),
  );
  await set('organization', 'describe-organization.json', (f) => reader.organization(f));

  for (const name of SLICE_NAMES) {
    slices[name] ??= {
      status: 'skipped',
      reason: 'not read from AWS CLI exports (collect it live with rampart collect)',
    };
  }

  const identity =
    slices.identity?.status === 'ok' ? (slices.identity.data as SliceData['identity']) : undefined;
  const arn = identity?.Arn ?? firstArn(slices);
  const accountId = identity?.Account ?? (arn ? accountOfArn(arn) : undefined);
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

function validate<K extends SliceName>(slice: K, data: unknown, file: string): SliceData[K] {
  const parsed = sliceDataSchemas[slice].safeParse(JSON.parse(JSON.stringify(data ?? null)));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.map(String).join('.')}` : '';
    throw new InputError(`${file}: unexpected content${where}: ${issue?.message ?? 'invalid'}`);
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

/** Text the AWS CLI prints (on stderr, so it ends up in a file only with 2>&1) when there is no password policy. */
const NO_PASSWORD_POLICY = /NoSuchEntity|cannot be found/;

class ExportReader {
  constructor(
    private readonly dir: string,
    private readonly files: ReadonlySet<string>,
  ) {}

  private path(file: string): string {
    return join(this.dir, file);
  }

  async text(file: string): Promise<string> {
    try {
      return await readFile(this.path(file), 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new InputError(
        `${this.path(file)}: cannot read (${code === 'EISDIR' ? 'is a directory' : (code ?? 'error')})`,
      );
    }
  }

  /** Parses a JSON export and checks it is an object with the fields the named command prints. */
  async json(file: string, fields: readonly string[] = []): Promise<Record<string, unknown>> {
    const text = await this.text(file);
    const command = commandOf(file);
    if (text.trim() === '') {
      throw new InputError(
        `${this.path(file)}: empty; expected the JSON output of \`${command}\` (did the command fail?)`,
      );
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
      throw new InputError(
        `${this.path(file)}: not valid JSON (${why}); expected the output of \`${command}\``,
      );
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new InputError(`${this.path(file)}: expected a JSON object, the output of \`${command}\``);
    }
    const missing = fields.filter((f) => !(f in value));
    if (missing.length > 0) {
      throw new InputError(
        `${this.path(file)}: no ${missing.join(', ')} field; expected the output of \`${command}\``,
      );
    }
    return value as Record<string, unknown>;
  }

  async credentialReportCsv(file: string): Promise<SliceData['credentialReport']> {
    const text = await this.text(file);
    const rows = this.parseReport(text, file);
    // The CSV carries no generation time: the file's modification time is the best available bound.
    const { mtime } = await stat(this.path(file));
    return { GeneratedTime: mtime.toISOString(), rows };
  }

  async credentialReportJson(file: string): Promise<SliceData['credentialReport']> {
    const raw = await this.json(file, ['Content']);
    if (typeof raw.Content !== 'string') {
      throw new InputError(
        `${this.path(file)}: Content is not base64 text; expected the output of \`aws iam get-credential-report\``,
      );
    }
    const rows = this.parseReport(decodeCredentialReportContent(raw.Content), file);
    const generated = typeof raw.GeneratedTime === 'string' ? new Date(raw.GeneratedTime) : undefined;
    if (!generated || Number.isNaN(generated.getTime())) {
      throw new InputError(
        `${this.path(file)}: no valid GeneratedTime; expected the output of \`aws iam get-credential-report\``,
      );
    }
    return { GeneratedTime: generated.toISOString(), rows };
  }

  private parseReport(csv: string, file: string) {
    try {
      return parseCredentialReport(csv, this.path(file));
    } catch (err) {
      if (err instanceof CredentialReportFormatError) throw new InputError(err.message);
      throw err;
    }
  }

  /**
   * `aws iam get-account-password-policy` prints nothing on stdout when the account has no policy (the
   * NoSuchEntity error goes to stderr). So an empty file, `{}`, or a file holding that error text all
   * mean "no password policy" (PasswordPolicy null), which is what the live collector records too.
   */
  async passwordPolicy(file: string): Promise<SliceData['passwordPolicy']> {
    const text = await this.text(file);
    if (text.trim() === '' || text.trim() === '{}' || NO_PASSWORD_POLICY.test(text))
      return { PasswordPolicy: null };
    return (await this.json(file, ['PasswordPolicy'])) as SliceData['passwordPolicy'];
  }

  async trails(file: string): Promise<unknown> {
    const raw = await this.json(file, ['trailList']);
    const list = Array.isArray(raw.trailList) ? (raw.trailList as Record<string, unknown>[]) : [];
    const seen = new Set<string>();
    const Trails = [];
    for (const trail of list) {
      const key = String(trail.TrailARN ?? trail.Name);
      if (seen.has(key)) continue;
      seen.add(key);
      const name = String(trail.Name);
      const errors: { part: string; message: string; action: string }[] = [];
      const part = async (prefix: string, label: string, action: string): Promise<unknown> => {
        const f = `${prefix}-${name}.json`;
        if (!this.files.has(f)) {
          errors.push({ part: label, message: `no ${f} in ${this.dir}`, action });
          return null;
        }
        return epochTimesToIso(omit(await this.json(f), ['TrailARN']));
      };
      const Status = await part('get-trail-status', 'GetTrailStatus', 'cloudtrail:GetTrailStatus');
      const Selectors = await part(
        'get-event-selectors',
        'GetEventSelectors',
        'cloudtrail:GetEventSelectors',
      );
      Trails.push({ Trail: trail, Status, Selectors, errors });
    }
    return { Trails };
  }

  async trailBuckets(names: string[]): Promise<unknown> {
    const Buckets = [];
    for (const Name of names) {
      const errors: { part: string; message: string; action: string }[] = [];
      const part = async (
        prefix: string,
        label: string,
        action: string,
        whenEmpty: Record<string, unknown> | null = null,
      ): Promise<Record<string, unknown> | null> => {
        const f = `${prefix}-${Name}.json`;
        if (!this.files.has(f)) {
          errors.push({ part: label, message: `no ${f} in ${this.dir}`, action });
          return null;
        }
        const text = await this.text(f);
        // Empty: the CLI printed nothing. For logging that means "not enabled" ({} like the API); for the
        // others the command failed because the bucket has none (NoSuch... on stderr), as does that text.
        if (text.trim() === '') return whenEmpty;
        if (/NoSuch|NotFound/.test(text)) return null;
        return this.json(f);
      };
      const policy = await part('get-bucket-policy', 'GetBucketPolicy', 's3:GetBucketPolicy');
      const PublicAccessBlock = await part(
        'get-public-access-block',
        'GetPublicAccessBlock',
        's3:GetBucketPublicAccessBlock',
      );
      const Encryption = await part(
        'get-bucket-encryption',
        'GetBucketEncryption',
        's3:GetEncryptionConfiguration',
      );
      const Logging = await part('get-bucket-logging', 'GetBucketLogging', 's3:GetBucketLogging', {});
      let Policy: unknown = null;
      if (policy && typeof policy.Policy === 'string') {
        try {
          Policy = decodePolicyDocument(policy.Policy);
        } catch {
          throw new InputError(
            `${this.path(`get-bucket-policy-${Name}.json`)}: Policy is not a JSON policy document`,
          );
        }
      }
      Buckets.push({ Name, Policy, PublicAccessBlock, Encryption, Logging, errors });
    }
    return { Buckets };
  }

  async alternateContacts(): Promise<unknown> {
    const out: Record<string, unknown> = {};
    for (const type of ['SECURITY', 'BILLING', 'OPERATIONS']) {
      const f = `get-alternate-contact-${type.toLowerCase()}.json`;
      const text = this.files.has(f) ? await this.text(f) : '';
      // Absent or empty (ResourceNotFoundException on stderr): no contact of this type.
      out[type] =
        text.trim() === '' || text.includes('ResourceNotFound')
          ? null
          : ((await this.json(f, ['AlternateContact'])).AlternateContact ?? null);
    }
    return out;
  }

  async organization(file: string): Promise<unknown> {
    const text = await this.text(file);
    // AWSOrganizationsNotInUseException: the account is not in an organization.
    if (text.trim() === '' || text.includes('AWSOrganizationsNotInUse'))
      return { Organization: null, Account: null };
    const org = await this.json(file, ['Organization']);
    let Account: unknown = null;
    if (this.files.has('describe-account.json')) {
      const acct = await this.text('describe-account.json');
      if (acct.trim() !== '' && !acct.includes('AccessDenied'))
        Account = (await this.json('describe-account.json', ['Account'])).Account;
    }
    return { Organization: org.Organization, Account };
  }
}

/**
 * AWS CLI v1 prints the timestamps of JSON-protocol services (CloudTrail) as epoch seconds, v2 as ISO
 * text; the live collector stores ISO. Top-level `...Time` numbers become ISO so both agree.
 */
function epochTimesToIso(obj: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(obj).map(([k, v]) => [
      k,
      k.endsWith('Time') && typeof v === 'number' ? new Date(v * 1000).toISOString() : v,
    ]),
  );
}

/** `get-trail-status-main.json` -> `aws cloudtrail get-trail-status`, for error messages. */
function commandOf(file: string): string {
  const base = file.replace(/\.json$/, '');
  const known: [RegExp, string][] = [
    [/^get-caller-identity$/, 'aws sts get-caller-identity'],
    [/^get-trail-status-/, 'aws cloudtrail get-trail-status --name NAME'],
    [/^get-event-selectors-/, 'aws cloudtrail get-event-selectors --trail-name NAME'],
    [/^describe-trails$/, 'aws cloudtrail describe-trails --include-shadow-trails'],
    [/^get-bucket-policy-/, 'aws s3api get-bucket-policy --bucket BUCKET'],
    [/^get-public-access-block-/, 'aws s3api get-public-access-block --bucket BUCKET'],
    [/^get-bucket-encryption-/, 'aws s3api get-bucket-encryption --bucket BUCKET'],
    [/^get-bucket-logging-/, 'aws s3api get-bucket-logging --bucket BUCKET'],
    [/^describe-report-definitions$/, 'aws cur describe-report-definitions --region us-east-1'],
    [/^get-alternate-contact-/, 'aws account get-alternate-contact --alternate-contact-type TYPE'],
    [/^get-contact-information$/, 'aws account get-contact-information'],
    [/^describe-organization$/, 'aws organizations describe-organization'],
    [/^describe-account$/, 'aws organizations describe-account --account-id ID'],
  ];
  for (const [re, command] of known) if (re.test(base)) return command;
  return `aws iam ${base}`;
}
