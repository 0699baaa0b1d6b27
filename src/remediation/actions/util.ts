import {
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  GetUserCommand,
  IAMClient,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  ListObjectVersionsCommand,
  PutPublicAccessBlockCommand,
  S3Client,
  type ObjectIdentifier,
} from '@aws-sdk/client-s3';
import { classifyAwsError } from '../../aws/errors.js';
import type { ActionContext, Change, UndoContext } from '../types.js';

/** "Not found" from AWS: for reads it means "not configured"; for undo it means "already gone". */
export function isNotFound(err: unknown): boolean {
  return classifyAwsError(err) === 'not-found';
}

/** Runs `fn`, treating "not found" as done (undo of something already gone). */
export async function ignoreNotFound(fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}

/** Whether the IAM user exists (iam:GetUser; "not found" means no, any other failure is thrown). */
export async function userExists(ctx: Pick<ActionContext, 'pool'>, user: string): Promise<boolean> {
  try {
    await ctx.pool.client(IAMClient).send(new GetUserCommand({ UserName: user }));
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}

/** Lower-case hex from random bytes, for unique bucket names. */
export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/** Counting stops here: "kept: 100000+ objects" says enough. */
const COUNT_CAP = 100_000;

/**
 * Deletes a bucket only when it holds no object (delete markers alone do not count and are removed first).
 * A bucket with objects is kept and left exactly as it is: what AWS delivered there (audit logs, billing reports)
 * is the account's data, and a rollback must never destroy it. Returns a note for the journal and the output when
 * the bucket was kept, saying `why`. A bucket already gone is fine.
 */
export async function deleteBucketIfEmpty(
  ctx: UndoContext,
  bucket: string,
  region: string,
  why = 'audit logs are evidence',
): Promise<string | undefined> {
  const s3 = ctx.pool.client(S3Client, region);
  try {
    let objects = 0;
    const markers: ObjectIdentifier[] = [];
    let keyMarker: string | undefined;
    let versionMarker: string | undefined;
    do {
      const page = await s3.send(
        new ListObjectVersionsCommand({
          Bucket: bucket,
          MaxKeys: 1000,
          ...(keyMarker !== undefined ? { KeyMarker: keyMarker } : {}),
          ...(versionMarker !== undefined ? { VersionIdMarker: versionMarker } : {}),
        }),
      );
      objects += page.Versions?.length ?? 0;
      for (const m of page.DeleteMarkers ?? [])
        markers.push({ Key: m.Key ?? '', ...(m.VersionId ? { VersionId: m.VersionId } : {}) });
      const more = page.IsTruncated === true && objects < COUNT_CAP;
      keyMarker = more ? page.NextKeyMarker : undefined;
      versionMarker = more ? page.NextVersionIdMarker : undefined;
      if (page.IsTruncated === true && !more) {
        return `kept: ${objects}+ objects in s3://${bucket} (${why}; delete it yourself once they are no longer needed)`;
      }
    } while (keyMarker !== undefined);
    if (objects > 0) {
      return `kept: ${objects} object${objects === 1 ? '' : 's'} in s3://${bucket} (${why}; delete it yourself once they are no longer needed)`;
    }
    for (let i = 0; i < markers.length; i += 1000) {
      await s3.send(
        new DeleteObjectsCommand({
          Bucket: bucket,
          Delete: { Objects: markers.slice(i, i + 1000), Quiet: true },
        }),
      );
    }
    await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
    return undefined;
  } catch (err) {
    if (!isNotFound(err)) throw err;
    return undefined;
  }
}

/**
 * The bucket an interrupted run of this step created (read back from the journal), or a new one named `fresh()`,
 * journaled as soon as it exists; either way with all public access blocked.
 */
export async function privateBucket(
  ctx: Pick<ActionContext, 'pool' | 'prior' | 'record' | 'region'>,
  fresh: () => string,
): Promise<string> {
  const s3 = ctx.pool.client(S3Client);
  let bucket = str(ctx.prior.find((c) => c.kind === 'bucket-created')?.bucket);
  if (!bucket) {
    bucket = fresh();
    await s3.send(new CreateBucketCommand({ Bucket: bucket, ...bucketLocation(ctx.region) }));
    await ctx.record({ kind: 'bucket-created', bucket, region: ctx.region });
  }
  await s3.send(
    new PutPublicAccessBlockCommand({
      Bucket: bucket,
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
    }),
  );
  return bucket;
}

/**
 * Undoes the journaled parts of a service role a step made or changed: 'role-policy-put' (deleted),
 * 'role-policy-replaced' (the role's previous inline policy of that name put back) and 'role-created'.
 */
export async function undoServiceRole(ctx: Pick<UndoContext, 'pool'>, change: Change): Promise<void> {
  const iam = ctx.pool.client(IAMClient);
  if (change.kind === 'role-policy-put') {
    await ignoreNotFound(() =>
      iam.send(new DeleteRolePolicyCommand({ RoleName: str(change.role), PolicyName: str(change.policy) })),
    );
  } else if (change.kind === 'role-policy-replaced') {
    // A role deleted since has nothing to restore.
    await ignoreNotFound(() =>
      iam.send(
        new PutRolePolicyCommand({
          RoleName: str(change.role),
          PolicyName: str(change.policy),
          PolicyDocument: str(change.previous),
        }),
      ),
    );
  } else if (change.kind === 'role-created') {
    await ignoreNotFound(() => iam.send(new DeleteRoleCommand({ RoleName: str(change.role) })));
  } else {
    throw new Error(`unknown change ${change.kind}`);
  }
}

/**
 * The role a service assumes for a step: the existing one of that name, used as it is (an earlier run's, or
 * someone's), or a new one trusting `service` from this account only, journaled as 'role-created'.
 */
export async function serviceRole(
  ctx: ActionContext,
  spec: { role: string; service: string; description: string },
): Promise<{ arn: string; existed: boolean }> {
  const iam = ctx.pool.client(IAMClient);
  const fallback = `arn:${ctx.partition}:iam::${ctx.accountId}:role/${spec.role}`;
  try {
    const got = await iam.send(new GetRoleCommand({ RoleName: spec.role }));
    return { arn: got.Role?.Arn ?? fallback, existed: true };
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  const made = await iam.send(
    new CreateRoleCommand({
      RoleName: spec.role,
      Description: spec.description,
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: spec.service },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceAccount': ctx.accountId } },
          },
        ],
      }),
    }),
  );
  await ctx.record({ kind: 'role-created', role: spec.role });
  return { arn: made.Role?.Arn ?? fallback, existed: false };
}

