// Pattern matching for actions (case-insensitive, `*` and `?`) and ARNs (case-sensitive, wildcards
// within a segment of arn:partition:service:region:account, anything in the resource part).
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html

/** Substituted variable text is marked with these so `*`/`?` in a user name stay literal. */
export const LITERAL_STAR = '\u0001';
export const LITERAL_QMARK = '\u0002';
export const escapeGlobLiteral = (s: string): string =>
  s.replaceAll('*', LITERAL_STAR).replaceAll('?', LITERAL_QMARK);

const hasWildcard = (s: string): boolean => s.includes('*') || s.includes('?');

function globBody(glob: string, star: string, qmark: string): string {
  let out = '';
  for (const ch of glob) {
    if (ch === '*') out += star;
    else if (ch === '?') out += qmark;
    else if (ch === LITERAL_STAR) out += '\\*';
    else if (ch === LITERAL_QMARK) out += '\\?';
    else out += ch.replace(/[.+^${}()|[\]\\/-]/g, '\\$&');
  }
  return out;
}

// Compiled once per distinct pattern; keyed by the pattern itself (a prefixed key would be a new string to
// hash on every lookup).
const globCache = new Map<string, RegExp>();
const globCacheIgnoreCase = new Map<string, RegExp>();
const arnCache = new Map<string, RegExp>();

/** A whole-string glob, optionally case-insensitive. Compiled once per distinct pattern. */
export function globRegex(glob: string, ignoreCase = false): RegExp {
  const cache = ignoreCase ? globCacheIgnoreCase : globCache;
  let re = cache.get(glob);
  if (!re) {
    re = new RegExp(`^${globBody(glob, '.*', '.')}$`, ignoreCase ? 'is' : 's');
    cache.set(glob, re);
  }
  return re;
}

/** ARN glob: wildcards stay inside one of the first five segments; the resource part may span `:` and `/`. */
export function arnRegex(pattern: string): RegExp {
  let re = arnCache.get(pattern);
  if (!re) {
    const parts = pattern.split(':');
    if (parts.length < 6) {
      re = new RegExp(`^${globBody(pattern, '.*', '.')}$`, 's');
    } else {
      const head = parts.slice(0, 5).map((p) => globBody(p, '[^:]*', '[^:]'));
      const tail = globBody(parts.slice(5).join(':'), '.*', '.');
      re = new RegExp(`^${head.join(':')}:${tail}$`, 's');
    }
    arnCache.set(pattern, re);
  }
  return re;
}

export function arnMatches(pattern: string, arn: string): boolean {
  if (pattern === '*') return true;
  if (!hasWildcard(pattern) && !pattern.includes(LITERAL_STAR) && !pattern.includes(LITERAL_QMARK)) {
    return pattern === arn;
  }
  return arnRegex(pattern).test(arn);
}

/** `iam:CreateUser` → service `iam`, name `createuser` (both lower-case). */
export interface ParsedAction {
  action: string;
  lower: string;
  service: string;
  name: string;
}

export function parseAction(action: string): ParsedAction {
  const lower = action.toLowerCase();
  const colon = lower.indexOf(':');
  return {
    action,
    lower,
    service: colon >= 0 ? lower.slice(0, colon) : lower,
    name: colon >= 0 ? lower.slice(colon + 1) : '',
  };
}

interface ServiceEntry {
  all: boolean;
  exact: Set<string> | undefined;
  globs: RegExp[] | undefined;
}

/**
 * An Action / NotAction string IAM accepts: `*`, or a service prefix and an action name (each may hold `*` and
 * `?`) joined by one colon, with no white space. Anything else matches no action (see ActionSet).
 */
export const isActionPattern = (raw: string): boolean => raw === '*' || /^[^\s:]+:[^\s:]+$/.test(raw);

interface PatternInfo {
  /** Lower-case; empty for a string that is not an action pattern (isActionPattern), which matches nothing. */
  pattern: string;
  /** [the service part], one array shared by every list that names only this service; empty when the
   * service part has a wildcard. */
  services: readonly string[];
}

/**
 * Patterns as read, shared: a large account repeats the same few hundred action patterns across tens of
 * thousands of statements, and each would otherwise keep its own lower-cased copies. Bounded: cleared when
 * it grows past what any account's distinct patterns need.
 */
const patternInfo = new Map<string, PatternInfo>();

const NO_NAMES: readonly string[] = [];

