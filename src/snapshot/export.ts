// `--snapshot FILE` (audit and admins) and `admins --since FILE` also read the raw JSON of `aws iam
// get-account-authorization-details` (what admin-listing scripts and Cloudsplaining read): a snapshot with only
// that slice. Light on purpose
// (no collector or AWS SDK module): the engine decodes URL-encoded policy documents itself.
import { TOOL } from '../version.js';
import { authorizationDetailsSchema, type AuthorizationDetails } from './aws-shapes.js';
import { fastParse } from './fast-parse.js';
import { InputError, parseSnapshot } from './io.js';
import {
  SLICE_NAMES,
  SNAPSHOT_SCHEMA_VERSION,
  type SliceName,
  type Slices,
  type Snapshot,
} from './schema.js';
import type { Slice } from './slice.js';
import { parseJsonOr } from '../json-problem.js';

/** True when the text starts like that export rather than a snapshot. */
export const looksLikeAuthorizationDetails = (text: string): boolean =>
  /^\s*\{\s*"(UserDetailList|GroupDetailList|RoleDetailList|Policies)"/.test(text);

export function snapshotOfAuthorizationDetails(text: string, file: string, now: Date): Snapshot {
  const raw = parseJsonOr(text, (why) => new InputError(`${file}: not valid JSON: ${why}`)) as Record<
    string,
    unknown
  >;
  const lists = {
    UserDetailList: raw.UserDetailList ?? [],
    GroupDetailList: raw.GroupDetailList ?? [],
    RoleDetailList: raw.RoleDetailList ?? [],
    Policies: raw.Policies ?? [],
  };
  const fast = fastParse(authorizationDetailsSchema, lists);
  if (!fast.ok) {
    const issue = authorizationDetailsSchema.safeParse(lists).error?.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new InputError(
      `${file}: not the output of aws iam get-account-authorization-details${where}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const data = fast.value as AuthorizationDetails;
  const arn = [...data.UserDetailList, ...data.RoleDetailList, ...data.GroupDetailList][0]?.Arn;
  const account = arn ? /^arn:([^:]+):iam::(\d{12}):/.exec(arn) : null;
  if (!account?.[2]) throw new InputError(`${file}: cannot tell the account id (no user, role or group ARN)`);
  const slices: Partial<Record<SliceName, Slice<unknown>>> = {
    authorizationDetails: { status: 'ok', data },
  };
  for (const name of SLICE_NAMES) {
    slices[name] ??= { status: 'skipped', reason: `${file} holds only the authorization details` };
  }
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    meta: {
      generatedAt: now.toISOString(),
      source: 'import',
      accountId: account[2],
      partition: account[1] ?? 'aws',
      tool: TOOL,
    },
    slices: slices as Slices,
  };
}

/** A snapshot file's text, or the raw get-account-authorization-details export read as one (every `--snapshot`). */
export function parseSnapshotOrExport(text: string, file: string, now: Date): Snapshot {
  return looksLikeAuthorizationDetails(text)
    ? snapshotOfAuthorizationDetails(text, file, now)
    : parseSnapshot(text, file);
}
