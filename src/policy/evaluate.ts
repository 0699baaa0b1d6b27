// The decision, in the order AWS documents it:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
// 1. an applicable explicit Deny in any policy wins;
// 2. SCPs: every level from the root to the account must Allow (when SCPs are given);
// 3. same-account resource-based policy: an Allow naming the principal's ARN is enough on its own
//    (role trust policies must always allow; naming the account delegates to identity policies);
// 4. the permissions boundary must Allow (except for a resource-policy grant to a user or session ARN);
// 5. identity policies must Allow. Anything else is an implicit deny.
import type { CompiledPolicy, CompiledStatement } from './compile.js';
import { and, isUnknown, not, or, type RequestContext, type Tri } from './context.js';
import { parseAction, type ParsedAction } from './match.js';
import type { PrincipalSpec } from './normalize.js';

/** Who makes the request, for matching Principal elements of resource-based (trust) policies. */
export interface Caller {
  arn: string;
  accountId: string;
  kind: 'user' | 'role' | 'session' | 'service' | 'federated';
  /** For a role session: the role's ARN. */
  roleArn?: string;
  /** For kind service / federated: the service principal or provider ARN. */
  name?: string;
  partition?: string;
}

export interface ResourcePolicyInput {
  policies: readonly CompiledPolicy[];
  caller: Caller;
  /** Role trust policies and KMS key policies must allow; bucket policies need not. */
  required: boolean;
}

export interface Layers {
  identity: readonly CompiledPolicy[];
  /** The permissions boundary; undefined when the principal has none. */
  boundary?: readonly CompiledPolicy[] | undefined;
  /** SCPs per level, root first; undefined or empty: no SCP data (or the principal is exempt). */
  scps?: readonly (readonly CompiledPolicy[])[] | undefined;
  resource?: ResourcePolicyInput | undefined;
}

export type Outcome = 'allow' | 'explicit-deny' | 'implicit-deny' | 'conditional';

export interface Decision {
  outcome: Outcome;
  /** For `conditional`: the condition keys the answer depends on. */
  keys: readonly string[];
  allowedBy: readonly CompiledStatement[];
  deniedBy: readonly CompiledStatement[];
  /** For an implicit deny: the layer that did not allow. */
  blockedBy?: 'identity' | 'boundary' | 'scp' | 'resource';
}

interface LayerScan {
  allow: Tri;
  deny: Tri;
  allowedBy: CompiledStatement[] | undefined;
  deniedBy: CompiledStatement[] | undefined;
}

function scan(
  policies: readonly CompiledPolicy[],
  a: ParsedAction,
  resource: string,
  ctx: RequestContext,
): LayerScan {
  const out: LayerScan = { allow: false, deny: false, allowedBy: undefined, deniedBy: undefined };
  for (const p of policies) {
    for (const st of p.matching(a).statements) {
      const applies = st.appliesTo(resource, ctx);
      if (applies === false) continue;
      if (st.effect === 'Deny') {
        out.deny = or(out.deny, applies);
        if (applies === true) (out.deniedBy ??= []).push(st);
      } else {
        out.allow = or(out.allow, applies);
        if (applies === true) (out.allowedBy ??= []).push(st);
      }
    }
  }
  return out;
}

const ACCOUNT_ROOT = /^arn:[^:]+:iam::(\d{12}):root$/;

/** How a Principal element names the caller: by its own ARN (or `*`), through its account, or not. */
export function principalMatch(spec: PrincipalSpec, caller: Caller): 'exact' | 'account' | false {
  if (spec.any) return 'exact';
  if (caller.kind === 'service') return caller.name && spec.service.includes(caller.name) ? 'exact' : false;
  if (caller.kind === 'federated')
    return caller.name && spec.federated.includes(caller.name) ? 'exact' : false;
  let result: 'exact' | 'account' | false = false;
  for (const v of spec.aws) {
    if (v === caller.arn || (caller.roleArn !== undefined && v === caller.roleArn)) return 'exact';
    const root = ACCOUNT_ROOT.exec(v);
    if (v === caller.accountId || root?.[1] === caller.accountId) result = 'account';
  }
  return result;
}

