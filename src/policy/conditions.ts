// Condition operators, evaluated in three-valued logic (true / false / unknown: depends on keys).
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
import { isIPv4, isIPv6 } from 'node:net';
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

// Policy variables are substituted only where the operator page says "Policy variables – Supported"
// (string, Bool, ARN); in Numeric, Date, Binary, IP and Null values `${...}` is literal text.
const VARIABLE_FAMILIES: ReadonlySet<Family> = new Set<Family>([
  'string',
  'stringIgnoreCase',
  'stringLike',
  'bool',
  'arn',
]);

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
  // "You can add IfExists to the end of any condition operator name except the Null condition".
  const isNull = base === 'null' && !ifExists;
  const spec = isNull ? undefined : OPERATORS[base];
  return {
    operator: c.operator,
    key: c.key,
    keyLower: c.key.toLowerCase(),
    values: c.values,
    spec,
    ifExists,
    set,
    hasVariables:
      variables &&
      spec !== undefined &&
      VARIABLE_FAMILIES.has(spec.family) &&
      c.values.some((v) => v.includes('${')),
    unsupported: !isNull && spec === undefined,
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

// Date values are epoch seconds or the W3C profile of ISO 8601 (YYYY-MM, YYYY-MM-DD, with Thh:mm,
// :ss, .s and an offset). `Date.parse` would read a date-time without an offset in the machine's time
// zone and accept other formats; AWS compares instants, so a value without an offset is UTC.
// https://www.w3.org/TR/NOTE-datetime
const ISO_DATE_RE =
  /^(\d{4})-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:?\d{2})?)?)?$/i;

/** Epoch milliseconds of a Date condition value, or NaN. Independent of the machine's time zone. */
export function parseDate(text: string): number {
  const s = text.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * 1000;
  const m = ISO_DATE_RE.exec(s);
  if (!m) return NaN;
  const field = (i: number, absent: number) => (m[i] === undefined ? absent : Number(m[i]));
  const [y, mo, d, h, mi, sec] = [
    field(1, 0),
    field(2, 1),
    field(3, 1),
    field(4, 0),
    field(5, 0),
    field(6, 0),
  ];
  const ms = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  const t = Date.UTC(y, mo - 1, d, h, mi, sec, ms);
  // Date.UTC rolls 2026-02-30 over to March and 24:30 to the next day: a field out of range is no date.
  const b = new Date(t);
  const inRange =
    b.getUTCFullYear() === y &&
    b.getUTCMonth() === mo - 1 &&
    b.getUTCDate() === d &&
    b.getUTCHours() === h &&
    b.getUTCMinutes() === mi &&
    b.getUTCSeconds() === sec;
  if (!inRange) return NaN;
  const tz = m[8]?.toUpperCase() ?? 'Z';
  if (tz === 'Z') return t;
  const [oh, om] = [Number(tz.slice(1, 3)), Number(tz.slice(-2))];
  if (oh > 23 || om > 59) return NaN;
  return t - (tz.startsWith('-') ? -1 : 1) * (oh * 60 + om) * 60_000;
}

// IP addresses as numbers: IPv4 in 32 bits, IPv6 in 128 (case-insensitive hex, `::` compression, a
// dotted IPv4 tail). An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is the IPv4 address it maps.
interface Ip {
  v6: boolean;
  n: bigint;
}

function parseIpv4(s: string): bigint | undefined {
  if (!isIPv4(s)) return undefined;
  return s.split('.').reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n);
}

