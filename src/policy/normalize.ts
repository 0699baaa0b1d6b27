// Normalizes IAM policy documents into one shape, whatever form the API or a user wrote them in:
// a JSON object (AWS CLI), a JSON string, or a URL-encoded JSON string (the SDK's raw answer);
// Statement as object or array; Action/Resource/Principal as string or array; condition values as
// strings, numbers, booleans or arrays.
// Grammar: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
import { isActionPattern } from './match.js';

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
  sid?: string | undefined;
  effect: Effect;
  /** Exactly one of action / notAction is set. */
  action?: string[] | undefined;
  notAction?: string[] | undefined;
  /** At most one of resource / notResource is set; neither in trust policies. */
  resource?: string[] | undefined;
  notResource?: string[] | undefined;
  principal?: PrincipalSpec | undefined;
  notPrincipal?: PrincipalSpec | undefined;
  conditions: readonly ConditionClause[];
}

export interface NormalizedPolicy {
  version?: string;
  statements: NormalizedStatement[];
  /**
   * What could not be read. A statement that cannot be read is dropped; the rest still count. One is kept with an
   * action string that is not an action (it matches none, see isActionPattern), and that string is listed here.
   */
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

/**
 * Shared by every statement without a Condition; readonly by type, so nothing may add to it. Not frozen:
 * V8 (Node 20) iterates a frozen array with for-of through its slow generic path, allocating at every step,
 * and the evaluation loops over every statement's conditions.
 */
const NO_CONDITIONS: readonly ConditionClause[] = [];

function normalizeConditions(c: unknown): readonly ConditionClause[] | undefined {
  if (c === undefined) return NO_CONDITIONS;
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

/** `notes`: problems of a statement that is kept (they do not drop it). */
function normalizeStatement(s: unknown, index: number, notes: string[]): NormalizedStatement | string {
  const where = `statement ${index + 1}`;
  if (!isRecord(s)) return `${where} is not an object`;
  const effect = s.Effect;
  if (effect !== 'Allow' && effect !== 'Deny') return `${where} has no valid Effect`;

  let action: string[] | undefined;
  let notAction: string[] | undefined;
  if ('Action' in s && 'NotAction' in s) return `${where} has both Action and NotAction`;
  if ('Action' in s) {
    action = stringList(s.Action);
    if (!action) return `${where} has an invalid Action`;
  } else if ('NotAction' in s) {
    notAction = stringList(s.NotAction);
    if (!notAction) return `${where} has an invalid NotAction`;
  } else return `${where} has neither Action nor NotAction`;

  let resource: string[] | undefined;
  let notResource: string[] | undefined;
  if ('Resource' in s && 'NotResource' in s) return `${where} has both Resource and NotResource`;
  if ('Resource' in s) {
    resource = stringList(s.Resource);
    if (!resource) return `${where} has an invalid Resource`;
  } else if ('NotResource' in s) {
    notResource = stringList(s.NotResource);
    if (!notResource) return `${where} has an invalid NotResource`;
  }

  let principal: PrincipalSpec | undefined;
  let notPrincipal: PrincipalSpec | undefined;
  if ('Principal' in s) {
    principal = normalizePrincipal(s.Principal);
    if (!principal) return `${where} has an invalid Principal`;
  }
  if ('NotPrincipal' in s) {
    notPrincipal = normalizePrincipal(s.NotPrincipal);
    if (!notPrincipal) return `${where} has an invalid NotPrincipal`;
  }

  const conditions = normalizeConditions(s.Condition);
  if (!conditions) return `${where} has an invalid Condition`;
  const element = action ? 'Action' : 'NotAction';
  for (const a of action ?? notAction ?? [])
    if (!isActionPattern(a))
      notes.push(
        `${where}: ${element} ${JSON.stringify(a)} is not an action (service:name, or *) and matches none`,
      );
  // One literal with every field: one shape for all statements, and no property store added later (a
  // large account keeps tens of thousands of these). Absent elements are undefined.
  return {
    sid: typeof s.Sid === 'string' ? s.Sid : undefined,
    effect,
    action,
    notAction,
    resource,
    notResource,
    principal,
    notPrincipal,
    conditions,
  };
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
    const st = normalizeStatement(s, i, policy.problems);
    if (typeof st === 'string') policy.problems.push(st);
    else policy.statements.push(st);
  });
  if (raw === undefined) policy.problems.push('the policy document has no Statement');
  return policy;
}
