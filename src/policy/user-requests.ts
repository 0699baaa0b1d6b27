// What an IAM user can do with its own credentials before it assumes any role: the requests that change the
// account (the read-only daily user pattern allows none of them without MFA), and whether it can enroll an MFA
// device for itself without MFA.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_my-sec-creds-self-manage.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html
import type { AuthorizationDetails } from '../snapshot/aws-shapes.js';
import { buildAccountIndex, type AccountIndex, type PrincipalNode } from './account.js';
import { compileLevels, type ScpInput } from './admins.js';
import type { CompiledPolicy } from './compile.js';
import { authorize, type Layers } from './evaluate.js';
import { MFA_ENROLMENT, fullAdminProbes, probeResource } from './escalation.js';
import { ActionSet, arnMatches, parseAction } from './match.js';

/** A request that changes the account, which the user may make without MFA. */
export interface StandingWrite {
  /** The action, or the wildcard pattern (`s3:*`) that allows one. */
  action: string;
  /** `*` when the policy names no resource. */
  resource: string;
  /** `conditional`: only under conditions other than MFA (a source IP, a tag), which a thief may meet. */
  access: 'unconditional' | 'conditional';
  conditions: string[];
  /** The policies that allow it. */
  grantedBy: string[];
}

/**
 * Action names that only read (the verbs of the List and Read access levels; AWS's ReadOnlyAccess is made of
 * them). Anything else counts as a change.
 */
const READ_VERBS = [
  'get', 'list', 'describe', 'batchget', 'batchdescribe', 'batchcheck', 'search', 'query', 'scan', 'select',
  'validate', 'view', 'check', 'detect', 'discover', 'preview', 'retrieve', 'lookup', 'generate', 'estimate',
  'filter', 'simulate', 'download', 'read', 'is', 'count', 'evaluate', 'test',
]; // prettier-ignore

/**
 * A user's own credentials, which every person manages (AWS's "manage your own credentials" example): allowed on
 * the user itself, a change when allowed on another user (its keys, password or MFA: that is escalation).
 */
const OWN_CREDENTIALS = new Set(
  [
    'ChangePassword', 'CreateAccessKey', 'DeleteAccessKey', 'UpdateAccessKey', 'CreateLoginProfile',
    'UpdateLoginProfile', 'DeleteLoginProfile', 'EnableMFADevice', 'DeactivateMFADevice', 'ResyncMFADevice',
    'UploadSSHPublicKey', 'UpdateSSHPublicKey', 'DeleteSSHPublicKey', 'CreateServiceSpecificCredential',
    'UpdateServiceSpecificCredential', 'DeleteServiceSpecificCredential', 'ResetServiceSpecificCredential',
    'UploadSigningCertificate', 'UpdateSigningCertificate', 'DeleteSigningCertificate',
  ].map((n) => `iam:${n.toLowerCase()}`),
); // prettier-ignore

/**
 * Never a standing change: STS (assuming the role is the pattern itself; session tokens carry no more than the
 * user has), AWS Support (cases change no resource; CIS asks for AWSSupportAccess somewhere), a password change (only ever the caller's own) and virtual MFA devices (a device is nothing until
 * enabled on a user, which OWN_CREDENTIALS judges).
 */
const NEVER = (lower: string): boolean =>
  lower.startsWith('sts:') ||
  lower.startsWith('support:') ||
  lower === 'iam:changepassword' ||
  lower === 'iam:createvirtualmfadevice' ||
  lower === 'iam:deletevirtualmfadevice';

export const isReadOnlyAction = (action: string): boolean => {
  const name = action.slice(action.indexOf(':') + 1).toLowerCase();
  return READ_VERBS.some((v) => name.startsWith(v));
};

/** AWS managed job-function policies that only read: nothing they allow is a change. */
const isAwsReadOnlyPolicy = (arn: string): boolean => {
  const m = /^arn:[^:]+:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(arn);
  if (!m?.[1]) return false;
  const name = m[1];
  return name === 'ViewOnlyAccess' || name === 'SecurityAudit' || /ReadOnly(Access)?$/.test(name);
};

