import { z } from 'zod';
import { isIsoDate } from '../checks/lib/dates.js';
import { DEFAULT_CHECK_OPTIONS, NAMING_PRESETS, type CheckOptions } from '../checks/types.js';
import { hardenConfigSchema } from './harden.js';
import { closest } from './suggest.js';
import { FRAMEWORKS } from './types.js';

/** The numeric fields of CheckOptions: each one is a `thresholds` entry in the config file. */
export type ThresholdName = {
  [K in keyof CheckOptions]-?: NonNullable<CheckOptions[K]> extends number ? K : never;
}[keyof CheckOptions];

interface ThresholdSpec {
  min: number;
  max?: number;
  description: string;
}

/** Every numeric check option with its bounds (AWS's own limits where AWS has them). */
export const THRESHOLDS: Record<ThresholdName, ThresholdSpec> = {
  rootUnusedDays: {
    min: 1,
    description: 'root-not-used: any root sign-in or key use within this many days fails.',
  },
  unusedCredentialDays: {
    min: 1,
    description:
      'iam-unused-credentials: passwords and access keys unused for this many days fail (CIS: 45).',
  },
  accessKeyMaxAgeDays: {
    min: 1,
    description: 'iam-access-keys-rotated: access keys older than this many days fail (CIS: 90).',
  },
  passwordMinLength: {
    min: 6,
    max: 128,
    description: 'iam-password-policy: minimum password length the policy must require (CIS: 14).',
  },
  passwordReusePrevention: {
    min: 1,
    max: 24,
    description: 'iam-password-policy: how many previous passwords the policy must block (CIS: 24).',
  },
  passwordMaxAgeDays: {
    min: 1,
    max: 1095,
    description: 'iam-password-policy-max-age: the longest password lifetime accepted (days).',
  },
  credentialReportMaxAgeHours: {
    min: 1,
    description: 'How old (hours) the credential report may be before the report warns that it is stale.',
  },
  maxAdminUsers: {
    min: 1,
    description:
      'iam-admins-inventory: the most IAM users that hold admin rights (tiers full, iam-admin) or reach an admin role without MFA (via-role) before it fails; users who reach admin only through a role that requires MFA are not counted.',
  },
};

const WORD = /^[A-Za-z0-9]+$/;

function integer(name: ThresholdName) {
  const spec = THRESHOLDS[name];
  const expected =
    spec.max !== undefined
      ? `expected an integer from ${spec.min} to ${spec.max}`
      : spec.min === 1
        ? 'expected a positive integer'
        : `expected an integer of at least ${spec.min}`;
  const base = z.number({ error: expected }).int({ error: expected }).min(spec.min, { error: expected });
  return (spec.max === undefined ? base : base.max(spec.max, { error: expected })).meta({
    description: `${spec.description} Default: ${DEFAULT_CHECK_OPTIONS[name]}.`,
  });
}

const text = (what = 'a non-empty string') =>
  z.string({ error: `expected ${what}` }).regex(/\S/, { error: `expected ${what}` });

const isoDate = (description: string) =>
  z
    .string({ error: 'expected a date YYYY-MM-DD' })
    .refine(isIsoDate, { error: 'expected a real date written YYYY-MM-DD' })
    .meta({ description, format: 'date' });

const regex = (description: string) =>
  z
    .string({ error: 'expected a regular expression (string)' })
    .superRefine((value, ctx) => {
      try {
        new RegExp(value);
      } catch (err) {
        ctx.addIssue({
          code: 'custom',
          message: `not a valid regular expression: ${err instanceof Error ? err.message : String(err)}`,
        });
      }
    })
    .meta({ description });

const list = <T extends z.ZodType>(item: T, what: string) =>
  z.array(item, { error: `expected an array of ${what}` });

export interface ConfigSchemaOptions {
  /** Known check ids; when given, unknown ids are errors (with the closest ids). */
  checkIds?: readonly string[];
  /** The clock, to refuse attestations dated in the future. */
  now?: Date;
  /** The checks that take attestations (manual items); when given, an attestation for another check is an error. */
  attestableCheckIds?: readonly string[];
}

/**
 * The schema of `rampart.config.json`. Every object is strict, so a typo'd key is an error. Called without
 * options it is the editor schema (published as JSON Schema): check ids are then only checked for shape,
 * because the catalog grows and the published schema must not go stale with it.
 */
