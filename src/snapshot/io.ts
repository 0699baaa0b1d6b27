import { open, readFile } from 'node:fs/promises';
import { credentialRowProblem } from './credential-report.js';
import { fastParse } from './fast-parse.js';
import { SNAPSHOT_SCHEMA_VERSION, snapshotSchema, type Snapshot } from './schema.js';
import { parseJsonOr } from '../json-problem.js';

/** A snapshot or input file that cannot be used; the message is one line naming the file and what is wrong. */
export class InputError extends Error {
  override name = 'InputError';
}

// Field names that hold secrets in AWS API responses. A snapshot must never contain them.
const SECRET_KEYS = new Set([
  'SecretAccessKey',
  'SessionToken',
  'Password',
  'Base32StringSeed',
  'QRCodePNG',
  'PrivateKey',
  'CertificateChain',
]);

/** Returns the JSON path of the first secret-looking field, if any. */
export function findSecret(value: unknown, path = '$'): string | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findSecret(value[i], `${path}[${i}]`);
      if (hit) return hit;
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_KEYS.has(k)) return `${path}.${k}`;
      const hit = findSecret(v, `${path}.${k}`);
      if (hit) return hit;
    }
  }
  return undefined;
}

export function parseSnapshot(text: string, file: string): Snapshot {
  const json = parseJsonOr(text, (why) => new InputError(`${file}: not valid JSON: ${why}`));
  // Rampart's own outputs are the likeliest mix-up: named, with where snapshots come from.
  const keep = 'keep a snapshot with rampart audit --save-snapshot FILE or rampart collect';
  if (typeof json === 'object' && json !== null && !('slices' in json)) {
    if ('findings' in json) throw new InputError(`${file} is a Rampart report, not a snapshot; ${keep}`);
    if ('admins' in json) throw new InputError(`${file} is a rampart admins list, not a snapshot; ${keep}`);
  }
  if (typeof json !== 'object' || json === null || !('schemaVersion' in json)) {
    throw new InputError(`${file}: not a Rampart snapshot (no schemaVersion field)`);
  }
  const version = json.schemaVersion;
  if (version !== SNAPSHOT_SCHEMA_VERSION) {
    throw new InputError(
      `${file}: snapshot schemaVersion ${JSON.stringify(version)} is not supported (this Rampart reads version ${SNAPSHOT_SCHEMA_VERSION})`,
    );
  }
  // The in-place fast path first; zod itself when it fails, for zod's own message and path.
  const fast = fastParse(snapshotSchema, json);
  const snapshot = fast.ok ? (fast.value as Snapshot) : zodParsed(json, file);
  checkCredentialRows(snapshot, file);
  return snapshot;
}

function zodParsed(json: unknown, file: string): Snapshot {
  const parsed = snapshotSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : '(root)';
    throw new InputError(`${file}: invalid snapshot at ${where}: ${issue?.message ?? 'unknown problem'}`);
  }
  return parsed.data as Snapshot;
}

/** The credential report's values as the import checks them: a hand edit must not pass a check it misreads. */
function checkCredentialRows(snapshot: Snapshot, file: string): void {
  const cr = snapshot.slices.credentialReport;
  if (cr.status !== 'ok') return;
  for (const [i, row] of cr.data.rows.entries()) {
    const problem = credentialRowProblem(row);
    if (problem)
      throw new InputError(
        `${file}: invalid snapshot at slices.credentialReport.data.rows.${String(i)} (user ${row.user}): ${problem}`,
      );
  }
}

/**
 * A whole file as one flat string. Read as bytes and decoded once: reading with an encoding decodes chunk
 * by chunk into a rope that the JSON parser must flatten again (tens of ms on a large snapshot).
 */
export async function readText(file: string): Promise<string> {
  return (await readFile(file)).toString('utf8');
}

/**
 * A file the user named, as text. Missing, a directory or unreadable: an InputError naming the file and, for a
 * directory, what was `expected` instead.
 */
export async function readInputFile(file: string, expected: string): Promise<string> {
  try {
    return await readText(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(
      code === 'ENOENT'
        ? `${file}: no such file`
        : code === 'EISDIR'
          ? `${file}: is a directory, expected ${expected}`
          : `${file}: cannot read (${code ?? 'error'})`,
    );
  }
}

export async function readSnapshot(file: string): Promise<Snapshot> {
  return parseSnapshot(await readInputFile(file, 'a snapshot JSON file'), file);
}

export function serializeSnapshot(snapshot: Snapshot): string {
  const secret = findSecret(snapshot);
  // Defence in depth: schemas already strip these; refuse rather than write a secret to disk.
  if (secret) throw new Error(`refusing to write a snapshot containing a secret-looking field at ${secret}`);
  return `${JSON.stringify(snapshot, null, 2)}\n`;
}

/** Account data: written with mode 0600, also when the file already existed with wider permissions. */
export async function writePrivateFile(file: string, content: string | Uint8Array): Promise<void> {
  // Narrow the mode before writing, so an existing wider file never holds the content (MFA seeds, passwords).
  const handle = await open(file, 'w', 0o600);
  try {
    await handle.chmod(0o600);
    await handle.writeFile(content);
  } finally {
    await handle.close();
  }
}

export async function writeSnapshot(file: string, snapshot: Snapshot): Promise<void> {
  await writePrivateFile(file, serializeSnapshot(snapshot));
}
