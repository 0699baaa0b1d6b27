// Indexes an account's authorization details once: every managed policy compiled once (default version
// only: https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html),
// every principal with the policies that apply to it (users inherit their groups' policies), its boundary
// and, for roles, the trust policy.
import type { AuthorizationDetails } from '../snapshot/aws-shapes.js';
import { compilePolicy, CompiledPolicy, nextPolicySerial, type PolicyRef } from './compile.js';
import { MFA_AGE, MFA_PRESENT, RequestContext, TOKEN_ISSUE_TIME } from './context.js';
import type { Caller } from './evaluate.js';
import { normalizePolicy, type NormalizedPolicy } from './normalize.js';

export type PrincipalType = 'user' | 'group' | 'role';

export interface ManagedPolicy {
  arn: string;
  name: string;
  /** AWS managed policies cannot be changed by the account (no CreatePolicyVersion on them). */
  awsManaged: boolean;
  defaultVersionId: string | undefined;
  compiled: CompiledPolicy;
  /** Non-default versions, compiled on demand. */
  otherVersions: readonly { versionId: string; document: unknown }[];
}

/**
 * "A managed policy can have up to five versions. If the policy has five versions, you must delete an existing
 * version using DeletePolicyVersion before you create a new version."
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicyVersion.html)
 */
export const MAX_POLICY_VERSIONS = 5;

/** Whether a new version of the policy needs one deleted first: its default version and the others fill it. */
export function versionsFull(m: ManagedPolicy): boolean {
  return (m.defaultVersionId === undefined ? 0 : 1) + m.otherVersions.length >= MAX_POLICY_VERSIONS;
}

/** Where a principal's policy comes from, for explaining paths. */
export interface PolicySource {
  policy: CompiledPolicy;
  /** e.g. `attached`, `inline`, `group admins (attached)`. */
  via: string;
  managed?: ManagedPolicy;
}

export interface PrincipalNode {
  type: PrincipalType;
  name: string;
  arn: string;
  id: string;
  path: string;
  /** Its own policies; a user's group policies are in `groups[].sources`. */
  sources: PolicySource[];
  /** Every identity policy that applies: its own, then its groups'. */
  identity: CompiledPolicy[];
  boundary: CompiledPolicy[] | undefined;
  boundaryArn: string | undefined;
  /** Users: their groups. */
  groups: PrincipalNode[];
  /** Customer managed policies that apply to this principal (directly or through a group). */
  customerPolicies: ManagedPolicy[];
  trust: CompiledPolicy | undefined;
  serviceLinked: boolean;
  ctx: RequestContext;
  caller: Caller;
  /** Principals with the same key have the same permissions (for principal-independent requests). */
  readonly permissionKey: string;
  roleLastUsed: string | undefined;
  /** Dense number within its analysis (arrays indexed by it replace maps keyed by the node). */
  readonly index: number;
}

export interface AccountIndex {
  accountId: string;
  partition: string;
  users: PrincipalNode[];
  groups: PrincipalNode[];
  roles: PrincipalNode[];
  byArn: Map<string, PrincipalNode>;
  roleByName: Map<string, PrincipalNode>;
  policies: Map<string, ManagedPolicy>;
  /**
   * The tags of every user and role, by ARN (none: an empty list): a request on one of them carries them as
   * aws:ResourceTag/* and iam:ResourceTag/* (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_iam-tags.html).
   */
  resourceTags: Map<string, readonly { Key: string; Value: string }[]>;
  warnings: string[];
  /** Every policy compiled for this index or after it has a serial number at least this. */
  serialBase: number;
  /** How many principals the index numbered (PrincipalNode.index is below it). */
  principalCount: number;
  /**
   * The request context of a user the export does not hold (one a principal would create), by its name and ARN:
   * signing with its long-term access keys, without tags.
   */
  userContext(name: string, arn: string): RequestContext;
}

// Classes rather than object literals with getters: a literal with an accessor becomes a dictionary-mode
// object (about 750 bytes each, and every property read in the analysis a hash lookup).
class LazyManagedPolicy implements ManagedPolicy {
  private made: CompiledPolicy | undefined;

  constructor(
    readonly arn: string,
    readonly name: string,
    readonly awsManaged: boolean,
    readonly defaultVersionId: string | undefined,
    private readonly ref: PolicyRef,
    private readonly normalized: NormalizedPolicy,
    readonly otherVersions: readonly { versionId: string; document: unknown }[],
  ) {}