export function configSchema(options: ConfigSchemaOptions = {}) {
  const { checkIds, now, attestableCheckIds } = options;
  const checkId = z
    .string({ error: 'expected a check id (see `rampart checks`)' })
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'expected a check id such as "root-mfa-enabled"' })
    .superRefine((id, ctx) => {
      if (!checkIds || checkIds.includes(id)) return;
      const near = closest(id, checkIds);
      ctx.addIssue({
        code: 'custom',
        message: `unknown check id "${id}"${near.length > 0 ? ` (closest: ${near.join(', ')})` : ''}; see \`rampart checks\``,
      });
    })
    .meta({ description: 'A check id, as listed by `rampart checks`.' });

  const thresholds = z
    .strictObject(
      Object.fromEntries(
        (Object.keys(THRESHOLDS) as ThresholdName[]).map((name) => [name, integer(name).optional()]),
      ) as Record<ThresholdName, z.ZodOptional<ReturnType<typeof integer>>>,
      { error: 'expected an object of numbers' },
    )
    .meta({ description: 'Numeric thresholds the checks use; anything left out keeps its default.' });

  const presetError = `expected one of ${NAMING_PRESETS.map((p) => `"${p}"`).join(', ')}`;
  const namingStandard = z
    .strictObject(
      {
        preset: z.enum(NAMING_PRESETS, { error: presetError }).meta({
          description:
            'initials-id = JS1234, first_last = John_Smith, initial-last = JSmith, company-id = <companyPrefix>1234, custom = your own pattern.',
        }),
        pattern: regex(
          'For preset "custom": a JavaScript regular expression the whole user name must match.',
        ).optional(),
        companyPrefix: z
          .string({ error: 'expected letters, e.g. "SF"' })
          .regex(/^[A-Za-z]+$/, { error: 'expected letters, e.g. "SF"' })
          .meta({ description: 'For preset "company-id": the company prefix, e.g. "SF" for SF1234.' })
          .optional(),
        exemptions: list(text('a user name or glob'), 'user names or globs')
          .meta({
            description:
              'User names exempt from the standard (break-glass, service users); `*` is a wildcard.',
          })
          .optional(),
      },
      { error: 'expected an object with a "preset"' },
    )
    .superRefine((v, ctx) => {
      if (v.preset === 'custom' && v.pattern === undefined)
        ctx.addIssue({ code: 'custom', path: ['pattern'], message: 'required when preset is "custom"' });
      if (v.preset !== 'custom' && v.pattern !== undefined)
        ctx.addIssue({ code: 'custom', path: ['pattern'], message: 'only used with preset "custom"' });
      if (v.preset === 'company-id' && v.companyPrefix === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['companyPrefix'],
          message: 'required when preset is "company-id"',
        });
      if (v.preset !== 'company-id' && v.companyPrefix !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['companyPrefix'],
          message: 'only used with preset "company-id"',
        });
    })
    .meta({ description: 'How IAM user names should look (iam-user-naming-standard, iam-no-shared-users).' });

  const sharedUserWords = z
    .strictObject(
      {
        mode: z
          .enum(['extend', 'replace'], { error: 'expected "extend" or "replace"' })
          .meta({
            description: 'extend (default) adds the words to the built-in list; replace uses only these.',
          })
          .optional(),
        words: list(
          z
            .string({ error: 'expected a word (letters and digits)' })
            .regex(WORD, { error: 'expected a word (letters and digits only)' }),
          'words',
        ),
      },
      { error: 'expected an object with "words"' },
    )
    .meta({
      description:
        'Role-like words that mark a shared IAM user name (iam-no-shared-users); case-insensitive.',
    });

  const suppression = z
    .strictObject(
      {
        check: checkId,
        resource: text('a resource ARN, name or glob').meta({
          description:
            'The finding resource: a full ARN, the part after the account id (user/alice), or the bare name (alice); `*` matches anything.',
        }),
        reason: text('a reason (non-empty)').meta({ description: 'Why this finding is accepted. Required.' }),
        owner: text().meta({ description: 'Who decided, e.g. an email address.' }).optional(),
        expires: isoDate(
          'The last day (UTC) the suppression applies; after it, the finding counts again.',
        ).optional(),
      },
      { error: 'expected an object with check, resource and reason' },
    )
    .meta({
      description: 'Accept a finding: it is shown as suppressed and no longer affects the exit code.',
    });

  const attestation = z
    .strictObject(
      {
        check: checkId,
        by: text('who attests (non-empty)'),
        date: isoDate('When it was verified (YYYY-MM-DD).'),
        note: text('a note (non-empty)').meta({ description: 'What was verified and how.' }),
        expires: isoDate('The last day (UTC) the attestation counts; re-verify after it.').optional(),
      },
      { error: 'expected an object with check, by, date and note' },
    )
    .superRefine((a, ctx) => {
      // A known check that reads no attestation would ignore it: the item would look vouched for and never be.
      const known = !checkIds || checkIds.includes(a.check);
      if (attestableCheckIds && known && !attestableCheckIds.includes(a.check))
        ctx.addIssue({
          code: 'custom',
          path: ['check'],
          message: `"${a.check}" is not a manual check: only ${attestableCheckIds.join(', ')} take attestations (to accept a finding of another check, use "suppressions")`,
        });
      if (now && isIsoDate(a.date) && Date.parse(`${a.date}T00:00:00Z`) > now.getTime() + 86_400_000)
        ctx.addIssue({ code: 'custom', path: ['date'], message: `"${a.date}" is in the future` });
      if (a.expires !== undefined && isIsoDate(a.expires) && isIsoDate(a.date) && a.expires < a.date)
        ctx.addIssue({
          code: 'custom',
          path: ['expires'],
          message: `"${a.expires}" is before date "${a.date}"`,
        });
    })
    .meta({
      description: 'A person states that a manual item is done (e.g. root credentials are in the safe).',
    });

  return z
    .strictObject(
      {
        $schema: z.string().meta({ description: 'Path or URL of this JSON Schema, for editors.' }).optional(),
        thresholds: thresholds.optional(),
        namingStandard: namingStandard.optional(),
        sharedUserWords: sharedUserWords.optional(),
        rootEmail: z
          .email({ error: 'expected an email address' })
          .meta({ description: 'The root user email, for standalone accounts where no API can read it.' })
          .optional(),
        securityEmailPattern: regex(
          'Regular expression the root email and the security contact should match, e.g. "^aws-(root|security)@example\\\\.com$".',
        ).optional(),
        roster: text('a file path')
          .meta({
            description:
              'CSV of people (header: name,userName,email,employeeId,status with status active|left), relative to this file.',
          })
          .optional(),
        checks: z
          .strictObject(
            {
              include: list(checkId, 'check ids')
                .meta({ description: 'Run only these checks (default: all).' })
                .optional(),
              exclude: list(checkId, 'check ids').meta({ description: 'Never run these checks.' }).optional(),
            },
            { error: 'expected an object with include and/or exclude' },
          )
          .superRefine((sel, ctx) => {
            const pool = sel.include ?? checkIds;
            if (pool?.every((id) => (sel.exclude ?? []).includes(id)))
              ctx.addIssue({
                code: 'custom',
                message: 'selects no check at all (include minus exclude is empty)',
              });
          })
          .meta({ description: 'Which checks run. `--checks` on the command line overrides both.' })
          .optional(),
        frameworks: list(
          z.enum(FRAMEWORKS, { error: `expected one of ${FRAMEWORKS.map((f) => `"${f}"`).join(', ')}` }),
          'framework names',
        )
          .meta({ description: 'Which control mappings reports show (default: all three).' })
          .optional(),
        suppressions: list(suppression, 'suppressions').optional(),
        attestations: list(attestation, 'attestations').optional(),
        harden: hardenConfigSchema().optional(),
      },
      { error: 'expected a JSON object' },
    )
    .meta({
      title: 'Rampart configuration (rampart.config.json)',
      description:
        'Thresholds, naming standard, check selection, suppressions, attestations and harden inputs for rampart.',
    });
}

export type ConfigFile = z.infer<ReturnType<typeof configSchema>>;

/** The JSON Schema published as schemas/rampart.config.schema.json (`npm run schemas`). */
export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(configSchema(), { io: 'input', unrepresentable: 'any' });
}

/** The committed file's exact text (2-space JSON, trailing newline). */
export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