function resourceMatch(st: CompiledStatement, caller: Caller): 'exact' | 'account' | false {
  if (st.principal) return principalMatch(st.principal, caller);
  if (st.notPrincipal) return principalMatch(st.notPrincipal, caller) === false ? 'exact' : false;
  return false; // a resource-based statement without a principal applies to nobody
}

interface ResourceScan {
  exactAllow: Tri;
  accountAllow: Tri;
  deny: Tri;
  allowedBy: CompiledStatement[] | undefined;
  deniedBy: CompiledStatement[] | undefined;
}

function scanResource(input: ResourcePolicyInput, a: ParsedAction, resource: string, ctx: RequestContext) {
  const out: ResourceScan = {
    exactAllow: false,
    accountAllow: false,
    deny: false,
    allowedBy: undefined,
    deniedBy: undefined,
  };
  for (const p of input.policies) {
    for (const st of p.matching(a).statements) {
      const who = resourceMatch(st, input.caller);
      if (who === false) continue;
      const applies = st.appliesTo(resource, ctx);
      if (applies === false) continue;
      if (st.effect === 'Deny') {
        out.deny = or(out.deny, applies);
        if (applies === true) (out.deniedBy ??= []).push(st);
      } else {
        if (who === 'exact') out.exactAllow = or(out.exactAllow, applies);
        else out.accountAllow = or(out.accountAllow, applies);
        if (applies === true) (out.allowedBy ??= []).push(st);
      }
    }
  }
  return out;
}

const NONE: readonly CompiledStatement[] = [];
const IMPLICIT_DENY: Decision = {
  outcome: 'implicit-deny',
  keys: NONE as unknown as readonly string[],
  allowedBy: NONE,
  deniedBy: NONE,
  blockedBy: 'identity',
};

/** One decision for one request in one context. */
export function decide(
  layers: Layers,
  action: ParsedAction | string,
  resource: string,
  ctx: RequestContext,
): Decision {
  const a = typeof action === 'string' ? parseAction(action) : action;
  // Fast path: nothing can allow it and nothing else can grant it.
  if (!layers.resource && !layers.identity.some((p) => p.mayAllow(a))) return IMPLICIT_DENY;
  const id = scan(layers.identity, a, resource, ctx);
  let deny = id.deny;
  const deniedBy = id.deniedBy ? [...id.deniedBy] : [];
  const allowedBy = id.allowedBy ? [...id.allowedBy] : [];

  let boundaryAllow: Tri = true;
  if (layers.boundary) {
    const b = scan(layers.boundary, a, resource, ctx);
    boundaryAllow = b.allow;
    deny = or(deny, b.deny);
    if (b.deniedBy) deniedBy.push(...b.deniedBy);
  }

  let scpAllow: Tri = true;
  for (const level of layers.scps ?? []) {
    const s = scan(level, a, resource, ctx);
    scpAllow = and(scpAllow, s.allow);
    deny = or(deny, s.deny);
    if (s.deniedBy) deniedBy.push(...s.deniedBy);
  }

  const identityGrant = and(id.allow, boundaryAllow);
  let grant: Tri = identityGrant;
  let resourceAllow: Tri = false;
  if (layers.resource) {
    const r = scanResource(layers.resource, a, resource, ctx);
    deny = or(deny, r.deny);
    if (r.deniedBy) deniedBy.push(...r.deniedBy);
    if (r.allowedBy) allowedBy.push(...r.allowedBy);
    // A grant to a role's ARN is still limited by the role's boundary; to a user or session it is not.
    const exact = layers.resource.caller.kind === 'role' ? and(r.exactAllow, boundaryAllow) : r.exactAllow;
    const delegated = and(r.accountAllow, identityGrant);
    resourceAllow = or(r.exactAllow, r.accountAllow);
    grant = layers.resource.required ? or(exact, delegated) : or(identityGrant, exact);
  }

  if (deny === true) {
    return { outcome: 'explicit-deny', keys: [], allowedBy: NONE, deniedBy };
  }
  const total = and(and(grant, scpAllow), not(deny));
  if (total === true) return { outcome: 'allow', keys: [], allowedBy, deniedBy: NONE };
  if (isUnknown(total)) return { outcome: 'conditional', keys: total, allowedBy, deniedBy };
  let blockedBy: Decision['blockedBy'] = 'identity';
  if (layers.resource?.required && resourceAllow === false) blockedBy = 'resource';
  else if (grant !== false && scpAllow === false) blockedBy = 'scp';
  else if (id.allow !== false && boundaryAllow === false) blockedBy = 'boundary';
  return { outcome: 'implicit-deny', keys: [], allowedBy: NONE, deniedBy: NONE, blockedBy };
}

