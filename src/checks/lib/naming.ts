import type { NamingStandard, RosterPerson } from '../types.js';

/** "networkAdmin" -> ["network", "admin"]; "ci-jenkins" -> ["ci", "jenkins"]; email domains are dropped. */
export function nameWords(userName: string): string[] {
  const local = userName.includes('@') ? (userName.split('@')[0] ?? '') : userName;
  return local
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])/)
    .map((w) => w.toLowerCase())
    .filter((w) => w !== '');
}

export const EMAIL_LIKE = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `*` globs (everything else literal), case-insensitive, whole name. */
export function globMatches(glob: string, name: string): boolean {
  const re = new RegExp(`^${glob.split('*').map(escapeRegex).join('.*')}$`, 'i');
  return re.test(name);
}

export const isExempt = (standard: NamingStandard, userName: string): boolean =>
  standard.exemptions.some((g) => globMatches(g, userName));

const NAME_PART = '[A-Z][a-z]+(?:-?[A-Z]?[a-z]+)*';

/**
 * The standard as an anchored RegExp. Throws a one-line error naming the config field when the standard is
 * incomplete (company-id without companyPrefix, custom without a valid pattern).
 */
export function namingRegex(standard: NamingStandard): RegExp {
  switch (standard.preset) {
    case 'initials-id':
      return /^[A-Z]{2,3}\d{3,8}$/;
    case 'first_last':
      return new RegExp(`^${NAME_PART}_${NAME_PART}$`);
    case 'initial-last':
      return new RegExp(`^[A-Z]${NAME_PART}$`);
    case 'company-id': {
      const prefix = standard.companyPrefix?.trim();
      if (!prefix) throw new Error('namingStandard.companyPrefix is required for preset company-id');
      return new RegExp(`^${escapeRegex(prefix)}\\d{3,8}$`);
    }
    case 'custom': {
      const pattern = standard.pattern;
      if (pattern === undefined || pattern === '') {
        throw new Error('namingStandard.pattern is required for preset custom');
      }
      try {
        return new RegExp(`^(?:${pattern})$`);
      } catch (err) {
        throw new Error(
          `namingStandard.pattern '${pattern}' is not a valid regular expression: ${err instanceof Error ? err.message : String(err)}`,
          { cause: err },
        );
      }
    }
  }
}

/** One example name per preset, for messages. */
export const PRESET_EXAMPLES: Record<NamingStandard['preset'], string> = {
  'initials-id': 'JS1234',
  first_last: 'John_Smith',
  'initial-last': 'JSmith',
  'company-id': 'SF1234 (companyPrefix + id)',
  custom: 'the configured pattern',
};

const cap = (w: string): string => (w[0]?.toUpperCase() ?? '') + w.slice(1).toLowerCase();

/**
 * A name in the standard for this user, when it can be derived: from the roster person (name, employee id)
 * or from a user name made of a first and a last name ("john.smith", "john_smith", "JohnSmith").
 */
export function suggestName(
  standard: NamingStandard,
  userName: string,
  person: RosterPerson | undefined,
): string | undefined {
  const words = person
    ? person.name
        .split(/[\s_.-]+/)
        .map((w) => w.replace(/[^A-Za-z'-]/g, ''))
        .filter(Boolean)
    : nameWords(userName).filter((w) => /^[a-z]+$/.test(w));
  const first = words[0];
  const last = words.length >= 2 ? words[words.length - 1] : undefined;
  const id = person?.employeeId?.replace(/\D/g, '');
  let suggestion: string | undefined;
  switch (standard.preset) {
    case 'first_last':
      suggestion = first && last ? `${cap(first)}_${cap(last)}` : undefined;
      break;
    case 'initial-last':
      suggestion = first && last ? `${cap(first).charAt(0)}${cap(last)}` : undefined;
      break;
    case 'initials-id':
      suggestion = first && last && id ? `${cap(first).charAt(0)}${cap(last).charAt(0)}${id}` : undefined;
      break;
    case 'company-id':
      suggestion = standard.companyPrefix && id ? `${standard.companyPrefix.trim()}${id}` : undefined;
      break;
    case 'custom':
      suggestion = undefined;
  }
  if (suggestion === undefined) return undefined;
  // Only suggest what the standard accepts.
  return namingRegex(standard).test(suggestion) ? suggestion : undefined;
}

/** The roster person behind an IAM user name, with how the match was made. */
export interface PersonMatch {
  person: RosterPerson;
  how: 'userName' | 'email' | 'employeeId' | 'name';
}

/** Names a person's user is commonly given: john.smith, john_smith, johnsmith, jsmith, smithj, john. */
function derivedNames(person: RosterPerson): string[] {
  const words = person.name
    .toLowerCase()
    .split(/[\s_.-]+/)
    .map((w) => w.replace(/[^a-z]/g, ''))
    .filter(Boolean);
  const first = words[0];
  const last = words.length >= 2 ? words[words.length - 1] : undefined;
  if (!first) return [];
  if (!last) return [first];
  return [
    `${first}.${last}`,
    `${first}_${last}`,
    `${first}-${last}`,
    `${first}${last}`,
    `${first.charAt(0)}${last}`,
    `${first.charAt(0)}.${last}`,
    `${last}${first.charAt(0)}`,
  ];
}

/** Exact keys (userName, email, employee id) win over names derived from the person's name. */
export function matchPerson(userName: string, roster: readonly RosterPerson[]): PersonMatch | undefined {
  const name = userName.toLowerCase();
  const local = name.includes('@') ? name.split('@')[0] : undefined;
  const byUser = roster.find((p) => p.userName?.toLowerCase() === name);
  if (byUser) return { person: byUser, how: 'userName' };
  const byEmail = roster.find((p) => {
    const email = p.email?.toLowerCase();
    if (!email) return false;
    return email === name || email.split('@')[0] === name || (local !== undefined && email === name);
  });
  if (byEmail) return { person: byEmail, how: 'email' };
  const digits: string[] = name.match(/\d{3,}/g) ?? [];
  const byId = roster.find((p) => {
    const id = p.employeeId?.toLowerCase();
    return id !== undefined && id !== '' && (name === id || digits.includes(id.replace(/\D/g, '')));
  });
  if (byId) return { person: byId, how: 'employeeId' };
  const plain = (local ?? name).replace(/[^a-z._-]/g, '');
  const byName = roster.find((p) => derivedNames(p).includes(plain));
  if (byName) return { person: byName, how: 'name' };
  return undefined;
}
