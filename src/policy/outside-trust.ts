// Who outside the account may assume a role, as far as its trust policy decides: other AWS accounts,
// anyone (`*`), and identity providers (OIDC, SAML). Each is evaluated by the engine as an outsider would
// meet it: without the secrets and identities that keep outsiders out (no ExternalId, not in the
// organization, not from the company's network, an identity token the outsider chose), then again as
// written, to name what the trust requires.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html
import { CompiledPolicy, compilePolicy } from './compile.js';
import { MFA_AGE, MFA_PRESENT, RequestContext } from './context.js';
import { authorize, type AccessLevel, type Caller } from './evaluate.js';
import { parseAction } from './match.js';
import { trustLayers } from './single.js';

export type OutsideKind = 'anyone' | 'account' | 'oidc' | 'saml';

export interface OutsideGrant {
  /** As the trust policy names it: `*`, an account ID or ARN, a user or role ARN, a provider. */
  principal: string;
  kind: OutsideKind;
  /** The other account, for kind `account`. */
  account?: string;
  /** For OIDC: the provider's host, the prefix of its condition keys (`token.actions.githubusercontent.com`). */
  host?: string;
  /** For OIDC: a public identity provider (anyone can get a token from it: GitHub, Google, Cognito...). */
  publicProvider?: boolean;
  /**
   * An outsider gets in with what an outsider has: no ExternalId, no organization membership, a token of
   * its own. For `*` (and public OIDC providers) MFA does not count: an outsider can have MFA too.
   */
  open: boolean;
  /** How the outsider gets in (open grants) or, as the trust is written, how anyone gets in. */
  access: AccessLevel;
  /** Condition keys the grant depends on (those that keep outsiders out, when it is not open). */
  conditions: string[];
}

/**
 * Keys an outsider cannot set: a secret, membership of the organization, the network it calls from. Not
 * aws:SourceIdentity or sts:SourceIdentity: a caller picks its source identity when it assumes a role (its own
 * role first, then this one), so an outsider can claim any value.
 */
const GATE_KEYS = [
  'sts:externalid',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:sourceip',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:vpcsourceip',
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
] as const;

/** Token claims an outsider picks (its own repository, app or identity pool), per public provider. */
const PUBLIC_PROVIDERS: Record<string, Record<string, string | string[]>> = {
  'token.actions.githubusercontent.com': {
    sub: 'repo:rampart-outsider/probe:ref:refs/heads/main',
    aud: 'sts.amazonaws.com',
  },
  'cognito-identity.amazonaws.com': {
    aud: 'us-east-1:00000000-0000-4000-8000-000000000000',
    amr: ['authenticated'],
  },
  'accounts.google.com': { aud: 'rampart-outsider', oaud: 'rampart-outsider', sub: 'rampart-outsider' },
  'graph.facebook.com': { app_id: 'rampart-outsider', id: 'rampart-outsider' },
  'www.amazon.com': { app_id: 'rampart-outsider', user_id: 'rampart-outsider' },
};

const ACCOUNT_OF = /^arn:[^:]+:(?:iam|sts)::(\d{12}):/;

interface Candidate {
  principal: string;
  kind: OutsideKind;
  account?: string;
  /** OIDC: the provider's host, the prefix of its condition keys. */
  host?: string;
}

/**
 * Condition values that name who may call: aws:PrincipalArn patterns and accounts, from an Allow's positive
 * operators and from a Deny's negated ones (Deny unless the caller is X lets X through).
 */
interface Pins {
  arns: string[];
  accounts: string[];
}

function pinsOf(trust: CompiledPolicy): Pins {
  const pins: Pins = { arns: [], accounts: [] };
  for (const st of trust.statements) {
    for (const c of st.conditions) {
      // An Allow's negated operator keeps principals out; it does not name one that gets in.
      const negated = c.spec?.negated;
      if (negated === undefined || negated !== (st.effect === 'Deny')) continue;
      const values = c.values.filter((v) => !v.includes('${'));
      if (c.keyLower === 'aws:principalarn') pins.arns.push(...values);
      else if (c.keyLower === 'aws:principalaccount') pins.accounts.push(...values);
    }
  }
  return pins;
}

