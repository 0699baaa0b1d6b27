// Request context with three states per key: known values, known to be absent, or free (not known:
// the answer then depends on it). Keys are case-insensitive.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html

export type Lookup = { kind: 'known'; values: readonly string[] } | { kind: 'absent' } | { kind: 'free' };

const ABSENT: Lookup = { kind: 'absent' };
const FREE: Lookup = { kind: 'free' };

export const MFA_PRESENT = 'aws:multifactorauthpresent';
export const MFA_AGE = 'aws:multifactorauthage';
export const isMfaKey = (keyLower: string): boolean => keyLower === MFA_PRESENT || keyLower === MFA_AGE;
/**
 * "This key is included in the request context only when the principal uses temporary credentials to make the
 * request. The key is not present in AWS CLI, AWS API, or AWS SDK requests that are made using access keys."
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-tokenissuetime
 */
export const TOKEN_ISSUE_TIME = 'aws:tokenissuetime';
const CURRENT_TIME = 'aws:currenttime';
/** Keys whose presence says how the caller signs: long-term access keys send none of them, a session does. */
const isCredentialKey = (keyLower: string): boolean => isMfaKey(keyLower) || keyLower === TOKEN_ISSUE_TIME;

export interface ContextInit {
  /** Known values; keys in any case. */
  values?: Record<string, string | readonly string[]>;
  /** Keys known to be absent from the request. */
  absent?: readonly string[];
  /** Key prefixes (lower-case, e.g. `aws:principaltag/`) whose unlisted keys are absent. */
  absentPrefixes?: readonly string[];
  /** What every other key is: `free` (analysis) or `absent` (a concrete request). */
  otherKeys: 'free' | 'absent';
}

export class RequestContext {
  private readonly known = new Map<string, Lookup>();
  private readonly absentPrefixes: readonly string[];
  private readonly other: Lookup;
  /**
   * Set when a condition looked at an MFA key or aws:TokenIssueTime: the answer may differ in a session (which
   * sends both) or with MFA.
   */
  mfaConsulted = false;
  /** A caller that never holds an MFA session (a role only AWS services assume): withMfa changes nothing. */
  mfaImpossible = false;

  constructor(init: ContextInit) {
    for (const [k, v] of Object.entries(init.values ?? {})) {
      this.known.set(k.toLowerCase(), { kind: 'known', values: typeof v === 'string' ? [v] : v });
    }
    for (const k of init.absent ?? []) this.known.set(k.toLowerCase(), ABSENT);
    this.absentPrefixes = init.absentPrefixes ?? [];
    this.other = init.otherKeys === 'free' ? FREE : ABSENT;
  }

  private parent: RequestContext | undefined;

  lookup(keyLower: string): Lookup {
    if (isCredentialKey(keyLower)) this.mfaConsulted = true;
    return this.find(keyLower);
  }

  /** lookup without noting what was looked at. */
  private find(keyLower: string): Lookup {
    const hit = this.known.get(keyLower);
    if (hit) return hit;
    for (const p of this.absentPrefixes) if (keyLower.startsWith(p)) return ABSENT;
    if (this.parent) return this.parent.find(keyLower);
    return this.other;
  }

  /**
   * A session's credentials are temporary: when this context has no aws:TokenIssueTime (long-term access keys),
   * the session's is the current time (a fresh session), or unknown when that is.
   */
  private sessionIssued(): { values: Record<string, string>; free: string[] } {
    if (this.find(TOKEN_ISSUE_TIME).kind !== 'absent') return { values: {}, free: [] };
    const now = this.find(CURRENT_TIME);
    const at = now.kind === 'known' ? now.values[0] : undefined;
    return at === undefined
      ? { values: {}, free: [TOKEN_ISSUE_TIME] }
      : { values: { [TOKEN_ISSUE_TIME]: at }, free: [] };
  }

  private mfaChild: RequestContext | undefined;

