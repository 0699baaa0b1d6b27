// Compiles a normalized policy once: action lists indexed by service, resource globs precompiled,
// conditions parsed. Evaluation then only touches the statements that can match a request's service.
import { compileCondition, evaluateCondition, type CompiledCondition } from './conditions.js';
import { and, not, or, resolveVariables, type RequestContext, type Tri } from './context.js';
import { ActionSet, arnMatches, arnRegex, escapeGlobLiteral, type ParsedAction } from './match.js';
import {
  normalizePolicy,
  type Effect,
  type NormalizedPolicy,
  type NormalizedStatement,
  type PrincipalSpec,
} from './normalize.js';

export interface PolicyRef {
  /** Stable id: managed policy ARN (+ version), or `<principal ARN>#inline/<name>`. */
  id: string;
  name: string;
  kind: 'managed' | 'inline' | 'trust' | 'boundary' | 'scp' | 'resource';
  arn?: string;
  versionId?: string;
}

class ResourceSet {
  all = false;
  exact: Set<string> | undefined;
  patterns: string[] | undefined;
  templates: string[] | undefined;

  /** `variables`: false for a policy without Version 2012-10-17, where `${...}` is literal text. */
  constructor(list: readonly string[], variables: boolean) {
    for (const r of list) {
      if (r === '*') this.all = true;
      else if (variables && r.includes('${')) (this.templates ??= []).push(r);
      else if (r.includes('*') || r.includes('?')) (this.patterns ??= []).push(r);
      else (this.exact ??= new Set()).add(r);
    }
  }

  private regexes: RegExp[] | undefined;

  /** Matched by `*`, an exact ARN or a pattern (policy variables aside; each pattern's glob compiled once). */
  matchesPlain(resource: string): boolean {
    if (this.all || this.exact?.has(resource)) return true;
    if (this.patterns)
      for (const re of (this.regexes ??= this.patterns.map(arnRegex))) if (re.test(resource)) return true;
    return false;
  }

  match(resource: string, ctx: RequestContext): Tri {
    if (this.matchesPlain(resource)) return true;
    let result: Tri = false;
    if (this.templates) {
      for (const t of this.templates) {
        const r = resolveVariables(t, ctx, escapeGlobLiteral);
        if ('ok' in r) {
          if (arnMatches(r.ok, resource)) return true;
        } else if ('free' in r) result = or(result, [r.free]);
        // An unresolvable variable without a default never matches.
      }
    }
    return result;
  }
}

const PRINCIPAL_KEY = /^(aws:principal|aws:username|aws:userid|aws:sourceidentity)/i;

