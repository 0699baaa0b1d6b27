// Where a command's account data comes from: a snapshot file, the bundled example, or the live account.
// Kept light (no checks, no report renderers) so commands that only read a snapshot start fast.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReportSource } from '../report/model.js';
import { parseSnapshotOrExport } from '../snapshot/export.js';
import { InputError, readInputFile, readSnapshot } from '../snapshot/io.js';
import type { SliceName, Snapshot } from '../snapshot/schema.js';
import { CliError } from './exit-codes.js';
import type { CliIo, Messages } from './io.js';
import { collectLive, openSession, type AwsFlags } from './live.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The bundled example: a brand-new account (root in use, no users, no password policy, no trail). */
export const EXAMPLE_SNAPSHOT = join(here, '..', '..', 'examples', 'fresh-account.json');

export function parseChoice<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new CliError(`${flag}: '${value}' is not one of ${allowed.join(', ')}`);
}

/** The items of a comma-separated flag value (`--checks a,b`), trimmed, empty ones dropped. */
export const commaList = (value: string): string[] =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const AWS_FLAG_NAMES: readonly [keyof AwsFlags, string][] = [
  ['profile', '--profile'],
  ['region', '--region'],
  ['endpointUrl', '--endpoint-url'],
];

export interface SourceFlags extends AwsFlags {
  snapshot?: string;
  example?: boolean;
}

/**
 * The "now" of every judgement on a snapshot (credential and key ages, unused-credential windows, root sign-ins,
 * attestation and suppression expiry, time conditions in policies): when the snapshot was taken. Live, that is
 * the collection time; for a saved snapshot, the bundled example or an export, its `meta.generatedAt`, so an
 * old snapshot audited again gives the findings it gave when it was taken, and ages count from the same instant
 * as the report's header. Every command that judges a snapshot takes its clock from here.
 */
export function snapshotTime(snapshot: Snapshot): Date {
  return new Date(snapshot.meta.generatedAt);
}

/**
 * `only`: from the live account, collect just these slices (and what they depend on); files are read whole.
 * `now` is snapshotTime(snapshot).
 */
export async function loadSnapshot(
  flags: SourceFlags,
  io: CliIo,
  msg: Messages,
  only?: readonly SliceName[],
): Promise<{ snapshot: Snapshot; source: ReportSource; now: Date }> {
  const { snapshot, source } = await readSource(flags, io, msg, only);
  return { snapshot, source, now: snapshotTime(snapshot) };
}

async function readSource(
  flags: SourceFlags,
  io: CliIo,
  msg: Messages,
  only: readonly SliceName[] | undefined,
): Promise<{ snapshot: Snapshot; source: ReportSource }> {
  if (flags.snapshot && flags.example) throw new CliError('--snapshot and --example cannot be used together');
  const offline = flags.snapshot ? '--snapshot' : flags.example ? '--example' : undefined;
  if (offline) {
    // Said, not refused: a script may pass its usual AWS flags; the user must not think the account was read.
    const ignored = AWS_FLAG_NAMES.filter(([key]) => flags[key] !== undefined).map(([, name]) => name);
    if (ignored.length > 0)
      msg.warn(`${ignored.join(', ')} ignored with ${offline}: the file is read and AWS is not called`);
  }
  if (flags.example) {
    // The example is a picture of one day: judged as of its capture (snapshotTime), its root sign-ins and key
    // ages never drift out of their windows as the calendar moves on.
    return { snapshot: await readSnapshot(EXAMPLE_SNAPSHOT), source: 'example' };
  }
  if (flags.snapshot) {
    // A snapshot, or the raw `aws iam get-account-authorization-details` export read as one (taken now: the
    // export carries no time of its own).
    const file = flags.snapshot;
    try {
      const text = await readInputFile(file, 'a snapshot JSON file');
      return { snapshot: parseSnapshotOrExport(text, file, io.now()), source: 'snapshot' };
    } catch (err) {
      if (err instanceof InputError) throw new CliError(err.message);
      throw err;
    }
  }
  const pool = await openSession(flags, io, msg);
  return { snapshot: await collectLive(pool, io, msg, only), source: 'live' };
}
