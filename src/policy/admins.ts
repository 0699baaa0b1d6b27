// Who is an admin, and how. Tiers, strongest first:
//   full       allowed every administrative request (fullAdminProbes) on any resource;
//   iam-admin  can grant itself more (self-escalation: SELF_METHODS), or change a role it can assume;
//   via-role   can assume (possibly through a chain) a role that is full or iam-admin;
//   potential  can become admin through another principal: credentials of an admin user, an admin role's
//              trust policy, or passing an admin role to a service (TARGET_METHODS, SERVICE_METHODS).
// Every path says whether it works unconditionally, only with MFA, or only under other conditions.
import type { AuthorizationDetails, CredentialReportRow } from '../snapshot/aws-shapes.js';
import { credentialRowsByArn } from '../snapshot/credential-rows.js';
import { compareText } from '../compare-text.js';
import {
  buildAccountIndex,
  principalNode,
  versionsFull,
  type AccountIndex,
  type ManagedPolicy,
  type PrincipalFields,
  type PrincipalNode,
} from './account.js';
import {
  compilePolicy,
  nextPolicySerial,
  readsResourceTags,
  type CompiledPolicy,
  type CompiledStatement,
} from './compile.js';
import type { CompiledCondition } from './conditions.js';
import { MFA_PRESENT, RequestContext, TOKEN_ISSUE_TIME } from './context.js';
import {
  ADMINISTRATOR_ACCESS,
  MFA_ENROLMENT,
  SELF_METHODS,
  SERVICE_METHODS,
  TARGET_METHODS,
  fullAdminProbes,
  probeResource,
  type SelfMethod,
  type ServiceMethod,
  type TargetMethod,
} from './escalation.js';
import {
  accessRank,
  authorize,
  strongest,
  weakest,
  type Access,
  type AccessLevel,
  type Caller,
  type Layers,
} from './evaluate.js';
import { ActionSet, arnMatches, parseAction, type ParsedAction } from './match.js';
import { outsideTrust, type OutsideGrant } from './outside-trust.js';
import { inAnotherRegion, MAX_VARIANTS, probeVariants } from './probe-variants.js';

export const TIERS = ['full', 'iam-admin', 'via-role', 'potential'] as const;
export type Tier = (typeof TIERS)[number];
export type PathAccess = 'unconditional' | 'mfa-only' | 'conditional';

export interface AdminPath {
  tier: Tier;
  /** `policy`, a SELF_METHODS / TARGET_METHODS / SERVICE_METHODS id, or `assume-role`. */
  method: string;
  description: string;
  access: PathAccess;
  /** Condition keys a conditional path depends on. */
  conditions: string[];
  /** The actions this path uses. */
  actions: string[];
  /** Principals the path goes through: the role chain, the admin user or role it abuses. */
  via: string[];
  /** The policies that grant it, with how they reach the principal. */
  grantedBy: string[];
  /** True when it also needs a resource (function, instance, stack) the authorization details do not show. */
  dependsOnExistingResources?: boolean;
}

export interface AdminEntry {
  principal: string;
  type: 'user' | 'group' | 'role';
  name: string;
  tier: Tier;
  /** The easiest of its paths. */
  access: PathAccess;
  conditions: string[];
  mfa: {
    /** True when every path to admin needs MFA. */
    requiredForAdmin: boolean;
    /** Users: the credential report's mfa_active; null when unknown or not a user. */
    enabled: boolean | null;
  };
  /** Users: console password enabled (a person), from the credential report; null when unknown. */
  consoleAccess: boolean | null;
  /** Most recent use (credential report for users, RoleLastUsed for roles), ISO; null when never/unknown. */
  lastUsed: string | null;
  paths: AdminPath[];
  /** Roles: who outside the account the trust policy lets assume it (other accounts, `*`, identity providers). */
  outside?: OutsideGrant[];
}

export interface PolicyVersionRisk {
  policy: string;
  defaultVersion: string | undefined;
  version: string;
  /** Requests the non-default version allows and the default does not. */
  gains: string[];
  /** The non-default version is full admin. */
  admin: boolean;
}

export interface AdminReport {
  accountId: string;
  admins: AdminEntry[];
  policyVersionRisks: PolicyVersionRisk[];
  warnings: string[];
  stats: { users: number; groups: number; roles: number; policies: number; evaluations: number };
}

export interface ScpInput {
  /** SCP documents per level, the organization root first, the account last. */
  levels: readonly (readonly unknown[])[];
}

export interface AdminAnalysisInput {
  authorizationDetails: AuthorizationDetails;
  accountId: string;
  partition?: string;
  now: Date;
  credentialReport?: readonly CredentialReportRow[] | undefined;
  /** Organizations SCPs that apply to the account, when known. */
  scps?: ScpInput | undefined;
  /**
   * Organizations RCPs that limit the account's resources, when known: read for who outside may assume a role,
   * and applied to sts requests on the account's roles from inside it too (RCPs cover AWS STS).
   */
  rcps?: ScpInput | undefined;
  /** The organization the account is in, when known: its principals' aws:PrincipalOrgID. */
  organizationId?: string | undefined;
  /** The account's organization path, when known: its principals' aws:PrincipalOrgPaths (IndexOptions). */
  organizationPath?: string | undefined;
  /**
   * False: no principal shares an answer with another, and no target with another (every request evaluated
   * on its own). Slow; tests compare it with the default to prove that sharing never changes an answer.
   */
  shareAnswers?: boolean;
  /** What the caller knows the analysis lacks (e.g. SCPs it could not read); listed first in the warnings. */
  warnings?: readonly string[] | undefined;
  /**
   * The account index of these details, when the caller already built one (with the same account, partition and
   * now) for other questions: indexing a large account costs about as much as parsing it.
   */
  index?: AccountIndex | undefined;
}

interface Grant {
  level: AccessLevel;
  keys: string[];
  statements: CompiledStatement[];
  /** An attach answer: the name of the admin policy attached, when it is not AdministratorAccess. */
  attached?: string;
}

const DENIED: Grant = { level: 'denied', keys: [], statements: [] };

/** What a path adds for the targets it lists: more actions, a sentence. */
type ForListed = (listed: readonly PrincipalNode[]) => { actions: readonly string[]; note: string };

/** Grants of requests asked together, and the resource ARN they were asked on when not the probe's. */

/** A second step p takes itself after the first (thenSelf, unboundNewRole): its grant, actions, a sentence. */
interface NextStep {
  grant: Grant;
  actions: string[];
  note: string;
}

/** How a new user is made admin most easily (newUserPath): the grant, its boundary, the step and its action. */
interface NewUserChoice {
  grant: Grant;
  boundary: ManagedPolicy | undefined;
  step: string;
  action: string;
  group?: PrincipalNode;
}

/** The admin users and roles a potential path can go through, per method. */
interface PotentialTargets {
  /**
   * Users whose access keys make admin requests (not admin only with their MFA): those that may get one more
   * access key, and those the credential report shows with two, the most a user may have.
   */
  keyRoom: PrincipalNode[];
  keysFull: PrincipalNode[];
  /** Of those, the ones a console password is a way in for: no password yet / one already; no MFA device. */
  withoutPassword: PrincipalNode[];
  withPassword: PrincipalNode[];
  /** Roles a service's session makes admin (not admin only with MFA). */
  serviceRoles: PrincipalNode[];
  /** Roles whose trust policy can be rewritten (not service-linked). */
  changeableRoles: PrincipalNode[];
}

interface Asked {
  grants: Grant[];
  variant?: string;
}

/** CreateRole with a permissions boundary chosen (undefined: one the export does not hold). */
interface BoundedCreate {
  boundary: ManagedPolicy | undefined;
  grant: Grant;
}
const EC2_SERVICE = 'ec2.amazonaws.com';
const PROFILE_ACTIONS = ['iam:CreateInstanceProfile', 'iam:AddRoleToInstanceProfile'];
/** How many targets a path lists (the rest are counted). */
const SAMPLE = 10;
/** Said of a create-policy-version path on a policy that holds five versions (see newVersion). */
const FULL_NOTE = ', deleting one of its five versions first';
const versionActions = (m: ManagedPolicy): string[] =>
  versionsFull(m) ? ['iam:CreatePolicyVersion', 'iam:DeletePolicyVersion'] : ['iam:CreatePolicyVersion'];
/** Keys that say which user asks: a group is asked as "any member", and leaves them free. */
const CALLER_KEYS = new Set(['aws:username', 'aws:userid', 'aws:principalarn']);
const namesCaller = (g: Grant): boolean => g.keys.some((k) => CALLER_KEYS.has(k.toLowerCase()));
/** A user name no IAM user has (":" is not allowed in one): a member other than each user of the account. */
const OTHER_MEMBER = 'rampart:other-member';
/** Said of a group's put-user-policy and attach-user-policy paths: each member on itself. */
const EACH_MEMBER = ', each member on its own user';

const toPathAccess = (l: AccessLevel): PathAccess =>
  l === 'unconditional' ? 'unconditional' : l === 'mfa' ? 'mfa-only' : 'conditional';

function fromAccess(a: Access): Grant {
  return {
    level: a.level,
    keys: [...a.keys],
    statements: a.level === 'denied' ? [] : [...a.decision.allowedBy],
  };
}

/** All of these grants are needed: the weakest decides. */
function all(grants: Grant[]): Grant {
  let level: AccessLevel = 'unconditional';
  const keys = new Set<string>();
  const statements: CompiledStatement[] = [];
  for (const g of grants) {
    level = weakest(level, g.level);
    if (level === 'denied') return DENIED;
    for (const k of g.keys) keys.add(k);
    statements.push(...g.statements);
  }
  return { level, keys: [...keys].sort(), statements };
}

/** ORs `from` into `into`, word by word, from word `start` on. */
function orInto(into: Uint32Array, from: Uint32Array, start = 0): void {
  for (let i = start; i < into.length; i++) into[i] = (into[i] ?? 0) | (from[i] ?? 0);
}

const rankOfTier = (t: Tier): number => TIERS.indexOf(t);

/** An action with its number in the analysis' universe (set once, by the analysis that parsed it). */
interface SlottedAction extends ParsedAction {
  slot?: number;
}

/** Roles whose trust policies delegate to the account in the same way. */
interface TrustClass {
  id: number;
  trust: CompiledPolicy;
  roles: PrincipalNode[];
  /** Stands for the whole class in the graph. */
  node: PrincipalNode;
  /** ARNs the trust policy names (Principal or NotPrincipal): such callers get their own answer. */
  named: Set<string>;
  /** No trust statement depends on who the caller is. */
  shared: boolean;
}

type Extra = Readonly<Record<string, string>>;

/** The tags a caller passes when it assumes a role: request keys set, and keys of undecided value. */
interface TagRequest {
  values: Readonly<Record<string, string | readonly string[]>>;
  free: readonly string[];
}
interface TagTrial {
  principalTags: Record<string, string>;
  free: string[];
  request: TagRequest;
  shown: string;
  undecided: boolean;
}

/**
 * The requests to try for tag choices: one per assignment (the principal's tags and the request that sets
 * them), then, when the assignments are not every case that matters, one with the keys' values unknown.
 */
function tagTrials(choices: {
  assignments: [string, string][][];
  keys: string[];
  exhaustive: boolean;
}): TagTrial[] {
  const out = choices.assignments
    .filter((a) => a.length > 0)
    .map((a): TagTrial => {
      const principalTags: Record<string, string> = {};
      const values: Record<string, string | string[]> = { 'aws:TagKeys': a.map(([k]) => k) };
      for (const [k, v] of a) {
        principalTags[`aws:PrincipalTag/${k}`] = v;
        values[`aws:RequestTag/${k}`] = v;
      }
      const shown = a.map(([k, v]) => `${k}=${v}`).join(', ');
      return { principalTags, free: [], request: { values, free: [] }, shown, undecided: false };
    });
  if (!choices.exhaustive) {
    const { keys } = choices;
    out.push({
      principalTags: {},
      free: keys.map((k) => `aws:PrincipalTag/${k}`),
      request: { values: { 'aws:TagKeys': keys }, free: keys.map((k) => `aws:RequestTag/${k}`) },
      shown: keys.map((k) => `${k}=?`).join(', '),
      undecided: true,
    });
  }
  return out;
}

/** Tag assignments tried per role whose trust allows sts:TagSession. */
const MAX_TAG_SESSIONS = 16;

interface AnyPrincipalCheck {
  method: string;
  action: string;
  resource: string;
  extra: Extra | undefined;
  what: string;
}

interface PolicyMasks {
  allow: Uint32Array;
  any: Uint32Array;
  /** Four masks of `words` words each, at FACT_* times words: how the statements that match an action are. */
  facts: Uint32Array;
}

/** An Allow statement on Resource "*" (or none) without conditions matches the action. */
const FACT_STAR_ALLOW = 0;
/** A Deny statement matches the action. */
const FACT_DENY = 1;
/** A statement limited by resource (not Resource "*", or NotResource) matches the action. */
const FACT_SCOPED = 2;
/** A statement without exactly Resource "*" (no Resource element, NotResource, only ARNs) matches it. */
const FACT_LOOSE = 3;
const FACTS = 4;

interface PrincipalState {
  /** Bits of the universe's actions an Allow statement of an identity policy matches. */
  allow: Uint32Array;
  /** Each identity policy's mask of the actions any of its statements matches, in identity order (made when first needed). */
  anyMasks: Uint32Array[] | undefined;
  /** relevantNode per slot, once asked (most principals are never asked). */
  nodes: (KeyNode | undefined)[] | undefined;
  /** The FACT_* masks of its identity policies, and FACT_SCOPED / FACT_LOOSE of its boundary and SCPs. */
  facts: Uint32Array | undefined;
  /** mayAllow for actions outside the universe. */
  memo: Map<string, boolean> | undefined;
}

/** A node of the relevance trie (see relevantNode), with the answers memoized for it. */
interface KeyNode {
  id: number;
  /** The step that reached this node (undefined at a root): a policy serial, a boundary, a principal. */
  parent: KeyNode | undefined;
  key: number | PrincipalNode | undefined;
  /** For a policy step, the policy; for a boundary step, the boundary's policies. */
  policy: CompiledPolicy | undefined;
  boundary: readonly CompiledPolicy[] | undefined;
  next: Map<number | PrincipalNode, KeyNode> | undefined;
  /** requestNode's answers from this (unnarrowed) node: by action (lower-case), then resource. */
  narrowed: Map<string, Map<string, KeyNode>> | undefined;
  /** check: by action (lower-case), resource, extra key. */
  answers: Map<string, Map<string, Map<string, Grant>>> | undefined;
  /** resourceFree by action (lower-case). */
  free: Map<string, boolean> | undefined;
}

const newKeyNode = (
  id: number,
  parent?: KeyNode,
  key?: number | PrincipalNode,
  policy?: CompiledPolicy,
  boundary?: readonly CompiledPolicy[],
): KeyNode => ({
  id,
  parent,
  key,
  policy,
  boundary,
  next: undefined,
  narrowed: undefined,
  answers: undefined,
  free: undefined,
});

/** How a principal reaches the sources of viaRole most easily: the access, its conditions, the first edge. */
interface Best {
  level: AccessLevel;
  keys: string[];
  next?: Edge;
}

interface Edge {
  from: PrincipalNode;
  to: PrincipalNode;
  grant: Grant;
}

interface ReportRow {
  mfaActive: boolean;
  passwordEnabled: boolean;
  lastUsed: string | null;
}

/**
 * One form for every last-used time (the credential report writes +00:00, IAM's RoleLastUsed Z): 2026-11-23T06:41:00Z,
 * so the times of users and roles compare and sort as text. A value that is not a date stays as it is.
 */