  /** Compiled when first used: many policies of a large account are attached to nothing. */
  get compiled(): CompiledPolicy {
    return (this.made ??= new CompiledPolicy(this.ref, this.normalized));
  }
}

/** Shared by every policy with one version; readonly by type (not frozen: see NO_CONDITIONS in normalize.ts). */
const NO_VERSIONS: ManagedPolicy['otherVersions'] = [];

/** The customer managed policies among a principal's own sources. */
function customerOf(sources: readonly PolicySource[]): ManagedPolicy[] {
  const out: ManagedPolicy[] = [];
  for (const s of sources) if (s.managed && !s.managed.awsManaged) out.push(s.managed);
  return out;
}

export type PrincipalFields = Omit<PrincipalNode, 'ctx' | 'permissionKey'>;

/** A principal whose request context and permission key are made when first read. */
class IndexedPrincipal implements PrincipalNode {
  readonly type: PrincipalType;
  readonly name: string;
  readonly arn: string;
  readonly id: string;
  readonly path: string;
  readonly sources: PolicySource[];
  readonly identity: CompiledPolicy[];
  readonly boundary: CompiledPolicy[] | undefined;
  readonly boundaryArn: string | undefined;
  readonly groups: PrincipalNode[];
  readonly customerPolicies: ManagedPolicy[];
  readonly trust: CompiledPolicy | undefined;
  readonly serviceLinked: boolean;
  readonly caller: Caller;
  readonly roleLastUsed: string | undefined;
  readonly index: number;
  private madeCtx: RequestContext | undefined;
  private madeKey: string | undefined;

  constructor(
    f: PrincipalFields,
    private readonly makeCtx: () => RequestContext,
    private readonly makeKey: () => string,
  ) {
    this.type = f.type;
    this.name = f.name;
    this.arn = f.arn;
    this.id = f.id;
    this.path = f.path;
    this.sources = f.sources;
    this.identity = f.identity;
    this.boundary = f.boundary;
    this.boundaryArn = f.boundaryArn;
    this.groups = f.groups;
    this.customerPolicies = f.customerPolicies;
    this.trust = f.trust;
    this.serviceLinked = f.serviceLinked;
    this.caller = f.caller;
    this.roleLastUsed = f.roleLastUsed;
    this.index = f.index;
  }

  // Built when first asked: most principals are answered from answers shared with others.
  get ctx(): RequestContext {
    return (this.madeCtx ??= this.makeCtx());
  }

  get permissionKey(): string {
    return (this.madeKey ??= this.makeKey());
  }
}

/**
 * A principal node made outside the index (an analysis' stand-ins for a trust class or a policy version):
 * of the same class as the index's, so code that reads principals sees one shape (a second shape makes V8
 * throw away and recompile the optimized code of every function that reads both).
 */
export const principalNode = (
  f: PrincipalFields,
  ctx: RequestContext,
  permissionKey: string,
): PrincipalNode =>
  new IndexedPrincipal(
    f,
    () => ctx,
    () => permissionKey,
  );

/**
 * A trust policy whose every Allow names only AWS services: a service's session never carries MFA, so an
 * allow that needs MFA is out of the role's reach.
 */
function onlyServicesAssume(trust: CompiledPolicy): boolean {
  return trust.statements.every(
    (st) =>
      st.effect !== 'Allow' ||
      (st.notPrincipal === undefined &&
        st.principal !== undefined &&
        !st.principal.any &&
        st.principal.aws.length === 0 &&
        st.principal.federated.length === 0 &&
        st.principal.canonicalUser.length === 0),
  );
}

export interface IndexOptions {
  accountId: string;
  partition?: string;
  now: Date;
  /** The organization the account is in, when known: every principal's aws:PrincipalOrgID. */
  organizationId?: string;
  /**
   * The account's place in the organization, when known (`o-.../r-.../ou-.../`, its OUs down to its own):
   * every principal's aws:PrincipalOrgPaths. Unknown, the key is free: a condition on it stays conditional.
   */
  organizationPath?: string;
}

