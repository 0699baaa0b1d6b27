import type { NamingStandard } from '../checks/types.js';

/** IAM's own rule for user names. */
const IAM_USER_NAME = /^[\w+=,.@-]{1,64}$/;

const PRESETS: Record<Exclude<NamingStandard['preset'], 'custom' | 'company-id'>, RegExp> = {
  'initials-id': /^[A-Z]{2,3}\d{3,6}$/,
  first_last: /^[A-Z][a-z]+(?:[-'][A-Z][a-z]+)*_[A-Z][a-z]+(?:[-'][A-Z][a-z]+)*$/,
  'initial-last': /^[A-Z][A-Z][a-z]+(?:[-'][A-Z][a-z]+)*$/,
};

function exempt(name: string, exemptions: readonly string[]): boolean {
  return exemptions.some((e) =>
    e.includes('*')
      ? new RegExp(
          `^${e
            .split('*')
            .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
            .join('.*')}$`,
          'i',
        ).test(name)
      : e.toLowerCase() === name.toLowerCase(),
  );
}

/**
 * Why `name` is not acceptable for a personal admin user, or undefined. Checks IAM's syntax, role-like
 * (shared) names and, when configured, the naming standard.
 */
export function adminUserNameProblem(
  name: string,
  options: { standard?: NamingStandard | undefined; sharedUserWords: readonly string[] },
): string | undefined {
  if (!IAM_USER_NAME.test(name)) {
    return `'${name}' is not a valid IAM user name (1-64 letters, digits and +=,.@_-)`;
  }
  const parts = name
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const word = options.sharedUserWords.find((w) => name.toLowerCase() === w || parts.includes(w));
  if (word) {
    return `'${name}' looks like a shared or role user ('${word}'); use a name for one person, e.g. JSmith`;
  }
  const standard = options.standard;
  if (!standard || exempt(name, standard.exemptions)) return undefined;
  let pattern: RegExp;
  if (standard.preset === 'custom') {
    if (!standard.pattern) return undefined;
    pattern = new RegExp(`^(?:${standard.pattern})$`);
  } else if (standard.preset === 'company-id') {
    const prefix = (standard.companyPrefix ?? '[A-Z]{2}').replace(/[.*+?^${}()|\\]/g, '\\$&');
    pattern = new RegExp(`^${prefix}\\d{3,6}$`);
  } else {
    pattern = PRESETS[standard.preset];
  }
  return pattern.test(name)
    ? undefined
    : `'${name}' does not follow the naming standard (${standard.preset})`;
}