const hasWildcard = (v: string) => v.includes('*') || v.includes('?');

/** The account part of an ARN pattern (`*` when wildcarded), or undefined when it is not an IAM/STS ARN. */
function accountOfPattern(pattern: string): string | undefined {
  const parts = pattern.split(':');
  if (parts.length < 6 || !/^(?:iam|sts|\*)$/.test(parts[2] ?? '')) return undefined;
  const account = parts[4] ?? '';
  return hasWildcard(account) ? '*' : /^\d{12}$/.test(account) ? account : undefined;
}

/** One concrete principal matching an ARN pattern, in `account` (for a wildcarded account part). */
function instantiate(pattern: string, account: string): string {
  const parts = pattern.split(':');
  parts[4] = account;
  if (parts[2] === '*') parts[2] = 'iam';
  return parts.join(':').replace(/[*?]/g, 'x');
}

/** Everyone outside the account the trust policy names in an Allow statement (and `*`). */
function candidates(trust: CompiledPolicy, accountId: string, pins: Pins): Candidate[] {
  const out = new Map<string, Candidate>();
  for (const st of trust.statements) {
    if (st.effect !== 'Allow') continue;
    // Allow with NotPrincipal: everyone but the named ones.
    if (st.notPrincipal || st.principal?.any) {
      out.set('*', { principal: '*', kind: 'anyone' });
      // `*` pinned by a condition to principals of another account: those principals are outsiders.
      for (const v of pins.arns) {
        const account = accountOfPattern(v);
        if (account && account !== '*' && account !== accountId) {
          out.set(v, { principal: v, kind: 'account', account });
        }
      }
      for (const v of pins.accounts) {
        if (/^\d{12}$/.test(v) && v !== accountId) out.set(v, { principal: v, kind: 'account', account: v });
      }
    }
    for (const v of st.principal?.aws ?? []) {
      const account = /^\d{12}$/.test(v) ? v : ACCOUNT_OF.exec(v)?.[1];
      // Not an account or an ARN: the unique ID of a deleted principal, which nobody can be.
      if (account && account !== accountId) out.set(v, { principal: v, kind: 'account', account });
    }
    for (const v of st.principal?.federated ?? []) {
      if (v.includes(':saml-provider/')) out.set(v, { principal: v, kind: 'saml' });
      else {
        const host = v.includes(':oidc-provider/') ? v.slice(v.indexOf(':oidc-provider/') + 15) : v;
        out.set(v, { principal: v, kind: 'oidc', host: host.toLowerCase() });
      }
    }
  }
  return [...out.values()];
}

/**
 * The outside principals that may assume the role (identity policies in their own account aside), whether
 * each is open to an outsider, and the condition keys it depends on. Sorted by principal. The trust policy
 * as a document (object, JSON or URL-encoded string) or compiled.
 */