/** The role's inline policy document of that name (decoded), or undefined when it has none of that name. */
export async function rolePolicy(iam: IAMClient, role: string, name: string): Promise<string | undefined> {
  try {
    const out = await iam.send(new GetRolePolicyCommand({ RoleName: role, PolicyName: name }));
    // IAM returns inline policy documents URL-encoded.
    return decodeURIComponent(out.PolicyDocument ?? '');
  } catch (err) {
    if (!isNotFound(err)) throw err;
    return undefined;
  }
}

/** The S3 CreateBucket location: none in us-east-1, the region elsewhere. */
export function bucketLocation(region: string): {
  CreateBucketConfiguration?: { LocationConstraint: never };
} {
  return region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region as never } };
}

export function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A policy document statement list, whatever shape the document came in. */
export function statementsOf(doc: unknown): Record<string, unknown>[] {
  if (typeof doc !== 'object' || doc === null) return [];
  const st = (doc as { Statement?: unknown }).Statement;
  if (Array.isArray(st))
    return st.filter((s): s is Record<string, unknown> => typeof s === 'object' && s !== null);
  return typeof st === 'object' && st !== null ? [st as Record<string, unknown>] : [];
}

/** `value` unless it is missing or empty. */
export function orDefault(value: string | undefined, fallback: string): string {
  if (value === undefined || value === '') return fallback;
  return value;
}

/** The region field of an ARN, or undefined when it has none. */
export function regionOfArn(arn: string): string | undefined {
  const region = arn.split(':')[3];
  if (region === undefined || region === '') return undefined;
  return region;
}