/** How a principal gets an action: without conditions, only with MFA, only under other conditions, or not. */
export type AccessLevel = 'unconditional' | 'mfa' | 'conditional' | 'denied';

export interface Access {
  level: AccessLevel;
  /** Condition keys a conditional access depends on (besides MFA). */
  keys: readonly string[];
  /** True when the access also needs MFA (level `mfa`, or `conditional` reached only with MFA). */
  needsMfa: boolean;
  decision: Decision;
  /** Level `mfa`: the condition keys the request without MFA was conditional on (it may be allowed otherwise). */
  withoutMfaKeys?: readonly string[];
}

const OUTCOME_RANK: Record<Decision['outcome'], number> = {
  allow: 0,
  conditional: 1,
  'implicit-deny': 2,
  'explicit-deny': 2,
};

/**
 * Decides up to three times when MFA or the kind of credentials matters: as a caller without MFA, in both
 * forms the caller can choose (long-term access keys send no MFA key and no aws:TokenIssueTime; a session
 * without MFA sends aws:MultiFactorAuthPresent false and aws:TokenIssueTime; a role's context already does),
 * and, if a condition looked at one of those keys and neither was an allow, as a caller with a fresh MFA
 * session.
 */
export function authorize(
  layers: Layers,
  action: ParsedAction | string,
  resource: string,
  ctx: RequestContext,
): Access {
  const first = authorizeAsCaller(layers, action, resource, ctx);
  // An MFA-only answer too: without MFA the request may be allowed in the Region the caller picks.
  const open =
    first.level === 'conditional' ? first.keys : first.level === 'mfa' ? (first.withoutMfaKeys ?? []) : [];
  if (!open.some((k) => REQUEST_KEYS.has(k.toLowerCase()))) return first;
  const a = typeof action === 'string' ? parseAction(action) : action;
  return requestKeysChosen(layers, a, resource, ctx, first);
}

const REQUESTED_REGION = 'aws:requestedregion';
const RESOURCE_ACCOUNT = 'aws:resourceaccount';
/** Keys of the request itself, not of the caller: known from the action and resource, or the caller's choice. */
const REQUEST_KEYS = new Set([REQUESTED_REGION, RESOURCE_ACCOUNT]);

// "CloudFront, IAM, Route 53, and Support ... global services with a single endpoint that is physically located
// in the us-east-1 Region. ... all requests to these services are made to the us-east-1 Region."
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_deny-requested-region.html
const GLOBAL_SERVICES = new Set(['iam', 'cloudfront', 'route53', 'support']);
const GLOBAL_REGION: Record<string, string> = {
  aws: 'us-east-1',
  'aws-cn': 'cn-north-1',
  'aws-us-gov': 'us-gov-west-1',
};
/** Stands for a Region no policy names: a caller may call any of the Regions its policies leave open. */
const OTHER_REGION = 'rampart-unnamed-region';
const ARN_PARTS = /^arn:([^:]*):[^:]*:([^:]*):([^:]*):/;

/**
 * aws:RequestedRegion and aws:ResourceAccount are facts of the request, not of the caller. The Region is the
 * resource's (an ARN with a Region), us-east-1 for global services, and otherwise the caller's choice: it sends
 * the request to whichever Region it likes, so the easiest of the Regions the policies name (or one they do
 * not) is the answer. aws:ResourceAccount is the resource ARN's account, or, for `*`, the caller's own account
 * (the analysis asks what the caller can do in its account).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-requestedregion
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceaccount
 */
