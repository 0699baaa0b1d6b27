// Questions about one policy document on its own: does it grant full admin, and who may assume a role
// under which conditions (its trust policy).
import { CompiledPolicy, compilePolicy } from './compile.js';
import { MFA_AGE, MFA_PRESENT, RequestContext } from './context.js';
import { fullAdminProbes } from './escalation.js';
import { authorize, weakest, type AccessLevel, type Caller, type Layers } from './evaluate.js';
import { ActionSet, parseAction, type ParsedAction } from './match.js';
import { normalizePolicy, type NormalizedPolicy } from './normalize.js';

export interface FullAdminResult {
  level: AccessLevel;
  /** Condition keys a conditional grant depends on. */
  keys: string[];
  /** The grant comes (at least partly) from an Allow with NotAction. */
  viaNotAction: boolean;
  /** The grant comes from Action "*" or "*:*". */
  viaActionStar: boolean;
  problems: readonly string[];
}

const neutral = () => new RequestContext({ otherKeys: 'free', absent: [MFA_PRESENT, MFA_AGE] });

/** Does this policy, alone, allow every administrative request (fullAdminProbes) on any resource? */
export function fullAdminAccess(
  doc: unknown,
  opts: { accountId: string; partition?: string },
): FullAdminResult {
  const normalized = normalizePolicy(doc);
  // Most policies name no Allow for some probe action: no compiling and no evaluation for those (an
  // account's audit judges every customer and inline policy).
  if (!mayAllowEveryProbe(normalized)) {
    return {
      level: 'denied',
      keys: [],
      viaNotAction: false,
      viaActionStar: false,
      problems: normalized.problems,
    };
  }
  return fullAdminOfCompiled(
    new CompiledPolicy({ id: 'policy', name: 'policy', kind: 'managed' }, normalized),
    opts,
  );
}

/** The probes' actions (they do not depend on partition or account; only their resources do). */
const PROBE_ACTIONS: readonly ParsedAction[] = fullAdminProbes('aws', '000000000000').map(([a]) =>
  parseAction(a),
);
// One bit per probe (20 today): more than 31 would not fit the int bit operations below.
if (PROBE_ACTIONS.length > 31) throw new Error('fullAdminProbes outgrew the probe bitmask');
const EVERY_PROBE = 2 ** PROBE_ACTIONS.length - 1;
/** Bits of the probe actions one Action / NotAction pattern matches; bounded like match.ts' pattern cache. */
const probeBits = new Map<string, number>();

function bitsOf(pattern: string): number {
  let bits = probeBits.get(pattern);
  if (bits === undefined) {
    const one = new ActionSet([pattern]);
    bits = 0;
    PROBE_ACTIONS.forEach((a, i) => {
      if (one.matches(a)) bits = (bits ?? 0) | (1 << i);
    });
    if (probeBits.size >= 50_000) probeBits.clear();
    probeBits.set(pattern, bits);
  }
  return bits;
}

/**
 * Can the policy's Allow statements match every probe action (resources and conditions aside)? False
 * means fullAdminOfCompiled would answer denied: some probe has no Allow statement at all.
 */
export function mayAllowEveryProbe(policy: NormalizedPolicy): boolean {
  let covered = 0;
  for (const st of policy.statements) {
    if (st.effect !== 'Allow') continue;
    let bits = 0;
    for (const pattern of st.action ?? st.notAction ?? []) bits |= bitsOf(pattern);
    covered |= st.notAction ? EVERY_PROBE & ~bits : bits;
    if (covered === EVERY_PROBE) return true;
  }
  return false;
}

/** Action "*:*" (any service, any action): the same grant as "*", written as CIS writes it. */
const isStarStar = (st: CompiledPolicy['statements'][number]): boolean =>
  st.policy.actionLists[st.index]?.action?.some((a) => a.trim() === '*:*') ?? false;

export function fullAdminOfCompiled(
  policy: CompiledPolicy,
  opts: { accountId: string; partition?: string },
): FullAdminResult {
  const ctx = neutral();
  let level: AccessLevel = 'unconditional';
  const keys = new Set<string>();
  let viaNotAction = false;
  let viaActionStar = false;
  for (const [action, resource] of fullAdminProbes(opts.partition ?? 'aws', opts.accountId)) {
    const a = authorize({ identity: [policy] }, parseAction(action), resource, ctx);
    level = weakest(level, a.level);
    if (level === 'denied') break;
    for (const k of a.keys) keys.add(k);
    for (const st of a.decision.allowedBy) {
      if (st.notAction) viaNotAction = true;
      else if (st.actions.all || isStarStar(st)) viaActionStar = true;
    }
  }
  return {
    level,
    keys: level === 'denied' ? [] : [...keys].sort(),
    viaNotAction: level !== 'denied' && viaNotAction,
    viaActionStar: level !== 'denied' && viaActionStar,
    problems: policy.problems,
  };
}

