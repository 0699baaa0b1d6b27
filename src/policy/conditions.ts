// Condition operators, evaluated in three-valued logic (true / false / unknown: depends on keys).
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
import { resolveVariables, type RequestContext, type Tri } from './context.js';
import { arnMatches, escapeGlobLiteral, globRegex } from './match.js';
import type { ConditionClause } from './normalize.js';

type Family =
  'string' | 'stringIgnoreCase' | 'stringLike' | 'numeric' | 'date' | 'bool' | 'binary' | 'ip' | 'arn';
type Compare = 'eq' | 'lt' | 'le' | 'gt' | 'ge';

interface OperatorSpec {
  family: Family;
  negated: boolean;
  compare: Compare;
}

const OPERATORS: Record<string, OperatorSpec> = {
  stringequals: { family: 'string', negated: false, compare: 'eq' },
  stringnotequals: { family: 'string', negated: true, compare: 'eq' },
  stringequalsignorecase: { family: 'stringIgnoreCase', negated: false, compare: 'eq' },
  stringnotequalsignorecase: { family: 'stringIgnoreCase', negated: true, compare: 'eq' },
  stringlike: { family: 'stringLike', negated: false, compare: 'eq' },
  stringnotlike: { family: 'stringLike', negated: true, compare: 'eq' },
  numericequals: { family: 'numeric', negated: false, compare: 'eq' },
  numericnotequals: { family: 'numeric', negated: true, compare: 'eq' },
  numericlessthan: { family: 'numeric', negated: false, compare: 'lt' },
  numericlessthanequals: { family: 'numeric', negated: false, compare: 'le' },
  numericgreaterthan: { family: 'numeric', negated: false, compare: 'gt' },
  numericgreaterthanequals: { family: 'numeric', negated: false, compare: 'ge' },
  dateequals: { family: 'date', negated: false, compare: 'eq' },
  datenotequals: { family: 'date', negated: true, compare: 'eq' },
  datelessthan: { family: 'date', negated: false, compare: 'lt' },
  datelessthanequals: { family: 'date', negated: false, compare: 'le' },
  dategreaterthan: { family: 'date', negated: false, compare: 'gt' },
  dategreaterthanequals: { family: 'date', negated: false, compare: 'ge' },
  bool: { family: 'bool', negated: false, compare: 'eq' },
  binaryequals: { family: 'binary', negated: false, compare: 'eq' },
  ipaddress: { family: 'ip', negated: false, compare: 'eq' },
  notipaddress: { family: 'ip', negated: true, compare: 'eq' },
  arnequals: { family: 'arn', negated: false, compare: 'eq' },
  arnlike: { family: 'arn', negated: false, compare: 'eq' },
  arnnotequals: { family: 'arn', negated: true, compare: 'eq' },
  arnnotlike: { family: 'arn', negated: true, compare: 'eq' },
};

export interface CompiledCondition {
  operator: string;
  key: string;
  keyLower: string;
  values: readonly string[];
  /** undefined: `Null`; otherwise the operator family. */
  spec: OperatorSpec | undefined;
  ifExists: boolean;
  set: 'any' | 'all' | undefined;
  hasVariables: boolean;
  /** An operator we do not know: the statement's outcome is unknown. */
  unsupported: boolean;
}

/** `variables`: false when `${...}` in the values is literal text (a policy without Version 2012-10-17). */
export function compileCondition(c: ConditionClause, variables = true): CompiledCondition {
  let op = c.operator.trim();
  let set: 'any' | 'all' | undefined;
  const lowerOp = op.toLowerCase();
  if (lowerOp.startsWith('foranyvalue:')) {
    set = 'any';
    op = op.slice('foranyvalue:'.length);
  } else if (lowerOp.startsWith('forallvalues:')) {
    set = 'all';
    op = op.slice('forallvalues:'.length);
  }
  let base = op.toLowerCase();
  let ifExists = false;
  if (base.endsWith('ifexists')) {
    ifExists = true;
    base = base.slice(0, -'ifexists'.length);
  }
  const spec = base === 'null' ? undefined : OPERATORS[base];
  return {
    operator: c.operator,
    key: c.key,
    keyLower: c.key.toLowerCase(),
    values: c.values,
    spec,
    ifExists,
    set,
    hasVariables: variables && c.values.some((v) => v.includes('${')),
    unsupported: base !== 'null' && spec === undefined,
  };
}

