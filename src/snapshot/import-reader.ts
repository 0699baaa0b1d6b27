import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { decodePolicyDocument, omit } from '../collectors/util.js';
import {
  CredentialReportFormatError,
  decodeCredentialReportContent,
  parseCredentialReport,
} from './credential-report.js';
import { exportShapeOf } from './export-shapes.js';
import {
  ALTERNATE_CONTACT_FILES,
  EXPORT_FILES,
  type ExportFile,
  type PerResourceFile,
} from './import-files.js';
import { InputError } from './io.js';
import type { SliceData } from './schema.js';
import { parseJsonOr } from '../json-problem.js';

/** Text the AWS CLI prints (on stderr, so it ends up in a file only with 2>&1) when there is no password policy. */
const NO_PASSWORD_POLICY = /NoSuchEntity|cannot be found/;

/**
 * Reads the files of one export directory; every failure is an InputError naming the file. It opens only an
 * ExportFile, a name made from the registry (import-files.ts), so the name check knows every file it reads.
 */
export class ExportReader {
  /** Where each object read from a file came from: a slice that does not fit its schema names the file and field. */
  private readonly origins = new WeakMap<object, { file: string; at: PropertyKey[] }>();

  constructor(
    readonly dir: string,
    private readonly files: ReadonlySet<string>,
  ) {}

  /**
   * The file (and the path in it) that `path` in `data`, a slice built from this reader's objects, came from:
   * the deepest object on the path that was read from a file.
   */
  locate(data: unknown, path: readonly PropertyKey[]): { file: string; at: PropertyKey[] } | undefined {
    let node = data;
    let found: { file: string; at: PropertyKey[] } | undefined;
    const visit = (i: number): void => {
      if (typeof node !== 'object' || node === null) return;
      const origin = this.origins.get(node);
      if (origin) found = { file: this.path(origin.file), at: [...origin.at, ...path.slice(i)] };
    };
    path.forEach((key, i) => {
      visit(i);
      node =
        typeof node === 'object' && node !== null ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    });
    visit(path.length);
    return found;
  }

  private mark(value: unknown, file: string, at: PropertyKey[]): void {
    if (typeof value === 'object' && value !== null) this.origins.set(value, { file, at });
  }

  path(file: string): string {
    return join(this.dir, file);
  }

  /** When the file was last written: the only clue to when an export was taken. */
  async mtime(file: ExportFile): Promise<Date> {
    return (await stat(this.path(file))).mtime;
  }

  has(file: ExportFile): boolean {
    return this.files.has(file);
  }

  /** "no FILE in DIR": the reason of a skipped slice and the message of a missing part. */
  missing(...files: string[]): string {
    return `no ${files.join(' or ')} in ${this.dir}`;
  }

  /**
   * The regions exported for a regional command: `<command>.<region>.json` files, sorted (`command`: a regional
   * form's command, or a regional per-resource form's prefix and resource). A file without the region
   * (`<command>.json`) is an error: the CLI prints one region's answer, and guessing which would let a region
   * that was never exported look checked.
   */
  regions(command: string): string[] {
    if (this.files.has(`${command}.json`)) {
      throw new InputError(
        `${this.path(`${command}.json`)}: \`${commandOf(command)}\` answers for one region: name the file ${command}.<region>.json (e.g. ${command}.us-east-1.json)`,
      );
    }
    const prefix = `${command}.`;
    return [...this.files]
      .filter((f) => f.startsWith(prefix) && f.endsWith('.json'))
      .map((f) => f.slice(prefix.length, -'.json'.length))
      .filter((r) => REGION.test(r))
      .sort();
  }