export function outsideTrust(
  trustDoc: unknown,
  opts: {
    accountId: string;
    partition?: string;
    roleArn: string;
    /**
     * The RCPs that limit the account's resources, per level from the root; an RCP denying outsiders
     * sts:AssumeRole (a data perimeter) closes every role. Absent: not known, not applied.
     */
    rcps?: readonly (readonly CompiledPolicy[])[] | undefined;
  },
): OutsideGrant[] {
  const trust =
    trustDoc instanceof CompiledPolicy
      ? trustDoc
      : compilePolicy(trustDoc, { id: 'trust', name: 'trust policy', kind: 'trust' });
  const partition = opts.partition ?? 'aws';
  // An account that is not this one, for `*`.
  const stranger = opts.accountId === '999999999999' ? '999999999998' : '999999999999';
  const pins = pinsOf(trust);
  const out: OutsideGrant[] = [];
  for (const c of candidates(trust, opts.accountId, pins)) {
    const grant = c.kind === 'saml' || c.kind === 'oidc' ? federated(c) : aws(c);
    if (grant) out.push(grant);
  }
  return out.sort((a, b) => (a.principal < b.principal ? -1 : a.principal > b.principal ? 1 : 0));

  function aws(c: Candidate): OutsideGrant | undefined {
    const account = c.account ?? stranger;
    const named = ACCOUNT_OF.exec(c.principal) && !c.principal.endsWith(':root') ? c.principal : undefined;
    const whole = c.kind === 'account' && !named;
    const defaultArn = named
      ? instantiate(named, account)
      : `arn:${partition}:iam::${account}:user/rampart-outsider`;
    const caller: Caller = {
      arn: defaultArn,
      accountId: account,
      kind: /:(?:assumed-)?role\//.test(defaultArn) ? 'role' : 'user',
      partition,
    };
    const layers = { ...trustLayers(trust, caller), scps: opts.rcps };
    const action = parseAction('sts:AssumeRole');
    const asCaller = (arn: string) => ({ 'aws:PrincipalAccount': account, 'aws:PrincipalArn': arn });
    // Another account named as a whole: which of its principals calls is left free, so conditions that pin
    // one are named. `*`: an unrelated account's user, so conditions naming yours keep it out.
    const who = whole ? { 'aws:PrincipalAccount': account } : asCaller(defaultArn);
    let asOutsider = authorize(layers, action, opts.roleArn, outsider(who));
    let open = isOpen(asOutsider, c.kind);
    if (whole && open && dependsOn(asOutsider.keys, 'aws:principalarn')) {
      // Free aws:PrincipalArn: open only if some principal of that account matches the pin (a pin to an
      // ARN of this account, say, lets none of them in).
      const arns = [
        defaultArn,
        ...pins.arns.filter((p) => fits(p, account)).map((p) => instantiate(p, account)),
      ];
      open = arns.some((arn) =>
        isOpen(authorize(layers, action, opts.roleArn, outsider(asCaller(arn))), c.kind),
      );
    } else if (c.kind === 'anyone' && !open) {
      // `*` pinned to principals of any account (`arn:aws:iam::*:role/ci`): an outsider names its own so.
      for (const p of pins.arns.filter((v) => accountOfPattern(v) === '*')) {
        const got = authorize(layers, action, opts.roleArn, outsider(asCaller(instantiate(p, account))));
        if (isOpen(got, c.kind)) {
          asOutsider = { ...got, level: 'conditional', keys: [...got.keys, 'aws:PrincipalArn'] };
          open = true;
          break;
        }
      }
    }
    // For `*`, who calls is what the conditions may pin down: left free, so they are named.
    const asWritten = authorize(layers, action, opts.roleArn, written(c.kind === 'anyone' ? {} : who));
    if (asWritten.level === 'denied') return undefined;
    return result(c, open ? asOutsider : asWritten, open);
  }

  function federated(c: Candidate): OutsideGrant | undefined {
    const saml = c.kind === 'saml';
    const caller: Caller = {
      arn: c.principal,
      accountId: opts.accountId,
      kind: 'federated',
      name: c.principal,
      partition,
    };
    const layers = { ...trustLayers(trust, caller), scps: opts.rcps };
    const action = parseAction(saml ? 'sts:AssumeRoleWithSAML' : 'sts:AssumeRoleWithWebIdentity');
    const asWritten = authorize(layers, action, opts.roleArn, written({}));
    if (asWritten.level === 'denied') return undefined;
    // SAML: who signs in is the identity provider's decision (the company's own); listed, never open.
    if (saml) return result(c, asWritten, false);
    const host = c.host ?? '';
    const publicClaims = PUBLIC_PROVIDERS[host];
    // A provider of the company's own (EKS, an IdP): any identity it issues, with the usual audience.
    const claims = publicClaims ?? { sub: 'rampart-outsider', aud: 'sts.amazonaws.com' };
    const values: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(claims)) values[`${host}:${k}`] = v;
    const asOutsider = authorize(layers, action, opts.roleArn, outsider(values));
    // A claim the outsider did not pick (another claim of the provider) keeps it out.
    const open =
      asOutsider.level === 'unconditional' ||
      asOutsider.level === 'mfa' ||
      (asOutsider.level === 'conditional' &&
        !asOutsider.keys.some((k) => k.toLowerCase().startsWith(`${host}:`)));
    return {
      ...result(c, open ? asOutsider : asWritten, open),
      publicProvider: publicClaims !== undefined,
    };
  }
}