// AWS compares numeric condition values as integers or decimals; anything else (an empty string,
// hexadecimal, "Infinity") is not a number and matches no numeric operator. `Number('')` is 0, so a
// plain `Number()` would make `NumericEquals "0"` match an empty value.
const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
function parseNumber(s: string): number {
  const t = s.trim();
  return NUMBER_RE.test(t) ? Number(t) : NaN;
}

function parseDate(s: string): number {
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * 1000;
  return Date.parse(s);
}

function ipv4(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s.trim());
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return (((parts[0] ?? 0) << 24) | ((parts[1] ?? 0) << 16) | ((parts[2] ?? 0) << 8) | (parts[3] ?? 0)) >>> 0;
}

function ipInCidr(ip: string, cidr: string): boolean {
  const [net, bitsText] = cidr.split('/');
  const a = ipv4(ip);
  const n = ipv4(net ?? '');
  if (a === undefined || n === undefined) return ip === cidr;
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  if (!(bits >= 0 && bits <= 32)) return false;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (a & mask) === (n & mask);
}

function compare(cmp: Compare, a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  switch (cmp) {
    case 'eq':
      return a === b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
  }
}

/** Does one context value match one policy value (before negation)? */
function valueMatches(spec: OperatorSpec, ctxValue: string, policyValue: string): boolean {
  switch (spec.family) {
    case 'string':
    case 'binary':
      return ctxValue === policyValue;
    case 'stringIgnoreCase':
      return ctxValue.toLowerCase() === policyValue.toLowerCase();
    case 'stringLike':
      return globRegex(policyValue).test(ctxValue);
    case 'numeric':
      return compare(spec.compare, parseNumber(ctxValue), parseNumber(policyValue));
    case 'date':
      return compare(spec.compare, parseDate(ctxValue), parseDate(policyValue));
    case 'bool':
      return ctxValue.toLowerCase() === policyValue.toLowerCase();
    case 'ip':
      return ipInCidr(ctxValue, policyValue);
    case 'arn':
      return arnMatches(policyValue, ctxValue);
  }
}

/** Evaluates one condition (one operator + one key) against the context. */
export function evaluateCondition(c: CompiledCondition, ctx: RequestContext): Tri {
  if (c.unsupported) return [c.key];
  const found = ctx.lookup(c.keyLower);
  if (found.kind === 'free') return [c.key];

  if (c.spec === undefined) {
    // Null: "true" means the key must be absent, "false" that it must be present.
    const wantAbsent = c.values.some((v) => v.toLowerCase() === 'true');
    const wantPresent = c.values.some((v) => v.toLowerCase() === 'false');
    const absent = found.kind === 'absent';
    return (wantAbsent && absent) || (wantPresent && !absent);
  }
  const spec = c.spec;

  if (found.kind === 'absent') {
    if (c.ifExists) return true;
    if (c.set === 'all') return true;
    if (c.set === 'any') return false;
    return spec.negated;
  }

  let policyValues: readonly string[] = c.values;
  if (c.hasVariables) {
    const resolved: string[] = [];
    for (const v of c.values) {
      if (!v.includes('${')) {
        resolved.push(v);
        continue;
      }
      const literal = spec.family === 'stringLike' || spec.family === 'arn' ? escapeGlobLiteral : undefined;
      const r = resolveVariables(v, ctx, literal);
      if ('free' in r) return [c.key, r.free];
      if ('ok' in r) resolved.push(r.ok);
    }
    policyValues = resolved;
  }

  const matchOne = (ctxValue: string): boolean => {
    const any = policyValues.some((p) => valueMatches(spec, ctxValue, p));
    return spec.negated ? !any : any;
  };
  const values = found.values;
  if (c.set === 'all') return values.every(matchOne);
  if (c.set === 'any') return values.some(matchOne);
  // A single-valued operator on a multi-valued key: positive operators need one match,
  // negated operators need every value to avoid every policy value.
  return spec.negated ? values.every(matchOne) : values.some(matchOne);
}
