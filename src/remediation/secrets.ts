import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';

/** A file-system failure in a few words: what went wrong, not a stack trace. */
export function fileProblem(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOTDIR':
    case 'EEXIST':
      return 'a part of the path is a file, not a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on the device';
    case undefined:
      return (err instanceof Error ? err.message.split('\n')[0] : String(err)) ?? 'unknown error';
    default:
      return code;
  }
}

/**
 * Makes sure `dir` exists (created mode 0700) and this process may write into it. Called before a step creates a
 * secret (a password, an access key, an MFA seed) that only a file will hold, so a bad --secrets-dir fails the step
 * before AWS changes anything.
 */
export async function prepareSecretsDir(dir: string): Promise<string> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await access(dir, constants.W_OK | constants.X_OK);
  } catch (err) {
    throw new Error(
      `the secrets directory ${dir} is not usable (${fileProblem(err)}); pick another with --secrets-dir`,
      { cause: err },
    );
  }
  return dir;
}