  /** The same context after the caller authenticated with MFA (a fresh MFA session). */
  withMfa(): RequestContext {
    if (this.mfaImpossible) return this;
    if (!this.mfaChild) {
      const issued = this.sessionIssued();
      this.mfaChild = this.with({ ...issued.values, [MFA_PRESENT]: 'true', [MFA_AGE]: '1' }, [], issued.free);
    }
    return this.mfaChild;
  }

  private noMfaChild: RequestContext | undefined;

  /**
   * The same caller in a session without MFA (console sign-in, GetSessionToken or a role session): the MFA
   * key is present and false, and aws:TokenIssueTime present, where long-term access keys send neither.
   */
  withoutMfa(): RequestContext {
    if (!this.noMfaChild) {
      const issued = this.sessionIssued();
      this.noMfaChild = this.with({ ...issued.values, [MFA_PRESENT]: 'false' }, [MFA_AGE], issued.free);
    }
    return this.noMfaChild;
  }

  /**
   * A child context with some keys replaced (the "with MFA" re-evaluation, per-request keys). Cheap.
   * `free`: keys the child does not know, whatever the parent knows (session tags of undecided value).
   * `absentPrefixes`: key prefixes (lower-case) whose keys the child does not list are absent, whatever the
   * parent knows (the tags of a request's resource).
   */
  with(
    values: Record<string, string | readonly string[]>,
    absent: readonly string[] = [],
    free: readonly string[] = [],
    absentPrefixes: readonly string[] = [],
  ): RequestContext {
    const child = new RequestContext({ values, absent, absentPrefixes, otherKeys: 'free' });
    for (const k of free) child.known.set(k.toLowerCase(), FREE);
    child.parent = this;
    child.mfaImpossible = this.mfaImpossible;
    return child;
  }
}

// Three-valued logic: true, false, or unknown (the keys the answer depends on).
export type Unknown = readonly string[];
export type Tri = boolean | Unknown;

export const isUnknown = (t: Tri): t is Unknown => typeof t !== 'boolean';

function union(a: Unknown, b: Unknown): Unknown {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const set = new Set([...a, ...b]);
  return [...set].sort();
}

export function and(a: Tri, b: Tri): Tri {
  if (a === false || b === false) return false;
  if (a === true) return b;
  if (b === true) return a;
  return union(a, b);
}

export function or(a: Tri, b: Tri): Tri {
  if (a === true || b === true) return true;
  if (a === false) return b;
  if (b === false) return a;
  return union(a, b);
}

export function not(a: Tri): Tri {
  return typeof a === 'boolean' ? !a : a;
}

// Policy variables: ${aws:username}, ${aws:PrincipalTag/team, 'default'}, and the escapes ${*} ${?} ${$}.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html

export const VARIABLE_RE = /\$\{([^}]*)\}/g;

export type Resolved = { ok: string } | { absent: true } | { free: string };

/**
 * Substitutes policy variables. `escapeLiteral` turns substituted text into what the caller's matcher
 * treats literally (for globs, `*` and `?` from a user name must not act as wildcards).
 */
export function resolveVariables(
  template: string,
  ctx: RequestContext,
  escapeLiteral: (s: string) => string = (s) => s,
): Resolved {
  let free: string | undefined;
  let absent = false;
  const out = template.replace(VARIABLE_RE, (_m, inner: string) => {
    const body = inner.trim();
    if (body === '*' || body === '?' || body === '$') return escapeLiteral(body);
    const comma = body.indexOf(',');
    const key = (comma >= 0 ? body.slice(0, comma) : body).trim().toLowerCase();
    const fallback =
      comma >= 0
        ? body
            .slice(comma + 1)
            .trim()
            .replace(/^'(.*)'$/, '$1')
        : undefined;
    const found = ctx.lookup(key);
    if (found.kind === 'known' && found.values.length === 1) return escapeLiteral(found.values[0] ?? '');
    if (found.kind === 'free') {
      free ??= key;
      return '';
    }
    if (fallback !== undefined) return escapeLiteral(fallback);
    absent = true;
    return '';
  });
  if (free !== undefined) return { free };
  if (absent) return { absent: true };
  return { ok: out };
}
