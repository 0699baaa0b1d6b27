import { chmod, mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileProblem, prepareSecretsDir } from './secrets.js';

describe('prepareSecretsDir', () => {
  it('creates a missing directory (and its parents) mode 0700', async () => {
    const root = await mkdtemp(join(tmpdir(), 'rampart-secrets-'));
    const dir = join(root, 'a', 'b');
    expect(await prepareSecretsDir(dir)).toBe(dir);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
  });

  it('refuses a path through a file in one line naming the directory and the flag', async () => {
    const root = await mkdtemp(join(tmpdir(), 'rampart-secrets-'));
    await writeFile(join(root, 'notadir'), 'x');
    const dir = join(root, 'notadir', 'sub');
    await expect(prepareSecretsDir(dir)).rejects.toThrow(
      `the secrets directory ${dir} is not usable (a part of the path is a file, not a directory); pick another with --secrets-dir`,
    );
    await expect(prepareSecretsDir(join(root, 'notadir'))).rejects.toThrow('not a directory');
  });

  it.skipIf(process.getuid?.() === 0)('refuses a directory it may not write to', async () => {
    const root = await mkdtemp(join(tmpdir(), 'rampart-secrets-'));
    await chmod(root, 0o500);
    await expect(prepareSecretsDir(root)).rejects.toThrow('permission denied');
    await chmod(root, 0o700);
  });

  it('fileProblem words the codes it knows and falls back to the code', () => {
    expect(fileProblem(Object.assign(new Error('x'), { code: 'ENOTDIR' }))).toContain('not a directory');
    expect(fileProblem(Object.assign(new Error('x'), { code: 'EIO' }))).toBe('EIO');
    expect(fileProblem(new Error('plain\nsecond line'))).toBe('plain');
  });
});