function requestKeysChosen(
  layers: Layers,
  a: ParsedAction,
  resource: string,
  ctx: RequestContext,
  first: Access,
): Access {
  const parts = ARN_PARTS.exec(resource);
  // Empty fields (IAM ARNs have no Region, S3 buckets no account) say nothing.
  const arnRegion = nonEmpty(parts?.[2]);
  const arnAccount = nonEmpty(parts?.[3]);
  const values: Record<string, string> = {};
  if (ctx.lookup(RESOURCE_ACCOUNT).kind === 'free') {
    const own = ctx.lookup('aws:principalaccount');
    const account = arnAccount ?? (own.kind === 'known' ? own.values[0] : undefined);
    if (account) values[RESOURCE_ACCOUNT] = account;
  }
  let regions: string[] = [];
  if (ctx.lookup(REQUESTED_REGION).kind === 'free') {
    const fixed =
      arnRegion ?? (GLOBAL_SERVICES.has(a.service) ? GLOBAL_REGION[parts?.[1] ?? 'aws'] : undefined);
    regions = fixed ? [fixed] : [...namedRegions(layers, a), OTHER_REGION];
  }
  if (regions.length === 0) {
    return Object.keys(values).length === 0
      ? first
      : authorizeAsCaller(layers, a, resource, ctx.with(values));
  }
  let best: Access | undefined;
  for (const region of regions) {
    const got = authorizeAsCaller(layers, a, resource, ctx.with({ ...values, [REQUESTED_REGION]: region }));
    if (!best || accessRank(got.level) < accessRank(best.level)) best = got;
  }
  return best ?? first;
}

const nonEmpty = (s: string | undefined): string | undefined => (s === '' ? undefined : s);

/** The Region names the conditions on aws:RequestedRegion of statements for this action name (globs filled). */
function namedRegions(layers: Layers, a: ParsedAction): Set<string> {
  const out = new Set<string>();
  const policies = [
    ...layers.identity,
    ...(layers.boundary ?? []),
    ...(layers.scps ?? []).flat(),
    ...(layers.resource?.policies ?? []),
  ];
  for (const p of policies)
    for (const st of p.matching(a).statements)
      for (const c of st.conditions)
        if (c.keyLower === REQUESTED_REGION)
          for (const v of c.values) if (!v.includes('${')) out.add(v.replace(/\*/g, 'x').replace(/\?/g, 'x'));
  return out;
}

function authorizeAsCaller(
  layers: Layers,
  action: ParsedAction | string,
  resource: string,
  ctx: RequestContext,
): Access {
  ctx.mfaConsulted = false;
  let first = decide(layers, action, resource, ctx);
  if (first.outcome === 'allow')
    return { level: 'unconditional', keys: [], needsMfa: false, decision: first };
  if (ctx.mfaConsulted) {
    const session = decide(layers, action, resource, ctx.withoutMfa());
    if (OUTCOME_RANK[session.outcome] < OUTCOME_RANK[first.outcome]) first = session;
    if (first.outcome === 'allow')
      return { level: 'unconditional', keys: [], needsMfa: false, decision: first };
    const second = decide(layers, action, resource, ctx.withMfa());
    if (second.outcome === 'allow') {
      return {
        level: 'mfa',
        keys: [],
        needsMfa: true,
        decision: second,
        ...(first.outcome === 'conditional' ? { withoutMfaKeys: first.keys } : {}),
      };
    }
    if (second.outcome === 'conditional' && first.outcome !== 'conditional') {
      return { level: 'conditional', keys: second.keys, needsMfa: true, decision: second };
    }
  }
  if (first.outcome === 'conditional') {
    return { level: 'conditional', keys: first.keys, needsMfa: false, decision: first };
  }
  return { level: 'denied', keys: [], needsMfa: false, decision: first };
}

const RANK: Record<AccessLevel, number> = { unconditional: 0, mfa: 1, conditional: 2, denied: 3 };

/** The weaker of two accesses (a path is as strong as its weakest step). */
export function weakest(a: AccessLevel, b: AccessLevel): AccessLevel {
  return RANK[a] >= RANK[b] ? a : b;
}

export function strongest(a: AccessLevel, b: AccessLevel): AccessLevel {
  return RANK[a] <= RANK[b] ? a : b;
}

export const accessRank = (a: AccessLevel): number => RANK[a];
