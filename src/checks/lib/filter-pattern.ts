/**
 * A loose reader of CloudWatch Logs JSON filter patterns (`{ $.a = "x" && ($.b NOT EXISTS || $.c != 1) }`),
 * enough to answer one question: does every event the pattern matches come from the root user, with nothing
 * but the CIS exclusions narrowing it further? Security Hub's CIS rule wants the exact CIS text; equivalent
 * spellings (spacing, unquoted Root, reordered terms, extra parentheses) should count too. Only the syntax
 * CloudWatch Logs accepts is read: string comparisons are `=` and `!=` (it rejects `==` at PutMetricFilter).
 */

type Node =
  { kind: 'term'; selector: string; op: string; value: string } | { kind: 'and' | 'or'; children: Node[] };

const TOKEN =
  /\s*(\(|\)|&&|\|\||NOT\s+EXISTS|IS\s+NULL|IS\s+TRUE|IS\s+FALSE|EXISTS|!=|>=|<=|=|>|<|"(?:[^"\\]|\\.)*"|[^\s()&|=!<>"]+)/y;

function tokenize(text: string): string[] | undefined {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const m = TOKEN.exec(text);
    if (!m?.[1]) return undefined;
    tokens.push(m[1].startsWith('"') ? m[1] : m[1].replace(/\s+/g, ' '));
  }
  return tokens;
}

const UNARY = new Set(['NOT EXISTS', 'EXISTS', 'IS NULL', 'IS TRUE', 'IS FALSE']);
const BINARY = new Set(['=', '!=', '>', '<', '>=', '<=']);

function parse(tokens: string[]): Node | undefined {
  let i = 0;
  const expr = (): Node | undefined => {
    const left = and();
    if (!left) return undefined;
    const children = [left];
    while (tokens[i] === '||') {
      i++;
      const next = and();
      if (!next) return undefined;
      children.push(next);
    }
    return children.length === 1 ? left : { kind: 'or', children };
  };
  const and = (): Node | undefined => {
    const left = primary();
    if (!left) return undefined;
    const children = [left];
    while (tokens[i] === '&&') {
      i++;
      const next = primary();
      if (!next) return undefined;
      children.push(next);
    }
    return children.length === 1 ? left : { kind: 'and', children };
  };
  const primary = (): Node | undefined => {
    const tok = tokens[i];
    if (tok === '(') {
      i++;
      const inner = expr();
      if (tokens[i] !== ')') return undefined;
      i++;
      return inner;
    }
    if (!tok?.startsWith('$.')) return undefined;
    i++;
    const op = tokens[i];
    if (op && UNARY.has(op)) {
      i++;
      return { kind: 'term', selector: tok, op, value: '' };
    }
    if (!op || !BINARY.has(op)) return undefined;
    i++;
    const raw = tokens[i];
    if (raw === undefined) return undefined;
    i++;
    const value = raw.startsWith('"') ? raw.slice(1, -1) : raw;
    return { kind: 'term', selector: tok, op, value };
  };
  const node = expr();
  return node && i === tokens.length ? node : undefined;
}

const isRootTerm = (n: Node): boolean =>
  n.kind === 'term' && n.selector === '$.userIdentity.type' && n.op === '=' && n.value === 'Root';

/** Conjuncts that may narrow a root-usage pattern without making it miss real root use (the CIS exclusions). */
const isAllowedExclusion = (n: Node): boolean =>
  n.kind === 'term' &&
  ((n.selector === '$.userIdentity.invokedBy' && n.op === 'NOT EXISTS') ||
    (n.selector === '$.eventType' && n.op === '!=' && n.value === 'AwsServiceEvent'));

export type RootPatternVerdict = { matches: true } | { matches: false; reason: string };

/** Does this metric filter pattern catch root usage (userIdentity.type = "Root", nothing but CIS exclusions)? */
export function judgeRootUsagePattern(pattern: string): RootPatternVerdict {
  const text = pattern.trim();
  if (!text.startsWith('{') || !text.endsWith('}')) {
    return { matches: false, reason: 'not a JSON filter pattern ({ $.field = value })' };
  }
  const tokens = tokenize(text.slice(1, -1));
  const node = tokens ? parse(tokens) : undefined;
  if (!node) return { matches: false, reason: 'the pattern could not be read' };
  return judge(node);
}

function judge(node: Node): RootPatternVerdict {
  if (node.kind === 'or') {
    // Every alternative must be a root-usage pattern, else the metric also counts non-root events.
    for (const child of node.children) {
      const v = judge(child);
      if (!v.matches) return { matches: false, reason: `an alternative (||) ${v.reason}` };
    }
    return { matches: true };
  }
  const flatten = (n: Node): Node[] => (n.kind === 'and' ? n.children.flatMap(flatten) : [n]);
  const conjuncts = flatten(node);
  if (!conjuncts.some(isRootTerm)) {
    return { matches: false, reason: 'does not require $.userIdentity.type = "Root"' };
  }
  const extra = conjuncts.filter((c) => !isRootTerm(c) && !isAllowedExclusion(c));
  if (extra.length > 0) {
    return { matches: false, reason: 'narrows root usage to some events only' };
  }
  return { matches: true };
}
