import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
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