function parseIp(text: string): Ip | undefined {
  const s = text.trim();
  const v4 = parseIpv4(s);
  if (v4 !== undefined) return { v6: false, n: v4 };
  if (!isIPv6(s) || s.includes('%')) return undefined;
  let groups: string[];
  const tail = /:(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  let head = s;
  const extra: string[] = [];
  if (tail) {
    const t = parseIpv4(tail[1] ?? '');
    if (t === undefined) return undefined;
    extra.push(((t >> 16n) & 0xffffn).toString(16), (t & 0xffffn).toString(16));
    head = s.slice(0, tail.index + 1);
    head = head.endsWith('::') ? head : head.slice(0, -1);
  }
  const [left, right] = head.includes('::') ? head.split('::') : [head, undefined];
  const l = left ? left.split(':') : [];
  const r = right === undefined ? [] : right ? right.split(':') : [];
  if (right === undefined) groups = [...l, ...extra];
  else groups = [...l, ...Array<string>(8 - l.length - r.length - extra.length).fill('0'), ...r, ...extra];
  if (groups.length !== 8) return undefined;
  const n = groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
  if (n >> 32n === 0xffffn) return { v6: false, n: n & 0xffffffffn };
  return { v6: true, n };
}

/** Is `ip` in `cidr` (an address or a range; IPv4 or IPv6)? An unparsable side matches nothing. */
function ipInCidr(ip: string, cidr: string): boolean {
  const slash = cidr.indexOf('/');
  const netText = slash >= 0 ? cidr.slice(0, slash) : cidr;
  const a = parseIp(ip);
  const net = parseIp(netText);
  if (a === undefined || net === undefined) return false;
  let bits = net.v6 ? 128 : 32;
  if (slash >= 0) {
    const b = cidr.slice(slash + 1).trim();
    if (!/^\d{1,3}$/.test(b)) return false;
    bits = Number(b);
  }
  // An IPv4-mapped network written in IPv6 form: its prefix counts the 96 bits of ::ffff:.
  const mapped = !net.v6 && isIPv6(netText.trim());
  if (mapped) {
    if (bits < 96) return false;
    bits -= 96;
  }
  const width = net.v6 ? 128 : 32;
  if (a.v6 !== net.v6 || bits > width) return false;
  const mask = ((1n << BigInt(width)) - 1n) ^ ((1n << BigInt(width - bits)) - 1n);
  return (a.n & mask) === (net.n & mask);
}

/** `undefined` when either side is not a number (or date): the values cannot be compared. */
function compare(cmp: Compare, a: number, b: number): boolean | undefined {
  if (Number.isNaN(a) || Number.isNaN(b)) return undefined;
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

/**
 * Does one context value match one policy value (before negation)? `undefined`: a numeric or date value
 * that does not parse, which neither matches nor differs (so a negated operator does not match it either).
 */
function valueMatches(spec: OperatorSpec, ctxValue: string, policyValue: string): boolean | undefined {
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
      // "Each of the six colon-delimited components of the ARN is checked separately": a value with
      // fewer than six (arn:aws:iam::*) cannot match an ARN, its last `*` does not span the rest.
      return (policyValue === '*' || policyValue.split(':').length >= 6) && arnMatches(policyValue, ctxValue);
  }
}

/**
 * Keys whose presence the CALLER decides: the tags it sends with the request. A caller can always send
 * a request without tags (tags on create and on session are optional; actions without tags never have
 * these keys). Every other free key (aws:PrincipalTag/*, aws:ResourceTag/*, aws:SourceIp, service keys)
 * depends on things the caller does not choose, so it stays unknown. The engine has no general notion
 * of "caller-controlled", so this is narrow on purpose: aws:TagKeys and aws:RequestTag/*.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_tags.html#access_tags_control-requests
 * Known gap: transitive session tags of a chained role session are sent again without the caller
 * choosing (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html#id_session-tags_role-chaining).
 */
export const callerCanOmit = (keyLower: string): boolean =>
  keyLower === 'aws:tagkeys' || keyLower.startsWith('aws:requesttag/');

/** The condition's answer when its key is absent from the request. */
function whenAbsent(c: CompiledCondition): boolean {
  if (c.spec === undefined) return c.values.some((v) => v.toLowerCase() === 'true'); // Null "true"
  if (c.ifExists) return true;
  if (c.set === 'all') return true;
  if (c.set === 'any') return false;
  return c.spec.negated;
}

/**
 * Evaluates one condition (one operator + one key) against the context. `effect`: the statement's
 * effect, for keys free in the analysis that the caller can leave out of the request (callerCanOmit).
 * The caller picks the request: one without tags. So an Allow condition that holds with the key absent
 * is true, and a Deny condition that fails with the key absent is false. Both are answers in that same
 * request (every such key absent), so together they stay consistent. The other way round (an Allow
 * that needs tags, a Deny that a tagless request meets) stays unknown: the caller may send tags.
 */
export function evaluateCondition(c: CompiledCondition, ctx: RequestContext, effect?: 'Allow' | 'Deny'): Tri {
  if (c.unsupported) return [c.key];
  const found = ctx.lookup(c.keyLower);
  if (found.kind === 'free') {
    if (effect !== undefined && callerCanOmit(c.keyLower)) {
      const absent = whenAbsent(c);
      if (absent === (effect === 'Allow')) return absent;
    }
    return [c.key];
  }

  // A key that "resolves to a null dataset, such as an empty string" (no values, or one empty value):
  // ForAllValues is true, ForAnyValue false, and Null "false" fails, the guard the page recommends.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html#reference_policies_condition-multi-valued-context-keys
  const nullDataset =
    found.kind === 'known' &&
    (found.values.length === 0 || (found.values.length === 1 && found.values[0] === ''));

  if (c.spec === undefined) {
    // Null: "true" means the key must be absent, "false" that it must be present.
    const wantAbsent = c.values.some((v) => v.toLowerCase() === 'true');
    const wantPresent = c.values.some((v) => v.toLowerCase() === 'false');
    const absent = found.kind === 'absent' || nullDataset;
    return (wantAbsent && absent) || (wantPresent && !absent);
  }
  const spec = c.spec;

  if (found.kind === 'absent') return whenAbsent(c);
  if (c.set !== undefined && nullDataset) return c.set === 'all';

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

  // A negated operator needs the value to differ from every policy value; a pair that cannot be compared
  // (NumericNotEquals on "abc") does not differ, so the condition does not match.
  const matchOne = (ctxValue: string): boolean =>
    spec.negated
      ? policyValues.every((p) => valueMatches(spec, ctxValue, p) === false)
      : policyValues.some((p) => valueMatches(spec, ctxValue, p) === true);
  const values = found.values;
  if (c.set === 'all') return values.every(matchOne);
  if (c.set === 'any') return values.some(matchOne);
  // A single-valued operator on a multi-valued key: positive operators need one match,
  // negated operators need every value to avoid every policy value.
  return spec.negated ? values.every(matchOne) : values.some(matchOne);
}