  /**
   * The list `field` of a JSON export. Some services omit an empty list, so the CLI prints `{}`: that is
   * an empty list; any other object without the field is the output of another command.
   */
  async list(file: ExportFile, field: string): Promise<Record<string, unknown>[]> {
    if ((await this.text(file)).trim() === '{}') return [];
    const value = (await this.json(file, [field]))[field];
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'object' || v === null)) {
      throw new InputError(
        `${this.path(file)}: ${field} is not a list of objects; expected the output of \`${commandOf(file)}\``,
      );
    }
    return value as Record<string, unknown>[];
  }

  async text(file: ExportFile): Promise<string> {
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
  async json(file: ExportFile, fields: readonly string[] = []): Promise<Record<string, unknown>> {
    const text = await this.text(file);
    const command = commandOf(file);
    if (text.trim() === '') {
      throw new InputError(
        `${this.path(file)}: empty; expected the JSON output of \`${command}\` (did the command fail?)`,
      );
    }
    const value = parseJsonOr(
      text,
      (why) =>
        new InputError(`${this.path(file)}: not valid JSON: ${why}; expected the output of \`${command}\``),
    );
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new InputError(`${this.path(file)}: expected a JSON object, the output of \`${command}\``);
    }
    const missing = fields.filter((f) => !(f in value));
    if (missing.length > 0) {
      throw new InputError(
        `${this.path(file)}: no ${missing.join(', ')} field; expected the output of \`${command}\``,
      );
    }
    this.checkShape(file, value);
    this.mark(value, file, []);
    for (const [key, field] of Object.entries(value)) {
      this.mark(field, file, [key]);
      if (Array.isArray(field)) {
        field.forEach((item, i) => {
          this.mark(item, file, [key, i]);
        });
      }
    }
    return value as Record<string, unknown>;
  }

  /** A field of the wrong type is an error naming it: read as absent, it could make a check pass. */
  private checkShape(file: string, value: object): void {
    const parsed = exportShapeOf(file)?.safeParse(value);
    const issue = parsed?.success === false ? parsed.error.issues[0] : undefined;
    if (!issue) return;
    throw new InputError(
      `${this.path(file)}: unexpected content at ${issue.path.map(String).join('.')}: ${issue.message}`,
    );
  }

  async credentialReportCsv(file: ExportFile): Promise<SliceData['credentialReport']> {
    const text = await this.text(file);
    const rows = this.parseReport(text, file);
    // The CSV carries no generation time: the file's modification time is the best available bound.
    const { mtime } = await stat(this.path(file));
    return { GeneratedTime: mtime.toISOString(), rows };
  }

  async credentialReportJson(file: ExportFile): Promise<SliceData['credentialReport']> {
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
  async passwordPolicy(file: ExportFile): Promise<SliceData['passwordPolicy']> {
    const text = await this.text(file);
    if (text.trim() === '' || text.trim() === '{}' || NO_PASSWORD_POLICY.test(text))
      return { PasswordPolicy: null };
    return (await this.json(file, ['PasswordPolicy'])) as SliceData['passwordPolicy'];
  }

  async trails(file: ExportFile): Promise<unknown> {
    const raw = await this.json(file, ['trailList']);
    const list = raw.trailList as Record<string, unknown>[];
    const seen = new Set<string>();
    const Trails = [];
    for (const trail of list) {
      const key = String(trail.TrailARN ?? trail.Name);
      if (seen.has(key)) continue;
      seen.add(key);
      const name = String(trail.Name);
      const errors: { part: string; message: string; action: string }[] = [];
      const part = async (form: PerResourceFile, label: string, action: string): Promise<unknown> => {
        const f = form.file(name);
        if (!this.has(f)) {
          errors.push({ part: label, message: `no ${f} in ${this.dir}`, action });
          return null;
        }
        const value = epochTimesToIso(omit(await this.json(f), ['TrailARN']));
        // A copy: mark it so a field that does not fit the slice names this file, not describe-trails.json.
        this.mark(value, f, []);
        return value;
      };
      const Status = await part(EXPORT_FILES.trailStatus, 'GetTrailStatus', 'cloudtrail:GetTrailStatus');
      const Selectors = await part(
        EXPORT_FILES.eventSelectors,
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
        form: PerResourceFile,
        label: string,
        action: string,
        whenEmpty: Record<string, unknown> | null = null,
      ): Promise<Record<string, unknown> | null> => {
        const f = form.file(Name);
        if (!this.has(f)) {
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
      const policy = await part(EXPORT_FILES.bucketPolicy, 'GetBucketPolicy', 's3:GetBucketPolicy');
      const PublicAccessBlock = await part(
        EXPORT_FILES.publicAccessBlock,
        'GetPublicAccessBlock',
        's3:GetBucketPublicAccessBlock',
      );
      const Encryption = await part(
        EXPORT_FILES.bucketEncryption,
        'GetBucketEncryption',
        's3:GetEncryptionConfiguration',
      );
      const Logging = await part(EXPORT_FILES.bucketLogging, 'GetBucketLogging', 's3:GetBucketLogging', {});
      let Policy: unknown = null;
      if (policy) {
        try {
          Policy = decodePolicyDocument(policy.Policy);
        } catch {
          throw new InputError(
            `${this.path(EXPORT_FILES.bucketPolicy.file(Name))}: Policy is not a JSON policy document`,
          );
        }
      }
      Buckets.push({ Name, Policy, PublicAccessBlock, Encryption, Logging, errors });
    }
    return { Buckets };
  }

  async alternateContacts(): Promise<unknown> {
    const out: Record<string, unknown> = {};
    for (const [type, f] of Object.entries(ALTERNATE_CONTACT_FILES)) {
      const text = this.has(f) ? await this.text(f) : '';
      // Absent or empty (ResourceNotFoundException on stderr): no contact of this type.
      out[type] =
        text.trim() === '' || text.includes('ResourceNotFound')
          ? null
          : ((await this.json(f, ['AlternateContact'])).AlternateContact ?? null);
    }
    return out;
  }

  async organization(file: ExportFile): Promise<unknown> {
    const text = await this.text(file);
    // AWSOrganizationsNotInUseException: the account is not in an organization.
    if (text.trim() === '' || text.includes('AWSOrganizationsNotInUse'))
      return { Organization: null, Account: null };
    const org = await this.json(file, ['Organization']);
    let Account: unknown = null;
    const accountFile = EXPORT_FILES.account.name;
    if (this.has(accountFile)) {
      const acct = await this.text(accountFile);
      if (acct.trim() !== '' && !acct.includes('AccessDenied'))
        Account = (await this.json(accountFile, ['Account'])).Account;
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

/** An AWS region name: us-east-1, eu-central-2, us-gov-west-1, cn-north-1, eusc-de-east-1. */
export const REGION = /^[a-z]{2,4}(-[a-z]+)+-\d+$/;

/**
 * Numbers under the keys `keys` matches, anywhere in `value`, read as epoch seconds and turned into ISO text
 * (in place, so the objects keep their origin for error messages). aws-cli v1 prints the timestamps of
 * JSON-protocol services (Budgets, CloudWatch, Data Exports) as epoch seconds, v2 as ISO; the live collector
 * stores ISO. Only named keys: CloudWatch Logs' creationTime is a plain number in the API too.
 */
export function isoTimes<T>(value: T, keys: RegExp): T {
  if (typeof value !== 'object' || value === null) return value;
  const obj = value as Record<string, unknown>;
  for (const [k, v] of Object.entries(obj)) {
    if (keys.test(k) && typeof v === 'number') obj[k] = new Date(v * 1000).toISOString();
    else isoTimes(v, keys);
  }
  return value;
}

/** `get-trail-status-main.json` -> `aws cloudtrail get-trail-status`, for error messages. */
export function commandOf(file: string): string {
  const name = file.replace(/\.json$/, '');
  const regional = /^(.*)\.([a-z]{2,4}(?:-[a-z]+)+-\d+)$/.exec(name);
  const base = regional?.[1] ?? name;
  const region = regional?.[2] ? ` --region ${regional[2]}` : '';
  const known: [RegExp, string][] = [
    [/^list-server-certificates$/, 'aws iam list-server-certificates'],
    [/^list-regions$/, 'aws account list-regions --region-opt-status-contains ENABLED ENABLED_BY_DEFAULT'],
    [/^list-analyzers$/, `aws accessanalyzer list-analyzers${region || ' --region REGION'}`],
    [/^list-exports$/, 'aws bcm-data-exports list-exports --region us-east-1'],
    [/^get-export-/, 'aws bcm-data-exports get-export --region us-east-1 --export-arn ARN'],
    [/^describe-budgets$/, 'aws budgets describe-budgets --account-id ID'],
    [
      /^describe-notifications-for-budget-/,
      'aws budgets describe-notifications-for-budget --account-id ID --budget-name NAME',
    ],
    [
      /^describe-subscribers-for-notification-/,
      'aws budgets describe-subscribers-for-notification --account-id ID --budget-name NAME --notification JSON',
    ],
    [/^describe-metric-filters$/, `aws logs describe-metric-filters${region || ' --region REGION'}`],
    [/^describe-alarms$/, `aws cloudwatch describe-alarms${region || ' --region REGION'}`],
    [/^list-rules$/, `aws events list-rules${region || ' --region REGION'}`],
    [/^list-targets-by-rule-/, `aws events list-targets-by-rule${region} --rule NAME`],
    [/^list-subscriptions-by-topic-/, `aws sns list-subscriptions-by-topic${region} --topic-arn ARN`],
    [
      /^lookup-events-/,
      `aws cloudtrail lookup-events${region} --lookup-attributes AttributeKey=Username,AttributeValue=NAME`,
    ],
    [/^list-subscriptions$/, `aws sns list-subscriptions${region || ' --region REGION'}`],
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

/**
 * What a slice builder made of the export directory: the data (the caller validates it against the slice
 * schema and names `file` when it does not fit), or why the slice is skipped.
 */
export type Built = { status: 'ok'; data: unknown; file: string } | { status: 'skipped'; reason: string };

/** A part of a per-resource record that was not exported: kept beside the record, as a live collector keeps an API error. */
export const missingPart = (
  reader: ExportReader,
  part: string,
  ...files: string[]
): { part: string; message: string } => ({ part, message: reader.missing(...files) });

/** A resource name as part of a file name: `/` cannot be, so it becomes `_`. */
export const fileSafe = (name: string): string => name.replaceAll('/', '_');
