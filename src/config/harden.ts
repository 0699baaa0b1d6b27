import { z } from 'zod';
import { isExempt, nameWords, namingRegex, PRESET_EXAMPLES } from '../checks/lib/naming.js';
import type { NamingStandard } from '../checks/types.js';

/**
 * Inputs of `rampart harden` and their rules. One place, so a value from a flag, the config's `harden`
 * section or a prompt is judged the same way. Each rule returns why a value is refused, or undefined.
 */

/** IAM's own rules. */
const IAM_USER_NAME = /^[\w+=,.@-]{1,64}$/;
const IAM_GROUP_NAME = /^[\w+=,.@-]{1,128}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[\s0-9()+-]{3,25}$/;

export const DEFAULT_ADMIN_GROUP = 'Administrators';

export function groupNameProblem(name: string): string | undefined {
  return IAM_GROUP_NAME.test(name) ? undefined : `'${name}' is not a valid IAM group name`;
}

/** IAM's rule for account aliases. */
export function aliasProblem(alias: string): string | undefined {
  if (alias.length < 3 || alias.length > 63) return `'${alias}' must be 3-63 characters long`;
  if (!/^[a-z0-9](?:[a-z0-9]|-(?!-))*[a-z0-9]$/.test(alias)) {
    return `'${alias}' may hold only lower-case letters, digits and single hyphens, and must start and end with a letter or digit`;
  }
  if (/^\d{12}$/.test(alias)) return `'${alias}' may not be a 12-digit number`;
  return undefined;
}

/** The forms CloudTrail's KmsKeyId and S3's KMSMasterKeyID take: a key (id or ARN) or an alias (name or ARN). */
const KMS_KEY_ID = '(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})';
const KMS_ALIAS = 'alias/[A-Za-z0-9/_-]{1,250}';
const KMS_KEY = new RegExp(
  `^(?:${KMS_KEY_ID}|${KMS_ALIAS}|arn:aws(?:-[a-z]+)*:kms:[a-z0-9-]+:\\d{12}:(?:key/${KMS_KEY_ID}|${KMS_ALIAS}))$`,
);

export function kmsKeyProblem(v: string): string | undefined {
  if (KMS_KEY.test(v)) return undefined;
  return (
    `'${v}' is not a KMS key: expected a key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID), an alias ARN ` +
    '(arn:aws:kms:REGION:ACCOUNT:alias/NAME), a key id (1234abcd-12ab-34cd-56ef-1234567890ab or mrk-…) or alias/NAME'
  );
}

export function emailProblem(v: string): string | undefined {
  return EMAIL.test(v) ? undefined : `'${v}' is not an email address`;
}

export function phoneProblem(v: string): string | undefined {
  return PHONE.test(v) ? undefined : `'${v}' is not a phone number (digits, spaces, + - ( ))`;
}

/**
 * Why `name` is not acceptable for a personal admin user, or undefined: IAM's syntax, role-like (shared)
 * words, and the configured naming standard, judged exactly as the iam-user-naming-standard check judges
 * it (same regex, same exemptions), so a user harden creates never fails that check.
 */
export function adminUserNameProblem(
  name: string,
  options: { standard?: NamingStandard | undefined; sharedUserWords: readonly string[] },
): string | undefined {
  if (!IAM_USER_NAME.test(name)) {
    return `'${name}' is not a valid IAM user name (1-64 letters, digits and +=,.@_-)`;
  }
  // Split like the iam-no-shared-users check: "PayrollTeam" -> payroll, team.
  const parts = nameWords(name);
  const word = options.sharedUserWords.find((w) => name.toLowerCase() === w || parts.includes(w));
  if (word) {
    return `'${name}' looks like a shared or role user ('${word}'); use a name for one person, e.g. JSmith`;
  }
  const standard = options.standard;
  if (!standard || isExempt(standard, name)) return undefined;
  const pattern = namingRegex(standard);
  if (pattern.test(name)) return undefined;
  const like = standard.preset === 'custom' ? '' : `, like ${PRESET_EXAMPLES[standard.preset]}`;
  return `'${name}' does not follow the naming standard ${standard.preset}: expected ${pattern.source}${like}`;
}

const check = (problem: (v: string) => string | undefined) =>
  z.string({ error: 'expected a string' }).superRefine((v, ctx) => {
    const p = problem(v);
    if (p) ctx.addIssue({ code: 'custom', message: p });
  });

/** The config file's `harden` section: defaults for `rampart harden`; its flags override each one. */
export function hardenConfigSchema() {
  return z
    .strictObject(
      {
        adminUser: check((v) => adminUserNameProblem(v, { sharedUserWords: [] }))
          .meta({
            description:
              'Your IAM user name (--admin-user). Must follow namingStandard and not be a role-like shared name.',
          })
          .optional(),
        adminGroup: check(groupNameProblem)
          .meta({ description: `The admin group (--admin-group). Default: ${DEFAULT_ADMIN_GROUP}.` })
          .optional(),
        alias: check(aliasProblem)
          .meta({ description: 'The account alias for the sign-in link (--alias).' })
          .optional(),
        securityEmail: check(emailProblem)
          .meta({
            description:
              'The security distribution list: SNS alerts and the security contact (--security-email).',
          })
          .optional(),
        securityPhone: check(phoneProblem)
          .meta({ description: 'Phone number for the security alternate contact (--security-phone).' })
          .optional(),
        passwordMaxAgeDays: z
          .number({ error: 'expected a whole number of days from 1 to 1095' })
          .int({ error: 'expected a whole number of days from 1 to 1095' })
          .min(1, { error: 'expected a whole number of days from 1 to 1095' })
          .max(1095, { error: 'expected a whole number of days from 1 to 1095' })
          .meta({
            description:
              'Password expiry the password policy sets (--password-max-age). Default: none (passwords do not expire).',
          })
          .optional(),
        accessKeys: z
          .boolean({ error: 'expected true or false' })
          .meta({
            description: 'Also create access keys for the admin user (--access-keys). Default: false.',
          })
          .optional(),
        trailKmsKey: check(kmsKeyProblem)
          .meta({
            description:
              'Encrypt the trail with this existing KMS key (--trail-kms-key): a key ARN, alias ARN, key id or alias/NAME.',
          })
          .optional(),
        trailCloudWatchLogs: z
          .boolean({ error: 'expected true or false' })
          .meta({
            description:
              'Also deliver the trail to CloudWatch Logs (--trail-cloudwatch-logs): the one harden creates, or the trails the account already has. Default: false.',
          })
          .optional(),
        secretsDir: check((v) => (v.trim() === '' ? 'expected a directory path' : undefined))
          .meta({
            description:
              'Where credential, MFA QR and seed files go (mode 0600), relative to this file (--secrets-dir).',
          })
          .optional(),
      },
      { error: 'expected an object' },
    )
    .meta({ description: 'Inputs for `rampart harden`; each flag of the same name overrides its field.' });
}

export type HardenConfig = z.infer<ReturnType<typeof hardenConfigSchema>>;