/** Verbs that start the names of changes: a wildcard (`s3:*`, `ec2:*Instances`) is tried with each. */
const WRITE_VERBS = [
  'Put', 'Create', 'Delete', 'Update', 'Modify', 'Attach', 'Detach', 'Set', 'Start', 'Stop', 'Terminate',
  'Run', 'Invoke', 'Send', 'Publish', 'Add', 'Remove', 'Enable', 'Disable', 'Associate', 'Disassociate',
  'Change', 'Reset', 'Restore', 'Authorize', 'Revoke', 'Upload', 'Import', 'Copy', 'Write', 'Execute',
  'Register', 'Deregister', 'Schedule', 'Cancel', 'Reboot', 'Replace', 'Pass', 'Tag', 'Untag', 'Deploy',
]; // prettier-ignore

/** Changes on concrete resources of this account, across services: what `*` and NotAction are tried with. */
function catalog(p: string, a: string): [string, string][] {
  const r = 'us-east-1';
  const writes = fullAdminProbes(p, a).filter(([x]) => !isReadOnlyAction(x) && !NEVER(x.toLowerCase()));
  return [
    ...writes,
    ['s3:PutObject', `arn:${p}:s3:::rampart-probe-bucket/probe`],
    ['s3:DeleteObject', `arn:${p}:s3:::rampart-probe-bucket/probe`],
    ['s3:DeleteBucket', `arn:${p}:s3:::rampart-probe-bucket`],
    ['ec2:AuthorizeSecurityGroupIngress', `arn:${p}:ec2:${r}:${a}:security-group/sg-0rampartprobe`],
    ['lambda:UpdateFunctionCode', `arn:${p}:lambda:${r}:${a}:function:rampart-probe`],
    ['dynamodb:PutItem', `arn:${p}:dynamodb:${r}:${a}:table/rampart-probe`],
    ['sqs:SendMessage', `arn:${p}:sqs:${r}:${a}:rampart-probe`],
    ['sns:Publish', `arn:${p}:sns:${r}:${a}:rampart-probe`],
    ['ssm:SendCommand', `arn:${p}:ec2:${r}:${a}:instance/i-0rampartprobe`],
    ['ssm:PutParameter', `arn:${p}:ssm:${r}:${a}:parameter/rampart-probe`],
    ['secretsmanager:PutSecretValue', `arn:${p}:secretsmanager:${r}:${a}:secret:rampart-probe-AbCdEf`],
    ['cloudformation:CreateStack', probeResource('cloudformation:CreateStack', p, a)],
    ['route53:ChangeResourceRecordSets', `arn:${p}:route53:::hostedzone/ZRAMPARTPROBE`],
    ['ecs:UpdateService', `arn:${p}:ecs:${r}:${a}:service/rampart-probe/rampart-probe`],
  ];
}

/** Where a change is tried when the policy names no resource of its own. */
function defaultResource(action: string, p: string, a: string): string {
  const lower = action.toLowerCase();
  if (OWN_CREDENTIALS.has(lower)) return `arn:${p}:iam::${a}:user/rampart-probe-other-user`;
  return probeResource(action, p, a);
}

/**
 * Write actions an Action pattern names, each with how a finding names it: itself when literal, catalog entries,
 * and names made by filling the wildcard with a verb (named by the pattern: they need not exist).
 */