export function buildAccountIndex(details: AuthorizationDetails, opts: IndexOptions): AccountIndex {
  const serialBase = nextPolicySerial();
  const partition = opts.partition ?? 'aws';
  const accountId = opts.accountId;
  const warnings: string[] = [];
  const nowIso = opts.now.toISOString();
  const epoch = String(Math.floor(opts.now.getTime() / 1000));

  // Loop bodies are functions: called once per policy or principal they are optimized early, where the
  // body of a loop in a function that runs once stays interpreted for longer.
  const managedPolicy = (p: AuthorizationDetails['Policies'][number]): ManagedPolicy => {
    const versions = p.PolicyVersionList;
    const def =
      versions.find((v) => v.IsDefaultVersion) ?? versions.find((v) => v.VersionId === p.DefaultVersionId);
    if (!def)
      warnings.push(`Managed policy ${p.Arn} has no default version in the export; it grants nothing here.`);
    // Normalized now (its problems are warned in export order), compiled when first used: many policies
    // of a large account are attached to nothing.
    const normalized = normalizePolicy(def?.Document ?? { Statement: [] });
    if (normalized.problems.length > 0) {
      warnings.push(`Managed policy ${p.Arn}: ${normalized.problems.join('; ')}.`);
    }
    const ref: PolicyRef = {
      id: p.Arn,
      name: p.PolicyName,
      kind: 'managed',
      arn: p.Arn,
      ...(def ? { versionId: def.VersionId } : {}),
    };
    return new LazyManagedPolicy(
      p.Arn,
      p.PolicyName,
      /^arn:[^:]+:iam::aws:policy\//.test(p.Arn),
      def?.VersionId,
      ref,
      normalized,
      versions.length === 1 && def
        ? NO_VERSIONS
        : versions.filter((v) => v !== def).map((v) => ({ versionId: v.VersionId, document: v.Document })),
    );
  };
  const policies = new Map<string, ManagedPolicy>();
  for (const p of details.Policies) policies.set(p.Arn, managedPolicy(p));

  const missing = new Set<string>();
  const managed = (arn: string): ManagedPolicy | undefined => {
    const found = policies.get(arn);
    if (!found && !missing.has(arn)) {
      missing.add(arn);
      warnings.push(`Policy ${arn} is attached but not in the export; it is treated as granting nothing.`);
    }
    return found;
  };

  const inline = (ownerArn: string, name: string, doc: unknown): CompiledPolicy => {
    const compiled = compilePolicy(doc, { id: `${ownerArn}#inline/${name}`, name, kind: 'inline' });
    if (compiled.problems.length > 0) {
      warnings.push(`Inline policy ${name} of ${ownerArn}: ${compiled.problems.join('; ')}.`);
    }
    return compiled;
  };

  /** A principal's own policies: its inline ones, then the managed ones attached to it. */
  const sourcesOf = (
    ownerArn: string,
    inlines: readonly { PolicyName: string; PolicyDocument: unknown }[] | undefined,
    attached: readonly { PolicyArn: string }[] | undefined,
  ): PolicySource[] => {
    const sources: PolicySource[] = [];
    for (const ip of inlines ?? []) {
      sources.push({ policy: inline(ownerArn, ip.PolicyName, ip.PolicyDocument), via: 'inline' });
    }
    for (const ap of attached ?? []) {
      const m = managed(ap.PolicyArn);
      if (m) sources.push({ policy: m.compiled, via: 'attached', managed: m });
    }
    return sources;
  };

  const boundaryOf = (b: { PermissionsBoundaryArn: string } | undefined) => {
    if (!b) return { boundary: undefined, boundaryArn: undefined };
    const m = managed(b.PermissionsBoundaryArn);
    // A boundary we cannot read: assume it allows nothing would hide admins; assume it allows all (warned).
    return { boundary: m ? [m.compiled] : undefined, boundaryArn: b.PermissionsBoundaryArn };
  };

  const baseValues = {
    'aws:PrincipalAccount': accountId,
    'aws:CurrentTime': nowIso,
    'aws:EpochTime': epoch,
    'aws:SecureTransport': 'true',
    'aws:ViaAWSService': 'false',
    'aws:PrincipalIsAWSService': 'false',
    ...(opts.organizationId ? { 'aws:PrincipalOrgID': opts.organizationId } : {}),
    ...(opts.organizationPath ? { 'aws:PrincipalOrgPaths': [opts.organizationPath] } : {}),
  };
  // One shared parent holds what every user and role has in common; each principal adds a small child. It is
  // a request signed with long-term access keys: no MFA key, no aws:TokenIssueTime (a session adds them:
  // withoutMfa, withMfa; a role always acts in one).
  const principalBase = new RequestContext({
    values: baseValues,
    absent: [MFA_PRESENT, MFA_AGE, TOKEN_ISSUE_TIME],
    absentPrefixes: ['aws:principaltag/'],
    otherKeys: 'free',
  });
  const makeCtx = (
    values: Record<string, string>,
    tags: { Key: string; Value: string }[] | undefined,
    absent: string[] = [],
  ) => {
    const own: Record<string, string> = { ...values };
    for (const t of tags ?? []) own[`aws:PrincipalTag/${t.Key}`] = t.Value;
    return principalBase.with(own, absent);
  };
  // A group is evaluated as "any member": who the member is stays unknown.
  const groupCtx = new RequestContext({
    values: baseValues,
    absent: [MFA_PRESENT, MFA_AGE, TOKEN_ISSUE_TIME],
    otherKeys: 'free',
  });

  // Interned: equal permissions share a short key (cache keys stay small).
  const keys = new Map<string, string>();
  // A key is the policies' sorted serial numbers (short strings, cheap to build). A policy or boundary that
  // depends on who asks (aws:username, ${aws:username}...) makes the key the principal's own.
  // The kind is in the key: users, groups and roles are asked in different contexts (a role session always
  // sends aws:MultiFactorAuthPresent; a user's access keys send none), so the same policies may answer
  // differently for each.
  const keyOf = (
    kind: string,
    identity: CompiledPolicy[],
    boundary: readonly CompiledPolicy[] | undefined,
    boundaryArn: string | undefined,
    arn: string,
  ): string => {
    let dependent = boundary?.some((b) => b.principalDependent) ?? false;
    const ids: number[] = [];
    for (const p of identity) {
      if (p.principalDependent || p.ref.kind === 'inline') dependent = true;
      ids.push(p.serial);
    }
    ids.sort((a, b) => a - b);
    const long = `${kind}|${ids.join(',')}|${boundaryArn ?? ''}${dependent ? `|${arn}` : ''}`;
    let short = keys.get(long);
    if (short === undefined) keys.set(long, (short = `k${keys.size}`));
    return short;
  };

  let nextIndex = 0;
  const groups: PrincipalNode[] = [];
  const groupByName = new Map<string, PrincipalNode>();
  const groupNode = (g: AuthorizationDetails['GroupDetailList'][number]): PrincipalNode => {
    const sources = sourcesOf(g.Arn, g.GroupPolicyList, g.AttachedManagedPolicies);
    const identity = sources.map((s) => s.policy);
    return new IndexedPrincipal(
      {
        type: 'group',
        name: g.GroupName,
        arn: g.Arn,
        id: g.GroupId,
        path: g.Path ?? '/',
        sources,
        identity,
        boundary: undefined,
        boundaryArn: undefined,
        groups: [],
        customerPolicies: customerOf(sources),
        trust: undefined,
        serviceLinked: false,
        caller: { arn: g.Arn, accountId, kind: 'user', partition },
        roleLastUsed: undefined,
        index: nextIndex++,
      },
      () => groupCtx,
      () => keyOf('group', identity, undefined, undefined, g.Arn),
    );
  };
  for (const g of details.GroupDetailList) {
    const node = groupNode(g);
    groups.push(node);
    groupByName.set(g.GroupName, node);
  }

  const users: PrincipalNode[] = [];
  const userNode = (u: AuthorizationDetails['UserDetailList'][number]): PrincipalNode => {
    const sources = sourcesOf(u.Arn, u.UserPolicyList, u.AttachedManagedPolicies);
    const memberOf: PrincipalNode[] = [];
    for (const gname of u.GroupList ?? []) {
      const g = groupByName.get(gname);
      if (!g) {
        warnings.push(`User ${u.UserName} is in group ${gname}, which is not in the export.`);
        continue;
      }
      memberOf.push(g);
    }
    // The groups' sources are not copied per user: sourceOf finds them (for explaining paths only).
    const identity = sources.map((s) => s.policy);
    for (const g of memberOf) for (const pol of g.identity) identity.push(pol);
    const { boundary, boundaryArn } = boundaryOf(u.PermissionsBoundary);
    // Its own, then its groups', each once (a few per user: an array, not a map per user).
    const customer: ManagedPolicy[] = [];
    for (const m of customerOf(sources)) if (!customer.includes(m)) customer.push(m);
    for (const g of memberOf) for (const m of g.customerPolicies) if (!customer.includes(m)) customer.push(m);
    return new IndexedPrincipal(
      {
        type: 'user',
        name: u.UserName,
        arn: u.Arn,
        id: u.UserId,
        path: u.Path ?? '/',
        sources,
        identity,
        boundary,
        boundaryArn,
        groups: memberOf,
        customerPolicies: customer,
        trust: undefined,
        serviceLinked: false,
        caller: { arn: u.Arn, accountId, kind: 'user', partition },
        roleLastUsed: undefined,
        index: nextIndex++,
      },
      () =>
        makeCtx(
          {
            'aws:username': u.UserName,
            'aws:userid': u.UserId,
            'aws:PrincipalArn': u.Arn,
            'aws:PrincipalType': 'User',
          },
          u.Tags,
        ),
      () => keyOf('user', identity, boundary, boundaryArn, u.Arn),
    );
  };
  for (const u of details.UserDetailList) users.push(userNode(u));

  const roles: PrincipalNode[] = [];
  const roleNode = (r: AuthorizationDetails['RoleDetailList'][number]): PrincipalNode => {
    const sources = sourcesOf(r.Arn, r.RolePolicyList, r.AttachedManagedPolicies);
    const identity = sources.map((s) => s.policy);
    const { boundary, boundaryArn } = boundaryOf(r.PermissionsBoundary);
    const trust =
      r.AssumeRolePolicyDocument === undefined
        ? undefined
        : compilePolicy(r.AssumeRolePolicyDocument, {
            id: `${r.Arn}#trust`,
            name: `trust policy of ${r.RoleName}`,
            kind: 'trust',
          });
    if (trust && trust.problems.length > 0)
      warnings.push(`Trust policy of ${r.Arn}: ${trust.problems.join('; ')}.`);
    const serviceOnly = trust !== undefined && onlyServicesAssume(trust);
    return new IndexedPrincipal(
      {
        type: 'role',
        name: r.RoleName,
        arn: r.Arn,
        id: r.RoleId,
        path: r.Path ?? '/',
        sources,
        identity,
        boundary,
        boundaryArn,
        groups: [],
        customerPolicies: customerOf(sources),
        trust,
        serviceLinked: (r.Path ?? '').startsWith('/aws-service-role/'),
        caller: { arn: r.Arn, accountId, kind: 'role', partition },
        roleLastUsed: r.RoleLastUsed?.LastUsedDate,
        index: nextIndex++,
      },
      () => {
        const ctx = makeCtx(
          // A role acts only through a session (temporary credentials): the MFA key and aws:TokenIssueTime
          // are always present, the MFA key false unless the session was made with MFA (withMfa).
          {
            'aws:PrincipalArn': r.Arn,
            'aws:PrincipalType': 'AssumedRole',
            [MFA_PRESENT]: 'false',
            [TOKEN_ISSUE_TIME]: nowIso,
          },
          r.Tags,
          // A role session has no user name; its user id includes the caller-chosen session name.
          ['aws:username'],
        );
        ctx.mfaImpossible = serviceOnly;
        return ctx;
      },
      () => keyOf(serviceOnly ? 'service-role' : 'role', identity, boundary, boundaryArn, r.Arn),
    );
  };
  for (const r of details.RoleDetailList) roles.push(roleNode(r));

  const byArn = new Map<string, PrincipalNode>();
  for (const n of [...users, ...groups, ...roles]) byArn.set(n.arn, n);
  const resourceTags = new Map<string, readonly { Key: string; Value: string }[]>();
  for (const u of details.UserDetailList) resourceTags.set(u.Arn, u.Tags ?? []);
  for (const r of details.RoleDetailList) resourceTags.set(r.Arn, r.Tags ?? []);
  return {
    accountId,
    partition,
    users,
    groups,
    roles,
    byArn,
    roleByName: new Map(roles.map((r) => [r.name, r])),
    policies,
    resourceTags,
    warnings,
    serialBase,
    principalCount: nextIndex,
    userContext: (name, arn) =>
      makeCtx({ 'aws:username': name, 'aws:PrincipalArn': arn, 'aws:PrincipalType': 'User' }, undefined),
  };
}
