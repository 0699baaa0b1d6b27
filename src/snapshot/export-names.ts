import { join } from 'node:path';
import { regionProblem } from '../aws/regions.js';
import { editDistance } from '../config/suggest.js';
import { formsOf } from './import-files.js';
import { commandOf } from './import-reader.js';
import { InputError } from './io.js';

// The file names `rampart import` reads (docs/import.md), taken from the forms the readers build their names
// from (import-files.ts), so the check and the readers cannot disagree. A file it does not read is never
// silent: one of these in another case or format is an error (its slice would be skipped), a bad region too
// (never checked); any other file is a warning, naming the known name it resembles.

/** Exact names. */
const FIXED: readonly string[] = formsOf('fixed').map((f) => f.name);

/** `<prefix><resource>.json`, with what the resource is. */
const PER_RESOURCE = formsOf('perResource').map((f) => [f.prefix, f.what] as const);

/** `<command>.<region>.json`. */
const REGIONAL = formsOf('regional').map((f) => f.command);

/** `<prefix><resource>.<region>.json`. */
const REGIONAL_PER_RESOURCE = formsOf('regionalPerResource').map((f) => [f.prefix, f.what] as const);

const EXAMPLE_REGION = 'us-east-1';

/** Why a regional export's region part is not a region, or undefined when it is one. */
function badRegion(region: string, form: string): string | undefined {
  const problem = regionProblem(region);
  return problem ? `${problem}; expected ${form} with a region such as ${EXAMPLE_REGION}` : undefined;
}

/** A regional export named without its region: the import cannot tell which region it describes. */
const oneRegion = (file: string, form: string, example: string): string =>
  `\`${commandOf(file)}\` answers for one region: name the file ${form} (e.g. ${example})`;

/** A known form: null when the name is right, else what is wrong with it (a bad region); undefined for no known form. */
function knownForm(file: string): string | null | undefined {
  if (FIXED.includes(file)) return null;
  if (!file.endsWith('.json')) return undefined;
  const base = file.slice(0, -'.json'.length);
  for (const [prefix, what] of REGIONAL_PER_RESOURCE) {
    if (!base.startsWith(prefix) || base.length === prefix.length) continue;
    const form = `${prefix}<${what}>.<region>.json`;
    const dot = base.lastIndexOf('.');
    if (dot <= prefix.length)
      return oneRegion(file, `${base}.<region>.json`, `${base}.${EXAMPLE_REGION}.json`);
    return badRegion(base.slice(dot + 1), form) ?? null;
  }
  for (const command of REGIONAL) {
    if (base === command)
      return oneRegion(file, `${command}.<region>.json`, `${command}.${EXAMPLE_REGION}.json`);
    if (base.startsWith(`${command}.`))
      return badRegion(base.slice(command.length + 1), `${command}.<region>.json`) ?? null;
  }
  for (const [prefix] of PER_RESOURCE)
    if (base.startsWith(prefix) && base.length > prefix.length) return null;
  return undefined;
}

/**
 * The known name closest to a file that matches none, when it is close enough to be a misspelling of it.
 * `same`: it is that name in another case or with another extension (.json, .csv, .txt), surely meant as it.
 */
function misspelt(file: string): { name: string; same: boolean } | undefined {
  const lower = file.toLowerCase();
  const stem = (name: string) => name.replace(/\.[a-z]+$/, '');
  const near = (a: string, b: string) => editDistance(a, b) <= Math.max(2, Math.floor(b.length / 10));
  // Not a backup (`.bak`, `.orig`): an export in another case or format.
  const exportLike = /\.(json|csv|txt)$/.test(lower);
  const same = FIXED.find((name) => stem(lower) === stem(name));
  if (same && exportLike) return { name: same, same: true };
  const head = lower.split('.')[0] ?? lower;
  const sameRegional = REGIONAL.find((command) => head === command);
  if (sameRegional && exportLike && file !== lower)
    return { name: `${sameRegional}.<region>.json`, same: true };
  // A typo, or another AWS CLI command of a similar name (list-roles, get-bucket-tagging-...): a hint only.
  const fixed = FIXED.find((name) => near(stem(lower), stem(name)));
  if (fixed) return { name: fixed, same: false };
  const regional = REGIONAL.find((command) => near(head, command));
  if (regional) return { name: `${regional}.<region>.json`, same: false };
  for (const [prefix, what] of [...REGIONAL_PER_RESOURCE, ...PER_RESOURCE]) {
    for (let len = prefix.length - 2; len <= prefix.length + 2; len++) {
      if (near(lower.slice(0, len), prefix)) {
        const regionalForm = REGIONAL_PER_RESOURCE.some(([p]) => p === prefix) ? '.<region>' : '';
        return { name: `${prefix}<${what}>${regionalForm}.json`, same: false };
      }
    }
  }
  return undefined;
}

/**
 * Checks the name of every file in an export directory. Throws InputError (the file and the expected form) for a
 * regional export whose region is not an AWS region and for a known name in another case or format; calls `warn`
 * for any other file the import does not read, with the known name it resembles, if any (a typo, or the output
 * of another AWS CLI command such as `list-roles.json`: refusing it would stop a real export directory). Hidden files (`.DS_Store`) and Rampart's own snapshots are left alone.
 */
export function checkExportNames(
  dir: string,
  files: Iterable<string>,
  warn: (message: string) => void,
): void {
  for (const file of [...files].sort()) {
    // Hidden files, and the snapshot `rampart import .` writes into the directory by default.
    if (file.startsWith('.') || /^rampart-snapshot-.*\.json$/.test(file)) continue;
    const problem = knownForm(file);
    if (problem === null) continue;
    const path = join(dir, file);
    if (problem !== undefined) throw new InputError(`${path}: ${problem}`);
    const guess = misspelt(file);
    if (guess?.same)
      throw new InputError(
        `${path}: not a file rampart import reads; did you mean ${guess.name}? (see docs/import.md)`,
      );
    const hint = guess ? ` (did you mean ${guess.name}?)` : '';
    warn(`${path}: not an export rampart import reads; ignored${hint} (file names: docs/import.md)`);
  }
}