function utcSeconds(v: string | undefined): string | null {
  if (v === undefined) return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? v : new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const reportDate = (v: string | undefined) => (v && /^\d{4}-\d{2}-\d{2}T/.test(v) ? v : undefined);

function reportRow(r: CredentialReportRow): ReportRow {
  const used = [r.password_last_used, r.access_key_1_last_used_date, r.access_key_2_last_used_date]
    .map(reportDate)
    .filter((d): d is string => d !== undefined)
    .sort((a, b) => Date.parse(b) - Date.parse(a));
  return {
    mfaActive: r.mfa_active.toLowerCase() === 'true',
    passwordEnabled: r.password_enabled.toLowerCase() === 'true',
    lastUsed: used[0] ?? null,
  };
}

/** SCP or RCP documents per level, compiled (the evaluation treats both kinds as levels that must allow). */
export function compileLevels(
  input: ScpInput | undefined,
  kind: 'SCP' | 'RCP',
): CompiledPolicy[][] | undefined {
  return input?.levels.map((level, i) =>
    level.map((doc, j) =>
      compilePolicy(doc, {
        id: `${kind.toLowerCase()}-${i}-${j}`,
        name: `${kind} ${i + 1}.${j + 1}`,
        kind: 'scp',
      }),
    ),
  );
}

export function analyzeAdmins(input: AdminAnalysisInput): AdminReport {
  const index =
    input.index ??
    buildAccountIndex(input.authorizationDetails, {
      accountId: input.accountId,
      now: input.now,
      ...(input.organizationId ? { organizationId: input.organizationId } : {}),
      ...(input.organizationPath ? { organizationPath: input.organizationPath } : {}),
      ...(input.partition ? { partition: input.partition } : {}),
    });
  return new Analysis(index, input).run();
}

class Analysis {
  private evaluations = 0;
  private readonly partition: string;
  private readonly account: string;
  private readonly scps: CompiledPolicy[][] | undefined;
  /**
   * An SCP statement depends on who asks (a Deny unless aws:PrincipalArn is the break-glass role): then no
   * principal shares an answer with another, whatever their own policies (service-linked roles aside: SCPs
   * do not apply to them).
   */
  private readonly scpsDependent: boolean;
  /** input.shareAnswers, default true. */
  private readonly share: boolean;

  /**
   * Whether a principal answers for itself alone, whatever its policies: without sharing, or when an SCP
   * depends on who asks (service-linked roles aside: SCPs do not apply to them).
   */
  private answersAlone(serviceLinked: boolean): boolean {
    return !this.share || (this.scpsDependent && !serviceLinked);
  }
  private readonly rcps: CompiledPolicy[][] | undefined;
  /**
   * An RCP statement on an sts action tells callers of the account apart (their tags, ARN, name): assume-role
   * answers are then not shared between principals with the same policies.
   */
  private readonly rcpsDependent: boolean;
  /** An RCP statement on an sts action names roles or reads their tags: each role is asked on its own. */
  private readonly rcpsPerRole: boolean;
  private readonly parsed = new Map<string, SlottedAction>();
  /** The actions the analysis asks about, numbered (slot) for per-policy and per-principal bitmasks. */
  private readonly universe: SlottedAction[] = [];
  private readonly universeByService = new Map<string, SlottedAction[]>();
  private readonly policyMasks: (PolicyMasks | undefined)[];
  /** Policies compiled before the index (none today; kept correct if a caller passes some). */
  private readonly earlierMasks = new Map<CompiledPolicy, PolicyMasks>();
  private readonly childCtx = new WeakMap<RequestContext, Map<Extra, RequestContext>>();
  private readonly extraKeys = new WeakMap<Extra, string>();
  /** Request keys the analysis adds, one shared object each (contexts and cache keys are kept per object). */
  private readonly adminArnExtra: Extra;
  private readonly passedTo = new Map<string, Extra>();
  private readonly fullByKey = new Map<string, Grant>();
  private readonly full = new Map<PrincipalNode, Grant>();
  private readonly self = new Map<PrincipalNode, AdminPath[]>();
  private readonly paths = new Map<PrincipalNode, AdminPath[]>();
  private readonly adminVersion = new Map<string, string>();
  private readonly versionRisks: PolicyVersionRisk[] = [];
  private readonly inEdges = new Map<PrincipalNode, Edge[]>();
  private readonly outEdges = new Map<PrincipalNode, Edge[]>();
  private readonly probes: [ParsedAction, string][];
  /** Full-admin probes the SCPs deny to everyone in the account (withinScps). */
  private readonly scpDenied: string[];
  private readonly probeActions: ParsedAction[];
  private readonly adminPolicyArn: string;

  constructor(
    private readonly index: AccountIndex,
    private readonly input: AdminAnalysisInput,
  ) {
    this.partition = index.partition;
    this.nextNodeIndex = index.principalCount;
    // Sized now: assigning far past an array's end can turn it into a slow dictionary.
    this.states = new Array<PrincipalState | undefined>(index.principalCount).fill(undefined);
    this.policyMasks = new Array<PolicyMasks | undefined>(nextPolicySerial() - index.serialBase).fill(
      undefined,
    );
    this.account = index.accountId;
    this.adminPolicyArn = ADMINISTRATOR_ACCESS(this.partition);
    this.adminArnExtra = { 'iam:PolicyARN': this.adminPolicyArn };
    this.scps = compileLevels(input.scps, 'SCP');
    this.scpsDependent = this.scps?.some((level) => level.some((pol) => pol.principalDependent)) ?? false;
    this.share = input.shareAnswers !== false;
    this.rcps = compileLevels(input.rcps, 'RCP');
    const stsRcps = (this.rcps ?? []).flatMap((level) =>
      level.flatMap((pol) =>
        pol.statements.filter((st) =>
          ['sts:AssumeRole', 'sts:TagSession'].some((a) => st.matchesAction(parseAction(a))),
        ),
      ),
    );
    this.rcpsDependent = stsRcps.some((st) => st.tellsCallersApart);
    this.rcpsPerRole = stsRcps.some((st) => !st.resourceIsStar || st.readsResourceTags);
    const probes = fullAdminProbes(this.partition, this.account).map(([a, r]): [ParsedAction, string] => [
      this.action(a),
      r,
    ]);
    this.probes = this.withinScps(probes);
    this.scpDenied = probes.filter((x) => !this.probes.includes(x)).map(([a]) => a.action);
    this.probeActions = this.probes.map(([a]) => a);
    const known = [
      ...this.probes.map(([a]) => a.action),
      ...Object.values(SELF_METHODS).flatMap((m) => m.actions),
      ...Object.values(TARGET_METHODS).flatMap((m) => m.actions),
      ...TARGET_METHODS['create-access-key'].whenKeysFull,
      ...SERVICE_METHODS.flatMap((m) => m.actions),
      'iam:PassRole',
      'iam:CreateUser',
      'sts:AssumeRole',
    ];
    for (const name of known) {
      const a = this.action(name);
      if (a.slot !== undefined) continue;
      a.slot = this.universe.length;
      this.universe.push(a);
      let list = this.universeByService.get(a.service);
      if (!list) this.universeByService.set(a.service, (list = []));
      list.push(a);
    }
  }

  /**
   * The full-admin probes less those the SCPs deny to every principal of the account, whatever its policies:
   * SCPs set the account's ceiling, so an admin is one allowed all the account may do. Guardrails such as
   * denying cloudtrail:StopLogging or organizations:LeaveOrganization must not leave an account without
   * admins. The IAM probes are always kept: a principal that cannot change IAM is never full admin.
   */
  private withinScps(probes: [ParsedAction, string][]): [ParsedAction, string][] {
    const scps = this.scps;
    if (!scps) return probes;
    const layers: Layers = { identity: [this.allowAll], boundary: undefined, scps };
    return probes.filter(
      ([a, r]) => a.service === 'iam' || authorize(layers, a, r, this.neutral).level !== 'denied',
    );
  }

  private action(name: string): SlottedAction {
    let p = this.parsed.get(name);
    if (!p) this.parsed.set(name, (p = parseAction(name)));
    return p;
  }

  /** Words of a bitmask over the universe. */
  private get words(): number {
    return (this.universe.length + 31) >>> 5;
  }

  private readonly patternMasks = new Map<string, Uint32Array>();

  /** The universe's actions one Action / NotAction pattern matches (patterns repeat across many statements). */
  private patternMask(pattern: string): Uint32Array {
    let mask = this.patternMasks.get(pattern);
    if (!mask) {
      mask = new Uint32Array(this.words);
      const one = new ActionSet([pattern]);
      const list = one.spansServices
        ? this.universe
        : (this.universeByService.get(one.serviceNames[0] ?? '') ?? []);
      for (const a of list) {
        const slot = a.slot ?? 0;
        if (one.matches(a)) mask[slot >>> 5] = (mask[slot >>> 5] ?? 0) | (1 << (slot & 31));
      }
      this.patternMasks.set(pattern, mask);
    }
    return mask;
  }

  /**
   * Per policy, bits over the universe: `allow`, an Allow statement's Action / NotAction matches the action;
   * `any`, any statement's does. Built from the patterns' masks, without matching statement by statement.
   */
  private policyMask(pol: CompiledPolicy): PolicyMasks {
    // By serial number from the index's first: an array lookup (policies compiled later number higher).
    const at = pol.serial - this.index.serialBase;
    let masks = at >= 0 ? this.policyMasks[at] : this.earlierMasks.get(pol);
    if (!masks) {
      masks = this.computePolicyMask(pol);
      if (at >= 0) this.policyMasks[at] = masks;
      else this.earlierMasks.set(pol, masks);
    }
    return masks;
  }

  /** Shared by every policy none of whose statements can match an action of the universe (most of them). */
  private noMasks: PolicyMasks | undefined;
  /** One statement's bits, reused from statement to statement. */
  private scratch: Uint32Array | undefined;

  private computePolicyMask(pol: CompiledPolicy): PolicyMasks {
    const words = this.words;
    let masks: PolicyMasks | undefined;
    const st = (this.scratch ??= new Uint32Array(words));
    // From the statements as written (patternMask reads each distinct pattern once): no compiling needed.
    for (const s of pol.actionLists) {
      const notAction = s.notAction !== undefined;
      st.fill(0);
      let some = false;
      for (const pattern of s.action ?? s.notAction ?? []) {
        const pm = this.patternMask(pattern);
        for (let i = 0; i < words; i++) {
          const w = pm[i] ?? 0;
          if (w !== 0) {
            st[i] = (st[i] ?? 0) | w;
            some = true;
          }
        }
      }
      // Most statements name only actions the analysis never asks about: they add nothing.
      if (!some && !notAction) continue;
      if (notAction) for (let i = 0; i < words; i++) st[i] = ~(st[i] ?? 0);
      masks ??= this.newMasks();
      const allow = s.effect === 'Allow';
      const notResource = s.notResource !== undefined;
      // A condition on the resource's tags limits by resource as a Resource element does.
      const starOnly = !notResource && s.resource?.includes('*') === true && !readsResourceTags(s);
      // As CompiledStatement.resourceIsStar: no Resource element counts as any resource.
      const resourceIsStar = starOnly || (!notResource && s.resource === undefined && !readsResourceTags(s));
      const { facts } = masks;
      for (let i = 0; i < words; i++) {
        const w = st[i] ?? 0;
        masks.any[i] = (masks.any[i] ?? 0) | w;
        if (allow) masks.allow[i] = (masks.allow[i] ?? 0) | w;
        if (allow && resourceIsStar && s.conditions.length === 0)
          facts[FACT_STAR_ALLOW * words + i] = (facts[FACT_STAR_ALLOW * words + i] ?? 0) | w;
        if (!allow) facts[FACT_DENY * words + i] = (facts[FACT_DENY * words + i] ?? 0) | w;
        if (!resourceIsStar) facts[FACT_SCOPED * words + i] = (facts[FACT_SCOPED * words + i] ?? 0) | w;
        if (!starOnly) facts[FACT_LOOSE * words + i] = (facts[FACT_LOOSE * words + i] ?? 0) | w;
      }
    }
    return masks ?? (this.noMasks ??= this.newMasks());
  }

  private newMasks(): PolicyMasks {
    const words = this.words;
    return {
      allow: new Uint32Array(words),
      any: new Uint32Array(words),
      facts: new Uint32Array(FACTS * words),
    };
  }

  /** One FACT_* bit of a principal's facts. */
  private fact(p: PrincipalNode, fact: number, slot: number): boolean {
    return Analysis.hasBit(this.factsOf(p), slot, fact * this.words);
  }

  private factsOf(p: PrincipalNode): Uint32Array {
    const st = this.stateOf(p);
    if (!st.facts) {
      const words = this.words;
      const f = new Uint32Array(FACTS * words);
      for (const pol of p.identity) orInto(f, this.policyMask(pol).facts);
      // Boundary and SCP statements can limit by resource; they do not grant.
      const limits = FACT_SCOPED * words;
      for (const pol of p.boundary ?? []) orInto(f, this.policyMask(pol).facts, limits);
      if (!p.serviceLinked && this.scps)
        for (const level of this.scps) for (const pol of level) orInto(f, this.policyMask(pol).facts, limits);
      st.facts = f;
    }
    return st.facts;
  }

  /** Bit `slot` of the mask that starts at word `from` of the array. */
  private static hasBit(mask: Uint32Array, slot: number, from = 0): boolean {
    return (((mask[from + (slot >>> 5)] ?? 0) >>> (slot & 31)) & 1) === 1;
  }

  private ctxFor(p: PrincipalNode, extra: Extra | undefined): RequestContext {
    if (!extra) return p.ctx;
    let m = this.childCtx.get(p.ctx);
    if (!m) this.childCtx.set(p.ctx, (m = new Map<Extra, RequestContext>()));
    let c = m.get(extra);
    if (!c) m.set(extra, (c = p.ctx.with(extra)));
    return c;
  }

  private extraKey(extra: Extra): string {
    let k = this.extraKeys.get(extra);
    if (k === undefined) this.extraKeys.set(extra, (k = Object.values(extra).join(' ')));
    return k;
  }

  private passedToService(service: string): Extra {
    let e = this.passedTo.get(service);
    if (!e) this.passedTo.set(service, (e = { 'iam:PassedToService': service }));
    return e;
  }

  private layers(p: PrincipalNode): Layers {
    return {
      identity: p.identity,
      boundary: p.boundary,
      // Service-linked roles are not affected by SCPs.
      scps: p.serviceLinked ? undefined : this.scps,
    };
  }

  /**
   * p's layers for an sts request on a role of the account: the RCPs too, as levels that must allow, as SCPs
   * are ("RCPs don't apply to ... Any action performed by service-linked roles", orgs_manage_policies_rcps.html).
   */
  private stsLayers(p: PrincipalNode): Layers {
    const layers = this.layers(p);
    if (!this.rcps || p.serviceLinked) return layers;
    return { ...layers, scps: [...(layers.scps ?? []), ...this.rcps] };
  }

  /** What the analysis keeps per principal: one lookup finds it all. */
  private stateOf(p: PrincipalNode): PrincipalState {
    let st = this.states[p.index];
    if (!st) {
      const allow = new Uint32Array(this.words);
      // A user's identity is its own policies, then its groups': their masks are made once per group.
      let fromGroups = 0;
      for (const g of p.groups) fromGroups += g.identity.length;
      const own = p.identity.length - fromGroups;
      if (fromGroups > 0 && own === p.sources.length) {
        for (let i = 0; i < own; i++) {
          const pol = p.identity[i];
          if (pol) orInto(allow, this.policyMask(pol).allow);
        }
        for (const g of p.groups) orInto(allow, this.stateOf(g).allow);
      } else {
        for (const pol of p.identity) orInto(allow, this.policyMask(pol).allow);
      }
      st = { allow, anyMasks: undefined, nodes: undefined, facts: undefined, memo: undefined };
      this.states[p.index] = st;
    }
    return st;
  }

  /** By PrincipalNode.index: an array lookup, not a map's (this runs for nearly every question). */
  private readonly states: (PrincipalState | undefined)[];
  /** Numbers for the nodes the analysis adds (trust classes, policy-version probes). */
  private nextNodeIndex: number;

  /**
   * Can an Allow statement of p match one of the analysis' actions of this service? (Cheap prefilter: every
   * question the analysis asks about the service is one of those actions.)
   */
  private may(p: PrincipalNode, service: string): boolean {
    return this.allowsAny(p, this.maskOf(this.universeByService.get(service) ?? []));
  }

  private readonly maskCache = new WeakMap<readonly SlottedAction[], Uint32Array>();

  /** The bits of these actions (each list is built once, so this runs once per list). */
  private maskOf(actions: readonly SlottedAction[]): Uint32Array {
    let mask = this.maskCache.get(actions);
    if (!mask) {
      mask = new Uint32Array(this.words);
      for (const a of actions) {
        const slot = a.slot ?? 0;
        mask[slot >>> 5] = (mask[slot >>> 5] ?? 0) | (1 << (slot & 31));
      }
      this.maskCache.set(actions, mask);
    }
    return mask;
  }

  /** p may be allowed some action of the mask. */
  private allowsAny(p: PrincipalNode, mask: Uint32Array): boolean {
    const allow = this.stateOf(p).allow;
    for (let i = 0; i < mask.length; i++) if (((allow[i] ?? 0) & (mask[i] ?? 0)) !== 0) return true;
    return false;
  }

  /** p may be allowed every action of the mask. */
  private allowsAll(p: PrincipalNode, mask: Uint32Array): boolean {
    return Analysis.covers(this.stateOf(p).allow, mask);
  }

  /** Is every bit of the mask set in these allow bits? */
  private static covers(allow: Uint32Array, mask: Uint32Array): boolean {
    for (let i = 0; i < mask.length; i++) {
      const m = mask[i] ?? 0;
      // >>> 0: bit 31 makes `&` negative; the mask word is read unsigned.
      if (((allow[i] ?? 0) & m) >>> 0 !== m) return false;
    }
    return true;
  }

  private readonly methodActions = new Map<ServiceMethod, SlottedAction[]>();
  /** SERVICE_METHODS' action masks, in order. */
  private methodMasks: Uint32Array[] | undefined;

  /** The actions a service method needs, iam:PassRole included when it passes a role. */
  private actionsOf(method: ServiceMethod): SlottedAction[] {
    let list = this.methodActions.get(method);
    if (!list) {
      list = [...method.actions, ...(method.passRole ? ['iam:PassRole'] : [])].map((a) => this.action(a));
      this.methodActions.set(method, list);
    }
    return list;
  }

  /** Can an Allow statement of p's identity policies match the action (resources and conditions aside)? */
  private mayAllow(p: PrincipalNode, a: SlottedAction): boolean {
    const st = this.stateOf(p);
    // One bit test: this runs for every principal and every method's actions.
    if (a.slot !== undefined) return Analysis.hasBit(st.allow, a.slot);
    const m = (st.memo ??= new Map<string, boolean>());
    let v = m.get(a.lower);
    if (v === undefined) {
      v = p.identity.some((pol) => pol.mayAllow(a));
      m.set(a.lower, v);
    }
    return v;
  }

  /**
   * Principals whose policies that can match this action are the same (and whose boundary and SCP layers
   * are the same) get the same answer for it, unless a statement depends on who the principal is. A key
   * per action, not per whole permission set: most principals share the few policies that matter. The key
   * is a node of a trie over those policies' serial numbers: reaching it builds no string.
   */
  private relevantNode(p: PrincipalNode, a: SlottedAction): KeyNode {
    if (a.slot === undefined) return this.computeRelevantNode(p, a, undefined);
    const st = this.stateOf(p);
    return ((st.nodes ??= new Array<KeyNode | undefined>(this.universe.length))[a.slot] ??=
      this.computeRelevantNode(p, a, this.anyMasksOf(p, st)));
  }

  private anyMasksOf(p: PrincipalNode, st: PrincipalState): Uint32Array[] {
    return (st.anyMasks ??= p.identity.map((pol) => this.policyMask(pol).any));
  }

  private readonly keyRoots = {
    user: newKeyNode(0),
    group: newKeyNode(1),
    role: newKeyNode(2),
    serviceRole: newKeyNode(3),
    serviceLinked: newKeyNode(4),
  };
  private keyNodes = 5;

  /**
   * Answers are shared only among principals asked in the same context: a role session always sends
   * aws:MultiFactorAuthPresent where a user's access keys send none, and a role only services assume never
   * has MFA. The same policies can answer differently for each.
   */
  private rootOf(p: PrincipalNode): KeyNode {
    if (p.serviceLinked) return this.keyRoots.serviceLinked;
    if (p.type === 'user') return this.keyRoots.user;
    if (p.type === 'group') return this.keyRoots.group;
    return p.ctx.mfaImpossible ? this.keyRoots.serviceRole : this.keyRoots.role;
  }
  /** Boundaries by ARN, numbered below zero (policy serials are zero or more). */
  private readonly boundarySteps = new Map<string, number>();

  private step(
    node: KeyNode,
    key: number | PrincipalNode,
    policy?: CompiledPolicy,
    boundary?: readonly CompiledPolicy[],
  ): KeyNode {
    const next = (node.next ??= new Map<number | PrincipalNode, KeyNode>());
    let n = next.get(key);
    if (!n) next.set(key, (n = newKeyNode(this.keyNodes++, node, key, policy, boundary)));
    return n;
  }

  /** anyMasks: the identity policies' `any` masks, when the action has a slot. */
  private computeRelevantNode(
    p: PrincipalNode,
    a: SlottedAction,
    anyMasks: Uint32Array[] | undefined,
    resource?: string,
  ): KeyNode {
    let node = this.rootOf(p);
    let dependent = false;
    const slot = a.slot;
    for (let i = 0; i < p.identity.length; i++) {
      const pol = p.identity[i];
      if (!pol) continue;
      const mask = anyMasks?.[i];
      if (
        mask === undefined || slot === undefined
          ? pol.matching(a).statements.length === 0
          : !Analysis.hasBit(mask, slot)
      )
        continue;
      // For one resource: a policy none of whose statements can apply to it cannot change the answer.
      if (resource !== undefined && !pol.mayApplyTo(a, resource)) continue;
      node = this.step(node, pol.serial, pol);
      if (pol.principalDependent) dependent = true;
    }
    if (p.boundary) {
      const arn = p.boundaryArn ?? '';
      let b = this.boundarySteps.get(arn);
      if (b === undefined) this.boundarySteps.set(arn, (b = -1 - this.boundarySteps.size));
      node = this.step(node, b, undefined, p.boundary);
      if (p.boundary.some((x) => x.principalDependent)) dependent = true;
    }
    if (this.answersAlone(p.serviceLinked)) dependent = true;
    return dependent ? this.step(node, p) : node;
  }

  /**
   * computeRelevantNode with a resource, from the node without one: the same steps, less the policies that
   * cannot apply to the resource. Depends only on the node, so principals that share it share the answer.
   */
  private narrow(node: KeyNode, a: SlottedAction, resource: string): KeyNode {
    const byAction = (node.narrowed ??= new Map<string, Map<string, KeyNode>>());
    let byResource = byAction.get(a.lower);
    if (!byResource) byAction.set(a.lower, (byResource = new Map<string, KeyNode>()));
    let out = byResource.get(resource);
    if (out) return out;
    const steps: KeyNode[] = [];
    let root = node;
    while (root.parent) {
      steps.push(root);
      root = root.parent;
    }
    out = root;
    let dependent = this.answersAlone(root === this.keyRoots.serviceLinked);
    for (let i = steps.length - 1; i >= 0; i--) {
      const s = steps[i];
      if (s?.key === undefined) continue;
      if (s.policy) {
        if (!s.policy.mayApplyTo(a, resource)) continue;
        out = this.step(out, s.key, s.policy);
        if (s.policy.principalDependent) dependent = true;
      } else if (typeof s.key === 'number') {
        out = this.step(out, s.key, undefined, s.boundary);
        if (s.boundary?.some((x) => x.principalDependent)) dependent = true;
      } else if (dependent) out = this.step(out, s.key);
    }
    byResource.set(resource, out);
    return out;
  }

  /**
   * relevantNode narrowed to one resource: only the policies that can apply to it. Principals whose policies
   * differ only in statements on other resources share the answer.
   */
  private requestNode(p: PrincipalNode, a: SlottedAction, resource: string): KeyNode {
    if (a.slot === undefined) return this.computeRelevantNode(p, a, undefined, resource);
    return this.narrow(this.relevantNode(p, a), a, resource);
  }

  /**
   * One request by p; memoized per permission set (the key holds the principal when it matters). On a user or
   * role of the account whose tags p's policies read, the request carries those tags; when p may untag or tag
   * that user or role first, the answer after doing so counts too (the tagging answer is p's own, not shared).
   */
  private check(p: PrincipalNode, action: string, resource: string, extra?: Extra): Grant {
    const a = this.action(action);
    if (!this.mayAllow(p, a)) return DENIED;
    // When no statement that can decide it names a resource, the answer is the same for every resource:
    // one answer per node, not one per resource (most requests on a principal's own ARN are such).
    const independent = a.slot !== undefined && !this.fact(p, FACT_LOOSE, a.slot) && this.share;
    const tags = independent || !this.readsTags(p) ? undefined : this.index.resourceTags.get(resource);
    if (!tags) return this.answer(p, a, resource, independent, extra, 'free');
    if (TAG_ACTIONS.has(a.lower)) return this.answer(p, a, resource, independent, extra, 'tagged');
    return this.retagged(p, resource, tags, (mode) => this.answer(p, a, resource, independent, extra, mode));
  }

  /**
   * A request on a user or role whose tags p's policies read: with its tags as they are, or, when p may untag
   * (tag) it first, with its tags removed (of p's choosing), whichever is easiest.
   */
  private retagged(
    p: PrincipalNode,
    resource: string,
    tags: readonly unknown[],
    ask: (mode: 'free' | 'tagged' | 'untagged') => Grant,
  ): Grant {
    let g = ask('tagged');
    if (g.level === 'unconditional') return g;
    const kind = this.index.byArn.get(resource)?.type === 'role' ? 'Role' : 'User';
    const untag = tags.length > 0 ? this.check(p, `iam:Untag${kind}`, resource) : DENIED;
    if (untag.level !== 'denied') g = strongestGrant([g, all([ask('untagged'), untag])]);
    const tag = this.check(p, `iam:Tag${kind}`, resource);
    if (tag.level !== 'denied') g = strongestGrant([g, all([ask('free'), tag])]);
    return g;
  }

  /** The context with a user's or role's tags as its resource tags (`tagged`), none (`untagged`), or unknown. */
  private resourceCtx(
    ctx: RequestContext,
    resource: string,
    mode: 'free' | 'tagged' | 'untagged',
  ): RequestContext {
    if (mode === 'free') return ctx;
    const values: Record<string, string> = {};
    if (mode === 'tagged')
      for (const t of this.index.resourceTags.get(resource) ?? []) {
        values[`aws:ResourceTag/${t.Key}`] = t.Value;
        values[`iam:ResourceTag/${t.Key}`] = t.Value;
      }
    return ctx.with(values, [], [], RESOURCE_TAG_PREFIXES);
  }

  /** Whether any policy of the account (or SCP) reads the tags of a request's resource; made when first asked. */
  private tagReaders: boolean | undefined;

  /** Whether a policy that applies to p reads the tags of a request's resource (rare: most accounts have none). */
  private readsTags(p: PrincipalNode): boolean {
    this.tagReaders ??= [...this.index.users, ...this.index.groups, ...this.index.roles].some((n) =>
      this.policiesOf(n).some((list) => list.some((pol) => pol.readsResourceTags)),
    );
    return this.tagReaders && this.policiesOf(p).some((list) => list.some((pol) => pol.readsResourceTags));
  }

  private policiesOf(p: PrincipalNode): (readonly CompiledPolicy[])[] {
    return [p.identity, p.boundary ?? [], ...(p.serviceLinked ? [] : (this.scps ?? []))];
  }

  /**
   * The memoized answer to one request. `tags`: the resource's tags as the export holds them (`tagged`), none
   * (`untagged`), or unknown (`free`).
   */
  private answer(
    p: PrincipalNode,
    a: SlottedAction,
    resource: string,
    independent: boolean,
    extra: Extra | undefined,
    tags: 'free' | 'tagged' | 'untagged',
  ): Grant {
    const node = independent ? this.relevantNode(p, a) : this.requestNode(p, a, resource);
    const resourceKey = independent ? '' : resource;
    // Action, resource, extra: strings that exist already (hashed once), no key built per call.
    const byAction = (node.answers ??= new Map<string, Map<string, Map<string, Grant>>>());
    let byResource = byAction.get(a.lower);
    if (!byResource) byAction.set(a.lower, (byResource = new Map<string, Map<string, Grant>>()));
    let byExtra = byResource.get(resourceKey);
    if (!byExtra) byResource.set(resourceKey, (byExtra = new Map<string, Grant>()));
    const extraKey = (extra ? this.extraKey(extra) : '') + (tags === 'free' ? '' : ` #${tags}`);
    let g = byExtra.get(extraKey);
    if (!g) {
      this.evaluations++;
      const ctx = this.resourceCtx(this.ctxFor(p, extra), resource, tags);
      g = fromAccess(authorize(this.layers(p), a, resource, ctx));
      byExtra.set(extraKey, g);
    }
    return g;
  }

  /** True when no statement that can match the action is limited by resource: one answer fits every target. */
  private resourceFree(p: PrincipalNode, a: SlottedAction): boolean {
    const slot = a.slot;
    if (slot !== undefined) {
      // From the principal's FACT_* bits: no statement is looked at.
      if (
        this.fact(p, FACT_STAR_ALLOW, slot) &&
        !this.fact(p, FACT_DENY, slot) &&
        !p.boundary &&
        (p.serviceLinked || !this.scps)
      )
        return true;
      return !this.fact(p, FACT_SCOPED, slot);
    }
    const cache = (this.relevantNode(p, a).free ??= new Map<string, boolean>());
    const key = a.lower;
    let v = cache.get(key);
    if (v === undefined) {
      v = true;
      const lists = [p.identity, p.boundary ?? [], ...(p.serviceLinked ? [] : (this.scps ?? []))];
      // Or: an unconditional Allow on any resource, and nothing else that could deny or limit it.
      let starAllow = false;
      let deny = false;
      for (const pol of p.identity) {
        for (const st of pol.matching(a).statements) {
          if (st.effect === 'Deny') deny = true;
          else if (st.resourceIsStar && st.conditions.length === 0) starAllow = true;
        }
      }
      if (starAllow && !deny && !p.boundary && (p.serviceLinked || !this.scps)) {
        cache.set(key, true);
        return true;
      }
      outer: for (const list of lists) {
        for (const pol of list) {
          for (const st of pol.matching(a).statements) {
            if (!st.resourceIsStar || st.readsResourceTags) {
              v = false;
              break outer;
            }
          }
        }
      }
      cache.set(key, v);
    }
    return v;
  }

  private readonly members = new WeakMap<readonly object[], Set<unknown>>();

  private membersOf(targets: readonly object[]): Set<unknown> {
    let set = this.members.get(targets);
    if (!set) this.members.set(targets, (set = new Set(targets)));
    return set;
  }

  /**
   * The first SAMPLE targets other than p, and how many there are: only SAMPLE + 1 targets are looked at
   * (this runs for every principal and target list, which can hold every admin role).
   */
  private othersSample<T>(p: PrincipalNode, targets: readonly T[]): { sample: T[]; total: number } {
    const sample: T[] = [];
    for (const t of targets) {
      if (sample.length === SAMPLE) break;
      if ((t as unknown) !== p) sample.push(t);
    }
    return { sample, total: targets.length - (this.membersOf(targets as readonly object[]).has(p) ? 1 : 0) };
  }

  /**
   * The targets p may act on with this action: a sample (with grants, easiest first when it matters) and the
   * total count. When no statement is resource-scoped one evaluation answers for every target.
   */
  private checkTargets<T extends { arn: string }>(
    p: PrincipalNode,
    action: string,
    targets: readonly T[],
    extra?: Extra,
    everyTarget = false,
  ): { hits: [T, Grant][]; total: number } {
    const a = this.action(action);
    const none = { hits: [], total: 0 };
    if (targets.length === 0 || !this.mayAllow(p, a)) return none;
    if (!everyTarget && this.share && this.resourceFree(p, a)) {
      const { sample, total } = this.othersSample(p, targets);
      const first = sample[0];
      if (!first) return none;
      const g = this.check(p, action, first.arn, extra);
      return g.level === 'denied' ? none : { hits: sample.map((t) => [t, g]), total };
    }
    // Only targets a resource-scoped statement names can differ; the others share one answer.
    const scoped = this.scopedPatterns(p, a);
    const special = scoped && this.share ? new Set(targetsMatching(targets, scoped)) : undefined;
    let shared: Grant | undefined;
    const hits: [T, Grant][] = [];
    for (const t of targets) {
      if ((t as unknown) === p) continue;
      const g =
        !special || special.has(t)
          ? this.check(p, action, t.arn, extra)
          : (shared ??= this.check(p, action, t.arn, extra));
      if (g.level !== 'denied') hits.push([t, g]);
    }
    return { hits, total: hits.length };
  }

  /** `trustOf`: the role whose trust policy a trust statement is named after (the role assumed). */
  private describeSources(
    p: PrincipalNode,
    statements: readonly CompiledStatement[],
    trustOf?: PrincipalNode,
  ): string[] {
    const out = new Set<string>();
    for (const st of statements) {
      const src = sourceOf(p, st.policy);
      const trust = st.policy.ref.kind === 'trust' ? trustOf?.trust : undefined;
      const name = trust ? trust.ref.name : (st.policy.ref.arn ?? st.policy.ref.name);
      out.add(src ? `${name} (${src.via})` : name);
    }
    return [...out].sort();
  }

  // ---- tier full -------------------------------------------------------------------------------

  /**
   * Every probe allowed, or denied at the first denial. A probe whose service no identity policy names is
   * denied by authorize's own fast path, without a scan.
   */
  private fullGrant(p: PrincipalNode, shared = false): Grant {
    const grants: Grant[] = [];
    for (const [a, resource] of this.probes) {
      // Shared: through check, whose answers principals with the same applicable policies share. Not for
      // the policy-version probes: they are asked in a context without the principals' values.
      let g: Grant;
      if (shared) g = this.check(p, a.action, resource);
      else {
        this.evaluations++;
        g = fromAccess(authorize(this.layers(p), a, resource, p.ctx));
      }
      if (g.level === 'denied') return DENIED;
      grants.push(g);
    }
    return all(grants);
  }

  private computeFull(p: PrincipalNode): Grant {
    // One mask test first: most principals lack some probe action entirely.
    if (!this.allowsAll(p, this.maskOf(this.probeActions))) {
      this.full.set(p, DENIED);
      return DENIED;
    }
    // Shared by the principals with the same policies, unless an SCP tells them apart.
    const key = this.answersAlone(p.serviceLinked) ? p.arn : p.permissionKey;
    let g = this.fullByKey.get(key);
    if (!g) this.fullByKey.set(key, (g = this.fullGrant(p, true)));
    this.full.set(p, g);
    return g;
  }

  // ---- policy versions ---------------------------------------------------------------------------

  /** A context that knows nothing of who asks: a policy judged on its own. */
  private readonly neutral = new RequestContext({
    otherKeys: 'free',
    absent: ['aws:MultiFactorAuthPresent', 'aws:MultiFactorAuthAge'],
  });

  /** A stand-in principal holding one policy and nothing else. */
  private probeNode(pol: CompiledPolicy): PrincipalNode {
    return principalNode(
      {
        type: 'group',
        name: 'probe',
        arn: 'probe',
        id: 'probe',
        path: '/',
        sources: [],
        identity: [pol],
        boundary: undefined,
        boundaryArn: undefined,
        groups: [],
        customerPolicies: [],
        trust: undefined,
        serviceLinked: false,
        caller: { arn: 'probe', accountId: this.account, kind: 'user' },
        roleLastUsed: undefined,
        index: this.nextNodeIndex++,
      },
      this.neutral,
      `probe:${pol.ref.id}`,
    );
  }

  private analyzeVersions(): void {
    const extraProbes: [ParsedAction, string][] = [
      ...Object.values(SELF_METHODS).flatMap((m) => m.actions),
      ...Object.values(TARGET_METHODS).flatMap((m) => m.actions),
      'iam:PassRole',
    ].map((a) => [this.action(a), '*']);
    for (const m of this.index.policies.values()) {
      if (m.otherVersions.length === 0) continue;
      const defaultNode = this.probeNode(m.compiled);
      const allowed = (node: PrincipalNode, a: ParsedAction, r: string) =>
        authorize(this.layers(node), a, r, this.neutral).level !== 'denied';
      for (const v of m.otherVersions) {
        const compiled = compilePolicy(v.document, {
          id: `${m.arn}?${v.versionId}`,
          name: `${m.name} ${v.versionId}`,
          kind: 'managed',
          arn: m.arn,
          versionId: v.versionId,
        });
        const node = this.probeNode(compiled);
        const gains = [...this.probes, ...extraProbes]
          .filter(([a, r]) => allowed(node, a, r) && !allowed(defaultNode, a, r))
          .map(([a]) => a.action);
        if (gains.length === 0) continue;
        const admin =
          this.fullGrant(node).level !== 'denied' && this.fullGrant(defaultNode).level === 'denied';
        if (admin && !m.awsManaged) this.adminVersion.set(m.arn, v.versionId);
        this.versionRisks.push({
          policy: m.arn,
          defaultVersion: m.defaultVersionId,
          version: v.versionId,
          gains: [...new Set(gains)].sort(),
          admin,
        });
      }
    }
  }

  // ---- tier iam-admin ----------------------------------------------------------------------------

  private selfPaths(p: PrincipalNode, adminGroups: Set<PrincipalNode>): AdminPath[] {
    if (!this.may(p, 'iam')) return [];
    const out: AdminPath[] = [];
    // A role p creates: the fixed probe name, or a name p's policies allow CreateRole on.
    let newRole = `arn:${this.partition}:iam::${this.account}:role/rampart-probe`;
    let newRoleNote = '';
    const add = (
      method: SelfMethod,
      g: Grant,
      target: string,
      extra = '',
      actions: readonly string[] = SELF_METHODS[method].actions,
    ) => {
      if (g.level === 'denied') return;
      const m = SELF_METHODS[method];
      const title = g.attached ? m.title.replace('AdministratorAccess', g.attached) : m.title;
      out.push({
        tier: 'iam-admin',
        method,
        description: `Can ${title}${extra}${target === newRole ? '' : ` (${target})`}.${target === newRole ? newRoleNote : ''}`,
        access: toPathAccess(g.level),
        conditions: g.keys,
        actions: [...actions],
        via: target === p.arn || target === newRole ? [] : [target],
        grantedBy: this.describeSources(p, g.statements),
      });
    };
    if (p.type === 'user') {
      add('put-user-policy', this.check(p, 'iam:PutUserPolicy', p.arn), p.arn);
      add('attach-user-policy', this.checkAttach(p, 'iam:AttachUserPolicy', p.arn), p.arn);
      const others = [...adminGroups].filter((g) => !p.groups.includes(g)).sort(byArn);
      const { hits } = this.checkTargets(p, 'iam:AddUserToGroup', others);
      for (const [g, grant] of hits.slice(0, 3)) add('add-user-to-group', grant, g.arn, ` ${g.name}`);
    }
    if (p.type === 'group') {
      // A member on its own user (user/${aws:username}, or any user): each member may escalate itself. Asked
      // as a member that is none of the account's users; the group stands for every member.
      const [me, ctx] = [this.otherMemberArn, this.otherMemberCtx(p)];
      const attach = 'iam:AttachUserPolicy';
      add('put-user-policy', this.asMember(p, ctx, 'iam:PutUserPolicy', me), p.arn, EACH_MEMBER);
      add(
        'attach-user-policy',
        this.asMember(p, ctx, attach, me, this.attachExtras(p, attach)),
        p.arn,
        EACH_MEMBER,
      );
    }
    const groups = p.type === 'group' ? [p] : p.groups;
    for (const g of groups) {
      add('put-group-policy', this.check(p, 'iam:PutGroupPolicy', g.arn), g.arn);
      add('attach-group-policy', this.checkAttach(p, 'iam:AttachGroupPolicy', g.arn), g.arn);
    }
    if (p.type === 'role') {
      add('put-role-policy', this.check(p, 'iam:PutRolePolicy', p.arn), p.arn);
      add('attach-role-policy', this.checkAttach(p, 'iam:AttachRolePolicy', p.arn), p.arn);
    }
    this.boundaryPaths(p, add);
    this.tagPaths(p, add);
    this.policyVersionPaths(p, p.customerPolicies, add);
    const named = this.newRoleName(p, newRole);
    let create = named ? this.check(p, 'iam:CreateRole', named) : DENIED;
    if (named && named !== newRole) {
      newRole = named;
      newRoleNote = onlyOn(newRole);
    }
    // CreateRole allowed only with given permissions boundaries (the delegated-admin pattern): the caller
    // meets the condition by choosing one, and the new role is as strong as that boundary lets it be.
    const boundaries =
      create.level === 'conditional'
        ? this.createWithBoundary(p, 'iam:CreateRole', newRole, create)
        : undefined;
    if (boundaries) create = strongestGrant(boundaries.map((b) => b.grant));
    // The new role's trust names p: only a Deny of p's can stop it assuming the role.
    if (create.level !== 'denied') create = all([create, this.assumeOwnTrust(p, newRole)]);
    if (create.level !== 'denied') {
      const attach = this.checkAttach(p, 'iam:AttachRolePolicy', newRole);
      const both = all([create, attach]);
      add(
        'create-role-attach-policy',
        attach.attached ? { ...both, attached: attach.attached } : both,
        newRole,
      );
      add('create-role-put-policy', all([create, this.check(p, 'iam:PutRolePolicy', newRole)]), newRole);
    }
    return out.length === 0 ? out : this.capped(p, out, newRole, boundaries);
  }

  /**
   * The name of a role p can create and then give a policy: the probe's, or one the scoped statements of
   * CreateRole, AttachRolePolicy or PutRolePolicy name (each request is authorized on that role's ARN).
   */
  private newRoleName(p: PrincipalNode, probe: string): string | undefined {
    const works = (name: string) =>
      this.check(p, 'iam:CreateRole', name).level !== 'denied' &&
      (this.check(p, 'iam:PutRolePolicy', name).level !== 'denied' ||
        this.checkAttach(p, 'iam:AttachRolePolicy', name).level !== 'denied');
    if (works(probe)) return probe;
    if (!this.mayAllow(p, this.action('iam:CreateRole'))) return undefined;
    const actions = ['iam:CreateRole', 'iam:AttachRolePolicy', 'iam:PutRolePolicy'].map((a) =>
      this.action(a),
    );
    const patterns = actions.flatMap((a) => this.allowedPatterns(p, a));
    return probeVariants(patterns, probe, this.account).find(works);
  }

  /**
   * A user or role whose policies are admin but for its permissions boundary, that may delete the boundary or
   * replace it with AdministratorAccess. Asked only when one of those is allowed (few principals).
   */
  private boundaryPaths(p: PrincipalNode, add: (method: SelfMethod, g: Grant, target: string) => void): void {
    if (!p.boundary || (p.type !== 'user' && p.type !== 'role')) return;
    const [remove, replace] =
      p.type === 'user'
        ? (['delete-user-permissions-boundary', 'put-user-permissions-boundary'] as const)
        : (['delete-role-permissions-boundary', 'put-role-permissions-boundary'] as const);
    const removed = this.check(p, SELF_METHODS[remove].actions[0], p.arn);
    const replaced = this.check(p, SELF_METHODS[replace].actions[0], p.arn, {
      'iam:PermissionsBoundary': this.adminPolicyArn,
    });
    if (removed.level === 'denied' && replaced.level === 'denied') return;
    const node = principalNode(
      { ...fieldsOf(p), boundary: undefined, boundaryArn: undefined, index: this.nextNodeIndex++ },
      p.ctx,
      `unbounded:${p.arn}`,
    );
    const unbounded = this.fullGrant(node);
    if (unbounded.level === 'denied') return;
    add(remove, all([removed, unbounded]), p.arn);
    add(replace, all([replaced, unbounded]), p.arn);
  }

  /**
   * ABAC: a user or role whose policies are admin only with some aws:PrincipalTag values, that may set those
   * tags on itself (iam:TagUser / iam:TagRole on its own ARN, with aws:RequestTag/<key> and aws:TagKeys as the
   * request sets them). The easiest such tagging is the path. Asked only of principals that may tag
   * themselves and whose policies read a principal tag (few).
   */
  private tagPaths(
    p: PrincipalNode,
    add: (method: SelfMethod, g: Grant, target: string, extra?: string) => void,
  ): void {
    if (p.type !== 'user' && p.type !== 'role') return;
    const method = p.type === 'user' ? 'tag-user' : 'tag-role';
    const tag = this.action(SELF_METHODS[method].actions[0]);
    if (!this.mayAllow(p, tag)) return;
    const limits = [...p.identity, ...(p.boundary ?? [])].flatMap((pol) =>
      pol.statements.filter((st) => st.matchesAction(tag)),
    );
    const choices = this.tagChoices(p, limits);
    if (!choices) return;
    const own = this.full.get(p)?.level ?? 'denied';
    let best: { grant: Grant; shown: string } | undefined;
    const better = (c: { grant: Grant; shown: string } | undefined) => {
      if (c && (!best || accessRank(c.grant.level) < accessRank(best.grant.level))) best = c;
    };
    const tryTags = (
      principalTags: Record<string, string>,
      free: string[],
      request: TagRequest,
      shown: string,
    ) => {
      const node = principalNode(
        { ...fieldsOf(p), index: this.nextNodeIndex++ },
        p.ctx.with(principalTags, [], free),
        `self-tags:${p.arn}:${shown}`,
      );
      const admin = this.fullGrant(node);
      if (admin.level === 'denied' || accessRank(admin.level) >= accessRank(own)) return undefined;
      this.evaluations++;
      const tagging = fromAccess(
        authorize(this.layers(p), tag, p.arn, p.ctx.with(request.values, [], request.free)),
      );
      const grant = all([tagging, admin]);
      return grant.level === 'denied' ? undefined : { grant, shown };
    };
    for (const t of tagTrials(choices)) {
      // Values the conditions do not spell out (globs, variables, numbers): undecided, never dropped.
      if (t.undecided && best) break;
      const c = tryTags(t.principalTags, t.free, t.request, t.shown);
      better(
        c && t.undecided ? { ...c, grant: { ...c.grant, level: weakest(c.grant.level, 'conditional') } } : c,
      );
    }
    if (best) add(method, best.grant, p.arn, ` ${best.shown}`);
  }

  /** A role only services assume (never MFA), judged as if a caller with MFA assumed it: full admin? */
  private adminOnceTrusted(r: PrincipalNode): boolean {
    if (r.serviceLinked || !r.ctx.mfaImpossible || !this.allowsAll(r, this.maskOf(this.probeActions)))
      return false;
    const ctx = r.ctx.with({});
    ctx.mfaImpossible = false;
    const node = principalNode({ ...fieldsOf(r), index: this.nextNodeIndex++ }, ctx, `trusted:${r.arn}`);
    return this.fullGrant(node).level !== 'denied';
  }

  private adminList: ManagedPolicy[] | undefined;

  /**
   * The export's managed policies that alone allow every administrative request (AdministratorAccess or its
   * like), in ARN order; found once, a bitmask test first (a policy without every probe action is not one).
   */
  private adminPolicies(): ManagedPolicy[] {
    if (!this.adminList) {
      const mask = this.maskOf(this.probeActions);
      this.adminList = [...this.index.policies.values()]
        .filter((m) => Analysis.covers(this.policyMask(m.compiled).allow, mask))
        .filter((m) => this.fullGrant(this.probeNode(m.compiled)).level !== 'denied')
        .sort(byArn);
    }
    return this.adminList;
  }

  private readonly namedByCondition = new Map<
    CompiledCondition,
    { policies: ManagedPolicy[]; unknown: boolean }
  >();

  /**
   * The managed policies of the export a condition's values name (ARNs or ARN patterns), once per condition;
   * `unknown` when a value names none of them (a policy the export does not hold).
   */
  private namedBy(
    c: CompiledCondition,
    among: () => Iterable<ManagedPolicy>,
  ): { policies: ManagedPolicy[]; unknown: boolean } {
    let named = this.namedByCondition.get(c);
    if (!named) {
      const policies = new Set<ManagedPolicy>();
      let unknown = false;
      for (const v of c.values) {
        const before = policies.size;
        for (const m of among()) if (m.arn === v || (/[*?]/.test(v) && arnMatches(v, m.arn))) policies.add(m);
        if (policies.size === before && !this.index.policies.has(v)) unknown = true;
      }
      named = { policies: [...policies].sort(byArn), unknown };
      this.namedByCondition.set(c, named);
    }
    return named;
  }

  /**
   * The request contexts to ask an attach action in: AdministratorAccess as iam:PolicyARN, then each admin
   * policy of the export that p's statements for the action name under iam:PolicyARN (a policy that lets
   * one attach only listed policies is a path when one of them is admin), then, when any statement that
   * applies to p (its own, its boundary's, an SCP's) has a condition on iam:PolicyARN, the export's other
   * admin policies (ArnNotEquals AdministratorAccess, or a Deny of AdministratorAccess alone, leaves them
   * open); at most MAX_VARIANTS besides AdministratorAccess.
   */
  private attachExtras(p: PrincipalNode, action: string): Extra[] {
    const a = this.action(action);
    const named = new Set<ManagedPolicy>();
    let onArn = false;
    if (this.mayAllow(p, a)) {
      for (const pol of p.identity) {
        if (a.slot !== undefined && !Analysis.hasBit(this.policyMask(pol).allow, a.slot)) continue;
        for (const st of pol.matching(a).statements)
          for (const c of st.conditions)
            if (c.keyLower === POLICY_ARN_KEY && !c.hasVariables)
              for (const m of this.namedBy(c, () => this.adminPolicies()).policies)
                if (m.arn !== this.adminPolicyArn) named.add(m);
      }
      const limits = [p.identity, p.boundary ?? [], ...(p.serviceLinked ? [] : (this.scps ?? []))];
      onArn = limits.some((list) =>
        list.some((pol) =>
          pol.matching(a).statements.some((st) => st.conditions.some((c) => c.keyLower === POLICY_ARN_KEY)),
        ),
      );
    }
    const listed = [...named].sort(byArn);
    if (onArn)
      for (const m of this.adminPolicies())
        if (m.arn !== this.adminPolicyArn && !named.has(m)) listed.push(m);
    const extras = listed.slice(0, MAX_VARIANTS).map((m): Extra => ({ 'iam:PolicyARN': m.arn }));
    return [this.adminArnExtra, ...extras];
  }

  /**
   * An attach action with an admin policy: the strongest of attachExtras' answers, naming the policy. `more`:
   * keys every request also carries (a new user's permissions boundary).
   */
  private checkAttach(p: PrincipalNode, action: string, resource: string, more?: Extra): Grant {
    let best = DENIED;
    let chosen: Extra | undefined;
    for (const extra of this.attachExtras(p, action)) {
      const g = this.check(p, action, resource, more ? { ...extra, ...more } : extra);
      if (accessRank(g.level) < accessRank(best.level)) [best, chosen] = [g, extra];
    }
    const arn = chosen?.['iam:PolicyARN'];
    if (best.level === 'denied' || !arn || arn === this.adminPolicyArn) return best;
    return { ...best, attached: this.index.policies.get(arn)?.name ?? arn };
  }

  /**
   * AttachRolePolicy with an admin policy on each of these roles: the strongest answer per role, naming the
   * policy attached when it is not AdministratorAccess (as checkAttach does).
   */
  private attachTargets(p: PrincipalNode, roles: PrincipalNode[]): [PrincipalNode, Grant][] {
    const action = 'iam:AttachRolePolicy';
    const [first, ...others] = this.attachExtras(p, action);
    const hits = this.checkTargets(p, action, roles, first).hits;
    if (others.length === 0) return hits;
    const best = new Map<PrincipalNode, Grant>(hits);
    for (const extra of others) {
      const arn = extra['iam:PolicyARN'] ?? '';
      const attached = this.index.policies.get(arn)?.name ?? arn;
      for (const [t, g] of this.checkTargets(p, action, roles, extra).hits) {
        const b = best.get(t);
        if (!b || accessRank(g.level) < accessRank(b.level)) best.set(t, { ...g, attached });
      }
    }
    return roles.flatMap((r): [PrincipalNode, Grant][] => {
      const g = best.get(r);
      return g ? [[r, g]] : [];
    });
  }

  /**
   * When CreateRole (CreateUser) is allowed only under conditions on iam:PermissionsBoundary: the managed
   * policies of the export that its statements name there and with which the request is allowed, each with
   * that grant.
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html#access_policies_boundaries-delegate
   */
  private createWithBoundary(
    p: PrincipalNode,
    action: 'iam:CreateRole' | 'iam:CreateUser',
    resource: string,
    g: Grant,
  ): BoundedCreate[] | undefined {
    if (!g.keys.some((k) => k.toLowerCase() === BOUNDARY_KEY)) return undefined;
    const named = new Set<ManagedPolicy>();
    let unknown = false;
    const a = this.action(action);
    for (const pol of p.identity)
      for (const st of pol.matching(a).statements)
        for (const c of st.conditions) {
          if (c.keyLower !== BOUNDARY_KEY) continue;
          if (c.hasVariables) return undefined;
          const found = this.namedBy(c, () => this.index.policies.values());
          for (const m of found.policies) named.add(m);
          unknown ||= found.unknown;
        }
    const out: BoundedCreate[] = [];
    for (const boundary of [...named].sort(byArn).slice(0, MAX_VARIANTS)) {
      const grant = this.check(p, action, resource, { 'iam:PermissionsBoundary': boundary.arn });
      if (grant.level !== 'denied') out.push({ boundary, grant });
    }
    // A boundary the export does not hold may be admin: that choice stays conditional, as the grant says.
    if (unknown) out.push({ boundary: undefined, grant: g });
    return out.length > 0 ? out : undefined;
  }

  /**
   * A policy a principal gives itself is still limited by its permissions boundary, the SCPs and every Deny
   * it cannot remove (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html):
   * a path stands only when the principal with an Allow-everything policy added would be full admin. Putting
   * inline policies can overwrite its own inline ones (so their Denies do not hold); a new role has none of
   * the principal's limits, only the SCPs.
   */
  private capped(
    p: PrincipalNode,
    paths: AdminPath[],
    newRole: string,
    boundaries?: readonly BoundedCreate[],
  ): AdminPath[] {
    const out: AdminPath[] = [];
    for (let path of paths) {
      // Without its boundary (boundaryPaths) or with its new tags (tagPaths) p is admin already: nothing else
      // caps it.
      if (path.method.endsWith('-permissions-boundary') || path.method.startsWith('tag-')) {
        out.push(path);
        continue;
      }
      const creates = path.method.startsWith('create-role-');
      // A group's member overwrites its own user's inline policies, not the group's.
      const shape =
        (path.method === 'put-user-policy' && p.type === 'user') || path.method === 'put-role-policy'
          ? 'without-own-inline'
          : path.method === 'put-group-policy' || path.method === 'create-policy-version'
            ? 'without-target'
            : 'as-is';
      const target = shape === 'without-target' ? (path.via[0] ?? p.arn) : '';
      let cap = creates ? this.newRoleCap(p, newRole, boundaries) : this.afterGrant(p, shape, target);
      // Short of admin: a second step p takes itself may get there (see thenSelf, unboundNewRole).
      if (cap.level !== 'unconditional') {
        const next = creates ? this.unboundNewRole(p, newRole, boundaries) : this.thenSelf(p, shape, target);
        if (next && accessRank(next.grant.level) < accessRank(cap.level)) {
          cap = next.grant;
          path = {
            ...path,
            description: `${path.description}${next.note}`,
            actions: [...new Set([...path.actions, ...next.actions])],
          };
        }
      }
      if (cap.level === 'denied') continue;
      if (cap.level === 'unconditional') {
        out.push(path);
        continue;
      }
      const g = all([{ level: fromPath(path.access), keys: path.conditions, statements: [] }, cap]);
      out.push({ ...path, access: toPathAccess(g.level), conditions: g.keys });
    }
    return out;
  }

  /**
   * A role p must create with a given boundary, whose boundary p may then delete or replace. Deleting: "Deleting
   * the permissions boundary for a role might increase its permissions" (API_DeleteRolePermissionsBoundary.html),
   * and the request carries iam:PermissionsBoundary, the boundary deleted (the delegation example denies it on
   * that key, access_policies_boundaries.html#access_policies_boundaries-delegate). Replacing: PutRolePermissions-
   * Boundary with AdministratorAccess, the request carrying the new boundary (the delegation example allows it
   * only with the required one). A boundary the export does not hold is left out (its ARN is unknown).
   */
  private unboundNewRole(
    p: PrincipalNode,
    newRole: string,
    boundaries?: readonly BoundedCreate[],
  ): NextStep | undefined {
    const remove = SELF_METHODS['delete-role-permissions-boundary'].actions[0];
    const replace = SELF_METHODS['put-role-permissions-boundary'].actions[0];
    // Asked only when some role is created under a boundary the export holds (rare).
    if (!boundaries?.some((b) => b.boundary)) return undefined;
    const replaced = this.check(p, replace, newRole, { 'iam:PermissionsBoundary': this.adminPolicyArn });
    let best: NextStep | undefined;
    const better = (step: NextStep) => {
      if (
        step.grant.level !== 'denied' &&
        (!best || accessRank(step.grant.level) < accessRank(best.grant.level))
      )
        best = step;
    };
    let unbounded: Grant | undefined;
    for (const { boundary, grant } of boundaries ?? []) {
      if (!boundary) continue;
      const removed = this.check(p, remove, newRole, { 'iam:PermissionsBoundary': boundary.arn });
      if (removed.level === 'denied' && replaced.level === 'denied') continue;
      unbounded ??= this.afterGrant(p, 'new-role', newRole);
      const given = ` It must give the role the permissions boundary ${boundary.name}, and may then`;
      if (removed.level !== 'denied')
        better({
          grant: all([grant, removed, unbounded]),
          actions: [remove],
          note: `${given} delete it.`,
        });
      if (replaced.level !== 'denied')
        better({
          grant: all([grant, replaced, unbounded]),
          actions: [replace],
          note: `${given} replace it with AdministratorAccess.`,
        });
    }
    return best;
  }

  private readonly thenSelfAnswers = new Map<string, NextStep | undefined>();
  private inSecondStep = false;

  /**
   * p once it holds an Allow-everything policy (the first step, see afterGrant) is still short of admin: its
   * boundary, the SCPs or a Deny it cannot remove hold. Within them it may take one more step of its own (a
   * role it creates, its own boundary deleted: selfPaths of p as it is then). One step only: selfPaths of that
   * principal asks no further.
   */
  private thenSelf(
    p: PrincipalNode,
    shape: 'as-is' | 'without-own-inline' | 'without-target',
    target: string,
  ): NextStep | undefined {
    if (this.inSecondStep) return undefined;
    const key = `${shape} ${p.arn} ${target}`;
    if (this.thenSelfAnswers.has(key)) return this.thenSelfAnswers.get(key);
    const node = principalNode(
      { ...fieldsOf(p), identity: this.identityAfter(p, shape, target), index: this.nextNodeIndex++ },
      p.ctx,
      `then:${key}`,
    );
    this.inSecondStep = true;
    let paths: AdminPath[];
    try {
      paths = this.selfPaths(node, new Set());
    } finally {
      this.inSecondStep = false;
    }
    let best: NextStep | undefined;
    for (const next of paths) {
      const level = fromPath(next.access);
      if (best && accessRank(level) >= accessRank(best.grant.level)) continue;
      best = {
        grant: { level, keys: next.conditions, statements: [] },
        actions: next.actions,
        note: ` With it, it can then ${next.description.replace(/^Can /, '')}`,
      };
    }
    this.thenSelfAnswers.set(key, best);
    return best;
  }

  /** What a new role can become: with the strongest boundary p may give it, when CreateRole requires one. */
  private newRoleCap(p: PrincipalNode, newRole: string, boundaries?: readonly BoundedCreate[]): Grant {
    if (!boundaries) return this.afterGrant(p, 'new-role', newRole);
    return strongestGrant(
      boundaries.map(({ boundary, grant }) =>
        all([grant, this.afterGrant(p, 'new-role', newRole, boundary)]),
      ),
    );
  }

  private readonly afterGrants = new Map<string, Grant>();
  private readonly allowAll = compilePolicy(
    { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
    { id: 'rampart:allow-all', name: 'an Allow-everything policy', kind: 'inline' },
  );

  /**
   * Would p be full admin once it holds an Allow-everything policy (its limits kept, see capped)? The policy
   * it writes replaces what it overwrites, Denies and all: its own inline policies (put-user/role-policy), or
   * `target`'s (without-target: a group's inline policies, PutGroupPolicy "adds or updates"; a managed
   * policy's default version, which CreatePolicyVersion replaces).
   */
  private afterGrant(
    p: PrincipalNode,
    shape: 'as-is' | 'without-own-inline' | 'without-target' | 'new-role',
    target = '',
    boundary?: ManagedPolicy,
  ): Grant {
    // A new role (target: its ARN): the same for every creator, but its name and boundary can matter.
    const key = `${shape} ${shape === 'new-role' ? `${target} ${boundary?.arn ?? ''}` : `${p.arn} ${target}`}`;
    let g = this.afterGrants.get(key);
    if (g) return g;
    const fresh = shape === 'new-role';
    const newRole = target;
    const identity = fresh ? [this.allowAll] : this.identityAfter(p, shape, target);
    const node = principalNode(
      {
        type: fresh ? 'role' : p.type,
        name: fresh ? 'rampart-probe' : p.name,
        arn: fresh ? newRole : p.arn,
        id: fresh ? 'rampart-probe' : p.id,
        path: fresh ? '/' : p.path,
        sources: [],
        identity,
        boundary: fresh ? boundary && [boundary.compiled] : p.boundary,
        boundaryArn: fresh ? boundary?.arn : p.boundaryArn,
        groups: [],
        customerPolicies: [],
        trust: undefined,
        serviceLinked: false,
        caller: fresh ? { ...p.caller, arn: newRole, kind: 'role' } : p.caller,
        roleLastUsed: undefined,
        index: this.nextNodeIndex++,
      },
      fresh
        ? new RequestContext({
            // A role session always carries the MFA key and aws:TokenIssueTime (see roleNode in account.ts).
            values: {
              'aws:PrincipalArn': newRole,
              'aws:PrincipalType': 'AssumedRole',
              [MFA_PRESENT]: 'false',
              [TOKEN_ISSUE_TIME]: this.input.now.toISOString(),
            },
            absent: ['aws:username'],
            otherKeys: 'free',
          })
        : p.ctx,
      `after:${key}`,
    );
    g = this.fullGrant(node);
    this.afterGrants.set(key, g);
    return g;
  }

  /** p's identity policies once it holds an Allow-everything policy, less those that policy overwrites. */
  private identityAfter(
    p: PrincipalNode,
    shape: 'as-is' | 'without-own-inline' | 'without-target',
    target: string,
  ): CompiledPolicy[] {
    if (shape === 'as-is') return [this.allowAll, ...p.identity];
    const owner = shape === 'without-own-inline' ? p : this.index.byArn.get(target);
    const replaced = new Set(owner?.sources.filter((s) => s.via === 'inline').map((s) => s.policy));
    const managed = shape === 'without-target' ? this.index.policies.get(target) : undefined;
    if (managed) replaced.add(managed.compiled);
    return [this.allowAll, ...p.identity.filter((pol) => !replaced.has(pol))];
  }

  private policyVersionPaths(
    p: PrincipalNode,
    policies: readonly ManagedPolicy[],
    add: (method: SelfMethod, g: Grant, target: string, extra?: string, actions?: readonly string[]) => void,
  ): void {
    for (const m of policies) {
      const full = versionsFull(m);
      add(
        'create-policy-version',
        this.newVersion(p, m, this.check(p, 'iam:CreatePolicyVersion', m.arn)),
        m.arn,
        ` ${m.name}${full ? FULL_NOTE : ''}`,
        versionActions(m),
      );
      const version = this.adminVersion.get(m.arn);
      if (version) {
        add(
          'set-default-policy-version',
          this.check(p, 'iam:SetDefaultPolicyVersion', m.arn),
          m.arn,
          ` ${m.name} (version ${version} is admin)`,
        );
      }
    }
  }

  /**
   * CreatePolicyVersion (the grant given) on m, and DeletePolicyVersion on it too when m holds five versions:
   * "If the policy has five versions, you must delete an existing version using DeletePolicyVersion before you
   * create a new version" (API_CreatePolicyVersion). Four of them are not the default: one can go.
   */
  private newVersion(p: PrincipalNode, m: ManagedPolicy, create: Grant): Grant {
    if (create.level === 'denied' || !versionsFull(m)) return create;
    return all([create, this.check(p, 'iam:DeletePolicyVersion', m.arn)]);
  }

  // ---- trust graph -------------------------------------------------------------------------------

  private addEdge(from: PrincipalNode, to: PrincipalNode, grant: Grant): void {
    if (grant.level === 'denied' || from === to) return;
    const e: Edge = { from, to, grant };
    let ins = this.inEdges.get(to);
    if (!ins) this.inEdges.set(to, (ins = []));
    ins.push(e);
    let outs = this.outEdges.get(from);
    if (!outs) this.outEdges.set(from, (outs = []));
    outs.push(e);
  }

  private assume(
    p: PrincipalNode,
    role: PrincipalNode,
    trust: CompiledPolicy,
    caller: Caller = p.caller,
  ): Grant {
    // The role's tags, when p's policies read them (aws:ResourceTag/team = ${aws:PrincipalTag/team}).
    const tags = this.readsTags(p) || this.rcpsPerRole ? this.index.resourceTags.get(role.arn) : undefined;
    const ask = (mode: 'free' | 'tagged' | 'untagged') =>
      this.underTrust(p, trust, 'sts:AssumeRole', role.arn, this.resourceCtx(p.ctx, role.arn, mode), caller);
    return tags ? this.retagged(p, role.arn, tags, ask) : ask('free');
  }

  /** An sts action on a role, decided by p's policies and the role's trust policy (which must allow it). */
  private underTrust(
    p: PrincipalNode,
    trust: CompiledPolicy,
    action: string,
    roleArn: string,
    ctx: RequestContext = p.ctx,
    caller: Caller = p.caller,
  ): Grant {
    this.evaluations++;
    const layers: Layers = { ...this.stsLayers(p), resource: { policies: [trust], caller, required: true } };
    return fromAccess(authorize(layers, this.action(action), roleArn, ctx));
  }

  private readonly assumeCache = new Map<string, Grant>();

  /** `assume` for a role of a trust class, shared by principals the class cannot tell apart. */
  private assumeClass(p: PrincipalNode, role: PrincipalNode, cls: TrustClass): Grant {
    // A caller that reads the role's tags: its answer also depends on whether it may retag the role.
    if (!cls.shared || cls.named.has(p.arn) || !this.share || this.readsTags(p) || this.rcpsDependent)
      return this.assume(p, role, cls.trust);
    const key = `${cls.id} ${p.type} ${role.arn} ${this.requestNode(p, this.action('sts:AssumeRole'), role.arn).id}`;
    let g = this.assumeCache.get(key);
    if (!g) this.assumeCache.set(key, (g = this.assume(p, role, cls.trust)));
    return g;
  }

  /** Roles whose trust policies delegate to the account in the same way: evaluated once per principal. */
  private readonly classRoles = new Map<PrincipalNode, PrincipalNode[]>();

  /** The resource patterns under which p's identity policies may allow the action; undefined: any resource. */
  private allowPatterns(p: PrincipalNode, a: SlottedAction): string[][] | undefined {
    const out: string[][] = [];
    for (const pol of p.identity) {
      // One bit test skips the policies without an Allow for the action (most of them).
      if (a.slot !== undefined && !Analysis.hasBit(this.policyMask(pol).allow, a.slot)) continue;
      for (const st of pol.matching(a).statements) {
        if (st.effect !== 'Allow') continue;
        if (st.resourceIsStar || st.notResource || !st.resources || st.resources.templates) return undefined;
        out.push([...(st.resources.exact ?? []), ...(st.resources.patterns ?? [])]);
      }
    }
    return out;
  }

  /**
   * The resource patterns of every statement (identity, boundary, SCPs) that can match the action and is
   * limited by resource: requests on resources none of them matches all get the same answer. Undefined when
   * a policy variable in a resource makes that unknowable.
   */
  private scopedPatterns(p: PrincipalNode, a: SlottedAction): string[] | undefined {
    const out: string[] = [];
    const lists = [p.identity, p.boundary ?? [], ...(p.serviceLinked ? [] : (this.scps ?? []))];
    for (const list of lists) {
      for (const pol of list) {
        if (a.slot !== undefined && !Analysis.hasBit(this.policyMask(pol).any, a.slot)) continue;
        for (const st of pol.matching(a).statements) {
          // The resource's tags, like a policy variable, can tell any two resources apart.
          if (st.readsResourceTags) return undefined;
          const res = st.resources;
          if (!res || res.all) continue;
          if (res.templates) return undefined;
          if (res.exact) out.push(...res.exact);
          if (res.patterns) out.push(...res.patterns);
        }
      }
    }
    return out;
  }

  /** The resource patterns of p's identity and boundary Allow statements that can match the action. */
  private allowedPatterns(p: PrincipalNode, a: SlottedAction): string[] {
    const out: string[] = [];
    for (const list of [p.identity, p.boundary ?? []]) {
      for (const pol of list) {
        if (a.slot !== undefined && !Analysis.hasBit(this.policyMask(pol).allow, a.slot)) continue;
        for (const st of pol.matching(a).statements) {
          const res = st.resources;
          if (st.effect !== 'Allow' || st.notResource || !res || res.all || res.templates) continue;
          if (res.exact) out.push(...res.exact);
          if (res.patterns) out.push(...res.patterns);
        }
      }
    }
    return out;
  }

  /**
   * Names NotResource statements leave open (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html):
   * a Deny's NotResource list is exempt from it (a region fence: Deny everything but eu-west-1 functions); an
   * Allow with NotResource allows every other resource (the probe in the first region it does not list).
   */
  private fencePatterns(p: PrincipalNode, a: SlottedAction, probe: string): string[] {
    const out: string[] = [];
    const lists = [p.identity, p.boundary ?? [], ...(p.serviceLinked ? [] : (this.scps ?? []))];
    for (const list of lists) {
      for (const pol of list) {
        if (!pol.hasNotResource) continue;
        for (const st of pol.matching(a).statements) {
          const res = st.resources;
          if (!st.notResource || !res || res.templates) continue;
          const listed = [...(res.exact ?? []), ...(res.patterns ?? [])];
          if (st.effect === 'Deny') out.push(...listed);
          else {
            const elsewhere = inAnotherRegion(probe, listed);
            if (elsewhere) out.push(elsewhere);
          }
        }
      }
    }
    return out;
  }

  /** Every request's grant, or undefined at the first denied one (the rest need not be evaluated). */
  private askAll(p: PrincipalNode, requests: readonly (readonly [string, string])[], extra?: Extra) {
    const grants: Grant[] = [];
    for (const [action, resource] of requests) {
      const g = this.check(p, action, resource, extra);
      if (g.level === 'denied') return undefined;
      grants.push(g);
    }
    return grants;
  }

  /**
   * The requests' grants on the probe resources; when one is denied there, or allowed only under a condition
   * or MFA, asked again on the names and regions p's scoped statements allow (probe-variants.ts): the easiest
   * answer wins, and `variant` is the ARN it is on.
   */
  private askScoped(
    p: PrincipalNode,
    requests: readonly (readonly [string, string])[],
    extra?: Extra,
    vary = true,
  ): Asked | undefined {
    const grants = this.askAll(p, requests, extra);
    if (!vary) return grants && { grants };
    let best: Asked | undefined = grants && { grants };
    let rank = grants ? accessRank(all(grants).level) : Infinity;
    if (rank === accessRank('unconditional')) return best;
    for (const probe of new Set(requests.map(([, r]) => r))) {
      const actions = requests.filter(([, r]) => r === probe).map(([a]) => this.action(a));
      const patterns = actions.flatMap((a) => [
        ...this.allowedPatterns(p, a),
        ...this.fencePatterns(p, a, probe),
      ]);
      for (const variant of probeVariants(patterns, probe, this.account)) {
        const swapped = requests.map(([a, r]): [string, string] => [a, r === probe ? variant : r]);
        const found = this.askAll(p, swapped, extra);
        const foundRank = found ? accessRank(all(found).level) : Infinity;
        if (!found || foundRank >= rank) continue;
        [best, rank] = [{ grants: found, variant }, foundRank];
        if (rank === accessRank('unconditional')) return best;
      }
    }
    return best;
  }

  private buildTrustGraph(): void {
    const accountWide: PrincipalNode[] = [];
    for (const p of [...this.index.users, ...this.index.roles, ...this.index.groups]) {
      if (this.may(p, 'sts')) accountWide.push(p);
    }
    const classes = new Map<string, TrustClass>();
    // By ARN: the classes' numbers, and so the graph, must not depend on the export's order.
    for (const role of [...this.index.roles].sort(byArn)) this.readTrust(role, classes);
    const free: Grant = { level: 'unconditional', keys: [], statements: [] };
    for (const cls of classes.values()) {
      for (const r of cls.roles) this.addEdge(cls.node, r, free);
      cls.roles.sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
    }
    for (const p of accountWide) this.edgesToClasses(p, classes);
    // By the ARN they come from: viaRole takes equally easy edges in this order. No edge is added later.
    for (const list of this.inEdges.values()) list.sort((x, y) => byArn(x.from, y.from));
  }

  /**
   * A role's trust policy: edges from the principals it names, and the role's trust class when it delegates
   * to the account (classes: by the trust policy's statements).
   */
  private readTrust(role: PrincipalNode, classes: Map<string, TrustClass>): void {
    const assumeRole = this.action('sts:AssumeRole');
    const rootArn = `arn:${this.partition}:iam::${this.account}:root`;
    const trust = role.trust;
    if (!trust) return;
    let delegates = false;
    let anyone = false;
    const named = new Set<string>();
    for (const st of trust.statements) {
      if (st.effect !== 'Allow' || !st.matchesAction(assumeRole)) continue;
      const spec = st.principal;
      if (!spec) {
        if (st.notPrincipal) delegates = true;
        continue;
      }
      if (spec.any) delegates = anyone = true;
      for (const v of spec.aws) {
        if (v === rootArn || v === this.account) delegates = true;
        else named.add(v);
      }
    }
    for (const arn of named) {
      const p = this.index.byArn.get(arn);
      if (p && p.type !== 'group') {
        this.addEdge(p, role, this.assume(p, role, trust));
        continue;
      }
      // A role session ARN: arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION.
      const session = /^arn:[^:]+:sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/.exec(arn);
      if (session?.[1] === this.account) {
        const src = this.index.roleByName.get(session[2] ?? '');
        if (src) {
          const caller: Caller = { arn, accountId: this.account, kind: 'session', roleArn: src.arn };
          const g = this.assume(src, role, trust, caller);
          // Only sessions with that name: who picks the session name decides.
          this.addEdge(
            src,
            role,
            g.level === 'denied'
              ? g
              : { ...g, level: weakest(g.level, 'conditional'), keys: [...g.keys, 'sts:RoleSessionName'] },
          );
        }
      }
    }
    // "Principal": "*" names every caller: like a named ARN, it grants a principal of the account without an
    // identity policy (usually behind a condition on aws:PrincipalArn or the like). Rare, and each is a finding.
    if (anyone) {
      for (const p of [...this.index.users, ...this.index.roles]) {
        if (p !== role && !named.has(p.arn)) this.addEdge(p, role, this.assume(p, role, trust));
      }
    }
    if (!delegates) return;
    const key = JSON.stringify(
      trust.statements.map((st) => [
        st.effect,
        st.matchesAction(assumeRole),
        st.principal,
        st.notPrincipal,
        st.conditions.map((c) => [c.operator, c.key, c.values]),
      ]),
    );
    let cls = classes.get(key);
    if (!cls) {
      const node = principalNode(
        {
          ...fieldsOf(role),
          name: `roles trusting the account (${classes.size + 1})`,
          arn: `rampart:trust-class/${classes.size + 1}`,
          sources: [],
          identity: [],
          customerPolicies: [],
          index: this.nextNodeIndex++,
        },
        role.ctx,
        role.permissionKey,
      );
      // Callers the trust policy names by ARN, and trust conditions on who the caller is, make answers
      // differ between principals with the same identity policies; otherwise they share one answer.
      const named = new Set<string>();
      for (const st of trust.statements)
        for (const v of [...(st.principal?.aws ?? []), ...(st.notPrincipal?.aws ?? [])]) named.add(v);
      cls = { id: classes.size, trust, roles: [], node, named, shared: !trust.principalDependent };
      classes.set(key, cls);
      this.classRoles.set(node, cls.roles);
    }
    cls.roles.push(role);
  }

  /** Edges from p (whose identity policies may allow sts:AssumeRole) to the roles of each trust class. */
  private edgesToClasses(p: PrincipalNode, classes: Map<string, TrustClass>): void {
    const assumeRole = this.action('sts:AssumeRole');
    // RCPs that tell the roles apart: each role its own answer.
    const resourceFree = !this.rcpsPerRole && this.resourceFree(p, assumeRole);
    const patterns = resourceFree ? undefined : this.allowPatterns(p, assumeRole);
    const allowed = patterns?.flat();
    for (const cls of classes.values()) {
      const first = cls.roles[0];
      if (!first) continue;
      if (resourceFree) {
        this.addEdge(p, cls.node, this.assumeClass(p, first, cls));
        continue;
      }
      if (allowed) {
        for (const r of rolesMatching(cls.roles, allowed)) this.addEdge(p, r, this.assumeClass(p, r, cls));
        continue;
      }
      // An Allow on any resource plus resource-scoped statements: only the roles a scoped statement
      // names can differ; the others share one answer (the class shares one trust policy).
      const scoped = this.scopedPatterns(p, assumeRole);
      // The graph is the same without sharing (shareAnswers: false): only the evaluations differ.
      const special = scoped && !this.rcpsPerRole ? new Set(rolesMatching(cls.roles, scoped)) : undefined;
      if (special?.size === 0) {
        // No scoped statement names a role of the class: one answer for all of them, one edge.
        this.addEdge(p, cls.node, this.assumeClass(p, first, cls));
        continue;
      }
      let shared: Grant | undefined;
      for (const r of cls.roles) {
        if (r === p) continue;
        if (!special || special.has(r) || !this.share) this.addEdge(p, r, this.assumeClass(p, r, cls));
        else this.addEdge(p, r, (shared ??= this.assumeClass(p, r, cls)));
      }
    }
  }

  // ---- session tags ------------------------------------------------------------------------------

  /**
   * Roles admin only with some aws:PrincipalTag/* values, whose trust allows sts:TagSession: a caller that may
   * pass those tags (sts:AssumeRole and sts:TagSession with aws:RequestTag/* and aws:TagKeys set) reaches a
   * session of the role that is admin; session tags override the role's own tags of the same key.
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html
   * Each such session is a stand-in node (admin, a source of viaRole) with in-edges only from the callers
   * that already have an edge to the role. Only roles whose trust allows sts:TagSession cost anything.
   */
  private sessionTagSources(): PrincipalNode[] {
    const tagSession = this.action('sts:TagSession');
    const out: PrincipalNode[] = [];
    for (const role of [...this.index.roles].sort(byArn)) {
      const trust = role.trust;
      if (!trust || role.serviceLinked || this.full.get(role)?.level === 'unconditional') continue;
      if (!trust.statements.some((st) => st.effect === 'Allow' && st.matchesAction(tagSession))) continue;
      const callers = this.callersOf(role);
      if (callers.length === 0) continue;
      for (const { node, request, undecided } of this.taggedSessions(role, trust)) {
        for (const p of callers) {
          let g = this.passTags(p, role, trust, request);
          if (g.level !== 'denied' && undecided.length > 0)
            g = { ...g, level: weakest(g.level, 'conditional'), keys: mergeKeys(g.keys, undecided) };
          if (g.level === 'denied') continue;
          let ins = this.inEdges.get(node);
          if (!ins) this.inEdges.set(node, (ins = []));
          // In-edges only: the session is no role anyone can change (modifyAssumableRoles reads out-edges).
          ins.push({ from: p, to: node, grant: g });
        }
        out.push(node);
      }
    }
    return out;
  }

  /** Who has an edge to the role, directly or through its trust class, in ARN order. */
  private callersOf(role: PrincipalNode): PrincipalNode[] {
    const found = new Set<PrincipalNode>();
    for (const e of this.inEdges.get(role) ?? []) {
      if (!this.classRoles.has(e.from)) found.add(e.from);
      else for (const ce of this.inEdges.get(e.from) ?? []) found.add(ce.from);
    }
    found.delete(role);
    return [...found].sort(byArn);
  }

  /** sts:AssumeRole and sts:TagSession on the role, both with these tags in the request. */
  private passTags(p: PrincipalNode, role: PrincipalNode, trust: CompiledPolicy, request: TagRequest): Grant {
    const ctx = p.ctx.with(request.values, [], request.free);
    return all(['sts:AssumeRole', 'sts:TagSession'].map((a) => this.underTrust(p, trust, a, role.arn, ctx)));
  }

  /**
   * The principal-tag keys p's policies (identity, boundary, SCPs) have conditions on, and the assignments of
   * values worth trying: those the conditions name, plus those named by aws:RequestTag/<key> conditions of
   * the statements that limit who may set the tags. Not exhaustive when other values could matter too (globs,
   * numbers, variables, more combinations than MAX_TAG_SESSIONS). Undefined when no policy reads a tag.
   */
  private tagChoices(
    p: PrincipalNode,
    limits: readonly CompiledStatement[],
  ): { assignments: [string, string][][]; keys: string[]; exhaustive: boolean } | undefined {
    const tags = new Map<string, { key: string; values: Set<string>; other: boolean }>();
    let exhaustive = true;
    const read = (c: CompiledCondition, prefix: string, addKeys: boolean) => {
      if (!c.keyLower.startsWith(prefix)) return;
      const lower = c.keyLower.slice(prefix.length);
      let t = tags.get(lower);
      if (!t) {
        if (!addKeys) return;
        tags.set(lower, (t = { key: c.key.slice(prefix.length), values: new Set(), other: false }));
      }
      if (c.spec === undefined && !c.unsupported) return; // Null: a tag is present
      const family = c.spec?.family;
      if (family !== 'string' && family !== 'stringIgnoreCase' && family !== 'stringLike') {
        exhaustive = false;
        return;
      }
      if (c.spec?.negated || c.set !== undefined) t.other = true;
      for (const v of c.values) {
        if (c.hasVariables && v.includes('${')) exhaustive = false;
        else if (family === 'stringLike' && /[*?]/.test(v)) {
          exhaustive = false;
          t.values.add(v.replace(/\*/g, '').replace(/\?/g, 'x'));
        } else t.values.add(v);
      }
    };
    const scps = p.serviceLinked ? [] : (this.scps ?? []).flat();
    for (const pol of [...p.identity, ...(p.boundary ?? []), ...scps])
      for (const st of pol.statements) for (const c of st.conditions) read(c, 'aws:principaltag/', true);
    if (tags.size === 0) return undefined;
    for (const st of limits) for (const c of st.conditions) read(c, 'aws:requesttag/', false);

    const list = [...tags.values()].sort((a, b) => compareText(a.key, b.key));
    let assignments: [string, string][][] = [[]];
    for (const t of list) {
      const values = [...t.values].sort(compareText);
      if (t.other) values.push('rampart-other-value');
      assignments = assignments.flatMap((a) => values.map((v): [string, string][] => [...a, [t.key, v]]));
      if (assignments.length > MAX_TAG_SESSIONS) {
        assignments = assignments.slice(0, MAX_TAG_SESSIONS);
        exhaustive = false;
      }
    }
    return { assignments, keys: list.map((t) => t.key), exhaustive };
  }

  /**
   * Sessions of the role with tags that make it admin. The tag keys are those its policies (boundary, SCPs)
   * have conditions on; the values tried, those the conditions on them (and on aws:RequestTag/<key> in the
   * trust) name. When those values are not every case that matters (globs, numbers, variables), one more
   * session with the keys unknown keeps an undecided path: conditional, never dropped.
   */
  private taggedSessions(
    role: PrincipalNode,
    trust: CompiledPolicy,
  ): { node: PrincipalNode; request: TagRequest; undecided: string[] }[] {
    const passing = [this.action('sts:AssumeRole'), this.action('sts:TagSession')];
    const choices = this.tagChoices(
      role,
      trust.statements.filter((st) => passing.some((a) => st.matchesAction(a))),
    );
    if (!choices) return [];
    const { keys } = choices;
    const own = this.bestAccess(role, ['full', 'iam-admin']);
    const out: { node: PrincipalNode; request: TagRequest; undecided: string[] }[] = [];
    const session = (
      principalTags: Record<string, string>,
      free: string[],
      request: TagRequest,
      shown: string,
    ) => {
      const node = principalNode(
        { ...fieldsOf(role), index: this.nextNodeIndex++ },
        role.ctx.with(principalTags, [], free),
        `session-tags:${role.arn}:${shown}`,
      );
      const g = this.fullGrant(node);
      // Only a session more easily admin than the role as it is (its own tags) is a way of its own.
      if (g.level === 'denied' || (own && accessRank(g.level) >= accessRank(own.level))) return;
      this.sessionTags.set(node, shown);
      this.paths.set(node, [
        {
          tier: 'full',
          method: 'policy',
          description: `Allowed every administrative request with session tags ${shown}.`,
          access: toPathAccess(g.level),
          conditions: g.keys,
          actions: ['*'],
          via: [],
          grantedBy: this.describeSources(node, g.statements),
        },
      ]);
      out.push({ node, request, undecided: free.length > 0 ? keys.map((k) => `aws:RequestTag/${k}`) : [] });
    };
    for (const t of tagTrials(choices)) session(t.principalTags, t.free, t.request, t.shown);
    return out;
  }

  /** Stand-ins for sessions of a role with session tags: the tags, as a path shows them. */
  private readonly sessionTags = new Map<PrincipalNode, string>();

  // ---- main --------------------------------------------------------------------------------------

  run(): AdminReport {
    const { users, groups, roles } = this.index;
    const everyone = [...users, ...groups, ...roles];
    for (const p of everyone) this.computeFull(p);
    this.analyzeVersions();

    // Groups first: whether a group is admin decides the add-user-to-group method for users.
    const adminGroups = new Set<PrincipalNode>();
    for (const g of groups) if (this.full.get(g)?.level !== 'denied') adminGroups.add(g);
    this.fullGroups = [...adminGroups].sort(byArn);
    for (const p of [...groups, ...users, ...roles]) {
      // An unconditional full admin needs no other path; service-linked roles only act for their service.
      if (this.full.get(p)?.level === 'unconditional' || p.serviceLinked) continue;
      const s = this.selfPaths(p, adminGroups);
      this.self.set(p, s);
      if (p.type === 'group' && s.length > 0) adminGroups.add(p);
    }

    for (const p of everyone) {
      const list: AdminPath[] = [];
      const f = this.full.get(p);
      if (f && f.level !== 'denied') {
        list.push({
          tier: 'full',
          method: 'policy',
          description:
            this.scpDenied.length === 0
              ? 'Allowed every administrative request on any resource.'
              : `Allowed every administrative request on any resource that the SCPs allow (they deny ${this.scpDenied.join(', ')} to everyone).`,
          access: toPathAccess(f.level),
          conditions: f.keys,
          actions: ['*'],
          via: [],
          grantedBy: this.describeSources(p, f.statements),
        });
      }
      list.push(...(this.self.get(p) ?? []));
      this.paths.set(p, list);
    }

    this.buildTrustGraph();
    const direct = new Set(everyone.filter((p) => (this.paths.get(p) ?? []).length > 0));
    this.viaRole(new Set([...direct, ...this.sessionTagSources()]), 'via-role');
    this.modifyAssumableRoles(direct);

    // Sorted: the targets a path lists must not depend on input order.
    const adminUsers = users.filter((u) => this.tierOf(u) !== undefined).sort(byArn);
    const adminRoles = roles.filter((r) => this.tierOf(r) !== undefined).sort(byArn);
    // IAM refuses to change a service-linked role's trust policy (UnmodifiableEntity).
    // A role only services assume is no admin (a service's session has no MFA), yet one that is admin with MFA
    // becomes one for whoever rewrites its trust to itself and assumes it with MFA.
    const changeableAdminRoles = [
      ...adminRoles.filter((r) => !r.serviceLinked),
      ...roles.filter((r) => this.tierOf(r) === undefined && this.adminOnceTrusted(r)),
    ].sort(byArn);
    // An access key, a password or a service's session carries no MFA of the target's. A user that is admin
    // only with MFA but may enroll an MFA device without one is kept: the new key's or password's holder
    // enrolls a device of its own and has the MFA the admin needs (a user may have up to eight MFA devices,
    // id_credentials_mfa.html: one it has already does not stop this for an access key).
    for (const u of adminUsers) {
      if (this.targetGrant(u).level !== 'mfa') continue;
      const g = this.selfEnrolment(u);
      if (g.level !== 'denied') this.enrolling.set(u, g);
    }
    const keyUsers = adminUsers.filter((u) => this.targetGrant(u).level !== 'mfa' || this.enrolling.has(u));
    // CreateLoginProfile fails for a user that has a password, UpdateLoginProfile for one that has none. A
    // password does not get past the user's MFA device: "When enabled, the MFA device is required for every
    // subsequent login by the IAM user" (API_EnableMFADevice.html). The credential report says which users
    // have a password or a device; without it (or the user's row), all are kept. So a user that enrolls its
    // own device (above) is a target for a password only when it has none yet.
    const rows = credentialRowsByArn(this.input.credentialReport);
    const password = (u: PrincipalNode) => rows.get(u.arn)?.password_enabled.toLowerCase();
    const consoleUsers = keyUsers.filter((u) => rows.get(u.arn)?.mfa_active.toLowerCase() !== 'true');
    // A user has at most two access keys; an inactive one counts (its last_rotated is a date, active false).
    const hasKey = (v: string | undefined) => v !== undefined && v !== '' && v.toUpperCase() !== 'N/A';
    const keysFull = new Set(
      keyUsers.filter((u) => {
        const r = rows.get(u.arn);
        return r !== undefined && hasKey(r.access_key_1_last_rotated) && hasKey(r.access_key_2_last_rotated);
      }),
    );
    const targets: PotentialTargets = {
      keyRoom: keyUsers.filter((u) => !keysFull.has(u)),
      keysFull: [...keysFull],
      withoutPassword: consoleUsers.filter((u) => password(u) !== 'true'),
      withPassword: consoleUsers.filter((u) => password(u) !== 'false'),
      serviceRoles: this.withoutTheirMfa(adminRoles),
      changeableRoles: changeableAdminRoles,
    };
    const potentialSources = new Set<PrincipalNode>();
    for (const p of everyone) {
      if (this.tierOf(p) !== undefined || p.serviceLinked) continue;
      const list = this.potentialPaths(p, targets);
      if (list.length > 0) {
        this.paths.get(p)?.push(...list);
        potentialSources.add(p);
      }
    }
    this.viaRole(potentialSources, 'potential');

    return {
      accountId: this.account,
      admins: this.entries(),
      policyVersionRisks: this.versionRisks.sort(
        (a, b) => compareText(a.policy, b.policy) || compareText(a.version, b.version),
      ),
      warnings: [...(this.input.warnings ?? []), ...this.index.warnings],
      stats: {
        users: users.length,
        groups: groups.length,
        roles: roles.length,
        policies: this.index.policies.size,
        evaluations: this.evaluations,
      },
    };
  }

  private tierOf(p: PrincipalNode): Tier | undefined {
    let best: Tier | undefined;
    for (const path of this.paths.get(p) ?? []) {
      if (best === undefined || rankOfTier(path.tier) < rankOfTier(best)) best = path.tier;
    }
    return best;
  }

  private bestAccess(
    p: PrincipalNode,
    tiers: readonly Tier[],
  ): { level: AccessLevel; keys: string[] } | undefined {
    let found: { level: AccessLevel; keys: string[] } | undefined;
    for (const path of this.paths.get(p) ?? []) {
      if (!tiers.includes(path.tier)) continue;
      const level: AccessLevel =
        path.access === 'unconditional'
          ? 'unconditional'
          : path.access === 'mfa-only'
            ? 'mfa'
            : 'conditional';
      if (!found || accessRank(level) < accessRank(found.level)) found = { level, keys: path.conditions };
    }
    return found;
  }

  /**
   * Reverse search from the `sources` over assume-role edges: each principal gets its easiest chain
   * (unconditional before MFA before conditional, then shortest).
   */
  private viaRole(sources: Set<PrincipalNode>, tier: 'via-role' | 'potential'): void {
    const sourceTiers: Tier[] = tier === 'via-role' ? ['full', 'iam-admin'] : ['potential'];
    const best = new Map<PrincipalNode, Best>();
    const buckets: PrincipalNode[][] = [[], [], []];
    // Of paths equally easy, the first found wins: sources (and edges, buildTrustGraph) by ARN, so that is
    // not the export's order.
    for (const s of [...sources].sort(byArn)) {
      if (s.type !== 'role') continue;
      const a = this.bestAccess(s, sourceTiers);
      if (!a) continue;
      best.set(s, a);
      buckets[accessRank(a.level)]?.push(s);
    }
    for (let level = 0; level < buckets.length; level++) {
      const queue = buckets[level] ?? [];
      // The array iterator sees nodes pushed while iterating (a FIFO queue).
      for (const node of queue) {
        const cur = best.get(node);
        if (!cur || accessRank(cur.level) !== level) continue;
        // A trust class is not a hop (its edges to its roles are free): the principals that reach the node
        // through one are as near as those with an edge of their own, and all are taken in ARN order. So
        // the fewest roles win, and ties do not depend on how the graph was built.
        const edges: [Edge, Best][] = [];
        for (const e of this.inEdges.get(node) ?? []) {
          if (!this.classRoles.has(e.from)) {
            edges.push([e, cur]);
            continue;
          }
          const prev = best.get(e.from);
          if (prev && accessRank(prev.level) <= level) continue;
          const via: Best = { level: cur.level, keys: cur.keys, next: e };
          best.set(e.from, via);
          for (const ce of this.inEdges.get(e.from) ?? []) edges.push([ce, via]);
        }
        edges.sort((x, y) => byArn(x[0].from, y[0].from));
        for (const [e, via] of edges) {
          const lvl = weakest(e.grant.level, via.level);
          const rank = accessRank(lvl);
          if (rank > 2) continue;
          const prev = best.get(e.from);
          if (prev && accessRank(prev.level) <= rank) continue;
          best.set(e.from, { level: lvl, keys: mergeKeys(e.grant.keys, via.keys), next: e });
          buckets[rank]?.push(e.from);
        }
      }
    }
    for (const [p, b] of best) {
      if (!b.next || sources.has(p) || this.classRoles.has(p)) continue;
      if (this.tierOf(p) !== undefined && rankOfTier(this.tierOf(p) ?? 'potential') <= rankOfTier(tier))
        continue;
      const chain: string[] = [];
      const grantedBy: string[] = [];
      let e: Edge | undefined = b.next;
      let hops = 0;
      let tags: string | undefined;
      while (e && hops++ < 50) {
        const next: Edge | undefined = best.get(e.to)?.next;
        const toClass = this.classRoles.has(e.to);
        tags ??= this.sessionTags.get(e.to);
        if (!toClass) chain.push(e.to.arn);
        // The trust statement is named after the role assumed: a grant can be shared by the roles of a
        // class (one trust policy, evaluated once), which all have the same statements.
        grantedBy.push(...this.describeSources(e.from, e.grant.statements, toClass ? next?.to : e.to));
        e = next;
      }
      const end = this.index.byArn.get(chain[chain.length - 1] ?? '');
      this.paths.get(p)?.push({
        tier,
        method: 'assume-role',
        description:
          tier === 'via-role'
            ? `Can assume ${chain.length > 1 ? 'a chain of roles ending in ' : ''}admin role ${end?.name ?? ''}${tags ? `, setting session tags ${tags} (sts:TagSession)` : ''}${b.level === 'mfa' ? ' (MFA required)' : ''}.`
            : `Can assume role ${end?.name ?? ''}, which can escalate to admin.`,
        access: toPathAccess(b.level),
        conditions: b.keys,
        actions: tags ? ['sts:AssumeRole', 'sts:TagSession'] : ['sts:AssumeRole'],
        via: chain,
        grantedBy: [...new Set(grantedBy)].sort(),
      });
    }
  }

  /** Self-escalation through a role the principal can assume: change the role, then assume it. */
  private modifyAssumableRoles(direct: Set<PrincipalNode>): void {
    const modifiable = new Map<PrincipalNode, { roles: PrincipalNode[]; policies: ManagedPolicy[] }>();
    const used = ['iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:CreatePolicyVersion'].map((a) =>
      this.action(a),
    );
    for (const p of [...this.index.users, ...this.index.groups, ...this.index.roles]) {
      if (direct.has(p) || !used.some((a) => this.mayAllow(p, a))) continue;
      for (const e of this.outEdges.get(p) ?? []) {
        let targets = modifiable.get(e.to);
        if (!targets) {
          // Service-linked roles aside: IAM refuses to change their policies (UnmodifiableEntity).
          const rs = (this.classRoles.get(e.to) ?? [e.to]).filter((r) => !direct.has(r) && !r.serviceLinked);
          targets = { roles: rs, policies: [...new Set(rs.flatMap((r) => r.customerPolicies))] };
          modifiable.set(e.to, targets);
        }
        const { roles, policies } = targets;
        if (roles.length === 0) continue;
        const candidates: [SelfMethod, [{ arn: string; name: string }, Grant][]][] = [
          ['put-role-policy', this.checkTargets(p, 'iam:PutRolePolicy', roles).hits],
          ['attach-role-policy', this.attachTargets(p, roles)],
          [
            'create-policy-version',
            this.checkTargets(p, 'iam:CreatePolicyVersion', policies).hits.map(([m, g]) => [
              m,
              this.newVersion(p, m, g),
            ]),
          ],
        ];
        for (const [method, hits] of candidates) {
          // The first target whose role, once changed, is admin: its boundary and Denies still hold.
          let found: [{ arn: string; name: string }, Grant, PrincipalNode | undefined] | undefined;
          for (const [t, g0] of hits) {
            const r = roles.find((r) => r.arn === t.arn || r.customerPolicies.some((c) => c.arn === t.arn));
            const cap = r
              ? this.afterGrant(r, method === 'put-role-policy' ? 'without-own-inline' : 'as-is')
              : DENIED;
            const g = all([g0, e.grant, cap]);
            if (g.level !== 'denied') {
              found = [t, g0.attached ? { ...g, attached: g0.attached } : g, r];
              break;
            }
          }
          if (!found) continue;
          const [target, g, role] = found;
          const m = SELF_METHODS[method];
          const title = g.attached ? m.title.replace('AdministratorAccess', g.attached) : m.title;
          const policy = method === 'create-policy-version' ? this.index.policies.get(target.arn) : undefined;
          this.paths.get(p)?.push({
            tier: 'iam-admin',
            method,
            description: `Can ${title}: ${target.name}${role && role.arn !== target.arn ? ` of ${role.name}` : ''}${policy && versionsFull(policy) ? FULL_NOTE : ''}, then assume it.`,
            access: toPathAccess(g.level),
            conditions: g.keys,
            actions: [...(policy ? versionActions(policy) : m.actions), 'sts:AssumeRole'],
            via: [role?.arn ?? target.arn],
            grantedBy: this.describeSources(p, g.statements, role),
          });
        }
      }
    }
  }

  // ---- tier potential ----------------------------------------------------------------------------

  private potentialPaths(p: PrincipalNode, t: PotentialTargets): AdminPath[] {
    const out: AdminPath[] = [];
    if (this.may(p, 'iam')) {
      this.accessKeyPath(p, t, out);
      this.newUserPath(p, out);
      this.targetPath(p, 'create-login-profile', t.withoutPassword, out);
      this.targetPath(p, 'update-login-profile', t.withPassword, out);
      this.targetPath(p, 'update-assume-role-policy', t.changeableRoles, out);
      this.anyPrincipalPaths(p, out);
      this.defaultVersionPaths(p, out);
    }
    this.servicePaths(p, t.serviceRoles, out);
    return out;
  }

  /** A potential path that one grant gives. */
  private potential(
    p: PrincipalNode,
    g: Grant,
    method: string,
    description: string,
    actions: string[],
    via: string[],
    existing = false,
  ): AdminPath {
    return {
      tier: 'potential',
      method,
      description,
      access: toPathAccess(g.level),
      conditions: g.keys,
      actions,
      via,
      grantedBy: this.describeSources(p, g.statements),
      ...(existing ? { dependsOnExistingResources: true } : {}),
    };
  }

  /** One path for a method and its targets: the easiest grant first; a few targets listed, the rest counted. */
  private collapse(
    p: PrincipalNode,
    out: AdminPath[],
    id: string,
    title: string,
    actions: readonly string[],
    { hits, total }: { hits: [PrincipalNode, Grant][]; total: number },
    existing = false,
    note = '',
    forListed?: ForListed,
  ): void {
    const first = firstHits(hits, SAMPLE);
    const [t0, g] = first[0] ?? [];
    if (!t0 || !g) return;
    const names = first.slice(0, 3).map(([t]) => t.name);
    const more = total > 3 ? ` and ${total - 3} more` : '';
    const extra = forListed?.(first.map(([t]) => t));
    const description = `Can ${title} (${names.join(', ')}${more}).${note}${extra?.note ?? ''}`;
    out.push(
      this.potential(
        p,
        g,
        id,
        description,
        [...new Set([...actions, ...(extra?.actions ?? [])])],
        first.map(([t]) => t.arn),
        existing,
      ),
    );
  }

  /**
   * A new access key for an admin user. IAM refuses a third key (inactive ones count): for a user that has two,
   * p must also be allowed to delete one of that user's keys.
   */
  private accessKeyPath(p: PrincipalNode, t: PotentialTargets, out: AdminPath[]): void {
    const m = TARGET_METHODS['create-access-key'];
    const [create] = m.actions;
    const [del] = m.whenKeysFull;
    let found = this.checkTargets(p, create, t.keyRoom);
    if (p.type === 'group' && found.hits.some(([, g]) => namesCaller(g)))
      found = this.othersOnly(p, create, t.keyRoom);
    const { hits, total: room } = found;
    let total = room;
    const full = new Set<PrincipalNode>();
    if (t.keysFull.length > 0 && this.mayAllow(p, this.action(del))) {
      // Every target asked (no sample): the two answers are paired per target.
      const deletable = new Map(this.checkTargets(p, del, t.keysFull, undefined, true).hits);
      for (const [u, g] of this.checkTargets(p, create, t.keysFull, undefined, true).hits) {
        const d = deletable.get(u);
        if (!d) continue;
        const both = all([g, d]);
        if (both.level === 'denied') continue;
        // As for the others (othersOnly): a member acting on its own keys is no path through another.
        if (p.type === 'group' && namesCaller(both) && !this.byOtherMember(p, create, u.arn)) continue;
        hits.push([u, both]);
        full.add(u);
        total++;
      }
    }
    this.throughTargets(hits);
    const enrolment = this.enrolmentNote('create-access-key');
    this.collapse(p, out, 'create-access-key', m.title, m.actions, { hits, total }, false, '', (listed) => {
      const names = listed.filter((u) => full.has(u)).map((u) => u.name);
      const more = enrolment(listed);
      return names.length === 0
        ? more
        : {
            actions: [...m.whenKeysFull, ...more.actions],
            note: ` Two access keys already, the most a user may have, so one is deleted first: ${names.join(', ')}.${more.note}`,
          };
    });
  }

  /** The account's groups whose policies are full admin, by ARN (set by run). */
  private fullGroups: PrincipalNode[] = [];

  /**
   * A new admin user (as create-access-key, through a user, but one p creates): p creates a user, makes it admin
   * (attaches an admin policy, puts an inline policy, or adds it to a full-admin group) and gives it credentials
   * (an access key, or a console password for a user that has none); their holder is that admin. CreateUser
   * allowed only with given permissions boundaries (iam:PermissionsBoundary, the delegated-admin pattern) is
   * judged with the strongest boundary p may give, which caps the new user as it would a new role; policies
   * limited to some user paths or names (`user/team/*`) are asked on a user they allow.
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html#access_policies_boundaries-delegate
   */
  private newUserPath(p: PrincipalNode, out: AdminPath[]): void {
    if (!this.mayAllow(p, this.action(NEW_USER_ACTIONS.create))) return;
    const probe = `arn:${this.partition}:iam::${this.account}:user/rampart-probe`;
    const newUser = this.newUserArn(p, probe);
    if (!newUser) return;
    const name = newUser.slice(newUser.lastIndexOf('/') + 1);
    const create = this.check(p, NEW_USER_ACTIONS.create, newUser);
    const options: { boundary: ManagedPolicy | undefined; create: Grant }[] =
      (create.level === 'conditional'
        ? this.createWithBoundary(p, NEW_USER_ACTIONS.create, newUser, create)?.map((b) => ({
            boundary: b.boundary,
            create: b.grant,
          }))
        : undefined) ?? (create.level === 'denied' ? [] : [{ boundary: undefined, create }]);
    // The credential: an access key, or a password (a new user has none).
    const credentials = NEW_USER_ACTIONS.credentials
      .map(([action, what]) => ({ action, what, grant: this.check(p, action, newUser) }))
      .filter((c) => c.grant.level !== 'denied')
      .sort((x, y) => accessRank(x.grant.level) - accessRank(y.grant.level));
    const credential = credentials[0];
    if (!credential) return;
    let best: NewUserChoice | undefined;
    const consider = (
      g: Grant,
      boundary: ManagedPolicy | undefined,
      step: string,
      action: string,
      group?: PrincipalNode,
    ) => {
      if (g.level === 'denied') return;
      if (best && accessRank(g.level) >= accessRank(best.grant.level)) return;
      best = { grant: g, boundary, step, action, ...(group ? { group } : {}) };
    };
    for (const { boundary, create: made } of options) {
      // iam:PermissionsBoundary on AttachUserPolicy and PutUserPolicy is the boundary of the user they change.
      const bounded: Extra | undefined = boundary ? { 'iam:PermissionsBoundary': boundary.arn } : undefined;
      const admin = this.newUserCap(newUser, name, boundary);
      if (admin.level === 'denied' && this.fullGroups.length === 0) continue;
      const base = all([made, credential.grant]);
      if (base.level === 'denied') continue;
      if (admin.level !== 'denied') {
        const attach = this.checkAttach(p, 'iam:AttachUserPolicy', newUser, bounded);
        consider(
          all([base, attach, admin]),
          boundary,
          `attach ${attach.attached ?? 'AdministratorAccess'} to it`,
          'iam:AttachUserPolicy',
        );
        consider(
          all([base, this.check(p, 'iam:PutUserPolicy', newUser, bounded), admin]),
          boundary,
          'put an admin inline policy on it',
          'iam:PutUserPolicy',
        );
      }
      for (const group of this.fullGroups) {
        const join = this.check(p, 'iam:AddUserToGroup', group.arn);
        if (join.level === 'denied') continue;
        const g = all([base, join, this.newUserCap(newUser, name, boundary, group)]);
        consider(g, boundary, `add it to admin group ${group.name}`, 'iam:AddUserToGroup', group);
      }
    }
    const found: NewUserChoice | undefined = best;
    if (!found) return;
    const withBoundary = found.boundary ? ` with permissions boundary ${found.boundary.name}` : '';
    const note = newUser === probe ? '' : onlyOn(newUser);
    out.push(
      this.potential(
        p,
        found.grant,
        'create-user',
        `Can create user ${name}${withBoundary}, ${found.step} and ${credential.what}.${note}`,
        [NEW_USER_ACTIONS.create, found.action, credential.action],
        found.group ? [found.group.arn] : [],
      ),
    );
  }

  /**
   * The ARN of a user p can create and give credentials: the probe's, or one the scoped statements of the
   * actions name (`user/team/*`: user/team/rampart-probe).
   */
  private newUserArn(p: PrincipalNode, probe: string): string | undefined {
    const works = (arn: string) =>
      this.check(p, NEW_USER_ACTIONS.create, arn).level !== 'denied' &&
      NEW_USER_ACTIONS.credentials.some(([a]) => this.check(p, a, arn).level !== 'denied');
    if (works(probe)) return probe;
    const actions = [
      NEW_USER_ACTIONS.create,
      ...NEW_USER_ACTIONS.credentials.map(([a]) => a),
      'iam:AttachUserPolicy',
      'iam:PutUserPolicy',
    ];
    const patterns = actions.flatMap((a) => this.allowedPatterns(p, this.action(a)));
    return probeVariants(patterns, probe, this.account).find(works);
  }

  private readonly newUserCaps = new Map<string, Grant>();

  /**
   * What a new user is once made admin: with an Allow-everything policy (or the group's policies), the
   * boundary it was created with, the SCPs. Signing with its new credentials: its own, without MFA.
   */
  private newUserCap(
    arn: string,
    name: string,
    boundary: ManagedPolicy | undefined,
    group?: PrincipalNode,
  ): Grant {
    const key = `${arn} ${boundary?.arn ?? ''} ${group?.arn ?? ''}`;
    let g = this.newUserCaps.get(key);
    if (g) return g;
    const node = principalNode(
      {
        type: 'user',
        name,
        arn,
        id: name,
        path: arn.slice(arn.indexOf(':user') + 5, arn.lastIndexOf('/') + 1),
        sources: [],
        identity: group ? [...group.identity] : [this.allowAll],
        boundary: boundary && [boundary.compiled],
        boundaryArn: boundary?.arn,
        groups: [],
        customerPolicies: [],
        trust: undefined,
        serviceLinked: false,
        caller: { arn, accountId: this.account, kind: 'user', partition: this.partition },
        roleLastUsed: undefined,
        index: this.nextNodeIndex++,
      },
      this.index.userContext(name, arn),
      `new-user:${key}`,
    );
    g = this.fullGrant(node);
    // Only its level counts: the statements are the new user's, not p's.
    g = { level: g.level, keys: g.keys, statements: [] };
    this.newUserCaps.set(key, g);
    return g;
  }

  /** For the listed users that enroll an MFA device of the new credential's holder: the steps and actions. */
  private enrolmentNote(
    method: 'create-access-key' | 'create-login-profile' | 'update-login-profile',
  ): ForListed {
    const key = method === 'create-access-key';
    const steps = key
      ? 'the key holder enrolls an MFA device of its own for it and calls GetSessionToken with that device'
      : "the password's holder signs in, enrolls an MFA device of its own for it and signs in again with that device";
    const actions = key ? [...MFA_ENROLMENT.actions, MFA_ENROLMENT.session] : MFA_ENROLMENT.actions;
    return (listed) => {
      const names = listed.filter((u) => this.enrolling.has(u)).map((u) => u.name);
      return names.length === 0
        ? { actions: [], note: '' }
        : {
            actions,
            note: ` Admin only with MFA, yet its policies let it enroll an MFA device without MFA, so ${steps}: ${names.join(', ')}.`,
          };
    };
  }

  private readonly enrolling = new Map<PrincipalNode, Grant>();

  /**
   * Whether user u may enroll a virtual MFA device for itself without MFA, as its new access key or password
   * asks (AWS's self-manage-MFA example allows this): the level and keys (not its statements: u's policies are
   * not the path's), or denied. The device is named after the user, as ${aws:username} examples ask.
   */
  private selfEnrolment(u: PrincipalNode): Grant {
    const [create, enable] = MFA_ENROLMENT.actions;
    const requests: [string, string][] = [
      [create, `arn:${this.partition}:iam::${this.account}:mfa/${u.name}`],
      [enable, u.arn],
    ];
    const grants: Grant[] = [];
    for (const [action, resource] of requests) {
      this.evaluations++;
      const a = authorize(this.layers(u), this.action(action), resource, u.ctx);
      // Only an answer without MFA will do: the device is what would give it.
      if (a.level === 'denied' || a.needsMfa) return DENIED;
      grants.push({ level: a.level, keys: [...a.keys], statements: [] });
    }
    return all(grants);
  }

  /** Credentials or the trust policy of an admin user or role (TARGET_METHODS). */
  private targetPath(
    p: PrincipalNode,
    method: TargetMethod,
    targets: PrincipalNode[],
    out: AdminPath[],
  ): void {
    const m = TARGET_METHODS[method];
    if (method !== 'update-assume-role-policy') {
      let found = this.checkTargets(p, m.actions[0], targets);
      if (p.type === 'group' && found.hits.some(([, g]) => namesCaller(g)))
        found = this.othersOnly(p, m.actions[0], targets);
      this.throughTargets(found.hits);
      this.collapse(p, out, method, m.title, m.actions, found, false, '', this.enrolmentNote(method));
      return;
    }
    // The rewritten trust names p, so no Allow of p's is needed to assume the role; a Deny of p's still
    // stops it. p then acts as the role in a session of its own: with MFA when p uses MFA. When p's
    // statements on sts:AssumeRole name no resource, one target's answer is every target's (a sample will
    // do); otherwise each target is asked.
    const sameForAll = this.share && this.resourceFree(p, this.action('sts:AssumeRole'));
    const found = this.checkTargets(p, m.actions[0], targets, undefined, !sameForAll);
    const hits: [PrincipalNode, Grant][] = [];
    let total = found.total;
    for (const [t, g] of found.hits) {
      const assume = this.assumeOwnTrust(p, t.arn);
      if (assume.level === 'denied') total--;
      else hits.push([t, all([g, assume])]);
    }
    this.throughTargets(hits);
    const actions = [...m.actions, 'sts:AssumeRole'];
    this.collapse(p, out, method, m.title, actions, { hits, total: hits.length === 0 ? 0 : total });
  }

  /**
   * A group's targets (users) some member other than the target itself may act on. A group is asked as "any
   * member", with who asks unknown; a grant that names the caller (`user/${aws:username}`, AWS's example
   * for managing one's own credentials) may hold only for the member that is the target, and a user acting
   * on itself is no escalation through another. Every target is asked.
   */
  private othersOnly(
    group: PrincipalNode,
    action: string,
    targets: readonly PrincipalNode[],
  ): { hits: [PrincipalNode, Grant][]; total: number } {
    const { hits } = this.checkTargets(group, action, targets, undefined, true);
    const kept = hits.filter(([t, g]) => !namesCaller(g) || this.byOtherMember(group, action, t.arn));
    return { hits: kept, total: kept.length };
  }

  /**
   * Whether the group's policies let a member other than the user `target` make the request: one that is
   * none of the account's users (a member added later), or one of its members that is not the target. Each
   * is asked in its own context (its name, id and ARN known), through the group's policies alone.
   */
  private byOtherMember(
    group: PrincipalNode,
    action: string,
    target: string,
    extras?: readonly (Extra | undefined)[],
  ): boolean {
    if (this.asMember(group, this.otherMemberCtx(group), action, target, extras).level !== 'denied')
      return true;
    return this.usersIn(group).some(
      (m) => m.arn !== target && this.asMember(group, m.ctx, action, target, extras).level !== 'denied',
    );
  }

  /** The group's policies asked by one member (the easiest of the extras'). */
  private asMember(
    group: PrincipalNode,
    ctx: RequestContext,
    action: string,
    resource: string,
    extras: readonly (Extra | undefined)[] = [undefined],
  ): Grant {
    const a = this.action(action);
    return strongestGrant(
      extras.map((e) => {
        this.evaluations++;
        return fromAccess(authorize(this.layers(group), a, resource, e ? ctx.with(e) : ctx));
      }),
    );
  }

  private readonly otherMembers = new Map<PrincipalNode, RequestContext>();

  /** A member of the group that is none of the account's users: who it is known, its tags still free. */
  private otherMemberCtx(group: PrincipalNode): RequestContext {
    let c = this.otherMembers.get(group);
    if (!c) {
      c = group.ctx.with({
        'aws:username': OTHER_MEMBER,
        'aws:userid': 'AIDARAMPARTOTHERMEMBER',
        'aws:PrincipalArn': this.otherMemberArn,
        'aws:PrincipalType': 'User',
      });
      this.otherMembers.set(group, c);
    }
    return c;
  }

  private get otherMemberArn(): string {
    return `arn:${this.partition}:iam::${this.account}:user/${OTHER_MEMBER}`;
  }

  private groupUsers: Map<PrincipalNode, PrincipalNode[]> | undefined;

  /** The users in a group (made once, for the few groups asked). */
  private usersIn(group: PrincipalNode): PrincipalNode[] {
    if (!this.groupUsers) {
      this.groupUsers = new Map();
      for (const u of this.index.users) {
        for (const g of u.groups) {
          let list = this.groupUsers.get(g);
          if (!list) this.groupUsers.set(g, (list = []));
          list.push(u);
        }
      }
    }
    return this.groupUsers.get(group) ?? [];
  }

  private readonly targetGrants = new Map<PrincipalNode, Grant>();

  /**
   * How a target is admin when a path goes through it: the easiest of its full, iam-admin and via-role paths
   * (a role only services assume, admin once a caller with MFA assumes it: with MFA). Its statements are not
   * the path's grant: only the level and condition keys are carried.
   */
  private targetGrant(t: PrincipalNode): Grant {
    let g = this.targetGrants.get(t);
    if (!g) {
      const best = this.bestAccess(t, ['full', 'iam-admin', 'via-role']);
      g = best
        ? { level: best.level, keys: best.keys, statements: [] }
        : { level: 'mfa', keys: [], statements: [] };
      this.targetGrants.set(t, g);
    }
    return g;
  }

  /** Each hit's grant, weakened to the target's own (in place: the hit lists are fresh). */
  private throughTargets(hits: [PrincipalNode, Grant][]): void {
    for (const hit of hits) {
      // A user admin only with MFA that enrolls a device without one (this.enrolling): the MFA its admin
      // access needs comes from the device the new credential's holder enrolls, not from p. So p needs no MFA
      // of its own for it: the path is as easy as p's own requests and the target's enrolment (unconditional
      // for AWS's example policy), not MFA-only.
      const t = this.enrolling.get(hit[0]) ?? this.targetGrant(hit[0]);
      if (t.level !== 'unconditional') hit[1] = all([hit[1], t]);
    }
  }

  /**
   * Admin targets a path reaches without the target's MFA: an access key or a password of an admin user, a
   * service's session of an admin role (long-term keys send no MFA key, a service's session says false;
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent).
   */
  private withoutTheirMfa(targets: PrincipalNode[]): PrincipalNode[] {
    return targets.filter((t) => this.targetGrant(t).level !== 'mfa');
  }

  private readonly ownTrusts = new Map<string, Grant>();

  /** Whether p may assume a role whose trust policy names p (only a Deny of p's can stop it). */
  private assumeOwnTrust(p: PrincipalNode, roleArn: string): Grant {
    const key = `${p.arn} ${roleArn}`;
    let g = this.ownTrusts.get(key);
    if (!g) {
      const trust = compilePolicy(
        {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: p.arn }, Action: 'sts:AssumeRole' }],
        },
        { id: `rampart:trust-of:${p.arn}`, name: 'a trust policy naming it', kind: 'trust' },
      );
      // The level alone: the trust statement is Rampart's, not one of p's policies.
      g = { ...this.underTrust(p, trust, 'sts:AssumeRole', roleArn), statements: [] };
      this.ownTrusts.set(key, g);
    }
    return g;
  }

  /** Changing the permissions of other users, groups or roles: admin once it can act as one of them. */
  private anyPrincipalPaths(p: PrincipalNode, out: AdminPath[]): void {
    for (const { method, action, resource, extra, what } of this.anyPrincipalChecks()) {
      // The admin group is a real group, not a probe: no other name stands for it. Attaching: any admin policy
      // p may attach (attachExtras).
      const extras = extra === this.adminArnExtra ? this.attachExtras(p, action) : [extra];
      let asked: Asked | undefined;
      // A group's member putting a policy on a user: not when only the member that is that user may.
      const onUser = p.type === 'group' && what === 'user' && action !== 'iam:AddUserToGroup';
      for (const e of extras) {
        let next = this.askScoped(p, [[action, resource]], e, action !== 'iam:AddUserToGroup');
        const on = next?.variant ?? resource;
        if (
          onUser &&
          next?.grants[0] &&
          namesCaller(next.grants[0]) &&
          !this.byOtherMember(p, action, on, [e])
        )
          next = undefined;
        const [g, best] = [next?.grants[0], asked?.grants[0]];
        if (g && (!best || accessRank(g.level) < accessRank(best.level))) asked = next;
        if (asked?.grants[0]?.level === 'unconditional') break;
      }
      const g = asked?.grants[0];
      if (!asked || !g) continue;
      const how =
        what === 'role' ? 'assume it, or reach a workload that runs as it' : 'sign in as a member user';
      const which = asked.variant ? `some ${what}s (such as ${asked.variant})` : `any ${what}`;
      const description = `Can give ${which} admin rights; becomes admin once it can act as one of them (${how}).`;
      const via = action === 'iam:AddUserToGroup' ? [resource] : [];
      out.push(this.potential(p, g, method, description, [action], via, true));
    }
  }

  /** SetDefaultPolicyVersion on a customer policy that applies to p, whose other versions are not admin. */
  private defaultVersionPaths(p: PrincipalNode, out: AdminPath[]): void {
    const action = 'iam:SetDefaultPolicyVersion';
    for (const m of p.customerPolicies) {
      if (m.otherVersions.length === 0 || this.adminVersion.has(m.arn)) continue;
      const g = this.check(p, action, m.arn);
      if (g.level === 'denied') continue;
      const description = `Can change the default version of ${m.name}; its other versions are not admin today.`;
      out.push(this.potential(p, g, 'set-default-policy-version', description, [action], [m.arn]));
    }
    // With no second version to switch to: only a risk once one exists.
    if (!p.customerPolicies.every((m) => m.otherVersions.length === 0)) return;
    for (const m of p.customerPolicies) {
      const g = this.check(p, action, m.arn);
      if (g.level === 'denied') continue;
      const description = `Can choose the default version of ${m.name}, which applies to it; no other version exists today.`;
      out.push(this.potential(p, g, 'set-default-policy-version', description, [action], [m.arn], true));
    }
  }

  /** Passing an admin role to a service, or reaching a workload that runs as one (SERVICE_METHODS). */
  private servicePaths(p: PrincipalNode, adminRoles: PrincipalNode[], out: AdminPath[]): void {
    const masks = (this.methodMasks ??= SERVICE_METHODS.map((m) => this.maskOf(this.actionsOf(m))));
    for (let i = 0; i < SERVICE_METHODS.length; i++) {
      const method = SERVICE_METHODS[i];
      const mask = masks[i];
      if (!method || !mask || !this.allowsAll(p, mask)) continue;
      let roles = this.adminRolesByService(adminRoles).get(method.service) ?? [];
      // An instance runs a role only through an instance profile: a role in one, or one p can make. A method
      // that uses an instance already running as the role (or a launch template naming its profile) needs a role
      // already in one; one that passes the role to an instance of p's own may make the profile.
      let profile: Grant | undefined;
      if (method.service === EC2_SERVICE) {
        const ready = this.readyForEc2(roles);
        if (ready.length > 0 || (method.existing && !method.passRole)) roles = ready;
        else if ((profile = this.canMakeInstanceProfile(p)).level === 'denied') continue;
      }
      if (roles.length === 0 || (roles.length === 1 && roles[0] === p)) continue;
      const asked = this.askScoped(p, this.serviceProbes(method));
      if (!asked) continue;
      const base = all(profile ? [profile, ...asked.grants] : asked.grants);
      if (base.level === 'denied') continue;
      let found: { hits: [PrincipalNode, Grant][]; total: number };
      if (method.passRole) {
        found = this.checkTargets(p, 'iam:PassRole', roles, this.passedToService(method.service));
        // In place (checkTargets' list is fresh), one combined grant per distinct PassRole grant: most
        // targets share one, and an account with hundreds of admin roles would make one each.
        const combined = new Map<Grant, Grant>();
        for (const hit of found.hits) {
          let c = combined.get(hit[1]);
          if (!c) combined.set(hit[1], (c = all([base, hit[1]])));
          hit[1] = c;
        }
      } else {
        const { sample, total } = this.othersSample(p, roles);
        found = { hits: sample.map((r): [PrincipalNode, Grant] => [r, base]), total };
      }
      this.throughTargets(found.hits);
      const actions = [
        ...(method.passRole ? ['iam:PassRole'] : []),
        ...(profile ? PROFILE_ACTIONS : []),
        ...method.actions,
      ];
      const note = asked.variant ? onlyOn(asked.variant) : '';
      this.collapse(p, out, method.id, method.title, actions, found, method.existing, note);
    }
  }

  private profiled: Set<string> | undefined;
  private readonly ready = new Map<readonly PrincipalNode[], PrincipalNode[]>();

  /** The roles already in an instance profile, once per list (the same admin-role list for every principal). */
  private readyForEc2(roles: readonly PrincipalNode[]): PrincipalNode[] {
    let list = this.ready.get(roles);
    if (!list) this.ready.set(roles, (list = roles.filter((r) => this.inInstanceProfile.has(r.arn))));
    return list;
  }

  /** Roles in an instance profile (the export lists each role's profiles). */
  private get inInstanceProfile(): Set<string> {
    this.profiled ??= new Set(
      this.input.authorizationDetails.RoleDetailList.filter(
        (r) => (r.InstanceProfileList ?? []).length > 0,
      ).map((r) => r.Arn),
    );
    return this.profiled;
  }

  /** Can p create an instance profile and put a role in it? */
  private canMakeInstanceProfile(p: PrincipalNode): Grant {
    const profile = `arn:${this.partition}:iam::${this.account}:instance-profile/rampart-probe`;
    const asked = this.askScoped(
      p,
      PROFILE_ACTIONS.map((a) => [a, profile]),
    );
    return asked ? all(asked.grants) : DENIED;
  }

  private readonly probesOfMethod = new Map<ServiceMethod, [string, string][]>();

  /** A service method's actions with the resource each is asked on (built once per method). */
  private serviceProbes(method: ServiceMethod): [string, string][] {
    let list = this.probesOfMethod.get(method);
    if (!list) {
      list = method.actions.map((a) => [a, probeResource(a, this.partition, this.account)]);
      this.probesOfMethod.set(method, list);
    }
    return list;
  }

  private anyChecks: AnyPrincipalCheck[] | undefined;

  /** Changing the permissions of any user, group or role (the same requests for every principal). */
  private anyPrincipalChecks(): AnyPrincipalCheck[] {
    if (!this.anyChecks) {
      const any = (type: string) => `arn:${this.partition}:iam::${this.account}:${type}/rampart-probe`;
      const adminArn = this.adminArnExtra;
      const adminGroup = this.index.groups.find((g) => this.full.get(g)?.level === 'unconditional');
      const list: [string, string, string, Extra | undefined, string][] = [
        ['put-role-policy', 'iam:PutRolePolicy', any('role'), undefined, 'role'],
        ['attach-role-policy', 'iam:AttachRolePolicy', any('role'), adminArn, 'role'],
        ['put-user-policy', 'iam:PutUserPolicy', any('user'), undefined, 'user'],
        ['attach-user-policy', 'iam:AttachUserPolicy', any('user'), adminArn, 'user'],
        ['put-group-policy', 'iam:PutGroupPolicy', any('group'), undefined, 'group'],
        ['attach-group-policy', 'iam:AttachGroupPolicy', any('group'), adminArn, 'group'],
      ];
      if (adminGroup)
        list.push(['add-user-to-group', 'iam:AddUserToGroup', adminGroup.arn, undefined, 'user']);
      this.anyChecks = list.map(([method, action, resource, extra, what]) => ({
        method,
        action,
        resource,
        extra,
        what,
      }));
    }
    return this.anyChecks;
  }

  private byService: Map<string, PrincipalNode[]> | undefined;

  private adminRolesByService(adminRoles: PrincipalNode[]): Map<string, PrincipalNode[]> {
    if (!this.byService) {
      this.byService = new Map();
      const services = new Set(SERVICE_METHODS.map((m) => m.service));
      for (const r of adminRoles) {
        for (const svc of services) {
          if (!this.trustsService(r, svc)) continue;
          let list = this.byService.get(svc);
          if (!list) this.byService.set(svc, (list = []));
          list.push(r);
        }
      }
    }
    return this.byService;
  }

  private readonly serviceTrust = new Map<PrincipalNode, Set<string>>();

  private trustsService(role: PrincipalNode, service: string): boolean {
    let set = this.serviceTrust.get(role);
    if (!set) {
      set = new Set();
      const assumeRole = this.action('sts:AssumeRole');
      for (const st of role.trust?.statements ?? []) {
        if (st.effect === 'Allow' && st.matchesAction(assumeRole) && st.principal) {
          for (const s of st.principal.service) set.add(s);
        }
      }
      this.serviceTrust.set(role, set);
    }
    return set.has(service);
  }

  // ---- output ------------------------------------------------------------------------------------

  private entries(): AdminEntry[] {
    const rows = credentialRowsByArn(this.input.credentialReport);
    const out: AdminEntry[] = [];
    for (const p of [...this.index.users, ...this.index.groups, ...this.index.roles]) {
      const entry = this.entryOf(p, rows);
      if (entry) out.push(entry);
    }
    const typeRank = { user: 0, group: 1, role: 2 };
    return out.sort(
      (a, b) =>
        rankOfTier(a.tier) - rankOfTier(b.tier) ||
        typeRank[a.type] - typeRank[b.type] ||
        compareText(a.principal, b.principal),
    );
  }

  /** A role's grants to outsiders, when it has any (an admin role anyone outside can assume is the worst case). */
  private outsideOf(p: PrincipalNode): { outside?: OutsideGrant[] } {
    if (p.type !== 'role' || !p.trust) return {};
    const outside = outsideTrust(p.trust, {
      accountId: this.account,
      partition: this.partition,
      roleArn: p.arn,
      rcps: this.rcps,
    });
    return outside.length > 0 ? { outside } : {};
  }

  /**
   * p's entry in the report: its paths, easiest first, and what the credential report says; undefined when
   * p is not admin.
   */
  private entryOf(p: PrincipalNode, rows: Map<string, CredentialReportRow>): AdminEntry | undefined {
    const paths = this.paths.get(p) ?? [];
    const tier = this.tierOf(p);
    if (!tier || paths.length === 0) return undefined;
    paths.sort(
      (a, b) =>
        rankOfTier(a.tier) - rankOfTier(b.tier) ||
        accessRank(fromPath(a.access)) - accessRank(fromPath(b.access)) ||
        compareText(a.method, b.method) ||
        compareText(a.via.join(), b.via.join()),
    );
    let level: AccessLevel = 'conditional';
    let keys: string[] = [];
    for (const path of paths) {
      const l = fromPath(path.access);
      if (accessRank(l) < accessRank(level) || (l === level && keys.length === 0)) {
        keys = path.conditions;
      }
      level = strongest(level, l);
    }
    const raw = p.type === 'user' ? rows.get(p.arn) : undefined;
    const row = raw ? reportRow(raw) : undefined;
    return {
      principal: p.arn,
      type: p.type,
      name: p.name,
      tier,
      access: toPathAccess(level),
      conditions: level === 'conditional' ? keys : [],
      mfa: { requiredForAdmin: level === 'mfa', enabled: row ? row.mfaActive : null },
      consoleAccess: row ? row.passwordEnabled : null,
      lastUsed: utcSeconds(p.type === 'role' ? p.roleLastUsed : (row?.lastUsed ?? undefined)),
      paths,
      ...this.outsideOf(p),
    };
  }
}