function readPattern(raw: string): PatternInfo {
  let info = patternInfo.get(raw);
  if (!info) {
    const valid = isActionPattern(raw);
    const pattern = valid ? raw.toLowerCase() : '';
    const colon = pattern.indexOf(':');
    const service = colon >= 0 ? pattern.slice(0, colon) : pattern;
    const wild = hasWildcard(service);
    info = { pattern, services: !valid ? NO_NAMES : wild ? [] : [service] };
    if (patternInfo.size >= 50_000) patternInfo.clear();
    patternInfo.set(raw, info);
  }
  return info;
}

/** Lists this long or shorter are scanned; longer ones (ReadOnlyAccess has thousands) are indexed by service. */
const SHORT_LIST = 8;

/**
 * A compiled Action or NotAction list. Reading the services it names is cheap and done at once (policies are
 * indexed by service); the per-service index is built only for a long list, when first matched.
 */
export class ActionSet {
  all = false;
  /** The patterns, lower-case ('' for one that is not an action pattern). */
  private readonly patterns: string[];
  /** Services the list names without a service wildcard. */
  readonly serviceNames: readonly string[];
  /** Some pattern has a wildcard in its service part (rare). */
  private crossServiceWild = false;
  private index: { byService: Map<string, ServiceEntry>; crossService: RegExp[] } | undefined;

  constructor(patterns: readonly string[]) {
    // Arrays of their exact length: tens of thousands of statements keep these (an array grown by push
    // reserves room for 17 elements).
    this.patterns = new Array<string>(patterns.length);
    let names: string[] | undefined;
    let named: PatternInfo | undefined;
    for (let i = 0; i < patterns.length; i++) {
      const info = readPattern(patterns[i] ?? '');
      const p = info.pattern;
      const service = info.services[0];
      this.patterns[i] = p;
      if (p === '*') {
        this.all = true;
        continue;
      }
      // Not an action pattern: matches nothing (an empty string equals no action and has no wildcard).
      if (p === '') continue;
      if (service === undefined) this.crossServiceWild = true;
      else if (!names) {
        names = [service];
        named = info;
      } else if (!names.includes(service)) names.push(service);
    }
    this.serviceNames =
      names === undefined ? NO_NAMES : names.length === 1 ? (named?.services ?? names) : names.slice();
  }

  matches(a: ParsedAction): boolean {
    if (this.all) return true;
    if (this.patterns.length <= SHORT_LIST) return this.scan(a);
    const { byService, crossService } = (this.index ??= this.buildIndex());
    const entry = byService.get(a.service);
    if (entry) {
      if (entry.all || entry.exact?.has(a.name)) return true;
      if (entry.globs) for (const g of entry.globs) if (g.test(a.name)) return true;
    }
    for (const g of crossService) if (g.test(a.lower)) return true;
    return false;
  }

  /** A short list, pattern by pattern: a wildcard only in the action name needs the action's service first. */
  private scan(a: ParsedAction): boolean {
    for (const p of this.patterns) {
      if (p === a.lower) return true;
      if (!hasWildcard(p)) continue;
      const colon = p.indexOf(':');
      const serviceWild = colon < 0 || p.lastIndexOf('*', colon) >= 0 || p.lastIndexOf('?', colon) >= 0;
      if (!serviceWild && (colon !== a.service.length || !p.startsWith(a.service))) continue;
      if (globRegex(p, true).test(a.lower)) return true;
    }
    return false;
  }

  private buildIndex(): { byService: Map<string, ServiceEntry>; crossService: RegExp[] } {
    const byService = new Map<string, ServiceEntry>();
    const crossService: RegExp[] = [];
    for (const p of this.patterns) {
      if (p === '') continue;
      const colon = p.indexOf(':');
      const service = colon >= 0 ? p.slice(0, colon) : p;
      const name = colon >= 0 ? p.slice(colon + 1) : '';
      if (hasWildcard(service)) {
        crossService.push(globRegex(p, true));
        continue;
      }
      let entry = byService.get(service);
      if (!entry) {
        entry = { all: false, exact: undefined, globs: undefined };
        byService.set(service, entry);
      }
      if (name === '*') entry.all = true;
      else if (hasWildcard(name)) (entry.globs ??= []).push(globRegex(name, true));
      else (entry.exact ??= new Set()).add(name);
    }
    return { byService, crossService };
  }

  /** The patterns, lower-case ('' for one that is not an action pattern). */
  get patternList(): readonly string[] {
    return this.patterns;
  }

  /** True when the list may match actions of services it does not name (`*`, `*:Get*`). */
  get spansServices(): boolean {
    return this.all || this.crossServiceWild;
  }
}
