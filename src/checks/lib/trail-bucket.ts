import type { TrailBucket } from '../../snapshot/aws-shapes.js';
import type { SliceData } from '../../snapshot/schema.js';
import type { CheckContext, CheckOutcome } from '../types.js';
import { NO_TRAIL_MESSAGE, noTrailOutcome } from './cloudtrail.js';
import { describeFailure } from './failure.js';

export interface BucketTarget {
  name: string;
  /** Trails that deliver to it. */
  trails: string[];
  bucket: TrailBucket | undefined;
}

/** The buckets the trails deliver to, each with its collected record (undefined when it was not read). */
export function trailBucketTargets(
  trails: SliceData['trails'],
  buckets: SliceData['trailBuckets'],
): BucketTarget[] {
  const byName = new Map<string, string[]>();
  for (const t of trails.Trails) {
    const name = t.Trail.S3BucketName;
    if (name) byName.set(name, [...(byName.get(name) ?? []), t.Trail.Name]);
  }
  return [...byName]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, names]) => ({ name, trails: names, bucket: buckets.Buckets.find((b) => b.Name === name) }));
}

/** The not_applicable finding of a bucket check when no trail delivers to a bucket. */
export function noTrailBucketOutcome(
  trails: SliceData['trails'],
  ctx: Pick<CheckContext, 'partition' | 'accountId'>,
): CheckOutcome {
  const message = trails.Trails.length === 0 ? NO_TRAIL_MESSAGE : 'No trail delivers to an S3 bucket.';
  return noTrailOutcome('not_applicable', ctx, message);
}

/**
 * The bucket record when the bucket and the parts this check reads (`parts`, plus its location) were collected;
 * otherwise the check's error finding for it. `wording` phrases the error for the check.
 */
export function readBucket(
  target: BucketTarget,
  parts: readonly string[],
  ctx: Pick<CheckContext, 'partition'>,
  wording: { notRead: string; cannotRead: (problems: string) => string },
): { ok: true; bucket: TrailBucket } | { ok: false; outcome: CheckOutcome } {
  const resource = `arn:${ctx.partition}:s3:::${target.name}`;
  if (!target.bucket) return { ok: false, outcome: { status: 'error', resource, message: wording.notRead } };
  const problems = bucketPartProblems(target.bucket, parts);
  if (problems.length > 0)
    return {
      ok: false,
      outcome: { status: 'error', resource, message: wording.cannotRead(problems.join('; ')) },
    };
  return { ok: true, bucket: target.bucket };
}

/** "GetBucketPolicy failed: Access Denied (missing permission s3:GetBucketPolicy)", for the parts that failed. */
export function bucketPartProblems(bucket: TrailBucket, parts: readonly string[]): string[] {
  return bucket.errors
    .filter((e) => parts.includes(e.part) || e.part === 'GetBucketLocation')
    .map((e) => `${e.part} failed: ${describeFailure(e, e.part)}`);
}

export interface PolicyStatement {
  Sid?: string;
  Effect: string;
  principals: Principal[];
  actions: string[];
  hasNotPrincipal: boolean;
  conditionKeys: string[];
}

export interface Principal {
  type: 'AWS' | 'Service' | 'Federated' | 'CanonicalUser' | '*';
  value: string;
}

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const strings = (v: unknown): string[] => asArray(v).filter((x): x is string => typeof x === 'string');

/** The statements of a bucket policy, principals flattened. Tolerates a single statement object. */
export function statements(policy: unknown): PolicyStatement[] {
  if (typeof policy !== 'object' || policy === null) return [];
  return asArray((policy as { Statement?: unknown }).Statement).flatMap((raw): PolicyStatement[] => {
    if (typeof raw !== 'object' || raw === null) return [];
    const s = raw as Record<string, unknown>;
    const principals: Principal[] = [];
    if (s.Principal === '*') principals.push({ type: '*', value: '*' });
    else if (typeof s.Principal === 'object' && s.Principal !== null) {
      for (const [type, v] of Object.entries(s.Principal as Record<string, unknown>)) {
        for (const value of strings(v)) principals.push({ type: type as Principal['type'], value });
      }
    }
    const condition = typeof s.Condition === 'object' && s.Condition !== null ? s.Condition : {};
    const conditionKeys = Object.values(condition as Record<string, unknown>).flatMap((block) =>
      typeof block === 'object' && block !== null ? Object.keys(block) : [],
    );
    return [
      {
        ...(typeof s.Sid === 'string' ? { Sid: s.Sid } : {}),
        Effect: typeof s.Effect === 'string' ? s.Effect : '',
        principals,
        actions: [...strings(s.Action), ...strings(s.NotAction).map((a) => `NotAction ${a}`)],
        hasNotPrincipal: s.NotPrincipal !== undefined,
        conditionKeys,
      },
    ];
  });
}

export const isEveryone = (p: Principal): boolean => p.type === '*' || (p.type === 'AWS' && p.value === '*');

/** Condition keys that pin a statement to known callers (an account, an organization, a network, a source). */
const RESTRICTING_KEYS = new Set(
  [
    'aws:SourceArn',
    'aws:SourceAccount',
    'aws:SourceOwner',
    'aws:SourceOrgID',
    'aws:SourceOrgPaths',
    'aws:PrincipalArn',
    'aws:PrincipalAccount',
    'aws:PrincipalOrgID',
    'aws:PrincipalOrgPaths',
    'aws:userid',
    'aws:username',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:SourceIp',
  ].map((k) => k.toLowerCase()),
);

export const restricts = (s: PolicyStatement): boolean =>
  s.conditionKeys.some((k) => RESTRICTING_KEYS.has(k.toLowerCase()));
