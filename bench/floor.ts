// The floor under the 3x target: what the least an admin analysis must do costs on this machine. One pass
// that touches every default policy version, inline policy and trust policy once, turning each Allow
// statement's Action / NotAction patterns into a bitmask over the analysis' actions (memoized per pattern),
// and ORs each principal's masks. No resources, conditions, boundaries, trust graph, paths or output: any
// real analysis does at least this. Compared with JSON.parse in the same process.
import { readFileSync } from 'node:fs';
import { fullAdminProbes, SELF_METHODS, SERVICE_METHODS, TARGET_METHODS } from '../src/policy/escalation.js';
import type { AuthorizationDetails } from '../src/snapshot/aws-shapes.js';

interface Statement {
  Effect?: string;
  Action?: string | string[];
  NotAction?: string | string[];
}

const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Milliseconds of JSON.parse and of the one pass, as measured in this process. */
export function floor(file: string): { parseMs: number; passMs: number } {
  const text = readFileSync(file).toString('utf8');
  const t0 = performance.now();
  const snapshot = JSON.parse(text) as { slices: { authorizationDetails: { data: AuthorizationDetails } } };
  const t1 = performance.now();
  const names = [
    ...new Set([
      ...fullAdminProbes('aws', '111122223333').map(([a]) => a),
      ...Object.values(SELF_METHODS).flatMap((m) => m.actions),
      ...Object.values(TARGET_METHODS).flatMap((m) => m.actions),
      ...SERVICE_METHODS.flatMap((m) => m.actions),
      'iam:PassRole',
      'sts:AssumeRole',
    ]),
  ].map((n) => n.toLowerCase());
  const words = (names.length + 31) >>> 5;
  const patterns = new Map<string, Uint32Array>();
  const patternMask = (pattern: string): Uint32Array => {
    let mask = patterns.get(pattern);
    if (!mask) {
      const body = pattern.toLowerCase().replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
      const re = new RegExp(`^${body}$`);
      const m = new Uint32Array(words);
      names.forEach((n, i) => {
        if (re.test(n)) m[i >>> 5] = (m[i >>> 5] ?? 0) | (1 << (i & 31));
      });
      patterns.set(pattern, (mask = m));
    }
    return mask;
  }; // prettier-ignore
  const orInto = (into: Uint32Array, from: Uint32Array) => {
    for (let i = 0; i < words; i++) into[i] = (into[i] ?? 0) | (from[i] ?? 0);
  };
  const documentMask = (doc: unknown): Uint32Array => {
    const out = new Uint32Array(words);
    for (const st of list((doc as { Statement?: Statement | Statement[] } | undefined)?.Statement)) {
      if (st.Effect !== 'Allow') continue;
      const s = new Uint32Array(words);
      for (const p of list(st.Action ?? st.NotAction)) orInto(s, patternMask(p));
      if (st.NotAction !== undefined) for (let i = 0; i < words; i++) s[i] = ~(s[i] ?? 0);
      orInto(out, s);
    }
    return out;
  };
  const d = snapshot.slices.authorizationDetails.data;
  const managed = new Map<string, Uint32Array>();
  for (const p of d.Policies)
    managed.set(p.Arn, documentMask(p.PolicyVersionList.find((v) => v.IsDefaultVersion)?.Document));
  const principal = (
    inline: readonly { PolicyDocument: unknown }[] | undefined,
    attached: readonly { PolicyArn: string }[] | undefined,
    more: readonly Uint32Array[],
  ): Uint32Array => {
    const m = new Uint32Array(words);
    for (const ip of inline ?? []) orInto(m, documentMask(ip.PolicyDocument));
    for (const a of attached ?? []) orInto(m, managed.get(a.PolicyArn) ?? new Uint32Array(words));
    for (const x of more) orInto(m, x);
    return m;
  };
  const groups = new Map<string, Uint32Array>();
  for (const g of d.GroupDetailList)
    groups.set(g.GroupName, principal(g.GroupPolicyList, g.AttachedManagedPolicies, []));
  for (const u of d.UserDetailList) {
    const of = (u.GroupList ?? []).flatMap((g) => groups.get(g) ?? []);
    principal(u.UserPolicyList, u.AttachedManagedPolicies, of);
  }
  for (const r of d.RoleDetailList) {
    principal(r.RolePolicyList, r.AttachedManagedPolicies, []);
    documentMask(r.AssumeRolePolicyDocument);
  }
  return { parseMs: t1 - t0, passMs: performance.now() - t1 };
}
