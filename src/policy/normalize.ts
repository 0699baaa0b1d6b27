// Normalizes IAM policy documents into one shape, whatever form the API or a user wrote them in:
// a JSON object (AWS CLI), a JSON string, or a URL-encoded JSON string (the SDK's raw answer);
// Statement as object or array; Action/Resource/Principal as string or array; condition values as
// strings, numbers, booleans or arrays.
// Grammar: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html

export type Effect = 'Allow' | 'Deny';

/** A Principal or NotPrincipal element. `any` is the bare `"*"` (or `{"AWS":"*"}`). */
export interface PrincipalSpec {
  any: boolean;
  aws: string[];
  service: string[];
  federated: string[];
  canonicalUser: string[];
}

export interface ConditionClause {
  /** Operator as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  operator: string;
  /** Condition key as written (keys are case-insensitive; compare lower-cased). */
  key: string;
  values: string[];
}

export interface NormalizedStatement {
  sid?: string;
  effect: Effect;
  /** Exactly one of action / notAction is set. */
  action?: string[];
  notAction?: string[];
  /** At most one of resource / notResource is set; neither in trust policies. */
  resource?: string[];
  notResource?: string[];
  principal?: PrincipalSpec;
  notPrincipal?: PrincipalSpec;
  conditions: ConditionClause[];
}

export interface NormalizedPolicy {
  version?: string;
  statements: NormalizedStatement[];
  /** What could not be read. A statement with a problem is dropped; the rest still count. */
  problems: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses a policy document given as an object, a JSON string or a URL-encoded JSON string. */
export function parsePolicyDocument(doc: unknown): { value: unknown; problem?: string } {
  if (typeof doc !== 'string') return { value: doc };
  const text = doc.trim();
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    try {
      return { value: JSON.parse(decodeURIComponent(text)) as unknown };
    } catch {
      return { value: undefined, problem: 'the policy document is not valid JSON' };
    }
  }
}

function stringList(v: unknown): string[] | undefined {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v;
  return undefined;
}

function scalarList(v: unknown): string[] | undefined {
  const one = (x: unknown): string | undefined =>
    typeof x === 'string' ? x : typeof x === 'number' || typeof x === 'boolean' ? String(x) : undefined;
  if (Array.isArray(v)) {
    const out = v.map(one);
    return out.every((x) => x !== undefined) ? out : undefined;
  }
  const x = one(v);
  return x === undefined ? undefined : [x];
}

export function normalizePrincipal(p: unknown): PrincipalSpec | undefined {
  const spec: PrincipalSpec = { any: false, aws: [], service: [], federated: [], canonicalUser: [] };
  if (p === '*') {
    spec.any = true;
    return spec;
  }
  if (!isRecord(p)) return undefined;
  for (const [kind, value] of Object.entries(p)) {
    const list = stringList(value);
    if (!list) return undefined;
    switch (kind.toLowerCase()) {
      case 'aws':
        for (const v of list) {
          if (v === '*') spec.any = true;
          else spec.aws.push(v);
        }
        break;
      case 'service':
        spec.service.push(...list.map((s) => s.toLowerCase()));
        break;
      case 'federated':
        spec.federated.push(...list);
        break;
      case 'canonicaluser':
        spec.canonicalUser.push(...list);
        break;
      default:
        return undefined;
    }
  }
  return spec;
}

function normalizeConditions(c: unknown): ConditionClause[] | undefined {
  if (c === undefined) return [];
  if (!isRecord(c)) return undefined;
  const out: ConditionClause[] = [];
  for (const [operator, block] of Object.entries(c)) {
    if (!isRecord(block)) return undefined;
    for (const [key, raw] of Object.entries(block)) {
      const values = scalarList(raw);
      if (!values) return undefined;
      out.push({ operator, key, values });
    }
  }
  return out;
}

function normalizeStatement(s: unknown, index: number): NormalizedStatement | string {
  const where = `statement ${index + 1}`;
  if (!isRecord(s)) return `${where} is not an object`;
  const effect = s.Effect;
  if (effect !== 'Allow' && effect !== 'Deny') return `${where} has no valid Effect`;
  const out: NormalizedStatement = { effect, conditions: [] };
  if (typeof s.Sid === 'string') out.sid = s.Sid;

  if ('Action' in s && 'NotAction' in s) return `${where} has both Action and NotAction`;
  if ('Action' in s) {
    const list = stringList(s.Action);
    if (!list) return `${where} has an invalid Action`;
    out.action = list;
  } else if ('NotAction' in s) {
    const list = stringList(s.NotAction);
    if (!list) return `${where} has an invalid NotAction`;
    out.notAction = list;
  } else return `${where} has neither Action nor NotAction`;

  if ('Resource' in s && 'NotResource' in s) return `${where} has both Resource and NotResource`;
  if ('Resource' in s) {
    const list = stringList(s.Resource);
    if (!list) return `${where} has an invalid Resource`;
    out.resource = list;
  } else if ('NotResource' in s) {
    const list = stringList(s.NotResource);
    if (!list) return `${where} has an invalid NotResource`;
    out.notResource = list;
  }

  if ('Principal' in s) {
    const p = normalizePrincipal(s.Principal);
    if (!p) return `${where} has an invalid Principal`;
    out.principal = p;
  }
  if ('NotPrincipal' in s) {
    const p = normalizePrincipal(s.NotPrincipal);
    if (!p) return `${where} has an invalid NotPrincipal`;
    out.notPrincipal = p;
  }

  const conditions = normalizeConditions(s.Condition);
  if (!conditions) return `${where} has an invalid Condition`;
  out.conditions = conditions;
  return out;
}

/** Normalizes one policy document. Never throws: unreadable parts are listed in `problems`. */
export function normalizePolicy(doc: unknown): NormalizedPolicy {
  const parsed = parsePolicyDocument(doc);
  if (parsed.problem) return { statements: [], problems: [parsed.problem] };
  const value = parsed.value;
  if (!isRecord(value)) return { statements: [], problems: ['the policy document is not an object'] };
  const raw = value.Statement;
  const list = Array.isArray(raw) ? (raw as unknown[]) : raw === undefined ? [] : [raw];
  const policy: NormalizedPolicy = { statements: [], problems: [] };
  if (typeof value.Version === 'string') policy.version = value.Version;
  list.forEach((s, i) => {
    const st = normalizeStatement(s, i);
    if (typeof st === 'string') policy.problems.push(st);
    else policy.statements.push(st);
  });
  if (raw === undefined) policy.problems.push('the policy document has no Statement');
  return policy;
}