function candidatesOf(pattern: string, listed: readonly [string, string][]): [string, string][] {
  const trimmed = pattern.trim();
  const colon = trimmed.indexOf(':');
  const set = new ActionSet([trimmed]);
  const out = listed.filter(([x]) => set.matches(parseAction(x))).map(([x]): [string, string] => [x, x]);
  if (colon < 0) return out;
  const service = trimmed.slice(0, colon);
  const body = trimmed.slice(colon + 1);
  if (/[*?]/.test(service)) return out;
  const fill = (s: string) => s.replaceAll('*', '').replaceAll('?', 'X');
  if (!/[*?]/.test(body)) return [...out, [trimmed, trimmed]];
  const wild = body.search(/[*?]/);
  const prefix = body.slice(0, wild);
  for (const verb of WRITE_VERBS) {
    let name: string;
    if (verb.toLowerCase().startsWith(prefix.toLowerCase()) && body[wild] === '*') {
      name = verb + fill(body.slice(wild + 1));
    } else name = fill(body);
    const action = `${service}:${name}`;
    if (set.matches(parseAction(action))) out.push([action, trimmed]);
  }
  return out;
}

/** A concrete ARN the pattern matches, with ${aws:username} as the user's name; undefined when none is made. */
function concrete(pattern: string, user: PrincipalNode, p: string, a: string): string | undefined {
  if (pattern === '*') return undefined;
  const named = pattern.replace(/\$\{\s*aws:username\s*\}/gi, user.name);
  if (named.includes('${')) return undefined;
  const parts = named.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const service = parts[2] ?? '';
  const seg = (s: string | undefined, value: string) =>
    s !== undefined && /[*?]/.test(s) ? value : (s ?? '');
  const regionless = ['iam', 's3', 'route53', 'cloudfront'].includes(service);
  const arn = [
    'arn',
    seg(parts[1], p),
    service,
    seg(parts[3], regionless ? '' : 'us-east-1'),
    seg(parts[4], service === 's3' ? '' : a),
    parts.slice(5).join(':').replaceAll('*', 'rampart-probe').replaceAll('?', 'x'),
  ].join(':');
  return arnMatches(named, arn) ? arn : undefined;
}

export interface UserRequests {
  /** The first change the user may make without MFA (its own credentials aside), or undefined. */
  standingWrite(userArn: string): StandingWrite | undefined;
  /** Whether the user may create and enable a virtual MFA device for itself without MFA. */
  canEnrollOwnMfa(userArn: string): boolean;
}

export interface UserRequestsInput {
  accountId: string;
  partition: string;
  now: Date;
  scps?: ScpInput | undefined;
  /** The account index of these details, when the caller has one (same account, partition and now). */
  index?: AccountIndex | undefined;
}