const PRINCIPAL_VARIABLE = /\$\{\s*(aws:principal|aws:username|aws:userid)/i;

/**
 * Keys of who asks that are the same for every principal of one account: its organization and account, and the
 * service keys (no principal of the account is an AWS service).
 */
const ACCOUNT_WIDE_KEY = /^aws:principal(orgid|orgpaths|account|isawsservice|servicename|servicenameslist)$/i;

const RESOURCE_TAG_KEY = /^(aws|iam):resourcetag\//i;

/** A condition on the tags of the request's resource: the answer differs from resource to resource. */
export const readsResourceTags = (st: NormalizedStatement): boolean =>
  st.conditions.some((c) => RESOURCE_TAG_KEY.test(c.key));

/**
 * A condition on who the caller is, or a policy variable naming the caller: answers differ by principal.
 * `sameForAll`: caller keys left out (their value is the same for every caller asked about).
 */
function dependsOnPrincipal(st: NormalizedStatement, sameForAll?: RegExp): boolean {
  // Runs for every statement of the account: the common case (no condition, no variable) tests little.
  for (const c of st.conditions) {
    if (PRINCIPAL_KEY.test(c.key) && !sameForAll?.test(c.key)) return true;
    for (const v of c.values) if (v.includes('${') && PRINCIPAL_VARIABLE.test(v)) return true;
  }
  const res = st.resource ?? st.notResource;
  if (res) for (const r of res) if (r.includes('${') && PRINCIPAL_VARIABLE.test(r)) return true;
  return false;
}

/**
 * A statement, compiled on demand: a large account has tens of thousands of statements and an analysis
 * asks about few actions, so resources and conditions are compiled only for the statements a question
 * reaches (the action list is cheap until matched: see ActionSet).
 */
export class CompiledStatement {
  readonly effect: Effect;
  readonly sid: string | undefined;
  readonly index: number;
  readonly notAction: boolean;
  readonly actions: ActionSet;
  readonly notResource: boolean;
  readonly resourceIsStar: boolean;
  readonly principal: PrincipalSpec | undefined;
  readonly notPrincipal: PrincipalSpec | undefined;
  readonly principalDependent: boolean;
  /** A condition reads the resource's tags (aws:ResourceTag/*, iam:ResourceTag/*). */
  readonly readsResourceTags: boolean;
  private readonly source: NormalizedPolicy['statements'][number];
  private resourceSet: ResourceSet | null | undefined;
  private compiledConditions: readonly CompiledCondition[] | undefined;

  constructor(
    readonly policy: CompiledPolicy,
    st: NormalizedPolicy['statements'][number],
    index: number,
  ) {
    this.source = st;
    this.effect = st.effect;
    this.sid = st.sid;
    this.index = index;
    this.notAction = st.notAction !== undefined;
    this.actions = new ActionSet(st.action ?? st.notAction ?? []);
    const res = st.resource ?? st.notResource;
    this.notResource = st.notResource !== undefined;
    this.resourceIsStar = !this.notResource && (res === undefined || res.includes('*'));
    this.principal = st.principal;
    this.notPrincipal = st.notPrincipal;
    this.principalDependent = dependsOnPrincipal(st);
    this.readsResourceTags = readsResourceTags(st);
  }

  /**
   * Whether answers differ between principals of one account: principalDependent, less the keys all of them
   * share (ACCOUNT_WIDE_KEY).
   */
  get tellsCallersApart(): boolean {
    return this.principalDependent && dependsOnPrincipal(this.source, ACCOUNT_WIDE_KEY);
  }

  /** undefined: no Resource element (trust policies): matches every resource. */
  get resources(): ResourceSet | undefined {
    if (this.resourceSet === undefined) {
      const res = this.source.resource ?? this.source.notResource;
      this.resourceSet = res ? new ResourceSet(res, this.policy.variables) : null;
    }
    return this.resourceSet ?? undefined;
  }

  get conditions(): readonly CompiledCondition[] {
    const variables = this.policy.variables;
    return (this.compiledConditions ??= this.source.conditions.map((c) => compileCondition(c, variables)));
  }

  matchesAction(a: ParsedAction): boolean {
    const m = this.actions.matches(a);
    return this.notAction ? !m : m;
  }

  /** Does the statement apply to this action, resource and context? (Principal is checked elsewhere.) */
  applies(a: ParsedAction, resource: string, ctx: RequestContext): Tri {
    if (!this.matchesAction(a)) return false;
    return this.appliesTo(resource, ctx);
  }

  /** `applies` for a statement already known to match the action (from CompiledPolicy.matching). */
  appliesTo(resource: string, ctx: RequestContext): Tri {
    let result: Tri = true;
    if (this.resources && !this.resources.all) {
      const m = this.resources.match(resource, ctx);
      result = this.notResource ? not(m) : m;
      if (result === false) return false;
    } else if (this.notResource) {
      return false; // NotResource: "*" excludes everything
    }
    for (const c of this.conditions) {
      result = and(result, evaluateCondition(c, ctx, this.effect));
      if (result === false) return false;
    }
    return result;
  }

  /**
   * Could the statement apply to this resource, conditions aside? False only when its Resource (or
   * NotResource) element rules the resource out whoever asks: a policy variable answers true.
   */
  mayApplyTo(resource: string): boolean {
    const res = this.resources;
    if (!res) return true;
    if (res.templates) return true;
    const m = res.matchesPlain(resource);
    return this.notResource ? !m : m;
  }

  describe(): string {
    const list = this.notAction ? 'NotAction' : 'Action';
    return `${this.policy.ref.name} statement ${this.sid ? `"${this.sid}"` : this.index + 1} (${this.effect} ${list})`;
  }
}

const EMPTY: readonly CompiledStatement[] = [];

export interface ActionMatch {
  statements: readonly CompiledStatement[];
  /** Some of the statements is an Allow. */
  allows: boolean;
  /** Some statement has Resource "*" (or none): it may apply to any resource. */
  anyResource: boolean;
  /** mayApplyTo's answers, by resource (made when first asked). */
  byResource: Map<string, boolean> | undefined;
}

const NO_MATCH: ActionMatch = { statements: EMPTY, allows: false, anyResource: false, byResource: undefined };

let nextSerial = 0;

/** The serial number the next compiled policy gets. */
export const nextPolicySerial = (): number => nextSerial;

/** What compiling a policy's statements makes (see CompiledPolicy.compiled). */
interface PolicyStatements {
  statements: CompiledStatement[];
  /** Statements by the services their Action list names. */
  byService: Map<string, CompiledStatement[]>;
  /** Statements that can match any service: NotAction, `*`, service wildcards. */
  anyService: CompiledStatement[];
}

export class CompiledPolicy {
  /** A small number naming this compiled policy in cache keys. */
  readonly serial = nextSerial++;
  readonly problems: readonly string[];
  readonly hasDeny: boolean;
  readonly hasAllow: boolean;
  readonly principalDependent: boolean;
  /**
   * Policy variables are substituted only in policies with Version 2012-10-17; in older or versionless ones
   * `${aws:username}` is literal text (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html).
   */
  readonly variables: boolean;
  /** Whether a statement has NotResource (read without compiling the policy). */
  readonly hasNotResource: boolean;
  /** Whether a statement's condition reads the resource's tags (read without compiling the policy). */
  readonly readsResourceTags: boolean;
  /** The statements as read, until compiled. */
  private readonly source: readonly NormalizedStatement[];
  private made: PolicyStatements | undefined;

  constructor(
    readonly ref: PolicyRef,
    normalized: NormalizedPolicy,
  ) {
    this.problems = normalized.problems;
    this.source = normalized.statements;
    this.variables = normalized.version === '2012-10-17';
    let deny = false;
    let allow = false;
    let dependent = false;
    let notResource = false;
    let tags = false;
    for (const st of this.source) {
      if (st.effect === 'Deny') deny = true;
      else allow = true;
      if (!dependent && dependsOnPrincipal(st)) dependent = true;
      if (st.notResource) notResource = true;
      if (!tags && st.conditions.length > 0 && readsResourceTags(st)) tags = true;
    }
    this.hasNotResource = notResource;
    this.readsResourceTags = tags;
    this.hasDeny = deny;
    this.hasAllow = allow;
    this.principalDependent = dependent;
  }

  /**
   * The statements' effects and Action / NotAction lists as written (not trimmed or lower-cased), without
   * compiling them: enough to tell which actions a policy names.
   */
  get actionLists(): readonly NormalizedStatement[] {
    return this.source;
  }

  get statements(): CompiledStatement[] {
    return this.compiled().statements;
  }

  /**
   * Compiled when first asked: a large account has tens of thousands of policies and an analysis reads the
   * statements of only some of them.
   */
  private compiled(): PolicyStatements {
    if (this.made) return this.made;
    const statements = this.source.map((s, i) => new CompiledStatement(this, s, i));
    const byService = new Map<string, CompiledStatement[]>();
    const anyService: CompiledStatement[] = [];
    for (const st of statements) {
      if (st.notAction || st.actions.spansServices) {
        anyService.push(st);
        continue;
      }
      for (const svc of st.actions.serviceNames) {
        const list = byService.get(svc);
        if (!list) byService.set(svc, [st]);
        else list.push(st);
      }
    }
    // Exact-length copies: the lists are kept for the policy's life (an array grown by push reserves more).
    for (const [svc, list] of byService) if (list.length > 1) byService.set(svc, list.slice());
    this.made = { statements, byService, anyService };
    return this.made;
  }

  private merged: Map<string, readonly CompiledStatement[]> | undefined;

  /** Statements that may match an action of this service (a superset; `applies` decides). */
  candidates(service: string): readonly CompiledStatement[] {
    const { byService, anyService } = this.compiled();
    const named = byService.get(service) ?? EMPTY;
    if (anyService.length === 0) return named;
    if (named.length === 0) return anyService;
    this.merged ??= new Map();
    let list = this.merged.get(service);
    if (!list) {
      list = [...anyService, ...named].sort((a, b) => a.index - b.index);
      this.merged.set(service, list);
    }
    return list;
  }

  /** Per action (lower-case): the statements whose Action / NotAction matches it, and whether one allows. */
  private byAction: Map<string, ActionMatch> | undefined;

  /**
   * The statements whose Action / NotAction list matches the action, in document order. Memoized: a
   * policy is shared by many principals and an analysis asks about few distinct actions.
   */
  matching(a: ParsedAction): ActionMatch {
    let m = this.byAction?.get(a.lower);
    if (!m) {
      const candidates = this.candidates(a.service);
      // Most policies name nothing of most services: answer without growing the memo.
      if (candidates.length === 0) return NO_MATCH;
      const statements = candidates.filter((st) => st.matchesAction(a));
      m =
        statements.length === 0
          ? NO_MATCH
          : {
              statements,
              allows: statements.some((st) => st.effect === 'Allow'),
              anyResource: statements.some((st) => st.resourceIsStar),
              byResource: undefined,
            };
      (this.byAction ??= new Map<string, ActionMatch>()).set(a.lower, m);
    }
    return m;
  }

  /** Could a statement matching the action apply to the resource (see CompiledStatement.mayApplyTo)? */
  mayApplyTo(a: ParsedAction, resource: string): boolean {
    const m = this.matching(a);
    if (m.anyResource) return true;
    if (m.statements.length === 0) return false;
    const memo = (m.byResource ??= new Map<string, boolean>());
    let v = memo.get(resource);
    if (v === undefined) {
      v = m.statements.some((st) => st.mayApplyTo(resource));
      memo.set(resource, v);
    }
    return v;
  }

  /** Can any Allow statement match this action (ignoring resources and conditions)? */
  mayAllow(a: ParsedAction): boolean {
    return this.matching(a).allows;
  }
}

export function compilePolicy(doc: unknown, ref: PolicyRef): CompiledPolicy {
  return new CompiledPolicy(ref, normalizePolicy(doc));
}