/** The targets that one of the ARN patterns matches (a binary search per pattern when sorted by ARN). */
function targetsMatching<T extends { arn: string }>(targets: readonly T[], patterns: readonly string[]): T[] {
  const sorted = targets.every((t, i) => i === 0 || (targets[i - 1]?.arn ?? '') <= t.arn);
  if (sorted) return rolesMatching(targets, patterns);
  return targets.filter((t) => patterns.some((pattern) => arnMatches(pattern, t.arn)));
}

/** The roles (sorted by ARN) that one of the patterns matches: binary search on each literal prefix. */
function rolesMatching<T extends { arn: string }>(sorted: readonly T[], patterns: readonly string[]): T[] {
  const out = new Set<T>();
  for (const pattern of patterns) {
    let cut = pattern.length;
    for (let i = 0; i < pattern.length; i++) {
      const ch = pattern[i];
      if (ch === '*' || ch === '?') {
        cut = i;
        break;
      }
    }
    const prefix = pattern.slice(0, cut);
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid]?.arn ?? '') < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < sorted.length; i++) {
      const r = sorted[i];
      if (!r?.arn.startsWith(prefix)) break;
      if (cut === pattern.length ? r.arn === pattern : arnMatches(pattern, r.arn)) out.add(r);
    }
  }
  return [...out];
}

