// `rampart admins --since FILE`: the earlier run to compare with. Takes what a weekly job keeps: the JSON of
// `rampart admins --output json` or `rampart audit --output json`, or the snapshot (or raw
// get-account-authorization-details export) itself, analyzed again.
import { z } from 'zod';
import { formatIssue } from '../../config/errors.js';
import type { AdminStanding } from '../../policy/admin-changes.js';
import { TIERS } from '../../policy/admins.js';
import { looksLikeAuthorizationDetails, snapshotOfAuthorizationDetails } from '../../snapshot/export.js';
import { InputError, parseSnapshot, readInputFile } from '../../snapshot/io.js';
import type { Snapshot } from '../../snapshot/schema.js';
import { CliError } from '../exit-codes.js';
import { parseJsonOr } from '../../json-problem.js';

const standing = z.object({
  principal: z.string(),
  type: z.enum(['user', 'group', 'role']),
  name: z.string(),
  tier: z.enum(TIERS),
  access: z.enum(['unconditional', 'mfa-only', 'conditional']),
});

/** An admins list: `rampart admins` writes accountId, an audit report account.id. Other fields are ignored. */
const adminsList = z.object({
  accountId: z.string().optional(),
  account: z.object({ id: z.string() }).optional(),
  admins: z.array(standing),
});

const WANTED =
  'the JSON of `rampart admins --output json` or `rampart audit --output json`, a Rampart snapshot, or an `aws iam get-account-authorization-details` export';
const EXPECTED = `expected ${WANTED}`;

function sameAccount(file: string, theirs: string | undefined, ours: string): void {
  if (theirs !== undefined && theirs !== ours)
    throw new CliError(`--since ${file}: it is of account ${theirs}, this run is of account ${ours}`);
}

/** The earlier run, read before the account is: its admins list, or the snapshot to analyze again. */
export type SinceRun =
  | { file: string; accountId: string | undefined; admins: AdminStanding[] }
  | { file: string; accountId: string; snapshot: Snapshot };

/**
 * Reads and checks FILE on its own, so a missing or wrong file stops the run before any AWS call (a live
 * collection can take minutes). One that is none of the files above, or a snapshot without the authorization
 * details, is a usage error naming the flag and the file.
 */
export async function openSince(file: string, now: Date): Promise<SinceRun> {
  let text: string;
  try {
    text = await readInputFile(file, WANTED);
  } catch (err) {
    if (err instanceof InputError) throw new CliError(`--since ${err.message}`);
    throw err;
  }
  const json = parseJsonOr(text, (why) => new CliError(`--since ${file}: not valid JSON: ${why}`));
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new CliError(`--since ${file}: ${EXPECTED}`);
  if ('admins' in json && !('slices' in json)) {
    const parsed = adminsList.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new CliError(`--since ${file}: ${issue ? formatIssue(issue, json, adminsList) : EXPECTED}`);
    }
    return { file, accountId: parsed.data.accountId ?? parsed.data.account?.id, admins: parsed.data.admins };
  }
  let snapshot: Snapshot;
  try {
    if (looksLikeAuthorizationDetails(text)) snapshot = snapshotOfAuthorizationDetails(text, file, now);
    else if ('findings' in json) {
      // An audit report of checks that did not need the admin analysis carries no admins list.
      throw new CliError(
        `--since ${file}: an audit report without the admins list (its --checks left out the admin checks); use the JSON of rampart admins --output json`,
      );
    } else if ('schemaVersion' in json) snapshot = parseSnapshot(text, file);
    else throw new CliError(`--since ${file}: ${EXPECTED}`);
  } catch (err) {
    if (err instanceof InputError) throw new CliError(`--since ${err.message}`);
    throw err;
  }
  // A snapshot of a narrowed audit (--checks) may lack the one slice the comparison needs: bad input, not an
  // incomplete run.
  const details = snapshot.slices.authorizationDetails;
  if (details.status !== 'ok') {
    const why = details.status === 'error' ? details.error.message : details.reason;
    throw new CliError(
      `--since ${file}: a snapshot without the authorization details (${why}), so no admins to compare with; use the JSON of rampart admins --output json, or a snapshot that has them`,
    );
  }
  return { file, accountId: snapshot.meta.accountId, snapshot };
}

/**
 * The admins of the earlier run. `analyze` runs the admin analysis when the run is a snapshot. A run of
 * another account is a usage error naming the flag and the file.
 */
export function sinceAdmins(
  run: SinceRun,
  accountId: string,
  analyze: (snapshot: Snapshot) => readonly AdminStanding[],
): AdminStanding[] {
  const { file } = run;
  sameAccount(file, run.accountId, accountId);
  if ('admins' in run) return run.admins;
  return [...analyze(run.snapshot)];
}
