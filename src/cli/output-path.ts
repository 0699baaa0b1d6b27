import { constants } from 'node:fs';
import { access, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError } from './exit-codes.js';

/**
 * Refuses, before any work (a live collection takes minutes), a file flag Rampart could not write: the one line
 * names the flag, the path and why. A later failure to write is still possible (disk full), but not likely.
 */
export async function checkOutputPath(flag: string, file: string | undefined, cwd: string): Promise<void> {
  if (file === undefined) return;
  const path = resolve(cwd, file);
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory()) throw new CliError(`${flag} ${file}: is a directory, expected a file path`);
  const dir = dirname(path);
  const parent = await stat(dir).catch((err: unknown) => err as NodeJS.ErrnoException);
  if (parent instanceof Error || !parent.isDirectory()) {
    const missing = parent instanceof Error && parent.code === 'ENOENT';
    throw new CliError(
      `${flag} ${file}: ${dirname(file)} ${missing ? 'does not exist' : 'is not a directory'}`,
    );
  }
  try {
    await access(existing ? path : dir, constants.W_OK);
  } catch {
    throw new CliError(
      `${flag} ${file}: not writable (permission denied on ${existing ? file : dirname(file)})`,
    );
  }
}

/** A file flag and its value; an absent flag is undefined. */
export type FileFlag = readonly [flag: string, file: string | undefined];

/**
 * Refuses an output file that is also an input or another output of the same run (`--snapshot snap.json
 * --output-file snap.json`): the report would replace the snapshot it was made from, which no later run can
 * take again. Paths are compared after resolving symbolic links.
 */
export async function refuseSameFile(
  outputs: readonly FileFlag[],
  inputs: readonly FileFlag[],
  cwd: string,
): Promise<void> {
  const where = async (file: string): Promise<string> => {
    const path = resolve(cwd, file);
    // A file not written yet: its directory's real path.
    return realpath(path).catch(async () =>
      join(await realpath(dirname(path)).catch(() => dirname(path)), basename(path)),
    );
  };
  const seen: { flag: string; file: string; path: string }[] = [];
  for (const [flag, file] of inputs)
    if (file !== undefined) seen.push({ flag, file, path: await where(file) });
  for (const [flag, file] of outputs) {
    if (file === undefined) continue;
    const path = await where(file);
    const other = seen.find((s) => s.path === path);
    if (other)
      throw new CliError(
        `${flag} ${file}: is the ${other.flag} file of this run (${other.file}), which it would overwrite; write it to another file`,
      );
    seen.push({ flag, file, path });
  }
}