/** An outsider gets in, or gets in under conditions it can meet; for `*`, MFA keeps nobody out. */
function isOpen(a: { level: AccessLevel }, kind: OutsideKind): boolean {
  return a.level === 'unconditional' || a.level === 'conditional' || (a.level === 'mfa' && kind === 'anyone');
}

const dependsOn = (keys: readonly string[], key: string) => keys.some((k) => k.toLowerCase() === key);

/** Could a principal of `account` match this aws:PrincipalArn pattern? */
function fits(pattern: string, account: string): boolean {
  const a = accountOfPattern(pattern);
  return a === '*' || a === account;
}

/** The outsider: no MFA, none of the gate keys, `values` known; other keys free. */
function outsider(values: Record<string, string | string[]>): RequestContext {
  return new RequestContext({ values, absent: [MFA_PRESENT, MFA_AGE, ...GATE_KEYS], otherKeys: 'free' });
}

/** As the trust is written: nothing known but who calls (MFA is tried both ways by authorize). */
function written(values: Record<string, string>): RequestContext {
  return new RequestContext({ values, absent: [MFA_PRESENT, MFA_AGE], otherKeys: 'free' });
}

function result(
  c: Candidate,
  a: { level: AccessLevel; keys: readonly string[]; needsMfa: boolean },
  open: boolean,
): OutsideGrant {
  const conditions = [...a.keys];
  if (a.needsMfa || a.level === 'mfa') conditions.unshift('aws:MultiFactorAuthPresent');
  return {
    principal: c.principal,
    kind: c.kind,
    ...(c.account ? { account: c.account } : {}),
    ...(c.host ? { host: c.host } : {}),
    open,
    access: a.level,
    conditions: [...new Set(conditions)],
  };
}

const PUBLIC_NAMES: Record<string, string> = {
  'token.actions.githubusercontent.com': 'GitHub Actions workflow of any repository',
  'cognito-identity.amazonaws.com': 'Cognito identity of any identity pool',
  'accounts.google.com': 'Google user of any app',
  'graph.facebook.com': 'Facebook user of any app',
  'www.amazon.com': 'Login with Amazon user of any app',
};

/** Who gets in, in words; `management`: the organization's management account, named as such. */
function whoGetsIn(g: OutsideGrant, management: string | undefined): string {
  switch (g.kind) {
    case 'anyone':
      return 'anyone with an AWS account';
    case 'account': {
      const account = `account ${g.account ?? '?'}${g.account === management ? ", the organization's management account" : ''}`;
      return g.principal.endsWith(':root') || /^\d{12}$/.test(g.principal)
        ? account
        : `${g.principal} (${account})`;
    }
    case 'saml':
      return `SAML provider ${g.principal.split('/').pop() ?? g.principal}`;
    case 'oidc': {
      const host = g.host ?? g.principal;
      return g.publicProvider ? `any ${PUBLIC_NAMES[host] ?? host}` : `any identity ${host} issues`;
    }
  }
}

/** What lets an outsider in (open grants) or keeps it out. */
function whatDecides(g: OutsideGrant): string {
  const on = g.conditions.length > 0 ? `conditions on ${g.conditions.join(', ')}` : '';
  if (!g.open) return g.kind === 'saml' ? 'the identity provider decides who signs in' : `only with ${on}`;
  if (g.kind === 'oidc') {
    const host = g.host ?? g.principal;
    const claim = host === 'cognito-identity.amazonaws.com' ? 'aud' : 'sub';
    return `no condition on ${host}:${claim} limits it${g.access === 'conditional' ? `; ${on}` : ''}`;
  }
  if (g.access === 'mfa') return 'MFA on a user of its own account is all it asks';
  if (g.kind === 'account') {
    const missing = 'no ExternalId or MFA condition';
    return g.access === 'conditional' ? `${missing}; only ${on}` : missing;
  }
  return g.access === 'conditional'
    ? `no condition limits it; only ${on}, which an outsider can meet`
    : 'no condition limits it';
}

/** One grant in words: "account 444455556666 (no ExternalId or MFA condition)". */
export function describeOutside(g: OutsideGrant, management?: string): string {
  return `${whoGetsIn(g, management)} (${whatDecides(g)})`;
}