export function userRequests(details: AuthorizationDetails, input: UserRequestsInput): UserRequests {
  const index: AccountIndex =
    input.index ??
    buildAccountIndex(details, {
      accountId: input.accountId,
      partition: input.partition,
      now: input.now,
    });
  const p = index.partition;
  const a = index.accountId;
  const scps = compileLevels(input.scps, 'SCP');
  const listed = catalog(p, a);
  const listedResource = new Map<string, string>();
  for (const [x, r] of listed) if (!listedResource.has(x)) listedResource.set(x, r);
  // What a NotAction statement may allow: every listed change, each shown as itself.
  const everyListed = listed.map(([x]): [string, string] => [x, x]);
  // Thousands of users share the same few action patterns: their candidates are worked out once.
  const candidates = new Map<string, [string, string][]>();
  const candidatesFor = (pattern: string): [string, string][] => {
    let got = candidates.get(pattern);
    if (got === undefined) {
      got = candidatesOf(pattern, listed);
      candidates.set(pattern, got);
    }
    return got;
  };
  const layers = (u: PrincipalNode): Layers => ({ identity: u.identity, boundary: u.boundary, scps });
  const writes = new Map<string, StandingWrite | undefined>();
  // Users with the same policies get the same answer, unless a policy depends on who asks (a variable or a
  // condition on the caller) or names users (a user's own credentials are no change, another's are).
  const shared = new Map<string, StandingWrite | undefined>();
  const namesUsers = new WeakMap<CompiledPolicy, boolean>();
  const sharable = (policy: CompiledPolicy): boolean => {
    if (policy.principalDependent) return false;
    let names = namesUsers.get(policy);
    if (names === undefined) {
      names = policy.actionLists.some((st) =>
        (st.resource ?? st.notResource ?? []).some((r) => r.includes(':user/')),
      );
      namesUsers.set(policy, names);
    }
    return !names;
  };
  const shareKey = (u: PrincipalNode): string | undefined => {
    const all = [...u.identity, ...(u.boundary ?? [])];
    if (!all.every(sharable)) return undefined;
    return `${u.identity.map((x) => x.ref.id).join(',')}|${(u.boundary ?? []).map((x) => x.ref.id).join(',')}`;
  };

  /**
   * Each Allow statement's changes, with where to try them, from the policies that are not AWS read-only:
   * [action, action as shown, resource asked, resource as shown: the policy's pattern, or `*`]. Made one at a
   * time: the first change allowed ends the search, and most users' first policy has one.
   */
  function* requestsOf(u: PrincipalNode): Generator<[string, string, string, string]> {
    const sources = [...u.sources, ...u.groups.flatMap((g) => g.sources)];
    const seen = new Set<string>();
    const fresh = (action: string, resource: string): boolean => {
      const lower = action.toLowerCase();
      if (NEVER(lower) || isReadOnlyAction(action)) return false;
      // Its own credentials: what every person manages.
      if (OWN_CREDENTIALS.has(lower) && resource === u.arn) return false;
      const key = `${lower} ${resource}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    };
    for (const s of sources) {
      if (s.managed?.awsManaged && isAwsReadOnlyPolicy(s.managed.arn)) continue;
      const policy: CompiledPolicy = s.policy;
      for (const st of policy.actionLists) {
        if (st.effect !== 'Allow') continue;
        const actions = st.notAction ? everyListed : (st.action ?? []).flatMap(candidatesFor);
        const own: [string, string][] = [];
        for (const pattern of st.resource ?? []) {
          const arn = concrete(pattern, u, p, a);
          if (arn !== undefined) own.push([arn, pattern]);
        }
        for (const [action, shown] of actions) {
          const resource = listedResource.get(action) ?? defaultResource(action, p, a);
          if (fresh(action, resource)) yield [action, shown, resource, '*'];
          for (const [arn, pattern] of own) if (fresh(action, arn)) yield [action, shown, arn, pattern];
        }
      }
    }
  }

  function standingWrite(userArn: string): StandingWrite | undefined {
    if (writes.has(userArn)) return writes.get(userArn);
    const u = index.byArn.get(userArn);
    const key = u?.type === 'user' ? shareKey(u) : undefined;
    if (key !== undefined && shared.has(key)) {
      const same = shared.get(key);
      writes.set(userArn, same);
      return same;
    }
    let found: StandingWrite | undefined;
    if (u?.type === 'user') {
      for (const [action, shown, resource, shownResource] of requestsOf(u)) {
        const got = authorize(layers(u), parseAction(action), resource, u.ctx);
        if (got.level === 'denied' || got.needsMfa || got.level === 'mfa') continue;
        found = {
          action: shown,
          resource: shownResource,
          access: got.level,
          conditions: [...got.keys],
          grantedBy: [...new Set(got.decision.allowedBy.map((st) => st.policy.ref.name))],
        };
        break;
      }
    }
    writes.set(userArn, found);
    if (key !== undefined) shared.set(key, found);
    return found;
  }

  function canEnrollOwnMfa(userArn: string): boolean {
    const u = index.byArn.get(userArn);
    if (u?.type !== 'user') return false;
    const [create, enable] = MFA_ENROLMENT.actions;
    const requests: [string, string][] = [
      [create, `arn:${p}:iam::${a}:mfa/${u.name}`],
      [enable, u.arn],
    ];
    return requests.every(([action, resource]) => {
      const got = authorize(layers(u), parseAction(action), resource, u.ctx);
      // Only an answer without MFA will do: the device is what would give it.
      return got.level !== 'denied' && !got.needsMfa;
    });
  }

  return { standingWrite, canEnrollOwnMfa };
}