/** The sorted union of two key lists (most chains have none: no new arrays then). */
function mergeKeys(a: string[], b: string[]): string[] {
  if (a.length === 0 && b.length === 0) return a;
  return [...new Set([...a, ...b])].sort();
}

/** How a policy reaches the principal: its own sources first, then its groups'. */
function sourceOf(p: PrincipalNode, policy: CompiledPolicy): { via: string } | undefined {
  const own = p.sources.find((s) => s.policy === policy);
  if (own) return own;
  for (const g of p.groups) {
    const s = g.sources.find((x) => x.policy === policy);
    if (s) return { via: `group ${g.name} (${s.via})` };
  }
  return undefined;
}

const byAccessThenArn = (x: [PrincipalNode, Grant], y: [PrincipalNode, Grant]): number =>
  accessRank(x[1].level) - accessRank(y[1].level) || compareText(x[0].arn, y[0].arn);

/**
 * The first k hits in byAccessThenArn order, as a stable sort would put them, without sorting them all: a
 * target list can hold every admin of the account, and a path lists only a few.
 */
function firstHits(hits: readonly [PrincipalNode, Grant][], k: number): [PrincipalNode, Grant][] {
  const top: [PrincipalNode, Grant][] = [];
  for (const h of hits) {
    const last = top[top.length - 1];
    if (top.length === k && last && byAccessThenArn(h, last) >= 0) continue;
    // After every kept hit that does not sort after it: ties keep their input order.
    let i = top.length;
    for (let prev = top[i - 1]; prev && byAccessThenArn(h, prev) < 0; prev = top[i - 1]) i--;
    top.splice(i, 0, h);
    if (top.length > k) top.pop();
  }
  return top;
}