let allowAll: CompiledPolicy | undefined;

/**
 * A trust policy met by a caller whose own identity policies allow everything: what the trust alone
 * decides (the caller's account may still say no).
 */
export function trustLayers(trust: CompiledPolicy, caller: Caller): Layers {
  allowAll ??= compilePolicy(
    { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
    { id: 'allow-all', name: 'allow all', kind: 'managed' },
  );
  return { identity: [allowAll], resource: { policies: [trust], caller, required: true } };
}

export interface TrustGrant {
  /** The principal as the trust policy names it (account root, user or role ARN, `*`). */
  principal: string;
  kind: 'account' | 'user' | 'role' | 'any';
  /** How an IAM principal of this account gets in: unconditional, only with MFA, conditional. */
  level: AccessLevel;
  keys: string[];
}

/**
 * Who in the account may assume the role, as far as the trust policy is concerned (identity policies
 * aside), and whether MFA is required. Service and federated principals are not IAM users: left out.
 */
export function trustGrants(
  trustDoc: unknown,
  opts: { accountId: string; partition?: string; roleArn: string },
): TrustGrant[] {
  const partition = opts.partition ?? 'aws';
  const trust = compilePolicy(trustDoc, { id: 'trust', name: 'trust policy', kind: 'trust' });
  const assume = parseAction('sts:AssumeRole');
  const rootArn = `arn:${partition}:iam::${opts.accountId}:root`;
  const named = new Map<string, TrustGrant['kind']>();
  for (const st of trust.statements) {
    if (st.effect !== 'Allow' || !st.matchesAction(assume) || !st.principal) continue;
    if (st.principal.any) named.set('*', 'any');
    for (const v of st.principal.aws) {
      if (v === rootArn || v === opts.accountId) named.set(rootArn, 'account');
      else if (v.startsWith(`arn:${partition}:iam::${opts.accountId}:user/`)) named.set(v, 'user');
      else if (v.startsWith(`arn:${partition}:iam::${opts.accountId}:role/`)) named.set(v, 'role');
    }
  }
  const out: TrustGrant[] = [];
  for (const [principal, kind] of named) {
    const arn =
      kind === 'account' || kind === 'any'
        ? `arn:${partition}:iam::${opts.accountId}:user/rampart-probe`
        : principal;
    const caller: Caller = {
      arn,
      accountId: opts.accountId,
      kind: kind === 'role' ? 'role' : 'user',
      partition,
    };
    const ctx = new RequestContext({
      values: { 'aws:PrincipalArn': arn, 'aws:PrincipalAccount': opts.accountId },
      absent: [MFA_PRESENT, MFA_AGE],
      otherKeys: 'free',
    });
    const a = authorize(trustLayers(trust, caller), assume, opts.roleArn, ctx);
    if (a.level === 'denied') continue;
    out.push({ principal, kind, level: a.level, keys: [...a.keys] });
  }
  return out.sort((a, b) => a.principal.localeCompare(b.principal));
}

/**
 * How this account's user, or a session of its role (the next hop of a chain), gets past the role's trust
 * policy on its own (identity policies aside): unconditional, only with MFA, conditional, or denied. MFA the
 * caller's own policies require does not count: this is the trust.
 */
export function trustAccessFor(
  trustDoc: unknown,
  opts: {
    accountId: string;
    partition?: string;
    roleArn: string;
    caller: { type: 'user'; arn: string; name: string } | { type: 'role'; arn: string };
  },
): TrustGrant['level'] {
  const partition = opts.partition ?? 'aws';
  const trust = compilePolicy(trustDoc, { id: 'trust', name: 'trust policy', kind: 'trust' });
  const { caller: who } = opts;
  const caller: Caller = { arn: who.arn, accountId: opts.accountId, kind: who.type, partition };
  const ctx = new RequestContext({
    values: {
      'aws:PrincipalArn': who.arn,
      'aws:PrincipalAccount': opts.accountId,
      ...(who.type === 'user'
        ? { 'aws:PrincipalType': 'User', 'aws:username': who.name }
        : { 'aws:PrincipalType': 'AssumedRole' }),
    },
    absent: [MFA_PRESENT, MFA_AGE],
    otherKeys: 'free',
  });
  return authorize(trustLayers(trust, caller), parseAction('sts:AssumeRole'), opts.roleArn, ctx).level;
}