const byArn = (a: { arn: string }, b: { arn: string }): number =>
  a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0;

const BOUNDARY_KEY = 'iam:permissionsboundary';
/** A new admin user's requests: create it, then one of its credentials (action, what the path says). */
const NEW_USER_ACTIONS = {
  create: 'iam:CreateUser',
  credentials: [
    ['iam:CreateAccessKey', 'create an access key for it'],
    ['iam:CreateLoginProfile', 'set a console password for it'],
  ],
} as const;
const RESOURCE_TAG_PREFIXES = ['aws:resourcetag/', 'iam:resourcetag/'];
/** Tagging requests are answered with the tags as they are (no untag-first step of their own). */
const TAG_ACTIONS = new Set(['iam:tagrole', 'iam:untagrole', 'iam:taguser', 'iam:untaguser']);
const POLICY_ARN_KEY = 'iam:policyarn';

/** A principal's own fields, for a stand-in made from it (a spread would drop its lazily made ctx). */
const fieldsOf = (p: PrincipalNode): PrincipalFields => ({
  type: p.type,
  name: p.name,
  arn: p.arn,
  id: p.id,
  path: p.path,
  sources: p.sources,
  identity: p.identity,
  boundary: p.boundary,
  boundaryArn: p.boundaryArn,
  groups: p.groups,
  customerPolicies: p.customerPolicies,
  trust: p.trust,
  serviceLinked: p.serviceLinked,
  caller: p.caller,
  roleLastUsed: p.roleLastUsed,
  index: p.index,
});

/** The grant with the strongest access (denied when there is none). */
const strongestGrant = (grants: readonly Grant[]): Grant =>
  grants.reduce((best, g) => (accessRank(g.level) < accessRank(best.level) ? g : best), DENIED);

/** Said of a path found on a name or region other than the fixed probe's. */
const onlyOn = (variant: string): string =>
  ` Its policies allow this only on some names or regions, such as ${variant}.`;

const fromPath = (a: PathAccess): AccessLevel =>
  a === 'unconditional' ? 'unconditional' : a === 'mfa-only' ? 'mfa' : 'conditional';
